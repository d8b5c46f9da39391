//! Import: the report of what was converted, what was left in place (file:line, by kind),
//! what was dropped and what needs finishing by hand. Written to `import-report.md` beside
//! `content/`, summed up on the terminal.
//!
//! Pure: findings in, Markdown out. Nothing the import changes goes unlisted here.

use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    /// Turned into bridgebook Markdown.
    Converted,
    /// A link converted, but the page it names is not in the source.
    Broken,
    /// Left in the page as written: bridgebook has no equivalent yet.
    Left,
    /// Template syntax kept as text on purpose (`{% raw %}`, Hugo's `{{</* */>}}`).
    Literal,
    /// Removed: template comments, which readers never saw.
    Dropped,
}

/// One construct found in one page.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// 1-based line in the imported page's body (the file line once the front matter is added).
    pub(crate) line: usize,
    pub(crate) kind: String,
    pub(crate) outcome: Outcome,
    /// The construct as written, shortened to one line.
    pub(crate) text: String,
    /// Template openers (`{%`, `{{`) this finding leaves in the page.
    pub(crate) openers: usize,
}

impl Found {
    pub(crate) fn new(line: usize, kind: impl Into<String>, outcome: Outcome, text: &str) -> Self {
        let first = text.lines().next().unwrap_or("").trim();
        let mut shown: String = first.chars().take(90).collect();
        if shown.len() < first.len() || text.trim().lines().nth(1).is_some() {
            shown.push_str(" ...");
        }
        Found {
            line,
            kind: kind.into(),
            outcome,
            text: shown,
            openers: 0,
        }
    }

    pub(crate) fn openers(mut self, n: usize) -> Self {
        self.openers = n;
        self
    }
}

/// Everything the import did, for the report.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub(crate) source: String,
    pub(crate) generator: String,
    pub(crate) pages: usize,
    pub(crate) sections_created: usize,
    pub(crate) files_copied: usize,
    /// Markdown links pointed at the pages' new files.
    pub(crate) links_rewritten: usize,
    /// Headings given the id the source gave them (`{#id}`).
    pub(crate) ids_pinned: usize,
    /// (page in the new site, e.g. `content/a.md`, what was found there).
    pub(crate) findings: Vec<(String, Found)>,
    /// Front matter keys kept under `extra`: key -> pages.
    pub(crate) extra_keys: BTreeMap<String, usize>,
    /// (page, note) about front matter values or addresses.
    pub(crate) notes: Vec<(String, String)>,
    /// (source file, why it was not imported).
    pub(crate) skipped: Vec<(String, String)>,
    pub(crate) nav_sources: Vec<String>,
    pub(crate) nav_unresolved: Vec<String>,
    /// Problem codes relaxed to warnings in the new config, with how many the build found.
    pub(crate) relaxed: Vec<(String, usize)>,
    /// Errors the first build of the imported site found: (file:line, code, message).
    pub(crate) problems: Vec<(String, String, String)>,
    /// Errors the imported site still has (code, count), when it does not build.
    pub(crate) remaining_errors: Vec<(String, usize)>,
}

impl Report {
    /// Constructs by outcome and kind: (outcome, kind) -> (count, openers left).
    pub(crate) fn by_kind(&self) -> BTreeMap<(Outcome, String), (usize, usize)> {
        let mut map: BTreeMap<(Outcome, String), (usize, usize)> = BTreeMap::new();
        for (_, f) in &self.findings {
            let entry = map.entry((f.outcome, f.kind.clone())).or_default();
            entry.0 += 1;
            entry.1 += f.openers;
        }
        map
    }

    fn count(&self, outcome: Outcome) -> usize {
        self.findings
            .iter()
            .filter(|(_, f)| f.outcome == outcome)
            .count()
    }

    fn openers(&self, outcome: Outcome) -> usize {
        self.findings
            .iter()
            .filter(|(_, f)| f.outcome == outcome)
            .map(|(_, f)| f.openers)
            .sum()
    }

