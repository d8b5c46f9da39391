//! Print pages: a section (`<section>/print.html`) or a reading track (`tracks/<id>/print.html`) as one
//! document, in reading order, with one `h1`, ids unique across the document and links between
//! its pages kept inside it. See: issue 21.

use std::path::Path;

use tempfile::TempDir;

use crate::browser::run_scenario;
use crate::common::*;
use crate::serve::Server;

const TRACK_CONFIG: &str = "tracks:\n  - id: first-week\n    title: Your first week\n    description: Two pages to read first.\n    pages:\n      - other/page.md\n      - guide/setup.md\n";

/// A section `guide/` with two pages and a subsection, a page outside it, and a track.
fn guide_site() -> TempDir {
    let dir = site(&[
        (
            "content/guide/_index.md",
            "---\ntitle: The guide\ndescription: How to set things up.\n---\nStart with [installing](setup.md#install), then [use it](usage.md).\n",
        ),
        (
            "content/guide/setup.md",
            "---\ntitle: Setup\nweight: 1\n---\n## Install\n\nRun the installer.\n\n![The steps](steps.png)\n\n### Check it\n\nBack to [the guide](_index.md), or read [another page](../other/page.md#why) or [the web](https://example.com/x).\n",
        ),
        (
            "content/guide/usage.md",
            "---\ntitle: Usage\nweight: 2\n---\n## Install\n\nThe same heading as on Setup; see [it](setup.md#install) and [here](#install).\n",
        ),
        (
            "content/guide/deeper/_index.md",
            "---\ntitle: Deeper\n---\nMore detail.\n",
        ),
        (
            "content/guide/deeper/tips.md",
            "---\ntitle: Tips\n---\n## A tip\n\nGo back to [setup](../setup.md).\n",
        ),
        ("content/other/page.md", "---\ntitle: Other page\n---\n## Why\n\nBecause. See [Setup](../guide/setup.md).\n"),
    ]);
    write_bytes(dir.path(), "content/guide/steps.png", b"\x89PNG\r\n\x1a\n");
    let config = read(dir.path().join("bridgebook.yaml"));
    write(
        dir.path(),
        "bridgebook.yaml",
        &format!("{config}{TRACK_CONFIG}"),
    );
    dir
}

fn build(dir: &Path, extra: &[&str]) -> String {
    bridgebook()
        .current_dir(dir)
        .arg("build")
        .args(extra)
        .assert()
        .success();
    read(dir.join("public/guide/print.html"))
}

/// Positions of each needle in `html`, which must all be there.
fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            html.find(n)
                .unwrap_or_else(|| panic!("no {n:?} in:\n{html}"))
        })
        .collect()
}

fn assert_ascending(found: &[usize], what: &str) {
    assert!(found.windows(2).all(|w| w[0] < w[1]), "{what}: {found:?}");
}

#[test]
fn a_section_prints_every_page_in_reading_order_under_one_h1_with_a_contents() {
    let dir = guide_site();
    let html = build(dir.path(), &[]);
    let main = main_region(&html);
    assert_eq!(main.matches("<h1").count(), 1, "one h1: {main}");
    assert!(main.contains("<h1>The guide</h1>"));
    let titles = ["The guide", "Setup", "Usage", "Deeper", "Tips"];
    let articles: Vec<String> = titles.iter().map(|t| format!("<h2>{t}</h2>")).collect();
    let articles: Vec<&str> = articles.iter().map(String::as_str).collect();
    assert_ascending(&positions(main, &articles), "pages in reading order");
    // The contents come first and list the pages, and each page's h2s, in the same order.
    let toc_end = main.find("</nav>").unwrap();
    let toc = &main[..toc_end];
    let entries = positions(
        toc,
        &[
            "href=\"#page-guide\">The guide</a>",
            "href=\"#page-guide-setup\">Setup</a>",
            "href=\"#page-guide-setup--install\">Install</a>",
            "href=\"#page-guide-usage\">Usage</a>",
            "href=\"#page-guide-usage--install\">Install</a>",
            "href=\"#page-guide-deeper\">Deeper</a>",
            "href=\"#page-guide-deeper-tips\">Tips</a>",
        ],
    );
    assert_ascending(&entries, "contents in reading order");
    assert!(toc_end < main.find("<h2>The guide</h2>").unwrap());
    // Headings one level down: the pages' h2 are h3, their h3 are h4.
    assert!(main.contains("<h3 id=\"page-guide-setup--install\">Install"));
    assert!(main.contains("<h4 id=\"page-guide-setup--check-it\">Check it"));
    assert!(
        !main.contains("<h2 id=\"page-"),
        "no page heading stays an h2"
    );
    // Every id once, although two pages have an `#install`.
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "ids repeat: {ids:?}");
    // Nothing needs JavaScript, and nothing of the rest of the site is in it.
    assert!(!html.contains("<script"), "no script on a print page");
    assert!(
        !html.contains("Other page"),
        "no page from outside the section"
    );
}

