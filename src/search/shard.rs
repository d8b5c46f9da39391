//! Stage 4, index: the term shards and the typo dictionary, and how the index is cut into
//! files (`ShardPlan`). Pure; `files` puts them beside the other files.
//!
//! A shard holds the terms of one contiguous alphabetical range, with their posting lists, the
//! aliases in the same range (words whose term is another string: "deployments" ->
//! "deploy"), and, unless the manifest carries every row, the result-list rows of each term's
//! best pages (`ROWS_PER_TERM`). Range (not hash) sharding keeps a prefix's terms together, so
//! completing "depl" or correcting "deplyo" needs the one shard its first letters fall in.
//!
//! A posting list is written as numbers (`encode`): the best pages outside titles as (gap to
//! the previous doc id, impact, neighbour count, neighbour hashes...); then, after `!`, the
//! title pages as (gap, impact, distinct terms of the title, neighbour count, hashes...); then,
//! after `*`, the gaps of the pages past the cap that have the term in a heading. A list that
//! starts with `~` left out pages that have the term in their body text alone.

use std::ops::Range;

use serde_json::json;

use super::encode::{js_call, push_number};
use super::rows::{best_pages, ListRows, ROWS_PER_TERM};
use super::score::{Alias, Scored, SearchIndex, TermPostings};

/// What a row costs in a shard, about, for balancing shards: a title and a few numbers.
const ROW_BYTES: usize = 60;
const TRUNCATED_MARK: char = '~';
const TITLE_MARK: char = '!';
const HEADINGS_MARK: char = '*';
/// Separates an alias's word from how its term is spelled (`deployments~5`: the word without
/// its last 5 letters; `policies~3i`: without 3, then "i").
const ALIAS_MARK: char = '~';

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
    /// Snippet files hold about this many characters of text, and at most `max_text_chars` a
    /// page: a small site keeps more of each page, so the snippet can show the words a query
    /// matched further down.
    pub(crate) text_file_chars: usize,
    pub(crate) max_text_chars: usize,
    /// When every page's row takes at most this many bytes, the manifest carries them all and
    /// shards carry none: a small site's pages are each among the best of dozens of terms, so
    /// rows in shards would repeat every title dozens of times.
    pub(crate) manifest_rows_bytes: usize,
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
            min_shard_bytes: 8 * 1024,
            max_list_files: 50,
            max_text_files: 165,
            min_chunk_docs: 8,
            max_typo_shards: 10,
            text_file_chars: 8 * 1024,
            max_text_chars: 1200,
            manifest_rows_bytes: 48 * 1024,
        }
    }
}

impl ShardPlan {
    /// Characters of snippet text a page keeps on a site of `docs` indexed pages (at least
    /// `snippet_chars`, the site's setting).
    pub(crate) fn text_chars(&self, docs: usize, snippet_chars: usize) -> usize {
        (self.text_file_chars / chunk_size(docs, self.max_text_files, self))
            .min(self.max_text_chars)
            .max(snippet_chars)
    }
}

/// Splits entries of these sizes into contiguous ranges of similar size. With `keys` (the
/// entries' words, in order), a range ends, among the entries that bring it to between 3/4 and
/// 5/4 of the target size, where the words on either side of the cut share at most two first
/// letters if it can, then nearest the target: the client loads a word's shard from its third
/// letter on, so words that begin alike stay in one shard and typing on ("set", "setu",
/// "setup") does not load the next one too. (Where every cut splits words that begin alike, as
/// in the "con" words of English, it ends nearest the target.)
pub(crate) fn plan_shards(
    sizes: &[usize],
    keys: Option<&[&str]>,
    plan: &ShardPlan,
) -> Vec<Range<usize>> {
    let total: usize = sizes.iter().sum();
    let target = (total / plan.max_shards.max(1) + 1).max(plan.min_shard_bytes);
    let (low, high) = match keys {
        Some(_) => (target * 3 / 4, target * 5 / 4),
        None => (target, target),
    };
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < sizes.len() && ranges.len() + 1 < plan.max_shards {
        // The best cut so far: (whether the words across it share 3+ letters, distance from
        // the target, last entry).
        let mut best: Option<(bool, usize, usize)> = None;
        let mut bytes = 0;
        for i in start..sizes.len() {
            bytes += sizes[i];
            if bytes < low {
                continue;
            }
            // A word that is both a term and an alias's word stays in one shard.
            if i + 1 < sizes.len() && keys.is_none_or(|k| k[i] != k[i + 1]) {
                let shared = keys.is_some_and(|k| common_prefix(k[i], k[i + 1]) > 2);
                let cut = (shared, bytes.abs_diff(target), i);
                if best.is_none_or(|b| (cut.0, cut.1) < (b.0, b.1)) {
                    best = Some(cut);
                }
            }
            if bytes >= high {
                break;
            }
        }
        let Some((_, _, last)) = best else { break };
        ranges.push(start..last + 1);
        start = last + 1;
    }
    if start < sizes.len() || ranges.is_empty() {
        ranges.push(start..sizes.len());
    }
    ranges
}

