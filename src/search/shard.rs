//! Stage 4, index: the finished index -> the files the browser loads. Pure: returns
//! `(path, text)` pairs for the output stage to write.
//!
//! Every file is a script that registers itself (`bbSearch.shard(3, ...)`), because a site
//! opened from disk cannot `fetch()` its own files but can always load `<script src>`.
//!
//! - `search/manifest.js`: page count, the first term of each shard and typo file, pages per
//!   list and snippet file, every breadcrumb (as a tree), the words titles share (rows write
//!   titles as indexes into them), audience ids (for the badges' bit sets) and labels.
//! - `search/s/<n>.js`: terms in one contiguous alphabetical range, with their posting lists,
//!   and the result-list rows of each term's best pages (`ROWS_PER_TERM`). Range (not hash)
//!   sharding keeps a prefix's terms together, so completing "depl" or correcting "deplyo"
//!   needs the one shard its first letters fall in. The rows are there because the hits of a
//!   word, or of a word being typed, are its terms' best pages: those keystrokes then show their
//!   results as soon as the shard arrives, with no second round of fetches. In headless
//!   Chromium each extra file a keystroke waits for cost about 6 ms, whatever its size.
//! - `search/r/<n>.js`: the typo dictionary: every word of 4+ letters spelled backwards,
//!   sorted, with its term. A typo in a word's first letters moves it to another range of
//!   `s/`, but leaves its end, and so its place here, as it was.
//! - `search/t/<n>.js`: what the result list shows for a run of pages: title, breadcrumb and
//!   audience badges, for the hits no loaded shard has a row for (pages that match several
//!   words without being any one word's best, or that a view or the results page reaches).
//! - `search/c/<n>.js`: the URL and snippet text of a run of pages. The client fetches it for
//!   the hits on screen once typing pauses (or when one is opened sooner), and fills the
//!   snippets in, so a keystroke never waits for it and the results of keystrokes typed in a
//!   burst never fetch it. Split from `t/` because a query typed key by key shows ~35 pages on
//!   its way but ends with ~6: at 10,000 pages this cut a query's bytes by about a third.
//! - `search/facets.js`: which pages carry each audience, role, section and tag; only the
//!   results page loads it.
//! - `search/views.js`: which pages carry each audience and role id, for the reader's "view
//!   as" choice; loaded only while a view other than "Everyone" is chosen.
//!
//! Numbers are written as base-32 digits in a 64-letter alphabet: letters `0-9a-v` end a
//! number, `w-zA-Z-_` continue it. Posting lists are (gap to the previous doc id, impact)
//! pairs, so most postings take two or three characters.

use std::collections::BTreeMap;

use serde_json::json;

use super::doc_files::{best_pages, facets_file, text_file, views_file, ListRows, ROWS_PER_TERM};
use super::encode::{js_call, push_number};
use super::index::{
    SearchIndex, TermPostings, IMPACT_MIN, IMPACT_STEPS, MAX_IMPACT, NEIGHBOUR_BITS,
};
use super::tokenize::{CJK_RANGES, MAX_WORD_CHARS, STOP_WORDS, TYPO_CHARS};

/// What a row costs in a shard, about, for balancing shards: a title and three numbers.
const ROW_BYTES: usize = 45;
/// Posting lists that start with this were cut to the term's best pages.
const TRUNCATED_MARK: char = '~';
/// Posting lists that start with this carry neighbour hashes: after each (gap, impact), their
/// count and the hashes.
const NEIGHBOURS_MARK: char = '+';

/// How the index is cut into files.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShardPlan {
    /// At most this many term shards.
    pub(crate) max_shards: usize,
    /// Shards are filled to at least this many bytes before a new one starts.
    pub(crate) min_shard_bytes: usize,
    /// At most this many result-list files (`t/`).
    pub(crate) max_list_files: usize,
    /// At most this many snippet files (`c/`).
    pub(crate) max_text_files: usize,
    /// At most this many files of the typo dictionary.
    pub(crate) max_typo_shards: usize,
    /// List and snippet files hold at least this many pages (fewer only in the last one).
    pub(crate) min_chunk_docs: usize,
}

