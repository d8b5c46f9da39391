//! Front matter: split the `---` block from a Markdown file, parse its YAML and validate it
//! against the site's config (known keys, audiences, roles, tags, dates).
//!
//! Pure: takes a file's text, returns a [`FrontMatter`] and diagnostics whose lines are lines
//! of the file, not of the YAML block.

use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Diagnostics, Location, Severity};
use crate::model::config::Config;
use crate::model::title::{first_h1, render_title, title_from_file_name, Title};
use crate::model::yaml::{scalar_text, YamlDoc};

mod values;
use values::Checker;

pub(crate) const KEYS: &[&str] = &[
    "title",
    "description",
    "audience",
    "roles",
    "tags",
    "weight",
    "date",
    "updated",
    "owner",
    "review_by",
    "draft",
    "slug",
    "aliases",
    "template",
    "sort_by",
    "search",
    "tooltips",
    "extra",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SortBy {
    #[default]
    Weight,
    Title,
    Date,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    /// The title as text (`<title>`, search, feeds, sorting): Markdown stripped.
    pub(crate) title: String,
    /// The title as inline HTML (page heading, sidebar, breadcrumbs, listings).
    pub(crate) title_html: String,
    /// The page has no `title`: its first level-1 heading is the title, and is not rendered
    /// again in the body.
    pub(crate) title_from_body: bool,
    pub(crate) description: Option<String>,
    pub(crate) audience: Vec<String>,
    pub(crate) roles: Vec<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) weight: i64,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) updated: Option<NaiveDate>,
    pub(crate) owner: Option<String>,
    pub(crate) review_by: Option<NaiveDate>,
    pub(crate) draft: bool,
    pub(crate) slug: Option<String>,
    pub(crate) aliases: Vec<String>,
    pub(crate) template: Option<String>,
    /// Sections only: how their pages are ordered.
    pub(crate) sort_by: SortBy,
    /// `search: false` keeps a page out of the search index.
    pub(crate) search: bool,
    /// `tooltips: false` turns glossary tooltips off for a page.
    pub(crate) tooltips: bool,
    pub(crate) extra: Mapping,
    /// Where each key was written, for the lints that point at one.
    pub(crate) key_lines: KeyLines,
}

/// The file line (1-based) of each top-level key, in the order written. The parser keeps them
/// as it reads the keys, so a lint about a key (`review_by:` of a stale page, a missing
/// `owner:`) asks here instead of searching the text again.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyLines(Vec<(String, usize)>);

impl KeyLines {
    pub(crate) fn line_of(&self, key: &str) -> Option<usize> {
        self.0.iter().find(|(k, _)| k == key).map(|&(_, line)| line)
    }
}

/// Where keys were written is not what a page says: two front matters with the same values
/// are equal wherever their keys stand (`serve` compares them to learn what an edit changed,
/// and moving a key is not a change readers see).
impl PartialEq for KeyLines {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A Markdown file cut in two: its YAML block and its body, with where each starts. A file
/// without front matter (a README-style page) has an empty YAML block.
pub(crate) struct Split<'a> {
    pub(crate) yaml: &'a str,
    /// File line (1-based) of the YAML block's first line.
    pub(crate) yaml_first_line: usize,
    /// Byte offset of the body in the file.
    pub(crate) body_offset: usize,
}

/// Finds the `---` fences. The opening one must be the file's first line; a file that does
/// not start with one has no front matter, and is all body.
pub(crate) fn split<'t>(path: &Path, text: &'t str) -> Result<Split<'t>, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_len].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_first_line: 1,
            body_offset: start,
        });
    }
    let yaml_start = start + first_line_len;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Code::UnterminatedFrontMatter,
        "the front matter is never closed",
    )
    .at_source(Location::new(path, 1, 1, 3), text)
    .help("add a `---` line after the last front matter key"))
}

