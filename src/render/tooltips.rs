//! Stage 3a, render: glossary tooltips, the jargon translator.
//!
//! In a page body the first occurrence of each glossary term or alias becomes a link to the
//! term on the glossary page, described (`aria-describedby`) by a tooltip with the plain
//! definition and the other team's word for it. One Aho-Corasick automaton, built once per
//! build from every term and alias, scans each text event once, so the cost does not grow with
//! the size of the glossary. Pure: `markdown` calls [`TooltipPass::text`] for text that is not
//! inside code, a heading, a link or an `<abbr>`; this module never sees those.
//!
//! How a candidate is held to its name's rules (case, `not:`, `only:`, whole words) is in
//! `rules.rs`; this file builds the automaton and the tooltips and walks a page's text.

mod rules;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::html::escape_html as escape;
use crate::model::glossary::Glossary;
use rules::{phrase_around, NameRules};

/// The comment that turns off the tooltip of the glossary word right after it.
pub(crate) const NO_TOOLTIP: &str = "<!-- no-tooltip -->";

/// The matcher for a build: every term and alias, case-insensitive (ASCII), longest first;
/// each candidate is then held to its name's rules (case, `not:`, `only:`).
pub(crate) struct Tooltips {
    matcher: AhoCorasick,
    /// Pattern index -> (term index, the name's rules).
    names: Vec<(usize, NameRules)>,
    /// Per term: the tooltip's inner HTML, built once.
    tips: Vec<Tip>,
}

struct Tip {
    id: String,
    /// The glossary page that explains it (`glossary/` or `glossary/a/`).
    page: String,
    /// `<strong>Term</strong>: definition. Also called: ...`, escaped.
    html: String,
}

impl Tooltips {
    /// `None` when the glossary has no usable term.
    pub(crate) fn new(glossary: &Glossary) -> Option<Tooltips> {
        let mut patterns = Vec::new();
        let mut names = Vec::new();
        let mut tips = Vec::with_capacity(glossary.terms.len());
        for (i, term) in glossary.terms.iter().enumerate() {
            let entry = &term.entry;
            for name in entry.names() {
                let text = name.text.trim();
                if !text.is_empty() {
                    patterns.push(text.to_string());
                    names.push((i, NameRules::new(&name)));
                }
            }
            let mut html = format!(
                "<strong>{}</strong>: {}",
                escape(&entry.term),
                escape(entry.definition.trim())
            );
            if !entry.aka.is_empty() {
                html.push_str(" <em>Also called: ");
                html.push_str(&escape(&entry.aka_texts().join(", ")));
                html.push_str("</em>");
            }
            tips.push(Tip {
                id: term.id.clone(),
                page: term.page.clone(),
                html,
            });
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA: built once per build, then one table lookup per byte of text.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok()?;
        (!patterns.is_empty()).then_some(Tooltips {
            matcher,
            names,
            tips,
        })
    }

    /// A fresh pass for one page; `root` leads back to the site root.
    pub(crate) fn pass<'a>(&'a self, root: &'a str) -> TooltipPass<'a> {
        TooltipPass {
            tooltips: self,
            root,
            used: vec![false; self.tips.len()],
            uses: Vec::new(),
            skip_next: false,
        }
    }
}

/// One tooltip a page shows: its term and the words around it (`the incident lead is`),
/// for `check --tooltips`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TooltipUse {
    pub(crate) term: usize,
    pub(crate) phrase: String,
}

/// One page's walk: remembers which terms already got their tooltip.
pub(crate) struct TooltipPass<'a> {
    tooltips: &'a Tooltips,
    root: &'a str,
    used: Vec<bool>,
    uses: Vec<TooltipUse>,
    /// A [`NO_TOOLTIP`] comment came just before the next text.
    skip_next: bool,
}

