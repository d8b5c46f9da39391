//! Stage 4, index: the files about pages rather than words: what a hit shows (list rows and
//! snippet text) and how hits are filtered (facets, views). Pure, like `shard`, which writes
//! them beside the term shards and describes every file's place.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::json;

use super::encode::{gap_list, js_call, push_number, push_wide_number};
use super::index::{DocInfo, TermPostings};

/// Shards carry the result-list rows of this many best pages of each of their terms: as many
/// as the dropdown lists (the client reads it from the manifest), so a one-word query never
/// needs `t/` files.
pub(crate) const ROWS_PER_TERM: usize = 6;

/// What the result list shows for each page: its title, its breadcrumb (an index into the
/// manifest's `Breadcrumbs`: a site has far fewer sections than pages) and its audiences (a bit
/// set over the manifest's `audience_ids`; front matter only names audiences the site
/// declares). Files hold rows as a string of numbers and the titles (`EncodedRows`):
/// `bbSearch.list(n, numbers, titles, words)` a run of pages' (breadcrumb, audiences) pairs, a
/// shard its terms' best pages' (gap to the previous page id, breadcrumb, audiences) triples.
/// Next to JSON arrays of rows this is a tenth fewer bytes after gzip.
pub(crate) struct ListRows<'a> {
    docs: &'a [DocInfo],
    pub(crate) crumbs: Breadcrumbs,
    pub(crate) title_words: TitleWords,
    crumb_of: Vec<u32>,
    audiences_of: Vec<u64>,
}

/// Every breadcrumb of the site as a tree: breadcrumb `i` is breadcrumb `parents[i]` and then
/// `titles[i]` (the first one is the empty breadcrumb of pages under home). The manifest
/// carries it so that rows from any section can name theirs; as a tree it is well under half
/// the bytes of the breadcrumbs written out (at 10,000 pages: 555 of them).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Breadcrumbs {
    pub(crate) parents: Vec<u32>,
    pub(crate) titles: Vec<String>,
    known: HashMap<Vec<String>, u32>,
}

impl Breadcrumbs {
    /// The index of the breadcrumb `path` (section titles, top first), added with its parents.
    fn intern(&mut self, path: &[String]) -> u32 {
        if self.titles.is_empty() {
            self.parents.push(0);
            self.titles.push(String::new());
            self.known.insert(Vec::new(), 0);
        }
        if let Some(&at) = self.known.get(path) {
            return at;
        }
        let (last, above) = path.split_last().expect("the empty path is known");
        let parent = self.intern(above);
        let at = u32::try_from(self.titles.len()).unwrap_or(u32::MAX);
        self.parents.push(parent);
        self.titles.push(last.clone());
        self.known.insert(path.to_vec(), at);
        at
    }

    /// The parents as a string of numbers.
    pub(crate) fn encoded_parents(&self) -> String {
        let mut out = String::new();
        for &parent in &self.parents {
            push_number(&mut out, parent);
        }
        out
    }
}

impl<'a> ListRows<'a> {
    pub(crate) fn new(docs: &'a [DocInfo], audience_ids: &[&str]) -> Self {
        let mut crumbs = Breadcrumbs::default();
        let crumb_of = docs.iter().map(|doc| crumbs.intern(&doc.crumbs)).collect();
        let audiences_of = docs
            .iter()
            .map(|doc| audience_bits(&doc.audience, audience_ids))
            .collect();
        ListRows {
            docs,
            crumbs,
            title_words: TitleWords::new(docs),
            crumb_of,
            audiences_of,
        }
    }

    /// The rows of `ids` (ascending): their numbers, with each id's gap in front if `with_ids`,
    /// and their titles.
    pub(crate) fn encode(&self, ids: &[u32], with_ids: bool) -> EncodedRows<'a> {
        let mut rows = EncodedRows::default();
        let mut next = 0;
        for &id in ids {
            if with_ids {
                push_number(&mut rows.numbers, id - next);
                next = id + 1;
            }
            push_number(&mut rows.numbers, self.crumb_of[id as usize]);
            push_wide_number(&mut rows.numbers, self.audiences_of[id as usize]);
            let title = self.docs[id as usize].title.as_str();
            self.title_words
                .encode(title, &mut rows.titles, &mut rows.words);
        }
        rows
    }
}

/// Rows as a file holds them: `numbers` as `ListRows` says; `titles` a string of numbers, per
/// title its count of words and then each word, as its index in the manifest's `TitleWords`
/// or, past their end, as the next of `words` (a count of 0: the whole title is the next of
/// `words`).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct EncodedRows<'a> {
    pub(crate) numbers: String,
    pub(crate) titles: String,
    pub(crate) words: Vec<&'a str>,
}

