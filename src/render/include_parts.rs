//! Reading a Markdown file for includes: where its include lines and `{{ value }}`
//! references are, and where one of its named parts (a marked region or a heading's section)
//! begins and ends.
//!
//! Pure, used by `render::includes`. It reads the text with the site's one Markdown dialect,
//! so an include line inside a code block is shown as code and a heading is a heading exactly
//! when the renderer will make it one.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::model::title::slugify;
use crate::model::values::find_refs;

/// What an include line starts with: `[!include](../_snippets/ask.md)`, with any words after
/// `!include` (`[!include: where to ask](...)`) for a reader of the plain file.
pub(crate) const INCLUDE: &str = "[!include";

/// One place in a text that expansion replaces, by byte range in that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Directive<'t> {
    pub(crate) range: Range<usize>,
    pub(crate) kind: DirectiveKind<'t>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DirectiveKind<'t> {
    /// A line of its own, at the top level: the file (and `#part`) to put in its place.
    Include { dest: &'t str },
    /// An include line inside a list, a quote or a table, where the included blocks could
    /// not stay inside it.
    NestedInclude,
    /// A paragraph that starts like an include line but has more in it.
    NotAlone,
    /// `{{ name }}`.
    Value { name: &'t str },
}

/// The include lines and value references of `text`, in order, none inside code.
pub(crate) fn directives(text: &str) -> Vec<Directive<'_>> {
    if !text.contains(INCLUDE) && !text.contains("{{") {
        return Vec::new();
    }
    let mut code = Vec::new();
    let mut found = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(text, crate::model::markdown_options()).into_offset_iter()
    {
        match event {
            // An include link anywhere else: in a tight list item, or inside a sentence.
            Event::Start(Tag::Link { .. })
                if text[range.clone()].starts_with(INCLUDE)
                    && !found
                        .iter()
                        .any(|d: &Directive| d.range.contains(&range.start)) =>
            {
                let kind = if depth > 0 {
                    DirectiveKind::NestedInclude
                } else {
                    DirectiveKind::NotAlone
                };
                found.push(Directive { range, kind });
            }
            Event::Start(Tag::CodeBlock(_)) => code.push(range),
            Event::Code(_) => code.push(range),
            Event::Start(Tag::Paragraph) => {
                let paragraph = &text[range.clone()];
                if depth == 0 && paragraph.trim_start().starts_with(INCLUDE) {
                    let kind = match include_dest(paragraph) {
                        None => DirectiveKind::NotAlone,
                        Some(dest) => DirectiveKind::Include { dest },
                    };
                    found.push(Directive {
                        range: whole_lines(text, range),
                        kind,
                    });
                }
            }
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_),
            ) => depth += 1,
            Event::End(
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition,
            ) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    code.sort_by_key(|r| r.start);
    let includes = found.clone();
    let inside_include = |at: usize| includes.iter().any(|d| d.range.contains(&at));
    found.extend(
        find_refs(text, &code)
            .into_iter()
            .filter(|r| !inside_include(r.start))
            .map(|r| Directive {
                range: r.start..r.end,
                kind: DirectiveKind::Value { name: r.name },
            }),
    );
    found.sort_by_key(|d| d.range.start);
    found
}

/// The destination of a paragraph that is only an include link: `[!include ...](dest)`.
fn include_dest(paragraph: &str) -> Option<&str> {
    let line = paragraph.trim();
    let rest = line.strip_prefix(INCLUDE)?;
    let close = rest.find("](")?;
    let dest = rest[close + 2..].strip_suffix(')')?.trim();
    let words_ok = !rest[..close].contains(['[', ']', '\n']);
    let dest_ok = !dest.contains('\n') && (dest.starts_with('<') || !dest.contains(' '));
    (words_ok && dest_ok && !dest.is_empty()).then_some(dest)
}

/// `range` widened to whole lines: from the start of its first line to after its last line's
/// line break.
fn whole_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = match text[range.end.max(1) - 1..].find('\n') {
        Some(i) => range.end.max(1) + i,
        None => text.len(),
    };
    start..end.min(text.len())
}

/// Where the part `name` of `body` is: the lines between `<!-- #region name -->` and its
/// `<!-- #endregion -->`, else the section of the heading whose id is `name` (the heading and
/// everything up to the next heading of the same or a higher level). `Err` lists the names
/// the body has, for "did you mean".
pub(crate) fn find_part(body: &str, name: &str) -> Result<Range<usize>, Vec<String>> {
    if let Some(range) = find_region(body, name) {
        return Ok(range);
    }
    let headings = headings(body);
    let Some(at) = headings.iter().position(|h| h.id == name) else {
        let mut names = region_names(body);
        names.extend(headings.into_iter().map(|h| h.id));
        return Err(names);
    };
    let level = headings[at].level;
    let end = headings[at + 1..]
        .iter()
        .find(|h| h.level <= level)
        .map_or(body.len(), |h| h.start);
    Ok(headings[at].start..end)
}