impl TooltipPass<'_> {
    /// The page's inline HTML `html` came by: a [`NO_TOOLTIP`] comment turns off the first
    /// glossary word of the text that follows it.
    pub(crate) fn inline_html(&mut self, html: &str) {
        if html.trim() == NO_TOOLTIP {
            self.skip_next = true;
        }
    }

    /// The HTML for `text` with the first occurrence of each new term marked up, or `None` when
    /// it holds none (the caller keeps the text event as it is).
    pub(crate) fn text(&mut self, text: &str) -> Option<String> {
        let mut out: Option<String> = None;
        let mut done = 0;
        let mut at = 0;
        let skip = std::mem::take(&mut self.skip_next) && !text.trim().is_empty();
        let mut skip = skip.then_some(());
        while let Some(m) = self
            .tooltips
            .matcher
            .find(Input::new(text).span(at..text.len()))
        {
            let (term, rules) = &self.tooltips.names[m.pattern().as_usize()];
            let term = *term;
            if !rules.accepts(text, m.start(), m.end()) {
                // Another, shorter name may still start inside this one.
                at = next_char(text, m.start());
                continue;
            }
            at = m.end();
            if skip.take().is_some() || self.used[term] {
                continue;
            }
            self.used[term] = true;
            self.uses.push(TooltipUse {
                term,
                phrase: phrase_around(text, m.start(), m.end()),
            });
            let tip = &self.tooltips.tips[term];
            let html = out.get_or_insert_with(|| String::with_capacity(text.len() + 512));
            html.push_str(&escape(&text[done..m.start()]));
            html.push_str(&format!(
                "<span class=\"gloss\"><a class=\"term\" href=\"{root}{page}#{id}\" aria-describedby=\"tip-{id}\">{word}</a><span class=\"tip\" role=\"tooltip\" id=\"tip-{id}\">{tip}</span></span>",
                root = self.root,
                id = tip.id,
                page = tip.page,
                word = escape(&text[m.start()..m.end()]),
                tip = tip.html,
            ));
            done = m.end();
        }
        let mut html = out?;
        html.push_str(&escape(&text[done..]));
        Some(html)
    }

    /// The tooltips this page shows, in order.
    pub(crate) fn into_uses(self) -> Vec<TooltipUse> {
        self.uses
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

/// Inline HTML that opens or closes an element whose text must stay as written: `+1` for
/// `<a ...>`, `<abbr>`, `<code>`, `<kbd>`, `-1` for their end tags, `0` otherwise.
pub(crate) fn protected_depth_change(html: &str) -> i32 {
    let tag = |rest: &str| {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        matches!(
            name.as_str(),
            "a" | "abbr" | "code" | "kbd" | "pre" | "script"
        )
    };
    let html = html.trim_start();
    if let Some(rest) = html.strip_prefix("</") {
        return if tag(rest) { -1 } else { 0 };
    }
    match html.strip_prefix('<') {
        Some(rest) if tag(rest) && !html.trim_end().ends_with("/>") => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use std::path::Path;

    const TERMS: &str = "terms:\n  - term: CDN\n    definition: Copies <near> you.\n    aka: [edge network]\n  - term: Funnel\n    definition: Steps to a sale.\n";

    fn glossary(yaml: &str) -> Glossary {
        let config = crate::model::config::parse_config(
            Path::new("bridgebook.yaml"),
            "title: T\n",
            &mut Diagnostics::default(),
        )
        .unwrap();
        crate::model::glossary::parse_glossary(
            Path::new("content/glossary.yaml"),
            yaml.into(),
            &config,
            &mut Diagnostics::default(),
        )
        .unwrap()
    }

    /// The words that got a tooltip in `text`, in order.
    fn marked(tips: &Tooltips, texts: &[&str]) -> Vec<String> {
        let mut pass = tips.pass("");
        let mut words = Vec::new();
        for text in texts {
            if let Some(html) = pass.text(text) {
                for part in html.split("aria-describedby=").skip(1) {
                    let word = part.split('>').nth(1).unwrap().trim_end_matches("</a");
                    words.push(word.to_string());
                }
            } else if text.trim() == NO_TOOLTIP {
                pass.inline_html(text);
            }
        }
        words
    }

    #[test]
    fn marks_the_first_whole_word_occurrence_of_each_term_only() {
        let g = glossary(TERMS);
        let tips = Tooltips::new(&g).unwrap();
        let mut pass = tips.pass("../");
        let html = pass
            .text("Our CDN & the CDNs, then the funnel; CDN again.")
            .unwrap();
        assert_eq!(html.matches("class=\"term\"").count(), 2, "{html}");
        assert!(html.starts_with("Our <span class=\"gloss\"><a class=\"term\" href=\"../glossary/#cdn\" aria-describedby=\"tip-cdn\">CDN</a><span class=\"tip\" role=\"tooltip\" id=\"tip-cdn\"><strong>CDN</strong>: Copies &lt;near&gt; you. <em>Also called: edge network</em></span></span> &amp; the CDNs"), "{html}");
        assert!(pass.text("A CDN and a funnel.").is_none());
        let uses = pass.into_uses();
        assert_eq!(uses.iter().map(|u| u.term).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(uses[0].phrase, "our cdn");
        assert_eq!(uses[1].phrase, "the funnel");
    }

    #[test]
    fn an_alias_counts_as_its_term() {
        let g = glossary(TERMS);
        let tips = Tooltips::new(&g).unwrap();
        assert_eq!(
            marked(&tips, &["The Edge Network, or CDN."]),
            ["Edge Network"]
        );
    }

    #[test]
    fn acronyms_match_by_case_and_other_words_in_any_case() {
        let g = glossary(TERMS);
        let tips = Tooltips::new(&g).unwrap();
        assert_eq!(marked(&tips, &["a cdn, the Funnel"]), ["Funnel"]);
        let g = glossary("terms:\n  - term: CDN\n    definition: d\n    case: any\n  - term: Lead\n    definition: d\n    case: exact\n");
        let tips = Tooltips::new(&g).unwrap();
        assert_eq!(marked(&tips, &["a cdn; lead, then Lead"]), ["cdn", "Lead"]);
    }

    #[test]
    fn not_phrases_skip_the_other_senses_and_only_phrases_keep_one() {
        let yaml = "terms:\n  - term: Lead\n    definition: d\n    not: [incident lead, lead time, take the lead]\n  - term: Incident\n    definition: d\n  - term: Ticket\n    definition: d\n    aka:\n      - name: request\n        only: [a request, new request]\n";
        let tips = Tooltips::new(&glossary(yaml)).unwrap();
        assert_eq!(
            marked(&tips, &["The Incident Lead said: lead time is long. Take the lead. A pull request, then a new lead."]),
            ["Incident", "lead"]
        );
        assert_eq!(
            marked(&tips, &["a pull request and a web request; then a request"]),
            ["request"]
        );
        assert_eq!(marked(&tips, &["A non-lead?"]), ["lead"]);
    }

    #[test]
    fn a_no_tooltip_comment_turns_off_the_next_glossary_word_only() {
        let tips = Tooltips::new(&glossary(TERMS)).unwrap();
        assert_eq!(
            marked(
                &tips,
                &["Our ", NO_TOOLTIP, "funnel and CDN", " then a funnel"]
            ),
            ["CDN", "funnel"]
        );
    }

    #[test]
    fn inline_html_that_protects_its_text() {
        for (html, change) in [
            ("<abbr title=\"x\">", 1),
            ("</abbr>", -1),
            ("<a href=\"x\">", 1),
            ("<A>", 1),
            ("<br/>", 0),
            ("<span>", 0),
            ("</code>", -1),
        ] {
            assert_eq!(protected_depth_change(html), change, "{html}");
        }
    }
}
