//! Import: heading ids kept as the source made them. Each generator turns a heading into an id
//! its own way (Hugo and Docusaurus like GitHub, Eleventy with `@sindresorhus/slugify`, MkDocs
//! with Python-Markdown's `toc`); where that differs from bridgebook's id, the heading gets an
//! explicit `{#id}`, so links to `page#section`, from the handbook or from outside, still land.
//!
//! Pure. Adds text at the end of heading lines only: no line is added or removed.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::detect::Generator;

/// The id `generator` gives a heading with this text (before numbering duplicates).
pub(crate) fn source_slug(generator: Generator, text: &str) -> String {
    match generator {
        Generator::Hugo | Generator::Docusaurus | Generator::Jekyll => github_slug(text),
        Generator::Eleventy => eleventy_slug(text),
        Generator::Mkdocs => python_markdown_slug(text),
    }
}

/// GitHub's: lowercase, drop punctuation except `-` and `_`, each space becomes `-`.
fn github_slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Eleventy's `slugify` filter: `&` reads "and", every other run of
/// characters that are not ASCII letters or digits becomes one `-`.
fn eleventy_slug(text: &str) -> String {
    let text = text.replace('&', " and ");
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold_latin(c) {
            Some(folded) => slug.push_str(folded),
            None if c.is_ascii_alphanumeric() => slug.push(c),
            None => {
                if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
            }
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Python-Markdown's `toc` slugify: accents folded to ASCII, other non-word characters
/// dropped, runs of spaces and `-` become one `-`.
fn python_markdown_slug(text: &str) -> String {
    let mut kept = String::new();
    for c in text.chars() {
        if let Some(folded) = fold_latin(c) {
            kept.push_str(folded);
        } else if c.is_ascii_alphanumeric() || c == '_' || c == '-' || c.is_whitespace() {
            kept.push(c);
        }
    }
    let mut slug = String::new();
    for c in kept.trim().to_lowercase().chars() {
        if c == '-' || c.is_whitespace() {
            if !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.push(c);
        }
    }
    slug
}

/// The common accented Latin letters, as their ASCII letters.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ß' => "ss",
        _ => return None,
    })
}

/// Adds `{#id}` to each heading whose source id bridgebook would not give it. Returns the new
/// text and how many headings were pinned.
pub(crate) fn pin_heading_ids(body: &str, generator: Generator) -> (String, usize) {
    let mut source_ids: HashMap<String, usize> = HashMap::new();
    let mut bridgebook_ids: HashMap<String, usize> = HashMap::new();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    let mut parser = Parser::new_ext(body, crate::model::markdown_options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        let Event::Start(Tag::Heading { id, .. }) = event else {
            continue;
        };
        let mut text = String::new();
        for (e, _) in parser.by_ref() {
            match e {
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::End(TagEnd::Heading(_)) => break,
                _ => {}
            }
        }
        if let Some(id) = id {
            number(&mut source_ids, id.to_string());
            number(&mut bridgebook_ids, id.to_string());
            continue;
        }
        let ours = number(&mut bridgebook_ids, crate::model::title::slugify(&text));
        let base = source_slug(generator, &without_templates(&text));
        if base.is_empty() {
            continue;
        }
        let theirs = number(&mut source_ids, base);
        if theirs != ours {
            if let Some(at) = heading_text_end(body, range.start, range.end) {
                inserts.push((at, format!(" {{#{theirs}}}")));
                // bridgebook numbers duplicates by the ids it ends up with.
                bridgebook_ids.insert(theirs, 1);
            }
        }
    }
    let count = inserts.len();
    let mut out = body.to_string();
    for (at, text) in inserts.into_iter().rev() {
        out.insert_str(at, &text);
    }
    (out, count)
}

/// Heading text as the generator's reader saw it: shortcodes and template tags (an icon, a
/// badge) render to markup, not to words of the id.
fn without_templates(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{").into_iter().chain(rest.find("{%")).min() {
        let close = if rest[start..].starts_with("{%") {
            "%}"
        } else {
            "}}"
        };
        let Some(len) = rest[start + 2..].find(close) else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}

/// `base`, or `base-1`, `base-2`... for the second and later uses on a page.
fn number(used: &mut HashMap<String, usize>, base: String) -> String {
    let count = used.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        base
    } else {
        let id = format!("{base}-{}", *count - 1);
        used.insert(id.clone(), 1);
        id
    }
}

/// Where to put `{#id}`: the end of an ATX heading's text (before closing `#`s), or of a
/// setext heading's last text line.
fn heading_text_end(body: &str, start: usize, end: usize) -> Option<usize> {
    let block = &body[start..end];
    let atx = block.trim_start().starts_with('#');
    let line_end = if atx {
        block.find('\n').unwrap_or(block.len())
    } else {
        let trimmed = block.trim_end_matches(['\n', '\r']);
        trimmed.rfind('\n')?
    };
    let line = &block[..line_end];
    let mut text = line.trim_end();
    if atx {
        let without = text.trim_end_matches('#');
        if without.len() < text.len() && without.ends_with([' ', '\t']) {
            text = without.trim_end();
        }
    }
    if text.ends_with('}') || text.trim_start_matches('#').trim().is_empty() {
        return None;
    }
    Some(start + text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_as_each_generator_makes_them() {
        let cases = [
            (
                Generator::Eleventy,
                "Using the hours you’ve earned",
                "using-the-hours-you-ve-earned",
            ),
            (
                Generator::Eleventy,
                "Meals & incidental expenses (M&IE)",
                "meals-and-incidental-expenses-m-and-ie",
            ),
            (Generator::Eleventy, "What's new?", "what-s-new"),
            (Generator::Hugo, "v0.7.0 changes", "v070-changes"),
            (Generator::Hugo, "A -- b_c", "a----b_c"),
            (Generator::Mkdocs, "Café  & -- more", "cafe-more"),
            (Generator::Docusaurus, "Step 1: Install", "step-1-install"),
        ];
        assert_eq!(
            without_templates("{{% _param FAS robot %}} Upgrading with AI?"),
            " Upgrading with AI?"
        );
        for (generator, text, slug) in cases {
            assert_eq!(source_slug(generator, text), slug, "{generator:?} {text}");
        }
    }

    #[test]
    fn headings_keep_their_source_ids() {
        let body = "# Using the hours you’ve earned\n\n## Plain words\n\n## Plain words\n\nSetext: you’ve\n---\n\n## Closed: you’re ##\n\n## Own {#mine}\n";
        let (out, n) = pin_heading_ids(body, Generator::Eleventy);
        assert_eq!(n, 3, "{out}");
        assert_eq!(out, "# Using the hours you’ve earned {#using-the-hours-you-ve-earned}\n\n## Plain words\n\n## Plain words\n\nSetext: you’ve {#setext-you-ve}\n---\n\n## Closed: you’re {#closed-you-re} ##\n\n## Own {#mine}\n");
    }
}
