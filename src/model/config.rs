//! The site's `bridgebook.yaml`, read and validated into a [`Config`].
//!
//! Everything deeper in the pipeline gets a checked `Config`: ids are unique, roles name real
//! audiences, URLs end in `/`. This module reads one file and nothing else.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::model::yaml::YamlDoc;

pub(crate) const CONFIG_FILE: &str = "bridgebook.yaml";

const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "edit_url",
    "theme",
    "language",
    "audiences",
    "roles",
    "tags",
    "checks",
    "search",
    "tooltips",
    "tracks",
    "feed",
    "list_page_size",
    "values",
    "prose",
    "extra",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) description: String,
    /// Absolute URL the site is published at; when set, links and the sitemap are absolute.
    #[serde(default)]
    pub(crate) base_url: Option<String>,
    /// `https://git.example.com/handbook/-/edit/main/{path}`: `{path}` is the page's file,
    /// relative to the site root.
    #[serde(default)]
    pub(crate) edit_url: Option<String>,
    /// A theme folder under `themes/` whose files override the built-in default theme.
    #[serde(default)]
    pub(crate) theme: Option<String>,
    #[serde(default = "default_language")]
    pub(crate) language: String,
    #[serde(default)]
    pub(crate) audiences: Vec<Audience>,
    #[serde(default)]
    pub(crate) roles: Vec<Role>,
    /// When present, the only tags pages may use.
    #[serde(default)]
    pub(crate) tags: Option<Vec<String>>,
    /// How loudly each configurable problem is reported: `stale-page: error`, `orphan-page: off`.
    #[serde(default)]
    pub(crate) checks: BTreeMap<String, Level>,
    /// `tooltips: false` turns glossary tooltips off for the whole site.
    #[serde(default = "yes")]
    pub(crate) tooltips: bool,
    /// Reading tracks: ordered paths through the handbook.
    #[serde(default)]
    pub(crate) tracks: Vec<crate::model::track_config::TrackConfig>,
    /// How many recently updated pages each Atom feed holds (`feed: 0` writes no feeds).
    #[serde(default = "default_feed")]
    pub(crate) feed: usize,
    #[serde(default)]
    pub(crate) search: SearchSettings,
    /// The plain-language rules of `check`.
    #[serde(default)]
    pub(crate) prose: ProseSettings,
    /// How many pages a generated listing (a tag's page, needs review) shows before it
    /// continues on a next page.
    #[serde(default = "default_list_page_size")]
    pub(crate) list_page_size: usize,
    /// `values:` as written: facts pages reference as `{{ name }}` (checked into `values`).
    #[serde(default, rename = "values")]
    values_written: serde_yaml::Mapping,
    #[serde(skip)]
    pub(crate) values: crate::model::values::Values,
    #[serde(default)]
    pub(crate) extra: serde_yaml::Mapping,
    /// The file as written, so later stages (tracks) can point at lines in it.
    #[serde(skip)]
    pub(crate) text: String,
}

fn yes() -> bool {
    true
}

fn default_feed() -> usize {
    20
}

fn default_list_page_size() -> usize {
    100
}

/// A configured level for one problem code (kept with the codes, which know their defaults).
pub(crate) use crate::diagnostic::Level;

/// `search:` in bridgebook.yaml: the full-text search index (src/search/).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct SearchSettings {
    /// Build the index and show the search box (on by default).
    pub(crate) enabled: bool,
    /// At least this many characters of each page's text are kept for result snippets (a small
    /// site keeps more: src/search/shard.rs, `ShardPlan`).
    pub(crate) snippet_chars: usize,
    /// A term found on more pages than this keeps only its best-scoring pages (besides those
    /// with it in their title or a heading). Unset: no limit on a site whose index is small,
    /// 150 on a large one (src/search/score.rs).
    pub(crate) max_postings: Option<usize>,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings {
            enabled: true,
            snippet_chars: 120,
            max_postings: None,
        }
    }
}

/// `prose:` in bridgebook.yaml: the plain-language rules of `check` (src/check/prose/).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct ProseSettings {
    /// The site word list: names and words every reader knows. Never jargon, never misspelled.
    pub(crate) words: Vec<String>,
    /// Words that belong to one side, by audience id (`it: [DNS, Kubernetes]`): jargon on a
    /// page that is also for readers of another audience, unless explained there.
    pub(crate) vocabulary: BTreeMap<String, Vec<String>>,
    /// The highest Flesch-Kincaid grade a page may need, per audience id.
    pub(crate) reading_grade: BTreeMap<String, f64>,
    /// harper-core's rules, by name, turned on or off (`LongSentences: false`).
    pub(crate) rules: BTreeMap<String, bool>,
}