/// How many first characters two words share.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Pages per file for a site of `docs` pages cut into at most `max_files` files.
pub(crate) fn chunk_size(docs: usize, max_files: usize, plan: &ShardPlan) -> usize {
    docs.div_ceil(max_files.max(1))
        .max(plan.min_chunk_docs)
        .max(1)
}

fn push_scored(out: &mut String, list: &[Scored], with_title: bool) {
    let mut next = 0u32;
    for s in list {
        push_number(out, s.doc - next);
        push_number(out, s.impact);
        if with_title {
            push_number(out, s.title_terms);
        }
        push_number(out, s.neighbours.count_ones());
        for h in (0..32u32).filter(|h| s.neighbours & (1 << h) != 0) {
            push_number(out, h);
        }
        next = s.doc + 1;
    }
}

/// A term's posting list as text.
pub(crate) fn encode_postings(term: &TermPostings) -> String {
    let mut out = String::with_capacity((term.best.len() + term.title.len()) * 5 + 1);
    if term.truncated {
        out.push(TRUNCATED_MARK);
    }
    push_scored(&mut out, &term.best, false);
    if !term.title.is_empty() {
        out.push(TITLE_MARK);
        push_scored(&mut out, &term.title, true);
    }
    if !term.headings.is_empty() {
        out.push(HEADINGS_MARK);
        let mut next = 0u32;
        for &doc in &term.headings {
            push_number(&mut out, doc - next);
            next = doc + 1;
        }
    }
    out
}

