//! Stage 4, index: pages' text -> what each term occurs with, collected as pages are rendered.
//! Pure; `score` turns it into the finished index.
//!
//! Per (term, page) it keeps how often the term occurs (words in the title and headings
//! counted several times: a BM25F-style field boost), whether it is in the title or a heading
//! (those pages are never cut from a term's list), and small hashes of the words next to its
//! first occurrences, enough for the browser to tell the page where "annual leave balance" is a
//! phrase from pages that only have the three words.
//!
//! Terms are interned per builder (`u32` ids), and each distinct word is lowercased, checked
//! against the stop words and stemmed once per builder, not once per occurrence.

use rustc_hash::FxHashMap;

use super::excerpt::{Anchor, Rarity};
use super::tokenize::{for_each_cjk_term, for_each_word, lowercase_into, word_term};

/// A word in the title counts as this many words of body text.
pub(crate) const TITLE_BOOST: u16 = 6;
/// A word in a heading counts this many times more (on top of being body text).
pub(crate) const HEADING_BOOST: u16 = 2;
/// Neighbour hashes are this many bits: a false "these two are neighbours" 1 time in 32.
pub(crate) const NEIGHBOUR_BITS: u32 = 5;
/// Neighbours are kept for the first few occurrences of a term on a page.
const NEIGHBOUR_OCCURRENCES: u32 = 3;
/// Stands for a stop word in the word cache.
pub(crate) const STOP: u32 = u32::MAX;

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
    /// The start of the body text, for snippets (shared: the finished index copies docs).
    pub(crate) excerpt: std::sync::Arc<str>,
}

/// The text of a page that is searched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocText<'a> {
    pub(crate) title: &'a str,
    pub(crate) headings: &'a [String],
    /// Already holds the heading text once.
    pub(crate) body: &'a str,
}

/// Collects pages as they are rendered (in any order); `score::finish` builds the index.
#[derive(Debug, Default)]
pub(crate) struct IndexBuilder {
    term_ids: FxHashMap<Box<str>, u32>,
    pub(crate) terms: Vec<Box<str>>,
    /// Per term id: its neighbour hash.
    term_hashes: Vec<u8>,
    /// Lowercased word -> its term id, or `STOP`: each distinct word is stemmed once.
    pub(crate) words: FxHashMap<Box<str>, u32>,
    /// The same for words as written ("Deploy", "deploy"), looked up first, so that a word
    /// seen before is neither lowercased nor copied again.
    spellings: FxHashMap<Box<str>, u32>,
    /// Per term id: its pages.
    pub(crate) postings: Vec<Vec<Posting>>,
    pub(crate) docs: Vec<DocInfo>,
    /// Per doc: terms counted (its length, for BM25), and distinct terms in its title.
    pub(crate) lengths: Vec<u32>,
    pub(crate) title_terms: Vec<u32>,
    /// Reused between pages.
    lower: String,
    counts: FxHashMap<u32, (Posting, u32)>,
    /// The last page's body: its terms, and where each one's word is (byte ranges).
    body: Vec<u32>,
    spans: Vec<(u32, u32)>,
    /// Per term id: on how many sampled pages it is (`Rarity`), `u32::MAX` until asked.
    rarity: Vec<u32>,
}

/// A term on one page while the index is being collected.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Posting {
    pub(crate) doc: u32,
    /// Occurrences, those in the title and headings counted several times (BM25 saturates
    /// long before this stops counting).
    pub(crate) count: u16,
    /// The term is in the page's title; in one of its headings.
    pub(crate) in_title: bool,
    pub(crate) in_heading: bool,
    /// Bit `h` set: a word with neighbour hash `h` stands next to the term on the page (for
    /// its first few occurrences in the body).
    pub(crate) neighbours: u32,
}

