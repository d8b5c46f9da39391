//! Stage 4, index: text -> search terms. Pure; shared rules with the browser client.
//!
//! Words are runs of letters and digits, lowercased and reduced to their English stem
//! (Snowball, via rust-stemmers): "deploying", "deployed" and "deploys" all become "deploy".
//! Chinese, Japanese and Korean text has no spaces, so it is cut into overlapping character
//! pairs (bigrams): "搜索引擎" -> "搜索", "索引", "引擎". A few English words too common to tell
//! pages apart are left out, which keeps their huge posting lists out of the shards.
//! The browser client (`themes/default/search/words.js`) cuts queries by the same rules, with the
//! constants below from the manifest; `tests/search-vectors.json` holds cases both sides check.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Longer "words" are hashes, base64 or minified code: nobody searches for them.
pub(crate) const MAX_WORD_CHARS: usize = 40;

/// Left out of the index and out of queries. "it" is not here: in this handbook it is IT.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "into", "is", "of", "on", "or", "so", "that", "the", "their", "then", "there", "these", "this",
    "to", "was", "we", "were", "will", "with", "you", "your",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Chinese, Japanese (kana) and Korean characters, searched as character pairs: hiragana and
/// katakana, CJK extension A, CJK unified ideographs, hangul syllables, compatibility
/// ideographs, extensions B-F. The manifest carries them to the client.
pub(crate) const CJK_RANGES: [(u32, u32); 6] = [
    (0x3040, 0x30ff),
    (0x3400, 0x4dbf),
    (0x4e00, 0x9fff),
    (0xac00, 0xd7af),
    (0xf900, 0xfaff),
    (0x20000, 0x2fa1f),
];

/// Words of at least this many letters tolerate one typo, and of the second number two (the
/// client's rule; the typo dictionary lists words long enough for one).
pub(crate) const TYPO_CHARS: [usize; 2] = [4, 8];

/// Edits a typo may have in a word: none in short words, then one, then two (`TYPO_CHARS`).
pub(crate) fn typo_edits(word: &str) -> usize {
    let letters = word.chars().count();
    TYPO_CHARS.iter().filter(|&&min| letters >= min).count()
}

pub(crate) fn is_cjk(c: char) -> bool {
    let c = c as u32;
    CJK_RANGES
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// The stem of one lowercased word; words with digits or non-Latin letters are kept as they
/// are. Callers cache it per distinct word (`IndexBuilder` does): stemming is the slow part.
pub(crate) fn stem(word: &str) -> String {
    if !word.chars().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    stemmer().stem(word).into_owned()
}

/// `word` lowercased into `out` (cleared first); false when it is too long to be a word.
pub(crate) fn lowercase_into(word: &str, out: &mut String) -> bool {
    out.clear();
    if word.is_ascii() {
        if word.len() > MAX_WORD_CHARS {
            return false;
        }
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return true;
    }
    // Whole-word lowercasing, as JavaScript's toLowerCase does ("ΟΔΟΣ" -> "οδος", with a
    // final sigma).
    out.push_str(&word.to_lowercase());
    out.chars().count() <= MAX_WORD_CHARS
}

/// A lowercased word's search term, `None` for stop words.
pub(crate) fn word_term(lower: &str) -> Option<String> {
    (!STOP_WORDS.contains(&lower)).then(|| stem(lower))
}

/// The terms of `text`, in order: stems of words, and CJK character pairs. `IndexBuilder` does
/// the same with a cache of each distinct word's term.
#[cfg(test)]
pub(crate) fn tokenize(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| stem(&w)).collect()
}

/// The words of `text` as the index cuts them before stemming: lowercased, stop words and
/// absurdly long words left out, CJK runs as character pairs. What the client's `words` does
/// (`tests/search-vectors.json`).
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lower = String::new();
    for_each_word(text, |word, cjk| {
        if cjk {
            for_each_cjk_term(word, |t| out.push(t.to_string()));
        } else if lowercase_into(word, &mut lower) && word_term(&lower).is_some() {
            out.push(lower.clone());
        }
    });
    out
}

