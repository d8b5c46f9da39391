//! Stage 4, index: the collected pages -> the finished index, with precomputed scores. Pure.
//!
//! Each (term, page) pair gets one small integer, its *impact*: the BM25 score of the term in
//! the page, title and heading words counted several times. The browser ranks by adding
//! impacts, with no statistics to download.
//!
//! A term's pages come in three groups. Pages with the term in their title are all listed,
//! each with the number of distinct terms its title has, so that the client can tell an exact
//! title. Other pages are listed with their impacts up to `max_postings` (the best ones), which
//! bounds what a common word costs a query; past that, pages with the term in a heading are
//! still listed, without scores. So a page that holds every typed word in its title or a
//! heading is never lost to the cap: only pages with a word in their body text alone can be.
//!
//! Each distinct word whose term is not the word itself ("deployments" -> "deploy") is an
//! *alias*: the client looks words up there instead of guessing their stems.

use rayon::prelude::*;

use super::index::{IndexBuilder, STOP};
use super::tokenize::typo_edits;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Scores are stored on a log scale, so small and large ones keep the same relative precision
/// (about 13%): impact `q` stands for `IMPACT_MIN * exp((q - 1) / IMPACT_STEPS)`.
pub(crate) const IMPACT_MIN: f64 = 0.02;
pub(crate) const IMPACT_STEPS: f64 = 8.0;
pub(crate) const MAX_IMPACT: u32 = 63;

/// One page of a term, scored.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Scored {
    pub(crate) doc: u32,
    pub(crate) impact: u32,
    /// Distinct terms in the page's title, if the term is one of them; else 0.
    pub(crate) title_terms: u32,
    /// Bit `h`: a word of neighbour hash `h` stands next to the term on the page.
    pub(crate) neighbours: u32,
}

/// One term and its pages, each group by doc id.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TermPostings {
    pub(crate) term: String,
    /// Every page with the term in its title.
    pub(crate) title: Vec<Scored>,
    /// The other pages, their best `max_postings`.
    pub(crate) best: Vec<Scored>,
    /// Pages past the cap that have the term in a heading.
    pub(crate) headings: Vec<u32>,
    /// Some pages with the term in their body text alone were left out.
    pub(crate) truncated: bool,
}

impl TermPostings {
    /// Pages listed with a score: title pages, then the best of the rest.
    pub(crate) fn scored(&self) -> impl Iterator<Item = &Scored> {
        self.title.iter().chain(&self.best)
    }
}

/// The finished index: docs sorted by URL (doc id = position), terms sorted.
#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    pub(crate) docs: Vec<super::index::DocInfo>,
    pub(crate) terms: Vec<TermPostings>,
    /// Words a typo could be meant for, spelled backwards and sorted, with their term.
    pub(crate) typo_words: Vec<TypoWord>,
    /// Words whose term is another string, sorted.
    pub(crate) aliases: Vec<Alias>,
    /// The most scored pages a term kept outside titles, if the index was cut at all.
    pub(crate) cap: Option<usize>,
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

/// A lowercased word and its term, where the two differ ("deployments" -> "deploy").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Alias {
    pub(crate) word: String,
    pub(crate) term: String,
}

/// The cap on a term's scored pages outside titles when the site sets none, on an index of
/// more than `UNCAPPED_POSTINGS` (term, page) pairs.
pub(crate) const DEFAULT_MAX_POSTINGS: usize = 150;
/// An index of at most this many postings keeps every page of every term: its lists fit the
/// shards as they are (270 shards of ~8 KB, at ~4 characters a posting with its neighbours), so
/// cutting them would cost recall and save no query any bytes. About 2,000 pages of handbook
/// text; a 10,000-page site has millions.
pub(crate) const UNCAPPED_POSTINGS: usize = 500_000;

