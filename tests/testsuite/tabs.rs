//! Audience tabs (`:::tabs` / `=== "Label"`, issue 21): the HTML a build writes, the problems
//! it reports with file:line, and a reader using them in a real browser (keyboard, "View as",
//! no JavaScript, print).

use crate::browser::run_scenario;
use crate::common::*;

const TABBED: &str = r#"---
title: Asking for a tool
---

Before the tabs.

## Ask

:::tabs
=== "For marketers" {for=marketing}
Write what the tool is for, in [plain words](_index.md).

## Inside a tab

=== "For engineers" {for=it}
Open a ticket:

```text
:::
=== "Not a tab"
```
:::

After the tabs.
"#;

fn built(files: &[(&str, &str)]) -> (tempfile::TempDir, String) {
    let dir = site(files);
    bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    let html = read(dir.path().join("public/guide/index.html"));
    (dir, main_region(&html).to_string())
}

#[test]
fn tabs_are_panels_in_order_under_their_labels_with_a_tab_list() {
    let (_dir, html) = built(&[("content/guide.md", TABBED)]);
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("no {s} in {html}"));
    // The tab list: the first tab selected and the one tab stop; each tab names its panel
    // and the audiences it is for.
    assert!(html.contains(r#"<div class="tab-list" role="tablist" aria-label="For marketers / For engineers"><button type="button" role="tab" id="tabs-1-0" aria-controls="tabs-1-0-panel" aria-selected="true" tabindex="0" data-for="marketing">For marketers</button><button type="button" role="tab" id="tabs-1-1" aria-controls="tabs-1-1-panel" aria-selected="false" tabindex="-1" data-for="it">For engineers</button></div>"#), "{html}");
    // Panels in order, each under its label, Markdown rendered and links rewritten inside.
    let order = [
        "<p>Before the tabs.</p>",
        r#"<div class="tab-panel" id="tabs-1-0-panel" data-tab="tabs-1-0">"#,
        "<div class=\"tab-label\">\n<p>For marketers</p>",
        r#"<a href="../">plain words</a>"#,
        r#"<h2 id="inside-a-tab">"#,
        "<div class=\"tab-label\">\n<p>For engineers</p>",
        "=== &quot;Not a tab&quot;",
        "<p>After the tabs.</p>",
    ];
    let positions: Vec<usize> = order.iter().map(|s| at(s)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{html}");
    // A fence inside a tab keeps its `:::` lines; a heading inside a tab starts no section.
    assert!(html.contains("<code>:::\n"), "{html}");
    assert_eq!(html.matches("<section class=\"doc-section\">").count(), 1);
    assert_eq!(html.matches("class=\"tab-panel\"").count(), 2);
}

#[test]
fn a_tab_is_for_an_audience_or_role_named_by_its_label_or_for() {
    let cases = [
        // (tab line, data-for)
        ("=== \"Marketing\"", Some("marketing")),
        ("=== \"For IT\"", Some("it")),
        ("=== CMO", Some("cmo marketing")),
        ("=== \"For CMOs\"", Some("cmo marketing")),
        ("=== \"For engineers\" {for=it}", Some("it")),
        ("=== \"Both\" {for=it,marketing}", Some("it marketing")),
        ("=== \"For engineers\"", None),
    ];
    for (line, expected) in cases {
        let page = format!("---\ntitle: T\n---\n:::tabs\n{line}\nText.\n:::\n");
        let (_dir, html) = built(&[("content/guide.md", &page)]);
        let found = html
            .split("data-for=\"")
            .nth(1)
            .map(|rest| rest.split('"').next().unwrap());
        assert_eq!(found, expected, "{line}");
    }
}

#[test]
fn broken_tabs_are_errors_with_file_and_line_and_the_fix() {
    let cases = [
        (
            "---\ntitle: T\n---\nIntro.\n\n:::tabs\n=== \"A\"\nText.\n",
            "content/guide.md:6:1: error: `:::tabs` is never closed [tabs]",
            "end the tabs with a line `:::` after the last tab's text",
        ),
        (
            "---\ntitle: T\n---\n:::tabs\n=== \"A\" {for=marketng}\nText.\n:::\n",
            "content/guide.md:5:1: error: `for=marketng` names no audience or role of bridgebook.yaml [tabs]",
            "did you mean \"marketing\"?",
        ),
        (
            "---\ntitle: T\n---\n:::tabs\nStray text.\n=== \"A\"\nText.\n:::\n",
            "content/guide.md:5:1: error: text between `:::tabs` and its first tab belongs to no tab [tabs]",
            "start the first tab with a line `=== \"Label\"`",
        ),
        (
            "---\ntitle: T\n---\n:::tabs\n=== \"A\"\n:::tabs\n:::\n",
            "content/guide.md:6:1: error: `:::tabs` inside tabs: tabs cannot be nested [tabs]",
            "close the first group",
        ),
    ];
    for (page, first_line, help) in cases {
        let dir = site(&[("content/guide.md", page)]);
        let (code, stderr) = build_in(dir.path());
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(first_line), "{stderr}");
        assert!(stderr.contains(help), "{stderr}");
        assert!(!dir.path().join("public").exists(), "nothing is written");
    }
    // A link inside a tab names its own line and column, after the marker lines.
    let dir = site(&[(
        "content/guide.md",
        "---\ntitle: T\n---\n:::tabs\n=== \"A\"\nSee [x](missing.md).\n=== \"B\"\nText.\n:::\n",
    )]);
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("content/guide.md:6:5: error: link to missing page `missing.md`"),
        "{stderr}"
    );
}

