//! Import, step 3: the plan. Every source page with where it goes in the new site, the address
//! it had in the source (so links written as URLs can be followed), and the files to copy.
//!
//! Reads the source's files (the only step besides `detect` that does) and decides names;
//! converts nothing. Index files (`README.md`, `index.md`, `_index.md`, a `foo.md` beside a
//! `foo/` folder) become section pages; `.mdx` and Docusaurus' number prefixes are dropped.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use walkdir::WalkDir;

use super::detect::{Generator, Layout};
use super::front_matter::{map_front_matter, split, PageMeta};
use super::paths::{destinations, post_date, slash_path, source_url};
pub(crate) use super::paths::{file_name, join, norm_url, number_prefix, parent};

/// One source page and where it goes.
#[derive(Debug)]
pub(crate) struct SourcePage {
    /// Relative to the source's content folder, `/`-separated.
    pub(crate) src_rel: String,
    /// Relative to the new site's `content/`.
    pub(crate) dest_rel: String,
    pub(crate) text: String,
    pub(crate) meta: PageMeta,
    /// Byte offset of the body in `text`.
    pub(crate) body_offset: usize,
    /// Front matter that could not be read: the block and why.
    pub(crate) unreadable: Option<(String, String)>,
    /// The page's address in the source site, normalized by [`norm_url`].
    pub(crate) url: String,
}

impl SourcePage {
    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    pub(crate) fn is_section(&self) -> bool {
        self.dest_rel == "_index.md" || self.dest_rel.ends_with("/_index.md")
    }
}

#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) pages: Vec<SourcePage>,
    pub(crate) by_src: HashMap<String, usize>,
    /// Normalized source address (own URL, permalink, old addresses) -> page.
    pub(crate) by_url: HashMap<String, usize>,
    /// Files copied as they are: (source, destination relative to the new site's root).
    pub(crate) assets: Vec<(PathBuf, String)>,
    /// Source files not imported, with why.
    pub(crate) skipped: Vec<(String, String)>,
    /// Folders of the new site (relative to `content/`) that get a generated section page.
    pub(crate) new_sections: Vec<String>,
}

impl Plan {
    pub(crate) fn page_by_url(&self, url: &str) -> Option<&SourcePage> {
        self.by_url.get(&norm_url(url)).map(|&i| &self.pages[i])
    }
}

use super::paths::PAGE_EXTENSIONS;

