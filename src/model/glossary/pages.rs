//! Which page explains each glossary term: the one glossary page, or, when that page would
//! pass the theme's byte budget, a page per letter under an index.
//!
//! Apart from the file's parsing and validation because it is a decision about the built
//! site's pages, made once every term is known.

use super::{Term, GLOSSARY_URL};

/// Above this estimate of the one glossary page's size (each entry's text plus its markup),
/// the glossary is split into a page per letter, so no glossary page passes the theme's byte
/// budget of a first visit (120 KB, HTML and CSS and script).
const ONE_PAGE_BYTES: usize = 80 * 1024;
/// Markup, labels and the "used in" links of one entry.
const BYTES_PER_TERM: usize = 700;

pub(super) fn letter_of(term: &str) -> String {
    match term.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase().to_string(),
        _ => "#".to_string(),
    }
}

/// The page of one letter, under the glossary: `a/`, or `0-9/` for `#`.
pub(crate) fn letter_page(letter: &str) -> String {
    match letter {
        "#" => format!("{GLOSSARY_URL}0-9/"),
        l => format!("{GLOSSARY_URL}{}/", l.to_lowercase()),
    }
}

/// Whether the glossary is too big for one page.
pub(super) fn needs_split(terms: &[Term]) -> bool {
    let bytes: usize = terms
        .iter()
        .map(|t| {
            let e = &t.entry;
            BYTES_PER_TERM
                + e.term.len()
                + e.definition.len()
                + e.aka.iter().map(|n| n.text.len()).sum::<usize>()
                + 60 * e.see_also.len()
        })
        .sum();
    bytes > ONE_PAGE_BYTES
}
