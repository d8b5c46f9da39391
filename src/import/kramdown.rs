//! Import: kramdown's attribute lists in Jekyll pages. `{: .note }` on the line before a
//! paragraph (the callouts of just-the-docs and other Jekyll themes) becomes a bridgebook
//! callout; any other `{: ... }` or `{:toc}` stays as written and is listed in the report,
//! since bridgebook would otherwise show it as text without a word.
//!
//! Pure. Fenced code blocks are left alone.

use super::callout::{callout, fence_change};
use super::report::{Found, Outcome};

/// The callout classes Jekyll themes give paragraphs, and the callout each becomes.
const CALLOUT_CLASSES: &[(&str, &str)] = &[
    ("note", "note"),
    ("tip", "tip"),
    ("info", "info"),
    ("important", "important"),
    ("highlight", "important"),
    ("new", "tip"),
    ("warning", "warning"),
    ("caution", "caution"),
    ("danger", "danger"),
];

/// `{: .note }` (alone on its line) before a paragraph: that paragraph as a callout.
pub(crate) fn convert_callouts(text: &str, found: &mut Vec<String>) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(next) = fence_change(line, fence.as_deref()) {
            fence = next;
        }
        let kind = callout_class(line).filter(|_| fence.is_none());
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if let (Some(kind), true) = (kind, next_is_text) {
            let indent = &line[..line.len() - line.trim_start().len()];
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim().is_empty())
                .unwrap_or(lines.len());
            out.push_str(&callout(kind, None, &lines[i + 1..end].join("\n"), indent));
            found.push(kind.to_string());
            i = end;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The callout a line like `{: .note }` asks for.
fn callout_class(line: &str) -> Option<&'static str> {
    let inner = ial(line)?;
    inner.split_whitespace().find_map(|word| {
        let class = word.strip_prefix('.')?;
        CALLOUT_CLASSES
            .iter()
            .find(|(c, _)| *c == class)
            .map(|(_, kind)| *kind)
    })
}

/// The inside of an attribute list standing alone on its line: `{: .x #y }` -> `.x #y`.
fn ial(line: &str) -> Option<&str> {
    let t = line.trim();
    t.strip_prefix("{:")?.strip_suffix('}').map(str::trim)
}

/// Attribute lists still in the text: left as written, listed with their lines.
pub(crate) fn leftovers(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut fence: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        if let Some(next) = fence_change(line, fence.as_deref()) {
            fence = next;
            continue;
        }
        if fence.is_none() && (ial(line).is_some() || line.contains("{:")) {
            if let Some(at) = line.find("{:") {
                let end = line[at..].find('}').map_or(line.len(), |e| at + e + 1);
                found.push(Found::new(
                    n + 1,
                    "kramdown {: }",
                    Outcome::Left,
                    &line[at..end],
                ));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_callouts_convert_and_other_attribute_lists_are_listed() {
        let cases = [
            (
                "{: .note }\nRead this.\nAnd this.\n\nAfter.\n",
                "> [!NOTE]\n> Read this.\n> And this.\n\nAfter.\n",
            ),
            ("{: .warning}\nCareful.", "> [!WARNING]\n> Careful."),
            (
                "{: .highlight }\nKey point.\n",
                "> [!IMPORTANT]\n> Key point.\n",
            ),
            ("{: .no_toc }\n## Title\n", "{: .no_toc }\n## Title\n"),
            ("```\n{: .note }\nx\n```\n", "```\n{: .note }\nx\n```\n"),
            (
                "{: .note }\n\nNothing follows directly.\n",
                "{: .note }\n\nNothing follows directly.\n",
            ),
        ];
        for (input, expected) in cases {
            let mut found = Vec::new();
            assert_eq!(convert_callouts(input, &mut found), expected, "{input}");
        }
        let left = leftovers("# Contents\n{: .no_toc }\n\n* TOC\n{:toc}\n\nA [button](x){: .btn }\n```\n{: .x }\n```\n");
        let lines: Vec<(usize, &str)> = left.iter().map(|f| (f.line, f.text.as_str())).collect();
        assert_eq!(
            lines,
            [(2, "{: .no_toc }"), (5, "{:toc}"), (7, "{: .btn }")]
        );
    }
}