impl Default for ShardPlan {
    fn default() -> Self {
        // With the manifest, facets and views: at most 498 files. At 10,000 pages a query
        // typed key by key loads ~4 shards, ~1 list file (the shards' rows cover most hits),
        // ~3 snippet files and rarely a typo file. A kind's files cost a query about (files
        // of the kind it loads) x (the kind's bytes in all) / (files the kind is cut into);
        // these shares about minimise the sum (bench/search.mjs prints it by kind).
        ShardPlan {
            max_shards: 270,
            min_shard_bytes: 4 * 1024,
            max_list_files: 50,
            max_text_files: 165,
            min_chunk_docs: 8,
            max_typo_shards: 10,
        }
    }
}

/// A term's posting list as text.
pub(crate) fn encode_postings(term: &TermPostings) -> String {
    let mut out = String::with_capacity(term.postings.len() * 3 + 1);
    if term.truncated {
        out.push(TRUNCATED_MARK);
    }
    if term.neighbours.is_some() {
        out.push(NEIGHBOURS_MARK);
    }
    let mut next = 0u32;
    for (k, &(doc, impact)) in term.postings.iter().enumerate() {
        push_number(&mut out, doc - next);
        push_number(&mut out, impact);
        if let Some(near) = term.neighbours.as_ref().and_then(|n| n.get(k)) {
            push_number(&mut out, near.len() as u32);
            for &h in near {
                push_number(&mut out, u32::from(h));
            }
        }
        next = doc + 1;
    }
    out
}

/// Splits sorted terms into contiguous ranges of similar size: (first term index, end).
pub(crate) fn plan_shards(sizes: &[usize], plan: &ShardPlan) -> Vec<std::ops::Range<usize>> {
    let total: usize = sizes.iter().sum();
    let target = (total / plan.max_shards.max(1) + 1).max(plan.min_shard_bytes);
    let mut ranges = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, size) in sizes.iter().enumerate() {
        bytes += size;
        if bytes >= target && ranges.len() + 1 < plan.max_shards {
            ranges.push(start..i + 1);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < sizes.len() || ranges.is_empty() {
        ranges.push(start..sizes.len());
    }
    ranges
}

/// Pages per file for a site of `docs` pages cut into at most `max_files` files.
pub(crate) fn chunk_size(docs: usize, max_files: usize, plan: &ShardPlan) -> usize {
    docs.div_ceil(max_files.max(1))
        .max(plan.min_chunk_docs)
        .max(1)
}

/// Every file of the index, paths relative to the site root.
pub(crate) fn index_files(
    index: &SearchIndex,
    plan: &ShardPlan,
    audiences: &[(String, String)],
) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let encoded: Vec<String> = index.terms.iter().map(encode_postings).collect();
    let sizes: Vec<usize> = index
        .terms
        .iter()
        .zip(&encoded)
        .map(|(t, e)| t.term.len() + e.len() + 6 + t.postings.len().min(ROWS_PER_TERM) * ROW_BYTES)
        .collect();
    let ranges = plan_shards(&sizes, plan);
    let audience_ids: Vec<&str> = audiences.iter().map(|(id, _)| id.as_str()).collect();
    let rows = ListRows::new(&index.docs, &audience_ids);
    let mut firsts = Vec::new();
    for (n, range) in ranges.iter().enumerate() {
        let terms: Vec<&str> = index.terms[range.clone()]
            .iter()
            .map(|t| t.term.as_str())
            .collect();
        firsts.push(if n == 0 { "" } else { terms[0] });
        let lists = &encoded[range.clone()];
        let best = best_pages(&index.terms[range.clone()]);
        let shard_rows = rows.encode(&best, true);
        files.push((
            format!("search/s/{n}.js"),
            js_call(
                "shard",
                &[
                    json!(n),
                    json!(terms),
                    json!(lists),
                    json!(shard_rows.numbers),
                    json!(shard_rows.titles),
                    json!(shard_rows.words),
                ],
            ),
        ));
    }
    let typo_firsts = typo_files(index, plan, &mut files);
    let list_size = chunk_size(index.docs.len(), plan.max_list_files, plan);
    for n in 0..index.docs.len().div_ceil(list_size) {
        let ids: Vec<u32> = (n * list_size..((n + 1) * list_size).min(index.docs.len()))
            .map(|id| u32::try_from(id).unwrap_or(u32::MAX))
            .collect();
        let list = rows.encode(&ids, false);
        files.push((
            format!("search/t/{n}.js"),
            js_call(
                "list",
                &[
                    json!(n),
                    json!(list.numbers),
                    json!(list.titles),
                    json!(list.words),
                ],
            ),
        ));
    }
    let text_size = chunk_size(index.docs.len(), plan.max_text_files, plan);
    for (n, docs) in index.docs.chunks(text_size).enumerate() {
        files.push((format!("search/c/{n}.js"), text_file(n, docs)));
    }
    files.push(("search/facets.js".to_string(), facets_file(&index.docs)));
    files.push(("search/views.js".to_string(), views_file(&index.docs)));
    let manifest = json!({
        "v": 1,
        "docs": index.docs.len(),
        "shards": firsts,
        "typos": typo_firsts,
        "list": list_size,
        "text": text_size,
        "crumbs": [rows.crumbs.encoded_parents(), rows.crumbs.titles],
        "title_words": rows.title_words.words,
        "audience_ids": audience_ids,
        // The rules the client shares with the index, so that neither keeps a copy.
        "impact": { "min": IMPACT_MIN, "steps": IMPACT_STEPS, "max": MAX_IMPACT },
        "neighbour_hashes": 1 << NEIGHBOUR_BITS,
        "rows_per_term": ROWS_PER_TERM,
        "stop": STOP_WORDS,
        "max_word_chars": MAX_WORD_CHARS,
        "typo": TYPO_CHARS,
        "cjk": CJK_RANGES,
        "audiences": audiences.iter().cloned().collect::<BTreeMap<String, String>>(),
    });
    files.push((
        "search/manifest.js".to_string(),
        js_call("manifest", &[manifest]),
    ));
    files
}

