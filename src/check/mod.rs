//! Site-wide lints for `bridgebook check`: freshness, ownership, orphans, duplicate titles.
//!
//! A pure stage: it reads the parsed tree and what rendering learned (which pages link where)
//! and returns problems. Per-page problems found while rendering (broken links, images without
//! alt text, skipped heading levels) come from `markdown`; this module sees the whole site.
//! [`apply_levels`] is the one place where `checks:` in the config raises, lowers or silences
//! a problem.

pub(crate) mod aliases;
pub(crate) mod external;
pub(crate) mod glossary;
pub(crate) mod prose;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location, Severity};
use crate::model::changes::Changes;
use crate::model::config::{Config, Level};
use crate::model::tree::{Page, SiteTree, HOME};

/// The level a code has on this site: `checks:` in the config, else its default. `None` for a
/// code no config can change (always an error).
pub(crate) fn level_of(config: &Config, code: Code) -> Option<Level> {
    config
        .checks
        .get(code.as_str())
        .copied()
        .or(code.configurable())
}

/// "Today" for freshness: `SOURCE_DATE_EPOCH` when set, so builds and tests are reproducible.
pub(crate) fn today() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map_or_else(|| chrono::Local::now().date_naive(), |t| t.date_naive())
}

/// Everything the lints need besides the tree.
pub(crate) struct LintInput<'a> {
    pub(crate) tree: &'a SiteTree,
    /// Pages some other page's body links to, by source path.
    pub(crate) linked: &'a HashSet<String>,
    /// Pages the glossary points readers to.
    pub(crate) glossary_pages: &'a HashSet<String>,
    pub(crate) today: NaiveDate,
}