/// Parses and validates one file's front matter. Returns `None` when it is unusable; every
/// problem found is pushed, not just the first.
pub(crate) fn parse_front_matter(
    path: &Path,
    text: &str,
    split: &Split,
    config: &Config,
    is_section: bool,
    diagnostics: &mut Diagnostics,
) -> Option<FrontMatter> {
    let doc = YamlDoc {
        path,
        file_text: text,
        text: split.yaml,
        first_line: split.yaml_first_line,
    };
    let value: Value = match serde_yaml::from_str(split.yaml) {
        Ok(Value::Null) => Value::Mapping(Mapping::new()),
        Ok(v) => v,
        Err(err) => {
            diagnostics.push(doc.syntax_error(&err, Code::YamlSyntax, KEYS));
            return None;
        }
    };
    let Value::Mapping(map) = value else {
        diagnostics.push(
            doc.diagnostic_at(
                Diagnostic::error(
                    Code::FrontMatterType,
                    "front matter must be `key: value` lines",
                )
                .help("e.g. `title: Weekly check-ins`"),
                0,
                1,
                1,
            ),
        );
        return None;
    };
    let before = diagnostics.iter().count();
    let mut fm = FrontMatter {
        search: true,
        tooltips: true,
        ..FrontMatter::default()
    };
    let mut checker = Checker { doc, diagnostics };
    let mut has_title = false;
    for (key, value) in &map {
        let Some(key) = key.as_str() else {
            let text = scalar_text(key).unwrap_or_default();
            checker.error_at_key(
                &text,
                Code::UnknownKey,
                format!("front matter keys must be text, found `{text}`"),
                "use one of the known keys",
            );
            continue;
        };
        if let Some((doc_line, _)) = checker.doc.find_key(key) {
            let line = checker.doc.first_line + doc_line;
            fm.key_lines.0.push((key.to_string(), line));
        }
        match key {
            "title" => {
                fm.title = checker.string(key, value).unwrap_or_default();
                has_title = true;
                if fm.title.trim().is_empty() {
                    checker.error_at_key(
                        key,
                        Code::MissingTitle,
                        "the title is empty",
                        "give the page a title",
                    );
                }
            }
            "description" => fm.description = checker.string(key, value),
            "audience" => {
                fm.audience = checker.ids(
                    key,
                    value,
                    "audiences",
                    &config.audience_ids(),
                    Code::UnknownAudience,
                )
            }
            "roles" => {
                fm.roles = checker.ids(key, value, "roles", &config.role_ids(), Code::UnknownRole)
            }
            "tags" => {
                fm.tags = match &config.tags {
                    Some(tags) => checker.ids(
                        key,
                        value,
                        "tags",
                        &tags.iter().map(String::as_str).collect::<Vec<_>>(),
                        Code::UnknownTag,
                    ),
                    None => checker.list(key, value),
                }
            }
            "weight" => fm.weight = checker.integer(key, value).unwrap_or_default(),
            "date" => fm.date = checker.date(key, value),
            "updated" => fm.updated = checker.date(key, value),
            "review_by" => fm.review_by = checker.date(key, value),
            "owner" => fm.owner = checker.string(key, value),
            "draft" => fm.draft = checker.boolean(key, value).unwrap_or_default(),
            "search" => fm.search = checker.boolean(key, value).unwrap_or(true),
            "tooltips" => fm.tooltips = checker.boolean(key, value).unwrap_or(true),
            "slug" => fm.slug = checker.slug(key, value),
            "aliases" => fm.aliases = checker.list(key, value),
            "template" => fm.template = checker.string(key, value),
            "sort_by" if is_section => fm.sort_by = checker.sort_by(key, value).unwrap_or_default(),
            "sort_by" => checker.error_at_key(
                key,
                Code::UnknownKey,
                "`sort_by` belongs in a section's `_index.md`",
                "remove it, or move it to the section",
            ),
            "extra" => match value {
                Value::Mapping(m) => fm.extra = m.clone(),
                other => checker.type_error(key, "a map of your own keys", other),
            },
            unknown => checker.error_at_key(
                unknown,
                Code::UnknownKey,
                format!("unknown front matter key `{unknown}`"),
                &did_you_mean(unknown, "keys", KEYS),
            ),
        }
    }
    let title = if has_title {
        render_title(&fm.title)
    } else {
        // README-style: the first level-1 heading names the page, else its file name.
        let body = text.get(split.body_offset..).unwrap_or_default();
        match first_h1(body) {
            Some(heading) => {
                fm.title_from_body = true;
                render_title(heading)
            }
            None => {
                // `path` is `content/<file>`: the part after `content/` names the page.
                let rel: Vec<_> = path.iter().skip(1).map(|p| p.to_string_lossy()).collect();
                let name = title_from_file_name(&rel.join("/"));
                Title::plain(name.as_deref().unwrap_or(&config.title))
            }
        }
    };
    fm.title = title.text;
    fm.title_html = title.html;
    // An unknown key is ignored and an undeclared tag kept: the page is still whole, so those
    // two (which `checks:` may lower) never keep it out of the site; any other error does.
    let unusable = checker
        .diagnostics
        .iter()
        .skip(before)
        .any(|d| d.severity == Severity::Error && !LENIENT.contains(&d.code));
    (!unusable).then_some(fm)
}

