//! The driver's full build: load, render every page in parallel (each written as soon as it
//! is done, and each print page as soon as its last page is, so memory holds the tree, not
//! the finished site), check links across pages, render the generated pages while the search
//! index is put together, lint (`check`), copy the assets, and swap the staging folder in
//! when nothing is an error.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use super::links::LinkGraph;
use super::load::load_site;
use super::{BuildOptions, Site};
use crate::check::aliases::check_aliases;
use crate::check::{apply_levels, lint_site, today, LintInput};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::generated::print::{print_docs, PrintPart, PrintParts, PrintQueue, PrintScope};
use crate::generated::redirects::redirect_page;
use crate::generated::search::render_search_page;
use crate::generated::{render_generated, GeneratedInput, Listings};
use crate::load::content::Asset;
use crate::load::theme::ThemeAsset;
use crate::model::tree::{PageId, SiteTree};
use crate::output::Staging;
use crate::render::links::root_prefix;
use crate::render::markdown::ExternalLink;
use crate::render::page::{RenderEnv, RenderedPage};
use crate::render::tooltips::TooltipUse;
use crate::search::SearchCollector;

pub(crate) struct BuildReport {
    pub(crate) pages: usize,
    pub(crate) sections: usize,
    pub(crate) elapsed: Duration,
    pub(crate) diagnostics: Diagnostics,
    /// Links to other sites, for `check --external`.
    pub(crate) external_links: Vec<ExternalLink>,
}

/// What rendering learned about the site as a whole, for the lints and later stages.
#[derive(Default)]
struct RenderFacts {
    external_links: Vec<ExternalLink>,
    /// Heading ids of every page and who links to whom.
    links: LinkGraph,
    /// Indexable pages, when the site has search and is being written.
    search: Option<SearchCollector>,
    /// Per glossary term (index): the pages that explain it with a tooltip.
    term_pages: Vec<Vec<PageId>>,
    /// Every tooltip shown, for `check --tooltips`.
    tooltip_uses: Vec<TooltipUse>,
    /// Whether some page has a diagram (the diagram script is written only then).
    has_diagram: bool,
    /// Problems rendering the print pages, in the order of their documents.
    print_problems: Vec<Diagnostic>,
    /// Every page's body, for `serve` (empty otherwise: the print pages are written).
    print_parts: PrintParts,
}

/// Builds the site. `Err` is for I/O and usage problems (exit 2); problems in the site itself
/// come back in the report's diagnostics (exit 1).
pub(crate) fn build_site(options: &BuildOptions) -> Result<BuildReport> {
    build_site_keeping(options).map(|(report, _)| report)
}