#[test]
fn an_mkdocs_tab_outside_tabs_is_a_warning_and_shown_as_text() {
    let dir = site(&[(
        "content/guide.md",
        "---\ntitle: T\n---\n=== \"Tab\"\n\n    Text.\n",
    )]);
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "content/guide.md:4:1: warning: a tab line outside `:::tabs` is shown as text [tabs]"
        ),
        "{stderr}"
    );
}

#[test]
fn a_reader_switches_tabs_by_keyboard_gets_their_view_and_reads_all_without_javascript() {
    let dir = site(&[("content/guide.md", TABBED)]);
    bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    let out = dir.path().join("public");
    let Some(r) = run_scenario("tabs.mjs", &[out.to_str().unwrap(), "guide/"]) else {
        return;
    };
    let both = ["For marketers", "For engineers"];
    assert_eq!(
        r["initial"]["selected"],
        serde_json::json!(["For marketers"])
    );
    assert_eq!(
        r["initial"]["visible"],
        serde_json::json!(["For marketers"])
    );
    assert_eq!(r["initial"]["labelsShown"], 0);
    assert_eq!(r["initial"]["wired"], true, "tabpanel, aria-labelledby");
    // Right, Right (wraps), Left (wraps), End, Home, Left: focus and selection move together.
    let selected = |key: &str, i: usize| r["keys"][key][i]["selected"].clone();
    assert_eq!(selected("ArrowRight", 0), "For engineers");
    assert_eq!(selected("ArrowRight", 1), "For marketers");
    assert_eq!(selected("ArrowLeft", 0), "For engineers");
    assert_eq!(selected("End", 0), "For engineers");
    assert_eq!(selected("Home", 0), "For marketers");
    assert_eq!(r["keys"]["Home"][0]["focused"], "For marketers");
    assert_eq!(
        r["afterKeys"]["tabStops"],
        serde_json::json!(["For engineers"])
    );
    assert_eq!(
        r["tabGoesTo"], "tabpanel",
        "Tab leaves the tab list for the panel"
    );
    // View as: the audience's tab; a role (cmo) gets its audience's.
    assert_eq!(r["asIt"], serde_json::json!(["For engineers"]));
    assert_eq!(r["asMarketing"], serde_json::json!(["For marketers"]));
    assert_eq!(r["asCmo"], serde_json::json!(["For marketers"]));
    assert_eq!(r["afterReload"], serde_json::json!(["For marketers"]));
    assert_eq!(
        r["afterClick"],
        serde_json::json!(["For engineers"]),
        "the reader can still switch"
    );
    // Without JavaScript, and in print: every panel in order, under its label, no tab list.
    for state in [&r["noJs"], &r["print"]] {
        assert_eq!(state["visible"], serde_json::json!(both));
        assert_eq!(state["labelsShown"], 2);
        assert_eq!(state["listShown"], false);
    }
}