/// The hash of a term that neighbour lists hold; the client (`files.js`) computes the same.
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

    /// Calls `f(term id, its word)` for each term of `text` (a CJK pair gives its whole run).
    fn each_term<'t>(&mut self, text: &'t str, mut f: impl FnMut(u32, &'t str)) {
        for_each_word(text, |word, cjk| {
            if cjk {
                for_each_cjk_term(word, |pair| f(self.intern(pair), word));
            } else {
                let id = self.word_id(word);
                if id != STOP {
                    f(id, word);
                }
            }
        });
    }

    /// The first occurrence of each term (with a letter) in the body of the page added last,
    /// with how rare the term is, for its snippet text (`excerpt`).
    pub(crate) fn anchors(&mut self, rarity: &Rarity) -> Vec<Anchor> {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut anchors = Vec::new();
        for (&term, &(start, end)) in self.body.iter().zip(&self.spans) {
            if !seen.insert(term) {
                continue;
            }
            let name = &self.terms[term as usize];
            if !name.chars().any(char::is_alphabetic) {
                continue;
            }
            if self.rarity.len() <= term as usize {
                self.rarity.resize(self.terms.len(), u32::MAX);
            }
            let pages = &mut self.rarity[term as usize];
            if *pages == u32::MAX {
                *pages = rarity.of(name);
            }
            anchors.push(Anchor {
                start: start as usize,
                end: end as usize,
                pages: *pages,
            });
        }
        anchors
    }

    /// Indexes one page.
    pub(crate) fn add(&mut self, doc: DocInfo, text: DocText) {
        let id = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        let mut counts = std::mem::take(&mut self.counts);
        let mut body = std::mem::take(&mut self.body);
        let mut spans = std::mem::take(&mut self.spans);
        counts.clear();
        body.clear();
        spans.clear();
        let mut length = 0u32;
        self.each_term(text.title, |term, _| {
            let posting = &mut counts.entry(term).or_default().0;
            posting.count = posting.count.saturating_add(TITLE_BOOST);
            posting.in_title = true;
            length += 1;
        });
        let title_terms = u32::try_from(counts.len()).unwrap_or(u32::MAX);
        for heading in text.headings {
            self.each_term(heading, |term, _| {
                let posting = &mut counts.entry(term).or_default().0;
                posting.count = posting.count.saturating_add(HEADING_BOOST);
                posting.in_heading = true;
                length += 1;
            });
        }
        let base = text.body.as_ptr() as usize;
        self.each_term(text.body, |term, word| {
            let start = word.as_ptr() as usize - base;
            body.push(term);
            spans.push((
                u32::try_from(start).unwrap_or(u32::MAX),
                u32::try_from(start + word.len()).unwrap_or(u32::MAX),
            ));
        });
        for (at, &term) in body.iter().enumerate() {
            // The posting, and how many occurrences have given it their neighbours.
            let (posting, seen) = counts.entry(term).or_default();
            posting.count = posting.count.saturating_add(1);
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
        self.spans = spans;
        self.docs.push(doc);
        self.lengths.push(length);
        self.title_terms.push(title_terms);
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
        self.title_terms.extend(other.title_terms);
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
        self.title_terms.swap_remove(at);
        for list in &mut self.postings {
            list.retain(|p| p.doc != at_id);
            for posting in list.iter_mut().filter(|p| p.doc == last) {
                posting.doc = at_id;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn text<'a>(title: &'a str, headings: &'a [String], body: &'a str) -> DocText<'a> {
        DocText {
            title,
            headings,
            body,
        }
    }

    pub(crate) fn doc(url: &str) -> DocInfo {
        DocInfo {
            url: url.to_string(),
            title: url.to_string(),
            ..DocInfo::default()
        }
    }

    fn posting(builder: &IndexBuilder, term: &str, doc: u32) -> Posting {
        let id = builder.term_ids[term];
        *builder.postings[id as usize]
            .iter()
            .find(|p| p.doc == doc)
            .expect("a posting")
    }

    #[test]
    fn fields_are_counted_and_marked() {
        let mut builder = IndexBuilder::default();
        let headings = ["Leave types".to_string()];
        builder.add(
            doc("a/"),
            text(
                "Annual leave",
                &headings,
                "Leave types. Take annual leave early.",
            ),
        );
        let leave = posting(&builder, "leav", 0);
        assert_eq!(leave.count, TITLE_BOOST + HEADING_BOOST + 2);
        assert!(leave.in_title && leave.in_heading);
        let types = posting(&builder, "type", 0);
        assert!(!types.in_title && types.in_heading);
        let early = posting(&builder, "earli", 0);
        assert!(!early.in_title && !early.in_heading && early.count == 1);
        assert_eq!(builder.title_terms, [2], "annual, leave");
    }

    #[test]
    fn terms_remember_their_neighbours() {
        let mut builder = IndexBuilder::default();
        builder.add(
            doc("a/"),
            text(
                "T",
                &[],
                "Kelvora dashboard owners. Later the kelvora again, and more common words.",
            ),
        );
        let mut expected = 0u32;
        for word in ["dashboard", "later", "again"] {
            expected |= 1 << neighbour_hash(word);
        }
        assert_eq!(
            posting(&builder, "kelvora", 0).neighbours,
            expected,
            "both sides, stop words skipped"
        );
        let common = posting(&builder, "common", 0).neighbours;
        assert_eq!(
            common,
            1 << neighbour_hash("more") | 1 << neighbour_hash("word")
        );
    }

    #[test]
    fn words_are_stemmed_once_and_builders_merge() {
        let mut a = IndexBuilder::default();
        let mut b = IndexBuilder::default();
        a.add(doc("a/"), text("Deploying", &[], "deploys deployed"));
        b.add(doc("b/"), text("Other", &[], "the deployment 搜索引擎"));
        a.merge(b);
        let deploy = a.term_ids["deploy"];
        assert_eq!(a.postings[deploy as usize].len(), 2);
        assert!(a.term_ids.contains_key("索引") && !a.term_ids.contains_key("the"));
        assert_eq!(a.title_terms, [1, 1]);
        a.remove("a/");
        assert!(a.postings[deploy as usize].len() == 1 && a.docs.len() == 1);
        assert_eq!(a.docs[0].url, "b/");
        // Spellings are cached as written: each one still lowercases to the same term, and a
        // capitalised stop word stays a stop word.
        a = IndexBuilder::default();
        a.add(
            doc("a/"),
            text("x", &[], "The DEPLOY Deploy deploy THE the"),
        );
        let names: Vec<&str> = a.terms.iter().map(|t| &**t).collect();
        assert_eq!(names, ["x", "deploy"]);
        assert!(a.spellings.contains_key("DEPLOY") && a.words.contains_key("deploy"));
        assert!(
            !a.words.contains_key("DEPLOY"),
            "only lowercased words reach the typo dictionary"
        );
    }
}