/// Front matter problems that leave the page usable.
const LENIENT: &[Code] = &[Code::UnknownKey, Code::UnknownTag];

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let text = "title: T\naudiences:\n  - {id: everyone, label: Everyone}\n  - {id: marketing, label: Marketing}\n  - {id: it, label: IT}\nroles:\n  - {id: cmo, label: CMO}\n";
        crate::model::config::parse_config(
            Path::new("bridgebook.yaml"),
            text,
            &mut Diagnostics::default(),
        )
        .unwrap()
    }

    fn parse(text: &str) -> Result<FrontMatter, Vec<String>> {
        let path = Path::new("content/a.md");
        let mut diags = Diagnostics::default();
        let fm =
            split(path, text).map_err(|d| vec![d.render().lines().next().unwrap().to_string()])?;
        let parsed = parse_front_matter(path, text, &fm, &config(), false, &mut diags);
        parsed.ok_or_else(|| {
            diags
                .into_sorted()
                .iter()
                .map(|d| d.render().lines().next().unwrap().to_string())
                .collect()
        })
    }

    #[test]
    fn the_parser_keeps_the_file_line_of_each_key() {
        let text = "---\ntitle: T\n# who keeps it\nowner: Dana\n\nreview_by: 2020-01-01\naliases:\n  - old/\n---\nowner: in the body\n";
        let fm = parse(text).unwrap();
        assert_eq!(fm.key_lines.line_of("title"), Some(2));
        assert_eq!(fm.key_lines.line_of("owner"), Some(4));
        assert_eq!(fm.key_lines.line_of("review_by"), Some(6));
        assert_eq!(fm.key_lines.line_of("aliases"), Some(7));
        assert_eq!(fm.key_lines.line_of("tags"), None);
        // Moving a key changes no value: serve sees the same front matter.
        let moved =
            parse("---\nowner: Dana\ntitle: T\nreview_by: 2020-01-01\naliases: [old/]\n---\n")
                .unwrap();
        assert_eq!(moved.key_lines.line_of("title"), Some(3));
        assert_eq!(fm, moved);
    }

    #[test]
    fn reads_every_field() {
        let fm = parse("---\ntitle: Hello\naudience: [marketing, it]\nroles: cmo\nweight: 3\nreview_by: 2027-01-31\ndraft: true\nextra: {a: 1}\n---\nbody").unwrap();
        assert_eq!(fm.title, "Hello");
        assert_eq!(fm.audience, ["marketing", "it"]);
        assert_eq!(fm.roles, ["cmo"]);
        assert_eq!(fm.weight, 3);
        assert_eq!(fm.review_by, NaiveDate::from_ymd_opt(2027, 1, 31));
        assert!(fm.draft && fm.search && fm.tooltips);
    }

    #[test]
    fn a_page_without_a_title_takes_its_first_h1_else_its_file_name() {
        let cases = [
            ("# Onboarding\n\nWelcome.", "Onboarding", "Onboarding", true),
            (
                "\u{feff}Intro.\n\n# **Data & Analytics**\n",
                "Data & Analytics",
                "<strong>Data &amp; Analytics</strong>",
                true,
            ),
            ("Just words, no heading.\n", "A", "A", false),
            ("", "A", "A", false),
            (
                "---\naudience: [it]\n---\n# From the body\n",
                "From the body",
                "From the body",
                true,
            ),
            (
                "---\ntitle: \"`git` for marketers\"\n---\n# Other\n",
                "git for marketers",
                "<code>git</code> for marketers",
                false,
            ),
        ];
        for (text, title, html, from_body) in cases {
            let fm = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            assert_eq!(
                (
                    fm.title.as_str(),
                    fm.title_html.as_str(),
                    fm.title_from_body
                ),
                (title, html, from_body),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_problem_is_reported_at_its_file_line() {
        let cases: &[(&str, &[&str])] = &[
            ("---\ntitle: x\n", &["content/a.md:1:1: error: the front matter is never closed [unterminated-front-matter]"]),
            (
                "---\ntitle: x\naudience: [marketting, it]\nroles: [ceo]\n---\n",
                &["content/a.md:3:12: error: unknown audience \"marketting\" [unknown-audience]", "content/a.md:4:9: error: unknown role \"ceo\" [unknown-role]"],
            ),
            ("---\ntitle: x\nweight: heavy\ndate: 2026-02-30\n---\n", &["content/a.md:3:1: error: `weight` must be a whole number, found text [wrong-type]", "content/a.md:4:7: error: `date` is not a valid date: \"2026-02-30\" [bad-date]"]),
            ("---\ntitle: x\nreview_by: 2027-02-30\ntitel: x\n---\n", &["content/a.md:3:12: error: `review_by` is not a valid date: \"2027-02-30\" [bad-date]", "content/a.md:4:1: error: unknown front matter key `titel` [unknown-key]"]),
            ("---\ntitle: x\naudience: [it\n---\n", &["content/a.md:4:1: error: did not find expected ',' or ']' [yaml-syntax]"]),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).unwrap_err(), *expected, "for {text:?}");
        }
    }
}