/// Writes the typo dictionary's files; returns the first reversed word of each.
fn typo_files(
    index: &SearchIndex,
    plan: &ShardPlan,
    files: &mut Vec<(String, String)>,
) -> Vec<String> {
    let sizes: Vec<usize> = index
        .typo_words
        .iter()
        .map(|w| w.reversed.len() + w.term.len() + 6)
        .collect();
    let typo_plan = ShardPlan {
        max_shards: plan.max_typo_shards,
        ..*plan
    };
    let mut firsts = Vec::new();
    for (n, range) in plan_shards(&sizes, &typo_plan).into_iter().enumerate() {
        let words = &index.typo_words[range];
        firsts.push(if n == 0 {
            String::new()
        } else {
            words
                .first()
                .map(|w| w.reversed.clone())
                .unwrap_or_default()
        });
        let reversed: Vec<&str> = words.iter().map(|w| w.reversed.as_str()).collect();
        // "" where the term is the word itself, as it mostly is.
        let terms: Vec<&str> = words
            .iter()
            .map(|w| {
                let same = w.term.chars().eq(w.reversed.chars().rev());
                if same {
                    ""
                } else {
                    w.term.as_str()
                }
            })
            .collect();
        files.push((
            format!("search/r/{n}.js"),
            js_call("typos", &[json!(n), json!(reversed), json!(terms)]),
        ));
    }
    firsts
}

#[cfg(test)]
mod tests {
    use super::super::encode::decode_numbers;
    use super::super::index::{DocInfo, TypoWord};
    use super::*;

    #[test]
    fn postings_are_gaps_and_impacts() {
        let term = TermPostings {
            term: "x".into(),
            postings: vec![(0, 5), (1, 63), (40, 1)],
            truncated: false,
            neighbours: None,
        };
        assert_eq!(
            decode_numbers(&encode_postings(&term)),
            [0, 5, 0, 63, 38, 1]
        );
        let cut = TermPostings {
            truncated: true,
            ..term
        };
        assert!(encode_postings(&cut).starts_with(TRUNCATED_MARK));
        let near = TermPostings {
            truncated: false,
            neighbours: Some(vec![vec![3, 31], vec![]]),
            postings: vec![(2, 5), (4, 6)],
            ..cut
        };
        let text = encode_postings(&near);
        assert!(text.starts_with(NEIGHBOURS_MARK));
        assert_eq!(decode_numbers(&text[1..]), [2, 5, 2, 3, 31, 1, 6, 0]);
    }