    /// The short summary printed after an import.
    pub(crate) fn summary(&self, dir: &str) -> String {
        let mut s = format!(
            "imported {} pages from {} ({}) into {dir}/: {} constructs converted, {} left in place, {} links to pages the source does not have, {} comments dropped\n",
            self.pages,
            self.source,
            self.generator,
            self.count(Outcome::Converted),
            self.count(Outcome::Left),
            self.count(Outcome::Broken),
            self.count(Outcome::Dropped),
        );
        for (code, n) in &self.relaxed {
            let _ = writeln!(s, "  {code}: {n} in the source, set to `warning` in bridgebook.yaml until they are fixed");
        }
        if !self.remaining_errors.is_empty() {
            let list: Vec<String> = self
                .remaining_errors
                .iter()
                .map(|(c, n)| format!("{c} ({n})"))
                .collect();
            let _ = writeln!(
                s,
                "  the imported site does not build yet: {}; run `bridgebook check -r {dir}`",
                list.join(", ")
            );
        }
        let _ = write!(
            s,
            "next: read {dir}/import-report.md (every construct left, by file and line), finish those by hand, declare your roles in {dir}/bridgebook.yaml, then `bridgebook serve -r {dir}`"
        );
        s
    }

    /// The whole report, as Markdown.
    pub(crate) fn render(&self) -> String {
        let mut s = String::from("# Import report\n\n");
        let _ = writeln!(
            s,
            "Imported from `{}` ({}): {} pages, {} section pages created for folders without one, {} files copied, {} Markdown links pointed at the pages' new files, {} headings given the id they had in the source.\n",
            self.source, self.generator, self.pages, self.sections_created, self.files_copied, self.links_rewritten, self.ids_pinned
        );
        s.push_str("## What to finish by hand\n\n");
        let left = self.count(Outcome::Left);
        let mut step = 1;
        let mut todo = |s: &mut String, text: String| {
            let _ = writeln!(s, "{step}. {text}");
            step += 1;
        };
        if left > 0 {
            todo(&mut s, format!("{left} template constructs are left in the pages as written (listed below by kind, file and line): bridgebook has no equivalent for them yet. Replace each with Markdown (a link, a callout, a table...) or remove it."));
        }
        if self.count(Outcome::Broken) > 0 {
            todo(&mut s, format!("{} links name pages the source does not have (listed below): they were broken there too. Point them at the right page.", self.count(Outcome::Broken)));
        }
        for (code, n) in &self.relaxed {
            todo(&mut s, format!("The build found {n} `{code}` problems, so `bridgebook.yaml` sets `checks: {{{code}: warning}}` to let the site build while you fix them: run `bridgebook check`, fix them, then remove that line."));
        }
        for (code, n) in &self.remaining_errors {
            todo(&mut s, format!("The imported site still has {n} `{code}` errors: run `bridgebook check` to see each with its fix."));
        }
        todo(&mut s, "Every page has `audience: [everyone]`. Declare your audiences and roles in `bridgebook.yaml`, then tag the pages that are for one team.".into());
        if !self.extra_keys.is_empty() {
            todo(&mut s, "Front matter keys bridgebook has no field for are kept under `extra:` (counted below); templates can read them as `page.extra`. Remove those you do not need.".into());
        }
        s.push('\n');
        self.render_tables(&mut s);
        self.render_lists(&mut s);
        s
    }

    fn render_tables(&self, s: &mut String) {
        let by_kind = self.by_kind();
        let _ = writeln!(
            s,
            "## Constructs\n\nTemplate openers (`{{%` and `{{{{` for Liquid, `{{{{<` and `{{{{%` for Hugo) left in page bodies: {} left in place + {} kept as text = {}.\n",
            self.openers(Outcome::Left),
            self.openers(Outcome::Literal),
            self.openers(Outcome::Left) + self.openers(Outcome::Literal)
        );
        s.push_str("| outcome | construct | count |\n|---|---|---|\n");
        for ((outcome, kind), (count, _)) in &by_kind {
            let _ = writeln!(
                s,
                "| {} | `{}` | {count} |",
                outcome_name(*outcome),
                kind.replace('|', "\\|")
            );
        }
        s.push('\n');
    }

