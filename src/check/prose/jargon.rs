//! `jargon` and `unexplained-acronym`: words a page's readers may not know (lint stage, pure).
//!
//! A word is jargon for a reader when the site says so: a glossary term names, in its
//! `audience`, the readers who need it explained; a word in `prose.vocabulary.<side>` belongs
//! to that side and is new to everyone else. A page is read by its `audience` (all audiences
//! when it has none or is for `everyone`). On such a page the first use of the word must be
//! explained: a glossary tooltip on the page, a link, an `<abbr>`, or an explanation beside it
//! ("DNS (the internet's address book)", "content delivery network (CDN)", "DNS, the...",
//! "DNS means...") in that block or the next. An acronym the site does not know at all (not
//! in the glossary, the vocabulary or `prose.words`) is reported once per page, wherever it
//! is used, unless it is explained the same way.
//!
//! The site's words are built in `lexicon.rs`, once per check; what counts as a word, an
//! acronym or an explanation is in `words.rs`; this file holds the two rules.

mod lexicon;
mod words;

use std::collections::{HashMap, HashSet};

use super::text::{Block, Prose};
use super::Finding;
use crate::diagnostic::Code;
use lexicon::Needs;
pub(crate) use lexicon::{GlossaryWord, Lexicon};
pub(crate) use words::is_acronym;
use words::{
    bounded, explained_beside, in_identifier, quoted_spans, shouting, spelled_out, tokens,
    tokens_of,
};

/// The page as the rule sees it.
pub(crate) struct Readers<'a> {
    /// The page's audience, expanded: every audience when it has none or names `everyone`.
    pub(crate) audiences: Vec<&'a str>,
    /// Display labels by audience id.
    pub(crate) labels: &'a HashMap<String, String>,
    /// Glossary tooltips are on for this page: they explain every glossary term they can
    /// reach (which uses they reach is the glossary's business, issue 19).
    pub(crate) tooltips: bool,
}

/// One use of a word in the page's prose.
struct Use {
    block: usize,
    at: usize,
    len: usize,
    explained: bool,
}

pub(crate) fn jargon(lexicon: &Lexicon, prose: &Prose, readers: &Readers) -> Vec<Finding> {
    let mut uses: HashMap<usize, Vec<Use>> = HashMap::new();
    if let Some(matcher) = &lexicon.matcher {
        for (b, block) in prose.blocks.iter().enumerate() {
            // A quotation is someone else's words, often quoted as the example not to follow.
            if block.quote {
                continue;
            }
            let quoted = quoted_spans(&block.text);
            for m in matcher.find_iter(&block.text) {
                if quoted.iter().any(|q| q.contains(&m.start())) {
                    continue;
                }
                let (word, name) = &lexicon.patterns[m.pattern().as_usize()];
                let found = &block.text[m.range()];
                if (is_acronym(name) && found != name)
                    || !bounded(&block.text, m.start(), m.end())
                    || block.segment(m.start()).code
                {
                    continue;
                }
                let explained = block.segment(m.start()).explained
                    || explained_beside(&block.text, m.start(), m.end())
                    || (is_acronym(name) && spelled_out(name, &block.text));
                uses.entry(*word).or_default().push(Use {
                    block: b,
                    at: m.start(),
                    len: found.chars().count(),
                    explained,
                });
            }
        }
    }
    let mut findings = Vec::new();
    for (word, uses) in uses {
        let entry = &lexicon.words[word];
        if entry.glossary.is_some() && readers.tooltips {
            continue;
        }
        let strangers = strangers(&entry.needs, readers);
        if strangers.is_empty() || explained_near(&uses) {
            continue;
        }
        let first = &uses[0];
        let block = &prose.blocks[first.block];
        let text = &block.text[first.at..][..first.len];
        let help = if entry.glossary.is_some() {
            "tooltips are off here: link it to the glossary, or explain it where it first appears"
                .to_string()
        } else {
            format!("explain it where it first appears (\"{text} (...)\"), link to a page that does, or add it to content/glossary.yaml so a tooltip explains it")
        };
        findings.push(Finding {
            code: Code::Jargon,
            offset: block.source_offset(first.at),
            len: first.len,
            message: format!(
                "\"{text}\" may be new to {} readers, and nothing here explains it",
                strangers.join(" and ")
            ),
            help,
        });
    }
    findings.extend(acronyms(lexicon, prose));
    findings
}

