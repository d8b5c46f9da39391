//! Stage 3a, render: one page's Markdown body to HTML.
//!
//! Pure: takes the body and what links may point at, returns HTML, the table of contents, the
//! heading ids, the page's plain text (for search) and the problems found. Links to other
//! pages' `.md` files become their URLs; anchors into other pages are returned for the driver
//! to check once every page's headings are known.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd,
};

use crate::diagnostic::{Diagnostic, LineIndex, Location};
use crate::model::title::same_title;
use crate::render::highlight::{escape, highlight};
use crate::render::links::{relative_link, resolve_link, suggest_anchor, suggest_paths, LinkDest};

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
    let mut renderer = Renderer {
        page,
        targets,
        lines: None,
        out: RenderedMarkdown::default(),
        used_ids: HashMap::new(),
        own_anchors: Vec::new(),
        // The template shows the page title as the only `h1`.
        last_heading_level: 1,
    };
    let mut events: Vec<Event> = Vec::new();
    let mut tips = page.tooltips.map(|t| t.pass(page.root));
    // Inside a link, `<abbr>` or inline `<code>`, text stays as written (no tooltips).
    let mut protected = 0i32;
    let mut parser = Parser::new_ext(body, crate::model::markdown_options()).into_offset_iter();
    // Each top-level `h2` opens a `<section class="doc-section">` that runs to the next one:
    // the theme lets the browser skip laying out the sections below the first screen until
    // the reader scrolls near them (docs/benchmarks.md, issue 11). Blocks still open here
    // (lists, quotes) mean a heading is nested and starts no section.
    let mut open_blocks = 0usize;
    let mut in_section = false;
    // Whether the title heading may still come, and whether nothing came before it.
    let mut title_pending = !matches!(page.title, TitleHeading::Keep);
    let mut leading = true;
    while let Some((event, range)) = parser.next() {
        let first_event = std::mem::replace(&mut leading, false);
        match &event {
            // These arms read their own end event below.
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => {}
            Event::Start(_) => open_blocks += 1,
            Event::End(_) => open_blocks = open_blocks.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) if title_pending && level == HeadingLevel::H1 && open_blocks == 0 => {
                let mut inner = Vec::new();
                for (e, _) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(e);
                }
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
                if level == HeadingLevel::H2 && open_blocks == 0 {
                    let close = if in_section { "</section>\n" } else { "" };
                    events.push(Event::Html(
                        format!("{close}<section class=\"doc-section\">\n").into(),
                    ));
                    in_section = true;
                }
                let mut inner = Vec::new();
                for (e, _) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(e);
                }
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
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                renderer.push_text(&code);
                let class = if lang.is_empty() {
                    String::new()
                } else {
                    format!(" data-lang=\"{}\"", escape(lang))
                };
                events.push(Event::Html(
                    format!(
                        "<pre class=\"code\" tabindex=\"0\"{class}><code>{}</code></pre>\n",
                        highlight(&code, lang)
                    )
                    .into(),
                ));
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
                // A line that starts with a comment is an HTML block: its text is left raw.
                let diag = Diagnostic::error(
                    "no-tooltip",
                    "a line that starts with `<!-- no-tooltip -->` is read as raw HTML, so its text loses its paragraph and Markdown",
                )
                .help("keep the comment inside the sentence, e.g. `the incident <!-- no-tooltip -->lead`, or rewrap the line so another word starts it");
                let problem =
                    renderer.problem(diag, range.start, crate::render::tooltips::NO_TOOLTIP.len());
                renderer.out.diagnostics.push(problem);
                events.push(event);
            }
            Event::InlineHtml(ref html) => {
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
                let mut alt = Vec::new();
                for (e, _) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::Image)) {
                        break;
                    }
                    alt.push(e);
                }
                let alt_text = alt.iter().any(|e| match e {
                    Event::Text(t) | Event::Code(t) => !t.trim().is_empty(),
                    _ => false,
                });
                if !alt_text {
                    let diag = Diagnostic::warning(
                        "missing-alt",
                        "image has no alt text, so screen readers cannot describe it",
                    )
                    .help("describe the image in the brackets: ![A funnel from visit to sale](funnel.svg)");
                    let problem = renderer.problem(diag, range.start, 4);
                    renderer.out.diagnostics.push(problem);
                }
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
    if in_section {
        events.push(Event::Html("</section>\n".into()));
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    renderer.check_own_anchors();
    renderer.out.html = html;
    renderer.out.tooltip_uses = tips.map(|t| t.into_uses()).unwrap_or_default();
    renderer.out
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

struct Renderer<'a> {
    page: &'a PageInput<'a>,
    targets: &'a LinkTargets,
    lines: Option<LineIndex<'a>>,
    out: RenderedMarkdown,
    used_ids: HashMap<String, usize>,
    /// `#anchor` links within this page: (anchor, problem if missing).
    own_anchors: Vec<(String, Diagnostic)>,
    last_heading_level: u8,
}

