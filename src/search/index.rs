//! Stage 4, index: search documents -> an inverted index with precomputed scores. Pure.
//!
//! Each (term, page) pair gets one small integer, its *impact*: the BM25 score of the term in
//! the page, with words in the title and headings counted several times (a BM25F-style field
//! boost). The browser then ranks by adding impacts, with no statistics to download. Terms so
//! common that they say little keep only their best-scoring pages, which bounds every posting
//! list and so every shard a query has to fetch.
//!
//! Rare terms (a tool's name, a person, a ticket number) also keep, per page, small hashes of
//! the words next to them there: enough for the browser to tell the page where "kelvora
//! dashboard" is a phrase from pages that only have both words, without storing word pairs.
//!
//! Terms are interned per builder (`u32` ids), and each distinct word is lowercased, checked
//! against the stop words and stemmed once per builder, not once per occurrence.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::tokenize::{for_each_cjk_term, for_each_word, lowercase_into, typo_edits, word_term};

/// A word in the title counts as this many words of body text.
pub(crate) const TITLE_BOOST: u32 = 6;
/// A word in a heading counts this many times more (on top of being body text).
pub(crate) const HEADING_BOOST: u32 = 2;
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Scores are stored on a log scale, so small and large ones keep the same relative precision
/// (about 13%): impact `q` stands for `IMPACT_MIN * exp((q - 1) / IMPACT_STEPS)`.
pub(crate) const IMPACT_MIN: f64 = 0.02;
pub(crate) const IMPACT_STEPS: f64 = 8.0;
pub(crate) const MAX_IMPACT: u32 = 63;
/// Neighbour hashes are this many bits: a false "these two are neighbours" 1 time in 32.
pub(crate) const NEIGHBOUR_BITS: u32 = 5;
/// Neighbours are kept for the first few occurrences of a term on a page.
const NEIGHBOUR_OCCURRENCES: u32 = 3;
/// Stands for a stop word in the word cache.
const STOP: u32 = u32::MAX;

/// What a result shows and how it can be filtered; everything but the terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DocInfo {
    /// Relative to the site root, as in the tree (`guides/first/`).
    pub(crate) url: String,
    pub(crate) title: String,
    /// Titles of the sections above the page, top first, home left out.
    pub(crate) crumbs: Vec<String>,
    /// The top-level section's title ("" for pages directly under home).
    pub(crate) section: String,
    /// Audience ids, as in the front matter.
    pub(crate) audience: Vec<String>,
    /// Role labels, for the role facet.
    pub(crate) roles: Vec<String>,
    /// Role ids, for the reader's "view as" choice.
    pub(crate) role_ids: Vec<String>,
    pub(crate) tags: Vec<String>,
    /// The start of the body text, for snippets.
    pub(crate) excerpt: String,
}

/// The text of a page that is searched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocText<'a> {
    pub(crate) title: &'a str,
    pub(crate) headings: &'a [String],
    /// Already holds the heading text once.
    pub(crate) body: &'a str,
}

/// Collects pages as they are rendered (in any order) and builds the index at the end.
#[derive(Debug, Default)]
pub(crate) struct IndexBuilder {
    term_ids: FxHashMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
    /// Per term id: its neighbour hash.
    term_hashes: Vec<u8>,
    /// Lowercased word -> its term id, or `STOP`: each distinct word is stemmed once.
    words: FxHashMap<Box<str>, u32>,
    /// The same for words as written ("Deploy", "deploy"), looked up first, so that a word
    /// seen before is neither lowercased nor copied again.
    spellings: FxHashMap<Box<str>, u32>,
    /// Per term id: its pages.
    postings: Vec<Vec<Posting>>,
    docs: Vec<DocInfo>,
    lengths: Vec<u32>,
    /// Reused between pages.
    lower: String,
    counts: FxHashMap<u32, (Posting, u32)>,
    body: Vec<u32>,
}

