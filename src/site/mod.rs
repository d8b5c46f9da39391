//! The pipeline driver: the one place that knows the order of the stages.
//!
//! load (config, content, theme) -> parse (front matter, tree, glossary) -> render (Markdown,
//! templates) -> write (staging folder, swapped in at the end). Problems from every stage are
//! collected; if any is an error nothing is swapped in and the previous site stays as it was.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use crate::check::{apply_levels, lint_site, today, LintInput};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::generated::sitemap::{redirect_page, sitemap};
use crate::generated::taxonomy::{render_taxonomies, GeneratedContext, Listings};
use crate::load::content::{load_content, LoadedContent};
use crate::load::theme::{load_theme, ThemeAsset};
use crate::model::config::{parse_config, Config, CONFIG_FILE};
use crate::model::glossary::{parse_glossary, Glossary, GLOSSARY_URL};
use crate::model::tree::{build_tree, PageId, SiteTree};
use crate::output::{SiteWriter, Staging};
use crate::render::markdown::{ExternalLink, LinkTargets};
use crate::render::page::{root_prefix, RenderEnv, RenderedPage};
use crate::render::template::{SiteView, Templates};
use crate::search::{render_search_page, SearchCollector};

pub(crate) struct BuildOptions {
    pub(crate) root: PathBuf,
    /// Where to write the site; `None` renders everything and writes nothing (`check`).
    pub(crate) output: Option<PathBuf>,
    pub(crate) base_url: Option<String>,
    pub(crate) drafts: bool,
    /// Also run the site-wide lints of `check` (freshness, owners, orphans, ...).
    pub(crate) lint: bool,
    /// With `lint`: list each glossary term's tooltip phrases (`check --tooltips`).
    pub(crate) tooltip_phrases: bool,
    /// For `serve`: links stay relative whatever `base_url` says, so the local copy works.
    pub(crate) local: bool,
}

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
    /// Pages linked from some other page's body.
    linked: HashSet<String>,
    external_links: Vec<ExternalLink>,
    headings: HashMap<String, Vec<String>>,
    linked_by: HashMap<String, Vec<PageId>>,
    /// Indexable pages, when the site has search and is being written.
    search: Option<SearchCollector>,
    /// Per glossary term (index): the pages that explain it with a tooltip.
    term_pages: Vec<Vec<PageId>>,
    /// Every tooltip shown, for `check --tooltips`.
    tooltip_uses: Vec<crate::render::tooltips::TooltipUse>,
}

/// Reads and validates `bridgebook.yaml`; `None` when it has errors (already pushed).
pub(crate) fn load_config(
    root: &Path,
    base_url: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Config>> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            anyhow::bail!("there is no {CONFIG_FILE} in {}: run bridgebook in a site folder, pass one with --root, or create a site with `bridgebook new DIR`", root.display())
        }
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut config = parse_config(Path::new(CONFIG_FILE), &text, diagnostics);
    if let (Some(config), Some(base)) = (&mut config, base_url) {
        config.base_url = Some(if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        });
    }
    Ok(config)
}

/// Everything loaded and parsed for one site: what rendering needs. `serve` keeps it between
/// saves so that one edited page is re-rendered without reading the rest again.
pub(crate) struct LoadedSite {
    pub(crate) config: Config,
    pub(crate) stylesheet: String,
    pub(crate) tree: SiteTree,
    pub(crate) glossary: Option<Glossary>,
    pub(crate) templates: Templates,
    pub(crate) targets: LinkTargets,
    pub(crate) assets: Vec<crate::load::content::Asset>,
    pub(crate) theme_assets: Vec<(String, ThemeAsset)>,
    /// Heading ids of every page, by source path, for links to `page.md#heading`.
    pub(crate) headings: HashMap<String, Vec<String>>,
    /// Source path -> the pages whose bodies link to it.
    pub(crate) linked_by: HashMap<String, Vec<PageId>>,
    /// The search index's pages, kept by `serve` to update one page's entries after a save.
    pub(crate) search: Option<SearchCollector>,
    /// Pages `serve` re-rendered whose search entries are not updated yet.
    pub(crate) search_pending: Vec<(PageId, RenderedPage)>,
    /// Tooltips, tracks, page dates.
    pub(crate) aware: crate::render::aware::AwareEnv,
    /// `serve` only: the generated pages written so far, to skip the unchanged ones.
    pub(crate) generated_memo: Option<crate::render::page::GeneratedMemo>,
}

