//! Problems found in a site, and how they are shown to a person.
//!
//! Every stage reports problems as [`Diagnostic`] values with a stable code, a location in the
//! user's file and, where we can guess one, a fix. Stages never print: they push into a
//! [`Diagnostics`] collector, so `build` and `check` can show every problem in one run.

mod code;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub(crate) use code::{Code, Level};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
    /// Information asked for (`check --tooltips`): never fails a check, not even with
    /// `--deny warnings`.
    Note,
}

impl Severity {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A place in a user's file. `line` and `col` are 1-based, as people count them; `len` is the
/// number of characters the caret should underline (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) path: PathBuf,
    pub(crate) line: usize,
    pub(crate) col: usize,
    pub(crate) len: usize,
}

impl Location {
    pub(crate) fn new(path: impl Into<PathBuf>, line: usize, col: usize, len: usize) -> Self {
        Location {
            path: path.into(),
            line: line.max(1),
            col: col.max(1),
            len: len.max(1),
        }
    }

    /// The whole file, when no line makes sense (an unreadable file, say).
    pub(crate) fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: 0,
            col: 0,
            len: 0,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    /// Stable, kebab-case; config and docs refer to it (`broken-link`, `unknown-audience`).
    pub(crate) code: Code,
    pub(crate) message: String,
    pub(crate) location: Option<Location>,
    /// The text of the offending line, shown under the message with a caret.
    pub(crate) source_line: Option<String>,
    pub(crate) help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            source_line: None,
            help: None,
        }
    }

    pub(crate) fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub(crate) fn note(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, message)
        }
    }

    pub(crate) fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Points at `location` and shows its line, taken from `source` (the whole file's text).
    pub(crate) fn at_source(mut self, location: Location, source: &str) -> Self {
        if location.line > 0 {
            self.source_line = source.lines().nth(location.line - 1).map(str::to_owned);
        }
        self.location = Some(location);
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn path(&self) -> Option<&Path> {
        self.location.as_ref().map(|l| l.path.as_path())
    }

    /// Renders like rustc: `file:line:col: error: message`, the line, a caret, then the help.
    pub(crate) fn render(&self) -> String {
        self.render_styled(false)
    }

    /// [`Diagnostic::render`], with the severity and caret in colour for a terminal.
    pub(crate) fn render_styled(&self, color: bool) -> String {
        let paint = |code: &str, text: &str| {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let severity_color = match self.severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Note => "1;36",
        };
        let mut out = String::new();
        match &self.location {
            Some(loc) if loc.line > 0 => {
                let _ = write!(
                    out,
                    "{}:{}:{}: ",
                    display_path(&loc.path),
                    loc.line,
                    loc.col
                );
            }
            Some(loc) => {
                let _ = write!(out, "{}: ", display_path(&loc.path));
            }
            None => {}
        }
        let _ = writeln!(
            out,
            "{}: {} [{}]",
            paint(severity_color, self.severity.as_str()),
            self.message,
            self.code
        );
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len());
        if let (Some(loc), Some(line)) = (&self.location, &self.source_line) {
            let shown = line.replace('\t', "    ");
            let _ = writeln!(out, "{:gutter$} |", "");
            let _ = writeln!(out, "{:>gutter$} | {}", loc.line, shown);
            let lead: usize = caret_offset(line, loc.col);
            let _ = writeln!(
                out,
                "{:gutter$} | {}{}",
                "",
                " ".repeat(lead),
                paint(severity_color, &"^".repeat(loc.len))
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{:gutter$} = help: {}", "", help);
        }
        out
    }
}

/// Display columns before the caret: tabs were widened to four spaces in the shown line.
fn caret_offset(line: &str, col: usize) -> usize {
    line.chars()
        .take(col.saturating_sub(1))
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Paths are shown with `/` on every platform, as they are written in links and config.
pub(crate) fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Collects problems from every stage; shared across threads behind `&mut` or by merging.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub(crate) fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub(crate) fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, so output is stable whatever order threads finished in.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.path.clone(), l.line, l.col))
                    .unwrap_or_default()
            };
            key(a).cmp(&key(b)).then(a.severity.cmp(&b.severity))
        });
        self.items
    }

    /// Every problem, sorted and rendered, then the count: what `build` prints and what
    /// `serve` shows in the browser.
    pub(crate) fn report(self) -> String {
        let (errors, warnings) = (self.error_count(), self.warning_count());
        let mut text: String = self
            .into_sorted()
            .iter()
            .map(|d| format!("{}\n", d.render()))
            .collect();
        text.push_str(&summary(errors, warnings));
        text
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// `3 errors, 1 warning`: the closing line of a report.
pub(crate) fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// The closest of `candidates` to `wrong`, if any is close enough to be a likely typo.
pub(crate) fn suggest<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong = wrong.to_lowercase();
    // Jaro-Winkler catches typos in long words; a one-letter slip in a short id ("cfo" for
    // "cmo") scores low there, so an edit distance of one also counts.
    candidates
        .into_iter()
        .map(|c| {
            let c_lower = c.to_lowercase();
            let close = strsim::levenshtein(&wrong, &c_lower) <= 1 && wrong.len() > 1;
            (strsim::jaro_winkler(&wrong, &c_lower), close, c)
        })
        .filter(|(score, close, _)| *score > 0.8 || *close)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, _, c)| c)
}

/// `did you mean "marketing"? known audiences: everyone, marketing, it`
pub(crate) fn did_you_mean(wrong: &str, kind: &str, known: &[&str]) -> String {
    let list = known.join(", ");
    match suggest(wrong, known.iter().copied()) {
        Some(best) => format!("did you mean \"{best}\"? known {kind}: {list}"),
        None if known.is_empty() => format!("no {kind} are declared"),
        None => format!("known {kind}: {list}"),
    }
}

/// Maps byte offsets in a file to 1-based line and column (in characters).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line + 1, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let source = "---\ntitle: x\naudience: [marketting]\n---\n";
        let d = Diagnostic::error(Code::UnknownAudience, "unknown audience \"marketting\"")
            .at_source(Location::new("content/a.md", 3, 12, 10), source)
            .help(did_you_mean(
                "marketting",
                "audiences",
                &["everyone", "marketing", "it"],
            ));
        assert_eq!(
            d.render(),
            "content/a.md:3:12: error: unknown audience \"marketting\" [unknown-audience]\n  |\n3 | audience: [marketting]\n  |            ^^^^^^^^^^\n  = help: did you mean \"marketing\"? known audiences: everyone, marketing, it\n"
        );
    }

    #[test]
    fn line_index_counts_from_one() {
        let idx = LineIndex::new("ab\ncdé\nf");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(7), (2, 4));
        assert_eq!(idx.position(8), (3, 1));
    }

    #[test]
    fn suggests_only_close_words() {
        assert_eq!(
            suggest("marketting", ["it", "marketing"]),
            Some("marketing")
        );
        assert_eq!(suggest("zzz", ["it", "marketing"]), None);
        assert_eq!(summary(1, 2), "1 error, 2 warnings");
    }
}
