//! Import: admonitions of every generator as bridgebook callouts (`> [!NOTE]`), and the
//! line-based admonition syntaxes: MkDocs' `!!! note "Title"` (and `???` collapsibles) and
//! Docusaurus' `:::note Title ... :::`.
//!
//! Pure. Fenced code blocks are left alone, so examples of the syntax stay examples.

/// The callout kind bridgebook has for an admonition type of any generator, and whether the
/// type says more than the kind does (then it becomes the title, e.g. "Example").
pub(crate) fn callout_kind(kind: &str) -> (&'static str, bool) {
    let kind = kind.trim().to_ascii_lowercase();
    let mapped = match kind.as_str() {
        "note" | "info" | "primary" | "secondary" | "light" | "dark" | "abstract" | "summary"
        | "tldr" | "todo" | "seealso" | "quote" | "cite" | "example" | "question" | "help"
        | "faq" | "" => "NOTE",
        "tip" | "hint" | "success" | "check" | "done" => "TIP",
        "important" => "IMPORTANT",
        "warning" | "caution" | "attention" => "WARNING",
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" | "emergency" => "CAUTION",
        _ => "NOTE",
    };
    let plain = matches!(
        kind.as_str(),
        "" | "note"
            | "info"
            | "primary"
            | "secondary"
            | "light"
            | "dark"
            | "tip"
            | "hint"
            | "important"
            | "warning"
            | "caution"
            | "danger"
            | "error"
    );
    (mapped, !plain)
}

/// A callout block: `indent` is put before every line (a callout inside a list item), the
/// body is dedented, and a title goes in bold on the first line of the body.
pub(crate) fn callout(kind: &str, title: Option<&str>, body: &str, indent: &str) -> String {
    let (mapped, says_more) = callout_kind(kind);
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .or_else(|| says_more.then(|| capitalize(kind.trim())));
    let mut out = format!("{indent}> [!{mapped}]\n");
    if let Some(title) = title {
        out.push_str(&format!("{indent}> **{}**\n", title.replace('*', "\\*")));
        if !body.trim().is_empty() {
            out.push_str(&format!("{indent}>\n"));
        }
    }
    for line in dedent(body.trim_matches('\n')).lines() {
        if line.trim().is_empty() {
            out.push_str(&format!("{indent}>\n"));
        } else {
            out.push_str(&format!("{indent}> {line}\n"));
        }
    }
    out
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Removes the indentation every non-blank line shares.
pub(crate) fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many admonitions a pass converted, by type.
pub(crate) type Counts = Vec<String>;

/// An admonition found at a line: its type, title, body lines and the line after it.
struct Block<'t> {
    kind: &'t str,
    title: Option<String>,
    body: Vec<&'t str>,
    next: usize,
}

/// Recognises an admonition's first line and finds its body.
type Opener = for<'t> fn(&[&'t str], usize, &str) -> Option<Block<'t>>;

/// Walks the lines outside fenced code, turning each block `open` recognises into a callout
/// (its body converted the same way first, for nested admonitions).
fn convert_blocks(text: &str, found: &mut Counts, open: Opener) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + 64);
    let mut fence: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(next) = fence_change(line, fence.as_deref()) {
            fence = next;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        if let Some(block) = open(&lines, i, indent).filter(|_| fence.is_none()) {
            let inner = convert_blocks(&block.body.join("\n"), found, open);
            found.push(block.kind.to_string());
            out.push_str(&callout(block.kind, block.title.as_deref(), &inner, indent));
            i = block.next;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    keep_final_newline(text, out)
}

/// MkDocs' `!!! type "title"` blocks (and `???`/`???+`), their body indented by four spaces.
pub(crate) fn convert_mkdocs(text: &str, found: &mut Counts) -> String {
    convert_blocks(text, found, mkdocs_block)
}

fn mkdocs_block<'t>(lines: &[&'t str], at: usize, indent: &str) -> Option<Block<'t>> {
    let trimmed = lines[at].trim_start();
    let marker = ["!!!", "???+", "???"]
        .iter()
        .find(|m| trimmed.starts_with(**m))?;
    let (kind, title) = parse_mkdocs_head(&trimmed[marker.len()..]);
    let mut body = Vec::new();
    let mut i = at + 1;
    while let Some(l) = lines.get(i) {
        let deeper = l.len() - l.trim_start().len() >= indent.len() + 4;
        if !(l.trim().is_empty() || deeper) {
            break;
        }
        body.push(l.get(indent.len() + 4..).unwrap_or(""));
        i += 1;
    }
    while body.last().is_some_and(|l| l.trim().is_empty()) {
        body.pop();
        i -= 1;
    }
    Some(Block {
        kind,
        title,
        body,
        next: i,
    })
}

fn parse_mkdocs_head(rest: &str) -> (&str, Option<String>) {
    let rest = rest.trim();
    let (kind, title) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    // `!!! note ""` asks for no title at all; other classes after the type are dropped.
    let kind = kind.split_whitespace().next().unwrap_or("note");
    let title = title
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .map(str::to_string);
    (kind, title)
}