/// A term on one page while the index is being collected.
#[derive(Debug, Clone, Copy, Default)]
struct Posting {
    doc: u32,
    /// Occurrences, those in the title and headings counted several times.
    count: u32,
    /// Bit `h` set: a word with neighbour hash `h` stands next to the term on the page (for
    /// its first few occurrences in the body). Kept for every term, since which terms are
    /// rare is known only at the end; 4 bytes a posting.
    neighbours: u32,
}

/// One term and its pages, by doc id, with their impacts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermPostings {
    pub(crate) term: String,
    pub(crate) postings: Vec<(u32, u32)>,
    /// Some pages were left out: the term was too common to list them all.
    pub(crate) truncated: bool,
    /// For rare terms, per posting: hashes of the term's neighbours on that page.
    pub(crate) neighbours: Option<Vec<Vec<u8>>>,
}

/// The finished index: docs sorted by URL (doc id = position), terms sorted.
#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    pub(crate) docs: Vec<DocInfo>,
    pub(crate) terms: Vec<TermPostings>,
    /// Words a typo could be meant for, spelled backwards and sorted, with their term.
    pub(crate) typo_words: Vec<TypoWord>,
}

/// A word of the site as the typo dictionary lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TypoWord {
    /// The lowercased word backwards: a typo in a word's first letters leaves its end, and so
    /// its place in this order, as it was.
    pub(crate) reversed: String,
    /// The word's search term (its stem).
    pub(crate) term: String,
}

/// The hash of a term that neighbour lists hold; `search.js` computes the same.
pub(crate) fn neighbour_hash(term: &str) -> u8 {
    let h = term
        .chars()
        .fold(0u32, |h, c| h.wrapping_mul(31).wrapping_add(c as u32));
    (h % (1 << NEIGHBOUR_BITS)) as u8
}

