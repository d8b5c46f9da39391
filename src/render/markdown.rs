//! Stage 3a, render: one page's Markdown body to HTML.
//!
//! Pure: takes the body and what links may point at, returns HTML, the table of contents, the
//! heading ids, the page's plain text (for search) and the problems found. Links to other
//! pages' `.md` files become their URLs; anchors into other pages are returned for the driver
//! to check once every page's headings are known.

mod renderer;
mod rewrite;
mod sections;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, LineIndex, Location};
use crate::model::title::same_title;
use crate::render::includes::{LineShift, SourceMap};
use renderer::{heading_text, Renderer};
use sections::Sections;

/// What links may point at, shared by every page of a build.
#[derive(Debug, Default)]
pub(crate) struct LinkTargets {
    /// Source file relative to `content/` (`a/b.md`, `glossary.yaml`) -> URL relative to the root.
    pub(crate) pages: HashMap<String, String>,
    /// Files copied into the site, relative to the output root.
    pub(crate) files: HashSet<String>,
    /// Every page URL (the values of `pages`), for links written as URLs.
    pub(crate) urls: HashSet<String>,
}

/// The page being rendered.
pub(crate) struct PageInput<'a> {
    /// Relative to `content/`.
    pub(crate) rel_path: &'a str,
    pub(crate) site_path: &'a Path,
    pub(crate) file_text: &'a str,
    pub(crate) body_offset: usize,
    /// Prefix from this page back to the site root: `../../`, or the absolute base URL.
    pub(crate) root: &'a str,
    /// Glossary tooltips, when the site and the page have them on.
    pub(crate) tooltips: Option<&'a crate::render::tooltips::Tooltips>,
    /// Which level-1 heading, if any, is the page's title (the template shows it).
    pub(crate) title: TitleHeading<'a>,
    /// The audiences and roles a tab may be for (`render::tabs`).
    pub(crate) views: crate::render::tabs::TabViews<'a>,
}

/// The level-1 heading of a body that the template already shows as the page's title, and
/// that is therefore not rendered twice.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TitleHeading<'a> {
    /// The page has a `title` (its text given here): a leading `# heading` that says the same
    /// is left out, as the README habit of opening with the title would otherwise show it twice.
    Repeats(&'a str),
    /// The title was taken from the body's first top-level `# heading`: that heading.
    First,
    /// Every heading is rendered.
    Keep,
}

#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct TocEntry {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) title: String,
}

/// A link to a heading on another page, checked once all pages are rendered.
#[derive(Debug)]
pub(crate) struct AnchorLink {
    pub(crate) target: String,
    pub(crate) anchor: String,
    /// Reported if the anchor turns out not to exist.
    pub(crate) problem: Diagnostic,
}

#[derive(Debug, Default)]
pub(crate) struct RenderedMarkdown {
    pub(crate) html: String,
    pub(crate) toc: Vec<TocEntry>,
    /// The ids a link's `#anchor` may name: every heading's, and those written in raw HTML
    /// (`<a id="here"></a>`).
    pub(crate) heading_ids: Vec<String>,
    /// Heading texts, in order (for search's heading boost).
    pub(crate) heading_titles: Vec<String>,
    pub(crate) anchor_links: Vec<AnchorLink>,
    pub(crate) plain_text: String,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Pages this body links to (sources relative to `content/`), for orphan detection.
    pub(crate) page_links: Vec<String>,
    /// `http(s)://` links, checked only by `check --external`.
    pub(crate) external_links: Vec<ExternalLink>,
    /// The tooltips on this page (glossary term indexes, in order, with the words around).
    pub(crate) tooltip_uses: Vec<crate::render::tooltips::TooltipUse>,
    /// Whether the page has a diagram (the driver then writes the diagram script).
    pub(crate) has_diagram: bool,
}

/// A link to another site, with where it is written.
#[derive(Debug, Clone)]
pub(crate) struct ExternalLink {
    pub(crate) url: String,
    pub(crate) location: Location,
    pub(crate) source_line: String,
}

pub(crate) fn render_markdown(
    body: &str,
    page: &PageInput,
    targets: &LinkTargets,
) -> RenderedMarkdown {
    render_expanded(body, page, targets, None)
}

