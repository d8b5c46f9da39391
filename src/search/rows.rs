//! Stage 4, index: the result-list rows, what the list shows for each hit: its title (a link to
//! its URL), its breadcrumb and its audience badges. Pure; `files` decides where rows go (the
//! manifest for a small site, else the term shards and list files).
//!
//! A row is a place (an index into the manifest's `Places`: a site has far fewer folders and
//! breadcrumbs than pages), the audiences (a bit set over the manifest's `audience_ids`; front
//! matter only names audiences the site declares), the title, and the URL's last segment,
//! written as the title's words it is made of where it can be. Files hold rows as a string of
//! numbers and the titles and segments (`EncodedRows`): a run of pages' (place, audiences)
//! pairs, or a set of pages' (gap to the previous page id, place, audiences) triples.

use std::collections::{BTreeSet, HashMap};

use serde_json::json;

use super::encode::{push_number, push_wide_number};
use super::index::DocInfo;
use super::score::TermPostings;

/// Shards carry the result-list rows of this many best pages of each of their terms: as many
/// as the dropdown lists (the client reads it from the manifest), so a one-word query needs no
/// other file.
pub(crate) const ROWS_PER_TERM: usize = 6;

pub(crate) struct ListRows<'a> {
    docs: &'a [DocInfo],
    pub(crate) places: Places,
    pub(crate) title_words: TitleWords,
    place_of: Vec<u32>,
    audiences_of: Vec<u64>,
}

/// Where pages are: every URL folder (a tree: folder `i` is folder `parents[i]`, then
/// `segments[i]` and a slash) and every breadcrumb (a tree of section titles the same way), and
/// the places, the (folder, breadcrumb) pairs pages have. Pages of one folder have the same
/// breadcrumb, so there are about as many places as folders (at 10,000 pages: 555).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Places {
    pub(crate) folders: Tree,
    pub(crate) crumbs: Tree,
    pub(crate) pairs: Vec<(u32, u32)>,
    known: HashMap<(u32, u32), u32>,
}

/// Paths as a tree: path `i` is path `parents[i]` and then `names[i]` (path 0 is the empty one).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Tree {
    pub(crate) parents: Vec<u32>,
    pub(crate) names: Vec<String>,
    known: HashMap<Vec<String>, u32>,
}

impl Tree {
    /// The index of `path`, added with its parents.
    fn intern(&mut self, path: &[String]) -> u32 {
        if self.names.is_empty() {
            self.parents.push(0);
            self.names.push(String::new());
            self.known.insert(Vec::new(), 0);
        }
        if let Some(&at) = self.known.get(path) {
            return at;
        }
        let (last, above) = path.split_last().expect("the empty path is known");
        let parent = self.intern(above);
        let at = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.parents.push(parent);
        self.names.push(last.clone());
        self.known.insert(path.to_vec(), at);
        at
    }

    /// `[parents as a string of numbers, names]`.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let mut parents = String::new();
        for &parent in &self.parents {
            push_number(&mut parents, parent);
        }
        json!([parents, self.names])
    }
}

impl Places {
    fn intern(&mut self, folder: &[String], crumbs: &[String]) -> u32 {
        let pair = (self.folders.intern(folder), self.crumbs.intern(crumbs));
        if let Some(&at) = self.known.get(&pair) {
            return at;
        }
        let at = u32::try_from(self.pairs.len()).unwrap_or(u32::MAX);
        self.pairs.push(pair);
        self.known.insert(pair, at);
        at
    }

    /// `{folders, crumbs, of: (folder, breadcrumb) per place as a string of numbers}`.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let mut of = String::new();
        for &(folder, crumb) in &self.pairs {
            push_number(&mut of, folder);
            push_number(&mut of, crumb);
        }
        json!({ "folders": self.folders.to_json(), "crumbs": self.crumbs.to_json(), "of": of })
    }
}

/// A URL's folders and last segment: `a/b/c/` -> (["a", "b"], "c"); the home page's `""` ->
/// ([], "").
fn split_url(url: &str) -> (Vec<String>, &str) {
    let mut parts: Vec<&str> = url.trim_end_matches('/').split('/').collect();
    let last = parts.pop().unwrap_or("");
    (parts.into_iter().map(str::to_string).collect(), last)
}

/// A title as a URL segment: lowercased ASCII letters and digits, the rest as single hyphens.
/// The client (`rows.js`) does the same: a segment that is its title's is not written.
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