impl IndexBuilder {
    fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.term_ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX - 1);
        self.term_ids.insert(term.into(), id);
        self.terms.push(term.into());
        self.term_hashes.push(neighbour_hash(term));
        self.postings.push(Vec::new());
        id
    }

    /// The term id of one word (not CJK), `STOP` for stop words and absurdly long words.
    fn word_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.spellings.get(word) {
            return id;
        }
        let id = self.lowercase_word_id(word);
        self.spellings.insert(word.into(), id);
        id
    }

    fn lowercase_word_id(&mut self, word: &str) -> u32 {
        let mut lower = std::mem::take(&mut self.lower);
        let id = if !lowercase_into(word, &mut lower) {
            STOP
        } else if let Some(&id) = self.words.get(lower.as_str()) {
            id
        } else {
            let id = word_term(&lower).map_or(STOP, |term| self.intern(&term));
            self.words.insert(lower.as_str().into(), id);
            id
        };
        self.lower = lower;
        id
    }

    /// Calls `f(term id)` for each term of `text`.
    fn each_term(&mut self, text: &str, mut f: impl FnMut(u32)) {
        for_each_word(text, |word, cjk| {
            if cjk {
                for_each_cjk_term(word, |pair| f(self.intern(pair)));
            } else {
                let id = self.word_id(word);
                if id != STOP {
                    f(id);
                }
            }
        });
    }

    /// Indexes one page.
    pub(crate) fn add(&mut self, doc: DocInfo, text: DocText) {
        let id = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        let mut counts = std::mem::take(&mut self.counts);
        let mut body = std::mem::take(&mut self.body);
        counts.clear();
        body.clear();
        let mut length = 0u32;
        for (part, weight) in [(text.title, TITLE_BOOST)]
            .into_iter()
            .chain(text.headings.iter().map(|h| (h.as_str(), HEADING_BOOST)))
        {
            self.each_term(part, |term| {
                counts.entry(term).or_default().0.count += weight;
                length += 1;
            });
        }
        self.each_term(text.body, |term| body.push(term));
        for (at, &term) in body.iter().enumerate() {
            // The posting, and how many occurrences have given it their neighbours.
            let (posting, seen) = counts.entry(term).or_default();
            posting.count += 1;
            length += 1;
            if *seen < NEIGHBOUR_OCCURRENCES {
                *seen += 1;
                let sides = [at.checked_sub(1), Some(at + 1)];
                for other in sides.into_iter().flatten().filter_map(|i| body.get(i)) {
                    posting.neighbours |= 1 << self.term_hashes[*other as usize];
                }
            }
        }
        for (&term, (posting, _)) in &counts {
            self.postings[term as usize].push(Posting {
                doc: id,
                ..*posting
            });
        }
        self.counts = counts;
        self.body = body;
        self.docs.push(doc);
        self.lengths.push(length);
    }

    /// Moves every page of `other` into this builder (their ids follow this builder's).
    pub(crate) fn merge(&mut self, other: IndexBuilder) {
        let offset = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        let remap: Vec<u32> = other.terms.iter().map(|t| self.intern(t)).collect();
        for (old, list) in other.postings.into_iter().enumerate() {
            self.postings[remap[old] as usize].extend(list.into_iter().map(|p| Posting {
                doc: p.doc + offset,
                ..p
            }));
        }
        for (word, id) in other.words {
            let id = if id == STOP { STOP } else { remap[id as usize] };
            self.words.entry(word).or_insert(id);
        }
        self.docs.extend(other.docs);
        self.lengths.extend(other.lengths);
    }

    /// Takes the page at `url` out again (`serve`, before adding its edited version). The
    /// last doc takes its id, so ids stay dense.
    pub(crate) fn remove(&mut self, url: &str) {
        let Some(at) = self.docs.iter().position(|doc| doc.url == url) else {
            return;
        };
        let last = u32::try_from(self.docs.len() - 1).unwrap_or(u32::MAX);
        let at_id = u32::try_from(at).unwrap_or(u32::MAX);
        self.docs.swap_remove(at);
        self.lengths.swap_remove(at);
        for list in &mut self.postings {
            list.retain(|p| p.doc != at_id);
            for posting in list.iter_mut().filter(|p| p.doc == last) {
                posting.doc = at_id;
            }
        }
    }

    /// Scores every posting. `max_postings` bounds each term's list (its best pages stay).
    pub(crate) fn finish(&self, max_postings: usize) -> SearchIndex {
        let n = self.docs.len();
        // Doc ids follow URL order, so the output does not depend on rendering order and pages
        // of one section share list and snippet files (and their breadcrumb and folder tables).
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| self.docs[a].url.cmp(&self.docs[b].url));
        let mut new_id = vec![0u32; n];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = u32::try_from(new).unwrap_or(u32::MAX);
        }
        let avg_len =
            (self.lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / n.max(1) as f64).max(1.0);
        // Rare terms keep their neighbours: few enough pages that the hashes cost little.
        let rare_pages = (n / 500).max(20);
        // In parallel: rayon shares the cores between this and the generated pages
        // (`site::build_site_keeping` runs the two side by side).
        let mut terms: Vec<TermPostings> = self
            .postings
            .par_iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(id, list)| {
                let idf = idf(n, list.len());
                let rare = list.len() <= rare_pages;
                let mut postings: Vec<(u32, u32, u32)> = list
                    .iter()
                    .map(|p| {
                        let norm = f64::from(self.lengths[p.doc as usize]) / avg_len;
                        let tf = f64::from(p.count);
                        let score = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * norm));
                        (new_id[p.doc as usize], impact(score), p.neighbours)
                    })
                    .collect();
                let truncated = postings.len() > max_postings;
                if truncated {
                    postings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    postings.truncate(max_postings);
                }
                postings.sort_unstable();
                let neighbours = rare.then(|| postings.iter().map(|p| hashes(p.2)).collect());
                TermPostings {
                    term: self.terms[id].to_string(),
                    postings: postings.into_iter().map(|(d, i, _)| (d, i)).collect(),
                    truncated,
                    neighbours,
                }
            })
            .collect();
        terms.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
        let docs = order.iter().map(|&old| self.docs[old].clone()).collect();
        SearchIndex {
            docs,
            terms,
            typo_words: self.typo_words(),
        }
    }

    /// Every word with a letter, long enough for typo tolerance, whose term is still on a page.
    fn typo_words(&self) -> Vec<TypoWord> {
        let mut words: Vec<TypoWord> = self
            .words
            .iter()
            .filter(|(word, &id)| {
                id != STOP
                    && !self.postings[id as usize].is_empty()
                    && typo_edits(word) > 0
                    && word.chars().any(char::is_alphabetic)
            })
            .map(|(word, &id)| TypoWord {
                reversed: word.chars().rev().collect(),
                term: self.terms[id as usize].to_string(),
            })
            .collect();
        words.sort_unstable();
        words
    }
}