/// [`build_site`], also handing back the loaded site when it built without errors.
pub(crate) fn build_site_keeping(options: &BuildOptions) -> Result<(BuildReport, Option<Site>)> {
    let started = Instant::now();
    let mut diagnostics = Diagnostics::default();
    let report = |diagnostics: Diagnostics, pages: usize, sections: usize| BuildReport {
        pages,
        sections,
        elapsed: started.elapsed(),
        diagnostics,
        external_links: Vec::new(),
    };
    if let Some(output) = &options.output {
        crate::output::check_output_dir(&options.root, output)?;
    }
    let Some(mut site) = load_site(options, &mut diagnostics)? else {
        return Ok((report(diagnostics, 0, 0), None));
    };
    // Levels first: whether anything is written is decided on what the config makes errors.
    let mut diagnostics = apply_levels(&site.config, diagnostics);
    let output = if diagnostics.has_errors() {
        None
    } else {
        options.output.as_ref()
    };
    let staging = output
        .map(|out| Staging::create(&options.root, out))
        .transpose()?;
    let (env, gen_input) = (site.env(), site.generated());
    // The print pages are rendered while the pages are, each as soon as its last page is.
    let mut print_diagnostics = Diagnostics::default();
    let docs = print_docs(&gen_input, &PrintScope::All, &mut print_diagnostics);
    let print = PrintQueue::new(docs, site.tree.pages.len(), options.local);
    let mut facts = render_all(&env, &gen_input, staging.as_ref(), &print, &mut diagnostics)?;
    facts.print_parts = print.into_parts();
    // The glossary page lists the pages that use each term: known once every page is rendered.
    site.aware.term_pages = std::mem::take(&mut facts.term_pages);
    let gen_input = site.generated();
    // The search index is put together while the generated pages render: merging and
    // sharding it is mostly one thread's work, which would otherwise leave a core idle.
    let (generated, search_files) = rayon::join(
        || {
            let pages = render_generated(
                &gen_input,
                site.glossary.as_ref(),
                &Listings::All,
                &mut diagnostics,
            );
            diagnostics.extend(print_diagnostics.iter().cloned());
            diagnostics.extend(std::mem::take(&mut facts.print_problems));
            match &staging {
                Some(staging) => write_all(staging, &pages).context("cannot write generated pages"),
                None => Ok(()),
            }
        },
        || {
            let search = facts.search.as_ref().filter(|_| staging.is_some())?;
            Some(search.files())
        },
    );
    generated?;
    if let (Some(files), Some(staging)) = (search_files, &staging) {
        write_search(&gen_input, &files, staging, &mut diagnostics)?;
    }
    if options.lint {
        let glossary_pages = site
            .glossary
            .iter()
            .flat_map(|g| {
                g.terms
                    .iter()
                    .flat_map(|t| t.entry.see_also.iter().cloned())
            })
            .collect();
        let linked = facts.links.linked_pages();
        let input = LintInput {
            tree: &site.tree,
            linked: &linked,
            glossary_pages: &glossary_pages,
            today: today(),
        };
        lint_site(&input, &mut diagnostics);
        if let Some(glossary) = &site.glossary {
            crate::check::glossary::lint_aliases(glossary, &mut diagnostics);
            if options.tooltip_phrases || site.config.checks.contains_key("tooltip-phrases") {
                crate::check::glossary::list_tooltip_phrases(
                    glossary,
                    &facts.tooltip_uses,
                    &mut diagnostics,
                );
            }
        }
        let enabled = |code: crate::diagnostic::Code| {
            crate::check::level_of(&site.config, code) != Some(crate::model::config::Level::Off)
        };
        let prose = crate::check::prose::ProseInput {
            config: &site.config,
            tree: &site.tree,
            glossary: site.glossary.as_ref(),
            only: options.changed.as_ref(),
            enabled: &enabled,
        };
        diagnostics.extend(crate::check::prose::lint_prose(&prose));
    }
    let diagnostics = apply_levels(&site.config, diagnostics);
    if let Some(staging) = &staging {
        copy_assets(staging, &site.assets, &site.theme_assets)?;
        if facts.has_diagram {
            for (path, bytes) in crate::render::diagrams::files() {
                staging.write(path, bytes)?;
            }
        }
    }
    site.has_diagram = facts.has_diagram;
    let ok = !diagnostics.has_errors();
    let (pages, sections) = match (&staging, ok) {
        // What the summary counts is what was written: every page of the tree is looked for.
        (Some(staging), true) => written_pages(&site.tree, |rel| staging.contains(rel))?,
        _ => (
            site.tree.pages.len() - site.tree.sections.len(),
            site.tree.sections.len(),
        ),
    };
    if let (Some(staging), true) = (staging, ok) {
        staging.commit()?;
        if let Some(memo) = &site.generated_memo {
            memo.commit();
        }
    }
    let mut report = report(diagnostics, pages, sections);
    report.external_links = facts.external_links;
    site.links = facts.links;
    if options.local {
        site.search = facts.search;
        site.print_parts = facts.print_parts;
    }
    Ok((report, ok.then_some(site)))
}