pub(crate) fn lint_site(input: &LintInput, diagnostics: &mut Diagnostics) {
    let tree = input.tree;
    let mut titles: HashMap<String, &str> = HashMap::new();
    for page in &tree.pages {
        let at_key = |key: &str| key_location(page, key);
        let warn = |code: Code, message: String, help: &str, key: &str| {
            Diagnostic::warning(code, message)
                .help(help)
                .at_source(at_key(key), &page.text)
        };
        if let Some(due) = page.fm.review_by.filter(|due| *due < input.today) {
            let days = (input.today - due).num_days();
            let owner = page.fm.owner.as_deref().unwrap_or("no owner");
            diagnostics.push(warn(
                Code::StalePage,
                format!("review overdue by {days} day{} (owner: {owner})", plural(days)),
                "re-read the page, fix what changed, then move `review_by:` to a date in the future",
                "review_by",
            ));
        }
        if page.fm.owner.is_none() && !page.is_section {
            diagnostics.push(warn(
                Code::MissingOwner,
                "page has no owner, so nobody is asked to keep it true".into(),
                "add `owner:` with the team that answers for it, e.g. `owner: web-team`",
                "title",
            ));
        }
        if page.fm.audience.is_empty() && !page.is_section {
            let no_front_matter = page.text[..page.body_offset]
                .trim_start_matches('\u{feff}')
                .is_empty();
            diagnostics.push(warn(
                Code::MissingAudience,
                "page has no audience, so view-as filters cannot place it".into(),
                if no_front_matter {
                    "the page has no front matter: start it with a `---` line, `audience: [everyone]` (or `[marketing]`, `[it]`) and another `---` line"
                } else {
                    "add `audience: [marketing]`, `[it]` or `[everyone]`"
                },
                "title",
            ));
        }
        if !page.is_section
            && !input.linked.contains(&page.rel_path)
            && !input.glossary_pages.contains(&page.rel_path)
        {
            diagnostics.push(warn(
                Code::OrphanPage,
                "no other page links here; readers find it only by browsing its section".into(),
                "link to it from a related page or from its section's _index.md",
                "title",
            ));
        }
        if page.is_section
            && page.section != HOME
            && tree.sections[page.section].pages.is_empty()
            && tree.sections[page.section].subsections.is_empty()
        {
            diagnostics.push(warn(
                Code::EmptySection,
                "section has no pages".into(),
                "add a page to this folder, or remove the section",
                "title",
            ));
        }
        let key = page.fm.title.trim().to_lowercase();
        match titles.get(&key) {
            Some(first) => diagnostics.push(warn(
                Code::DuplicateTitle,
                format!("another page has the same title: content/{first}"),
                "give each page its own title, so search results and tabs tell them apart",
                "title",
            )),
            None => {
                titles.insert(key, &page.rel_path);
            }
        }
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Where a front-matter key of `page` was written (as the parser recorded it), or the opening
/// `---` when the key is absent (a missing `owner:` points at the front matter as a whole).
fn key_location(page: &Page, key: &str) -> Location {
    match page.fm.key_lines.line_of(key) {
        Some(line) => Location::new(&page.site_path, line, 1, key.len()),
        None => Location::new(&page.site_path, 1, 1, 3),
    }
}

/// Codes reported at a line someone wrote: with `check --changed`, kept on changed lines only.
const LINE_CODES: &[Code] = &[
    Code::Jargon,
    Code::UnexplainedAcronym,
    Code::Spelling,
    Code::Grammar,
    Code::UnusedAllow,
    Code::MissingAlt,
    Code::SkippedHeading,
];

/// Codes about a page as a whole: with `check --changed`, kept when its file changed.
const PAGE_CODES: &[Code] = &[
    Code::ReadingLevel,
    Code::StalePage,
    Code::MissingOwner,
    Code::MissingAudience,
    Code::DuplicateTitle,
];

/// `check --changed`: the warnings a pull request's author can act on. Line-level problems
/// stay on the lines the change wrote, page-level ones on the files it touched; every other
/// problem stays wherever it is, since a change can break a page it never touched (a link
/// to a page it deleted, a page it left without links).
pub(crate) fn limit_to_changes(diagnostics: Diagnostics, changes: &Changes) -> Diagnostics {
    let mut kept = Diagnostics::default();
    for d in diagnostics.into_sorted() {
        let keep = match &d.location {
            Some(loc) if LINE_CODES.contains(&d.code) => changes.has_line(&loc.path, loc.line),
            Some(loc) if PAGE_CODES.contains(&d.code) => changes.has_file(&loc.path),
            _ => true,
        };
        if keep {
            kept.push(d);
        }
    }
    kept
}

/// Applies `checks:` from the config: a configurable code may become an error, stay a
/// warning or be dropped. Every decision to write or not is taken after this, in `build` and
/// in `serve`'s edit path alike, so a code lowered to a warning never stops a page.
pub(crate) fn apply_levels(config: &Config, diagnostics: Diagnostics) -> Diagnostics {
    let mut kept = Diagnostics::default();
    for mut d in diagnostics.into_sorted() {
        match level_of(config, d.code) {
            Some(Level::Off) => continue,
            Some(Level::Error) => d.severity = Severity::Error,
            Some(Level::Warning) => d.severity = Severity::Warning,
            Some(Level::Note) => d.severity = Severity::Note,
            None => {}
        }
        kept.push(d);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table of configurable codes is the user's reference: it must list every
    /// code `checks:` accepts, with its default, and nothing else.
    #[test]
    fn the_readme_lists_every_configurable_code_with_its_default() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let rows: Vec<(String, String)> = readme
            .lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
                let level = *cells.get(2)?;
                matches!(level, "error" | "warning" | "note" | "off")
                    .then(|| (code.to_string(), level.to_string()))
            })
            .collect();
        let expected: Vec<(String, String)> = Code::ALL
            .iter()
            .filter_map(|code| Some((code.to_string(), code.configurable()?.as_str().to_string())))
            .collect();
        assert_eq!(rows, expected);
    }

    #[test]
    fn levels_raise_lower_and_silence() {
        let text = "title: T\nchecks:\n  broken-link: warning\n  skipped-heading: error\n  orphan-page: off\n";
        let config = crate::model::config::parse_config(
            std::path::Path::new("bridgebook.yaml"),
            text,
            &mut Diagnostics::default(),
        )
        .expect("a valid config");
        let mut diagnostics = Diagnostics::default();
        for d in [
            Diagnostic::error(Code::BrokenLink, "x"),
            Diagnostic::warning(Code::SkippedHeading, "x"),
            Diagnostic::warning(Code::OrphanPage, "x"),
            Diagnostic::error(Code::UnknownAudience, "x"),
        ] {
            diagnostics.push(d);
        }
        let levels: Vec<(Code, Severity)> = apply_levels(&config, diagnostics)
            .iter()
            .map(|d| (d.code, d.severity))
            .collect();
        assert_eq!(
            levels,
            [
                (Code::BrokenLink, Severity::Warning),
                (Code::UnknownAudience, Severity::Error),
                (Code::SkippedHeading, Severity::Error),
            ]
        );
    }
}
