//! The glossary: `content/glossary.yaml`, the single source for the glossary page and the
//! tooltips. Stage 2 (parse) for that file: reads YAML text, validates terms, returns values.
//!
//! Each term and alias is a [`Name`] that says where it may match in page text: exact case or
//! not (acronyms by case unless told otherwise), phrases it must not match (`not:`) and, for a
//! word with many senses, the only phrases it should match (`only:`).
//!
//! The matching rules are in `name.rs`; the choice between one glossary page and a page per
//! letter in `pages.rs`; this file reads and validates `glossary.yaml`.

mod name;
mod pages;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Diagnostics, Location};
use crate::model::config::Config;
use crate::model::title::slugify;
use crate::model::yaml::YamlDoc;
pub(crate) use name::Name;
use name::{Case, Rules};
pub(crate) use pages::letter_page;
use pages::{letter_of, needs_split};

/// The glossary's file, relative to `content/`.
pub(crate) const GLOSSARY_FILE: &str = "glossary.yaml";
pub(crate) const GLOSSARY_URL: &str = "glossary/";
const KEYS: &[&str] = &[
    "title",
    "description",
    "intro",
    "terms",
    "term",
    "definition",
    "audience",
    "aka",
    "see_also",
    "name",
    "case",
    "not",
    "only",
    "common_word",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(default = "default_title")]
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    intro: String,
    terms: Vec<TermEntry>,
}

fn default_title() -> String {
    "Glossary".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermEntry {
    pub(crate) term: String,
    pub(crate) definition: String,
    #[serde(default)]
    pub(crate) audience: Vec<String>,
    #[serde(default)]
    pub(crate) aka: Vec<Name>,
    /// Pages relative to `content/`.
    #[serde(default)]
    pub(crate) see_also: Vec<String>,
    /// How the term itself matches (`case`, `not`, `only`); each alias carries its own.
    #[serde(default)]
    case: Option<Case>,
    #[serde(default)]
    not: Vec<String>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    common_word: bool,
}

impl TermEntry {
    /// The term's own name, then its aliases.
    pub(crate) fn names(&self) -> impl Iterator<Item = Name> + '_ {
        let own = Name {
            text: self.term.clone(),
            rules: Rules {
                case: self.case,
                not: self.not.clone(),
                only: self.only.clone(),
                common_word: self.common_word,
            },
        };
        std::iter::once(own).chain(self.aka.iter().cloned())
    }

    /// The aliases' texts, as shown to readers.
    pub(crate) fn aka_texts(&self) -> Vec<&str> {
        self.aka.iter().map(|n| n.text.as_str()).collect()
    }
}

#[derive(Debug)]
pub(crate) struct Term {
    pub(crate) entry: TermEntry,
    /// Anchor on the glossary page.
    pub(crate) id: String,
    /// File line of the entry's `term:`, for later errors.
    pub(crate) line: usize,
    /// `A`...`Z`, or `#` for a term that starts with anything else.
    pub(crate) letter: String,
    /// The page that explains it: `glossary/`, or `glossary/a/` when the glossary is split.
    pub(crate) page: String,
}

#[derive(Debug)]
pub(crate) struct Glossary {
    pub(crate) site_path: PathBuf,
    pub(crate) text: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) intro: String,
    /// Sorted by term, case-insensitively.
    pub(crate) terms: Vec<Term>,
    /// One page per letter under an index of every term, instead of one page.
    pub(crate) split: bool,
}

pub(crate) fn parse_glossary(
    site_path: &Path,
    text: String,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Option<Glossary> {
    let doc = YamlDoc::whole_file(site_path, &text);
    let file: GlossaryFile = match serde_yaml::from_str(&text) {
        Ok(file) => file,
        Err(err) => {
            diagnostics.push(doc.syntax_error(&err, Code::Glossary, KEYS));
            return None;
        }
    };
    let term_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with("term:"))
        .map(|(i, _)| i)
        .collect();
    let before = diagnostics.error_count();
    let audiences = config.audience_ids();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut terms = Vec::with_capacity(file.terms.len());
    for (i, entry) in file.terms.into_iter().enumerate() {
        let line = term_lines.get(i).copied().unwrap_or(0);
        let next_line = term_lines.get(i + 1).copied().unwrap_or(usize::MAX);
        let at = |needle: &str, diag: Diagnostic| -> Diagnostic {
            let found = text
                .lines()
                .enumerate()
                .skip(line)
                .take_while(|(n, _)| *n < next_line)
                .find_map(|(n, l)| l.find(needle).map(|c| (n, l[..c].chars().count() + 1)));
            let (n, col) = found.unwrap_or((line, 1));
            doc.diagnostic_at(diag, n, col, needle.chars().count().max(1))
        };
        if entry.term.trim().is_empty() {
            diagnostics.push(at(
                "term:",
                Diagnostic::error(Code::Glossary, "a glossary term is empty")
                    .help("write the term, e.g. `term: CDN`"),
            ));
            continue;
        }
        if entry.definition.trim().is_empty() {
            diagnostics.push(at(
                "definition:",
                Diagnostic::error(
                    Code::Glossary,
                    format!("\"{}\" has no definition", entry.term),
                )
                .help("explain the term in a plain sentence"),
            ));
        }
        for (n, named) in entry.names().enumerate() {
            for phrase in named.rules.not.iter().chain(&named.rules.only) {
                if !phrase
                    .to_lowercase()
                    .contains(&named.text.trim().to_lowercase())
                {
                    let diag = Diagnostic::error(
                        Code::Glossary,
                        format!("the phrase \"{phrase}\" does not contain \"{}\"", named.text),
                    )
                    .help("`not:` and `only:` list phrases around the word itself, e.g. `not: [incident lead]` for \"lead\"");
                    diagnostics.push(at(phrase, diag));
                }
            }
            let name = &named.text;
            let key = name.trim().to_lowercase();
            if let Some(owner) = seen.get(&key) {
                let what = if n == 0 { "term" } else { "alias" };
                let diag = Diagnostic::error(
                    Code::Glossary,
                    format!("the {what} \"{name}\" is already used by \"{owner}\""),
                )
                .help(
                    "each term and alias must be unique; merge the entries or remove the duplicate",
                );
                diagnostics.push(at(name, diag));
            } else {
                seen.insert(key, entry.term.clone());
            }
        }
        for audience in &entry.audience {
            if !audiences.contains(&audience.as_str()) {
                let diag = Diagnostic::error(
                    Code::UnknownAudience,
                    format!("unknown audience \"{audience}\""),
                )
                .help(did_you_mean(audience, "audiences", &audiences));
                diagnostics.push(at(audience, diag));
            }
        }
        let base = slugify(&entry.term);
        let n = ids.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        terms.push(Term {
            letter: letter_of(&entry.term),
            entry,
            id,
            line: line + 1,
            page: GLOSSARY_URL.to_string(),
        });
    }
    terms.sort_by_key(|t| t.entry.term.to_lowercase());
    let split = needs_split(&terms);
    if split {
        for term in &mut terms {
            term.page = letter_page(&term.letter);
        }
    }
    (diagnostics.error_count() == before).then(|| Glossary {
        split,
        site_path: site_path.to_path_buf(),
        title: file.title,
        description: file.description,
        intro: file.intro,
        terms,
        text,
    })
}

