//! The plain-language rules of `check`: jargon for the wrong reader, reading level per
//! audience, spelling and grammar (lint stage, pure).
//!
//! Values in, diagnostics out: the parsed tree, the config's `prose:` settings, the glossary
//! and which terms got a tooltip on which page. Each rule returns [`Finding`]s at byte
//! offsets of a page body; this module silences those an `<!-- allow: CODE -->` comment
//! covers and turns the rest into diagnostics at the file's line and column.

pub(crate) mod jargon;
pub(crate) mod reading;
pub(crate) mod spelling;
mod text;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{
    did_you_mean, display_path, suggest, Code, Diagnostic, Diagnostics, LineIndex, Location,
};
use crate::model::config::Config;
use crate::model::glossary::Glossary;
use crate::model::tree::{Page, PageId, SiteTree};
use crate::model::yaml::YamlDoc;
use jargon::{GlossaryWord, Lexicon, Readers};
use spelling::Speller;
use text::{prose_of, Prose};

/// The codes these rules report (each has a level under `checks:`).
pub(crate) const CODES: &[Code] = &[
    Code::Jargon,
    Code::UnexplainedAcronym,
    Code::ReadingLevel,
    Code::Spelling,
    Code::Grammar,
    Code::UnusedAllow,
];

/// One problem in a page body, before it is placed in the file.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) code: Code,
    /// Byte offset in the body.
    pub(crate) offset: usize,
    /// Characters to underline.
    pub(crate) len: usize,
    pub(crate) message: String,
    pub(crate) help: String,
}

pub(crate) struct ProseInput<'a> {
    pub(crate) config: &'a Config,
    pub(crate) tree: &'a SiteTree,
    pub(crate) glossary: Option<&'a Glossary>,
    /// Only these pages (paths as the site names them), for `check --changed`.
    pub(crate) only: Option<&'a HashSet<PathBuf>>,
    /// Which rules run: a code whose level is `off` costs nothing.
    pub(crate) enabled: &'a (dyn Fn(Code) -> bool + Sync),
}

/// `prose: rules:` in `bridgebook.yaml` names harper-core rules that exist (run as the config
/// is loaded, so a misspelt rule stops the build like any other config error).
pub(crate) fn check_rule_names(config: &Config, path: &Path, diagnostics: &mut Diagnostics) {
    if config.prose.rules.is_empty() {
        return;
    }
    let doc = YamlDoc::whole_file(path, &config.text);
    let names = spelling::rule_names();
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    for rule in config.prose.rules.keys() {
        if !known.contains(&rule.as_str()) {
            let diag = Diagnostic::error(
                Code::Config,
                format!("`{rule}` is not a spelling or grammar rule"),
            )
            .help(did_you_mean(rule, "rules (harper-core)", &known));
            diagnostics.push(doc.at_value(diag, "prose", rule));
        }
    }
}

pub(crate) fn lint_prose(input: &ProseInput) -> Vec<Diagnostic> {
    let on = |code: Code| (input.enabled)(code);
    let glossary_words: Vec<GlossaryWord> = input
        .glossary
        .map(|g| {
            g.terms
                .iter()
                .map(|t| GlossaryWord {
                    names: std::iter::once(t.entry.term.as_str())
                        .chain(t.entry.aka.iter().map(|n| n.text.as_str()))
                        .collect(),
                    audience: &t.entry.audience,
                })
                .collect()
        })
        .unwrap_or_default();
    let config = input.config;
    let prose = &config.prose;
    // The site's own names count as known words: its word list, its audiences and roles.
    let site_words: Vec<String> = prose
        .words
        .iter()
        .cloned()
        .chain(config.audiences.iter().map(|a| a.label.clone()))
        .chain(config.roles.iter().map(|r| r.label.clone()))
        .collect();
    let lexicon = Lexicon::new(&glossary_words, &prose.vocabulary, &site_words);
    let speller = (on(Code::Spelling) || on(Code::Grammar)).then(|| {
        let own = glossary_words
            .iter()
            .flat_map(|g| g.names.iter().copied())
            .chain(prose.vocabulary.values().flatten().map(String::as_str))
            .chain(site_words.iter().map(String::as_str));
        Speller::new(own, &prose.rules, &config.language)
    });
    // One harper rule group per thread at most: building one takes a quarter of a second.
    let groups = std::sync::Mutex::new(Vec::new());
    let labels: HashMap<String, String> = input
        .config
        .audiences
        .iter()
        .map(|a| (a.id.clone(), a.label.clone()))
        .collect();
    let pages: Vec<PageId> = input
        .tree
        .page_ids()
        .filter(|&id| {
            let page = &input.tree.pages[id];
            !page.text.is_empty() && input.only.is_none_or(|only| only.contains(&page.site_path))
        })
        .collect();
    pages
        .into_par_iter()
        .flat_map_iter(|id| {
            let page = &input.tree.pages[id];
            let body = &page.text[page.body_offset..];
            let prose = prose_of(body);
            let readers = Readers {
                audiences: readers_of(page, config),
                labels: &labels,
                tooltips: config.tooltips && page.fm.tooltips,
            };
            let mut findings = Vec::new();
            if on(Code::Jargon) || on(Code::UnexplainedAcronym) {
                findings.extend(jargon::jargon(&lexicon, &prose, &readers));
            }
            if on(Code::ReadingLevel) {
                findings.extend(reading_finding(&prose, &readers, page, config));
            }
            if let Some(speller) = &speller {
                let taken = groups.lock().map(|mut g| g.pop()).ok().flatten();
                let mut group = taken.unwrap_or_else(|| speller.linter());
                findings.extend(speller.check(&mut group, &prose.without_quotes(body)));
                if let Ok(mut g) = groups.lock() {
                    g.push(group);
                }
            }
            findings.retain(|f| on(f.code));
            place(page, allow(findings, &prose, on(Code::UnusedAllow)))
        })
        .collect()
}