    #[test]
    fn shards_are_contiguous_balanced_and_bounded() {
        let plan = ShardPlan {
            max_shards: 4,
            min_shard_bytes: 10,
            ..ShardPlan::default()
        };
        let sizes = vec![5; 100];
        let ranges = plan_shards(&sizes, &plan);
        assert_eq!(ranges.len(), 4);
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges.last().unwrap().end, 100);
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(plan_shards(&[], &plan).first(), Some(&(0..0)));
        let small = plan_shards(&[3, 3], &plan);
        assert_eq!(small.len(), 1, "small sites get one shard");
        assert_eq!(small.first(), Some(&(0..2)));
        let many = plan_shards(&vec![100; 100_000], &ShardPlan::default());
        assert!(many.len() <= ShardPlan::default().max_shards);
    }

    #[test]
    fn chunks_grow_so_their_number_stays_bounded() {
        let plan = ShardPlan::default();
        assert_eq!(chunk_size(5, plan.max_list_files, &plan), 8);
        assert_eq!(chunk_size(10_000, plan.max_list_files, &plan), 200);
        assert_eq!(chunk_size(10_000, plan.max_text_files, &plan), 61);
        for docs in [1usize, 700, 10_000, 100_000] {
            for max in [plan.max_list_files, plan.max_text_files] {
                assert!(docs.div_ceil(chunk_size(docs, max, &plan)) <= max);
            }
        }
        let most = plan.max_shards + plan.max_typo_shards + plan.max_list_files;
        assert!(
            most + plan.max_text_files + 3 <= 500,
            "the issue's file budget"
        );
    }

    #[test]
    fn files_register_themselves() {
        let index = SearchIndex {
            docs: vec![DocInfo {
                url: "guides/a/".into(),
                title: "A \"quoted\" </script>".into(),
                crumbs: vec!["Guides".into()],
                audience: vec!["it".into()],
                role_ids: vec!["developer".into()],
                section: "Guides".into(),
                excerpt: "Body text.".into(),
                ..DocInfo::default()
            }],
            terms: vec![TermPostings {
                term: "quot".into(),
                postings: vec![(0, 9)],
                truncated: false,
                neighbours: None,
            }],
            typo_words: vec![TypoWord {
                reversed: "setouq".into(),
                term: "quot".into(),
            }],
        };
        let audiences = [
            ("everyone".to_string(), "Everyone".to_string()),
            ("it".to_string(), "IT".to_string()),
        ];
        let files = index_files(&index, &ShardPlan::default(), &audiences);
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "search/s/0.js",
                "search/r/0.js",
                "search/t/0.js",
                "search/c/0.js",
                "search/facets.js",
                "search/views.js",
                "search/manifest.js"
            ]
        );
        assert_eq!(
            files[0].1,
            r#"bbSearch.shard(0,["quot"],["09"],"012","3000",["A","\"quoted\"","</script>"]);"#
                .to_string()
                + "\n"
        );
        assert_eq!(files[1].1, "bbSearch.typos(0,[\"setouq\"],[\"quot\"]);\n");
        assert_eq!(
            files[2].1,
            r#"bbSearch.list(0,"12","3000",["A","\"quoted\"","</script>"]);"#.to_string() + "\n"
        );
        assert_eq!(
            files[3].1,
            "bbSearch.text(0,[\"guides/\"],[[0,\"a/\",\"Body text.\"]]);\n"
        );
        assert!(files[4].1.contains(r#""section":[["Guides","0"]]"#));
        assert_eq!(
            files[5].1,
            "bbSearch.views({\"audience\":{\"it\":\"0\"},\"role\":{\"developer\":\"0\"}});\n"
        );
        assert!(files[6].1.contains(r#""audience_ids":["everyone","it"]"#));
        assert!(files[6].1.contains(r#""crumbs":["00",["","Guides"]]"#));
        assert!(files[6].1.contains(r#""title_words":[]"#));
    }
}