/// The neighbour hashes whose bits are set in `mask`.
fn hashes(mask: u32) -> Vec<u8> {
    (0..32u8).filter(|h| mask & (1 << h) != 0).collect()
}

fn idf(n: usize, df: usize) -> f64 {
    let (n, df) = (n as f64, df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

fn impact(score: f64) -> u32 {
    let steps = ((score / IMPACT_MIN).ln() * IMPACT_STEPS).round();
    if steps.is_nan() || steps < 0.0 {
        return 1;
    }
    // Saturating float-to-int cast; the clamp keeps it in range.
    (steps as u32).saturating_add(1).min(MAX_IMPACT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokenize::tokenize;

    fn text<'a>(title: &'a str, headings: &'a [String], body: &'a str) -> DocText<'a> {
        DocText {
            title,
            headings,
            body,
        }
    }

    fn doc(url: &str) -> DocInfo {
        DocInfo {
            url: url.to_string(),
            title: url.to_string(),
            ..DocInfo::default()
        }
    }

    /// Ranks docs for a one-word query by impact, best first.
    fn rank(index: &SearchIndex, word: &str) -> Vec<String> {
        let term = tokenize(word).remove(0);
        let Some(t) = index.terms.iter().find(|t| t.term == term) else {
            return vec![];
        };
        let mut hits = t.postings.clone();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.iter()
            .map(|&(d, _)| index.docs[d as usize].url.clone())
            .collect()
    }

    #[test]
    fn title_beats_heading_beats_body_and_short_pages_beat_long_ones() {
        let filler = "words about other things entirely. ".repeat(40);
        let mut builder = IndexBuilder::default();
        let pages = [
            (
                "body/",
                "Notes",
                vec![],
                format!("{filler} the budget is here"),
            ),
            ("title/", "Budget", vec![], filler.clone()),
            (
                "heading/",
                "Notes",
                vec!["Budget".to_string()],
                format!("Budget {filler}"),
            ),
            ("short-body/", "Notes", vec![], "the budget".to_string()),
            ("none/", "Notes", vec![], filler.clone()),
        ];
        for (url, title, headings, body) in pages {
            builder.add(doc(url), text(title, &headings, &body));
        }
        let index = builder.finish(1000);
        assert_eq!(
            rank(&index, "budgets"),
            ["title/", "heading/", "short-body/", "body/"]
        );
    }

    #[test]
    fn doc_ids_follow_urls_and_common_terms_keep_their_best_pages() {
        let mut builder = IndexBuilder::default();
        for i in (0..10).rev() {
            // The shorter the page, the more "launch" stands out in it.
            let body = format!("launch {}", "filler ".repeat(50 * (9 - i)));
            builder.add(doc(&format!("p{i}/")), text("Page", &[], &body));
        }
        let index = builder.finish(3);
        let urls: Vec<&str> = index.docs.iter().map(|d| d.url.as_str()).collect();
        assert_eq!(urls[..3], ["p0/", "p1/", "p2/"]);
        let launch = index.terms.iter().find(|t| t.term == "launch").unwrap();
        assert!(launch.truncated);
        let kept: Vec<u32> = launch.postings.iter().map(|p| p.0).collect();
        assert_eq!(kept, [7, 8, 9], "the pages that say it most");
        let page = index.terms.iter().find(|t| t.term == "page").unwrap();
        assert!(page.truncated && page.postings.len() == 3);
    }

    #[test]
    fn rare_terms_remember_their_neighbours_and_common_ones_do_not() {
        let mut builder = IndexBuilder::default();
        for i in 0..30 {
            let body = if i == 0 {
                "Kelvora dashboard owners. Later the kelvora again, and more common words."
            } else {
                "common words everywhere"
            };
            builder.add(doc(&format!("p{i}/")), text("T", &[], body));
        }
        let index = builder.finish(1000);
        let term = |name: &str| index.terms.iter().find(|t| t.term == name).unwrap();
        let kelvora = term("kelvora");
        let near = kelvora.neighbours.as_ref().expect("a rare term");
        let mut expected = vec![
            neighbour_hash("dashboard"),
            neighbour_hash("later"),
            neighbour_hash("again"),
        ];
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(near, &vec![expected], "both sides, stop words skipped");
        assert_eq!(
            term("common").neighbours,
            None,
            "on every page: no neighbours"
        );
    }

    #[test]
    fn words_are_stemmed_once_and_builders_merge() {
        let mut a = IndexBuilder::default();
        let mut b = IndexBuilder::default();
        a.add(doc("a/"), text("Deploying", &[], "deploys deployed"));
        b.add(doc("b/"), text("Other", &[], "the deployment 搜索引擎"));
        a.merge(b);
        let index = a.finish(1000);
        let deploy = index.terms.iter().find(|t| t.term == "deploy").unwrap();
        assert_eq!(deploy.postings.len(), 2);
        let names: Vec<&str> = index.terms.iter().map(|t| t.term.as_str()).collect();
        assert!(
            names.contains(&"索引") && !names.contains(&"the"),
            "{names:?}"
        );
        a = IndexBuilder::default();
        a.add(doc("a/"), text("Deploying", &[], "deploys"));
        a.add(doc("b/"), text("Other", &[], "unrelated"));
        a.remove("a/");
        let index = a.finish(1000);
        assert!(index.terms.iter().all(|t| t.term != "deploy"));
        assert_eq!(index.docs.len(), 1);
        // Spellings are cached as written: each one still lowercases to the same term, and a
        // capitalised stop word stays a stop word.
        a = IndexBuilder::default();
        a.add(
            doc("a/"),
            text("x", &[], "The DEPLOY Deploy deploy THE the"),
        );
        let index = a.finish(1000);
        let names: Vec<&str> = index.terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(names, ["deploy", "x"]);
        assert!(a.spellings.contains_key("DEPLOY") && a.words.contains_key("deploy"));
        assert!(
            !a.words.contains_key("DEPLOY"),
            "only lowercased words reach the typo dictionary"
        );
    }

    #[test]
    fn the_typo_dictionary_lists_words_backwards_with_their_terms() {
        let mut builder = IndexBuilder::default();
        builder.add(
            doc("a/"),
            text("Kelvora", &[], "Deployments in 2024 by Bob"),
        );
        let index = builder.finish(1000);
        let words: Vec<(&str, &str)> = index
            .typo_words
            .iter()
            .map(|w| (w.reversed.as_str(), w.term.as_str()))
            .collect();
        assert_eq!(
            words,
            [("arovlek", "kelvora"), ("stnemyolped", "deploy")],
            "sorted by their ends; no numbers, no words too short for a typo"
        );
    }

    #[test]
    fn impacts_stay_in_range() {
        assert_eq!(impact(0.0), 1);
        assert_eq!(impact(IMPACT_MIN), 1);
        assert_eq!(impact(1e9), MAX_IMPACT);
        assert_eq!(impact(f64::NAN), 1);
        assert!(impact(1.0) < impact(1.2) && impact(10.0) < impact(12.0));
    }
}