#[test]
fn links_between_printed_pages_stay_in_the_document_and_others_work_from_the_print_page() {
    let dir = guide_site();
    let html = build(dir.path(), &[]);
    let main = main_region(&html);
    for expected in [
        // guide/_index.md: page#heading and a page of the section.
        "href=\"#page-guide-setup--install\">installing</a>",
        "href=\"#page-guide-usage\">use it</a>",
        // setup.md: its section page, a page outside (from the print page's depth), the web.
        "href=\"#page-guide\">the guide</a>",
        "href=\"../other/page/#why\">another page</a>",
        "href=\"https://example.com/x\">the web</a>",
        "src=\"../guide/steps.png\"",
        // usage.md: another page's heading, and its own (`#install` is usage's, not setup's).
        "href=\"#page-guide-setup--install\">it</a>",
        "href=\"#page-guide-usage--install\">here</a>",
        // deeper/tips.md, a level further down.
        "href=\"#page-guide-setup\">setup</a>",
    ] {
        assert!(main.contains(expected), "no {expected} in:\n{main}");
    }
    // The section page links to its print page; the print page back to the section.
    let section = read(dir.path().join("public/guide/index.html"));
    assert!(section.contains("<a href=\"../guide/print.html\">Print this section</a>"));
    assert!(html.contains("href=\"../guide/\">← Back to The guide</a>"));

    // A track prints its steps in its own order; a link to a step becomes in-document.
    let track = read(dir.path().join("public/tracks/first-week/print.html"));
    let main = main_region(&track);
    assert_ascending(
        &positions(main, &["<h2>Other page</h2>", "<h2>Setup</h2>"]),
        "steps in order",
    );
    assert!(
        main.contains("href=\"#page-guide-setup\">Setup</a>"),
        "{main}"
    );
    assert!(main.contains("href=\"#page-other-page--why\">another page</a>"));
    assert!(main.contains("href=\"../../guide/\">the guide</a>"));
    let landing = read(dir.path().join("public/tracks/first-week/index.html"));
    assert!(landing.contains("<a href=\"../../tracks/first-week/print.html\">Print this track</a>"));
}

#[test]
fn with_a_base_url_links_out_of_the_document_are_absolute() {
    let dir = guide_site();
    let html = build(dir.path(), &["--base-url", "https://hb.example/docs/"]);
    let main = main_region(&html);
    for expected in [
        "href=\"#page-guide-setup--install\">installing</a>",
        "href=\"https://hb.example/docs/other/page/#why\">another page</a>",
        "src=\"https://hb.example/docs/guide/steps.png\"",
        // Each page's address under its title, for a reader holding the paper.
        "<a href=\"https://hb.example/docs/guide/setup/\">https://hb.example/docs/guide/setup/</a>",
    ] {
        assert!(main.contains(expected), "no {expected} in:\n{main}");
    }
}

