//! Print pages: each section (`<section>/print.html`) and each reading track
//! (`tracks/<id>/print.html`) as one document to read on paper or save as PDF: a table of
//! contents, then every page in reading order (a section's own page, its pages, then its
//! subsections' in the sidebar's order; a track's steps), each starting on a new sheet.
//!
//! Pure: built from the bodies the pages were already rendered to, never rendering Markdown
//! again; `(path, html)` out. A build renders each print page as soon as its last page is
//! rendered and holds a body only until then ([`PrintQueue`]); `serve` keeps every body
//! ([`PrintParts`]) to print again the pages an edit changes. A print page holds its own
//! pages and nothing of the rest of the site, so its size grows with its section only. The
//! page needs no JavaScript: the template is a plain document with print CSS.

mod queue;
mod rewrite;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::generated::GeneratedInput;
use crate::model::tree::{PageId, SectionId, SiteTree, HOME};
use crate::render::context::{PageView, SiteView};
use crate::render::links::root_prefix;
use crate::render::markdown::TocEntry;
pub(crate) use queue::PrintQueue;
use rewrite::{page_anchor, part_id, Document, PartBody};

/// The most pages a section's print page holds with its subsections. A larger section prints
/// its own pages and links each subsection's print page instead, so every page is in a few
/// print pages at most and a build writes a bounded multiple of the site (a page in a section
/// three levels down would otherwise be printed three times over).
pub(crate) const PRINT_MAX_PAGES: usize = 150;

/// The file of a section's or a track's print page, in its folder. A file, not a folder: a page's
/// URL is always a folder, so no page (`guide/print.md` is `guide/print/`) can take its place.
pub(crate) const PRINT_FILE: &str = "print.html";

/// One page's body, parsed once for every print document that includes it (links from that
/// page), and its `h2` headings: what a print document includes of it.
#[derive(Clone, Default)]
pub(crate) struct PrintPart {
    pub(crate) body: PartBody,
    /// `(id, text)` of each `h2`.
    pub(crate) headings: Vec<(String, String)>,
}

