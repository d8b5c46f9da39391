//! `spelling` and `grammar`: harper-core over a page body (lint stage, pure).
//!
//! harper-core (Apache-2.0, offline) parses the Markdown itself (code and tables are skipped)
//! and runs its curated rules. Its dictionary gains the glossary's terms and aliases and the
//! site word list, so the handbook's own vocabulary is never a misspelling; `prose.rules`
//! turns single rules on or off by name. A harper rule group is built once per thread
//! ([`Speller::linter`]); the dictionary is shared.
//!
//! harper-core is pinned to 0.54 (docs/benchmarks.md: later releases pull a machine-learning
//! stack into the build). Its rule group reports problems without the rule that found them,
//! so [`Speller::check`] runs the group once per enabled rule, each run with only that rule
//! on: a finding names its rule, and the group's per-sentence cache keeps that cheap.

use std::collections::BTreeMap;
use std::sync::Arc;

use harper_core::linting::{Lint, LintGroup, LintGroupConfig, LintKind, Linter, Suggestion};
use harper_core::parsers::MarkdownOptions;
use harper_core::spell::{FstDictionary, MergedDictionary, MutableDictionary};
use harper_core::{Dialect, Document, WordMetadata};

use super::Finding;
use crate::diagnostic::Code;

/// harper-core rules bridgebook turns off unless `prose.rules` turns them on: house-style
/// choices a handbook makes for itself, not mistakes (the Oxford comma).
const OFF_BY_DEFAULT: &[&str] = &["OxfordComma"];

/// Shared by every page of a check.
pub(crate) struct Speller {
    dictionary: Arc<MergedDictionary>,
    dialect: Dialect,
    /// The rules that run, by name: harper's curated choice, then bridgebook's, then the
    /// site's `prose.rules`.
    rules: Vec<String>,
}

impl Speller {
    /// `words`: the site's own (glossary terms, aliases, the word list); `language`: the
    /// config's `language` (`en-GB` picks British spelling).
    pub(crate) fn new<'a>(
        words: impl Iterator<Item = &'a str>,
        rules: &BTreeMap<String, bool>,
        language: &str,
    ) -> Speller {
        let mut own = MutableDictionary::new();
        let mut list: Vec<Vec<char>> = words
            .flat_map(|w| w.split(|c: char| c.is_whitespace() || c == '/'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                // An acronym's plural ("KPIs") is written as often as the acronym, and a
                // name's possessive ("Northwind's") as often as the name. harper reads a curly
                // apostrophe as a straight one, so only the straight form is listed (a second,
                // curly entry would take its place in the dictionary and match nothing).
                let plural = super::jargon::is_acronym(w).then(|| format!("{w}s"));
                let possessive = format!("{w}'s");
                std::iter::once(w.to_string())
                    .chain(plural)
                    .chain(std::iter::once(possessive))
            })
            .map(|w| w.chars().collect())
            .collect();
        list.sort();
        list.dedup();
        own.extend_words(list.into_iter().map(|w| (w, WordMetadata::default())));
        let mut dictionary = MergedDictionary::new();
        dictionary.add_dictionary(FstDictionary::curated());
        dictionary.add_dictionary(Arc::new(own));
        let dialect = dialect(language);
        let mut group = LintGroup::new_curated(FstDictionary::curated(), dialect);
        for rule in OFF_BY_DEFAULT {
            group.config.set_rule_enabled(*rule, false);
        }
        for (rule, on) in rules {
            group.config.set_rule_enabled(rule, *on);
        }
        let rules = group
            .iter_keys()
            .filter(|rule| group.config.is_rule_enabled(rule))
            .map(str::to_string)
            .collect();
        Speller {
            dictionary: Arc::new(dictionary),
            dialect,
            rules,
        }
    }

    /// A rule group for one thread.
    pub(crate) fn linter(&self) -> LintGroup {
        LintGroup::new_curated(self.dictionary.clone(), self.dialect)
    }

    /// Problems in one page body, at byte offsets of the body.
    pub(crate) fn check(&self, group: &mut LintGroup, body: &str) -> Vec<Finding> {
        let document = Document::new_markdown(body, MarkdownOptions::default(), &*self.dictionary);
        let mut found: Vec<(&str, Lint)> = Vec::new();
        for rule in &self.rules {
            let mut only = LintGroupConfig::default();
            only.set_rule_enabled(rule, true);
            group.config = only;
            found.extend(
                group
                    .lint(&document)
                    .into_iter()
                    .map(|l| (rule.as_str(), l)),
            );
        }
        let bytes: Vec<usize> = body.char_indices().map(|(i, _)| i).collect();
        let source = document.get_source();
        let mut findings = Vec::new();
        for (rule, lint) in without_overlaps(found) {
            let Some(&offset) = bytes.get(lint.span.start) else {
                continue;
            };
            let written: String = lint.span.get_content(source).iter().collect();
            let code = if lint.lint_kind == LintKind::Spelling {
                Code::Spelling
            } else {
                Code::Grammar
            };
            findings.push(Finding {
                code,
                offset,
                len: lint.span.len(),
                message: format!("{} ({rule})", plain(&lint.message)),
                help: help(&written, &lint.suggestions, rule),
            });
        }
        findings
    }
}