#[test]
fn a_print_page_is_the_same_in_a_small_and_a_large_site() {
    let small = guide_site();
    let small_html = build(small.path(), &[]);
    let large = guide_site();
    for s in 0..20 {
        write(
            large.path(),
            &format!("content/area-{s}/_index.md"),
            &format!("---\ntitle: Area {s}\n---\nAbout area {s}.\n"),
        );
        for p in 0..25 {
            write(
                large.path(),
                &format!("content/area-{s}/nested/page-{p}.md"),
                &format!("---\ntitle: Page {p} of area {s}\n---\n## Part\n\nText {p}, see [setup](../../guide/setup.md).\n"),
            );
        }
    }
    let large_html = build(large.path(), &[]);
    assert!(large.path().join("public/area-19/print.html").exists());
    assert_eq!(
        small_html.len(),
        large_html.len(),
        "the print page grew with the site"
    );
    assert_eq!(small_html, large_html);
}

#[test]
fn a_page_named_print_keeps_its_url_and_a_file_at_a_print_url_is_an_error() {
    let dir = guide_site();
    // A page about printing (the Docsy docs have one) is `guide/print/`, beside the print page.
    write(
        dir.path(),
        "content/guide/print.md",
        "---\ntitle: Printing\n---\nHow to print.\n",
    );
    build(dir.path(), &[]);
    assert!(read(dir.path().join("public/guide/print/index.html")).contains("How to print."));
    assert!(read(dir.path().join("public/guide/print.html")).contains("How to print."));

    write(
        dir.path(),
        "content/guide/print.html",
        "<p>Old export</p>\n",
    );
    let output = bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/guide/print.html: error: this file would be copied to `guide/print.html`, where bridgebook writes the print page"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[print-url]") && stderr.contains("rename the file"),
        "{stderr}"
    );
}

#[test]
fn serve_keeps_the_print_page_fresh_when_a_page_of_the_section_is_saved() {
    let dir = guide_site();
    let server = Server::start(dir.path());
    let (status, before) = server.get("/guide/print.html");
    assert_eq!(status, 200);
    assert!(before.contains("Run the installer."));
    let page = dir.path().join("content/guide/setup.md");
    let text = read(&page).replace("Run the installer.", "Run the installer twice.");
    std::fs::write(&page, text).unwrap();
    server.wait_for(
        "/guide/print.html",
        "the edit in the print page",
        |_, body| body.contains("Run the installer twice."),
    );
    server.wait_for(
        "/tracks/first-week/print.html",
        "the edit in the track's print page",
        |_, body| body.contains("Run the installer twice."),
    );
}

#[test]
fn in_print_media_each_page_starts_a_sheet_and_the_chrome_is_hidden() {
    let dir = guide_site();
    build(dir.path(), &[]);
    let out = dir.path().join("public");
    let Some(result) = run_scenario("print.mjs", &[out.to_str().unwrap(), "guide/print.html"])
    else {
        return;
    };
    assert_eq!(
        result["parts"],
        serde_json::json!(["The guide", "Setup", "Usage", "Deeper", "Tips"]),
        "the pages in reading order"
    );
    assert_eq!(
        result["breakBefore"],
        serde_json::json!(["page", "page", "page", "page", "page"]),
        "each page starts on a new sheet"
    );
    assert_eq!(result["h1"], 1, "one h1");
    assert_eq!(
        result["landmarks"],
        serde_json::json!(["main", "navigation"])
    );
    assert_eq!(
        result["chromeVisible"],
        serde_json::json!([]),
        "chrome hidden in print"
    );
    assert_eq!(result["scripts"], 0, "no JavaScript");
    assert_eq!(result["tocTargetsMissing"], serde_json::json!([]));
    assert_eq!(result["inDocumentLinksMissing"], serde_json::json!([]));
    assert_eq!(result["contentVisible"], true);
    let sheets = result["pdfPages"].as_u64().unwrap();
    assert!(
        sheets >= 6,
        "contents and five pages, each on its own sheet: {sheets}"
    );
    assert_eq!(
        result["axe"],
        serde_json::json!([]),
        "accessibility problems"
    );
}