/// Scores every posting. `max_postings` bounds each term's scored list outside titles; `None`:
/// `DEFAULT_MAX_POSTINGS`, on an index of more than `UNCAPPED_POSTINGS` postings.
pub(crate) fn finish(builder: &IndexBuilder, max_postings: Option<usize>) -> SearchIndex {
    let n = builder.docs.len();
    let total: usize = builder.postings.iter().map(Vec::len).sum();
    let max_postings = cap(max_postings, total);
    // Doc ids follow URL order, so the output does not depend on rendering order and pages
    // of one section share list and snippet files.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| builder.docs[a].url.cmp(&builder.docs[b].url));
    let mut new_id = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = u32::try_from(new).unwrap_or(u32::MAX);
    }
    let lengths = &builder.lengths;
    let avg_len = (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / n.max(1) as f64).max(1.0);
    // In parallel: rayon shares the cores between this and the generated pages.
    let mut terms: Vec<TermPostings> = builder
        .postings
        .par_iter()
        .enumerate()
        .filter(|(_, list)| !list.is_empty())
        .map(|(id, list)| {
            let idf = idf(n, list.len());
            let mut term = TermPostings {
                term: builder.terms[id].to_string(),
                ..TermPostings::default()
            };
            let mut rest = Vec::new();
            for p in list {
                let norm = f64::from(lengths[p.doc as usize]) / avg_len;
                let tf = f64::from(p.count);
                let score = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * norm));
                let scored = Scored {
                    doc: new_id[p.doc as usize],
                    impact: impact(score),
                    title_terms: if p.in_title {
                        builder.title_terms[p.doc as usize]
                    } else {
                        0
                    },
                    neighbours: p.neighbours,
                };
                if p.in_title {
                    term.title.push(scored);
                } else {
                    rest.push((scored, p.in_heading));
                }
            }
            if rest.len() > max_postings {
                rest.sort_by(|a, b| b.0.impact.cmp(&a.0.impact).then(a.0.doc.cmp(&b.0.doc)));
                for (scored, in_heading) in rest.drain(max_postings..) {
                    if in_heading {
                        term.headings.push(scored.doc);
                    } else {
                        term.truncated = true;
                    }
                }
            }
            term.best = rest.into_iter().map(|(scored, _)| scored).collect();
            term.title.sort_unstable_by_key(|s| s.doc);
            term.best.sort_unstable_by_key(|s| s.doc);
            term.headings.sort_unstable();
            term
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
    let (typo_words, aliases) = words(builder);
    SearchIndex {
        docs: order.iter().map(|&old| builder.docs[old].clone()).collect(),
        terms,
        typo_words,
        aliases,
        cap: (max_postings != usize::MAX).then_some(max_postings),
    }
}

/// The typo dictionary (every word with a letter, long enough for a typo) and the aliases, of
/// the words whose term is still on a page.
fn words(builder: &IndexBuilder) -> (Vec<TypoWord>, Vec<Alias>) {
    let mut typo_words = Vec::new();
    let mut aliases = Vec::new();
    for (word, &id) in &builder.words {
        if id == STOP || builder.postings[id as usize].is_empty() {
            continue;
        }
        let term = &*builder.terms[id as usize];
        if typo_edits(word) > 0 && word.chars().any(char::is_alphabetic) {
            typo_words.push(TypoWord {
                reversed: word.chars().rev().collect(),
                term: term.to_string(),
            });
        }
        if term != &**word {
            aliases.push(Alias {
                word: word.to_string(),
                term: term.to_string(),
            });
        }
    }
    typo_words.sort_unstable();
    aliases.sort_unstable();
    (typo_words, aliases)
}

