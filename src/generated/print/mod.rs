//! Print pages: each section (`<section>/print/`) and each reading track
//! (`tracks/<id>/print/`) as one document to read on paper or save as PDF: a table of
//! contents, then every page in reading order (a section's own page, its pages, then its
//! subsections' in the sidebar's order; a track's steps), each starting on a new sheet.
//!
//! Pure: built from the bodies the pages were already rendered to ([`PrintParts`], kept by
//! the driver), never rendering Markdown again; `(path, html)` out. A print page holds its
//! own pages and nothing of the rest of the site, so its size grows with its section only.
//! The page needs no JavaScript: the template is a plain document with print CSS.

mod rewrite;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::tree::{PageId, SectionId, SiteTree, HOME};
use crate::render::markdown::TocEntry;
use crate::render::page::{root_prefix, RenderEnv};
use crate::render::template::{PageView, SiteView};
use rewrite::{page_anchor, part_id, Document};

/// The folder of a section's or a track's print page, below its URL.
pub(crate) const PRINT_DIR: &str = "print/";

/// One page's body as it was rendered (links from that page), and its `h2` headings: what a
/// print document includes of it.
#[derive(Default)]
pub(crate) struct PrintPart {
    pub(crate) html: String,
    /// `(id, text)` of each `h2`.
    pub(crate) headings: Vec<(String, String)>,
}

impl PrintPart {
    pub(crate) fn new(html: String, toc: Vec<TocEntry>) -> Self {
        let headings = toc
            .into_iter()
            .filter(|entry| entry.level == 2)
            .map(|entry| (entry.id, entry.title))
            .collect();
        PrintPart { html, headings }
    }
}

/// Every page's [`PrintPart`], by page id, from the build (and kept by `serve`).
#[derive(Default)]
pub(crate) struct PrintParts(Vec<Option<PrintPart>>);

impl PrintParts {
    pub(crate) fn set(&mut self, id: PageId, part: PrintPart) {
        if self.0.len() <= id {
            self.0.resize_with(id + 1, || None);
        }
        self.0[id] = Some(part);
    }

    pub(crate) fn get(&self, id: PageId) -> Option<&PrintPart> {
        self.0.get(id).and_then(Option::as_ref)
    }
}

/// Which print pages to render: all for a build; for `serve`, those including a page that
/// was rendered again.
pub(crate) enum PrintScope<'a> {
    All,
    Including(&'a BTreeSet<PageId>),
}

/// One print document: where it is written, its title, and its pages in order.
pub(crate) struct PrintDoc<'a> {
    url: String,
    title: &'a str,
    description: Option<&'a str>,
    /// The section or track page it prints, for the link back (URL from the root).
    back: String,
    pages: Vec<PageId>,
}

/// A section's pages in reading order: its own page, its pages, then each subsection's.
pub(crate) fn reading_order(tree: &SiteTree, section: SectionId) -> Vec<PageId> {
    /// Depth first, in the sidebar's order: a section's pages, then its subsections.
    fn walk(tree: &SiteTree, section: SectionId, out: &mut Vec<PageId>) {
        let s = &tree.sections[section];
        out.extend(&s.pages);
        for &sub in &s.subsections {
            out.push(tree.sections[sub].page);
            walk(tree, sub, out);
        }
    }
    let mut out = vec![tree.sections[section].page];
    walk(tree, section, &mut out);
    out
}

/// The print documents `scope` asks for. A page of the site already at a print page's URL is
/// an error naming its file, and that print page is left out.
pub(crate) fn print_docs<'a>(
    env: &RenderEnv<'a>,
    scope: &PrintScope,
    diagnostics: &mut Diagnostics,
) -> Vec<PrintDoc<'a>> {
    let tree = env.tree;
    let wanted = |pages: &[PageId]| match scope {
        PrintScope::All => true,
        PrintScope::Including(ids) => pages.iter().any(|id| ids.contains(id)),
    };
    let mut docs = Vec::new();
    // Every section but the home one, whose print page would be the whole site.
    for (section, s) in tree
        .sections
        .iter()
        .enumerate()
        .filter(|(id, _)| *id != HOME)
    {
        let page = &tree.pages[s.page];
        docs.push(PrintDoc {
            url: format!("{}{PRINT_DIR}", page.url),
            title: &page.fm.title,
            description: page.fm.description.as_deref(),
            back: page.url.clone(),
            pages: reading_order(tree, section),
        });
    }
    for track in &env.aware.tracks {
        let url = track.url();
        docs.push(PrintDoc {
            url: format!("{url}{PRINT_DIR}"),
            title: &track.title,
            description: (!track.description.is_empty()).then_some(track.description.as_str()),
            back: url,
            pages: track.steps.clone(),
        });
    }
    docs.retain(|doc| wanted(&doc.pages));
    let by_url: HashMap<&str, PageId> = tree
        .pages
        .iter()
        .enumerate()
        .map(|(id, page)| (page.url.as_str(), id))
        .collect();
    docs.retain(|doc| match by_url.get(doc.url.as_str()) {
        Some(&taken) => {
            diagnostics.push(taken_url(tree, taken, &doc.url));
            false
        }
        None => true,
    });
    docs
}