/// Docusaurus' `:::type Title` ... `:::` (or `:::type[Title]`), nested with longer fences.
pub(crate) fn convert_docusaurus(text: &str, found: &mut Counts) -> String {
    convert_blocks(text, found, docusaurus_block)
}

fn docusaurus_block<'t>(lines: &[&'t str], at: usize, indent: &str) -> Option<Block<'t>> {
    let trimmed = lines[at].trim_start();
    let colons = trimmed.chars().take_while(|&c| c == ':').count();
    let head = &trimmed[colons..];
    if colons < 3 || !head.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let kind_end = head
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        .unwrap_or(head.len());
    let (kind, title) = (&head[..kind_end], head[kind_end..].trim());
    let title = title
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(title);
    let close = ":".repeat(colons);
    let mut body = Vec::new();
    let mut i = at + 1;
    // Nested admonitions use fewer colons than the one around them.
    while let Some(l) = lines.get(i).filter(|l| l.trim() != close) {
        body.push(l.get(indent.len()..).unwrap_or(l.trim_start()));
        i += 1;
    }
    Some(Block {
        kind,
        title: Some(title.to_string()),
        body,
        next: i + 1,
    })
}

fn keep_final_newline(text: &str, mut out: String) -> String {
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Tracks fenced code blocks: `Some(new state)` when this line opens or closes one.
pub(crate) fn fence_change(line: &str, open: Option<&str>) -> Option<Option<String>> {
    let t = line.trim_start();
    let marker: String = t.chars().take_while(|&c| c == '`' || c == '~').collect();
    if marker.len() < 3 || !(marker.chars().all(|c| c == '`') || marker.chars().all(|c| c == '~')) {
        return None;
    }
    match open {
        None => Some(Some(marker)),
        Some(open) if marker.starts_with(open) && t[marker.len()..].trim().is_empty() => Some(None),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admonitions_become_callouts() {
        let cases: &[(&str, &str)] = &[
            ("!!! note\n    Body.\n", "> [!NOTE]\n> Body.\n"),
            (
                "!!! warning \"Mind the gap\"\n    One.\n\n    Two.\n\nAfter.\n",
                "> [!WARNING]\n> **Mind the gap**\n>\n> One.\n>\n> Two.\n\nAfter.\n",
            ),
            (
                "??? example\n    Hidden.\n",
                "> [!NOTE]\n> **Example**\n>\n> Hidden.\n",
            ),
            (
                "- item\n\n    !!! tip \"\"\n        Nested.\n",
                "- item\n\n    > [!TIP]\n    > Nested.\n",
            ),
            (
                "```\n!!! note\n    code\n```\n",
                "```\n!!! note\n    code\n```\n",
            ),
            (
                "!!! danger\n    Outer.\n\n    !!! info\n        Inner.\n",
                "> [!CAUTION]\n> Outer.\n>\n> > [!NOTE]\n> > Inner.\n",
            ),
        ];
        for (input, expected) in cases {
            let mut found = Vec::new();
            assert_eq!(convert_mkdocs(input, &mut found), *expected, "{input}");
        }
        let cases: &[(&str, &str)] = &[
            (":::tip\nBody.\n:::\n", "> [!TIP]\n> Body.\n"),
            (
                ":::caution Take care\nBody.\n:::\nAfter.\n",
                "> [!WARNING]\n> **Take care**\n>\n> Body.\nAfter.\n",
            ),
            (
                ":::note[Titled]\nBody.\n:::\n",
                "> [!NOTE]\n> **Titled**\n>\n> Body.\n",
            ),
            (
                "::::info\nOuter.\n:::danger\nInner.\n:::\n::::\n",
                "> [!NOTE]\n> Outer.\n> > [!CAUTION]\n> > Inner.\n",
            ),
            ("~~~\n:::note\n~~~\n", "~~~\n:::note\n~~~\n"),
        ];
        for (input, expected) in cases {
            let mut found = Vec::new();
            assert_eq!(convert_docusaurus(input, &mut found), *expected, "{input}");
        }
    }

    #[test]
    fn every_vocabulary_maps_to_a_callout() {
        for (kind, mapped) in [
            ("info", "NOTE"),
            ("success", "TIP"),
            ("danger", "CAUTION"),
            ("error", "CAUTION"),
            ("caution", "WARNING"),
            ("secondary", "NOTE"),
            ("emergency", "CAUTION"),
            ("weird", "NOTE"),
        ] {
            assert_eq!(callout_kind(kind).0, mapped, "{kind}");
        }
        assert_eq!(
            callout("warning", Some("Heads up!"), "  Indented body.\n", "  "),
            "  > [!WARNING]\n  > **Heads up!**\n  >\n  > Indented body.\n"
        );
    }
}
