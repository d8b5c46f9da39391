//! `reading-level`: how hard a page is to read, as a Flesch-Kincaid grade (lint stage, pure).
//!
//! grade = 0.39 x words per sentence + 11.8 x syllables per word - 15.59, over the page's
//! running text: paragraphs and list items, not headings, code, tables or quotations (see
//! `text`). Syllables are counted by the usual English heuristic (vowel groups, a silent
//! final `e`), as readability tools do; a pronouncing dictionary would move a page's figure
//! by a few tenths, not change which pages are hard.

use super::text::{BlockKind, Prose};

/// Pages with fewer words than this get no figure: a grade over a few sentences says little.
pub(crate) const MIN_WORDS: usize = 80;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sentence {
    /// Body offset of its first character.
    pub(crate) start: usize,
    pub(crate) words: usize,
    pub(crate) text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reading {
    pub(crate) grade: f64,
    pub(crate) words: usize,
    /// The longest sentences, longest first (at most three).
    pub(crate) longest: Vec<Sentence>,
}

/// The page's grade, or `None` when it has too little running text to judge.
pub(crate) fn reading_level(prose: &Prose) -> Option<Reading> {
    let (mut words, mut syllables) = (0usize, 0usize);
    let mut sentences: Vec<Sentence> = Vec::new();
    for block in &prose.blocks {
        if block.kind != BlockKind::Text || block.quote {
            continue;
        }
        for (start, end) in sentence_bounds(&block.text) {
            let text = block.text[start..end].trim();
            let counted: Vec<usize> = text.split_whitespace().filter_map(word_syllables).collect();
            if counted.is_empty() {
                continue;
            }
            words += counted.len();
            syllables += counted.iter().sum::<usize>();
            let lead = block.text[start..end].len() - block.text[start..end].trim_start().len();
            sentences.push(Sentence {
                start: block.source_offset(start + lead),
                words: counted.len(),
                text: text.to_string(),
            });
        }
    }
    if words < MIN_WORDS {
        return None;
    }
    let grade = 0.39 * words as f64 / sentences.len() as f64
        + 11.8 * syllables as f64 / words as f64
        - 15.59;
    sentences.sort_by(|a, b| b.words.cmp(&a.words).then(a.start.cmp(&b.start)));
    sentences.truncate(3);
    Some(Reading {
        grade,
        words,
        longest: sentences,
    })
}

/// Byte ranges of the sentences in one block: a block always ends one.
fn sentence_bounds(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets stay with the sentence they close.
        let mut k = n + 1;
        while chars
            .get(k)
            .is_some_and(|&(_, c)| matches!(c, '"' | '\'' | ')' | '”' | '’' | '*' | '_'))
        {
            k += 1;
        }
        let at_break = chars.get(k).is_none_or(|&(_, c)| c.is_whitespace());
        if !at_break || (c == '.' && is_abbreviation(&text[start..i])) {
            continue;
        }
        let end = chars.get(k).map_or(text.len(), |&(j, _)| j);
        out.push((start, end));
        start = end;
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// `e.g.`, `etc.`, `Dr.`: a full stop that does not end the sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        word.as_str(),
        "e.g" | "i.e" | "etc" | "vs" | "mr" | "mrs" | "ms" | "dr" | "st" | "approx" | "no" | "cf"
    ) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The syllables of one whitespace-separated token, or `None` when it is not a word.
fn word_syllables(token: &str) -> Option<usize> {
    if !token.chars().any(char::is_alphanumeric) {
        return None;
    }
    let parts: usize = token
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|p| p.chars().any(char::is_alphabetic))
        .map(syllables)
        .sum();
    // A number is read as at least one syllable.
    Some(parts.max(1))
}

/// Syllables in one alphabetic word: vowel groups, less a silent final `e` or `es`/`ed`.
pub(crate) fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    let n = w.len();
    let ends = |s: &str| word.to_lowercase().ends_with(s);
    // "make", "shared", "boxes": the final e is silent, unless "-le" ("table"), "-ted" or
    // "-ded" ("wanted") or "-ces"/"-ses"/"-zes"/"-ges" ("pages") make it heard.
    let silent_e = (ends("e") && !ends("le") && !ends("ee"))
        || (ends("ed") && !ends("ted") && !ends("ded") && !ends("eed"))
        || (ends("es")
            && !["ces", "ses", "zes", "ges", "xes", "shes", "ches", "ees"]
                .iter()
                .any(|s| ends(s)));
    let before_e = if ends("e") { w[n - 2] } else { w[n - 3] };
    if silent_e && count > 1 && !vowel(before_e) {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::super::text::prose_of;
    use super::*;

    #[test]
    fn counts_syllables_like_a_reader() {
        let cases = [
            ("the", 1),
            ("cat", 1),
            ("table", 2),
            ("make", 1),
            ("shared", 1),
            ("wanted", 2),
            ("pages", 2),
            ("boxes", 2),
            ("marketing", 3),
            ("engineer", 3),
            ("understanding", 4),
            ("infrastructure", 4),
            ("deploy", 2),
            ("everyone", 3),
        ];
        for (word, n) in cases {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_numbers() {
        let text = "Ask early, e.g. a week ahead. It costs 3.5 days! Really? Yes.";
        let got: Vec<&str> = sentence_bounds(text)
            .into_iter()
            .map(|(s, e)| text[s..e].trim())
            .collect();
        assert_eq!(
            got,
            [
                "Ask early, e.g. a week ahead.",
                "It costs 3.5 days!",
                "Really?",
                "Yes."
            ]
        );
    }

    #[test]
    fn grades_easy_and_hard_text_and_finds_the_longest_sentences() {
        let easy = "We ship on Monday. Tell us by Friday. We will help you. ".repeat(10);
        let hard = "Organisational interdependencies necessitate comprehensive documentation of infrastructural considerations preceding implementation. ".repeat(10);
        let easy = reading_level(&prose_of(&easy)).unwrap();
        let hard = reading_level(&prose_of(&hard)).unwrap();
        assert!(easy.grade < 3.0, "{}", easy.grade);
        assert!(hard.grade > 20.0, "{}", hard.grade);
        assert_eq!(hard.longest.len(), 3);
        assert_eq!(hard.longest[0].words, 10);
        assert_eq!(hard.longest[0].start, 0);
    }

    #[test]
    fn leaves_out_headings_tables_quotes_and_short_pages() {
        assert_eq!(
            reading_level(&prose_of("A short page. Two sentences.")),
            None
        );
        let body = format!(
            "# A heading with extraordinarily polysyllabic vocabulary\n\n> Incomprehensibly multisyllabic quotation.\n\n| Extraordinarily polysyllabic cell |\n|---|\n\n{}",
            "We ship on Monday. ".repeat(30)
        );
        let r = reading_level(&prose_of(&body)).unwrap();
        assert_eq!(r.words, 120);
    }
}
