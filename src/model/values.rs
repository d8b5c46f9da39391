//! Shared values: facts written once under `values:` in `bridgebook.yaml` and referenced in
//! page text as `{{ name }}`.
//!
//! Model: validates the names and texts the config declares, and finds the references in a
//! piece of Markdown (outside code, which shows what is typed). Expanding them is the
//! renderer's job (`render::includes`); this module reads no files.

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::yaml::{kind_name, scalar_text, YamlDoc};

/// The site's shared values, by name: each one line of inline Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Values {
    by_name: BTreeMap<String, String>,
}

impl Values {
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.by_name.get(name).map(String::as_str)
    }

    pub(crate) fn names(&self) -> Vec<&str> {
        self.by_name.keys().map(String::as_str).collect()
    }
}

/// Checks `values:` as read from the config: names of letters, digits, `_` and `-`, each a
/// one-line scalar. Problems point at the name in `bridgebook.yaml`.
pub(crate) fn parse_values(
    doc: &YamlDoc,
    raw: &serde_yaml::Mapping,
    diagnostics: &mut Diagnostics,
) -> Values {
    let mut values = Values::default();
    for (key, value) in raw {
        let Some(name) = key.as_str() else {
            let diag = Diagnostic::error(Code::Config, "a value's name must be text")
                .help("write names like `joint_channel: \"#marketing-it\"`");
            diagnostics.push(doc.at_key(diag, "values"));
            continue;
        };
        if !is_name(name) {
            let diag = Diagnostic::error(
                Code::Config,
                format!("value name `{name}` must start with a letter and use only letters, digits, `_` and `-`"),
            )
            .help("pages write `{{ name }}`: use e.g. `joint_channel` or `security-review`");
            diagnostics.push(doc.at_value(diag, "values", name));
            continue;
        }
        let text = match scalar_text(value) {
            Some(text) if !text.trim().contains('\n') => text.trim().to_string(),
            Some(_) => {
                let diag = Diagnostic::error(Code::Config, format!("value `{name}` has more than one line"))
                    .help("a value is one line of inline Markdown; put longer text in a snippet file and include it");
                diagnostics.push(doc.at_value(diag, "values", name));
                continue;
            }
            None => {
                let diag = Diagnostic::error(
                    Code::Config,
                    format!("value `{name}` is {}, not text", kind_name(value)),
                )
                .help("give each value one line of text, a number or a date");
                diagnostics.push(doc.at_value(diag, "values", name));
                continue;
            }
        };
        values.by_name.insert(name.to_string(), text);
    }
    values
}

pub(crate) fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// One `{{ name }}` in a text: the byte range of the whole reference, and the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueRef<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) name: &'a str,
}

/// The `{{ name }}` references in `text`, in order, leaving out those inside the byte ranges
/// of `code` (sorted) and those escaped with a backslash (`\{{ name }}` shows as written).
/// A name that looks like a template's (`{{ .Site.Title }}`, `{{< param >}}`) is no reference.
pub(crate) fn find_refs<'a>(text: &'a str, code: &[std::ops::Range<usize>]) -> Vec<ValueRef<'a>> {
    let mut refs = Vec::new();
    let mut code = code.iter().peekable();
    for (start, _) in text.match_indices("{{") {
        if refs.last().is_some_and(|r: &ValueRef| start < r.end) {
            continue;
        }
        while code.next_if(|r| r.end <= start).is_some() {}
        if code.peek().is_some_and(|r| r.start <= start) {
            continue;
        }
        if text[..start].ends_with('\\') {
            continue;
        }
        let rest = &text[start + 2..];
        let Some(close) = rest.find("}}") else {
            break;
        };
        let name = rest[..close].trim();
        if is_name(name) && !rest[..close].contains('\n') {
            refs.push(ValueRef {
                start,
                end: start + 2 + close + 2,
                name,
            });
        }
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(text: &str) -> (Values, Vec<String>) {
        let doc = YamlDoc::whole_file(Path::new("bridgebook.yaml"), text);
        let raw: serde_yaml::Mapping = serde_yaml::from_str::<serde_yaml::Mapping>(text)
            .unwrap()
            .get("values")
            .and_then(|v| v.as_mapping().cloned())
            .unwrap_or_default();
        let mut diags = Diagnostics::default();
        let values = parse_values(&doc, &raw, &mut diags);
        let messages = diags
            .into_sorted()
            .iter()
            .map(|d| d.render().lines().next().unwrap_or_default().to_string())
            .collect();
        (values, messages)
    }

    #[test]
    fn values_are_one_line_scalars_with_simple_names() {
        let (values, errors) = parse("title: T\nvalues:\n  channel: \"`#marketing-it`\"\n  review_days: 10\n  bad name: x\n  window:\n    - a\n");
        assert_eq!(values.get("channel"), Some("`#marketing-it`"));
        assert_eq!(values.get("review_days"), Some("10"));
        assert_eq!(values.names(), ["channel", "review_days"]);
        assert_eq!(
            errors,
            [
                "bridgebook.yaml:5:3: error: value name `bad name` must start with a letter and use only letters, digits, `_` and `-` [config]",
                "bridgebook.yaml:6:3: error: value `window` is a list, not text [config]",
            ]
        );
    }

    #[test]
    fn references_outside_code_and_escapes() {
        let text = "Ask in {{ channel }} or {{channel}}. `{{ channel }}` \\{{ channel }} {{ .Site.Title }} {{< param x >}} {{ a b }}";
        let code_start = text.find('`').unwrap();
        let code_end = text[code_start + 1..].find('`').unwrap() + code_start + 2;
        let code = code_start..code_end;
        let refs = find_refs(text, std::slice::from_ref(&code));
        let found: Vec<(&str, &str)> = refs
            .iter()
            .map(|r| (&text[r.start..r.end], r.name))
            .collect();
        assert_eq!(
            found,
            [("{{ channel }}", "channel"), ("{{channel}}", "channel")]
        );
    }
}
