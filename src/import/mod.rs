//! `bridgebook import`: a bridgebook site from a handbook written for Jekyll, Eleventy, Hugo,
//! MkDocs or Docusaurus.
//!
//! detect (which generator, where its pages are) -> plan (each page's new path and old
//! address) -> nav (order and titles) -> convert (each page, in parallel) -> write (a staging
//! folder inside the target, moved into place by [`Imported::commit`]). Everything it cannot
//! convert stays in the page as written and is listed in `import-report.md`.

mod anchors;
mod callout;
mod convert;
pub(crate) mod detect;
mod front_matter;
mod kramdown;
mod links;
mod nav;
mod paths;
mod plan;
pub(crate) mod report;
mod scan;
mod tabs;
mod template;
mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use rayon::prelude::*;

pub(crate) use detect::Generator;
use report::Report;
use write::Staging;

pub(crate) struct ImportOptions {
    pub(crate) source: PathBuf,
    pub(crate) out: PathBuf,
    pub(crate) from: Option<Generator>,
}

/// A converted site, staged inside the target folder and not yet moved into place.
pub(crate) struct Imported {
    staging: Staging,
    created: bool,
    pub(crate) report: Report,
    title: String,
    description: Option<String>,
    /// Site parameters the pages used, written under `values:`.
    values: std::collections::BTreeMap<String, String>,
    pub(crate) elapsed: Duration,
}

pub(crate) fn import(options: &ImportOptions) -> Result<Imported> {
    let started = Instant::now();
    let source = &options.source;
    if !source.is_dir() {
        bail!(
            "{} is not a folder; give the folder of the handbook to import",
            source.display()
        );
    }
    if options.out.canonicalize().ok() == source.canonicalize().ok() {
        bail!(
            "the new site cannot go into the source folder itself; choose another folder with -o"
        );
    }
    let generator = match options.from {
        Some(generator) => generator,
        None => detect::detect(source)?,
    };
    let layout = detect::layout(source, generator)?;
    let created = !options.out.exists();
    let staging = Staging::open(&options.out)?;
    match stage(&layout, staging, options, created) {
        Ok(mut imported) => {
            imported.elapsed = started.elapsed();
            Ok(imported)
        }
        Err(err) => Err(err),
    }
}

fn stage(
    layout: &detect::Layout,
    mut staging: Staging,
    options: &ImportOptions,
    created: bool,
) -> Result<Imported> {
    let plan = match plan::plan(layout, &options.out) {
        Ok(plan) => plan,
        Err(err) => {
            staging.discard(created);
            return Err(err);
        }
    };
    let nav = nav::navigation(layout, &plan);
    let (aliases, alias_notes) = convert::decide_aliases(&plan, layout.generator);
    let site = convert::Site {
        plan: &plan,
        nav: &nav,
        generator: layout.generator,
        aliases: &aliases,
        params: &layout.params,
    };
    let pages: Vec<convert::PageOut> = (0..plan.pages.len())
        .into_par_iter()
        .map(|i| convert::convert_page(&site, i))
        .collect();
    let mut report = Report {
        source: options.source.display().to_string(),
        generator: layout.generator.name().to_string(),
        pages: pages.len(),
        sections_created: plan.new_sections.len(),
        skipped: plan.skipped.clone(),
        nav_sources: nav.sources.clone(),
        nav_unresolved: nav.unresolved.clone(),
        ..Report::default()
    };
    for (i, note) in alias_notes {
        report
            .notes
            .push((format!("content/{}", plan.pages[i].dest_rel), note));
    }
    let mut values = std::collections::BTreeMap::new();
    let result = (|| -> Result<()> {
        let mut images = BTreeSet::new();
        for page in &pages {
            let shown = format!("content/{}", page.dest_rel);
            staging.write(&shown, page.text.as_bytes())?;
            report
                .findings
                .extend(page.found.iter().cloned().map(|f| (shown.clone(), f)));
            report
                .notes
                .extend(page.notes.iter().map(|n| (shown.clone(), n.clone())));
            for key in &page.extra_keys {
                *report.extra_keys.entry(key.clone()).or_default() += 1;
            }
            report.links_rewritten += page.links_rewritten;
            report.ids_pinned += page.ids_pinned;
            images.extend(page.images.iter().cloned());
            values.extend(page.values.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        for dir in &plan.new_sections {
            let key = plan::join(dir, "_index.md");
            let title = match nav.titles.get(&key) {
                Some(title) => title.clone(),
                None if dir.is_empty() => site_title(layout, &options.source),
                None => convert::words_of(plan::file_name(dir)),
            };
            let mut fm = serde_yaml::Mapping::new();
            fm.insert("title".into(), title.into());
            fm.insert("audience".into(), vec!["everyone"].into());
            if let Some(weight) = nav.weights.get(&key) {
                fm.insert("weight".into(), (*weight).into());
            }
            let yaml = serde_yaml::to_string(&fm)?;
            staging.write(
                &format!("content/{key}"),
                format!("---\n{yaml}---\n").as_bytes(),
            )?;
        }
        let copied: BTreeSet<&str> = plan.assets.iter().map(|(_, d)| d.as_str()).collect();
        for (from, dest) in &plan.assets {
            staging.copy(from, dest)?;
            report.files_copied += 1;
        }
        for image in images.iter().filter(|i| !i.contains("://")) {
            let dest = format!("static/{image}");
            let from = layout.root.join(image);
            if from.is_file() && !copied.contains(dest.as_str()) {
                staging.copy(&from, &dest)?;
                report.files_copied += 1;
            }
        }
        Ok(())
    })();
    if let Err(err) = result {
        staging.discard(created);
        return Err(err);
    }
    Ok(Imported {
        staging,
        created,
        report,
        title: site_title(layout, &options.source),
        description: layout.description.clone(),
        values,
        elapsed: Duration::ZERO,
    })
}

fn site_title(layout: &detect::Layout, source: &Path) -> String {
    layout
        .title
        .clone()
        .unwrap_or_else(|| convert::words_of(&folder_name(source)))
}

fn folder_name(path: &Path) -> String {
    path.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Handbook".into())
}

impl Imported {
    /// The staged site's folder: a complete site, to check before it is moved into place.
    pub(crate) fn root(&self) -> &Path {
        self.staging.root()
    }

    /// Writes `bridgebook.yaml` with these problem codes relaxed to warnings.
    pub(crate) fn write_config(&mut self, relaxed: &[(String, usize)]) -> Result<()> {
        let text = write::config_text(
            &self.title,
            self.description.as_deref(),
            &self.report.source,
            relaxed,
            &self.values,
        );
        self.report.relaxed = relaxed.to_vec();
        self.staging.write("bridgebook.yaml", text.as_bytes())
    }

    /// Writes the report and moves the site into the target folder.
    pub(crate) fn commit(mut self, remaining_errors: Vec<(String, usize)>) -> Result<Report> {
        self.report.remaining_errors = remaining_errors;
        let text = self.report.render();
        self.staging.write(write::REPORT_FILE, text.as_bytes())?;
        self.staging.commit()?;
        Ok(self.report)
    }

    pub(crate) fn discard(self) {
        self.staging.discard(self.created);
    }
}
