//! The site's words for the `jargon` rule: glossary terms and `prose.vocabulary` words, each
//! with who needs it explained, found in one pass by an Aho-Corasick automaton; and every
//! acronym the site knows.
//!
//! Apart from the rule because it is built once per `check` from the config and the glossary,
//! while the rule runs once per page: the pages only read it.

use std::collections::{BTreeMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

/// Who needs a word explained.
#[derive(Debug, Clone)]
pub(super) enum Needs {
    /// A glossary term: these audiences (all of them when empty).
    Readers(Vec<String>),
    /// A vocabulary word: every audience but this side.
    AllBut(String),
}

#[derive(Debug)]
pub(super) struct Word {
    pub(super) needs: Needs,
    /// The glossary term's index, for its tooltip.
    pub(super) glossary: Option<usize>,
}

/// The site's words, built once per check.
pub(crate) struct Lexicon {
    pub(super) matcher: Option<AhoCorasick>,
    /// Per pattern: the word it belongs to and its spelling (matched exactly when an acronym).
    pub(super) patterns: Vec<(usize, String)>,
    pub(super) words: Vec<Word>,
    /// Acronyms the site knows (glossary, vocabulary, `prose.words`), as written.
    pub(super) known: HashSet<String>,
}

/// A term or its aliases, with the audiences of its glossary entry.
pub(crate) struct GlossaryWord<'a> {
    pub(crate) names: Vec<&'a str>,
    pub(crate) audience: &'a [String],
}

impl Lexicon {
    pub(crate) fn new(
        glossary: &[GlossaryWord],
        vocabulary: &BTreeMap<String, Vec<String>>,
        site_words: &[String],
    ) -> Lexicon {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        let mut known: HashSet<String> = site_words.iter().map(|w| w.trim().to_string()).collect();
        let mut add = |names: &mut dyn Iterator<Item = &str>, word: Word| {
            for name in names.map(str::trim).filter(|n| !n.is_empty()) {
                patterns.push((words.len(), name.to_string()));
                known.insert(name.to_string());
            }
            words.push(word);
        };
        for (i, term) in glossary.iter().enumerate() {
            let needs = Needs::Readers(term.audience.to_vec());
            add(
                &mut term.names.iter().copied(),
                Word {
                    needs,
                    glossary: Some(i),
                },
            );
        }
        for (side, list) in vocabulary {
            for name in list {
                add(
                    &mut std::iter::once(name.as_str()),
                    Word {
                        needs: Needs::AllBut(side.clone()),
                        glossary: None,
                    },
                );
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(_, p)| p))
            .ok()
            .filter(|_| !patterns.is_empty());
        Lexicon {
            matcher,
            patterns,
            words,
            known,
        }
    }
}