impl<'a> Renderer<'a> {
    /// Screen-reader users jump by heading level; a skipped level reads as a missing section.
    fn check_heading_level(&mut self, level: u8, pos: usize) {
        if level > self.last_heading_level + 1 {
            let expected = self.last_heading_level + 1;
            let diag = Diagnostic::warning(
                "skipped-heading",
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

    fn push_text(&mut self, text: &str) {
        self.out.plain_text.push_str(text);
    }

    fn heading(
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

    fn unique_id(&mut self, base: String) -> String {
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

    fn rewrite_links_in(&mut self, events: Vec<Event<'a>>, offset: usize) -> Vec<Event<'a>> {
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

    fn location(&mut self, body_pos: usize, len: usize) -> Location {
        let lines = self
            .lines
            .get_or_insert_with(|| LineIndex::new(self.page.file_text));
        let (line, col) = lines.position(self.page.body_offset + body_pos);
        Location::new(self.page.site_path, line, col, len)
    }

    fn problem(&mut self, diagnostic: Diagnostic, body_pos: usize, len: usize) -> Diagnostic {
        let location = self.location(body_pos, len);
        diagnostic.at_source(location, self.page.file_text)
    }

    /// Rewrites a link's destination and reports it if it leads nowhere.
    fn rewrite(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        pos: usize,
        is_image: bool,
    ) -> CowStr<'a> {
        let resolved = if matches!(link_type, LinkType::Email | LinkType::Autolink) {
            LinkDest::External
        } else {
            resolve_link(self.page.rel_path, &dest)
        };
        let shown_len = dest.chars().count() + 4;
        // The path as written, for messages: `../b/missing.md` of `../b/missing.md?x=1#y`.
        let written = dest.split(['?', '#']).next().unwrap_or_default();
        let (resolved, query, fragment) = match resolved {
            LinkDest::External => {
                self.external(&dest, pos);
                return dest;
            }
            LinkDest::SamePage { fragment } => {
                if let Some(anchor) = fragment {
                    let diag = Diagnostic::error(
                        "broken-anchor",
                        format!("no heading with id `#{anchor}` on this page"),
                    );
                    let problem = self.problem(diag, pos, shown_len);
                    self.own_anchors.push((anchor, problem));
                }
                return dest;
            }
            LinkDest::Outside { path } => {
                let diag = Diagnostic::error(
                    "broken-link",
                    format!("`{path}` points outside the content folder"),
                )
                .help("link to a page inside content/");
                let problem = self.problem(diag, pos, shown_len);
                self.out.diagnostics.push(problem);
                return dest;
            }
            LinkDest::Site {
                path,
                query,
                fragment,
            } => (path, query.unwrap_or_default(), fragment),
        };
        let suffix = match &fragment {
            Some(f) => format!("{query}#{f}"),
            None => query.to_string(),
        };
        let root = self.page.root;
        if let Some(url) = self.targets.pages.get(&resolved) {
            self.out.page_links.push(resolved.clone());
            if let Some(anchor) = fragment {
                let diag = Diagnostic::error("broken-anchor", format!("`{written}` has no heading with id `#{anchor}`"))
                    .help("link to a heading that exists, or give the heading an explicit id: `## Title {#id}`");
                let problem = self.problem(diag, pos, shown_len);
                self.out.anchor_links.push(AnchorLink {
                    target: resolved.clone(),
                    anchor,
                    problem,
                });
            }
            return format!("{root}{url}{suffix}").into();
        }
        let as_dir = resolved.trim_end_matches('/');
        if let Some((source, url)) = [format!("{as_dir}/_index.md"), format!("{as_dir}/index.md")]
            .into_iter()
            .find_map(|source| {
                let url = self.targets.pages.get(&source)?;
                Some((source, url))
            })
        {
            self.out.page_links.push(source);
            return format!("{root}{url}{suffix}").into();
        }
        if self.targets.files.contains(&resolved) || self.targets.urls.contains(&resolved) {
            return format!("{root}{resolved}{suffix}").into();
        }
        // `x.md`, and URL-style links to a page (`../dates/`, `/url`): a file has an extension.
        let is_page = resolved.ends_with(".md")
            || !resolved
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .contains('.');
        let (code, what) = if is_image {
            ("missing-image", "image")
        } else if is_page {
            ("broken-link", "page")
        } else {
            ("missing-file", "file")
        };
        let help = self.missing_help(&resolved, is_page, what);
        let diag = Diagnostic::error(
            code,
            format!("link to missing {what} `{written}` (looked for content/{resolved})"),
        )
        .help(help);
        let problem = self.problem(diag, pos, shown_len);
        self.out.diagnostics.push(problem);
        dest
    }

    /// Remembers a link to another site, for `check --external`.
    fn external(&mut self, dest: &str, pos: usize) {
        if dest.starts_with("http://") || dest.starts_with("https://") {
            let location = self.location(pos, dest.chars().count());
            let source_line = self
                .page
                .file_text
                .lines()
                .nth(location.line - 1)
                .unwrap_or_default()
                .to_string();
            self.out.external_links.push(ExternalLink {
                url: dest.to_string(),
                location,
                source_line,
            });
        }
    }

    /// "Did you mean" for a missing page or file: the closest pages (or files), written as
    /// the link this page would use; else where to look.
    fn missing_help(&self, resolved: &str, is_page: bool, what: &str) -> String {
        let candidates: Vec<&str> = if is_page {
            self.targets.pages.keys().map(String::as_str).collect()
        } else {
            self.targets.files.iter().map(String::as_str).collect()
        };
        let found = suggest_paths(resolved, candidates);
        if found.is_empty() {
            return if is_page {
                "check the path: links are relative to this page's folder".to_string()
            } else {
                format!("put the {what} in content/ or static/, or fix the path")
            };
        }
        let links: Vec<String> = found
            .iter()
            .map(|to| format!("`{}`", relative_link(self.page.rel_path, to)))
            .collect();
        format!("did you mean {}?", links.join(" or "))
    }

    fn check_own_anchors(&mut self) {
        let anchors = std::mem::take(&mut self.own_anchors);
        for (anchor, problem) in anchors {
            if !self.out.heading_ids.contains(&anchor) {
                let problem = with_anchor_help(problem, &anchor, &self.out.heading_ids);
                self.out.diagnostics.push(problem);
            }
        }
    }
}

impl AnchorLink {
    /// The problem to report when the target page has no heading `anchor`, given the ids it
    /// has (`None` if unknown): with the closest heading as a suggestion, if one is close.
    pub(crate) fn report(&self, ids: Option<&[String]>) -> Diagnostic {
        with_anchor_help(self.problem.clone(), &self.anchor, ids.unwrap_or_default())
    }
}

/// Suggests the heading id `anchor` was likely meant to be.
fn with_anchor_help(problem: Diagnostic, anchor: &str, ids: &[String]) -> Diagnostic {
    match suggest_anchor(anchor, ids.iter().map(String::as_str)) {
        Some(id) => problem.help(format!("did you mean `#{id}`? (the heading's id)")),
        None => problem,
    }
}

/// A heading's words, markup left out.
fn heading_text(inner: &[Event]) -> String {
    inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A heading's id: lowercase words joined by `-`, keeping letters of every script.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !slug.ends_with('-')
            && !slug.is_empty()
        {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(body: &str) -> RenderedMarkdown {
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
    fn slugs() {
        for (text, slug) in [
            ("Hello, World!", "hello-world"),
            ("  A -- b  ", "a-b"),
            ("Überblick 2027", "überblick-2027"),
            ("???", "section"),
            ("会議の進め方", "会議の進め方"),
        ] {
            assert_eq!(slugify(text), slug);
        }
    }

    #[test]
    fn links_are_rewritten_to_urls() {
        let cases = [
            ("[x](../b/other.md)", "href=\"../../b/other/\""),
            ("[x](../b/other.md#part)", "href=\"../../b/other/#part\""),
            ("[x](../b/_index.md)", "href=\"../../b/\""),
            ("[x](../b/)", "href=\"../../b/\""),
            (
                "[x](https://example.com/a.md)",
                "href=\"https://example.com/a.md\"",
            ),
            ("![alt](pic.png)", "src=\"../../a/pic.png\""),
            ("[x](#top)\n\n## Top", "href=\"#top\""),
            (
                "[q](../b/other.md?tab=2#part)",
                "href=\"../../b/other/?tab=2#part\"",
            ),
            ("[x](my%20page.md)", "href=\"../../a/my%20page/\""),
            ("[x](<my page.md>)", "href=\"../../a/my%20page/\""),
            ("[x]\n\n[x]: <my page.md>", "href=\"../../a/my%20page/\""),
        ];
        for (md, expected) in cases {
            let out = render(md);
            assert!(out.html.contains(expected), "{md}: {}", out.html);
            assert!(out.diagnostics.is_empty(), "{md}: {:?}", out.diagnostics);
        }
        assert_eq!(
            render("[x](../b/other.md#part)").anchor_links[0].anchor,
            "part"
        );
    }

    #[test]
    fn broken_links_name_the_line() {
        let out = render(
            "Intro\n\nSee [the other](../b/missing.md) and ![pic](nope.png) and [top](#nowhere).\n",
        );
        let lines: Vec<String> = out
            .diagnostics
            .iter()
            .map(|d| d.render().lines().next().unwrap().to_string())
            .collect();
        assert_eq!(
            lines,
            [
                "content/a/page.md:3:5: error: link to missing page `../b/missing.md` (looked for content/b/missing.md) [broken-link]",
                "content/a/page.md:3:38: error: link to missing image `nope.png` (looked for content/a/nope.png) [missing-image]",
                "content/a/page.md:3:59: error: no heading with id `#nowhere` on this page [broken-anchor]",
            ]
        );
    }

    #[test]
    fn broken_links_suggest_only_close_pages_written_as_links_from_here() {
        let help = |md: &str| {
            let out = render(md);
            out.diagnostics[0].help.clone().unwrap_or_default()
        };
        assert_eq!(help("[x](setup.md)"), "did you mean `../guides/setup.md`?");
        assert_eq!(help("[x](../b/othre.md)"), "did you mean `../b/other.md`?");
        assert_eq!(
            help("[x](../../process/deployments/index.md)"),
            "link to a page inside content/"
        );
        assert_eq!(
            help("[x](../process/deployments/index.md)"),
            "check the path: links are relative to this page's folder"
        );
        assert_eq!(help("![A chart](pic.jpg)"), "did you mean `pic.png`?");
        assert_eq!(
            help("[x](../guides/setup/)"),
            "did you mean `../guides/setup.md`?"
        );
        assert_eq!(render("[x](/url)").diagnostics[0].code, "broken-link");
        assert_eq!(render("[x](form.pdf)").diagnostics[0].code, "missing-file");
        assert_eq!(
            help("[x](#Topp)\n\n## Top"),
            "did you mean `#top`? (the heading's id)"
        );
    }

    #[test]
    fn headings_get_unique_ids_a_toc_and_a_self_link_outside_the_text() {
        let out = render("## Plan [link](../b/other.md)\n\n## Plan\n\n### Custom {#mine}\n");
        assert_eq!(out.heading_ids, ["plan-link", "plan", "mine"]);
        assert_eq!(out.toc.len(), 3);
        assert!(out.html.contains("<h2 id=\"plan-link\">Plan <a href=\"../../b/other/\">link</a> <a class=\"anchor\" href=\"#plan-link\""), "{}", out.html);
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