fn region_marker(line: &str) -> Option<(bool, &str)> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    if let Some(name) = inner.strip_prefix("#region") {
        return Some((true, name.trim()));
    }
    inner
        .strip_prefix("#endregion")
        .map(|name| (false, name.trim()))
}

fn find_region(body: &str, name: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    let mut start = None;
    let mut depth = 0usize;
    for line in body.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        match (region_marker(line), start) {
            (Some((true, n)), None) if n == name => start = Some(offset),
            (Some((true, _)), Some(_)) => depth += 1,
            (Some((false, _)), Some(from)) if depth == 0 => return Some(from..line_start),
            (Some((false, _)), Some(_)) => depth -= 1,
            _ => {}
        }
    }
    // A region never closed runs to the end of the file.
    start.map(|from| from..body.len())
}

fn region_names(body: &str) -> Vec<String> {
    body.lines()
        .filter_map(region_marker)
        .filter(|(open, name)| *open && !name.is_empty())
        .map(|(_, name)| name.to_string())
        .collect()
}

struct Heading {
    level: u8,
    id: String,
    /// Start of the heading's line.
    start: usize,
}

/// The top-level headings of `body` with the ids the renderer gives them in this file.
fn headings(body: &str) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut depth = 0usize;
    let mut current: Option<(u8, Option<String>, usize, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::model::markdown_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    level as u8,
                    id.map(|i| i.to_string()),
                    range.start,
                    String::new(),
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, _, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, id, start, text)) = current.take() else {
                    continue;
                };
                let base = id.unwrap_or_else(|| slugify(&text));
                let count = used.entry(base.clone()).or_insert(0);
                *count += 1;
                let id = if *count == 1 {
                    base
                } else {
                    format!("{base}-{}", *count - 1)
                };
                if depth == 0 {
                    let start = body[..start].rfind('\n').map_or(0, |i| i + 1);
                    found.push(Heading { level, id, start });
                }
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_lines_and_values_outside_code() {
        let text = "Intro {{ channel }}.\n\n[!include](_snippets/a.md)\n\n[!include: the freeze](<b c.md#freeze>)\n\n- [!include](x.md)\n\n```\n[!include](code.md) {{ channel }}\n```\n\nSee [!include](y.md) inline.\n";
        let found: Vec<(&str, DirectiveKind)> = directives(text)
            .into_iter()
            .map(|d| (&text[d.range], d.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("{{ channel }}", DirectiveKind::Value { name: "channel" }),
                (
                    "[!include](_snippets/a.md)\n",
                    DirectiveKind::Include {
                        dest: "_snippets/a.md"
                    }
                ),
                (
                    "[!include: the freeze](<b c.md#freeze>)\n",
                    DirectiveKind::Include {
                        dest: "<b c.md#freeze>"
                    }
                ),
                ("[!include](x.md)", DirectiveKind::NestedInclude),
                ("[!include](y.md)", DirectiveKind::NotAlone),
            ]
        );
        assert!(directives("No directives here.\n").is_empty());
    }

    #[test]
    fn parts_are_regions_or_heading_sections() {
        let body = "# Title\n\nIntro\n\n## Copy freeze\n\nFive days.\n\n### Detail\n\nMore.\n\n## Next\n\n<!-- #region ask -->\nAsk in the channel.\n<!-- #region inner -->\nInner.\n<!-- #endregion -->\n<!-- #endregion -->\nAfter.\n";
        let part = |name: &str| find_part(body, name).map(|r| &body[r]);
        assert_eq!(
            part("copy-freeze"),
            Ok("## Copy freeze\n\nFive days.\n\n### Detail\n\nMore.\n\n")
        );
        assert_eq!(part("detail"), Ok("### Detail\n\nMore.\n\n"));
        assert_eq!(
            part("ask"),
            Ok("Ask in the channel.\n<!-- #region inner -->\nInner.\n<!-- #endregion -->\n")
        );
        assert_eq!(part("inner"), Ok("Inner.\n"));
        let text = "[!include](a.md)\n[!include](b.md)\n";
        assert_eq!(directives(text)[0].kind, DirectiveKind::NotAlone);
        assert_eq!(
            find_part(body, "nope"),
            Err(vec![
                "ask".to_string(),
                "inner".into(),
                "title".into(),
                "copy-freeze".into(),
                "detail".into(),
                "next".into()
            ])
        );
    }
}