impl PrintPart {
    /// The part of the page at `url` from its body `html` (see [`PartBody::new`]) and its table of
    /// contents.
    pub(crate) fn new(url: &str, html: &str, base_url: Option<&str>, toc: Vec<TocEntry>) -> Self {
        let headings = toc
            .into_iter()
            .filter(|entry| entry.level == 2)
            .map(|entry| (entry.id, entry.title))
            .collect();
        PrintPart {
            body: PartBody::new(url, html, base_url),
            headings,
        }
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
    /// Subsections too large to include, each printed on its own print page.
    separate: Vec<SectionId>,
}

/// A section's pages in reading order: its own page, its pages, then each subsection's; when
/// that is more than `max` pages, its own page and pages, and the subsections apart.
pub(crate) fn reading_order(
    tree: &SiteTree,
    section: SectionId,
    sizes: &[usize],
    max: usize,
) -> (Vec<PageId>, Vec<SectionId>) {
    /// Depth first, in the sidebar's order: a section's pages, then its subsections.
    fn walk(tree: &SiteTree, section: SectionId, out: &mut Vec<PageId>) {
        let s = &tree.sections[section];
        out.extend(&s.pages);
        for &sub in &s.subsections {
            out.push(tree.sections[sub].page);
            walk(tree, sub, out);
        }
    }
    let s = &tree.sections[section];
    let mut pages = vec![s.page];
    if sizes[section] <= max {
        walk(tree, section, &mut pages);
        return (pages, Vec::new());
    }
    pages.extend(&s.pages);
    (pages, s.subsections.clone())
}

/// How many pages each section holds, its own page and those of its subsections included.
pub(crate) fn section_sizes(tree: &SiteTree) -> Vec<usize> {
    fn size(tree: &SiteTree, section: SectionId, sizes: &mut [usize]) -> usize {
        let s = &tree.sections[section];
        let subs: usize = s
            .subsections
            .iter()
            .map(|&sub| size(tree, sub, sizes))
            .sum();
        sizes[section] = 1 + s.pages.len() + subs;
        sizes[section]
    }
    let mut sizes = vec![0; tree.sections.len()];
    if !tree.sections.is_empty() {
        size(tree, HOME, &mut sizes);
    }
    sizes
}

/// The print documents `scope` asks for. A file of the site copied where a print page goes is
/// an error naming it, and that print page is left out.
pub(crate) fn print_docs<'a>(
    input: &GeneratedInput<'a>,
    scope: &PrintScope,
    diagnostics: &mut Diagnostics,
) -> Vec<PrintDoc<'a>> {
    let tree = input.tree;
    let wanted = |pages: &[PageId]| match scope {
        PrintScope::All => true,
        PrintScope::Including(ids) => pages.iter().any(|id| ids.contains(id)),
    };
    let mut docs = Vec::new();
    let sizes = section_sizes(tree);
    // Every section but the home one, whose print page would be the whole site.
    for (section, s) in tree
        .sections
        .iter()
        .enumerate()
        .filter(|(id, _)| *id != HOME)
    {
        let page = &tree.pages[s.page];
        let (pages, separate) = reading_order(tree, section, &sizes, PRINT_MAX_PAGES);
        docs.push(PrintDoc {
            url: format!("{}{PRINT_FILE}", page.url),
            title: &page.fm.title,
            description: page.fm.description.as_deref(),
            back: page.url.clone(),
            pages,
            separate,
        });
    }
    for track in &input.aware.tracks {
        let url = track.url();
        docs.push(PrintDoc {
            url: format!("{url}{PRINT_FILE}"),
            title: &track.title,
            description: (!track.description.is_empty()).then_some(track.description.as_str()),
            back: url,
            pages: track.steps.clone(),
            separate: Vec::new(),
        });
    }
    docs.retain(|doc| wanted(&doc.pages));
    docs.retain(|doc| {
        let taken = input.targets.files.contains(&doc.url);
        if taken {
            diagnostics.push(taken_url(&doc.url));
        }
        !taken
    });
    docs
}

/// A file of the site copied where a print page goes.
fn taken_url(url: &str) -> Diagnostic {
    let path = std::path::Path::new(crate::model::source::CONTENT_DIR).join(url);
    Diagnostic::error(
        Code::PrintUrl,
        format!("this file would be copied to `{url}`, where bridgebook writes the print page of its section or track"),
    )
    .help("rename the file so the print page keeps its place")
    .at(crate::diagnostic::Location::file(&path))
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
    /// Subsections with print pages of their own: title and print page URL from the root.
    separate: Vec<SeparateView<'a>>,
}

#[derive(Serialize)]
struct SeparateView<'a> {
    title_html: &'a str,
    url: String,
}

/// The print page of `doc` as `(path, html)`, from the pages' bodies `parts` hands out; `None`
/// when `serve` already wrote it from the same context.
pub(crate) fn render_print_doc<'p>(
    input: &GeneratedInput,
    parts: &(dyn Fn(PageId) -> Option<&'p PrintPart> + Sync),
    doc: &PrintDoc,
) -> Result<Option<(String, String)>, Diagnostic> {
    let tree = input.tree;
    let root = root_prefix(input.config, doc.url.matches('/').count());
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
                html: document.fill(&page.url, &part.body),
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
        site: &input.site,
        root: &root,
        page: input.generated_view(doc.title, doc.description, &doc.url, ""),
        back: &doc.back,
        parts: views,
        separate: doc
            .separate
            .iter()
            .map(|&sub| {
                let page = &tree.pages[tree.sections[sub].page];
                SeparateView {
                    title_html: &page.fm.title_html,
                    url: format!("{}{PRINT_FILE}", page.url),
                }
            })
            .collect(),
    };
    let html = input.render_generated_page("print.html", &doc.url, &context, None)?;
    Ok(html.map(|html| (doc.url.clone(), html)))
}

#[cfg(test)]
mod tests;