/// [`render_markdown`] of a body whose includes and values were expanded: `sources` says which
/// file each part came from, so links resolve from that file and problems name its lines.
pub(crate) fn render_expanded(
    body: &str,
    page: &PageInput,
    targets: &LinkTargets,
    sources: Option<&SourceMap>,
) -> RenderedMarkdown {
    let written_body = body;
    // Tab markers become comment lines first (`render::tabs`), every other line as it was:
    // the page is read with them, so problems keep their line and column.
    let tabs = crate::render::tabs::find_tabs(body, page.views);
    let written = page;
    let file_with_tabs;
    let page_with_tabs;
    let (body, page) = match &tabs.body {
        Some(read) => {
            let front = page.file_text.get(..page.body_offset).unwrap_or_default();
            file_with_tabs = format!("{front}{read}");
            page_with_tabs = PageInput {
                file_text: &file_with_tabs,
                ..*page
            };
            (read.as_str(), &page_with_tabs)
        }
        None => (body, page),
    };
    let mut renderer = Renderer::new(page, targets, sources);
    if let (Some(_), Some(read)) = (sources, &tabs.body) {
        // Positions in the text read are moved back onto the lines of the expanded body.
        renderer.shift = Some(LineShift::new(read, written_body));
    }
    if !tabs.problems.is_empty() {
        let lines = LineIndex::new(written.file_text);
        for (pos, len, diag) in &tabs.problems {
            let (origin, offset) = match sources {
                Some(map) => map.at(*pos),
                None => (
                    crate::render::includes::Origin {
                        rel_path: written.rel_path,
                        site_path: written.site_path,
                        text: written.file_text,
                    },
                    written.body_offset + pos,
                ),
            };
            let (line, col) = if std::ptr::eq(origin.text, written.file_text) {
                lines.position(offset)
            } else {
                LineIndex::new(origin.text).position(offset)
            };
            let location = Location::new(origin.site_path, line, col, *len);
            let problem = diag.clone().at_source(location, origin.text);
            renderer.out.diagnostics.push(problem);
        }
    }
    let mut events: Vec<Event> = Vec::new();
    let mut tips = page.tooltips.map(|t| t.pass(page.root));
    // Inside a link, `<abbr>` or inline `<code>`, text stays as written (no tooltips).
    let mut protected = 0i32;
    let parser = Parser::new_ext(body, crate::model::markdown_options()).into_offset_iter();
    let parser = tabs.events(parser);
    // Each top-level `h2` section comes wrapped in `<section class="doc-section">`.
    let mut parser = Sections::new(parser, body.len());
    // Whether the title heading may still come, and whether nothing came before it.
    let mut title_pending = !matches!(page.title, TitleHeading::Keep);
    let mut leading = true;
    while let Some((event, range)) = parser.next() {
        let first_event = std::mem::replace(&mut leading, false);
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) if title_pending && level == HeadingLevel::H1 && parser.top_level() => {
                let inner = until_end(&mut parser, |e| matches!(e, TagEnd::Heading(_)));
                let text = heading_text(&inner);
                if text.trim().is_empty() {
                    // Not a title: `first_h1` passes over empty headings too.
                    let inner = renderer.rewrite_links_in(inner, range.start);
                    events.push(Event::Html(
                        renderer.heading(level, id, &classes, inner).into(),
                    ));
                    continue;
                }
                title_pending = false;
                let is_title = match page.title {
                    TitleHeading::First => true,
                    TitleHeading::Repeats(title) => first_event && same_title(&text, title),
                    TitleHeading::Keep => false,
                };
                if !is_title {
                    renderer.check_heading_level(1, range.start);
                    let inner = renderer.rewrite_links_in(inner, range.start);
                    events.push(Event::Html(
                        renderer.heading(level, id, &classes, inner).into(),
                    ));
                }
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                renderer.check_heading_level(level as u8, range.start);
                let inner = until_end(&mut parser, |e| matches!(e, TagEnd::Heading(_)));
                let inner = renderer.rewrite_links_in(inner, range.start);
                events.push(Event::Html(
                    renderer.heading(level, id, &classes, inner).into(),
                ));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in parser.by_ref() {
                    match e {
                        Event::Text(text) => code.push_str(&text),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                if crate::render::diagrams::is_diagram(&kind) {
                    let (html, has_alt) = crate::render::diagrams::diagram_html(&code, page.root);
                    if !has_alt {
                        let problem =
                            renderer.problem(crate::render::diagrams::no_alt(), range.start, 10);
                        renderer.out.diagnostics.push(problem);
                    }
                    renderer.push_text(&code);
                    renderer.out.has_diagram = true;
                    events.push(Event::Html(html.into()));
                    continue;
                }
                events.push(renderer.code_block(&kind, &code));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = callout(kind);
                events.push(Event::Html(format!("<div class=\"callout callout-{class}\" role=\"note\" aria-label=\"{label}\"><p class=\"callout-title\">{label}</p>\n").into()));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Table(alignments)) => {
                events.push(Event::Html("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">".into()));
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>\n".into()));
            }
            Event::TaskListMarker(done) => {
                let (checked, label) = if done {
                    (" checked", "done")
                } else {
                    ("", "to do")
                };
                events.push(Event::Html(
                    format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ")
                        .into(),
                ));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = renderer.rewrite(link_type, dest_url, range.start, false);
                protected += 1;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                protected -= 1;
                events.push(event);
            }
            Event::Html(ref html)
                if html
                    .trim_start()
                    .starts_with(crate::render::tooltips::NO_TOOLTIP) =>
            {
                renderer.no_tooltip_starts_a_line(range.start);
                events.push(event);
            }
            Event::Html(ref html) => {
                renderer.html_ids(html);
                events.push(event);
            }
            Event::InlineHtml(ref html) => {
                renderer.html_ids(html);
                protected += crate::render::tooltips::protected_depth_change(html);
                if let Some(tips) = tips.as_mut() {
                    tips.inline_html(html);
                }
                events.push(event);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = renderer.rewrite(link_type, dest_url, range.start, true);
                let alt = until_end(&mut parser, |e| matches!(e, TagEnd::Image));
                renderer.check_alt_text(&alt, range.start);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
                events.extend(alt);
                events.push(Event::End(TagEnd::Image));
            }
            Event::Text(ref text) => {
                renderer.push_text(text);
                match tips.as_mut().filter(|_| protected <= 0) {
                    Some(tips) => match tips.text(text) {
                        Some(html) => events.push(Event::InlineHtml(html.into())),
                        None => events.push(event),
                    },
                    None => events.push(event),
                }
            }
            Event::Code(ref text) => {
                renderer.push_text(text);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                renderer.out.plain_text.push(' ');
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                renderer.out.plain_text.push('\n');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    renderer.check_own_anchors();
    renderer.out.html = html;
    renderer.out.tooltip_uses = tips.map(|t| t.into_uses()).unwrap_or_default();
    renderer.out
}

/// The events up to the end tag `is_end` matches, which is read and left out.
fn until_end<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    is_end: impl Fn(&TagEnd) -> bool,
) -> Vec<Event<'a>> {
    let mut inner = Vec::new();
    for (e, _) in events {
        match e {
            Event::End(end) if is_end(&end) => break,
            e => inner.push(e),
        }
    }
    inner
}

fn callout(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn render(body: &str) -> RenderedMarkdown {
        let mut targets = LinkTargets::default();
        targets.pages.insert("a/page.md".into(), "a/page/".into());
        targets.pages.insert("b/other.md".into(), "b/other/".into());
        targets.pages.insert("b/_index.md".into(), "b/".into());
        targets
            .pages
            .insert("a/my page.md".into(), "a/my page/".into());
        targets
            .pages
            .insert("guides/setup.md".into(), "guides/setup/".into());
        targets.files.insert("a/pic.png".into());
        render_in(body, &targets, TitleHeading::Keep)
    }

    /// `body` rendered as the page `a/page.md`.
    fn render_in(body: &str, targets: &LinkTargets, title: TitleHeading) -> RenderedMarkdown {
        let page = PageInput {
            rel_path: "a/page.md",
            site_path: Path::new("content/a/page.md"),
            file_text: body,
            body_offset: 0,
            root: "../../",
            tooltips: None,
            title,
            views: Default::default(),
        };
        render_markdown(body, &page, targets)
    }

    #[test]
    fn the_title_heading_is_not_rendered_twice() {
        let render_with = |body: &str, title: TitleHeading| {
            let out = render_in(body, &LinkTargets::default(), title);
            assert!(out.diagnostics.is_empty(), "{body}: {:?}", out.diagnostics);
            out.html.matches("<h1").count()
        };
        let cases = [
            // (body, title heading, h1s left in the body)
            ("# Plan\n\nText", TitleHeading::Repeats("Plan"), 0),
            ("# The  PLAN\n\nText", TitleHeading::Repeats("The plan"), 0),
            (
                "# **Data & Analytics**\n",
                TitleHeading::Repeats("Data & Analytics"),
                0,
            ),
            ("# Something else\n", TitleHeading::Repeats("Plan"), 1),
            ("Intro first.\n\n# Plan\n", TitleHeading::Repeats("Plan"), 1),
            ("# Plan\n\n# Plan\n", TitleHeading::Repeats("Plan"), 1),
            (
                "Intro first.\n\n# Plan\n\n# Later\n",
                TitleHeading::First,
                1,
            ),
            ("#\n\n# Plan\n", TitleHeading::First, 1),
            ("> # Quoted\n\n# Plan\n", TitleHeading::First, 1),
            ("# Plan\n", TitleHeading::Keep, 1),
        ];
        for (body, title, left) in cases {
            assert_eq!(render_with(body, title), left, "{body:?} with {title:?}");
        }
    }

    #[test]
    fn callouts_tables_code_and_tasks() {
        let out = render("> [!WARNING]\n> Careful\n\n| a |\n|---|\n| b |\n\n```html\n<p>x</p>\n```\n\n- [x] done\n");
        assert!(out.html.contains("<div class=\"callout callout-warning\" role=\"note\" aria-label=\"Warning\"><p class=\"callout-title\">Warning</p>"), "{}", out.html);
        assert!(out
            .html
            .contains("<div class=\"table-wrap\" tabindex=\"0\""));
        assert!(out.html.contains("<pre class=\"code\" tabindex=\"0\" data-lang=\"html\"><code>&lt;<span class=\"hl-t\">p</span>"), "{}", out.html);
        assert!(out.html.contains("aria-label=\"done\""));
        assert!(out.plain_text.contains("Careful"));
    }
}
