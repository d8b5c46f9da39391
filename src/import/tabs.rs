//! Import: MkDocs Material's content tabs (pymdownx.tabbed) converted to bridgebook's.
//!
//! MkDocs writes each tab as `=== "Label"` with its text indented by four spaces below; a run
//! of such tabs is one group (`===!` starts a new one). bridgebook's groups sit between a line
//! `:::tabs` and a line `:::`, with each tab's text unindented (README, "Tabs"), so the group
//! gets those two lines and its text loses one level of indentation. Only tabs at the start of
//! a line outside code fences are converted; tabs nested in a list are left as written.
//!
//! Pure: text in, text out; the count of groups converted goes to the report (line 0, as the
//! admonitions do: the lines move).

/// Converts the tab groups of `text`; pushes one `=== tabs` per group onto `found`.
pub(crate) fn convert_mkdocs_tabs(text: &str, found: &mut Vec<String>) -> String {
    if !text.contains("===") {
        return text.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    let mut in_group = false;
    let mut fence: Option<String> = None;
    let close = |out: &mut Vec<String>| {
        let blanks = out.iter().rev().take_while(|l| l.trim().is_empty()).count();
        let at = out.len() - blanks;
        out.insert(at, ":::".to_string());
    };
    for line in text.lines() {
        if !in_group {
            if let Some(f) = &fence {
                if line.trim_start().starts_with(f.as_str()) {
                    fence = None;
                }
                out.push(line.to_string());
                continue;
            }
            if line.starts_with("```") || line.starts_with("~~~") {
                fence = Some(line[..3].to_string());
                out.push(line.to_string());
                continue;
            }
        }
        if let Some((label, new_group)) = tab_line(line) {
            if in_group && new_group {
                close(&mut out);
                out.push(String::new());
            }
            if !in_group || new_group {
                out.push(":::tabs".to_string());
                found.push("=== tabs".to_string());
            }
            in_group = true;
            out.push(format!("=== \"{label}\""));
            continue;
        }
        if in_group {
            if line.trim().is_empty() {
                out.push(String::new());
                continue;
            }
            if let Some(inner) = line
                .strip_prefix("    ")
                .or_else(|| line.strip_prefix('\t'))
            {
                out.push(inner.to_string());
                continue;
            }
            close(&mut out);
            in_group = false;
        }
        out.push(line.to_string());
    }
    if in_group {
        close(&mut out);
    }
    let mut converted = out.join("\n");
    if text.ends_with('\n') {
        converted.push('\n');
    }
    converted
}

/// `=== "Label"` (or `===+`, `===!`, `===!+`): the label, and whether it starts a new group.
fn tab_line(line: &str) -> Option<(&str, bool)> {
    let rest = line.strip_prefix("===")?;
    let flags_len = rest.len() - rest.trim_start_matches(['!', '+']).len();
    let (flags, rest) = rest.split_at(flags_len);
    let label = rest.strip_prefix(' ')?.trim();
    let label = label.strip_prefix('"')?.strip_suffix('"')?;
    Some((label, flags.contains('!')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mkdocs_tabs_become_a_group_with_unindented_text() {
        let mut found = Vec::new();
        let text = "Intro\n\n=== \"For marketers\"\n\n    Ask in the form.\n\n    - one\n\n===+ \"For engineers\"\n    ```sh\n    make\n    ```\n\nAfter.\n\n```\n=== \"Not a tab\"\n```\n";
        assert_eq!(
            convert_mkdocs_tabs(text, &mut found),
            "Intro\n\n:::tabs\n=== \"For marketers\"\n\nAsk in the form.\n\n- one\n\n=== \"For engineers\"\n```sh\nmake\n```\n:::\n\nAfter.\n\n```\n=== \"Not a tab\"\n```\n"
        );
        assert_eq!(found, ["=== tabs"]);
    }

    #[test]
    fn a_bang_starts_a_new_group_and_the_end_of_the_text_closes_one() {
        let mut found = Vec::new();
        let text = "=== \"A\"\n    a\n===! \"B\"\n    b";
        assert_eq!(
            convert_mkdocs_tabs(text, &mut found),
            ":::tabs\n=== \"A\"\na\n:::\n\n:::tabs\n=== \"B\"\nb\n:::"
        );
        assert_eq!(found.len(), 2);
    }
}
