//! `bridgebook build` on fixture sites: what is produced, and what each page says.

use crate::common::*;

#[test]
fn builds_the_fixture_site_and_every_expected_page_exists() {
    let site = fixture("basic");
    let out = site.path().join("public");
    let assert = bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.starts_with("built 4 pages, 4 sections in "),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with("-> public/"), "{stdout}");
    insta::assert_snapshot!("basic_files", files_under(&out).join("\n"));
}

#[test]
fn rendered_pages_match_their_goldens() {
    let site = fixture("basic");
    let out = site.path().join("public");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    for page in [
        "index.html",
        "guides/index.html",
        "guides/first/index.html",
        "guides/second/index.html",
        "guides/nested/deeper/index.html",
        "guides/print.html",
        "tools/index.html",
        "tools/launch-kit/index.html",
        "glossary/index.html",
        "audiences/marketing/index.html",
        "tags/index.html",
        "404.html",
    ] {
        let html = read(out.join(page));
        let name = format!("basic_{}", page.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, main_region(&html));
    }
}

#[test]
fn pages_link_relatively_so_the_site_works_under_any_sub_path() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let html = read(site.path().join("public/guides/first/index.html"));
    assert!(html.contains("src=\"../../bridgebook.js\""));
    assert!(html.contains("href=\"../../guides/second/#details\""));
    assert!(html.contains("href=\"../../tools/launch-kit/\""));
    assert!(html.contains("href=\"../../files/brief.txt\""));
    assert!(html.contains("href=\"https://example.com/\""));
    assert!(!site.path().join("public/sitemap.xml").exists());
    let redirect = read(site.path().join("public/old/first-guide/index.html"));
    assert!(redirect.contains("url=../../guides/first/"), "{redirect}");
}

#[test]
fn base_url_makes_links_absolute_and_writes_a_sitemap() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .args([
            "build",
            "--base-url",
            "https://intranet.example.com/handbook",
        ])
        .assert()
        .success();
    let html = read(site.path().join("public/guides/first/index.html"));
    assert!(html.contains("href=\"https://intranet.example.com/handbook/guides/second/#details\""));
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://intranet.example.com/handbook/guides/first/\">"
    ));
    let sitemap = read(site.path().join("public/sitemap.xml"));
    assert!(sitemap.contains("<loc>https://intranet.example.com/handbook/guides/first/</loc><lastmod>2026-03-01</lastmod>"), "{sitemap}");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    assert!(!site.path().join("public/guides/draft/index.html").exists());
    bridgebook()
        .current_dir(site.path())
        .args(["build", "--drafts"])
        .assert()
        .success();
    assert!(site.path().join("public/guides/draft/index.html").exists());
}

#[test]
fn the_sidebar_shows_top_sections_and_the_open_branch_only() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let html = read(site.path().join("public/tools/launch-kit/index.html"));
    let nav = &html[html.find("<nav id=\"sidebar\"").unwrap()..html.find("</nav>").unwrap()];
    assert!(
        nav.contains(">Guides<") && nav.contains(">Tools<") && nav.contains(">Launch kit<"),
        "{nav}"
    );
    assert!(
        !nav.contains("The first guide"),
        "a closed section's pages must not be listed: {nav}"
    );
    assert!(nav.contains("aria-current=\"page\">Launch kit"), "{nav}");
}

/// The sidebar is HTML written in Rust (src/sidebar.rs), no longer a Tera macro; its markup
/// is pinned here: the snapshots were checked equal to the macro's output when it moved.
#[test]
fn the_sidebar_markup_marks_the_open_branch_audiences_and_the_current_page() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    for (name, page) in [
        (
            "sidebar_nested_page",
            "public/guides/nested/deeper/index.html",
        ),
        ("sidebar_section_page", "public/guides/index.html"),
        ("sidebar_generated_page", "public/tags/index.html"),
    ] {
        let html = read(site.path().join(page));
        let start = html
            .find("<nav id=\"sidebar\"")
            .expect("page has a sidebar");
        let end = start + html[start..].find("</nav>").expect("sidebar ends");
        insta::assert_snapshot!(name, &html[start..end]);
    }
}

#[test]
fn a_site_theme_overrides_a_single_template_and_asset() {
    let site = fixture("basic");
    write(
        site.path(),
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Lost? Ask #handbook.</p>{% endblock main %}",
    );
    write(
        site.path(),
        "themes/default/static/bridgebook.css",
        "body{color:red}",
    );
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    assert!(read(site.path().join("public/404.html")).contains("Lost? Ask #handbook."));
    assert_eq!(
        read(site.path().join("public/bridgebook.css")),
        "body{color:red}"
    );
    assert!(read(site.path().join("public/guides/first/index.html"))
        .contains("<h1>The first guide</h1>"));
}