/// At most this many title words go in the manifest: each takes two characters or less.
const MAX_TITLE_WORDS: usize = 1024;

/// The words that page titles share, most used first. Each shard is its own gzip stream, so
/// gzip cannot share a title word between shards; a page's row is in ~3 of them, and titles of
/// one site use the same words over and over ("checklist", "request", "launch"). Written once
/// in the manifest, they make titles in shards and list files numbers: at 10,000 generated
/// pages a quarter fewer gzip bytes of shards (its titles draw on a few hundred words; a real
/// handbook's on more, so less there).
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
pub(crate) fn best_pages(terms: &[TermPostings]) -> Vec<u32> {
    let mut pages = BTreeSet::new();
    for term in terms {
        if term.postings.len() <= ROWS_PER_TERM {
            pages.extend(term.postings.iter().map(|&(doc, _)| doc));
            continue;
        }
        let mut best = term.postings.clone();
        best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        pages.extend(best[..ROWS_PER_TERM].iter().map(|&(doc, _)| doc));
    }
    pages.into_iter().collect()
}

/// `bbSearch.text(n, folders, rows)`: `folders` are the folder URLs the pages of a file share;
/// each row is `[folder index, rest of the URL, excerpt]`.
pub(crate) fn text_file(n: usize, docs: &[DocInfo]) -> String {
    let mut folders: Vec<String> = Vec::new();
    let rows: Vec<serde_json::Value> = docs
        .iter()
        .map(|doc| {
            let split = doc
                .url
                .trim_end_matches('/')
                .rfind('/')
                .map_or(0, |i| i + 1);
            let (folder, rest) = doc.url.split_at(split);
            let at = index_of(&mut folders, folder.to_string());
            json!([at, rest, doc.excerpt])
        })
        .collect();
    js_call("text", &[json!(n), json!(folders), json!(rows)])
}

/// The position of `value` in `table`, added at the end if it is new.
fn index_of(table: &mut Vec<String>, value: String) -> usize {
    match table.iter().position(|v| *v == value) {
        Some(at) => at,
        None => {
            table.push(value);
            table.len() - 1
        }
    }
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

/// A facet's values on one page.
type FacetValues = fn(&DocInfo) -> Vec<&str>;

/// For each facet, each value's label and the docs that carry it (as a gap list).
pub(crate) fn facets_file(docs: &[DocInfo]) -> String {
    let mut facets = serde_json::Map::new();
    let kinds: [(&str, FacetValues); 4] = [
        ("audience", |d| {
            d.audience.iter().map(String::as_str).collect()
        }),
        ("role", |d| d.roles.iter().map(String::as_str).collect()),
        ("section", |d| {
            Some(d.section.as_str())
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect()
        }),
        ("tag", |d| d.tags.iter().map(String::as_str).collect()),
    ];
    for (name, values_of) in kinds {
        let mut values: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (id, doc) in docs.iter().enumerate() {
            for value in values_of(doc) {
                values
                    .entry(value)
                    .or_default()
                    .push(u32::try_from(id).unwrap_or(u32::MAX));
            }
        }
        let list: Vec<serde_json::Value> = values
            .into_iter()
            .map(|(label, ids)| json!([label, gap_list(&ids)]))
            .collect();
        facets.insert(name.to_string(), json!(list));
    }
    js_call("facets", &[serde_json::Value::Object(facets)])
}

/// For each audience id and role id, the docs that carry it. The client decides with the
/// theme's own rule (`bbView.shows` in bridgebook.js) which of them a view shows, so search
/// hides exactly what the sidebar hides.
pub(crate) fn views_file(docs: &[DocInfo]) -> String {
    let mut audiences: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut roles: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        for audience in &doc.audience {
            audiences.entry(audience).or_default().push(id);
        }
        for role in &doc.role_ids {
            roles.entry(role).or_default().push(id);
        }
    }
    let encode = |map: BTreeMap<&str, Vec<u32>>| -> BTreeMap<String, String> {
        map.into_iter()
            .map(|(key, ids)| (key.to_string(), gap_list(&ids)))
            .collect()
    };
    js_call(
        "views",
        &[json!({ "audience": encode(audiences), "role": encode(roles) })],
    )
}

#[cfg(test)]
mod tests {
    use super::super::encode::decode_numbers;
    use super::*;

    fn doc(url: &str, crumbs: &[&str]) -> DocInfo {
        DocInfo {
            url: url.into(),
            title: url.to_uppercase(),
            crumbs: crumbs.iter().map(|c| c.to_string()).collect(),
            excerpt: format!("text of {url}"),
            ..DocInfo::default()
        }
    }

