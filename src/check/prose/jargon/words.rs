//! What counts as a word, an acronym and an explanation in a block of prose: tokens, quoted
//! spans, "X (...)"/"X, the ..."/"... (X)" beside a use, an acronym spelled out.
//!
//! Apart from the rules because these are plain text tests with no idea of readers or the
//! glossary: `jargon` and `unexplained-acronym` ask them, and `spelling` asks `is_acronym`.

use super::super::text::Block;

/// Byte ranges inside quotation marks: quoted words are someone else's, often the example
/// not to follow ("MQLs are down 20% MoM").
pub(super) fn quoted_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"', None) | ('“', None) => open = Some(i),
            ('"', Some(s)) | ('”', Some(s)) => {
                spans.push(s..i);
                open = None;
            }
            _ => {}
        }
    }
    spans
}

pub(super) fn tokens_of(block: &Block) -> Vec<(usize, &str)> {
    tokens(&block.text)
}

/// Words (letters and digits) with their byte positions.
pub(super) fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// `SLA`, `B2B`, `KPI`: two to six characters, capitals (and digits), two capitals at least;
/// not a Roman numeral.
pub(crate) fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    (2..=6).contains(&n)
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && capitals >= 2
        && !word.chars().all(|c| "IVXLCDM".contains(c))
}

/// Part of three or more capitalised words in a row: emphasis, not acronyms.
pub(super) fn shouting(tokens: &[(usize, &str)], n: usize) -> bool {
    let caps = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|(_, t)| t.len() > 1 && t.chars().all(|c| !c.is_lowercase()))
    };
    let run = |range: &mut dyn Iterator<Item = usize>| range.take_while(|&i| caps(i)).count();
    1 + run(&mut (0..n).rev()) + run(&mut (n + 1..tokens.len())) >= 3
}

/// Inside a path, an address or an identifier (`/api/v2`, `EU_WEST`, `x.COM`).
pub(super) fn in_identifier(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined =
        |c: Option<char>| c.is_some_and(|c| matches!(c, '_' | '/' | '@' | '#' | '=' | '\\'));
    let dot_then_word =
        text[end..].starts_with('.') && text[end + 1..].starts_with(|c: char| c.is_alphanumeric());
    joined(before) || joined(after) || before == Some('.') || dot_then_word
}

/// The word is not part of a longer word (a plural `s` or `'s` may follow).
pub(super) fn bounded(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..start].chars().next_back().is_none_or(|c| !word(c));
    let rest = &text[end..];
    let rest = rest
        .strip_prefix("'s")
        .or_else(|| rest.strip_prefix("’s"))
        .or_else(|| rest.strip_prefix('s'))
        .unwrap_or(rest);
    before && rest.chars().next().is_none_or(|c| !word(c))
}

/// An explanation right beside a use: "X (...)", "... (X)", "X, the ...", "X means ...".
pub(super) fn explained_beside(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..]
        .trim_start_matches(['s', '\'', '’'])
        .to_lowercase();
    let before = text[..start].to_lowercase();
    let after_says = [
        " (",
        "(",
        ", a ",
        ", an ",
        ", the ",
        ", which ",
        ", or ",
        ", short for",
        ", meaning ",
        " is a ",
        " is an ",
        " is the ",
        " means ",
        " stands for ",
        " is short for ",
        " refers to ",
        " — ",
        " – ",
        ": ",
        " (short for",
    ]
    .iter()
    .any(|p| after.starts_with(p));
    // "HTML says what is on the page.": the word opens a sentence that defines it.
    let opens_sentence = {
        let lead = before.trim_end_matches(['*', '_', '"', '“']).trim_end();
        lead.is_empty() || lead.ends_with(['.', ':', '!', '?'])
    };
    let defines = [" is ", " are ", " says ", " does ", " lets ", " makes "]
        .iter()
        .any(|p| {
            after
                .trim_start_matches(['*', '_', '"', '”'])
                .starts_with(p)
        });
    // "formats such as WebP or AVIF": named as one of a kind the sentence gives.
    let listed = before.rfind("such as ").is_some_and(|i| {
        let tail = &before[i..];
        !tail.contains(['.', ';', ':']) && tail.split_whitespace().count() <= 6
    });
    let before_says = [
        "called ",
        "called a ",
        "called an ",
        "known as ",
        "(",
        "term ",
        "such as ",
    ]
    .iter()
    .any(|p| before.ends_with(p))
        && !(before.ends_with('(') && before[..before.len() - 1].trim_end().is_empty());
    // "the regulator (the ICO in the UK)": named in brackets after what it is.
    let bracketed = before
        .rfind('(')
        .is_some_and(|i| !before[i..].contains(')') && !before[..i].trim_end().is_empty());
    after_says || before_says || listed || bracketed || (opens_sentence && defines)
}

/// The acronym's words are written out in the text: "content delivery network" for CDN.
pub(super) fn spelled_out(acronym: &str, text: &str) -> bool {
    const SMALL: &[&str] = &["of", "and", "the", "for", "to", "a", "an", "in", "on", "as"];
    let letters: Vec<char> = acronym
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (0..words.len()).any(|start| {
        let (mut j, mut k) = (0, start);
        while j < letters.len() && k < words.len() {
            if words[k].starts_with(letters[j]) && words[k].len() > 1 {
                j += 1;
            } else if !SMALL.contains(&words[k].as_str()) || k == start {
                break;
            }
            k += 1;
        }
        j == letters.len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_out_skips_small_words() {
        assert!(spelled_out("ROI", "the return on investment"));
        assert!(spelled_out("CDN", "a Content-Delivery Network"));
        assert!(!spelled_out("CDN", "a cat and nothing else"));
    }
}
