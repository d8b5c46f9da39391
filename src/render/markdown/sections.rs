//! Stage 3a, render: the step of the Markdown event stream that wraps each top-level `h2` and
//! what follows it, up to the next one, in `<section class="doc-section">`.
//!
//! Pure, and a step of its own so the renderer's loop does not keep the count: the theme lets
//! the browser skip laying out the sections below the first screen until the reader scrolls
//! near them (docs/benchmarks.md, issue 11). A heading inside a list or a quote is nested and
//! starts no section. Never reads, never looks at the text.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag};

const OPEN: &str = "<section class=\"doc-section\">\n";
const CLOSE: &str = "</section>\n";

/// Parser events (with their source ranges) with the section tags put in as HTML events.
pub(crate) struct Sections<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> {
    events: I,
    /// Blocks open around the next event (lists, quotes, paragraphs...).
    depth: usize,
    in_section: bool,
    /// The event held back while the section tag that goes before it is given.
    held: Option<(Event<'a>, Range<usize>)>,
    /// Whether the event last given starts outside every block.
    top_level: bool,
    end: usize,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Sections<'a, I> {
    /// `body_len` is where the last section's end is placed.
    pub(crate) fn new(events: I, body_len: usize) -> Self {
        Sections {
            events,
            depth: 0,
            in_section: false,
            held: None,
            top_level: true,
            end: body_len,
        }
    }

    /// Whether the event last given was written outside every list, quote or other block.
    pub(crate) fn top_level(&self) -> bool {
        self.top_level
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Sections<'a, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(held) = self.held.take() {
            return Some(held);
        }
        let Some((event, range)) = self.events.next() else {
            if std::mem::take(&mut self.in_section) {
                self.top_level = true;
                return Some((Event::Html(CLOSE.into()), self.end..self.end));
            }
            return None;
        };
        self.top_level = self.depth == 0;
        match &event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) if self.top_level => {
                let close = if self.in_section { CLOSE } else { "" };
                self.in_section = true;
                self.depth += 1;
                let tag = Event::Html(format!("{close}{OPEN}").into());
                let at = range.start..range.start;
                self.held = Some((event, range));
                return Some((tag, at));
            }
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Some((event, range))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::render;
    use super::*;
    use pulldown_cmark::Parser;

    /// The body's events as HTML, with the sections put in.
    fn sections(body: &str) -> String {
        let events = Sections::new(Parser::new(body).into_offset_iter(), body.len());
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.map(|(e, _)| e));
        html
    }

    #[test]
    fn each_top_level_h2_opens_a_section_closed_by_the_next_or_the_end() {
        let cases = [
            ("No headings\n\n### Only h3\n", 0),
            ("## One\n\n## Two\n", 2),
            ("Intro\n\n## One\n\n- ## In a list\n\n> ## In a quote\n", 1),
            ("# Title\n\n### Sub\n", 0),
        ];
        for (body, count) in cases {
            let html = sections(body);
            assert_eq!(html.matches(OPEN).count(), count, "{body:?}: {html}");
            assert_eq!(html.matches(CLOSE).count(), count, "{body:?}: {html}");
        }
        assert_eq!(
            sections("A\n\n## B\n\nC\n"),
            "<p>A</p>\n<section class=\"doc-section\">\n<h2>B</h2>\n<p>C</p>\n</section>\n"
        );
    }

    #[test]
    fn each_top_level_h2_starts_a_section_that_runs_to_the_next() {
        let out = render("Intro\n\n## One\n\nText\n\n### Sub\n\n- ## In a list\n\n> ## In a quote\n\n## Two\n\n```\ncode\n```\n");
        assert_eq!(
            out.html.matches("<section class=\"doc-section\">").count(),
            2,
            "{}",
            out.html
        );
        assert_eq!(out.html.matches("</section>").count(), 2, "{}", out.html);
        let intro = out.html.find("<p>Intro</p>").unwrap();
        let first = out.html.find("<section").unwrap();
        let second = out.html.rfind("<section").unwrap();
        assert!(
            intro < first,
            "the text before the first h2 is not in a section"
        );
        assert!(out.html[first..].starts_with("<section class=\"doc-section\">\n<h2 id=\"one\">"));
        assert!(
            out.html[..second].ends_with("</blockquote>\n</section>\n"),
            "{}",
            out.html
        );
        assert!(out.html[second..].starts_with("<section class=\"doc-section\">\n<h2 id=\"two\">"));
        assert!(
            out.html.ends_with("</code></pre>\n</section>\n"),
            "{}",
            out.html
        );
        assert!(!render("No headings\n\n### Only h3\n")
            .html
            .contains("<section"));
    }
}
