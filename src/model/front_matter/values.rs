//! Front matter values, one key at a time: each reader takes a key's YAML value, returns it as
//! the type the page needs (text, list, ids, date, slug...) or reports why it cannot, at the
//! line where the key or the value was written. Apart from `front_matter.rs` so the key-by-key
//! walk there reads as the list of keys it is.

use chrono::NaiveDate;
use serde_yaml::Value;

use super::SortBy;
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::model::yaml::{kind_name, scalar_text, YamlDoc};

pub(super) struct Checker<'a, 'd> {
    pub(super) doc: YamlDoc<'a>,
    pub(super) diagnostics: &'d mut Diagnostics,
}

impl Checker<'_, '_> {
    pub(super) fn error_at_key(
        &mut self,
        key: &str,
        code: Code,
        message: impl Into<String>,
        help: &str,
    ) {
        let diag = Diagnostic::error(code, message).help(help);
        self.diagnostics.push(self.doc.at_key(diag, key));
    }

    pub(super) fn error_at_value(&mut self, key: &str, value: &str, diag: Diagnostic) {
        self.diagnostics.push(self.doc.at_value(diag, key, value));
    }

    pub(super) fn type_error(&mut self, key: &str, expected: &str, found: &Value) {
        let diag = Diagnostic::error(
            Code::WrongType,
            format!("`{key}` must be {expected}, found {}", kind_name(found)),
        );
        let example = match key {
            "audience" | "roles" | "tags" | "aliases" => {
                format!("write it as a list: `{key}: [a, b]`")
            }
            "weight" => "write a whole number, e.g. `weight: 20`".into(),
            "draft" | "search" | "tooltips" => format!("write `{key}: true` or `{key}: false`"),
            _ => format!("write it as {expected}"),
        };
        self.diagnostics
            .push(self.doc.at_key(diag.help(example), key));
    }

    pub(super) fn string(&mut self, key: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(_) | Value::Bool(_) if key == "title" || key == "description" => {
                scalar_text(value)
            }
            other => {
                self.type_error(key, "text", other);
                None
            }
        }
    }

    pub(super) fn list(&mut self, key: &str, value: &Value) -> Vec<String> {
        let items: Vec<&Value> = match value {
            Value::Sequence(items) => items.iter().collect(),
            Value::String(_) => vec![value],
            Value::Null => vec![],
            other => {
                self.type_error(key, "a list", other);
                return vec![];
            }
        };
        items
            .into_iter()
            .filter_map(|item| match scalar_text(item) {
                Some(text) => Some(text),
                None => {
                    self.type_error(key, "a list of words", item);
                    None
                }
            })
            .collect()
    }

    pub(super) fn ids(
        &mut self,
        key: &str,
        value: &Value,
        kind: &str,
        known: &[&str],
        code: Code,
    ) -> Vec<String> {
        let ids = self.list(key, value);
        for id in &ids {
            if !known.contains(&id.as_str()) {
                let singular = kind.trim_end_matches('s');
                let diag = Diagnostic::error(code, format!("unknown {singular} \"{id}\""))
                    .help(did_you_mean(id, kind, known));
                self.error_at_value(key, id, diag);
            }
        }
        ids
    }

    pub(super) fn integer(&mut self, key: &str, value: &Value) -> Option<i64> {
        match value.as_i64() {
            Some(n) => Some(n),
            None => {
                self.type_error(key, "a whole number", value);
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, key: &str, value: &Value) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.type_error(key, "true or false", other);
                None
            }
        }
    }

    pub(super) fn date(&mut self, key: &str, value: &Value) -> Option<NaiveDate> {
        let Some(text) = scalar_text(value) else {
            self.type_error(key, "a date", value);
            return None;
        };
        // A full timestamp is accepted; the day is what a reader sees.
        let day = text.get(..10).unwrap_or(&text);
        match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(date) if text.len() == 10 || text[10..].starts_with(['T', ' ']) => Some(date),
            _ => {
                let diag = Diagnostic::error(
                    Code::BadDate,
                    format!("`{key}` is not a valid date: \"{text}\""),
                )
                .help(format!(
                    "write the date as YYYY-MM-DD, e.g. `{key}: 2027-03-31`"
                ));
                self.error_at_value(key, &text, diag);
                None
            }
        }
    }

    pub(super) fn slug(&mut self, key: &str, value: &Value) -> Option<String> {
        let slug = self.string(key, value)?;
        let valid = !slug.is_empty()
            && !slug.contains(['/', '\\', '?', '#'])
            && slug != "."
            && slug != "..";
        if !valid {
            let diag = Diagnostic::error(
                Code::BadSlug,
                format!("slug \"{slug}\" cannot be used in a URL"),
            )
            .help("use lowercase words joined by `-`, e.g. `slug: weekly-check-ins`");
            self.error_at_value(key, &slug, diag);
            return None;
        }
        Some(slug)
    }

    pub(super) fn sort_by(&mut self, key: &str, value: &Value) -> Option<SortBy> {
        match value.as_str() {
            Some("weight") => Some(SortBy::Weight),
            Some("title") => Some(SortBy::Title),
            Some("date") => Some(SortBy::Date),
            _ => {
                let text = scalar_text(value).unwrap_or_default();
                let diag =
                    Diagnostic::error(Code::WrongType, format!("unknown sort order \"{text}\""))
                        .help(did_you_mean(&text, "orders", &["weight", "title", "date"]));
                self.error_at_value(key, &text, diag);
                None
            }
        }
    }
}