#[test]
fn the_shipped_handbook_builds_cleanly() {
    let out = tempfile::TempDir::new().unwrap();
    let assert = bridgebook()
        .current_dir(repo_root())
        .args(["build", "-o"])
        .arg(out.path().join("site"))
        .assert();
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the handbook in content/ must build without problems:\n{stderr}"
    );
    assert!(
        stderr.trim().is_empty(),
        "the handbook must build without warnings:\n{stderr}"
    );
    assert!(out.path().join("site/glossary/index.html").exists());
}

#[test]
fn help_and_version_work() {
    let help = bridgebook().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&help.get_output().stdout).to_string();
    for cmd in ["build", "new"] {
        assert!(text.contains(cmd), "{text}");
    }
    bridgebook()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicates::str::contains(env!("CARGO_PKG_VERSION")));
    bridgebook().arg("frobnicate").assert().code(2);
}

// See: issue 17. A page with a warning used to be counted in the summary but left unwritten.
#[test]
fn a_page_with_a_warning_is_still_written() {
    let site = site(&[
        ("bridgebook.yaml", MINIMAL_CONFIG),
        (
            "content/skips.md",
            "---\ntitle: Skips a level\naudience: [everyone]\n---\n# Top\n\n### Straight to three\n\nThe words a reader came for.\n",
        ),
    ]);
    let assert = bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("skipped-heading"), "{stderr}");
    let html = read(site.path().join("public/skips/index.html"));
    assert!(html.contains("The words a reader came for."), "{html}");
}

// See: issue 17. Each warning code a build or check can give, carried by its own page: every
// page is written, and the summary counts what was written. The link and asset codes are
// errors by default; a migrating team lowers them to warnings in `checks:`.
#[test]
fn every_page_with_a_warning_is_written_whatever_the_code() {
    let page = |extra: &str, body: &str| {
        format!("---\ntitle: T\naudience: [it]\nowner: web-team\n{extra}---\n{body}\n")
    };
    let cases: Vec<(&str, &str, String)> = vec![
        ("skipped-heading", "skipped", page("", "# Top\n\n### Three")),
        ("missing-alt", "no-alt", page("", "![](pic.png)")),
        ("broken-link", "broken-link", page("", "[old](removed.md)")),
        (
            "broken-anchor",
            "broken-anchor",
            page("", "[x](skipped.md#nowhere)"),
        ),
        (
            "missing-image",
            "missing-image",
            page("", "![A chart](chart.png)"),
        ),
        (
            "missing-file",
            "missing-file",
            page("", "[the form](form.pdf)"),
        ),
        (
            "unknown-key",
            "unknown-key",
            page("layout: post\n", "Body."),
        ),
        (
            "unknown-tag",
            "unknown-tag",
            page("tags: [misc]\n", "Body."),
        ),
        (
            "stale-page",
            "stale",
            page("review_by: 2026-01-01\n", "Body."),
        ),
        (
            "missing-owner",
            "no-owner",
            "---\ntitle: No owner\naudience: [it]\n---\nBody.\n".into(),
        ),
        (
            "missing-audience",
            "no-audience",
            "---\ntitle: No audience\nowner: web-team\n---\nBody.\n".into(),
        ),
        ("duplicate-title", "same-title", page("", "Body.")),
        (
            "empty-section",
            "empty/_index",
            "---\ntitle: Empty\n---\n".into(),
        ),
    ];
    let config = format!(
        "{MINIMAL_CONFIG}tags: [process]\nchecks:\n  broken-link: warning\n  broken-anchor: warning\n  missing-image: warning\n  missing-file: warning\n  unknown-key: warning\n  unknown-tag: warning\n"
    );
    let mut files: Vec<(String, String)> = cases
        .iter()
        .map(|(_, name, text)| (format!("content/{name}.md"), text.clone()))
        .collect();
    files.push(("bridgebook.yaml".into(), config));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = site(&files);
    write_bytes(dir.path(), "content/pic.png", b"\x89PNG\r\n\x1a\n");

    let out = bridgebook()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reported: Vec<(String, String, String)> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let field = |k: &str| p[k].as_str().unwrap_or_default().to_string();
            (field("code"), field("path"), field("severity"))
        })
        .collect();
    for (code, name, _) in &cases {
        let path = format!("content/{name}.md");
        assert!(
            reported.contains(&(code.to_string(), path.clone(), "warning".into())),
            "{path} carries a {code} warning: {reported:?}"
        );
    }
    assert!(
        reported
            .iter()
            .all(|(_, _, severity)| severity == "warning"),
        "{reported:?}"
    );

    let assert = bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    // Every case is a page but the empty section, plus the home page and that section.
    assert!(
        stdout.starts_with(&format!("built {} pages, 2 sections in ", cases.len() - 1)),
        "{stdout}"
    );
    for (code, name, _) in &cases {
        let url = name.trim_end_matches("/_index");
        let html = read(dir.path().join(format!("public/{url}/index.html")));
        assert!(html.contains("<main"), "the {code} page is written: {html}");
    }
}

