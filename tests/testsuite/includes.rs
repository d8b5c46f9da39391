//! Includes and shared values (issue 21): a page includes a snippet, a heading's section or a
//! marked region; `{{ name }}` puts in a value from `bridgebook.yaml`. Checked through the
//! binary: the table of contents and anchors, links resolved from the included file, errors
//! at the included file's line (missing file or part, a cycle with its chain, an unknown value
//! with a suggestion), `check` saying what `build` says, and `serve` re-rendering the pages
//! that include a saved snippet.

use std::path::Path;

use crate::common::{bridgebook, main_region, read, site, write};
use crate::serve::Server;

const CONFIG: &str = "title: Test\naudiences:\n  - id: everyone\n    label: Everyone\nvalues:\n  channel: \"`#marketing-it`\"\n  security_review: ten working days\n";

const ASK: &str = "## Where to ask\n\nAsk in {{ channel }}; a security review takes {{ security_review }}.\nSee [the checklist](../launch/checklist.md#copy-freeze) and ![The request flow](img/flow.svg).\n";

const CHECKLIST: &str = "---\ntitle: Launch checklist\naudience: [everyone]\n---\nIntro.\n\n## Copy freeze\n\nFinal copy goes to IT five working days before launch.\n\n## Launch day\n\nFlag on.\n\n<!-- #region contacts -->\nOn the day, the launch lead answers in {{ channel }}.\n<!-- #endregion -->\n";

const REQUEST: &str = "---\ntitle: Tool requests\naudience: [everyone]\n---\nHow to ask for a tool.\n\n## Where to ask\n\nA heading with the same words as the snippet's.\n\n[!include: where to ask](../_snippets/ask.md)\n\n[!include](../launch/checklist.md#copy-freeze)\n\n[!include](../launch/checklist.md#contacts)\n\nIn code the braces stay: `{{ channel }}`.\n";

