//! Stage 4, index: a page's snippet text, chosen as the page is indexed. Pure.
//!
//! Snippet files keep a fixed number of characters a page (`ShardPlan::text_chars`: ~1,000 on a
//! small site, ~130 at 10,000 pages). A page that fits keeps its whole text. A longer one keeps
//! passages around the first occurrences of its rarest words, in page order, joined by " … ":
//! the words a reader who knows the page types are the ones few other pages have, so the
//! client, which cuts the snippet around the words a query matched, finds them in the text more
//! often than in the page's first lines. How rare a word is comes from [`Rarity`], counted on a
//! sample of the pages' sources before any page is indexed, so the choice does not depend on
//! the order the rendering threads hand pages in.

use rustc_hash::{FxHashMap, FxHashSet};

use super::tokenize::{for_each_cjk_term, for_each_word, lowercase_into, word_term};

/// At most this many pages' sources are read to tell rare words from common ones.
const SAMPLE_PAGES: usize = 1000;
/// Between passages (and at a cut start or end).
const GAP: &str = " … ";

/// On how many of the sampled pages each term occurs (terms that are on none are missing).
#[derive(Debug, Default)]
pub(crate) struct Rarity {
    pages: FxHashMap<Box<str>, u32>,
}

impl Rarity {
    /// Counts terms on an even sample of `sources` (every page of a site of up to
    /// `SAMPLE_PAGES` pages).
    pub(crate) fn sample(sources: &[&str]) -> Rarity {
        let step = sources.len().div_ceil(SAMPLE_PAGES).max(1);
        let mut rarity = Rarity::default();
        let mut terms: FxHashMap<Box<str>, Option<Box<str>>> = FxHashMap::default();
        let mut on_page: FxHashSet<Box<str>> = FxHashSet::default();
        let mut lower = String::new();
        for source in sources.iter().step_by(step) {
            on_page.clear();
            for_each_word(source, |word, cjk| {
                if cjk {
                    for_each_cjk_term(word, |pair| {
                        on_page.insert(pair.into());
                    });
                    return;
                }
                if !lowercase_into(word, &mut lower) {
                    return;
                }
                let term = terms
                    .entry(lower.as_str().into())
                    .or_insert_with(|| word_term(&lower).map(Into::into));
                if let Some(term) = term {
                    if !on_page.contains(term) {
                        on_page.insert(term.clone());
                    }
                }
            });
            for term in on_page.drain() {
                *rarity.pages.entry(term).or_default() += 1;
            }
        }
        rarity
    }

    /// On how many sampled pages `term` occurs.
    pub(crate) fn of(&self, term: &str) -> u32 {
        self.pages.get(term).copied().unwrap_or(0)
    }
}

/// The first occurrence of a term in a page's text: its byte range, and how many sampled
/// pages have the term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Anchor {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) pages: u32,
}