// See: issue 17. README-style pages (no front matter) build; their title comes from their
// first h1, else their file name; a leading h1 that repeats the title is not shown twice; and
// inline Markdown in a title is HTML where HTML fits and text where only text fits.
#[test]
fn pages_without_front_matter_build_and_titles_are_shown_once() {
    let dir = site(&[
        ("content/onboarding.md", "# Welcome aboard\n\nYour first week, day by day.\n\n## Day one\n\nLaptop.\n"),
        ("content/ways-of-working.md", "Plain notes with no heading at all.\n"),
        ("content/data/_index.md", "---\ntitle: \"**Data & Analytics**\"\naudience: [it]\n---\n# Data & Analytics\n\nThe team behind the dashboards.\n"),
        ("content/data/pipeline.md", "---\ntitle: The pipeline\naudience: [it]\n---\n# The pipeline\n\nFrom form to report.\n"),
    ]);
    let assert = bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.starts_with("built 3 pages, 2 sections"), "{stdout}");
    let page = |url: &str| read(dir.path().join(format!("public/{url}index.html")));

    let onboarding = page("onboarding/");
    let main = main_region(&onboarding);
    assert_eq!(main.matches("<h1").count(), 1, "{main}");
    assert!(main.contains("<h1>Welcome aboard</h1>"), "{main}");
    assert!(main.contains("Your first week"), "{main}");
    assert!(
        onboarding.contains("<title>Welcome aboard · Test</title>"),
        "{onboarding}"
    );

    let notes = page("ways-of-working/");
    assert!(
        main_region(&notes).contains("<h1>Ways of working</h1>"),
        "{notes}"
    );

    let pipeline = page("data/pipeline/");
    let main = main_region(&pipeline);
    assert_eq!(main.matches("<h1").count(), 1, "{main}");
    assert!(main.contains("From form to report."), "{main}");
    // The section's title, in the breadcrumbs and the sidebar, with its Markdown rendered.
    let bold = "<strong>Data &amp; Analytics</strong>";
    let crumbs = &pipeline[pipeline.find("class=\"crumbs\"").unwrap()..];
    assert!(
        crumbs[..crumbs.find("</nav>").unwrap()].contains(bold),
        "{crumbs}"
    );
    let sidebar = &pipeline[..pipeline.find("<main").unwrap()];
    assert!(sidebar.contains(bold), "{sidebar}");
    assert!(!pipeline.contains("**Data"), "no raw asterisks: {pipeline}");

    let data = page("data/");
    assert_eq!(main_region(&data).matches("<h1").count(), 1, "{data}");
    assert!(
        main_region(&data).contains(&format!("<h1>{bold}</h1>")),
        "{data}"
    );
    assert!(
        data.contains("<title>Data &amp; Analytics · Test</title>"),
        "{data}"
    );
    let home = page("");
    assert!(
        home.contains(&format!(">{bold}</a>")),
        "the listing: {home}"
    );

    // `check` still asks for an audience, and says how to add front matter.
    let out = bridgebook()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("content/onboarding.md:1:1: warning: page has no audience, so view-as filters cannot place it [missing-audience]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the page has no front matter: start it with a `---` line"),
        "{stdout}"
    );
}