/// Renders every page in parallel and writes each as soon as it is done, and each print page
/// of `print` as soon as its last page is, so memory holds the tree, not the finished site.
/// Then checks what needs every page: `#anchor` links.
fn render_all(
    env: &RenderEnv,
    gen_input: &GeneratedInput,
    staging: Option<&Staging>,
    print: &PrintQueue,
    diagnostics: &mut Diagnostics,
) -> Result<RenderFacts> {
    let search =
        (env.config.search.enabled && staging.is_some()).then(|| SearchCollector::new(env.config));
    let print_problems = Mutex::new(Vec::new());
    let print_docs = |docs: Vec<usize>| -> Result<()> {
        for doc in docs {
            if let Some(problem) = write_print_page(gen_input, print, doc, staging)? {
                print_problems
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((doc, problem));
            }
        }
        Ok(())
    };
    print_docs(print.ready_now())?;
    let results: Vec<Result<RenderedPage>> = env
        .tree
        .page_ids()
        .into_par_iter()
        .map(|id| {
            let mut rendered = env.render_page(id);
            if let Some(staging) = staging {
                write_page(env, staging, id, &rendered)?;
            }
            if let Some(search) = &search {
                search.add_page(env.tree, id, &rendered.plain_text, &rendered.headings);
            }
            // Only the links, anchors and diagnostics are needed after this point: dropping the
            // HTML and the text (already indexed) keeps the whole site's worth out of memory.
            rendered.html = String::new();
            rendered.plain_text = String::new();
            rendered.headings = Vec::new();
            let body = std::mem::take(&mut rendered.body_html);
            let toc = std::mem::take(&mut rendered.toc);
            let url = &env.tree.pages[id].url;
            let base_url = env.config.base_url.as_deref();
            print_docs(print.add(id, || PrintPart::new(url, &body, base_url, toc)))?;
            Ok(rendered)
        })
        .collect();
    let mut print_problems = print_problems
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    print_problems.sort_by_key(|(doc, _)| *doc);
    let mut facts = RenderFacts {
        search,
        print_problems: print_problems.into_iter().map(|(_, d)| d).collect(),
        ..RenderFacts::default()
    };
    let mut pages = Vec::with_capacity(results.len());
    for (id, result) in results.into_iter().enumerate() {
        let mut rendered = result?;
        let heading_ids = std::mem::take(&mut rendered.heading_ids);
        facts.links.set_headings(env.tree, id, heading_ids);
        pages.push(rendered);
    }
    let mut shared = HashSet::new();
    for (id, rendered) in pages.into_iter().enumerate() {
        for tip in rendered.tooltip_uses {
            if facts.term_pages.len() <= tip.term {
                facts.term_pages.resize_with(tip.term + 1, Vec::new);
            }
            facts.term_pages[tip.term].push(id);
            facts.tooltip_uses.push(tip);
        }
        // A problem in a snippet is the same on every page that includes it: reported once.
        let own = &env.tree.pages[id].site_path;
        diagnostics.extend(
            rendered
                .diagnostics
                .into_iter()
                .filter(|d| d.path().is_none_or(|p| p == own) || shared.insert(d.render())),
        );
        facts.has_diagram |= rendered.has_diagram;
        facts.links.add_links(env.tree, id, &rendered.page_links);
        if !rendered.included.is_empty() {
            facts.links.set_includes(id, &rendered.included);
        }
        facts.external_links.extend(rendered.external_links);
        let fresh = HashMap::new();
        facts
            .links
            .check_anchors(env.tree, &rendered.anchor_links, &fresh, diagnostics);
    }
    check_aliases(env.tree, diagnostics);
    Ok(facts)
}

/// A content page's file and the redirect pages of its aliases.
fn write_page(
    env: &RenderEnv,
    staging: &Staging,
    id: PageId,
    rendered: &RenderedPage,
) -> Result<()> {
    let page = &env.tree.pages[id];
    // Written whatever its diagnostics say: a warning informs and never changes what is
    // written, and a build with errors discards the whole staging folder.
    staging
        .write(&format!("{}index.html", page.url), rendered.html.as_bytes())
        .with_context(|| format!("cannot write the page for {}", page.site_path.display()))?;
    for alias in &page.fm.aliases {
        let from = alias.trim_matches('/');
        let depth = from.split('/').filter(|s| !s.is_empty()).count();
        let target = format!("{}{}", root_prefix(env.config, depth), page.url);
        staging.write(
            &format!("{from}/index.html"),
            redirect_page(&target).as_bytes(),
        )?;
    }
    Ok(())
}