/// The terms of a run of CJK characters: its character pairs, or the one character alone.
pub(crate) fn for_each_cjk_term(run: &str, mut f: impl FnMut(&str)) {
    let mut previous: Option<usize> = None;
    for (at, c) in run.char_indices() {
        if let Some(start) = previous {
            f(&run[start..at + c.len_utf8()]);
        }
        previous = Some(at);
    }
    if previous == Some(0) {
        f(run);
    }
}

/// Calls `f(word, is_cjk)` for every run of letters/digits, CJK runs separately.
pub(crate) fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str, bool)) {
    let bytes = text.as_bytes();
    let mut start: Option<(usize, bool)> = None;
    let mut i = 0;
    while i < bytes.len() {
        // Handbook text is mostly ASCII: classify a byte without decoding a char, and decode
        // only at the multi-byte ones.
        let byte = bytes[i];
        let (kind, width) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric().then_some(false), 1)
        } else {
            let c = text[i..].chars().next().expect("i is at a char boundary");
            let kind = if is_cjk(c) {
                Some(true)
            } else {
                c.is_alphanumeric().then_some(false)
            };
            (kind, c.len_utf8())
        };
        match (start, kind) {
            (Some((s, cjk)), Some(k)) if cjk != k => {
                f(&text[s..i], cjk);
                start = Some((i, k));
            }
            (Some((s, cjk)), None) => {
                f(&text[s..i], cjk);
                start = None;
            }
            (None, Some(k)) => start = Some((i, k)),
            _ => {}
        }
        i += width;
    }
    if let Some((s, cjk)) = start {
        f(&text[s..], cjk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokenize(text)
    }

    #[test]
    fn words_are_lowercased_stemmed_and_stop_words_dropped() {
        let cases: &[(&str, &[&str])] = &[
            ("Deploying the Deployments", &["deploy", "deploy"]),
            ("Ask IT for access.", &["ask", "it", "access"]),
            ("policies, policy; studies", &["polici", "polici", "studi"]),
            ("don't", &["don", "t"]),
            ("v2.1 API-keys", &["v2", "1", "api", "key"]),
            ("Café naïve", &["café", "naïve"]),
            ("", &[]),
            ("!!! ... ???", &[]),
            ("🚀 launch 🎉", &["launch"]),
        ];
        for (text, expected) in cases {
            assert_eq!(terms(text), *expected, "{text}");
        }
    }

    #[test]
    fn cjk_text_becomes_character_pairs() {
        assert_eq!(terms("搜索引擎"), ["搜索", "索引", "引擎"]);
        assert_eq!(terms("字"), ["字"]);
        assert_eq!(terms("DNS是什么"), ["dns", "是什", "什么"]);
        assert_eq!(terms("검색 엔진"), ["검색", "엔진"]);
    }

    /// The cases the browser client is checked on too (tests/browser/search-vectors.mjs).
    #[test]
    fn the_shared_test_vectors_hold() {
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/search-vectors.json")).expect("JSON");
        let strings = |v: &serde_json::Value| -> Vec<String> {
            let list = v.as_array().expect("a list");
            list.iter()
                .map(|s| s.as_str().expect("a string").to_string())
                .collect()
        };
        for case in vectors["words"].as_array().expect("words") {
            let text = case["text"].as_str().expect("text");
            assert_eq!(words(text), strings(&case["words"]), "words of {text:?}");
        }
        for case in vectors["typo_edits"].as_array().expect("typo_edits") {
            let word = case["word"].as_str().expect("word");
            assert_eq!(
                Some(typo_edits(word) as u64),
                case["edits"].as_u64(),
                "{word}"
            );
        }
        for case in vectors["cjk"].as_array().expect("cjk") {
            let text = case["char"].as_str().expect("char");
            let c = text.chars().next().expect("a character");
            assert_eq!(
                Some(is_cjk(c)),
                case["cjk"].as_bool(),
                "{text} U+{:X}",
                c as u32
            );
        }
    }

    #[test]
    fn absurd_words_are_skipped() {
        let long = "x".repeat(200);
        assert_eq!(terms(&format!("a {long} b")), ["b"]);
    }
}