/// The cap on an index of `total` postings, given the site's setting.
fn cap(setting: Option<usize>, total: usize) -> usize {
    match setting {
        Some(max) => max,
        None if total > UNCAPPED_POSTINGS => DEFAULT_MAX_POSTINGS,
        None => usize::MAX,
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
    use super::super::index::tests::{doc, text};
    use super::super::tokenize::tokenize;
    use super::*;

    /// Ranks docs for a one-word query by impact, best first.
    fn rank(index: &SearchIndex, word: &str) -> Vec<String> {
        let term = tokenize(word).remove(0);
        let Some(t) = index.terms.iter().find(|t| t.term == term) else {
            return vec![];
        };
        let mut hits: Vec<Scored> = t.scored().copied().collect();
        hits.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
        hits.iter()
            .map(|s| index.docs[s.doc as usize].url.clone())
            .collect()
    }

    fn term<'a>(index: &'a SearchIndex, name: &str) -> &'a TermPostings {
        index.terms.iter().find(|t| t.term == name).expect("a term")
    }

    #[test]
    fn title_beats_heading_beats_body_and_short_pages_beat_long_ones() {
        let filler = "words about other things entirely. ".repeat(40);
        let mut builder = IndexBuilder::default();
        let pages = [
            ("body/", "Notes", vec![], format!("{filler} the budget")),
            ("title/", "Budget", vec![], filler.clone()),
            (
                "heading/",
                "Notes",
                vec!["Budget".into()],
                format!("Budget {filler}"),
            ),
            ("short-body/", "Notes", vec![], "the budget".to_string()),
            ("none/", "Notes", vec![], filler.clone()),
        ];
        for (url, title, headings, body) in pages {
            builder.add(doc(url), text(title, &headings, &body));
        }
        let index = finish(&builder, None);
        assert_eq!(
            rank(&index, "budgets"),
            ["title/", "heading/", "short-body/", "body/"]
        );
        let budget = term(&index, "budget");
        assert_eq!(budget.title.len(), 1);
        assert_eq!(budget.title[0].title_terms, 1, "one distinct term: budget");
        assert!(budget.best.iter().all(|s| s.title_terms == 0));
    }

    #[test]
    fn the_cap_keeps_the_best_pages_and_every_title_and_heading() {
        let mut builder = IndexBuilder::default();
        for i in 0..10 {
            // The shorter the page, the more "launch" stands out in it.
            // The page with a heading is long enough to miss the cut.
            let fillers = if i == 1 { 2000 } else { 50 * (9 - i) };
            let body = format!("launch {}", "filler ".repeat(fillers));
            let (title, headings) = match i {
                0 => ("Launch day", vec![]),
                1 => ("Page", vec!["Launch".to_string()]),
                _ => ("Page", vec![]),
            };
            builder.add(doc(&format!("p{i}/")), text(title, &headings, &body));
        }
        let index = finish(&builder, Some(3));
        let urls: Vec<&str> = index.docs.iter().map(|d| d.url.as_str()).collect();
        assert_eq!(urls[..3], ["p0/", "p1/", "p2/"]);
        let launch = term(&index, "launch");
        assert!(launch.truncated);
        let ids = |list: &[Scored]| list.iter().map(|s| s.doc).collect::<Vec<_>>();
        assert_eq!(ids(&launch.title), [0], "every page with it in the title");
        assert_eq!(ids(&launch.best), [7, 8, 9], "the pages that say it most");
        assert_eq!(launch.headings, [1], "past the cap, but in a heading");
        let page = term(&index, "page");
        assert!(page.title.len() == 9 && page.best.is_empty() && !page.truncated);
    }

    #[test]
    fn words_become_typo_words_and_aliases() {
        let mut builder = IndexBuilder::default();
        builder.add(
            doc("a/"),
            text("Kelvora", &[], "Deployments in 2024 by Bob, deploy"),
        );
        let index = finish(&builder, None);
        let typos: Vec<(&str, &str)> = index
            .typo_words
            .iter()
            .map(|w| (w.reversed.as_str(), w.term.as_str()))
            .collect();
        assert_eq!(
            typos,
            [
                ("arovlek", "kelvora"),
                ("stnemyolped", "deploy"),
                ("yolped", "deploy")
            ],
            "sorted by their ends; no numbers, no words too short for a typo"
        );
        let aliases: Vec<(&str, &str)> = index
            .aliases
            .iter()
            .map(|a| (a.word.as_str(), a.term.as_str()))
            .collect();
        assert_eq!(aliases, [("deployments", "deploy")]);
    }

    #[test]
    fn only_a_large_index_is_cut_unless_the_site_says() {
        assert_eq!(cap(None, 10_000), usize::MAX);
        assert_eq!(cap(None, UNCAPPED_POSTINGS + 1), DEFAULT_MAX_POSTINGS);
        assert_eq!(cap(Some(30), 10), 30);
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