/// The snippet text of a page whose text is `body`, at most `chars` characters: all of it
/// (whitespace collapsed) if it fits, else passages around `anchors`, rarest first.
pub(crate) fn excerpt(body: &str, anchors: &[Anchor], chars: usize) -> String {
    if fits(body, chars) {
        return collapsed(body, chars);
    }
    let mut order: Vec<&Anchor> = anchors.iter().collect();
    order.sort_by_key(|a| (a.pages, a.start));
    // Context on each side of a word: a few words at ~130 characters a page, a sentence's
    // worth on a small site.
    let context = (chars / 8).clamp(16, 60);
    let mut passages: Vec<(usize, usize)> = Vec::new();
    let mut used = 0;
    for anchor in order {
        if passages
            .iter()
            .any(|&(s, e)| anchor.start >= s && anchor.end <= e)
        {
            continue;
        }
        let left = chars.saturating_sub(used + GAP.chars().count());
        let word = body[anchor.start..anchor.end].chars().count();
        if left < word + 2 {
            break;
        }
        let side = context.min((left - word) / 2);
        let start = back(body, anchor.start, side);
        let end = forward(body, anchor.end, side);
        used += body[start..end].chars().count() + GAP.chars().count();
        passages.push((start, end));
    }
    passages.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in passages {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let mut out = String::new();
    for (i, &(start, end)) in merged.iter().enumerate() {
        if i > 0 || !body[..start].trim().is_empty() {
            out.push_str(if i == 0 { GAP.trim_start() } else { GAP });
        }
        out.push_str(&collapsed(&body[start..end], usize::MAX));
    }
    if merged
        .last()
        .is_some_and(|&(_, end)| !body[end..].trim().is_empty())
    {
        out.push_str(GAP.trim_end());
    }
    out
}

/// Whether `body`, whitespace collapsed, has at most `chars` characters.
fn fits(body: &str, chars: usize) -> bool {
    let mut count = 0;
    for word in body.split_whitespace() {
        count += word.chars().count() + usize::from(count > 0);
        if count > chars {
            return false;
        }
    }
    true
}

/// Where a passage starts: about `chars` characters before `at`, at a word's start.
fn back(body: &str, at: usize, chars: usize) -> usize {
    let from = body[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if from == 0 {
        return 0;
    }
    // The first whitespace after `from` (a cut word is left out), unless there is none.
    match body[from..at]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
    {
        Some((space, c)) => from + space + c.len_utf8(),
        None => from,
    }
}

/// Where a passage ends: about `chars` characters after `at`, at a word's end.
fn forward(body: &str, at: usize, chars: usize) -> usize {
    let to = body[at..]
        .char_indices()
        .nth(chars)
        .map_or(body.len(), |(i, _)| at + i);
    if to == body.len() {
        return to;
    }
    match body[at..to].rfind(char::is_whitespace) {
        Some(space) => at + space,
        None => to,
    }
}

/// The first `max` characters of `text`, whitespace collapsed, cut at a word boundary.
pub(crate) fn collapsed(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count() + usize::from(!out.is_empty());
        if chars + len > max {
            if out.is_empty() {
                out.extend(word.chars().take(max));
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        chars += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_collapsed_and_cut_at_words() {
        assert_eq!(collapsed("one  two\nthree four", 13), "one two three");
        assert_eq!(collapsed("", 10), "");
        assert_eq!(collapsed(&"x".repeat(50), 10), "x".repeat(10));
        assert_eq!(collapsed("搜索引擎 是什么", 6), "搜索引擎");
    }

    fn anchor(body: &str, word: &str, pages: u32) -> Anchor {
        let start = body.find(word).expect("in the body");
        Anchor {
            start,
            end: start + word.len(),
            pages,
        }
    }

    #[test]
    fn passages_end_at_any_whitespace() {
        let body = format!(
            "{}\u{a0}Zentrix\u{a0}ends {}",
            "wide\u{a0}".repeat(40),
            "x ".repeat(60)
        );
        let anchors = [anchor(&body, "Zentrix", 0)];
        let text = excerpt(&body, &anchors, 40);
        assert!(text.contains("Zentrix"), "{text}");
    }

    #[test]
    fn a_page_that_fits_is_kept_whole() {
        let body = "Short  page\nwith few words.";
        let anchors = [anchor(body, "few", 0)];
        assert_eq!(excerpt(body, &anchors, 100), "Short page with few words.");
    }

    #[test]
    fn a_long_page_keeps_passages_around_its_rarest_words_in_page_order() {
        let filler = "the team reviews the plan every week and ".repeat(10);
        let body = format!(
            "Intro words here. {filler}Ask Kelvora for a token. {filler}The quarterly zentrix audit ends. {filler}"
        );
        let anchors = [
            anchor(&body, "Intro", 40),
            anchor(&body, "team", 50),
            anchor(&body, "zentrix", 1),
            anchor(&body, "Kelvora", 2),
        ];
        let text = excerpt(&body, &anchors, 80);
        assert!(text.chars().count() <= 80, "{text}");
        let (kelvora, zentrix) = (text.find("Kelvora"), text.find("zentrix"));
        assert!(
            kelvora.is_some() && zentrix.is_some() && kelvora < zentrix,
            "{text}"
        );
        assert!(!text.contains("Intro"), "{text}");
        assert!(
            text.starts_with("… ") && text.contains(" … ") && text.ends_with(" …"),
            "{text}"
        );
    }

    #[test]
    fn rarity_counts_pages_not_occurrences_on_a_sample() {
        let sources = ["Deploying deploys", "deploy the kelvora", "other words"];
        let rarity = Rarity::sample(&sources);
        assert_eq!(rarity.of("deploy"), 2);
        assert_eq!(rarity.of("kelvora"), 1);
        assert_eq!(rarity.of("the"), 0, "stop words are not terms");
        let many: Vec<String> = (0..2500).map(|i| format!("word{i} common")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let rarity = Rarity::sample(&many);
        assert_eq!(rarity.of("common"), 834, "every third page of 2,500");
    }
}