/// Walks the content folder and plans every page and file. `out` (the new site) is skipped
/// when it lies inside the source.
pub(crate) fn plan(layout: &Layout, out: &Path) -> Result<Plan> {
    let mut plan = Plan::default();
    let generator = layout.generator;
    let out = out.canonicalize().ok();
    let mut files = Vec::new();
    let walker = WalkDir::new(&layout.content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let skip_dir = e.depth() > 0
                && e.file_type().is_dir()
                && (name.starts_with('.')
                    || matches!(
                        name.as_ref(),
                        "node_modules" | "_site" | "vendor" | "public"
                    )
                    || (name.starts_with('_')
                        && name != "_posts"
                        && generator_hides_underscore(generator)));
            let is_out = out
                .as_ref()
                .is_some_and(|o| e.path().canonicalize().ok().as_ref() == Some(o));
            !(skip_dir || is_out || (e.depth() > 0 && name.starts_with('.')))
        });
    for entry in walker {
        let entry =
            entry.with_context(|| format!("cannot read {}", layout.content_dir.display()))?;
        if entry.file_type().is_file() {
            let rel = slash_path(
                entry
                    .path()
                    .strip_prefix(&layout.content_dir)
                    .unwrap_or(entry.path()),
            );
            files.push((entry.path().to_path_buf(), rel));
        }
    }
    let exclude = super::detect::string_list(&layout.config, "exclude");
    let mut page_files = Vec::new();
    for (path, rel) in files {
        let ext = rel
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        if exclude
            .iter()
            .any(|x| rel == *x || rel.starts_with(&format!("{}/", x.trim_end_matches('/'))))
        {
            plan.skipped
                .push((rel, "listed under `exclude` in the source's config".into()));
        } else if PAGE_EXTENSIONS.contains(&ext.as_str()) {
            if generator == Generator::Jekyll && !rel.contains('/') && is_repo_file(&rel) {
                plan.skipped
                    .push((rel, "a repository file, not a page".into()));
            } else {
                page_files.push((path, rel));
            }
        } else if matches!(
            ext.as_str(),
            "html" | "njk" | "liquid" | "hbs" | "11tydata.js"
        ) || rel.ends_with(".11tydata.json")
            || rel.ends_with(".11tydata.js")
        {
            plan.skipped.push((rel, "a template, not a Markdown page: bridgebook makes its own layout and home page; move any text worth keeping into a page".into()));
        } else if file_name(&rel).starts_with("_category_.") {
            plan.skipped
                .push((rel, "read for the section's title and order".into()));
        } else if generator == Generator::Jekyll && !rel.contains('/') {
            plan.skipped.push((
                rel,
                "a file at the top of a Jekyll site, not site content".into(),
            ));
        } else {
            plan.assets.push((path, format!("content/{rel}")));
        }
    }
    for (dir, into) in &layout.static_dirs {
        for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
            if entry.file_type().is_file() {
                let rel = slash_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
                let dest = [into.as_str(), rel.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("/");
                plan.assets
                    .push((entry.path().to_path_buf(), format!("static/{dest}")));
            }
        }
    }
    if generator == Generator::Hugo {
        // Markdown inside a leaf bundle (a folder with `index.md`) is the bundle's resource,
        // read by shortcodes such as `readfile`, not a page of its own.
        let bundles: HashSet<String> = page_files
            .iter()
            .filter(|(_, rel)| file_name(rel) == "index.md")
            .map(|(_, rel)| parent(rel).to_string())
            .collect();
        let in_bundle = |rel: &str| {
            let mut dir = parent(rel);
            let own = file_name(rel) == "index.md";
            if own {
                dir = parent(dir);
            }
            loop {
                if bundles.contains(dir) && !(own && dir == parent(rel)) {
                    return true;
                }
                if dir.is_empty() {
                    return false;
                }
                dir = parent(dir);
            }
        };
        let (resources, pages): (Vec<_>, Vec<_>) =
            page_files.into_iter().partition(|(_, rel)| in_bundle(rel));
        for (path, rel) in resources {
            // bridgebook reads every `.md` under content/ as a page: resources go to static/.
            plan.skipped.push((rel.clone(), format!("Markdown inside a Hugo page bundle is read by shortcodes, not shown as a page: copied to static/{rel}")));
            plan.assets.push((path, format!("static/{rel}")));
        }
        page_files = pages;
    }
    let dests = destinations(generator, page_files.iter().map(|(_, rel)| rel.as_str()));
    let mut taken = HashSet::new();
    for (path, rel) in page_files {
        let text = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let Ok(text) = String::from_utf8(text) else {
            plan.skipped.push((
                rel,
                "not UTF-8 text: convert it to UTF-8 and import again".into(),
            ));
            continue;
        };
        let mut dest = dests[&rel].clone();
        while !taken.insert(dest.clone()) {
            let stem = dest.trim_end_matches(".md");
            dest = format!("{stem}-2.md");
        }
        let split = split(&text);
        let body_offset = text.len() - split.body.len();
        let mut meta = map_front_matter(&split.front, generator == Generator::Docusaurus);
        if generator == Generator::Jekyll && rel.starts_with("_posts/") {
            post_date(&rel, &mut meta);
        }
        let url = source_url(generator, &rel, &meta);
        plan.pages.push(SourcePage {
            src_rel: rel,
            dest_rel: dest,
            body_offset,
            unreadable: split.unreadable,
            meta,
            url,
            text: text.clone(),
        });
    }
    // Docusaurus' `slug: /` makes a doc the home page.
    if !plan.pages.iter().any(|p| p.dest_rel == "_index.md") {
        if let Some(home) = plan
            .pages
            .iter_mut()
            .find(|p| p.meta.slug.as_deref() == Some("/"))
        {
            home.dest_rel = "_index.md".into();
        }
    }
    index_urls(&mut plan, generator);
    plan.new_sections = missing_sections(&plan);
    Ok(plan)
}

fn generator_hides_underscore(generator: Generator) -> bool {
    matches!(
        generator,
        Generator::Jekyll | Generator::Eleventy | Generator::Docusaurus
    )
}

fn is_repo_file(rel: &str) -> bool {
    let stem = rel.split('.').next().unwrap_or("").to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "CHANGELOG" | "CONTRIBUTING" | "CODE_OF_CONDUCT" | "SECURITY"
    )
}

/// Every address a page answers to in the source: its own, and its old ones.
fn index_urls(plan: &mut Plan, generator: Generator) {
    for (i, page) in plan.pages.iter().enumerate() {
        plan.by_src.insert(page.src_rel.clone(), i);
        plan.by_url.entry(page.url.clone()).or_insert(i);
        if generator == Generator::Docusaurus {
            if let Some(rest) = page.url.strip_prefix("docs/") {
                plan.by_url.entry(rest.to_string()).or_insert(i);
            }
        }
    }
    for (i, page) in plan.pages.iter().enumerate() {
        for alias in &page.meta.aliases {
            let url = if alias.starts_with('/') || generator != Generator::Hugo {
                norm_url(alias)
            } else {
                norm_url(&format!("{}/../{alias}", page.url))
            };
            plan.by_url.entry(url).or_insert(i);
        }
    }
}

/// Folders of the new site with pages but no section page.
fn missing_sections(plan: &Plan) -> Vec<String> {
    let dests: HashSet<&str> = plan.pages.iter().map(|p| p.dest_rel.as_str()).collect();
    let mut missing = BTreeMap::new();
    for page in &plan.pages {
        let mut dir = parent(&page.dest_rel);
        if page.is_section() || file_name(&page.dest_rel) == "index.md" {
            dir = parent(dir);
        }
        while !dir.is_empty() {
            if !dests.contains(join(dir, "_index.md").as_str()) {
                missing.insert(dir.to_string(), ());
            }
            dir = parent(dir);
        }
    }
    // The home page: "" stands for `content/_index.md`.
    if !dests.contains("_index.md") {
        missing.insert(String::new(), ());
    }
    missing.into_keys().collect()
}