    /// What search.js (`titlesOf`) does.
    fn decode_titles(rows: &EncodedRows, dict: &TitleWords) -> Vec<String> {
        let numbers = decode_numbers(&rows.titles);
        let mut words = rows.words.iter();
        let mut at = numbers.iter();
        let mut out = Vec::new();
        while let Some(&count) = at.next() {
            if count == 0 {
                out.push(words.next().unwrap().to_string());
                continue;
            }
            let title: Vec<String> = (0..count)
                .map(|_| {
                    let i = *at.next().unwrap() as usize;
                    dict.words
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| words.next().unwrap().to_string())
                })
                .collect();
            out.push(title.join(" "));
        }
        out
    }

    #[test]
    fn titles_share_the_words_they_repeat() {
        let titled = |title: &str| DocInfo {
            title: title.into(),
            ..DocInfo::default()
        };
        let titles = [
            "Launch checklist",
            "Launch review",
            "Budget checklist",
            "Two  spaces",
            "",
            "Go go",
        ];
        let docs: Vec<DocInfo> = titles.iter().map(|t| titled(t)).collect();
        let rows = ListRows::new(&docs, &[]);
        // Used twice and three letters or more: most used first, then in byte order.
        assert_eq!(rows.title_words.words, ["Launch", "checklist"]);
        let encoded = rows.encode(&[0, 1, 2, 3, 4, 5], false);
        assert_eq!(decode_titles(&encoded, &rows.title_words), titles);
        // Titles that do not split at single spaces are kept whole.
        assert_eq!(
            encoded.words,
            ["review", "Budget", "Two  spaces", "", "Go", "go"]
        );
        assert_eq!(
            decode_numbers(&encoded.titles),
            [2, 0, 1, 2, 0, 2, 2, 2, 1, 0, 0, 2, 2, 2]
        );
    }

    #[test]
    fn pages_of_a_section_share_their_breadcrumb_and_folder() {
        let docs = [
            doc("guides/", &[]),
            doc("guides/a/", &["Guides"]),
            doc("guides/deep/c/", &["Guides", "Deep"]),
            doc("guides/b/", &["Guides"]),
        ];
        let rows = ListRows::new(&docs, &[]);
        assert_eq!(rows.crumbs.titles, ["", "Guides", "Deep"]);
        assert_eq!(rows.crumbs.parents, [0, 0, 1]);
        assert_eq!(decode_numbers(&rows.crumbs.encoded_parents()), [0, 0, 1]);
        // (breadcrumb, audiences) per page.
        let list = rows.encode(&[0, 1, 2, 3], false);
        assert_eq!(decode_numbers(&list.numbers), [0, 0, 1, 0, 2, 0, 1, 0]);
        assert_eq!(
            decode_titles(&list, &rows.title_words),
            ["GUIDES/", "GUIDES/A/", "GUIDES/DEEP/C/", "GUIDES/B/"]
        );
        // With the gap to the previous id in front: pages 1 and 3.
        let shard = rows.encode(&[1, 3], true);
        assert_eq!(decode_numbers(&shard.numbers), [1, 1, 0, 1, 1, 0]);
        assert_eq!(
            decode_titles(&shard, &rows.title_words),
            ["GUIDES/A/", "GUIDES/B/"]
        );
        assert_eq!(
            text_file(7, &docs),
            r#"bbSearch.text(7,["","guides/","guides/deep/"],[[0,"guides/","text of guides/"],[1,"a/","text of guides/a/"],[2,"c/","text of guides/deep/c/"],[1,"b/","text of guides/b/"]]);"#
                .to_string()
                + "\n"
        );
    }

    #[test]
    fn shards_carry_rows_for_each_terms_best_pages() {
        let term = |postings: Vec<(u32, u32)>| TermPostings {
            term: "x".into(),
            postings,
            truncated: false,
            neighbours: None,
        };
        // Nine pages, impacts 1..=9 except a tie at 5: the best six are 9 8 7 6 and the two
        // fives with the lowest ids (the client breaks ties by lowest id too).
        let common = term(vec![
            (0, 1),
            (1, 9),
            (2, 5),
            (3, 8),
            (4, 5),
            (5, 7),
            (6, 5),
            (7, 6),
            (8, 2),
        ]);
        assert_eq!(
            best_pages(std::slice::from_ref(&common)),
            [1, 2, 3, 4, 5, 7]
        );
        // A rare term brings all its pages; pages two terms share are listed once.
        let rare = term(vec![(4, 3), (20, 1)]);
        assert_eq!(best_pages(&[common, rare]), [1, 2, 3, 4, 5, 7, 20]);
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
