//! Stage 4, index: how result rows write titles and URL segments: titles as indexes into the
//! words titles share (`TitleWords`, which the manifest lists once), a URL's last segment as
//! the title's words it is made of. Pure; `rows` writes rows with them, and the client reads
//! them back (`files.js`, titlesOf).

use std::collections::HashMap;

use super::encode::push_number;
use super::index::DocInfo;

/// A title as a URL segment: lowercased ASCII letters and digits, the rest as single hyphens.
/// The client (`files.js`) does the same: a segment that is its title's is not written.
pub(crate) fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Writes a row's URL segment after its title (see `EncodedRows`).
pub(crate) fn encode_segment<'a>(
    title: &str,
    segment: &'a str,
    numbers: &mut String,
    literals: &mut Vec<&'a str>,
) {
    if segment == slugify(title) {
        push_number(numbers, 0);
        return;
    }
    let slugs: Vec<String> = title_words(title)
        .unwrap_or_default()
        .iter()
        .map(|w| slugify(w))
        .collect();
    let parts: Vec<&str> = if segment.is_empty() {
        Vec::new()
    } else {
        segment.split('-').collect()
    };
    push_number(numbers, u32::try_from(parts.len() + 1).unwrap_or(u32::MAX));
    let past_end = u32::try_from(slugs.len()).unwrap_or(u32::MAX);
    for part in parts {
        match slugs.iter().position(|s| s == part) {
            Some(at) => push_number(numbers, u32::try_from(at).unwrap_or(u32::MAX)),
            None => {
                push_number(numbers, past_end);
                literals.push(part);
            }
        }
    }
}

/// At most this many title words go in the manifest: each takes two characters or less.
const MAX_TITLE_WORDS: usize = 1024;

/// The words that page titles share, most used first. Each shard is its own gzip stream, so
/// gzip cannot share a title word between shards; a page's row is in ~3 of them, and titles of
/// one site use the same words over and over ("checklist", "request", "launch"). Written once
/// in the manifest, they make titles in shards and list files numbers.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct TitleWords {
    pub(crate) words: Vec<String>,
    index: HashMap<String, u32>,
}

impl TitleWords {
    pub(crate) fn new(docs: &[DocInfo]) -> Self {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for doc in docs {
            for word in title_words(&doc.title).unwrap_or_default() {
                *counts.entry(word).or_default() += 1;
            }
        }
        // A word of two letters costs as much as its index; one on a single page saves nothing.
        let mut shared: Vec<(&str, u32)> = counts
            .into_iter()
            .filter(|&(word, n)| n >= 2 && word.chars().count() >= 3)
            .collect();
        shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        shared.truncate(MAX_TITLE_WORDS);
        let words: Vec<String> = shared.into_iter().map(|(w, _)| w.to_string()).collect();
        let index = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        TitleWords { words, index }
    }

    pub(crate) fn encode<'a>(
        &self,
        title: &'a str,
        numbers: &mut String,
        literals: &mut Vec<&'a str>,
    ) {
        let Some(words) = title_words(title) else {
            push_number(numbers, 0);
            literals.push(title);
            return;
        };
        push_number(numbers, u32::try_from(words.len()).unwrap_or(u32::MAX));
        let past_end = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        for word in words {
            match self.index.get(word) {
                Some(&at) => push_number(numbers, at),
                None => {
                    push_number(numbers, past_end);
                    literals.push(word);
                }
            }
        }
    }
}

/// A title's words, if joining them with single spaces gives it back.
fn title_words(title: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = title.split(' ').collect();
    words.iter().all(|w| !w.is_empty()).then_some(words)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::encode::decode_numbers;
    use super::super::rows::{EncodedRows, ListRows};
    use super::*;

    /// What the client (`files.js`, titlesOf) does: (title, segment) per row.
    pub(crate) fn decode(rows: &EncodedRows, dict: &TitleWords) -> Vec<(String, String)> {
        let numbers = decode_numbers(&rows.titles);
        let mut words = rows.words.iter().map(|w| w.to_string());
        let mut at = numbers.iter().map(|&n| n as usize);
        let mut out = Vec::new();
        while let Some(count) = at.next() {
            let title = if count == 0 {
                words.next().unwrap()
            } else {
                let title: Vec<String> = (0..count)
                    .map(|_| {
                        let i = at.next().unwrap();
                        dict.words
                            .get(i)
                            .cloned()
                            .unwrap_or_else(|| words.next().unwrap())
                    })
                    .collect();
                title.join(" ")
            };
            let segment = match at.next().unwrap() {
                0 => slugify(&title),
                parts => {
                    let split: Vec<&str> = title.split(' ').collect();
                    let slugs: Vec<String> = if split.contains(&"") {
                        Vec::new()
                    } else {
                        split.into_iter().map(slugify).collect()
                    };
                    let parts: Vec<String> = (1..parts)
                        .map(|_| {
                            let i = at.next().unwrap();
                            slugs
                                .get(i)
                                .cloned()
                                .unwrap_or_else(|| words.next().unwrap())
                        })
                        .collect();
                    parts.join("-")
                }
            };
            out.push((title, segment));
        }
        out
    }

    #[test]
    fn titles_share_the_words_they_repeat() {
        let titles = [
            "Launch checklist",
            "Launch review",
            "Budget checklist",
            "Two  spaces",
            "",
            "Go go",
        ];
        let docs: Vec<DocInfo> = titles
            .iter()
            .map(|t| DocInfo {
                url: "a/".into(),
                title: t.to_string(),
                ..DocInfo::default()
            })
            .collect();
        let rows = ListRows::new(&docs, &[]);
        // Used twice and three letters or more: most used first, then in byte order.
        assert_eq!(rows.title_words.words, ["Launch", "checklist"]);
        let encoded = rows.encode(&[0, 1, 2, 3, 4, 5], false);
        let decoded: Vec<String> = decode(&encoded, &rows.title_words)
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(decoded, titles);
        // Titles that do not split at single spaces are kept whole; the segments ("a") are
        // not their titles'.
        assert_eq!(
            encoded.words,
            [
                "a",
                "review",
                "a",
                "Budget",
                "a",
                "Two  spaces",
                "a",
                "",
                "a",
                "Go",
                "go",
                "a"
            ]
        );
    }

    #[test]
    fn titles_become_segments_as_the_shared_vectors_say() {
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/search-vectors.json")).expect("JSON");
        for case in vectors["slugs"].as_array().expect("slugs") {
            let title = case["title"].as_str().expect("title");
            assert_eq!(
                Some(slugify(title).as_str()),
                case["slug"].as_str(),
                "{title}"
            );
        }
    }
}