fn default_language() -> String {
    "en".to_string()
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Audience {
    pub(crate) id: String,
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) description: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Role {
    pub(crate) id: String,
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) audience: Option<String>,
    #[serde(default)]
    pub(crate) description: String,
}

impl Config {
    pub(crate) fn audience_ids(&self) -> Vec<&str> {
        self.audiences.iter().map(|a| a.id.as_str()).collect()
    }

    pub(crate) fn role_ids(&self) -> Vec<&str> {
        self.roles.iter().map(|r| r.id.as_str()).collect()
    }

    pub(crate) fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.id == id)
    }

    pub(crate) fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
}

/// Parses and validates the config text. `path` is how the file is named in messages.
/// `None` when it has errors (pushed to `diagnostics`). (The driver calls
/// [`parse_config_and_report`] and adds the checks of later stages.)
#[cfg(test)]
pub(crate) fn parse_config(
    path: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Config> {
    let before = diagnostics.error_count();
    let config = parse_config_and_report(path, text, diagnostics)?;
    (diagnostics.error_count() == before).then_some(config)
}

/// Parses the config and reports every problem it finds; `None` only when the YAML cannot be
/// read at all. The driver uses it to add the checks that need a later stage's knowledge (the
/// plain-language rule names) to the same report before deciding.
pub(crate) fn parse_config_and_report(
    path: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Config> {
    let doc = YamlDoc::whole_file(path, text);
    let mut config: Config = match serde_yaml::from_str(text) {
        Ok(config) => config,
        Err(err) => {
            diagnostics.push(doc.syntax_error(&err, Code::Config, KEYS));
            return None;
        }
    };
    config.text = text.to_string();
    config.values = crate::model::values::parse_values(&doc, &config.values_written, diagnostics);
    crate::model::track_config::check_track_ids(&doc, &config.tracks, diagnostics);
    check_ids(
        &doc,
        "audiences",
        config.audiences.iter().map(|a| a.id.as_str()),
        diagnostics,
    );
    check_ids(
        &doc,
        "roles",
        config.roles.iter().map(|r| r.id.as_str()),
        diagnostics,
    );
    let audience_ids = config.audience_ids();
    for role in &config.roles {
        if let Some(audience) = &role.audience {
            if !audience_ids.contains(&audience.as_str()) {
                let diag = Diagnostic::error(
                    Code::UnknownAudience,
                    format!("role \"{}\" names unknown audience \"{audience}\"", role.id),
                )
                .help(did_you_mean(audience, "audiences", &audience_ids));
                diagnostics.push(doc.at_value(diag, "roles", audience));
            }
        }
    }
    for (key, url) in [
        ("base_url", &config.base_url),
        ("edit_url", &config.edit_url),
    ] {
        if let Some(url) = url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                let diag = Diagnostic::error(
                    Code::Config,
                    format!("{key} must be an absolute http(s) URL, found \"{url}\""),
                )
                .help(format!(
                    "write it in full, e.g. {key}: https://intranet.example.com/handbook/"
                ));
                diagnostics.push(doc.at_key(diag, key));
            }
        }
    }
    if config.list_page_size == 0 {
        let diag = Diagnostic::error(Code::Config, "list_page_size must be at least 1")
            .help("leave it out for the default of 100 pages per listing page");
        diagnostics.push(doc.at_key(diag, "list_page_size"));
    }
    for code in config.checks.keys() {
        if Code::parse(code).and_then(Code::configurable).is_none() {
            let codes = Code::configurable_names();
            let diag = Diagnostic::error(
                Code::Config,
                format!("`{code}` is not a problem code that can be configured"),
            )
            .help(did_you_mean(code, "codes", &codes));
            diagnostics.push(doc.at_value(diag, "checks", code));
        }
    }
    check_prose(&doc, &config, diagnostics);
    if let Some(base) = &mut config.base_url {
        if !base.ends_with('/') {
            base.push('/');
        }
    }
    Some(config)
}