impl LoadedSite {
    pub(crate) fn env(&self) -> RenderEnv<'_> {
        RenderEnv {
            config: &self.config,
            tree: &self.tree,
            targets: &self.targets,
            templates: &self.templates,
            site: SiteView::new(&self.config, &self.stylesheet),
            has_glossary: self.glossary.is_some(),
            aware: &self.aware,
            memo: self.generated_memo.as_ref(),
        }
    }
}

/// What the audience-aware features need from the whole site: when each page last changed
/// (one `git log`), the reading tracks, the glossary's tooltip matcher, today.
fn load_aware(
    root: &Path,
    config: &Config,
    tree: &SiteTree,
    glossary: Option<&Glossary>,
    diagnostics: &mut Diagnostics,
) -> crate::render::aware::AwareEnv {
    let changed = crate::load::dates::last_changed(
        root,
        tree.pages
            .iter()
            .filter(|p| !p.text.is_empty())
            .map(|p| p.site_path.as_path()),
    );
    let tracks = crate::model::tracks::resolve_tracks(config, tree, diagnostics);
    let tooltips = glossary
        .filter(|_| config.tooltips)
        .and_then(crate::render::tooltips::Tooltips::new);
    crate::render::aware::AwareEnv::new(tree, tooltips, tracks, &changed, today())
}

/// Builds the site. `Err` is for I/O and usage problems (exit 2); problems in the site itself
/// come back in the report's diagnostics (exit 1).
pub(crate) fn build_site(options: &BuildOptions) -> Result<BuildReport> {
    build_site_keeping(options).map(|(report, _)| report)
}

