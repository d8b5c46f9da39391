//! The driver: the one place that knows the order of the stages, for a whole build and for
//! one edited page. `serve` asks it; it never parses or renders by itself.
//!
//! A build (`build.rs`): load (config, content, theme, dates: `load.rs`) -> parse (front
//! matter, tree, glossary) -> render (pages in parallel, then the generated pages) -> index
//! (search) -> write (a staging folder, swapped in at the end). An edit (`edit.rs`): the saved
//! page read and parsed again, the pages it can change rendered again, and the files to write
//! handed back. Both check `#anchor` links and keep who-links-to-whom in one [`LinkGraph`],
//! and both keep the search index. Problems from every stage are collected; if any is an
//! error, nothing is written and the previous site stays as it was.

mod build;
mod edit;
mod links;
mod load;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::generated::print::PrintParts;
use crate::generated::{GeneratedInput, GeneratedMemo};
use crate::load::content::Asset;
use crate::load::theme::ThemeAsset;
use crate::model::config::Config;
use crate::model::glossary::Glossary;
use crate::model::tree::{PageId, SiteTree};
use crate::render::aware::AwareEnv;
use crate::render::context::SiteView;
use crate::render::includes::Snippet;
use crate::render::markdown::LinkTargets;
use crate::render::page::RenderEnv;
use crate::render::sidebar::Sidebar;
use crate::render::template::Templates;
use crate::search::SearchCollector;

pub(crate) use build::{build_site, build_site_keeping};
pub(crate) use edit::{EditOutcome, Reach};
use links::LinkGraph;

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
    /// `check --changed`: the files to run the prose rules on (paths from the site root).
    pub(crate) changed: Option<HashSet<PathBuf>>,
}

/// Everything loaded and parsed for one site, and what rendering learned about it. `serve`
/// keeps it between saves, so that an edited page is rendered again without reading the
/// rest of the site.
pub(crate) struct Site {
    root: PathBuf,
    config: Config,
    stylesheet: String,
    tree: SiteTree,
    glossary: Option<Glossary>,
    templates: Templates,
    targets: LinkTargets,
    assets: Vec<Asset>,
    /// Markdown files pages include, by path relative to `content/` (never pages themselves).
    snippets: HashMap<String, Snippet>,
    theme_assets: Vec<(String, ThemeAsset)>,
    /// Heading ids of every page and who links to whom.
    links: LinkGraph,
    /// The search index's pages, kept by `serve` to update one page's entries after a save.
    search: Option<SearchCollector>,
    /// Pages `serve` re-rendered whose search entries are not updated yet: their text and
    /// their headings' texts.
    search_pending: Vec<(PageId, String, Vec<String>)>,
    /// Tooltips, tracks, page dates.
    aware: AwareEnv,
    /// `serve` only: the generated pages written so far, to skip the unchanged ones.
    generated_memo: Option<GeneratedMemo>,
    /// Whether the diagram script is in the site (some page has a diagram).
    has_diagram: bool,
    /// `serve` only: every page's body, for the print pages of its section and tracks.
    print_parts: PrintParts,
}

impl Site {
    /// What rendering a page needs.
    fn env(&self) -> RenderEnv<'_> {
        RenderEnv {
            config: &self.config,
            tree: &self.tree,
            targets: &self.targets,
            templates: &self.templates,
            site: SiteView::new(&self.config, &self.stylesheet),
            sidebar: self.sidebar(),
            aware: &self.aware,
            snippets: &self.snippets,
        }
    }

    /// What the generated pages are made from (with `aware.term_pages` known once every page
    /// is rendered).
    fn generated(&self) -> GeneratedInput<'_> {
        GeneratedInput {
            config: &self.config,
            tree: &self.tree,
            targets: &self.targets,
            templates: &self.templates,
            site: SiteView::new(&self.config, &self.stylesheet),
            nav: self.sidebar(),
            aware: &self.aware,
            memo: self.generated_memo.as_ref(),
        }
    }

    fn sidebar(&self) -> Sidebar<'_> {
        Sidebar::new(
            &self.tree,
            self.glossary.is_some(),
            !self.aware.tracks.is_empty(),
        )
    }

    /// Whether `rel` (relative to `content/`) is one of the site's pages.
    pub(crate) fn has_page(&self, rel: &str) -> bool {
        self.tree.by_source.contains_key(rel)
    }

    /// Whether `rel` (relative to `content/`) is a snippet pages include.
    pub(crate) fn has_snippet(&self, rel: &str) -> bool {
        self.snippets.contains_key(rel)
    }

    /// Whether `path` is a file the site copies as it is.
    pub(crate) fn has_asset(&self, path: &Path) -> bool {
        self.assets.iter().any(|a| a.source == path)
    }

    /// Whether edited pages wait for their search entries to be rewritten.
    pub(crate) fn search_behind(&self) -> bool {
        !self.search_pending.is_empty()
    }

    /// The search index files, with the entries of every page edited since the last call
    /// replaced; `None` when no edit waits. `serve` writes them once the folder is quiet, so a
    /// reader sees an edited page at once and search a moment later.
    pub(crate) fn updated_search_files(&mut self) -> Option<Vec<(String, String)>> {
        let pending = std::mem::take(&mut self.search_pending);
        let search = self.search.as_ref().filter(|_| !pending.is_empty())?;
        for (id, text, headings) in &pending {
            search.replace_page(&self.tree, *id, text, headings);
        }
        Some(search.files())
    }
}
