//! Page titles (model: pure, used by the front matter parser and the renderer): inline Markdown in a title, the title of a page whose front matter has none, and the id a heading or term gets from its text.
//!
//! Pure. A title is written as inline Markdown (`**Data & Analytics**`, `` `git` for
//! marketers ``); [`render_title`] gives it as text, for places where only text fits (`<title>`,
//! search, feeds, sorting), and as inline HTML, for the page heading, sidebar, breadcrumbs and
//! listings. A page without a `title` takes its first level-1 heading ([`first_h1`]), else
//! its file name ([`title_from_file_name`]).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::html::escape_html as escape;

/// A title as text and as inline HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Title {
    pub(crate) text: String,
    pub(crate) html: String,
}

impl Title {
    /// A title that is text only, with nothing to render.
    pub(crate) fn plain(text: &str) -> Title {
        Title {
            text: text.to_string(),
            html: escape(text),
        }
    }
}

/// Renders a title written as inline Markdown. Emphasis, code and strikethrough become HTML;
/// a link keeps its text only (a title is itself a link in the sidebar and listings, and links
/// do not nest); raw HTML is shown as written. A title that Markdown would read as a block
/// (`1. Introduction`, `# Plan`, `- draft`) is taken as plain text.
pub(crate) fn render_title(markdown: &str) -> Title {
    let one_line = markdown.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut events = Parser::new_ext(&one_line, super::markdown_options());
    if !matches!(events.next(), Some(Event::Start(Tag::Paragraph))) {
        return Title::plain(&one_line);
    }
    let mut title = Title::default();
    for event in events {
        match event {
            Event::Text(text) => {
                title.text.push_str(&text);
                title.html.push_str(&escape(&text));
            }
            Event::Code(code) => {
                title.text.push_str(&code);
                title.html.push_str("<code>");
                title.html.push_str(&escape(&code));
                title.html.push_str("</code>");
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                title.text.push_str(&html);
                title.html.push_str(&escape(&html));
            }
            Event::SoftBreak | Event::HardBreak => {
                title.text.push(' ');
                title.html.push(' ');
            }
            Event::Start(tag) => title.html.push_str(match tag {
                Tag::Emphasis => "<em>",
                Tag::Strong => "<strong>",
                Tag::Strikethrough => "<del>",
                _ => "",
            }),
            Event::End(TagEnd::Paragraph) => break,
            Event::End(tag) => title.html.push_str(match tag {
                TagEnd::Emphasis => "</em>",
                TagEnd::Strong => "</strong>",
                TagEnd::Strikethrough => "</del>",
                _ => "",
            }),
            _ => {}
        }
    }
    let text = title.text.trim().to_string();
    if text.is_empty() {
        return Title::plain(&one_line);
    }
    Title {
        text,
        html: title.html.trim().to_string(),
    }
}

/// The Markdown source of the body's first level-1 heading outside lists and quotes
/// (`Data & Analytics` for `# Data & Analytics`), if it has one.
pub(crate) fn first_h1(body: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut parser = Parser::new_ext(body, super::markdown_options()).into_offset_iter();
    while let Some((event, _)) = parser.next() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if depth == 0 => {
                let mut inner = None::<std::ops::Range<usize>>;
                for (event, r) in parser.by_ref() {
                    if matches!(event, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner = Some(match inner {
                        Some(i) => i.start.min(r.start)..i.end.max(r.end),
                        None => r,
                    });
                }
                let source = inner.map_or("", |r| body[r].trim());
                if !source.is_empty() {
                    return Some(source);
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A title made from a file name, for a page with neither a `title` nor a level-1 heading:
/// `ways-of-working.md` -> `Ways of working`. A folder's index file (`_index.md`, `index.md`,
/// `README.md`) is named after its folder; `None` for the site's own home page.
pub(crate) fn title_from_file_name(rel_path: &str) -> Option<String> {
    let mut parts = rel_path.rsplit('/');
    let file = parts.next()?;
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let name = if ["_index", "index", "README", "readme"].contains(&stem) {
        parts.next()?
    } else {
        stem
    };
    let words = name.replace(['-', '_'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Whether a heading's text says the same as the title: case, spacing and markup aside.
pub(crate) fn same_title(heading: &str, title: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(heading) == norm(title)
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

    #[test]
    fn titles_render_inline_markdown_and_strip_it_for_text() {
        let cases = [
            ("Plain words", "Plain words", "Plain words"),
            (
                "**Data & Analytics**",
                "Data & Analytics",
                "<strong>Data &amp; Analytics</strong>",
            ),
            (
                "`git` for *marketers*",
                "git for marketers",
                "<code>git</code> for <em>marketers</em>",
            ),
            ("~~Old~~ New", "Old New", "<del>Old</del> New"),
            (
                "See [the guide](guide.md)",
                "See the guide",
                "See the guide",
            ),
            ("1. Introduction", "1. Introduction", "1. Introduction"),
            ("# Plan", "# Plan", "# Plan"),
            ("- draft", "- draft", "- draft"),
            (
                "Use <kbd>Tab</kbd>",
                "Use <kbd>Tab</kbd>",
                "Use &lt;kbd&gt;Tab&lt;/kbd&gt;",
            ),
            ("AT&T  and\nQ&A", "AT&T and Q&A", "AT&amp;T and Q&amp;A"),
            ("[Draft] plan", "[Draft] plan", "[Draft] plan"),
            ("***", "***", "***"),
        ];
        for (markdown, text, html) in cases {
            let title = render_title(markdown);
            assert_eq!(
                (title.text.as_str(), title.html.as_str()),
                (text, html),
                "{markdown}"
            );
        }
    }

    #[test]
    fn the_first_top_level_h1_is_found() {
        let cases = [
            ("# Title\n\nText", Some("Title")),
            (
                "Intro\n\n# **Bold** title\n\n# Second",
                Some("**Bold** title"),
            ),
            ("Setext\n======\n", Some("Setext")),
            ("## Only h2\n\n> # In a quote\n\n- # In a list\n", None),
            ("#\n\n# Real", Some("Real")),
            ("# Id {#custom}\n", Some("Id")),
            ("", None),
        ];
        for (body, expected) in cases {
            assert_eq!(first_h1(body), expected, "{body:?}");
        }
    }

    #[test]
    fn file_names_become_titles() {
        let cases = [
            ("ways-of-working.md", Some("Ways of working")),
            ("team/on_call.md", Some("On call")),
            ("team/README.md", Some("Team")),
            ("brand-kit/index.md", Some("Brand kit")),
            ("a/b/_index.md", Some("B")),
            ("_index.md", None),
            ("faq.md", Some("Faq")),
        ];
        for (rel, expected) in cases {
            assert_eq!(title_from_file_name(rel).as_deref(), expected, "{rel}");
        }
    }

    #[test]
    fn a_heading_repeats_a_title_whatever_its_case_and_spacing() {
        assert!(same_title("Data  &  analytics", "Data & Analytics"));
        assert!(!same_title("Data", "Data & Analytics"));
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
}
