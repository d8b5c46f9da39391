//! Stage 3, render: one page of the tree to its finished HTML.
//!
//! Pure: takes the tree, the compiled templates and the link targets, returns HTML plus what
//! later stages need from the page (heading ids, anchor links to check, plain text). Per-page
//! work is bounded: the sidebar holds the top-level sections and the current page's branch,
//! never the whole tree, so a page's HTML does not grow with the size of the site.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::config::Config;
use crate::model::tree::{PageId, SectionId, SiteTree, HOME};
use crate::render::context::{
    Label, PageContext, PageLink, PageView, SectionView, SiteView, TagLink,
};
use crate::render::includes::{expand, IncludeEnv, Origin, Snippet};
use crate::render::links::{root_prefix, tag_url};
use crate::render::markdown::{
    render_expanded, AnchorLink, LinkTargets, PageInput, TitleHeading, TocEntry,
};
use crate::render::sidebar::Sidebar;
use crate::render::template::Templates;

/// Everything shared by all pages of one build.
pub(crate) struct RenderEnv<'a> {
    pub(crate) config: &'a Config,
    pub(crate) tree: &'a SiteTree,
    pub(crate) targets: &'a LinkTargets,
    pub(crate) templates: &'a Templates,
    pub(crate) site: SiteView<'a>,
    pub(crate) sidebar: Sidebar<'a>,
    /// Tooltips, tracks, freshness: the audience-aware features.
    pub(crate) aware: &'a crate::render::aware::AwareEnv,
    /// The snippet files pages include (by path relative to `content/`).
    pub(crate) snippets: &'a HashMap<String, Snippet>,
}

/// One page, rendered.
pub(crate) struct RenderedPage {
    pub(crate) html: String,
    pub(crate) heading_ids: Vec<String>,
    pub(crate) anchor_links: Vec<AnchorLink>,
    /// The body as text, and its headings' texts: what search indexes.
    pub(crate) plain_text: String,
    pub(crate) headings: Vec<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) page_links: Vec<String>,
    pub(crate) external_links: Vec<crate::render::markdown::ExternalLink>,
    /// The tooltips this page shows (glossary terms, with the words around them).
    pub(crate) tooltip_uses: Vec<crate::render::tooltips::TooltipUse>,
    /// Whether it has a diagram: the site then needs the diagram script.
    pub(crate) has_diagram: bool,
    /// The files this page includes (relative to `content/`), directly or through another.
    pub(crate) included: Vec<String>,
    /// The body's HTML and its table of contents, for the print pages of its section and
    /// tracks (the driver keeps them).
    pub(crate) body_html: String,
    pub(crate) toc: Vec<TocEntry>,
}

impl<'a> RenderEnv<'a> {
    pub(crate) fn render_page(&self, id: PageId) -> RenderedPage {
        let page = &self.tree.pages[id];
        let root = root_prefix(self.config, page.depth());
        let input = PageInput {
            rel_path: &page.rel_path,
            site_path: &page.site_path,
            file_text: &page.text,
            body_offset: page.body_offset,
            root: &root,
            tooltips: self.aware.tooltips.as_ref().filter(|_| page.fm.tooltips),
            title: if page.fm.title_from_body {
                TitleHeading::First
            } else {
                TitleHeading::Repeats(&page.fm.title)
            },
            views: crate::render::tabs::TabViews {
                audiences: &self.config.audiences,
                roles: &self.config.roles,
            },
        };
        let origin = Origin {
            rel_path: &page.rel_path,
            site_path: &page.site_path,
            text: &page.text,
        };
        let includes = IncludeEnv {
            snippets: self.snippets,
            tree: self.tree,
            values: &self.config.values,
        };
        let expanded = expand(origin, page.body_offset, includes);
        let md = render_expanded(&expanded.text, &input, self.targets, Some(&expanded.map));
        let mut diagnostics = expanded.diagnostics;
        diagnostics.extend(md.diagnostics);
        let word_count = count_words(&md.plain_text);
        let view = self.page_view(id, &md.html, &md.toc, word_count);
        let template = match (&page.fm.template, page.is_section) {
            (Some(name), _) => name.as_str(),
            (None, true) if page.section == HOME => "index.html",
            (None, true) => "section.html",
            (None, false) => "page.html",
        };
        let (prev, next) = self.tree.neighbours(id);
        let section = page.is_section.then(|| self.section_view(page.section));
        let context = PageContext {
            site: &self.site,
            root: &root,
            page: view,
            sidebar: self.sidebar.html(&root, Some(id)),
            breadcrumbs: self.breadcrumbs(id),
            prev: prev.map(|p| self.link(p)),
            next: next.map(|p| self.link(p)),
            section,
            aware: self.aware.page_extras(self.tree, id, |p| self.link(p)),
        };
        let html = if self.templates.has(template) {
            self.templates
                .render(template, &context, Some(&page.site_path))
        } else {
            let line = page.fm.key_lines.line_of("template").unwrap_or(1);
            let location = crate::diagnostic::Location::new(&page.site_path, line, 1, 9);
            Err(Diagnostic::error(
                Code::Template,
                format!("there is no template named `{template}`"),
            )
            .help("fix `template:` in the front matter, or add the template to your theme")
            .at_source(location, &page.text))
        };
        let html = html.unwrap_or_else(|diag| {
            diagnostics.push(if diag.location.is_none() {
                diag.at(crate::diagnostic::Location::file(&page.site_path))
            } else {
                diag
            });
            String::new()
        });
        RenderedPage {
            html,
            heading_ids: md.heading_ids,
            anchor_links: md.anchor_links,
            plain_text: md.plain_text,
            headings: md.heading_titles,
            diagnostics,
            page_links: md.page_links,
            external_links: md.external_links,
            tooltip_uses: md.tooltip_uses,
            has_diagram: md.has_diagram,
            included: expanded.included,
            body_html: md.html,
            toc: md.toc,
        }
    }