    fn render_lists(&self, s: &mut String) {
        for outcome in [
            Outcome::Left,
            Outcome::Broken,
            Outcome::Literal,
            Outcome::Dropped,
        ] {
            let mut by_kind: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for (page, f) in self.findings.iter().filter(|(_, f)| f.outcome == outcome) {
                by_kind.entry(&f.kind).or_default().push(format!(
                    "- {page}:{}: `{}`",
                    f.line,
                    f.text.replace('`', "'")
                ));
            }
            if by_kind.is_empty() {
                continue;
            }
            let _ = writeln!(s, "## {}\n", section_title(outcome));
            for (kind, lines) in by_kind {
                let _ = writeln!(
                    s,
                    "### `{kind}` ({})\n\n{}\n",
                    lines.len(),
                    lines.join("\n")
                );
            }
        }
        if !self.problems.is_empty() {
            s.push_str("## Problems the build found\n\nLinks and images that lead nowhere in the imported pages, as `bridgebook check` reports them: a link to a page or file the source does not have, an image left out of the source, a link to a part of a page that its text does not have (some were made by the source's layout).\n\n");
            let mut by_code: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for (place, code, message) in &self.problems {
                by_code
                    .entry(code)
                    .or_default()
                    .push(format!("- {place}: {message}"));
            }
            for (code, lines) in by_code {
                let _ = writeln!(
                    s,
                    "### `{code}` ({})\n\n{}\n",
                    lines.len(),
                    lines.join("\n")
                );
            }
        }
        if !self.extra_keys.is_empty() {
            s.push_str("## Front matter kept under `extra`\n\n| key | pages |\n|---|---|\n");
            for (key, n) in &self.extra_keys {
                let _ = writeln!(s, "| `{key}` | {n} |");
            }
            s.push('\n');
        }
        if !self.notes.is_empty() {
            s.push_str("## Notes on front matter and addresses\n\n");
            for (page, note) in &self.notes {
                let _ = writeln!(s, "- {page}: {note}");
            }
            s.push('\n');
        }
        if !self.nav_sources.is_empty() || !self.nav_unresolved.is_empty() {
            let _ = writeln!(
                s,
                "## Navigation\n\nPage order and section titles came from: {}.\n",
                self.nav_sources.join(", ")
            );
            for url in &self.nav_unresolved {
                let _ = writeln!(s, "- navigation entry `{url}` leads to no imported page");
            }
            s.push('\n');
        }
        if !self.skipped.is_empty() {
            s.push_str("## Not imported\n\n");
            for (file, why) in &self.skipped {
                let _ = writeln!(s, "- `{file}`: {why}");
            }
            s.push('\n');
        }
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Converted => "converted",
        Outcome::Broken => "converted, page missing in the source",
        Outcome::Left => "left in place",
        Outcome::Literal => "kept as text",
        Outcome::Dropped => "dropped",
    }
}

fn section_title(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Left => "Left in place (finish by hand)",
        Outcome::Broken => "Links to pages the source does not have",
        Outcome::Literal => "Template syntax kept as text",
        Outcome::Dropped => "Template comments dropped",
        Outcome::Converted => "Converted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_lists_every_construct_left_with_its_line() {
        let mut report = Report {
            source: "src".into(),
            generator: "Hugo".into(),
            pages: 2,
            ..Report::default()
        };
        report.findings.push((
            "content/a.md".into(),
            Found::new(3, "tabpane", Outcome::Left, "{{< tabpane >}}").openers(1),
        ));
        report.findings.push((
            "content/a.md".into(),
            Found::new(9, "tabpane", Outcome::Left, "{{< /tabpane >}}").openers(1),
        ));
        report.findings.push((
            "content/b.md".into(),
            Found::new(1, "alert", Outcome::Converted, "{{% alert %}}"),
        ));
        report.findings.push((
            "content/b.md".into(),
            Found::new(5, "raw", Outcome::Literal, "{% raw %}\n{{ x }}").openers(1),
        ));
        report.extra_keys.insert("linkTitle".into(), 2);
        let text = report.render();
        for expected in [
            "left in place + 1 kept as text = 3.",
            "| left in place | `tabpane` | 2 |",
            "| converted | `alert` | 1 |",
            "### `tabpane` (2)\n\n- content/a.md:3: `{{< tabpane >}}`\n- content/a.md:9: `{{< /tabpane >}}`",
            "- content/b.md:5: `{% raw %} ...`",
            "| `linkTitle` | 2 |",
        ] {
            assert!(text.contains(expected), "{expected}\n---\n{text}");
        }
        assert!(report
            .summary("out")
            .contains("1 constructs converted, 2 left in place"));
    }
}