/// The audiences that read a page: every audience when it names none or `everyone`.
fn readers_of<'a>(page: &'a Page, config: &'a Config) -> Vec<&'a str> {
    let audience = &page.fm.audience;
    if audience.is_empty() || audience.iter().any(|a| a == "everyone") {
        config.audience_ids()
    } else {
        audience.iter().map(String::as_str).collect()
    }
}

/// A page above the lowest grade its readers are given.
fn reading_finding(
    prose: &Prose,
    readers: &Readers,
    page: &Page,
    config: &Config,
) -> Option<Finding> {
    let grades = &config.prose.reading_grade;
    let (audience, limit) = readers
        .audiences
        .iter()
        .filter_map(|a| grades.get(*a).map(|g| (*a, *g)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let reading = reading::reading_level(prose)?;
    if reading.grade <= limit {
        return None;
    }
    let lines = LineIndex::new(&page.text);
    let path = display_path(&page.site_path);
    let longest: Vec<String> = reading
        .longest
        .iter()
        .map(|s| {
            let (line, _) = lines.position(page.body_offset + s.start);
            let start: String = s.text.chars().take(60).collect();
            let more = if start.len() < s.text.len() {
                "..."
            } else {
                ""
            };
            format!("{path}:{line} ({} words) \"{start}{more}\"", s.words)
        })
        .collect();
    let label = readers
        .labels
        .get(audience)
        .map_or(audience, String::as_str);
    Some(Finding {
        code: Code::ReadingLevel,
        offset: reading.longest[0].start,
        len: 1,
        message: format!(
            "reads at grade {:.1} (Flesch-Kincaid), above the {} set for {label} readers",
            reading.grade,
            trim_grade(limit)
        ),
        help: format!(
            "shorten or split the longest sentences: {}",
            longest.join("; ")
        ),
    })
}

fn trim_grade(g: f64) -> String {
    if g.fract() == 0.0 {
        format!("{g:.0}")
    } else {
        format!("{g}")
    }
}

/// Drops each finding an `<!-- allow: CODE -->` covers: the next one of that code after the
/// comment, in its block (a page-level `reading-level` anywhere on the page). A comment that
/// silences nothing is itself reported, so none outlives the problem it was written for.
fn allow(mut findings: Vec<Finding>, prose: &Prose, report_unused: bool) -> Vec<Finding> {
    findings.sort_by_key(|f| f.offset);
    let mut unused = Vec::new();
    for allow in &prose.allows {
        for code in &allow.codes {
            let hit = findings.iter().position(|f| {
                f.code == code.as_str()
                    && (f.code == Code::ReadingLevel
                        || (f.offset >= allow.at && f.offset < allow.until))
            });
            match hit {
                Some(i) => {
                    findings.remove(i);
                }
                None if report_unused => {
                    let known: Vec<&str> = CODES.iter().map(|c| c.as_str()).collect();
                    let help = match suggest(code, known.iter().copied()) {
                        Some(best) if best != code => format!("did you mean \"{best}\"?"),
                        _ => "remove the comment, or move it just before the word it is for"
                            .to_string(),
                    };
                    unused.push(Finding {
                        code: Code::UnusedAllow,
                        offset: allow.at,
                        len: 4,
                        message: format!("`allow: {code}` silences nothing here"),
                        help,
                    });
                }
                None => {}
            }
        }
    }
    findings.extend(unused);
    findings
}

/// Findings at body offsets -> diagnostics at the file's line and column.
fn place(page: &Page, findings: Vec<Finding>) -> Vec<Diagnostic> {
    let lines = LineIndex::new(&page.text);
    findings
        .into_iter()
        .map(|f| {
            let (line, col) = lines.position(page.body_offset + f.offset);
            Diagnostic::warning(f.code, f.message)
                .help(f.help)
                .at_source(Location::new(&page.site_path, line, col, f.len), &page.text)
        })
        .collect()
}
