//! The driver's record of how pages link to each other: each page's heading ids and, for each
//! page, the pages whose bodies link to it.
//!
//! A full build fills it from every page and an edit updates the pages it re-rendered; both
//! check `#anchor` links with [`LinkGraph::check_anchors`], so a heading removed in one page
//! is reported the same way on the pages that link to it, whether `build` or `serve` finds it.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Diagnostics;
use crate::model::tree::{PageId, SiteTree};
use crate::render::markdown::AnchorLink;

#[derive(Default)]
pub(crate) struct LinkGraph {
    /// Heading ids of every page, by source path (relative to `content/`).
    headings: HashMap<String, Vec<String>>,
    /// Source path -> the pages whose bodies link to it (never the page itself).
    linked_by: HashMap<String, Vec<PageId>>,
    /// Source path of a snippet or page -> the pages that include it.
    included_by: HashMap<String, Vec<PageId>>,
}

impl LinkGraph {
    /// Records the heading ids page `id` has now.
    pub(crate) fn set_headings(&mut self, tree: &SiteTree, id: PageId, ids: Vec<String>) {
        self.headings.insert(tree.pages[id].rel_path.clone(), ids);
    }

    /// Records the pages `from`'s body links to (`targets`, source paths), replacing what it
    /// linked to before.
    pub(crate) fn set_links(&mut self, tree: &SiteTree, from: PageId, targets: &[String]) {
        for pages in self.linked_by.values_mut() {
            pages.retain(|&p| p != from);
        }
        self.add_links(tree, from, targets);
    }

    /// [`LinkGraph::set_links`] for a page not recorded yet (a full build, page by page).
    pub(crate) fn add_links(&mut self, tree: &SiteTree, from: PageId, targets: &[String]) {
        let own = &tree.pages[from].rel_path;
        for target in targets.iter().filter(|t| *t != own) {
            self.linked_by.entry(target.clone()).or_default().push(from);
        }
    }

    /// Records the files page `from` includes (source paths), replacing what it included.
    pub(crate) fn set_includes(&mut self, from: PageId, files: &[String]) {
        for pages in self.included_by.values_mut() {
            pages.retain(|&p| p != from);
        }
        for file in files {
            self.included_by.entry(file.clone()).or_default().push(from);
        }
    }

    /// The pages that include the file at `rel` (a snippet, or a page's part).
    pub(crate) fn including(&self, rel: &str) -> &[PageId] {
        self.included_by.get(rel).map_or(&[], Vec::as_slice)
    }

    /// The pages whose bodies link to the page at `rel`.
    pub(crate) fn linking_to(&self, rel: &str) -> &[PageId] {
        self.linked_by.get(rel).map_or(&[], Vec::as_slice)
    }

    /// The pages some other page's body links to, by source path (for the orphan lint).
    pub(crate) fn linked_pages(&self) -> HashSet<String> {
        self.linked_by
            .iter()
            .filter(|(_, from)| !from.is_empty())
            .map(|(rel, _)| rel.clone())
            .collect()
    }

    /// Pushes the problem of each link whose `#anchor` is not a heading of its page. `fresh`
    /// holds the heading ids of pages rendered again but not recorded yet, which win over the
    /// recorded ones. Links into pages that did not parse are left alone: their own error is
    /// the one to fix.
    pub(crate) fn check_anchors<'a>(
        &self,
        tree: &SiteTree,
        links: impl IntoIterator<Item = &'a AnchorLink>,
        fresh: &HashMap<&str, &[String]>,
        diagnostics: &mut Diagnostics,
    ) {
        for link in links {
            if tree.unparsed.contains(&link.target) {
                continue;
            }
            let ids = fresh
                .get(link.target.as_str())
                .copied()
                .or_else(|| self.headings.get(&link.target).map(Vec::as_slice));
            if !ids.is_some_and(|ids| ids.contains(&link.anchor)) {
                diagnostics.push(link.report(ids));
            }
        }
    }
}
