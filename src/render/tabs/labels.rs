//! Which readers a tab is for: its label read for an audience or role of `bridgebook.yaml`
//! ("For marketers", "IT") and its `{for=id}` ids, checked against the config.
//!
//! Apart from the marker-line scanner because it knows the config's audiences and roles and
//! nothing of lines or fences.

use super::TabViews;
use crate::diagnostic::{did_you_mean, Code, Diagnostic};

/// `"For marketers" {for=it}` -> the label and the ids after `for=`.
pub(super) fn split_label(rest: &str) -> (String, Vec<&str>) {
    let (label, attrs) = match rest.rfind('{') {
        Some(i) if rest.ends_with('}') => (rest[..i].trim(), &rest[i + 1..rest.len() - 1]),
        _ => (rest, ""),
    };
    let label = label
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or(label);
    let ids = attrs
        .split_whitespace()
        .filter_map(|a| a.strip_prefix("for="))
        .flat_map(|ids| ids.split(','))
        .filter(|id| !id.is_empty())
        .collect();
    (label.trim().to_string(), ids)
}

/// The ids a label names: an audience or role by its id or label, ignoring case, a leading
/// "for" and a plural "s" ("For marketers" is the role `marketer`, with its audience).
pub(super) fn label_views(label: &str, views: TabViews) -> Vec<String> {
    let norm = |s: &str| {
        let s = s.trim().to_lowercase();
        let s = s.strip_prefix("for ").unwrap_or(&s).trim().to_string();
        s.strip_suffix('s').map(str::to_string).unwrap_or(s)
    };
    let wanted = norm(label);
    if wanted.is_empty() {
        return Vec::new();
    }
    let id = views
        .roles
        .iter()
        .map(|r| (&r.id, &r.label))
        .chain(views.audiences.iter().map(|a| (&a.id, &a.label)))
        .find(|(id, label)| norm(id) == wanted || norm(label) == wanted)
        .map(|(id, _)| id.as_str());
    id.and_then(|id| view_of(id, views)).unwrap_or_default()
}

/// An audience id, or a role id with its audience.
pub(super) fn view_of(id: &str, views: TabViews) -> Option<Vec<String>> {
    if views.audiences.iter().any(|a| a.id == id) {
        return Some(vec![id.to_string()]);
    }
    let role = views.roles.iter().find(|r| r.id == id)?;
    Some(
        std::iter::once(role.id.clone())
            .chain(role.audience.clone())
            .collect(),
    )
}

pub(super) fn unknown_view(id: &str, views: TabViews) -> Diagnostic {
    let known: Vec<&str> = views
        .audiences
        .iter()
        .map(|a| a.id.as_str())
        .chain(views.roles.iter().map(|r| r.id.as_str()))
        .collect();
    Diagnostic::error(
        Code::Tabs,
        format!("`for={id}` names no audience or role of bridgebook.yaml"),
    )
    .help(did_you_mean(id, "audiences and roles", &known))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for (rest, label, ids) in [
            ("\"For marketers\"", "For marketers", vec![]),
            ("Plain words", "Plain words", vec![]),
            ("\"IT\" {for=it}", "IT", vec!["it"]),
            (
                "\"Both\" {for=it,marketing}",
                "Both",
                vec!["it", "marketing"],
            ),
        ] {
            assert_eq!(split_label(rest), (label.to_string(), ids), "{rest}");
        }
    }
}
