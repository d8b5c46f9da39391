//! Stage 4, index: text -> search terms. Pure; shared rules with the browser client.
//!
//! Words are runs of letters and digits, lowercased and reduced to their English stem
//! (Snowball, via rust-stemmers): "deploying", "deployed" and "deploys" all become "deploy".
//! Chinese, Japanese and Korean text has no spaces, so it is cut into overlapping character
//! pairs (bigrams): "搜索引擎" -> "搜索", "索引", "引擎". A few English words too common to tell
//! pages apart are left out, which keeps their huge posting lists out of the shards.
//! `themes/default/static/search.js` splits queries by the same rules; keep the two in step.

use std::cell::RefCell;
use std::collections::HashMap;
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

/// Chinese, Japanese (kana) and Korean characters: searched as character pairs.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff      // hiragana, katakana
        | 0x3400..=0x4dbf    // CJK extension A
        | 0x4e00..=0x9fff    // CJK unified ideographs
        | 0xac00..=0xd7af    // hangul syllables
        | 0xf900..=0xfaff    // compatibility ideographs
        | 0x20000..=0x2fa1f) // extensions B-F
}

/// Words remembered per thread: a handbook repeats its words, and stemming is the slow part.
const STEM_CACHE_WORDS: usize = 200_000;

thread_local! {
    static STEMS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The stem of one lowercased word; words with digits or non-Latin letters are kept as they are.
pub(crate) fn stem(word: &str) -> String {
    if !word.chars().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word) {
            return stem.clone();
        }
        if cache.len() >= STEM_CACHE_WORDS {
            cache.clear();
        }
        let stem = stemmer().stem(word).into_owned();
        cache.insert(word.to_string(), stem.clone());
        stem
    })
}

/// Splits `text` into terms, in order.
pub(crate) fn tokenize(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_word(text, |word, cjk| {
        if cjk {
            let chars: Vec<char> = word.chars().collect();
            if chars.len() == 1 {
                terms.push(word.to_string());
            }
            terms.extend(chars.windows(2).map(|pair| pair.iter().collect::<String>()));
            return;
        }
        let lower = word.to_lowercase();
        if lower.chars().count() <= MAX_WORD_CHARS && !STOP_WORDS.contains(&lower.as_str()) {
            terms.push(stem(&lower));
        }
    });
    terms
}

/// Calls `f(word, is_cjk)` for every run of letters/digits, CJK runs separately.
fn for_each_word(text: &str, mut f: impl FnMut(&str, bool)) {
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let kind = if is_cjk(c) {
            Some(true)
        } else if c.is_alphanumeric() {
            Some(false)
        } else {
            None
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

    #[test]
    fn absurd_words_are_skipped() {
        let long = "x".repeat(200);
        assert_eq!(terms(&format!("a {long} b")), ["b"]);
    }
}