/// A page of the site whose URL is a print page's.
fn taken_url(tree: &SiteTree, page: PageId, url: &str) -> Diagnostic {
    let path = &tree.pages[page].site_path;
    Diagnostic::error(
        "print-url",
        format!("this page's URL `{url}` is where bridgebook writes the print page of its section or track"),
    )
    .help("rename the file (or set `slug:`) so the print page keeps its place")
    .at(crate::diagnostic::Location::file(path))
}

/// One part of a print document as the template sees it.
#[derive(Serialize)]
struct PartView<'a> {
    anchor: String,
    title_html: &'a str,
    description: Option<&'a str>,
    /// The page's own URL from the print page.
    url: String,
    html: String,
    headings: Vec<HeadingView<'a>>,
}

/// An `h2` of a part, with its id in the document.
#[derive(Serialize)]
struct HeadingView<'a> {
    id: String,
    title: &'a str,
}

#[derive(Serialize)]
struct PrintContext<'a> {
    site: &'a SiteView<'a>,
    root: &'a str,
    page: PageView<'a>,
    /// The section or track page this document prints, from the root.
    back: &'a str,
    parts: Vec<PartView<'a>>,
}

/// The print page of `doc` as `(path, html)`, from the pages' bodies `parts` hands out; `None`
/// when `serve` already wrote it from the same context.
pub(crate) fn render_print_doc<'p>(
    env: &RenderEnv,
    parts: &(dyn Fn(PageId) -> Option<&'p PrintPart> + Sync),
    doc: &PrintDoc,
) -> Result<Option<(String, String)>, Diagnostic> {
    let tree = env.tree;
    let root = root_prefix(env.config, doc.url.matches('/').count());
    // Two URLs can flatten to one anchor (`a-b/`, `a/b/`): the second gets a number.
    let mut anchors: HashMap<&str, String> = HashMap::with_capacity(doc.pages.len());
    let mut taken = std::collections::HashSet::with_capacity(doc.pages.len());
    for &id in &doc.pages {
        let url = tree.pages[id].url.as_str();
        let base = page_anchor(url);
        let mut anchor = base.clone();
        let mut n = 1;
        while !taken.insert(anchor.clone()) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        anchors.insert(url, anchor);
    }
    let document = Document {
        anchors,
        root: &root,
        base_url: env.config.base_url.as_deref(),
    };
    let empty = PrintPart::default();
    // A page without a part (never in a build) prints its title only.
    let views = doc
        .pages
        .iter()
        .map(|&id| {
            let page = &tree.pages[id];
            let part = parts(id).unwrap_or(&empty);
            let anchor = document.anchors[page.url.as_str()].clone();
            PartView {
                html: document.rewrite_part(&page.url, &part.html),
                headings: part
                    .headings
                    .iter()
                    .map(|(id, title)| HeadingView {
                        id: part_id(&anchor, id),
                        title,
                    })
                    .collect(),
                anchor,
                title_html: &page.fm.title_html,
                description: page.fm.description.as_deref(),
                url: format!("{root}{}", page.url),
            }
        })
        .collect();
    let context = PrintContext {
        site: &env.site,
        root: &root,
        page: env.generated_view(doc.title, doc.description, &doc.url, ""),
        back: &doc.back,
        parts: views,
    };
    let out_path = format!("{}index.html", doc.url);
    let html = env.render_generated_page("print.html", &out_path, &context, None)?;
    Ok(html.map(|html| (out_path, html)))
}

#[cfg(test)]
mod tests;