fn includes_site() -> tempfile::TempDir {
    let site = site(&[
        ("content/_snippets/ask.md", ASK),
        ("content/_snippets/img/flow.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ("content/launch/checklist.md", CHECKLIST),
        ("content/tools/request.md", REQUEST),
        ("content/launch/_index.md", "---\ntitle: Launch\n---\nSee [the checklist](checklist.md) and [requests](../tools/request.md).\n"),
    ]);
    write(site.path(), "bridgebook.yaml", CONFIG);
    site
}

fn build(root: &Path) -> (tempfile::TempDir, std::process::Output) {
    let out = tempfile::TempDir::new().unwrap();
    let output = bridgebook()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    (out, output)
}

#[test]
fn included_text_is_in_the_page_with_its_headings_in_the_toc_and_links_resolved_from_its_file() {
    let site = includes_site();
    let (out, output) = build(site.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = read(out.path().join("public/tools/request/index.html"));
    let main = main_region(&html);
    // Both "Where to ask" headings are in the table of contents, each with its own anchor.
    let toc = &main[main.find("<details class=\"toc\"").unwrap()..main.find("</details>").unwrap()];
    for id in ["where-to-ask", "where-to-ask-1", "copy-freeze"] {
        assert!(toc.contains(&format!("href=\"#{id}\"")), "{id} in {toc}");
        assert!(
            main.contains(&format!("<h2 id=\"{id}\">")),
            "{id} in {main}"
        );
    }
    // Values in text, not in code.
    assert!(
        main.contains(
            "Ask in <code>#marketing-it</code>; a security review takes ten working days."
        ),
        "{main}"
    );
    assert!(main.contains("<code>{{ channel }}</code>"), "{main}");
    // The snippet's links were written from content/_snippets/.
    assert!(
        main.contains("href=\"../../launch/checklist/#copy-freeze\""),
        "{main}"
    );
    assert!(
        main.contains("src=\"../../_snippets/img/flow.svg\""),
        "{main}"
    );
    assert!(out.path().join("public/_snippets/img/flow.svg").is_file());
    // A heading's section stops at the next heading of its level; a region is its lines.
    assert!(main.contains("Final copy goes to IT five working days before launch."));
    assert!(
        !main.contains("Flag on."),
        "the launch-day section is not included"
    );
    assert!(
        main.contains("the launch lead answers in <code>#marketing-it</code>"),
        "{main}"
    );
    // Snippets are not pages.
    assert!(!out.path().join("public/_snippets/ask/index.html").exists());
}

/// Each problem is reported at the line of the file where it is written, with what to do.
#[test]
fn missing_files_parts_cycles_and_unknown_values_name_the_file_and_line() {
    let site = includes_site();
    write(site.path(), "content/tools/broken.md", "---\ntitle: Broken\naudience: [everyone]\n---\nAsk in {{ chanel }}.\n\n[!include](../snippets/ask.md)\n\n[!include](../launch/checklist.md#copy-freez)\n\n[!include](../_snippets/loop.md)\n");
    write(
        site.path(),
        "content/_snippets/loop.md",
        "Loop start.\n\n[!include](loop-back.md)\n",
    );
    write(
        site.path(),
        "content/_snippets/loop-back.md",
        "And back.\n\n[!include](loop.md)\n",
    );
    let (out, output) = build(site.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !out.path().join("public").exists(),
        "a failed build writes nothing"
    );
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let expected = [
        ("content/_snippets/loop-back.md:3:1: error: include cycle: content/_snippets/loop.md -> content/_snippets/loop-back.md -> content/_snippets/loop.md [include-cycle]", "remove one of these includes"),
        ("content/tools/broken.md:5:8: error: unknown value `chanel` [unknown-value]", "did you mean `{{ channel }}`?"),
        ("content/tools/broken.md:7:1: error: cannot include `../snippets/ask.md`: there is no content/snippets/ask.md [missing-include]", "did you mean `../_snippets/ask.md`?"),
        ("content/tools/broken.md:9:1: error: cannot include `../launch/checklist.md#copy-freez`: content/launch/checklist.md has no region or heading `copy-freez` [missing-include]", "did you mean `#copy-freeze`?"),
    ];
    for (line, help) in expected {
        let at = stderr
            .find(line)
            .unwrap_or_else(|| panic!("{line}\nnot in:\n{stderr}"));
        let block = &stderr[at..];
        let block = &block[..block.find("\n\n").unwrap_or(block.len())];
        assert!(block.contains(help), "{help} in {block}");
    }
    assert_eq!(stderr.matches("[include-cycle]").count(), 1, "{stderr}");

    let check = bridgebook()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let check_err = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    for (line, _) in expected {
        assert!(
            check_err.contains(line),
            "check reports {line}:\n{check_err}"
        );
    }
}

#[test]
fn an_include_inside_a_list_is_an_error_and_an_escaped_value_is_text() {
    let site = includes_site();
    write(site.path(), "content/tools/list.md", "---\ntitle: List\naudience: [everyone]\n---\nWrite \\{{ channel }} for the channel.\n\n- [!include](../_snippets/ask.md)\n");
    let (_, output) = build(site.path());
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(
        stderr.contains("content/tools/list.md:7:3: error: an include inside a list"),
        "{stderr}"
    );
    write(
        site.path(),
        "content/tools/list.md",
        "---\ntitle: List\naudience: [everyone]\n---\nWrite \\{{ channel }} for the channel.\n",
    );
    let (out, output) = build(site.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = read(out.path().join("public/tools/list/index.html"));
    assert!(
        html.contains("Write {{ channel }} for the channel."),
        "{html}"
    );
}

#[test]
fn a_bad_value_in_the_config_is_reported_at_its_line() {
    let site = includes_site();
    write(
        site.path(),
        "bridgebook.yaml",
        &format!("{CONFIG}  owners:\n    - web\n"),
    );
    let (_, output) = build(site.path());
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(
        stderr.contains("bridgebook.yaml:8:3: error: value `owners` is a list, not text"),
        "{stderr}"
    );
}

/// Saving a snippet re-renders, through the driver's edit, every page that includes it.
#[test]
fn serve_re_renders_the_pages_that_include_a_saved_snippet() {
    let site = includes_site();
    write(
        site.path(),
        "content/tools/other.md",
        "---\ntitle: Other\naudience: [everyone]\n---\n[!include](../_snippets/ask.md)\n",
    );
    let server = Server::start(site.path());
    write(
        site.path(),
        "content/_snippets/ask.md",
        &ASK.replace("Ask in", "Ask first in"),
    );
    for page in ["/tools/request/", "/tools/other/"] {
        server.wait_for(page, "the snippet's edit", |_, body| {
            body.contains("Ask first in <code>#marketing-it</code>")
        });
    }
    let log = server.log.lock().unwrap().join("\n");
    assert!(
        log.contains("rendered 2 pages in") && log.contains("_snippets/ask.md"),
        "an edit, not a full build:\n{log}"
    );
    // An edited page that other pages include re-renders them too.
    write(
        site.path(),
        "content/launch/checklist.md",
        &CHECKLIST.replace("five working days", "one working week"),
    );
    server.wait_for(
        "/tools/request/",
        "the included section's edit",
        |_, body| body.contains("Final copy goes to IT one working week before launch."),
    );
    // A saved change to a value re-renders the pages that show it.
    write(
        site.path(),
        "bridgebook.yaml",
        &CONFIG.replace("ten working days", "two working weeks"),
    );
    server.wait_for("/tools/other/", "the value's edit", |_, body| {
        body.contains("a security review takes two working weeks.")
    });
}

/// Tab markers are rewritten before a page is read (`render::tabs`); a problem after them, in
/// the page or in an included snippet with tabs of its own, still names its own line.
#[test]
fn problems_after_tabs_keep_their_lines_in_the_page_and_the_snippet() {
    let site = includes_site();
    write(
        site.path(),
        "content/_snippets/tabbed.md",
        "Ask in {{ channel }}.\n\n:::tabs\n=== \"For marketers\"\nSee [the form](gone.md).\n:::\n",
    );
    write(
        site.path(),
        "content/tools/tabbed.md",
        "---\ntitle: Tabbed\naudience: [everyone]\n---\n:::tabs\n=== \"For marketers\"\nHello {{ channel }}.\n\n=== \"For engineers\"\nHi.\n:::\n\n[!include](../_snippets/tabbed.md)\n\nA [broken](nope.md) link.\n",
    );
    let (_, output) = build(site.path());
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    for line in [
        "content/_snippets/tabbed.md:5:5: error: link to missing page `gone.md`",
        "content/tools/tabbed.md:15:3: error: link to missing page `nope.md`",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
}
