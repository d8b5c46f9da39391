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

use std::collections::BTreeSet;

use serde_json::json;

use super::encode::{push_number, push_wide_number};
use super::index::DocInfo;
use super::places::{split_url, Places};
use super::score::TermPostings;
use super::titles::{encode_segment, TitleWords};

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

/// The pages a shard carries rows for: each term's `ROWS_PER_TERM` first in the order the client
/// ranks a one-word query by: pages whose title is the term alone (the query's exact title),
/// then highest impact, then lowest id. In id order.
pub(crate) fn best_pages(terms: &[&TermPostings]) -> Vec<u32> {
    let mut pages = BTreeSet::new();
    for term in terms {
        let mut best: Vec<(bool, u32, u32)> = term
            .scored()
            .map(|s| (s.title_terms != 1, s.impact, s.doc))
            .collect();
        if best.len() > ROWS_PER_TERM {
            best.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            best.truncate(ROWS_PER_TERM);
        }
        pages.extend(best.iter().map(|&(_, _, doc)| doc));
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
    use super::super::titles::tests::decode;
    use super::*;

    fn doc(url: &str, title: &str, crumbs: &[&str]) -> DocInfo {
        DocInfo {
            url: url.into(),
            title: title.into(),
            crumbs: crumbs.iter().map(|c| c.to_string()).collect(),
            ..DocInfo::default()
        }
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
        // A page whose title is the term alone is a one-word query's exact title, which the
        // client lists first whatever its impact: its row comes before the best impacts'.
        let titled = |doc, impact, title_terms| Scored {
            doc,
            impact,
            title_terms,
            ..Scored::default()
        };
        let with_exact = TermPostings {
            title: vec![titled(30, 1, 1), titled(31, 2, 3), titled(32, 1, 1)],
            ..common
        };
        assert_eq!(best_pages(&[&with_exact]), [2, 3, 5, 7, 30, 32]);
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