/// An alias as a shard writes it: its word, then how much of the word its term keeps.
fn encode_alias(alias: &Alias) -> String {
    let common = alias
        .word
        .bytes()
        .zip(alias.term.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    format!(
        "{}{ALIAS_MARK}{}{}",
        alias.word,
        alias.word.len() - common,
        &alias.term[common..]
    )
}

/// A shard's alphabet: terms and aliases, sorted together by their word.
enum Entry<'a> {
    Term(&'a TermPostings, String),
    Alias(&'a Alias),
}

impl Entry<'_> {
    fn key(&self) -> &str {
        match self {
            Entry::Term(t, _) => &t.term,
            Entry::Alias(a) => &a.word,
        }
    }
}

/// Where a shard starts whose first word is `first`, after a shard whose last is `last`: the
/// shortest start of `first` that sorts after `last` ("dasur" | "data": "dat"). The client
/// finds a word's shard as the last that starts at or before it, so a word typed so far ("dat")
/// falls in the shard of the words it begins, not the one before.
fn starts_at(last: &str, first: &str) -> String {
    first.chars().take(common_prefix(last, first) + 1).collect()
}

/// Writes the term shards; returns where each starts (`starts_at`).
pub(crate) fn term_shards(
    index: &SearchIndex,
    plan: &ShardPlan,
    rows: Option<&ListRows>,
    files: &mut Vec<(String, String)>,
) -> Vec<String> {
    let mut entries: Vec<Entry> = index
        .terms
        .iter()
        .map(|t| Entry::Term(t, encode_postings(t)))
        .chain(index.aliases.iter().map(Entry::Alias))
        .collect();
    entries.sort_by(|a, b| a.key().cmp(b.key()));
    let row_bytes = if rows.is_some() { ROW_BYTES } else { 0 };
    let sizes: Vec<usize> = entries
        .iter()
        .map(|e| match e {
            Entry::Term(t, list) => {
                t.term.len() + list.len() + 6 + t.scored().count().min(ROWS_PER_TERM) * row_bytes
            }
            Entry::Alias(a) => a.word.len() + 6,
        })
        .collect();
    let keys: Vec<&str> = entries.iter().map(Entry::key).collect();
    let mut firsts = Vec::new();
    for (n, range) in plan_shards(&sizes, Some(&keys), plan)
        .into_iter()
        .enumerate()
    {
        firsts.push(match range.start {
            0 => String::new(),
            start => starts_at(keys[start - 1], keys[start]),
        });
        let entries = &entries[range];
        let (mut terms, mut lists, mut aliases, mut postings) = (vec![], vec![], vec![], vec![]);
        for entry in entries {
            match entry {
                Entry::Term(t, list) => {
                    terms.push(t.term.as_str());
                    lists.push(list.as_str());
                    postings.push(*t);
                }
                Entry::Alias(a) => aliases.push(encode_alias(a)),
            }
        }
        let mut args = vec![json!(n), json!(terms), json!(lists), json!(aliases)];
        if let Some(rows) = rows {
            args.extend(rows.encode(&best_pages(&postings), true).to_json());
        }
        files.push((format!("search/s/{n}.js"), js_call("shard", &args)));
    }
    firsts
}

/// Writes the typo dictionary's files; returns the first reversed word of each.
pub(crate) fn typo_files(
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
    for (n, range) in plan_shards(&sizes, None, &typo_plan)
        .into_iter()
        .enumerate()
    {
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
    use super::*;

    fn scored(doc: u32, impact: u32, title_terms: u32, neighbours: u32) -> Scored {
        Scored {
            doc,
            impact,
            title_terms,
            neighbours,
        }
    }

    #[test]
    fn postings_are_groups_of_gaps_impacts_and_neighbours() {
        let term = TermPostings {
            term: "x".into(),
            best: vec![scored(0, 5, 0, 0), scored(1, 63, 0, 1 << 3 | 1 << 31)],
            ..TermPostings::default()
        };
        assert_eq!(
            decode_numbers(&encode_postings(&term)),
            [0, 5, 0, 0, 63, 2, 3, 31]
        );
        let all = TermPostings {
            title: vec![scored(4, 40, 3, 1 << 2)],
            headings: vec![9, 12],
            truncated: true,
            ..term
        };
        let text = encode_postings(&all);
        assert!(text.starts_with(TRUNCATED_MARK), "{text}");
        let (best, rest) = text[1..].split_once(TITLE_MARK).expect("a title group");
        let (title, headings) = rest.split_once(HEADINGS_MARK).expect("a heading group");
        assert_eq!(decode_numbers(best), [0, 5, 0, 0, 63, 2, 3, 31]);
        assert_eq!(decode_numbers(title), [4, 40, 3, 1, 2]);
        assert_eq!(decode_numbers(headings), [9, 2]);
    }

    #[test]
    fn aliases_say_what_of_the_word_their_term_keeps() {
        let alias = |word: &str, term: &str| {
            encode_alias(&Alias {
                word: word.into(),
                term: term.into(),
            })
        };
        assert_eq!(alias("deployments", "deploy"), "deployments~5");
        assert_eq!(alias("policies", "polici"), "policies~2");
        assert_eq!(alias("happy", "happi"), "happy~1i");
    }

    #[test]
    fn shards_are_contiguous_balanced_and_bounded() {
        let plan = ShardPlan {
            max_shards: 4,
            min_shard_bytes: 10,
            ..ShardPlan::default()
        };
        let sizes = vec![5; 100];
        let ranges = plan_shards(&sizes, None, &plan);
        assert_eq!(ranges.len(), 4);
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges.last().unwrap().end, 100);
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(plan_shards(&[], None, &plan).first(), Some(&(0..0)));
        let small = plan_shards(&[3, 3], None, &plan);
        assert_eq!(small.len(), 1, "small sites get one shard");
        assert_eq!(small.first(), Some(&(0..2)));
        let many = plan_shards(&vec![100; 100_000], None, &ShardPlan::default());
        assert!(many.len() <= ShardPlan::default().max_shards);
    }

    #[test]
    fn shards_end_where_words_stop_beginning_alike() {
        // Eight words of "ba", then twelve of "set": by size the first shard would end after
        // "seta" (ten entries of ten bytes), splitting "set" from "setb".."setk".
        let plan = ShardPlan {
            max_shards: 100,
            min_shard_bytes: 100,
            ..ShardPlan::default()
        };
        let mut keys = vec![
            "baa", "bab", "bac", "bad", "bae", "baf", "bag", "bah", "set",
        ];
        keys.extend(["seta", "setb", "setc", "setd", "sete", "setf", "setg"]);
        keys.extend(["seth", "seti", "setj", "setk"]);
        let sizes = vec![10; keys.len()];
        assert_eq!(plan_shards(&sizes, None, &plan)[0], 0..10);
        let ranges = plan_shards(&sizes, Some(&keys), &plan);
        assert_eq!(ranges[0], 0..8, "the \"set\" words together: {ranges:?}");
        assert_eq!(ranges.last().unwrap().end, keys.len());
        assert_eq!(starts_at("bah", "set"), "s");
        assert_eq!(starts_at("dasur", "data"), "dat");
        assert_eq!(starts_at("set", "setup"), "setu");
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
}