    fn page_view(
        &self,
        id: PageId,
        content: &'a str,
        toc: &'a [TocEntry],
        word_count: usize,
    ) -> PageView<'a>
    where
        'a: 'a,
    {
        let page = &self.tree.pages[id];
        let fm = &page.fm;
        PageView {
            title: &fm.title,
            title_html: (&fm.title_html).into(),
            description: fm.description.as_deref(),
            url: &page.url,
            content,
            toc,
            audience: Label::audiences(self.config, &fm.audience),
            roles: Label::roles(self.config, &fm.roles),
            tags: fm
                .tags
                .iter()
                .map(|t| TagLink {
                    label: t,
                    url: tag_url(t),
                })
                .collect(),
            date: fm.date.map(|d| d.to_string()),
            updated: fm.updated.map(|d| d.to_string()),
            owner: fm.owner.as_deref(),
            review_by: fm.review_by.map(|d| d.to_string()),
            edit_url: self
                .config
                .edit_url
                .as_ref()
                .filter(|_| !page.text.is_empty())
                .map(|u| {
                    u.replace(
                        "{path}",
                        &page.site_path.to_string_lossy().replace('\\', "/"),
                    )
                }),
            is_section: page.is_section,
            word_count,
            reading_minutes: word_count.div_ceil(220).max(1),
            extra: &fm.extra,
        }
    }

    fn link(&self, id: PageId) -> PageLink<'a> {
        PageLink::to(self.config, self.tree, id)
    }

    fn section_view(&self, section: SectionId) -> SectionView<'a> {
        let s = &self.tree.sections[section];
        SectionView {
            pages: s.pages.iter().map(|&p| self.link(p)).collect(),
            subsections: s
                .subsections
                .iter()
                .map(|&sub| self.link(self.tree.sections[sub].page))
                .collect(),
        }
    }

    fn breadcrumbs(&self, id: PageId) -> Vec<PageLink<'a>> {
        let page = &self.tree.pages[id];
        if id == self.tree.sections[HOME].page {
            return Vec::new();
        }
        let mut chain = self.tree.ancestors(page.section);
        if page.is_section {
            chain.pop();
        }
        chain
            .into_iter()
            .map(|s| self.link(self.tree.sections[s].page))
            .collect()
    }
}

/// Words in `text`, as `split_whitespace().count()` counts them, without decoding each char
/// of mostly-ASCII text (it was 1.7% of a 10k build).
fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for byte in text.bytes() {
        let space = byte.is_ascii_whitespace() || byte == 0x0b;
        words += usize::from(in_word && space);
        in_word = !space;
    }
    words + usize::from(in_word)
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tabs\tand\nnew\r\nlines\x0bvertical\x0cfeed",
            "naïve café, déjà vu",
            "no\u{a0}break space\u{3000}ideographic",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }
}
