//! Stage 2, parse: turn loaded files into the site's tree of sections and pages.
//!
//! Parses every file's front matter (in parallel), gives each page its URL, files it under its
//! section and sorts siblings. Pure: takes the loaded content and config, returns a
//! [`SiteTree`] and diagnostics. Nothing here looks at Markdown bodies.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::model::config::Config;
use crate::model::front_matter::{self, FrontMatter, SortBy};
use crate::model::source::{SourceFile, SourceKind};

pub(crate) type PageId = usize;
pub(crate) type SectionId = usize;

#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) rel_path: String,
    pub(crate) site_path: PathBuf,
    pub(crate) text: String,
    pub(crate) body_offset: usize,
    pub(crate) fm: FrontMatter,
    /// Relative to the site root, no leading `/`, ending in `/` (the home page is "").
    pub(crate) url: String,
    /// For a page, the section that lists it; for a section's own page, that section.
    pub(crate) section: SectionId,
    pub(crate) is_section: bool,
}

impl Page {
    /// How many folders deep the page's output is, for relative links back to the root.
    pub(crate) fn depth(&self) -> usize {
        self.url.matches('/').count()
    }
}

#[derive(Debug)]
pub(crate) struct Section {
    pub(crate) page: PageId,
    pub(crate) parent: Option<SectionId>,
    /// Sorted, drafts left out.
    pub(crate) pages: Vec<PageId>,
    /// Sorted.
    pub(crate) subsections: Vec<SectionId>,
}

#[derive(Debug, Default)]
pub(crate) struct SiteTree {
    pub(crate) pages: Vec<Page>,
    pub(crate) sections: Vec<Section>,
    /// `communication/plain-language.md` -> its page.
    pub(crate) by_source: HashMap<String, PageId>,
    /// Files whose front matter failed to parse: links to them are not reported as broken,
    /// since the file exists and its own error says what to fix.
    pub(crate) unparsed: Vec<String>,
}

pub(crate) const HOME: SectionId = 0;

