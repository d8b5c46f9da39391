//! Whether a candidate the automaton found is a use of its glossary name: a whole word,
//! written exactly so when the name is case-exact, not inside one of its `not:` phrases and,
//! when it has `only:` phrases, inside one of them; and the words around an accepted use,
//! which `check --tooltips` reads.
//!
//! Apart from the tooltip pass because these are the glossary's matching rules made ready to
//! test against text, built once per build; the pass only asks them.

use crate::model::glossary::Name;

/// A name's rules, ready to test against text.
pub(super) struct NameRules {
    /// `Some(text)` when the match must be written exactly so.
    exact: Option<String>,
    not: Vec<Phrase>,
    only: Vec<Phrase>,
}

/// A phrase and where the name sits in it (every place, lower-cased byte offsets).
struct Phrase {
    text: String,
    offsets: Vec<usize>,
}

impl Phrase {
    fn new(phrase: &str, name: &str) -> Phrase {
        let (lower, name) = (phrase.to_ascii_lowercase(), name.to_ascii_lowercase());
        Phrase {
            offsets: lower.match_indices(&name).map(|(i, _)| i).collect(),
            text: lower,
        }
    }

    /// Whether the name matched at `start` in `text` is part of this phrase there.
    fn covers(&self, text: &str, start: usize) -> bool {
        self.offsets.iter().any(|&k| {
            start >= k
                && text
                    .get(start - k..start - k + self.text.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(&self.text))
        })
    }
}

impl NameRules {
    pub(super) fn new(name: &Name) -> NameRules {
        let text = name.text.trim();
        let phrases = |list: &[String]| list.iter().map(|p| Phrase::new(p, text)).collect();
        NameRules {
            exact: name.exact_case().then(|| text.to_string()),
            not: phrases(&name.rules.not),
            only: phrases(&name.rules.only),
        }
    }

    pub(super) fn accepts(&self, text: &str, start: usize, end: usize) -> bool {
        self.exact.as_deref().is_none_or(|e| &text[start..end] == e)
            && whole_word(text, start, end)
            && !self.not.iter().any(|p| p.covers(text, start))
            && (self.only.is_empty() || self.only.iter().any(|p| p.covers(text, start)))
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word(c));
    let after = text[end..].chars().next().is_none_or(|c| !is_word(c));
    before && after
}

/// The match with the word before and after it, when only spaces stand between, lower-cased:
/// `incident lead is`.
pub(super) fn phrase_around(text: &str, start: usize, end: usize) -> String {
    let word_char = |c: char| is_word(c) || c == '-' || c == '\'' || c == '’';
    let before = &text[..start];
    let gap = before.len() - before.trim_end_matches(' ').len();
    let head = &before[..before.len() - gap];
    let word = head.len() - head.trim_end_matches(word_char).len();
    let from = if gap > 0 && word > 0 {
        head.len() - word
    } else {
        start
    };
    let after = &text[end..];
    let gap = after.len() - after.trim_start_matches(' ').len();
    let tail = &after[gap..];
    let word = tail.len() - tail.trim_start_matches(word_char).len();
    let to = if gap > 0 && word > 0 {
        end + gap + word
    } else {
        end
    };
    text[from..to].to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_take_one_word_each_side_within_the_sentence() {
        assert_eq!(
            phrase_around("the incident lead said", 13, 17),
            "incident lead said"
        );
        assert_eq!(phrase_around("Lead, then", 0, 4), "lead");
        assert_eq!(phrase_around("a (lead) x", 3, 7), "lead");
    }
}