impl<'a> ListRows<'a> {
    pub(crate) fn new(docs: &'a [DocInfo], audience_ids: &[&str]) -> Self {
        let mut places = Places::default();
        let place_of = docs
            .iter()
            .map(|doc| places.intern(&split_url(&doc.url).0, &doc.crumbs))
            .collect();
        let audiences_of = docs
            .iter()
            .map(|doc| audience_bits(&doc.audience, audience_ids))
            .collect();
        ListRows {
            docs,
            places,
            title_words: TitleWords::new(docs),
            place_of,
            audiences_of,
        }
    }

    /// The rows of `ids` (ascending), each id's gap in front if `with_ids`.
    pub(crate) fn encode(&self, ids: &[u32], with_ids: bool) -> EncodedRows<'a> {
        let mut rows = EncodedRows::default();
        let mut next = 0;
        for &id in ids {
            if with_ids {
                push_number(&mut rows.numbers, id - next);
                next = id + 1;
            }
            push_number(&mut rows.numbers, self.place_of[id as usize]);
            push_wide_number(&mut rows.numbers, self.audiences_of[id as usize]);
            let doc = &self.docs[id as usize];
            self.title_words
                .encode(&doc.title, &mut rows.titles, &mut rows.words);
            encode_segment(
                &doc.title,
                split_url(&doc.url).1,
                &mut rows.titles,
                &mut rows.words,
            );
        }
        rows
    }
}

/// Rows as a file holds them: `numbers` as `ListRows` says; `titles` a string of numbers, per
/// row its title and then its URL segment. A title is its count of words and then each word,
/// as its index in the manifest's `TitleWords` or, past their end, as the next of `words` (a
/// count of 0: the whole title is the next of `words`). A segment is 0 where it is
/// `slugify(title)`, else its count of hyphen-separated parts plus one and then each part, as
/// the position of the title word whose slug it is or, past the title's words, as the next of
/// `words`. Most segments are their title's words, some of them: `priority-dns-vendor-22`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct EncodedRows<'a> {
    pub(crate) numbers: String,
    pub(crate) titles: String,
    pub(crate) words: Vec<&'a str>,
}

impl EncodedRows<'_> {
    /// The rows as the arguments of a file's call: numbers, titles, words.
    pub(crate) fn to_json(&self) -> [serde_json::Value; 3] {
        [json!(self.numbers), json!(self.titles), json!(self.words)]
    }
}