/// [`build_site`], also handing back the loaded site when it built without errors.
pub(crate) fn build_site_keeping(
    options: &BuildOptions,
) -> Result<(BuildReport, Option<LoadedSite>)> {
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
    let env = site.env();
    let mut facts = render_all(&env, staging.as_ref(), &mut diagnostics)?;
    // The glossary page lists the pages that use each term: known once every page is rendered.
    site.aware.term_pages = std::mem::take(&mut facts.term_pages);
    let env = site.env();
    // The search index is put together while the generated pages render: merging and
    // sharding it is mostly one thread's work, which would otherwise leave a core idle.
    let (generated, search_files) = rayon::join(
        || {
            render_generated(
                &env,
                site.glossary.as_ref(),
                &Listings::All,
                staging.as_ref().map(|s| s as &dyn SiteWriter),
                &mut diagnostics,
            )
        },
        || {
            let search = facts.search.as_ref().filter(|_| staging.is_some())?;
            Some(search.files())
        },
    );
    generated?;
    if let (Some(files), Some(staging)) = (search_files, &staging) {
        write_search(&env, &files, staging, &mut diagnostics)?;
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
        let input = LintInput {
            tree: &site.tree,
            linked: &facts.linked,
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
    }
    let diagnostics = apply_levels(&site.config, diagnostics);
    if let Some(staging) = &staging {
        copy_assets(staging, &site.assets, &site.theme_assets)?;
    }
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
    site.headings = facts.headings;
    site.linked_by = facts.linked_by;
    if options.local {
        site.search = facts.search;
    }
    Ok((report, ok.then_some(site)))
}

/// Load and parse stages. `None` when the config or the templates are unusable (the problems
/// are in `diagnostics`); otherwise the site, even if some pages had problems.
fn load_site(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Result<Option<LoadedSite>> {
    let Some(mut config) = load_config(&options.root, options.base_url.as_deref(), diagnostics)?
    else {
        return Ok(None);
    };
    if options.local {
        config.base_url = None;
    }
    let LoadedContent {
        sources,
        assets,
        glossary,
    } = load_content(&options.root, diagnostics);
    let theme = load_theme(&options.root, &config, diagnostics);
    let stylesheet = theme
        .stylesheet()
        .context("cannot read the theme's stylesheet")?;
    let tree = build_tree(sources, &config, options.drafts, diagnostics);
    let glossary =
        glossary.and_then(|(path, text)| parse_glossary(&path, text, &config, diagnostics));
    // With templates in hand, render even when earlier stages found problems, so that one run
    // also reports broken links and template errors; nothing is written in that case.
    let templates = match Templates::compile(theme.templates) {
        Ok(t) => t,
        Err(diag) => {
            diagnostics.push(diag);
            return Ok(None);
        }
    };
    let targets = link_targets(&tree, &assets, &theme.assets, glossary.is_some());
    if let Some(glossary) = &glossary {
        glossary.check_links(|p| tree.by_source.contains_key(p), diagnostics);
    }
    let aware = load_aware(
        &options.root,
        &config,
        &tree,
        glossary.as_ref(),
        diagnostics,
    );
    Ok(Some(LoadedSite {
        aware,
        config,
        stylesheet,
        tree,
        glossary,
        templates,
        targets,
        assets,
        theme_assets: theme.assets,
        headings: HashMap::new(),
        linked_by: HashMap::new(),
        search: None,
        search_pending: Vec::new(),
        generated_memo: options.local.then(Default::default),
    }))
}

fn link_targets(
    tree: &SiteTree,
    assets: &[crate::load::content::Asset],
    theme_assets: &[(String, ThemeAsset)],
    has_glossary: bool,
) -> LinkTargets {
    let mut targets = LinkTargets::default();
    for page in &tree.pages {
        targets
            .pages
            .insert(page.rel_path.clone(), page.url.clone());
    }
    for rel in &tree.unparsed {
        targets.pages.entry(rel.clone()).or_default();
    }
    if has_glossary {
        targets.pages.insert(
            crate::load::content::GLOSSARY_FILE.to_string(),
            GLOSSARY_URL.to_string(),
        );
    }
    targets.urls = targets.pages.values().cloned().collect();
    targets.files = assets
        .iter()
        .map(|a| a.dest.clone())
        .chain(theme_assets.iter().map(|(dest, _)| dest.clone()))
        .collect::<HashSet<_>>();
    targets
}

/// Renders every page in parallel and writes each as soon as it is done, so memory holds the
/// tree, not the finished site.
fn render_all(
    env: &RenderEnv,
    staging: Option<&Staging>,
    diagnostics: &mut Diagnostics,
) -> Result<RenderFacts> {
    let headings: Mutex<HashMap<String, Vec<String>>> = Mutex::new(HashMap::new());
    let search =
        (env.config.search.enabled && staging.is_some()).then(|| SearchCollector::new(env.config));
    let results: Vec<Result<RenderedPage>> = env
        .tree
        .page_ids()
        .into_par_iter()
        .map(|id| {
            let rendered = env.render_page(id);
            let page = &env.tree.pages[id];
            if let Some(staging) = staging {
                // Written whatever its diagnostics say: a warning informs and never changes
                // what is written, and a build with errors discards the whole staging folder.
                staging
                    .write(&format!("{}index.html", page.url), rendered.html.as_bytes())
                    .with_context(|| {
                        format!("cannot write the page for {}", page.site_path.display())
                    })?;
                for alias in &page.fm.aliases {
                    let from = alias.trim_matches('/');
                    let depth = from.split('/').filter(|s| !s.is_empty()).count();
                    let target = format!("{}{}", root_prefix(env.config, depth), page.url);
                    staging.write(
                        &format!("{from}/index.html"),
                        redirect_page(&target).as_bytes(),
                    )?;
                }
            }
            if let Some(search) = &search {
                search.add_page(env.tree, id, &rendered.plain_text, &rendered.headings);
            }
            let mut rendered = rendered;
            headings
                .lock()
                .expect("no thread panics while holding it")
                .insert(
                    page.rel_path.clone(),
                    std::mem::take(&mut rendered.heading_ids),
                );
            // Only the links, anchors and diagnostics are needed after this point: dropping the
            // HTML and the text (already indexed) keeps the whole site's worth out of memory.
            rendered.html = String::new();
            rendered.plain_text = String::new();
            rendered.headings = Vec::new();
            rendered
                .page_links
                .retain(|target| *target != page.rel_path);
            Ok(rendered)
        })
        .collect();
    let headings = headings
        .into_inner()
        .expect("no thread panics while holding it");
    let mut facts = RenderFacts {
        search,
        ..RenderFacts::default()
    };
    for (id, result) in results.into_iter().enumerate() {
        let rendered = result?;
        for tip in rendered.tooltip_uses {
            if facts.term_pages.len() <= tip.term {
                facts.term_pages.resize_with(tip.term + 1, Vec::new);
            }
            facts.term_pages[tip.term].push(id);
            facts.tooltip_uses.push(tip);
        }
        diagnostics.extend(rendered.diagnostics);
        for target in &rendered.page_links {
            facts.linked_by.entry(target.clone()).or_default().push(id);
        }
        facts.linked.extend(rendered.page_links);
        facts.external_links.extend(rendered.external_links);
        for link in rendered.anchor_links {
            if env.tree.unparsed.contains(&link.target) {
                continue;
            }
            let ids = headings.get(link.target.as_str());
            if !ids.is_some_and(|ids| ids.contains(&link.anchor)) {
                diagnostics.push(link.report(ids.map(Vec::as_slice)));
            }
        }
    }
    facts.headings = headings;
    check_aliases(env.tree, diagnostics);
    Ok(facts)
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
    env: &RenderEnv,
    files: &[(String, String)],
    staging: &Staging,
    diagnostics: &mut Diagnostics,
) -> Result<()> {
    match render_search_page(env) {
        Ok((path, html)) => staging.write(&path, html.as_bytes())?,
        Err(diag) => diagnostics.push(diag),
    }
    files
        .par_iter()
        .try_for_each(|(path, text)| staging.write(path, text.as_bytes()))
        .context("cannot write the search index")
}

fn check_aliases(tree: &SiteTree, diagnostics: &mut Diagnostics) {
    let urls: HashSet<&str> = tree.pages.iter().map(|p| p.url.as_str()).collect();
    for page in &tree.pages {
        for alias in &page.fm.aliases {
            let normal = format!("{}/", alias.trim_matches('/'));
            if urls.contains(normal.as_str()) || alias.split('/').any(|s| s == "..") {
                let diag = Diagnostic::error(
                    "alias-collision",
                    format!("alias \"{alias}\" is the address of an existing page"),
                )
                .help("remove the alias, or move the page that lives there");
                let (line, col) = page
                    .text
                    .lines()
                    .enumerate()
                    .find_map(|(i, l)| l.find(alias.as_str()).map(|c| (i + 1, c + 1)))
                    .unwrap_or((1, 1));
                let location = Location::new(&page.site_path, line, col, alias.chars().count());
                diagnostics.push(diag.at_source(location, &page.text));
            }
        }
    }
}

/// Taxonomies, the glossary page, 404 and the sitemap.
pub(crate) fn render_generated(
    env: &RenderEnv,
    glossary: Option<&Glossary>,
    listings: &Listings,
    staging: Option<&dyn SiteWriter>,
    diagnostics: &mut Diagnostics,
) -> Result<()> {
    let mut pages: Vec<(String, String)> = Vec::new();
    match render_taxonomies(env, listings) {
        Ok(list) => pages.extend(list),
        Err(diag) => diagnostics.push(diag),
    }
    if listings.wants(|id| crate::generated::review::needs_review(env, id)) {
        match crate::generated::review::render_needs_review(env) {
            Ok(list) => pages.extend(list),
            Err(diag) => diagnostics.push(diag),
        }
    }
    match crate::generated::review::render_tracks(env) {
        Ok(list) => pages.extend(list),
        Err(diag) => diagnostics.push(diag),
    }
    pages.extend(crate::generated::feeds::render_feeds(env));
    let nav = env.nav(usize::MAX);
    let uses_glossary = |id| env.aware.term_pages.iter().any(|pages| pages.contains(&id));
    if let Some(glossary) = glossary.filter(|_| listings.wants(uses_glossary)) {
        pages.extend(crate::generated::glossary::render_glossary(
            env,
            glossary,
            &nav,
            diagnostics,
        ));
    }
    // The 404 page is served at any depth, so its links start from the site's root.
    let root = env
        .config
        .base_url
        .clone()
        .unwrap_or_else(|| "/".to_string());
    let context = GeneratedContext {
        site: &env.site,
        root: &root,
        page: env.generated_view("Page not found", None, "404.html", ""),
        nav: &nav,
        own: (),
    };
    match env.render_generated_page("404.html", "404.html", &context, None) {
        Ok(html) => pages.extend(html.map(|html| ("404.html".to_string(), html))),
        Err(diag) => diagnostics.push(diag),
    }
    if let Some(base) = &env.config.base_url {
        let urls = env.tree.pages.iter().map(|p| {
            (
                p.url.as_str(),
                p.fm.updated.or(p.fm.date).map(|d| d.to_string()),
            )
        });
        let extra = glossary.into_iter().flat_map(glossary_urls);
        pages.push(("sitemap.xml".to_string(), sitemap(base, urls.chain(extra))));
    }
    if let Some(staging) = staging {
        pages
            .par_iter()
            .try_for_each(|(path, html)| staging.write(path, html.as_bytes()))
            .context("cannot write generated pages")?;
    }
    Ok(())
}

/// The glossary's pages, for the sitemap.
fn glossary_urls(glossary: &Glossary) -> Vec<(&str, Option<String>)> {
    let mut urls = vec![(GLOSSARY_URL, None)];
    if glossary.split {
        let mut pages: Vec<&str> = glossary.terms.iter().map(|t| t.page.as_str()).collect();
        pages.dedup();
        urls.extend(pages.into_iter().map(|p| (p, None)));
    }
    urls
}

fn copy_assets(
    staging: &Staging,
    assets: &[crate::load::content::Asset],
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
