//! YAML helpers shared by the config, front matter and glossary parsers: turning serde_yaml's
//! errors into diagnostics that point into the user's file, and finding where a key or value
//! was written so that later, semantic errors (an unknown audience, say) can point there too.
//!
//! Pure: takes text, returns values and diagnostics.

use std::path::Path;

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Location};

/// A YAML document inside a file: `first_line` is the file line (1-based) of the document's
/// first line, so positions come out in file lines, not front-matter lines.
#[derive(Clone, Copy)]
pub(crate) struct YamlDoc<'a> {
    pub(crate) path: &'a Path,
    /// The whole file, for showing the offending line.
    pub(crate) file_text: &'a str,
    /// The YAML document alone.
    pub(crate) text: &'a str,
    pub(crate) first_line: usize,
}

impl<'a> YamlDoc<'a> {
    pub(crate) fn whole_file(path: &'a Path, text: &'a str) -> Self {
        YamlDoc {
            path,
            file_text: text,
            text,
            first_line: 1,
        }
    }

    /// A diagnostic at a document line (0-based within the document) and 1-based column.
    pub(crate) fn diagnostic_at(
        &self,
        diagnostic: Diagnostic,
        doc_line: usize,
        col: usize,
        len: usize,
    ) -> Diagnostic {
        let loc = Location::new(self.path, self.first_line + doc_line, col, len);
        diagnostic.at_source(loc, self.file_text)
    }

    /// Turns a serde_yaml error into a diagnostic at the right file line, with a fix for the
    /// mistakes people actually make (tabs, unknown keys, a colon in an unquoted title).
    pub(crate) fn syntax_error(
        &self,
        err: &serde_yaml::Error,
        code: Code,
        known_keys: &[&str],
    ) -> Diagnostic {
        let raw = err.to_string();
        // serde_yaml appends " at line L column C"; we show the position ourselves.
        let message = raw
            .split(" at line ")
            .next()
            .unwrap_or(&raw)
            .trim()
            .to_string();
        let (doc_line, col) = err
            .location()
            .map_or((0, 1), |l| (l.line().saturating_sub(1), l.column()));
        let mut diag = Diagnostic::error(code, message.clone());
        if let Some(field) = between(&message, "unknown field `", "`") {
            diag = Diagnostic::error(Code::UnknownKey, format!("unknown key `{field}`"))
                .help(did_you_mean(field, "keys", known_keys));
            if let Some((line, col)) = self.find_key_anywhere(field) {
                return self.diagnostic_at(diag, line, col, field.chars().count());
            }
        } else if message.contains("mapping values are not allowed") {
            diag = diag.help(
                "a value that contains `: ` must be quoted, e.g. title: \"Launches: a checklist\"",
            );
        } else if message.contains("found character that cannot start any token") {
            diag = diag.help("indent with spaces, not tabs, and quote values that start with `@`, `` ` `` or `%`");
        } else if message.contains("missing field") {
            diag = diag.help("add the missing key");
        } else if message.contains("did not find expected") {
            diag = diag.help(
                "a bracket or quote opened above is not closed: check the line before this one",
            );
        }
        self.diagnostic_at(diag, doc_line, col, 1)
    }

    /// The document line (0-based) and column (1-based) of a top-level `key:`.
    pub(crate) fn find_key(&self, key: &str) -> Option<(usize, usize)> {
        self.text.lines().enumerate().find_map(|(i, line)| {
            let rest = line.strip_prefix(key)?;
            rest.trim_start().starts_with(':').then_some((i, 1))
        })
    }

    fn find_key_anywhere(&self, key: &str) -> Option<(usize, usize)> {
        self.text.lines().enumerate().find_map(|(i, line)| {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let indent = line.len() - trimmed.len();
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start()
                .starts_with(':')
                .then_some((i, indent + 1))
        })
    }

    /// Where `value` is written under the top-level `key` (on its line or the indented lines
    /// below it). Falls back to the key itself.
    pub(crate) fn find_value(&self, key: &str, value: &str) -> (usize, usize, usize) {
        let Some((key_line, _)) = self.find_key(key) else {
            return (0, 1, 1);
        };
        let lines: Vec<&str> = self.text.lines().collect();
        for (i, line) in lines.iter().enumerate().skip(key_line) {
            if i > key_line && !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
                break;
            }
            let search_from = if i == key_line { key.len() + 1 } else { 0 };
            if let Some(pos) = line
                .get(search_from..)
                .and_then(|rest| find_word(rest, value))
            {
                let byte = search_from + pos;
                return (i, line[..byte].chars().count() + 1, value.chars().count());
            }
        }
        (key_line, 1, key.chars().count())
    }

    /// A diagnostic pointing at `value` under top-level `key`.
    pub(crate) fn at_value(&self, diagnostic: Diagnostic, key: &str, value: &str) -> Diagnostic {
        let (line, col, len) = self.find_value(key, value);
        self.diagnostic_at(diagnostic, line, col, len)
    }

    /// A diagnostic pointing at the top-level `key`.
    pub(crate) fn at_key(&self, diagnostic: Diagnostic, key: &str) -> Diagnostic {
        let (line, col) = self.find_key(key).unwrap_or((0, 1));
        self.diagnostic_at(diagnostic, line, col, key.chars().count())
    }
}

/// `value` as a whole token in `line` (not inside a longer word), so `it` is not found in `title`.
fn find_word(line: &str, value: &str) -> Option<usize> {
    if value.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    line.match_indices(value).map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back().is_none_or(|c| !is_word(c));
        let after = line[i + value.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word(c));
        before && after
    })
}

fn between<'s>(text: &'s str, start: &str, end: &str) -> Option<&'s str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// A YAML scalar as text, for messages: `5`, `true`, `marketing`.
pub(crate) fn scalar_text(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The YAML kind of a value, for "expected a list, found a number" messages.
pub(crate) fn kind_name(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "true/false",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "text",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a map",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_as_whole_words() {
        let text = "title: it works\naudience:\n  - marketing\n  - it\nroles: [cmo]\n";
        let doc = YamlDoc {
            path: Path::new("a.md"),
            file_text: text,
            text,
            first_line: 2,
        };
        assert_eq!(doc.find_value("audience", "it"), (3, 5, 2));
        assert_eq!(doc.find_value("roles", "cmo"), (4, 9, 3));
        assert_eq!(doc.find_key("roles"), Some((4, 1)));
    }

    #[test]
    fn syntax_errors_point_at_file_lines() {
        let text = "title: a: b\n";
        let err = serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err();
        let doc = YamlDoc {
            path: Path::new("a.md"),
            file_text: text,
            text,
            first_line: 5,
        };
        let d = doc.syntax_error(&err, Code::YamlSyntax, &[]);
        assert_eq!(d.location.unwrap().line, 5);
        assert!(d.help.unwrap().contains("quoted"));
    }
}