impl SiteTree {
    /// The chain of sections from the home section down to `section`, inclusive.
    pub(crate) fn ancestors(&self, section: SectionId) -> Vec<SectionId> {
        let mut chain = vec![section];
        let mut current = section;
        while let Some(parent) = self.sections[current].parent {
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }

    /// Pages that end up in the site: every page and section page, drafts included only when
    /// the build asked for them (they were dropped earlier otherwise).
    pub(crate) fn page_ids(&self) -> std::ops::Range<PageId> {
        0..self.pages.len()
    }

    /// The page before and after `page` among its section's pages.
    pub(crate) fn neighbours(&self, page: PageId) -> (Option<PageId>, Option<PageId>) {
        let p = &self.pages[page];
        if p.is_section {
            return (None, None);
        }
        let siblings = &self.sections[p.section].pages;
        let Some(i) = siblings.iter().position(|&id| id == page) else {
            return (None, None);
        };
        let prev = i.checked_sub(1).map(|j| siblings[j]);
        (prev, siblings.get(i + 1).copied())
    }
}

/// A file whose front matter parsed: the file, where its body starts, the front matter.
type ParsedSource = (SourceFile, usize, FrontMatter);

/// Parses front matter and builds the tree. Drafts are dropped unless `drafts` is set.
pub(crate) fn build_tree(
    sources: Vec<SourceFile>,
    config: &Config,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> SiteTree {
    let parsed: Vec<(Option<ParsedSource>, Diagnostics)> = sources
        .into_par_iter()
        .map(|source| {
            let mut diags = Diagnostics::default();
            let result = match front_matter::split(&source.site_path, &source.text) {
                Ok(split) => {
                    let is_section = source.kind == SourceKind::Section;
                    let fm = front_matter::parse_front_matter(
                        &source.site_path,
                        &source.text,
                        &split,
                        config,
                        is_section,
                        &mut diags,
                    );
                    let offset = split.body_offset;
                    fm.map(|fm| (offset, fm))
                }
                Err(diag) => {
                    diags.push(diag);
                    None
                }
            };
            (result.map(|(offset, fm)| (source, offset, fm)), diags)
        })
        .collect();

    let mut tree = SiteTree::default();
    let mut section_by_dir: HashMap<String, SectionId> = HashMap::new();
    // Sections first, shallowest first, so every page and subsection finds its parent.
    let mut entries: Vec<(SourceFile, usize, FrontMatter)> = Vec::new();
    let mut unparsed = Vec::new();
    for (entry, diags) in parsed {
        if entry.is_none() {
            unparsed.extend(diags.iter().filter_map(|d| d.path()).map(|p| {
                p.to_string_lossy()
                    .trim_start_matches("content/")
                    .to_string()
            }));
        }
        diagnostics.extend(diags.into_sorted());
        entries.extend(entry.filter(|(_, _, fm)| drafts || !fm.draft));
    }
    tree.unparsed = unparsed;
    entries.sort_by_key(|(s, _, _)| {
        (
            s.kind != SourceKind::Section,
            s.rel_path.matches('/').count(),
            s.rel_path.clone(),
        )
    });
    // The home page: `_index.md`, or a top-level `index.md` (see `load::content`), or made up.
    let has_home = entries
        .iter()
        .any(|(s, _, _)| s.kind == SourceKind::Section && !s.rel_path.contains('/'));
    if !has_home {
        let home = FrontMatter {
            title: config.title.clone(),
            title_html: crate::model::title::Title::plain(&config.title).html,
            description: Some(config.description.clone()),
            search: true,
            tooltips: true,
            ..FrontMatter::default()
        };
        let source = SourceFile {
            rel_path: "_index.md".into(),
            site_path: PathBuf::from("content/_index.md"),
            kind: SourceKind::Section,
            text: String::new(),
        };
        entries.insert(0, (source, 0, home));
    }
    for (source, body_offset, fm) in entries {
        let dir = parent_dir(&source.rel_path);
        let is_section = source.kind == SourceKind::Section;
        let url = page_url(&source, &fm);
        let id = tree.pages.len();
        let parent = nearest_section(
            &section_by_dir,
            if is_section { parent_dir(dir) } else { dir },
        );
        tree.by_source.insert(source.rel_path.clone(), id);
        // A section's page belongs to the section it opens; any other page to its folder's.
        let section = if is_section {
            let section_id = tree.sections.len();
            let parent = (section_id != HOME).then_some(parent);
            if let Some(parent) = parent {
                tree.sections[parent].subsections.push(section_id);
            }
            tree.sections.push(Section {
                page: id,
                parent,
                pages: vec![],
                subsections: vec![],
            });
            section_by_dir.insert(dir.to_string(), section_id);
            section_id
        } else {
            tree.sections[parent].pages.push(id);
            parent
        };
        tree.pages.push(Page {
            rel_path: source.rel_path,
            site_path: source.site_path,
            text: source.text,
            body_offset,
            fm,
            url,
            section,
            is_section,
        });
    }
    sort_tree(&mut tree);
    check_duplicate_urls(&tree, diagnostics);
    tree
}

fn nearest_section(by_dir: &HashMap<String, SectionId>, mut dir: &str) -> SectionId {
    loop {
        if let Some(&id) = by_dir.get(dir) {
            return id;
        }
        if dir.is_empty() {
            return HOME;
        }
        dir = parent_dir(dir);
    }
}

/// `a/b/c.md` -> `a/b`; `a` -> ``.
fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

fn page_url(source: &SourceFile, fm: &FrontMatter) -> String {
    let rel = &source.rel_path;
    let (dir, own) = match source.kind {
        SourceKind::Section | SourceKind::Bundle => {
            let dir = parent_dir(rel);
            (parent_dir(dir), dir.rsplit('/').next().unwrap_or(""))
        }
        SourceKind::Page => (
            parent_dir(rel),
            rel.rsplit('/').next().unwrap_or("").trim_end_matches(".md"),
        ),
    };
    let own = fm.slug.as_deref().unwrap_or(own);
    match (dir.is_empty(), own.is_empty()) {
        (_, true) => String::new(),
        (true, false) => format!("{own}/"),
        (false, false) => format!("{dir}/{own}/"),
    }
}

pub(crate) fn sort_tree(tree: &mut SiteTree) {
    let pages = &tree.pages;
    let by_weight = |a: &PageId, b: &PageId| {
        let (a, b) = (&pages[*a].fm, &pages[*b].fm);
        a.weight
            .cmp(&b.weight)
            .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
    };
    let mut orders = Vec::with_capacity(tree.sections.len());
    for section in &tree.sections {
        orders.push(pages[section.page].fm.sort_by);
    }
    for (section, order) in tree.sections.iter_mut().zip(orders) {
        match order {
            SortBy::Weight => section.pages.sort_by(by_weight),
            SortBy::Title => section
                .pages
                .sort_by_key(|id| pages[*id].fm.title.to_lowercase()),
            SortBy::Date => section.pages.sort_by(|a, b| {
                pages[*b]
                    .fm
                    .date
                    .cmp(&pages[*a].fm.date)
                    .then_with(|| by_weight(a, b))
            }),
        }
    }
    let section_pages: Vec<PageId> = tree.sections.iter().map(|s| s.page).collect();
    for section in &mut tree.sections {
        section
            .subsections
            .sort_by(|a, b| by_weight(&section_pages[*a], &section_pages[*b]));
    }
}

fn check_duplicate_urls(tree: &SiteTree, diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, PageId> = HashMap::new();
    for (id, page) in tree.pages.iter().enumerate() {
        if let Some(&first) = seen.get(page.url.as_str()) {
            let other = tree.pages[first].site_path.display();
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    format!("this page and {other} both want the URL /{}", page.url),
                )
                .at(Location::new(&page.site_path, 1, 1, 3))
                .help("rename one of the files, or give one a different `slug`"),
            );
        } else {
            seen.insert(&page.url, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_content_tree() {
        let cases = [
            ("_index.md", SourceKind::Section, None, ""),
            ("a/_index.md", SourceKind::Section, None, "a/"),
            ("a/b.md", SourceKind::Page, None, "a/b/"),
            ("a/b.md", SourceKind::Page, Some("c"), "a/c/"),
            ("a/b/index.md", SourceKind::Bundle, None, "a/b/"),
            ("top.md", SourceKind::Page, None, "top/"),
        ];
        for (rel, kind, slug, url) in cases {
            let source = SourceFile {
                rel_path: rel.into(),
                site_path: PathBuf::new(),
                kind,
                text: String::new(),
            };
            let fm = FrontMatter {
                slug: slug.map(Into::into),
                ..FrontMatter::default()
            };
            assert_eq!(page_url(&source, &fm), url, "{rel}");
        }
    }
}