/// Where two rules mark overlapping text, the one that starts first (the longer of two that
/// start together) is kept, as harper's own editors show them.
fn without_overlaps(mut found: Vec<(&str, Lint)>) -> Vec<(&str, Lint)> {
    found.sort_by_key(|(_, l)| (l.span.start, std::cmp::Reverse(l.span.end)));
    let mut end = 0;
    found.retain(|(_, l)| {
        let keep = l.span.start >= end;
        if keep {
            end = l.span.end;
        }
        keep
    });
    found
}

/// Every rule harper-core knows, for `prose.rules` in the config.
pub(crate) fn rule_names() -> Vec<String> {
    let group = LintGroup::new_curated(FstDictionary::curated(), Dialect::American);
    group.iter_keys().map(str::to_string).collect()
}

fn dialect(language: &str) -> Dialect {
    match language.to_ascii_lowercase().replace('_', "-").as_str() {
        "en-gb" | "en-ie" | "en-nz" | "en-in" => Dialect::British,
        "en-au" => Dialect::Australian,
        "en-ca" => Dialect::Canadian,
        _ => Dialect::American,
    }
}

/// harper writes messages in Markdown; a terminal shows them plain.
fn plain(message: &str) -> String {
    message.replace('`', "\"").trim_end_matches('.').to_string()
}

fn help(written: &str, suggestions: &[Suggestion], rule: &str) -> String {
    let shown: Vec<String> = suggestions
        .iter()
        .take(3)
        .map(|s| match s {
            Suggestion::ReplaceWith(chars) => {
                format!("\"{}\"", chars.iter().collect::<String>())
            }
            Suggestion::InsertAfter(chars) => {
                format!("\"{written}{}\"", chars.iter().collect::<String>())
            }
            Suggestion::Remove => "removing it".to_string(),
        })
        .collect();
    let off = format!(
        "a name or a word of the trade: add it to `prose.words`; a rule that does not fit: `prose.rules: {{{rule}: false}}`"
    );
    if shown.is_empty() {
        off
    } else {
        format!("write {} instead; {off}", shown.join(" or "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(body: &str, words: &[&str], rules: &[(&str, bool)]) -> Vec<(String, String, String)> {
        let rules = rules.iter().map(|(r, on)| (r.to_string(), *on)).collect();
        let speller = Speller::new(words.iter().copied(), &rules, "en");
        let mut group = speller.linter();
        speller
            .check(&mut group, body)
            .into_iter()
            .map(|f| {
                (
                    f.code.to_string(),
                    body[f.offset..].chars().take(f.len).collect(),
                    f.help,
                )
            })
            .collect()
    }

    #[test]
    fn finds_misspellings_with_the_fix_and_knows_the_sites_words() {
        let found = check("We will recieve the files.\n", &[], &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "spelling");
        assert_eq!(found[0].1, "recieve");
        assert!(found[0].2.contains("\"receive\""), "{}", found[0].2);
        assert!(check(
            "Northwind ships Trailhead jackets. Northwind's and Northwind’s fleece too.\n",
            &["Northwind", "Trailhead"],
            &[]
        )
        .is_empty());
    }

    #[test]
    fn grammar_rules_can_be_turned_off() {
        let body = "This is an test.\n";
        let found = check(body, &[], &[]);
        assert_eq!(
            found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
            ["grammar"]
        );
        assert!(check(body, &[], &[("AnA", false)]).is_empty());
    }

    #[test]
    fn skips_code() {
        assert!(check("Run `recieve --now` then:\n\n```\nrecieve\n```\n", &[], &[]).is_empty());
    }

    #[test]
    fn reads_the_dialect_from_the_language() {
        assert_eq!(dialect("en-GB"), Dialect::British);
        assert_eq!(dialect("en"), Dialect::American);
    }
}
