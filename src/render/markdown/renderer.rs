//! Stage 3a, render: the state one page's Markdown rendering keeps (heading ids, the level
//! last seen, the problems found) and the headings it writes.
//!
//! Pure; private to `render::markdown`. Never reads, never writes; the links it rewrites are
//! in `rewrite.rs`.

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag};

use super::{LinkTargets, PageInput, RenderedMarkdown, TocEntry};
use crate::diagnostic::{Code, Diagnostic, LineIndex, Location};
use crate::html::escape_html as escape;
use crate::model::title::slugify;
use crate::render::highlight::highlight;
use crate::render::includes::{LineShift, Origin, SourceMap};

pub(super) struct Renderer<'a> {
    pub(super) page: &'a PageInput<'a>,
    /// Where each part of an expanded body came from (`None`: all from the page).
    pub(super) sources: Option<&'a SourceMap<'a>>,
    /// With `sources`, when tab markers were rewritten: positions back onto the expanded body.
    pub(super) shift: Option<LineShift>,
    pub(super) targets: &'a LinkTargets,
    pub(super) lines: Option<LineIndex<'a>>,
    pub(super) out: RenderedMarkdown,
    pub(super) used_ids: HashMap<String, usize>,
    /// `#anchor` links within this page: (anchor, problem if missing).
    pub(super) own_anchors: Vec<(String, Diagnostic)>,
    pub(super) last_heading_level: u8,
}

impl<'a> Renderer<'a> {
    pub(super) fn new(
        page: &'a PageInput<'a>,
        targets: &'a LinkTargets,
        sources: Option<&'a SourceMap<'a>>,
    ) -> Self {
        Renderer {
            page,
            sources,
            shift: None,
            targets,
            lines: None,
            out: RenderedMarkdown::default(),
            used_ids: HashMap::new(),
            own_anchors: Vec::new(),
            // The template shows the page title as the only `h1`.
            last_heading_level: 1,
        }
    }