// See: issue 17. Links as people write them: a query string and a fragment are kept, and
// percent-encoded and angle-bracket destinations name the file they spell.
#[test]
fn links_keep_their_query_and_find_files_with_spaces() {
    let dir = site(&[
        ("content/guides/first.md", "---\ntitle: First\n---\n## Setup\n"),
        ("content/guides/my page.md", "---\ntitle: My page\n---\nHello.\n"),
        ("content/guides/links.md", "---\ntitle: Links\n---\n[q](first.md?tab=2#setup), [x](my%20page.md), [y](<my page.md>), [z](../guides/my%20page.md#top).\n"),
    ]);
    let (code, stderr) = build_in(dir.path());
    // The last link's anchor does not exist: the one problem, reported as such.
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.starts_with("content/guides/links.md:4:")
            && stderr
                .contains("`../guides/my%20page.md` has no heading with id `#top` [broken-anchor]"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");

    write(
        dir.path(),
        "bridgebook.yaml",
        &format!("{MINIMAL_CONFIG}checks:\n  broken-anchor: warning\n"),
    );
    bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    let html = read(dir.path().join("public/guides/links/index.html"));
    let main = main_region(&html);
    assert!(
        main.contains("href=\"../../guides/first/?tab=2#setup\""),
        "{main}"
    );
    assert_eq!(
        main.matches("href=\"../../guides/my%20page/\"").count(),
        2,
        "{main}"
    );
    assert!(
        main.contains("href=\"../../guides/my%20page/#top\""),
        "{main}"
    );
    assert!(dir
        .path()
        .join("public/guides/my page/index.html")
        .is_file());
}

// See: issue 17. A page template that fills a block base.html does not have used to blank
// every page with exit 0 and no word: now a warning names the file, the block and the blocks
// there are, and the pages are still written.
#[test]
fn a_template_block_the_base_lacks_is_a_warning_naming_the_blocks() {
    let dir = site(&[
        ("content/a.md", "---\ntitle: A\n---\nThe words.\n"),
        (
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block nope %}<div>{{ page.content | safe }}</div>{% endblock nope %}\n",
        ),
    ]);
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.starts_with("templates/page.html:2:4: warning: `{% block nope %}` fills a block that `base.html` does not have, so its content is never shown [template-block]"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: use one of the blocks `base.html` has: header_tools, main, sidebar, title"
        ),
        "{stderr}"
    );
    assert!(dir.path().join("public/a/index.html").is_file());
}

#[test]
fn pages_may_link_to_the_generated_pages_and_a_tag_no_page_has_is_still_broken() {
    let dir = site(&[
        ("content/guide/_index.md", "---\ntitle: Guide\n---\nThe guide.\n"),
        (
            "content/guide/launch.md",
            "---\ntitle: Launch\naudience: [marketing]\ntags: [Launches]\n---\nSee [every launch](../tags/launches/), [for marketing](../audiences/marketing/), [all tags](../tags/), [to review](../needs-review/), [search](../search/), [the guide on paper](print.html), [the feed](../feed.xml).\n",
        ),
    ]);
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    // Each link leads to a file the build wrote.
    let page = dir.path().join("public/guide/launch");
    let html = read(page.join("index.html"));
    let hrefs: Vec<&str> = main_region(&html)
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with("../"))
        .collect();
    for written in [
        "tags/launches/",
        "audiences/marketing/",
        "tags/",
        "needs-review/",
        "search/",
        "guide/print.html",
        "feed.xml",
    ] {
        let href = format!("../../{written}");
        assert!(hrefs.contains(&href.as_str()), "{href} in {hrefs:?}");
    }
    for href in hrefs {
        let mut target = page.join(href);
        if href.ends_with('/') {
            target = target.join("index.html");
        }
        assert!(target.is_file(), "{href} -> {}", target.display());
    }

    // A generated page that is not written is a missing page, as before.
    write(
        dir.path(),
        "content/guide/more.md",
        "---\ntitle: More\n---\n[Nothing](../tags/no-such-tag/).\n",
    );
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("content/guide/more.md:4:")
            && stderr.contains("link to missing page `../tags/no-such-tag/`"),
        "{stderr}"
    );
}

#[test]
fn a_top_level_index_md_is_the_home_page_when_there_is_no_index_with_an_underscore() {
    let dir = tempfile::TempDir::new().unwrap();
    write(dir.path(), "bridgebook.yaml", MINIMAL_CONFIG);
    write(
        dir.path(),
        "content/index.md",
        "---\ntitle: Welcome\n---\nStart with the [guide](guide/).\n",
    );
    write(
        dir.path(),
        "content/guide/index.md",
        "---\ntitle: Guide\n---\nSteps.\n",
    );
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    let home = read(dir.path().join("public/index.html"));
    assert!(main_region(&home).contains("Start with the"), "{home}");
    assert!(dir.path().join("public/guide/index.html").is_file());

    // With both, the two files the reader wrote are named, not a made-up one.
    write(
        dir.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\nHello.\n",
    );
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "content/index.md:1:1: error: this page and content/_index.md both want the URL /"
        ),
        "{stderr}"
    );
}

#[test]
fn an_anchor_is_checked_on_a_folder_link_too_and_ids_in_raw_html_count() {
    let dir = site(&[
        (
            "content/guide/_index.md",
            "---\ntitle: Guide\n---\n## Setup\n\n<a id=\"old-name\"></a>Renamed from Old name.\n\n<div id=\"box\">A box.</div>\n",
        ),
        (
            "content/other.md",
            "---\ntitle: Other\n---\n[a](guide/#setup), [b](guide/#old-name), [c](guide/_index.md#box), [d](guide/#gone).\n",
        ),
    ]);
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    // The one problem: a folder link's anchor is checked as a file link's is.
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(
        stderr.contains("content/other.md:4:")
            && stderr.contains("`guide/` has no heading with id `#gone` [broken-anchor]"),
        "{stderr}"
    );
}
