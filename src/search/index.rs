//! Stage 4, index: search documents -> an inverted index with precomputed scores. Pure.
//!
//! Each (term, page) pair gets one small integer, its *impact*: the BM25 score of the term in
//! the page, with words in the title and headings counted several times (a BM25F-style field
//! boost). The browser then ranks by adding impacts, with no statistics to download. Terms so
//! common that they say little keep only their best-scoring pages, which bounds every posting
//! list and so every shard a query has to fetch.

use std::collections::HashMap;

use super::tokenize::{is_cjk, tokenize};

/// Joins the two words of a pair term; sorts before letters, so "plan budget" sits next to
/// "plan" in the same shard.
pub(crate) const PAIR_SEPARATOR: char = ' ';

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

/// A page's terms with their boosted counts, and its length in terms.
#[derive(Debug, Default)]
pub(crate) struct DocTerms {
    pub(crate) counts: Vec<(String, u32)>,
    pub(crate) length: u32,
}

/// Counts a page's terms; `body` already holds the heading text once. Neighbouring words
/// of the body also make a pair term ("campaign budget"), which is what finds a page by a
/// phrase from it; only rare pairs are kept (see [`IndexBuilder::finish`]).
pub(crate) fn doc_terms(title: &str, headings: &[String], body: &str) -> DocTerms {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut length = 0u32;
    for (text, weight) in [(title, TITLE_BOOST)]
        .into_iter()
        .chain(headings.iter().map(|h| (h.as_str(), HEADING_BOOST)))
        .chain([(body, 1)])
    {
        let terms = tokenize(text);
        if weight == 1 {
            for pair in terms.windows(2) {
                if pair.iter().all(|t| !t.starts_with(is_cjk)) {
                    *counts
                        .entry(format!("{}{PAIR_SEPARATOR}{}", pair[0], pair[1]))
                        .or_default() += 1;
                }
            }
        }
        for term in terms {
            *counts.entry(term).or_default() += weight;
            length += 1;
        }
    }
    let mut counts: Vec<(String, u32)> = counts.into_iter().collect();
    counts.sort();
    DocTerms { counts, length }
}

/// Collects pages as they are rendered (in any order) and builds the index at the end.
#[derive(Debug, Default)]
pub(crate) struct IndexBuilder {
    term_ids: HashMap<String, u32>,
    /// Per term id: (doc id, boosted count).
    postings: Vec<Vec<(u32, u32)>>,
    docs: Vec<DocInfo>,
    lengths: Vec<u32>,
}

/// One term and its pages, by doc id, with their impacts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermPostings {
    pub(crate) term: String,
    pub(crate) postings: Vec<(u32, u32)>,
    /// Some pages were left out: the term was too common to list them all.
    pub(crate) truncated: bool,
}

/// The finished index: docs sorted by URL (doc id = position), terms sorted.
#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    pub(crate) docs: Vec<DocInfo>,
    pub(crate) terms: Vec<TermPostings>,
}

impl IndexBuilder {
    pub(crate) fn add(&mut self, doc: DocInfo, terms: DocTerms) {
        let id = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        for (term, count) in terms.counts {
            let next = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
            let term_id = *self.term_ids.entry(term).or_insert(next);
            if term_id == next {
                self.postings.push(Vec::new());
            }
            self.postings[term_id as usize].push((id, count));
        }
        self.docs.push(doc);
        self.lengths.push(terms.length);
    }

    /// Moves every page of `other` into this builder (their ids follow this builder's).
    pub(crate) fn merge(&mut self, other: IndexBuilder) {
        let offset = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        let mut postings = other.postings;
        for (term, id) in other.term_ids {
            let list = std::mem::take(&mut postings[id as usize]);
            let next = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
            let target = *self.term_ids.entry(term).or_insert(next);
            if target == next {
                self.postings.push(Vec::with_capacity(list.len()));
            }
            self.postings[target as usize]
                .extend(list.into_iter().map(|(doc, count)| (doc + offset, count)));
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
            list.retain(|&(doc, _)| doc != at_id);
            for posting in list.iter_mut().filter(|p| p.0 == last) {
                posting.0 = at_id;
            }
        }
    }

    /// Scores every posting. `max_postings` bounds each term's list (its best pages stay).
    pub(crate) fn finish(&self, max_postings: usize) -> SearchIndex {
        let n = self.docs.len();
        // Doc ids follow URL order, so the output does not depend on rendering order and pages
        // of one section share snippet chunks.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| self.docs[a].url.cmp(&self.docs[b].url));
        let mut new_id = vec![0u32; n];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = u32::try_from(new).unwrap_or(u32::MAX);
        }
        let avg_len =
            (self.lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / n.max(1) as f64).max(1.0);
        // A pair on many pages says no more than its two words; rare pairs pin a page down.
        let max_pair_pages = (n / 1000).max(8);
        let mut terms: Vec<TermPostings> = self
            .term_ids
            .iter()
            .filter(|(term, id)| {
                let list = &self.postings[**id as usize];
                !list.is_empty() && (!term.contains(PAIR_SEPARATOR) || list.len() <= max_pair_pages)
            })
            .map(|(term, &id)| {
                let term = term.clone();
                let list = &self.postings[id as usize];
                let idf = idf(n, list.len());
                let mut postings: Vec<(u32, u32)> = list
                    .iter()
                    .map(|&(doc, count)| {
                        let norm = f64::from(self.lengths[doc as usize]) / avg_len;
                        let tf = f64::from(count);
                        let score = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * norm));
                        (new_id[doc as usize], impact(score))
                    })
                    .collect();
                let truncated = postings.len() > max_postings;
                if truncated {
                    postings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    postings.truncate(max_postings);
                }
                postings.sort_unstable();
                TermPostings {
                    term,
                    postings,
                    truncated,
                }
            })
            .collect();
        terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
        let docs = order.iter().map(|&old| self.docs[old].clone()).collect();
        SearchIndex { docs, terms }
    }
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
            builder.add(doc(url), doc_terms(title, &headings, &body));
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
            builder.add(doc(&format!("p{i}/")), doc_terms("Page", &[], &body));
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
    fn neighbouring_body_words_make_rare_pair_terms() {
        let terms = doc_terms("Title words", &[], "Plan the budget. 搜索引擎 ok");
        let names: Vec<&str> = terms.counts.iter().map(|(t, _)| t.as_str()).collect();
        assert!(names.contains(&"plan budget"), "{names:?}");
        assert!(!names.contains(&"titl word"), "no pairs from the title");
        assert!(
            !names.iter().any(|n| n.contains("搜索 ")),
            "no pairs of CJK pairs"
        );
        let mut builder = IndexBuilder::default();
        for i in 0..30 {
            let body = if i == 0 {
                "rare phrase common pair"
            } else {
                "common pair"
            };
            builder.add(doc(&format!("p{i}/")), doc_terms("T", &[], body));
        }
        let index = builder.finish(1000);
        let names: Vec<&str> = index.terms.iter().map(|t| t.term.as_str()).collect();
        assert!(names.contains(&"rare phrase"));
        assert!(
            !names.contains(&"common pair"),
            "pairs on many pages are dropped"
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
