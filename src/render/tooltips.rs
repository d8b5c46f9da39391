//! Stage 3a, render: glossary tooltips, the jargon translator.
//!
//! In a page body the first occurrence of each glossary term or alias becomes a link to the
//! term on the glossary page, described (`aria-describedby`) by a tooltip with the plain
//! definition and the other team's word for it. One Aho-Corasick automaton, built once per
//! build from every term and alias, scans each text event once, so the cost does not grow with
//! the size of the glossary. Pure: `markdown` calls [`TooltipPass::text`] for text that is not
//! inside code, a heading, a link or an `<abbr>`; this module never sees those.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::glossary::{Glossary, GLOSSARY_URL};
use crate::render::highlight::escape;

/// The matcher for a build: every term and alias, case-insensitive (ASCII), longest first.
pub(crate) struct Tooltips {
    matcher: AhoCorasick,
    /// Pattern index -> term index.
    term_of: Vec<usize>,
    /// Per term: the tooltip's inner HTML, built once.
    tips: Vec<Tip>,
}

struct Tip {
    id: String,
    /// `<strong>Term</strong>: definition. Also called: ...`, escaped.
    html: String,
}

impl Tooltips {
    /// `None` when the glossary has no usable term.
    pub(crate) fn new(glossary: &Glossary) -> Option<Tooltips> {
        let mut patterns = Vec::new();
        let mut term_of = Vec::new();
        let mut tips = Vec::with_capacity(glossary.terms.len());
        for (i, term) in glossary.terms.iter().enumerate() {
            let entry = &term.entry;
            for name in std::iter::once(&entry.term).chain(&entry.aka) {
                let name = name.trim();
                if !name.is_empty() {
                    patterns.push(name.to_string());
                    term_of.push(i);
                }
            }
            let mut html = format!(
                "<strong>{}</strong>: {}",
                escape(&entry.term),
                escape(entry.definition.trim())
            );
            if !entry.aka.is_empty() {
                html.push_str(" <em>Also called: ");
                html.push_str(&escape(&entry.aka.join(", ")));
                html.push_str("</em>");
            }
            tips.push(Tip {
                id: term.id.clone(),
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
            term_of,
            tips,
        })
    }

    /// A fresh pass for one page; `root` leads back to the site root.
    pub(crate) fn pass<'a>(&'a self, root: &'a str) -> TooltipPass<'a> {
        TooltipPass {
            tooltips: self,
            root,
            used: vec![false; self.tips.len()],
            used_order: Vec::new(),
        }
    }
}

/// One page's walk: remembers which terms already got their tooltip.
pub(crate) struct TooltipPass<'a> {
    tooltips: &'a Tooltips,
    root: &'a str,
    used: Vec<bool>,
    used_order: Vec<usize>,
}

impl TooltipPass<'_> {
    /// The HTML for `text` with the first occurrence of each new term marked up, or `None` when
    /// it holds none (the caller keeps the text event as it is).
    pub(crate) fn text(&mut self, text: &str) -> Option<String> {
        let mut out: Option<String> = None;
        let mut done = 0;
        for m in self.tooltips.matcher.find_iter(text) {
            let term = self.tooltips.term_of[m.pattern().as_usize()];
            if self.used[term] || !whole_word(text, m.start(), m.end()) {
                continue;
            }
            self.used[term] = true;
            self.used_order.push(term);
            let tip = &self.tooltips.tips[term];
            let html = out.get_or_insert_with(|| String::with_capacity(text.len() + 512));
            html.push_str(&escape(&text[done..m.start()]));
            html.push_str(&format!(
                "<span class=\"gloss\"><a class=\"term\" href=\"{root}{GLOSSARY_URL}#{id}\" aria-describedby=\"tip-{id}\">{word}</a><span class=\"tip\" role=\"tooltip\" id=\"tip-{id}\">{tip}</span></span>",
                root = self.root,
                id = tip.id,
                word = escape(&text[m.start()..m.end()]),
                tip = tip.html,
            ));
            done = m.end();
        }
        let mut html = out?;
        html.push_str(&escape(&text[done..]));
        Some(html)
    }

    /// Glossary term indexes this page used, in order of first use.
    pub(crate) fn into_used(self) -> Vec<usize> {
        self.used_order
    }
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word(c));
    let after = text[end..].chars().next().is_none_or(|c| !is_word(c));
    before && after
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

    fn glossary() -> Glossary {
        let config = crate::model::config::parse_config(
            Path::new("bridgebook.yaml"),
            "title: T\n",
            &mut Diagnostics::default(),
        )
        .unwrap();
        crate::model::glossary::parse_glossary(
            Path::new("content/glossary.yaml"),
            "terms:\n  - term: CDN\n    definition: Copies <near> you.\n    aka: [edge network]\n  - term: Funnel\n    definition: Steps to a sale.\n".into(),
            &config,
            &mut Diagnostics::default(),
        )
        .unwrap()
    }

    #[test]
    fn marks_the_first_whole_word_occurrence_of_each_term_only() {
        let g = glossary();
        let tips = Tooltips::new(&g).unwrap();
        let mut pass = tips.pass("../");
        let html = pass
            .text("Our cdn & the CDNs, then the funnel; CDN again.")
            .unwrap();
        assert_eq!(html.matches("class=\"term\"").count(), 2, "{html}");
        assert!(html.starts_with("Our <span class=\"gloss\"><a class=\"term\" href=\"../glossary/#cdn\" aria-describedby=\"tip-cdn\">cdn</a><span class=\"tip\" role=\"tooltip\" id=\"tip-cdn\"><strong>CDN</strong>: Copies &lt;near&gt; you. <em>Also called: edge network</em></span></span> &amp; the CDNs"), "{html}");
        assert!(pass.text("A CDN and a funnel.").is_none());
        assert_eq!(pass.into_used(), [0, 1]);
    }

    #[test]
    fn an_alias_counts_as_its_term() {
        let g = glossary();
        let tips = Tooltips::new(&g).unwrap();
        let mut pass = tips.pass("");
        let html = pass.text("The Edge Network, or CDN.").unwrap();
        assert!(html.contains(">Edge Network</a>"), "{html}");
        assert_eq!(html.matches("class=\"term\"").count(), 1);
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
