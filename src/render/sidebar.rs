//! Stage 3, render: the sidebar, written as HTML in Rust.
//!
//! Every page shows the top-level entries and the branch that leads to its own section, the
//! current page marked. The theme used to build it with a recursive Tera macro, one call per
//! link on every page, fed by a tree of nav items copied into the template context: a fifth of
//! a build's instructions (docs/benchmarks.md). Here it is one walk over the tree appending to
//! one string, with the markup the macro wrote; templates print it as `{{ sidebar | safe }}`.
//! Pure.

use crate::html::push_escaped_html;
use crate::model::glossary::GLOSSARY_URL;
use crate::model::tree::{PageId, SectionId, SiteTree, HOME};

/// The site's sidebar, written for one page at a time with that page's way back to the site
/// root. Built once per build and shared by every page, generated ones too.
pub(crate) struct Sidebar<'a> {
    tree: &'a SiteTree,
    /// Links after the tree's entries (title, URL): the glossary, the reading tracks.
    extra: Vec<(&'static str, &'static str)>,
}

impl<'a> Sidebar<'a> {
    /// The sidebar of `tree`, with links to the glossary and the reading tracks when the site
    /// has them.
    pub(crate) fn new(tree: &'a SiteTree, has_glossary: bool, has_tracks: bool) -> Self {
        let glossary = has_glossary.then_some(("Glossary", GLOSSARY_URL));
        let tracks = has_tracks.then_some(("Reading tracks", crate::model::tracks::TRACKS_URL));
        Sidebar {
            tree,
            extra: glossary.into_iter().chain(tracks).collect(),
        }
    }

    /// The `<li>` items of the sidebar's list as page `current` shows it, the branch that
    /// leads to it opened (`None`: a page bridgebook generates, which opens no branch); links
    /// start with `root`.
    pub(crate) fn html(&self, root: &str, current: Option<PageId>) -> String {
        let path = match current {
            Some(page) => self.tree.ancestors(self.tree.pages[page].section),
            None => vec![HOME],
        };
        let mut out = String::with_capacity(8 * 1024);
        self.write_children(&mut out, HOME, &path, current, root);
        for (title, url) in &self.extra {
            let item = Item {
                title,
                url,
                audience: &[],
                roles: &[],
                active: false,
                current: false,
            };
            item.open(&mut out, root);
            out.push_str("</li>");
        }
        out
    }

    /// A section's pages, then its subsections; subsections on `path` are opened.
    fn write_children(
        &self,
        out: &mut String,
        section: SectionId,
        path: &[SectionId],
        current: Option<PageId>,
        root: &str,
    ) {
        let tree = self.tree;
        let s = &tree.sections[section];
        for &id in &s.pages {
            let is_current = current == Some(id);
            Item::of(tree, id, is_current, is_current).open(out, root);
            out.push_str("</li>");
        }
        for &sub in &s.subsections {
            let id = tree.sections[sub].page;
            let on_path = path.contains(&sub);
            Item::of(tree, id, on_path, current == Some(id)).open(out, root);
            if on_path {
                let s = &tree.sections[sub];
                if !s.pages.is_empty() || !s.subsections.is_empty() {
                    out.push_str("<ul>");
                    self.write_children(out, sub, path, current, root);
                    out.push_str("</ul>");
                }
            }
            out.push_str("</li>");
        }
    }
}

/// One entry: a link, on the path to the current page (`active`) or the page itself.
struct Item<'a> {
    /// Inline HTML, escaped already.
    title: &'a str,
    url: &'a str,
    /// Audience and role ids, for the view-as switcher.
    audience: &'a [String],
    roles: &'a [String],
    active: bool,
    current: bool,
}

impl<'a> Item<'a> {
    fn of(tree: &'a SiteTree, id: PageId, active: bool, current: bool) -> Self {
        let page = &tree.pages[id];
        Item {
            title: &page.fm.title_html,
            url: &page.url,
            audience: &page.fm.audience,
            roles: &page.fm.roles,
            active,
            current,
        }
    }

    /// Writes the `<li>` and its link; the caller closes it, after any children.
    fn open(&self, out: &mut String, root: &str) {
        out.push_str("<li");
        if self.active {
            out.push_str(" class=\"active\"");
        }
        for (name, ids) in [("audience", self.audience), ("roles", self.roles)] {
            if !ids.is_empty() {
                out.push_str(" data-");
                out.push_str(name);
                out.push_str("=\"");
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    push_escaped_html(out, id);
                }
                out.push('"');
            }
        }
        out.push_str("><a href=\"");
        push_escaped_html(out, root);
        push_escaped_html(out, self.url);
        out.push('"');
        if self.current {
            out.push_str(" aria-current=\"page\"");
        }
        out.push('>');
        out.push_str(self.title);
        out.push_str("</a>");
    }
}