    /// A fenced or indented code block, highlighted; its text counts as the page's text.
    pub(super) fn code_block(&mut self, kind: &CodeBlockKind, code: &str) -> Event<'a> {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or(""),
            CodeBlockKind::Indented => "",
        };
        self.push_text(code);
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" data-lang=\"{}\"", escape(lang))
        };
        Event::Html(
            format!(
                "<pre class=\"code\" tabindex=\"0\"{class}><code>{}</code></pre>\n",
                highlight(code, lang)
            )
            .into(),
        )
    }

    /// A line that starts with a comment is an HTML block: its text is left raw.
    pub(super) fn no_tooltip_starts_a_line(&mut self, pos: usize) {
        let diag = Diagnostic::error(
            Code::NoTooltip,
            "a line that starts with `<!-- no-tooltip -->` is read as raw HTML, so its text loses its paragraph and Markdown",
        )
        .help("keep the comment inside the sentence, e.g. `the incident <!-- no-tooltip -->lead`, or rewrap the line so another word starts it");
        let problem = self.problem(diag, pos, crate::render::tooltips::NO_TOOLTIP.len());
        self.out.diagnostics.push(problem);
    }

    /// An image whose brackets hold no words cannot be described by a screen reader.
    pub(super) fn check_alt_text(&mut self, alt: &[Event], pos: usize) {
        let alt_text = alt.iter().any(|e| match e {
            Event::Text(t) | Event::Code(t) => !t.trim().is_empty(),
            _ => false,
        });
        if !alt_text {
            let diag = Diagnostic::warning(
                Code::MissingAlt,
                "image has no alt text, so screen readers cannot describe it",
            )
            .help("describe the image in the brackets: ![A funnel from visit to sale](funnel.svg)");
            let problem = self.problem(diag, pos, 4);
            self.out.diagnostics.push(problem);
        }
    }

    /// Screen-reader users jump by heading level; a skipped level reads as a missing section.
    pub(super) fn check_heading_level(&mut self, level: u8, pos: usize) {
        if level > self.last_heading_level + 1 {
            let expected = self.last_heading_level + 1;
            let diag = Diagnostic::warning(
                Code::SkippedHeading,
                format!(
                    "heading level {level} follows level {}: level {expected} is skipped",
                    self.last_heading_level
                ),
            )
            .help(format!(
                "use {} here (the page title is the only level 1)",
                "#".repeat(usize::from(expected))
            ));
            let problem = self.problem(diag, pos, usize::from(level));
            self.out.diagnostics.push(problem);
        }
        self.last_heading_level = level;
    }

    /// Notes the ids of the elements in `html`, raw HTML from the page, as link targets.
    pub(super) fn html_ids(&mut self, html: &str) {
        if !html.contains("id") && !html.contains("name") {
            return;
        }
        let mut ids = Vec::new();
        let settings = lol_html::RewriteStrSettings::new().append_element_content_handler(
            lol_html::element!("[id], a[name]", |el| {
                ids.extend(el.get_attribute("id").or_else(|| el.get_attribute("name")));
                Ok(())
            }),
        );
        // Only reading: an HTML fragment lol_html cannot take just adds no ids.
        let _ = lol_html::rewrite_str(html, settings);
        self.out.heading_ids.extend(ids);
    }

    pub(super) fn push_text(&mut self, text: &str) {
        self.out.plain_text.push_str(text);
    }

    pub(super) fn heading(
        &mut self,
        level: HeadingLevel,
        explicit_id: Option<CowStr>,
        classes: &[CowStr],
        inner: Vec<Event>,
    ) -> String {
        let title = heading_text(&inner);
        self.out.plain_text.push_str(&title);
        self.out.plain_text.push('\n');
        self.out.heading_titles.push(title.clone());
        let base = explicit_id
            .map(|id| id.to_string())
            .unwrap_or_else(|| slugify(&title));
        let id = self.unique_id(base);
        let mut inner_html = String::new();
        pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
        let n = level as u8;
        if (2..=3).contains(&n) {
            self.out.toc.push(TocEntry {
                level: n,
                id: id.clone(),
                title: title.clone(),
            });
        }
        self.out.heading_ids.push(id.clone());
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape(&classes.join(" ")))
        };
        // The self-link follows the heading text instead of wrapping it, so a heading that
        // contains a link never nests one link inside another.
        format!(
            "<h{n} id=\"{id}\"{class}>{inner_html} <a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section: {label}\">#</a></h{n}>\n",
            id = escape(&id),
            label = escape(&title)
        )
    }

    pub(super) fn unique_id(&mut self, base: String) -> String {
        let count = self.used_ids.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            let id = format!("{base}-{}", *count - 1);
            self.used_ids.insert(id.clone(), 1);
            id
        }
    }

    pub(super) fn rewrite_links_in(
        &mut self,
        events: Vec<Event<'a>>,
        offset: usize,
    ) -> Vec<Event<'a>> {
        events
            .into_iter()
            .map(|e| match e {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.rewrite(link_type, dest_url, offset, false);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                other => other,
            })
            .collect()
    }

    /// The file that position `body_pos` of the body came from, and the offset in it.
    pub(super) fn origin(&self, body_pos: usize) -> (Origin<'a>, usize) {
        match self.sources {
            Some(map) => map.at(self
                .shift
                .as_ref()
                .map_or(body_pos, |s| s.unshift(body_pos))),
            None => (
                Origin {
                    rel_path: self.page.rel_path,
                    site_path: self.page.site_path,
                    text: self.page.file_text,
                },
                self.page.body_offset + body_pos,
            ),
        }
    }

    pub(super) fn location(&mut self, body_pos: usize, len: usize) -> Location {
        let (origin, offset) = self.origin(body_pos);
        let (line, col) = if std::ptr::eq(origin.text, self.page.file_text) {
            let lines = self
                .lines
                .get_or_insert_with(|| LineIndex::new(self.page.file_text));
            lines.position(offset)
        } else {
            LineIndex::new(origin.text).position(offset)
        };
        Location::new(origin.site_path, line, col, len)
    }

    pub(super) fn problem(
        &mut self,
        diagnostic: Diagnostic,
        body_pos: usize,
        len: usize,
    ) -> Diagnostic {
        let location = self.location(body_pos, len);
        diagnostic.at_source(location, self.origin(body_pos).0.text)
    }
}

/// A heading's words, markup left out.
pub(super) fn heading_text(inner: &[Event]) -> String {
    inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::render;

    #[test]
    fn headings_get_unique_ids_a_toc_and_a_self_link_outside_the_text() {
        let out = render("## Plan [link](../b/other.md)\n\n## Plan\n\n### Custom {#mine}\n");
        assert_eq!(out.heading_ids, ["plan-link", "plan", "mine"]);
        assert_eq!(out.toc.len(), 3);
        assert!(out.html.contains("<h2 id=\"plan-link\">Plan <a href=\"../../b/other/\">link</a> <a class=\"anchor\" href=\"#plan-link\""), "{}", out.html);
    }
}