/// Writes a row's URL segment after its title (see `EncodedRows`).
fn encode_segment<'a>(
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
    fn new(docs: &[DocInfo]) -> Self {
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

    fn encode<'a>(&self, title: &'a str, numbers: &mut String, literals: &mut Vec<&'a str>) {
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

/// The pages a shard carries rows for: each term's `ROWS_PER_TERM` best (highest impact, then
/// lowest id, the order the client breaks ties in), in id order.
pub(crate) fn best_pages(terms: &[&TermPostings]) -> Vec<u32> {
    let mut pages = BTreeSet::new();
    for term in terms {
        let mut best: Vec<(u32, u32)> = term.scored().map(|s| (s.impact, s.doc)).collect();
        if best.len() > ROWS_PER_TERM {
            best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            best.truncate(ROWS_PER_TERM);
        }
        pages.extend(best.iter().map(|&(_, doc)| doc));
    }
    pages.into_iter().collect()
}

/// A page's audiences as bits: bit `i` is `audience_ids[i]`.
pub(crate) fn audience_bits(audience: &[String], audience_ids: &[&str]) -> u64 {
    audience
        .iter()
        .filter_map(|a| audience_ids.iter().position(|id| id == a))
        // A JavaScript number holds whole numbers up to 2^53 exactly.
        .filter(|&i| i < 53)
        .fold(0, |bits, i| bits | 1 << i)
}

#[cfg(test)]
mod tests {
    use super::super::encode::decode_numbers;
    use super::super::score::Scored;
    use super::*;

    fn doc(url: &str, title: &str, crumbs: &[&str]) -> DocInfo {
        DocInfo {
            url: url.into(),
            title: title.into(),
            crumbs: crumbs.iter().map(|c| c.to_string()).collect(),
            ..DocInfo::default()
        }
    }

    /// What the client (`files.js`, titlesOf) does: (title, segment) per row.
    fn decode(rows: &EncodedRows, dict: &TitleWords) -> Vec<(String, String)> {
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
        let docs: Vec<DocInfo> = titles.iter().map(|t| doc("a/", t, &[])).collect();
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
    fn rows_name_their_place_and_the_segment_their_title_does_not_give() {
        let docs = [
            doc("", "Home", &[]),
            doc("guides/", "Guides", &[]),
            doc("guides/first-steps/", "First steps", &["Guides"]),
            doc("guides/deep/c/", "Other", &["Guides", "Deep"]),
            doc("guides/b/", "B", &["Guides"]),
        ];
        let rows = ListRows::new(&docs, &[]);
        assert_eq!(rows.places.folders.names, ["", "guides", "deep"]);
        assert_eq!(rows.places.crumbs.names, ["", "Guides", "Deep"]);
        assert_eq!(rows.places.pairs, [(0, 0), (1, 1), (2, 2)]);
        let list = rows.encode(&[0, 1, 2, 3, 4], false);
        // (place, audiences) per page.
        assert_eq!(
            decode_numbers(&list.numbers),
            [0, 0, 0, 0, 1, 0, 2, 0, 1, 0]
        );
        let urls: Vec<String> = decode(&list, &rows.title_words)
            .into_iter()
            .map(|r| r.1)
            .collect();
        assert_eq!(urls, ["", "guides", "first-steps", "c", "b"]);
        // The home page's empty segment, and "c", are written; the slugs of titles are not.
        assert_eq!(
            list.words,
            ["Home", "Guides", "First", "steps", "Other", "c", "B"]
        );
        let doc = |url: &str, title: &str| self::doc(url, title, &[]);
        let docs = [
            doc(
                "priority-dns-vendor-22/",
                "Priority style for DNS vendor reviews",
            ),
            doc("fmla/", "Family Medical Leave Act (FMLA)"),
        ];
        let other = ListRows::new(&docs, &[]);
        let list = other.encode(&[0, 1], false);
        let decoded: Vec<String> = decode(&list, &other.title_words)
            .into_iter()
            .map(|r| r.1)
            .collect();
        assert_eq!(decoded, ["priority-dns-vendor-22", "fmla"]);
        assert_eq!(
            list.words,
            [
                "Priority", "style", "for", "DNS", "vendor", "reviews", "22", "Family", "Medical",
                "Leave", "Act", "(FMLA)"
            ],
            "segments are made of their titles' words"
        );
        // With the gap to the previous id in front: pages 2 and 4.
        let shard = rows.encode(&[2, 4], true);
        assert_eq!(decode_numbers(&shard.numbers), [2, 1, 0, 1, 1, 0]);
    }

    /// The cases the browser client is checked on too (tests/browser/search-vectors.mjs).
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

    #[test]
    fn shards_carry_rows_for_each_terms_best_pages() {
        let scored = |doc, impact| Scored {
            doc,
            impact,
            ..Scored::default()
        };
        // Nine pages, impacts 1..=9 except a tie at 5: the best six are 9 8 7 6 and the two
        // fives with the lowest ids (the client breaks ties by lowest id too). A title page
        // counts like any other.
        let common = TermPostings {
            title: vec![scored(1, 9)],
            best: [
                (0, 1),
                (2, 5),
                (3, 8),
                (4, 5),
                (5, 7),
                (6, 5),
                (7, 6),
                (8, 2),
            ]
            .into_iter()
            .map(|(d, i)| scored(d, i))
            .collect(),
            ..TermPostings::default()
        };
        assert_eq!(best_pages(&[&common]), [1, 2, 3, 4, 5, 7]);
        // A rare term brings all its pages; pages two terms share are listed once.
        let rare = TermPostings {
            best: vec![scored(4, 3), scored(20, 1)],
            ..TermPostings::default()
        };
        assert_eq!(best_pages(&[&common, &rare]), [1, 2, 3, 4, 5, 7, 20]);
        assert!(best_pages(&[]).is_empty());
    }

    #[test]
    fn audiences_are_bits_in_the_declared_order() {
        let ids = ["everyone", "it", "marketing"];
        let of = |list: &[&str]| {
            let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            audience_bits(&list, &ids)
        };
        assert_eq!(of(&[]), 0);
        assert_eq!(of(&["everyone"]), 1);
        assert_eq!(of(&["marketing", "it"]), 6);
        assert_eq!(
            of(&["unknown"]),
            0,
            "front matter validation keeps these out"
        );
    }
}