/// Renders print document `doc` of `print` and writes it; `Some` is a problem in its template.
fn write_print_page(
    gen_input: &GeneratedInput,
    print: &PrintQueue,
    doc: usize,
    staging: Option<&Staging>,
) -> Result<Option<Diagnostic>> {
    match print.render(gen_input, doc) {
        Ok(Some((path, html))) => {
            if let Some(staging) = staging {
                staging
                    .write(&path, html.as_bytes())
                    .context("cannot write a print page")?;
            }
            Ok(None)
        }
        Ok(None) => Ok(None),
        Err(diag) => Ok(Some(diag)),
    }
}

/// Writes `(path, text)` files in parallel.
fn write_all(staging: &Staging, files: &[(String, String)]) -> std::io::Result<()> {
    files
        .par_iter()
        .try_for_each(|(path, text)| staging.write(path, text.as_bytes()))
}

/// Counts the pages and sections written, looking for each page of the tree in the output.
/// A page the tree counts without its file is a bug in bridgebook, never a silent gap: the
/// build stops (exit 2) before the new site replaces the old one.
fn written_pages(tree: &SiteTree, exists: impl Fn(&str) -> bool) -> Result<(usize, usize)> {
    let missing: Vec<String> = tree
        .pages
        .iter()
        .filter(|page| !exists(&format!("{}index.html", page.url)))
        .map(|page| crate::diagnostic::display_path(&page.site_path))
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "internal error: {} page{} counted but not written: {}; nothing was replaced. This is a bug in bridgebook: please report it with the page's file",
            missing.len(),
            if missing.len() == 1 { " was" } else { "s were" },
            missing.join(", ")
        );
    }
    let sections = tree.pages.iter().filter(|p| p.is_section).count();
    Ok((tree.pages.len() - sections, sections))
}

/// The search index and its results page.
fn write_search(
    gen_input: &GeneratedInput,
    files: &[(String, String)],
    staging: &Staging,
    diagnostics: &mut Diagnostics,
) -> Result<()> {
    match render_search_page(gen_input) {
        Ok((path, html)) => staging.write(&path, html.as_bytes())?,
        Err(diag) => diagnostics.push(diag),
    }
    write_all(staging, files).context("cannot write the search index")
}

fn copy_assets(
    staging: &Staging,
    assets: &[Asset],
    theme_assets: &[(String, ThemeAsset)],
) -> Result<()> {
    for (dest, asset) in theme_assets {
        match asset {
            ThemeAsset::Builtin(bytes) => staging.write(dest, bytes)?,
            ThemeAsset::File(path) => staging
                .copy(path, dest)
                .with_context(|| format!("cannot copy {}", path.display()))?,
        }
    }
    assets.par_iter().try_for_each(|a| {
        staging
            .copy(&a.source, &a.dest)
            .with_context(|| format!("cannot copy {}", a.source.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tree::Page;
    use std::path::PathBuf;

    #[test]
    fn a_page_counted_but_not_written_is_an_internal_error() {
        let page = |rel: &str, url: &str, is_section| Page {
            rel_path: rel.to_string(),
            site_path: PathBuf::from(format!("content/{rel}")),
            text: String::new(),
            body_offset: 0,
            fm: Default::default(),
            url: url.to_string(),
            section: 0,
            is_section,
        };
        let tree = SiteTree {
            pages: vec![
                page("_index.md", "", true),
                page("a.md", "a/", false),
                page("b/c.md", "b/c/", false),
            ],
            ..SiteTree::default()
        };
        assert_eq!(written_pages(&tree, |_| true).unwrap(), (2, 1));
        let err = written_pages(&tree, |rel| rel != "b/c/index.html").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("internal error: 1 page was counted but not written: content/b/c.md;"),
            "{err}"
        );
    }
}