/// `prose:` names audiences (vocabulary, reading grades) that exist; its harper-core rule names
/// are checked by `check::prose::check_rule_names`, which knows the rules.
fn check_prose(doc: &YamlDoc, config: &Config, diagnostics: &mut Diagnostics) {
    let audiences = config.audience_ids();
    let prose = &config.prose;
    for id in prose.vocabulary.keys().chain(prose.reading_grade.keys()) {
        if !audiences.contains(&id.as_str()) {
            let diag =
                Diagnostic::error(Code::UnknownAudience, format!("unknown audience \"{id}\""))
                    .help(did_you_mean(id, "audiences", &audiences));
            diagnostics.push(doc.at_value(diag, "prose", id));
        }
    }
    for (id, grade) in &prose.reading_grade {
        if !(1.0..=30.0).contains(grade) {
            let diag = Diagnostic::error(
                Code::Config,
                format!("reading grade {grade} for \"{id}\" is not a school grade"),
            )
            .help("use a Flesch-Kincaid grade between 1 and 30, e.g. 9 for a general reader");
            diagnostics.push(doc.at_value(diag, "prose", id));
        }
    }
}

fn check_ids<'a>(
    doc: &YamlDoc,
    key: &str,
    ids: impl Iterator<Item = &'a str>,
    diagnostics: &mut Diagnostics,
) {
    let mut seen = HashSet::new();
    for id in ids {
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            let diag = Diagnostic::error(
                Code::Config,
                format!("{key} id \"{id}\" must be lowercase letters, digits and `-`"),
            )
            .help("ids appear in URLs and front matter: use e.g. `marketing` or `it-platform`");
            diagnostics.push(doc.at_value(diag, key, id));
        } else if !seen.insert(id) {
            let diag =
                Diagnostic::error(Code::Config, format!("{key} id \"{id}\" is declared twice"))
                    .help("give each entry its own id");
            diagnostics.push(doc.at_value(diag, key, id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys "did you mean" offers are exactly the fields `Config` accepts: serde names
    /// them when it refuses an unknown one. See: issue 18 (`list_page_size` was missing).
    #[test]
    fn known_keys_are_the_config_fields() {
        let err = serde_yaml::from_str::<Config>("title: T\nnot_a_key: 1\n").unwrap_err();
        let message = err.to_string();
        let list = message
            .split("expected one of ")
            .nth(1)
            .expect("serde lists the fields");
        let mut fields: Vec<&str> = list
            .split(" at line")
            .next()
            .unwrap_or(list)
            .split(", ")
            .map(|f| f.trim().trim_matches('`'))
            .collect();
        let mut keys = KEYS.to_vec();
        fields.sort_unstable();
        keys.sort_unstable();
        assert_eq!(keys, fields);
    }

    #[test]
    fn a_typo_of_list_page_size_gets_a_suggestion() {
        let (config, messages) = parse("title: T\nlist_page_sise: 20\n");
        assert!(config.is_none());
        assert!(
            messages[0].contains("did you mean \"list_page_size\"?"),
            "{messages:?}"
        );
    }

    fn parse(text: &str) -> (Option<Config>, Vec<String>) {
        let mut diags = Diagnostics::default();
        let config = parse_config(Path::new("bridgebook.yaml"), text, &mut diags);
        (
            config,
            diags.into_sorted().iter().map(|d| d.render()).collect(),
        )
    }

    #[test]
    fn reads_a_valid_config() {
        let (config, errors) = parse(
            "title: T\nbase_url: https://x.example/h\naudiences:\n  - id: it\n    label: IT\nroles:\n  - id: dev\n    label: Dev\n    audience: it\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let config = config.unwrap();
        assert_eq!(config.base_url.as_deref(), Some("https://x.example/h/"));
        assert_eq!(config.role("dev").unwrap().audience.as_deref(), Some("it"));
    }

    #[test]
    fn problems_name_the_line_and_fix() {
        let cases = [
            ("title: T\ntitel: x\n", "bridgebook.yaml:2:1: error: unknown key `titel`", "did you mean \"title\"?"),
            (
                "title: T\naudiences:\n  - id: it\n    label: IT\nroles:\n  - id: dev\n    label: Dev\n    audience: itt\n",
                "bridgebook.yaml:8:15: error: role \"dev\" names unknown audience \"itt\"",
                "did you mean \"it\"?",
            ),
            ("title: T\naudiences:\n  - id: it\n    label: A\n  - id: it\n    label: B\n", "bridgebook.yaml:3:9: error: audiences id \"it\" is declared twice", "own id"),
            ("description: x\n", "bridgebook.yaml:1:1: error: missing field `title`", "add the missing key"),
        ];
        for (text, first_line, help) in cases {
            let (config, errors) = parse(text);
            assert!(config.is_none());
            assert!(errors[0].starts_with(first_line), "{}", errors[0]);
            assert!(errors[0].contains(help), "{}", errors[0]);
        }
    }
}