impl Glossary {
    /// Where `needle` is written in a term's entry, or the entry's `term:` line.
    pub(crate) fn locate(&self, term: &Term, needle: &str) -> Location {
        let start = term.line.saturating_sub(1);
        let entry = || {
            self.text
                .lines()
                .enumerate()
                .skip(start)
                .take_while(|(n, l)| *n == start || !l.trim_start().starts_with("- term:"))
        };
        let find = |(n, l): (usize, &str)| l.find(needle).map(|c| (n, l[..c].chars().count() + 1));
        // Not inside the definition's prose when the name is written as a key's value.
        let found = entry()
            .filter(|(_, l)| !l.trim_start().starts_with("definition:"))
            .find_map(find)
            .or_else(|| entry().find_map(find));
        let (n, col) = found.unwrap_or((start, 1));
        Location::new(&self.site_path, n + 1, col, needle.chars().count())
    }

    /// Reports `see_also` entries that name no page. `exists` answers for a content path.
    pub(crate) fn check_links(&self, exists: impl Fn(&str) -> bool, diagnostics: &mut Diagnostics) {
        let doc = YamlDoc::whole_file(&self.site_path, &self.text);
        for term in &self.terms {
            for page in &term.entry.see_also {
                if !exists(page) {
                    let line =
                        self.text
                            .lines()
                            .enumerate()
                            .skip(term.line - 1)
                            .find_map(|(n, l)| {
                                l.find(page.as_str())
                                    .map(|c| (n, l[..c].chars().count() + 1))
                            });
                    let (n, col) = line.unwrap_or((term.line - 1, 1));
                    let diag = Diagnostic::error(Code::BrokenLink, format!("\"{}\" names a page that does not exist: {page}", term.entry.term))
                        .help("see_also takes paths relative to content/, e.g. `tech-basics/page-speed.md`");
                    diagnostics.push(doc.diagnostic_at(diag, n, col, page.chars().count()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Glossary, Vec<String>> {
        let cfg = "title: T\naudiences:\n  - {id: it, label: IT}\n  - {id: marketing, label: Marketing}\n";
        let config = crate::model::config::parse_config(
            Path::new("bridgebook.yaml"),
            cfg,
            &mut Diagnostics::default(),
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        parse_glossary(
            Path::new("content/glossary.yaml"),
            text.to_string(),
            &config,
            &mut diags,
        )
        .ok_or_else(|| {
            diags
                .into_sorted()
                .iter()
                .map(|d| d.render().lines().next().unwrap().to_string())
                .collect()
        })
    }

    #[test]
    fn terms_are_sorted_with_anchors() {
        let g = parse("terms:\n  - term: Zebra test\n    definition: z\n  - term: A/B test\n    definition: a\n    aka: [split test]\n").unwrap();
        assert_eq!(
            g.terms.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            ["ab-test", "zebra-test"]
        );
    }

    #[test]
    fn bad_terms_are_reported_with_lines() {
        let errors = parse("terms:\n  - term: CDN\n    definition: a\n  - term: cdn\n    definition: b\n  - term: Cache\n    definition: c\n    aka: [CDN]\n    audience: [itt]\n  - term: ''\n    definition: d\n").unwrap_err();
        assert_eq!(
            errors,
            [
                "content/glossary.yaml:4:11: error: the term \"cdn\" is already used by \"CDN\" [glossary]",
                "content/glossary.yaml:8:11: error: the alias \"CDN\" is already used by \"CDN\" [glossary]",
                "content/glossary.yaml:9:16: error: unknown audience \"itt\" [unknown-audience]",
                "content/glossary.yaml:10:5: error: a glossary term is empty [glossary]",
            ]
        );
    }
}