/// The labels of the page's readers who need the word explained.
fn strangers(needs: &Needs, readers: &Readers) -> Vec<String> {
    let who: Vec<&str> = match needs {
        Needs::Readers(list) if list.is_empty() => readers.audiences.clone(),
        Needs::Readers(list) => readers
            .audiences
            .iter()
            .copied()
            .filter(|a| list.iter().any(|l| l == a))
            .collect(),
        Needs::AllBut(side) => readers
            .audiences
            .iter()
            .copied()
            .filter(|a| a != side)
            .collect(),
    };
    let named: Vec<String> = who
        .iter()
        .filter(|a| **a != "everyone")
        .map(|a| {
            readers
                .labels
                .get(*a)
                .cloned()
                .unwrap_or_else(|| a.to_string())
        })
        .collect();
    match (who.is_empty(), named.is_empty()) {
        (true, _) => Vec::new(),
        (false, true) => vec!["some".to_string()],
        (false, false) => named,
    }
}

/// Explained at the first use: in that use's block or the next.
fn explained_near(uses: &[Use]) -> bool {
    let first = uses[0].block;
    uses.iter()
        .take_while(|u| u.block <= first + 1)
        .any(|u| u.explained)
}

/// Acronyms the site does not know, once per page.
fn acronyms(lexicon: &Lexicon, prose: &Prose) -> Vec<Finding> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut findings = Vec::new();
    for (b, block) in prose.blocks.iter().enumerate() {
        if block.quote {
            continue;
        }
        let tokens = tokens(&block.text);
        let quoted = quoted_spans(&block.text);
        for (n, &(at, token)) in tokens.iter().enumerate() {
            if quoted.iter().any(|q| q.contains(&at)) {
                continue;
            }
            let bare = token.strip_suffix('s').unwrap_or(token);
            if !is_acronym(bare)
                || lexicon.known.contains(bare)
                || lexicon.known.contains(token)
                || seen.contains(bare)
                || block.segment(at).code
                || shouting(&tokens, n)
                || in_identifier(&block.text, at, at + token.len())
            {
                continue;
            }
            seen.insert(bare);
            let explained = |blk: &Block| {
                tokens_of(blk).iter().any(|&(i, t)| {
                    t.strip_suffix('s').unwrap_or(t) == bare
                        && (blk.segment(i).explained || explained_beside(&blk.text, i, i + t.len()))
                }) || spelled_out(bare, &blk.text)
            };
            let nearby = prose.blocks[b.saturating_sub(1)..(b + 2).min(prose.blocks.len())]
                .iter()
                .any(explained);
            if !nearby {
                findings.push(Finding {
                    code: Code::UnexplainedAcronym,
                    offset: block.source_offset(at),
                    len: token.chars().count(),
                    message: format!("\"{bare}\" is not explained on this page or in the glossary"),
                    help: format!("spell it out where it first appears (\"... ({bare})\"), add it to content/glossary.yaml, or to `prose.words` in bridgebook.yaml if every reader knows it"),
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::super::text::prose_of;
    use super::*;

    fn run(body: &str, audience: &[&str]) -> Vec<String> {
        run_with(body, audience, false)
    }

    fn run_with(body: &str, audience: &[&str], tooltips: bool) -> Vec<String> {
        let aud = vec!["marketing".to_string()];
        let glossary = [
            GlossaryWord {
                names: vec!["CDN", "content delivery network"],
                audience: &aud,
            },
            GlossaryWord {
                names: vec!["Change freeze"],
                audience: &aud,
            },
        ];
        let vocabulary = [(
            "it".to_string(),
            vec!["Kubernetes".to_string(), "DNS".to_string()],
        )]
        .into_iter()
        .collect();
        let lexicon = Lexicon::new(
            &glossary,
            &vocabulary,
            &["IT".to_string(), "FAQ".to_string()],
        );
        let labels = [("marketing", "Marketing"), ("it", "IT")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let readers = Readers {
            audiences: audience.to_vec(),
            labels: &labels,
            tooltips,
        };
        let mut findings = jargon(&lexicon, &prose_of(body), &readers);
        findings.sort_by_key(|f| f.offset);
        findings
            .iter()
            .map(|f| format!("{}@{} {}", f.code, f.offset, &body[f.offset..][..f.len]))
            .collect()
    }

    #[test]
    fn flags_the_other_sides_words_where_that_side_reads() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            // An IT word on a marketing page, unexplained.
            (
                "We moved to Kubernetes last year.",
                &["marketing"],
                &["jargon@12 Kubernetes"],
            ),
            // The same on an IT page is fine.
            ("We moved to Kubernetes last year.", &["it"], &[]),
            // Explained beside it, linked, or the page is IT's alone.
            (
                "Kubernetes (the system that runs our servers) moved.",
                &["marketing"],
                &[],
            ),
            ("See [Kubernetes](k.md) for more.", &["marketing"], &[]),
            (
                "We changed DNS, the address book of the internet.",
                &["marketing", "it"],
                &[],
            ),
            (
                "Intro. **DNS** says where a site lives.",
                &["marketing"],
                &[],
            ),
            ("We said DNS is hard.", &["marketing"], &["jargon@8 DNS"]),
            // Explained in the next block counts; once per page.
            (
                "## DNS\n\nDNS means the internet's address book. DNS again.",
                &["marketing"],
                &[],
            ),
            (
                "DNS broke. DNS again.\n\nMore DNS.",
                &["marketing"],
                &["jargon@0 DNS"],
            ),
            // Glossary terms: who needs them explained is their audience.
            ("The CDN serves images.", &["it"], &[]),
            ("The CDN serves images.", &["marketing"], &["jargon@4 CDN"]),
            (
                "Plan around the change freeze.",
                &["marketing", "it"],
                &["jargon@16 change freeze"],
            ),
            // Acronyms match by case only; code is never prose.
            ("The cdn is `DNS` here.", &["marketing"], &[]),
        ];
        for (body, audience, want) in cases {
            assert_eq!(run(body, audience), *want, "{body}");
        }
    }

    #[test]
    fn tooltips_explain_glossary_terms_and_quotations_are_left_alone() {
        assert_eq!(
            run_with("The CDN serves images.", &["marketing"], true),
            Vec::<String>::new()
        );
        assert_eq!(
            run_with("We moved to Kubernetes.", &["marketing"], true),
            ["jargon@12 Kubernetes"]
        );
        assert_eq!(
            run("> Kubernetes ate the SLA.\n", &["marketing"]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reports_unknown_acronyms_once_unless_spelled_out() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Our SLA says four hours. The SLA is firm.",
                &["unexplained-acronym@4 SLA"],
            ),
            ("Our service level agreement (SLA) says four hours.", &[]),
            ("The SLA, or service level agreement, is firm.", &[]),
            ("Ask IT. Read the FAQ. Chapter IV.", &[]),
            ("DO NOT DEPLOY ON FRIDAY.", &[]),
            ("Open /api/V2/KEY and EU_WEST.", &[]),
            ("Two KPIs matter.", &["unexplained-acronym@4 KPIs"]),
            ("Avoid \"RCA to follow\" in a message.", &[]),
            ("Use formats such as WebP or AVIF.", &[]),
            ("Ask the regulator (the ICO in the UK).", &[]),
            (
                "The <abbr title=\"return on ad spend\">ROAS</abbr> rose.",
                &[],
            ),
        ];
        for (body, want) in cases {
            assert_eq!(run(body, &["it"]), *want, "{body}");
        }
    }
}
