//! The audience-aware handbook (issue 8), as a reader meets it: view-as data and audience
//! pages, glossary tooltips, owners and freshness, dates from git, reading tracks and feeds.
//! "Today" is fixed by `SOURCE_DATE_EPOCH` (2026-09-21, see common.rs).

use std::path::Path;
use std::process::Command;

use crate::browser::run_scenario;
use crate::common::*;

const GLOSSARY: &str = "terms:\n  - term: CDN\n    definition: Servers near readers that keep copies of the site.\n    aka: [edge network]\n  - term: Funnel\n    definition: The steps from first visit to sale.\n    aka: [pipeline]\n";

fn build(site: &Path) -> String {
    let output = bridgebook()
        .current_dir(site)
        .arg("build")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    stderr
}

fn page(site: &Path, url: &str) -> String {
    read(site.join("public").join(url).join("index.html"))
}

/// A small handbook with one page per audience, tracks, owners and a glossary.
fn handbook() -> tempfile::TempDir {
    let config = format!(
        "{MINIMAL_CONFIG}tracks:\n  - id: it-for-marketers\n    title: IT basics for marketers\n    description: Start here.\n    pages:\n      - guides/cdn.md\n      - guides/funnel.md\n      - ops/deploys.md\n"
    );
    let dir = site(&[
        ("content/glossary.yaml", GLOSSARY),
        ("content/guides/_index.md", "---\ntitle: Guides\n---\n"),
        ("content/guides/cdn.md", "---\ntitle: CDN basics\naudience: [marketing]\nowner: web-team\nreview_by: 2026-09-01\n---\nA cdn keeps copies. The CDN is fast. Our `CDN` config and [the CDN](funnel.md).\n\n## The CDN\n\n```\nCDN\n```\n\n<abbr title=\"x\">Funnel</abbr> then a funnel, and a CDNs word.\n"),
        ("content/guides/funnel.md", "---\ntitle: Funnels\naudience: [it]\nroles: [cmo]\nowner: growth\nreview_by: 2027-01-01\n---\nThe pipeline, then the funnel.\n"),
        ("content/guides/everyone.md", "---\ntitle: For all\naudience: [everyone]\n---\nNo tooltips here: the CDN.\n"),
        ("content/ops/_index.md", "---\ntitle: Operations\n---\n"),
        ("content/ops/deploys.md", "---\ntitle: Deploys\naudience: [it]\ntooltips: false\nowner: platform\nreview_by: 2026-06-23\n---\nThe CDN again.\n"),
    ]);
    write(dir.path(), "bridgebook.yaml", &config);
    dir
}

#[test]
fn nav_and_listings_carry_audiences_and_audience_pages_group_by_section() {
    let site = handbook();
    build(site.path());
    let html = page(site.path(), "guides/cdn");
    assert!(
        html.contains("<div class=\"view-as\"><label for=\"view-as\">View as</label>")
            && html.contains(".view-as{display:none;")
            && html.contains(".js .view-as{display:flex}")
            && html.contains("d.classList.add(\"js\")"),
        "the switcher is shown only when scripts run (html.js), so without them everything is shown"
    );
    assert!(html.contains("<option value=\"it\">IT</option>"));
    assert!(html.contains("<li class=\"active\"><a href=\"../../guides/\">Guides</a><ul><li class=\"active\" data-audience=\"marketing\"><a href=\"../../guides/cdn/\" aria-current=\"page\">CDN basics</a></li>"), "{html}");
    let listing = main_region(&page(site.path(), "guides")).to_string();
    assert!(
        listing.contains(
            "<li data-audience=\"it\" data-roles=\"cmo\"><a href=\"../guides/funnel/\">Funnels</a>"
        ),
        "{listing}"
    );
    let it = main_region(&page(site.path(), "audiences/it")).to_string();
    assert!(it.contains("<h2 id=\"group-1\" class=\"list-head\"><a href=\"../../guides/\">Guides</a></h2><ul class=\"cards\"><li data-audience=\"it\" data-roles=\"cmo\"><a href=\"../../guides/funnel/\">Funnels</a>"), "{it}");
    assert!(
        it.contains("<a href=\"../../ops/\">Operations</a></h2>"),
        "{it}"
    );
    assert!(
        !it.contains("CDN basics"),
        "a marketing page is not on the IT page"
    );
}

#[test]
fn a_glossary_term_gets_one_tooltip_never_in_code_headings_links_or_abbr() {
    let site = handbook();
    build(site.path());
    let body = main_region(&page(site.path(), "guides/cdn")).to_string();
    assert_eq!(body.matches("class=\"term\"").count(), 2, "{body}");
    // An acronym matches by case: "cdn" in lower case is not the term.
    assert!(body.contains("<p>A cdn keeps copies. The <span class=\"gloss\"><a class=\"term\" href=\"../../glossary/#cdn\" aria-describedby=\"tip-cdn\">CDN</a><span class=\"tip\" role=\"tooltip\" id=\"tip-cdn\"><strong>CDN</strong>: Servers near readers that keep copies of the site. <em>Also called: edge network</em></span></span> is fast."), "the first occurrence only:\n{body}");
    assert!(
        body.contains("<code>CDN</code>")
            && body.contains("<a href=\"../../guides/funnel/\">the CDN</a>")
    );
    assert!(body.contains("<h2 id=\"the-cdn\">The CDN <a class=\"anchor\""));
    assert!(body.contains("<abbr title=\"x\">Funnel</abbr> then a <span class=\"gloss\"><a class=\"term\" href=\"../../glossary/#funnel\""), "{body}");
    let alias = main_region(&page(site.path(), "guides/funnel")).to_string();
    assert!(
        alias.contains(">pipeline</a><span class=\"tip\""),
        "an alias counts as its term"
    );
    assert_eq!(alias.matches("class=\"term\"").count(), 1);
    let off = main_region(&page(site.path(), "ops/deploys")).to_string();
    assert!(
        !off.contains("class=\"term\""),
        "`tooltips: false` turns them off"
    );
    let glossary = main_region(&page(site.path(), "glossary")).to_string();
    assert!(glossary.contains("<p class=\"aka\">Used in: <a href=\"../guides/cdn/\">CDN basics</a>, <a href=\"../guides/everyone/\">For all</a></p>"), "{glossary}");

    let config = read(site.path().join("bridgebook.yaml"));
    write(
        site.path(),
        "bridgebook.yaml",
        &format!("{config}tooltips: false\n"),
    );
    build(site.path());
    assert!(
        !page(site.path(), "guides/cdn").contains("class=\"term\""),
        "the site switch turns them off"
    );
}

#[test]
fn long_listings_continue_on_linked_pages() {
    let site = handbook();
    let config = std::fs::read_to_string(site.path().join("bridgebook.yaml")).unwrap();
    write(
        site.path(),
        "bridgebook.yaml",
        &format!("{config}list_page_size: 1\n"),
    );
    build(site.path());
    // IT lists "Funnels" (Guides), then "Deploys" (Operations): one per listing page.
    let first = main_region(&page(site.path(), "audiences/it")).to_string();
    assert!(
        first.contains("Funnels</a>") && !first.contains("Deploys</a>"),
        "{first}"
    );
    assert!(first.contains("<nav class=\"pager\" aria-label=\"Pages of this list\"><p class=\"pager-at\">Page 1 of 2: 1–1 of 2</p><a class=\"next\" href=\"../../audiences/it/page/2/\" rel=\"next\"><span>Next</span> Page 2</a></nav>"), "{first}");
    let second_html = page(site.path(), "audiences/it/page/2");
    assert!(
        second_html.contains("<title>Audience: IT (page 2 of 2)"),
        "{second_html}"
    );
    let second = main_region(&second_html).to_string();
    assert!(
        second.contains("<a href=\"../../../../ops/deploys/\">Deploys</a>"),
        "{second}"
    );
    assert!(
        second.contains("<a class=\"prev\" href=\"../../../../audiences/it/\" rel=\"prev\">"),
        "{second}"
    );
    // Needs review: three pages, one per listing page; each owner's heading counts all of
    // that owner's pages, not only those on this listing page.
    let review = main_region(&page(site.path(), "needs-review")).to_string();
    assert!(review.contains("Page 1 of 3"), "{review}");
    assert!(page(site.path(), "needs-review/page/3").contains("For all</a>"));
}

#[test]
fn overdue_pages_show_a_badge_and_are_listed_on_the_needs_review_page() {
    let site = handbook();
    build(site.path());
    let cdn = main_region(&page(site.path(), "guides/cdn")).to_string();
    assert!(cdn.contains("<p class=\"overdue-badge\"><strong>Review overdue</strong> by 20 days: this page may be out of date; ask web-team.</p>"), "{cdn}");
    assert!(cdn.contains("<p>Owner: <strong>web-team</strong></p>"));
    let fresh = main_region(&page(site.path(), "guides/funnel")).to_string();
    assert!(!fresh.contains("overdue"), "{fresh}");
    assert!(fresh.contains("<p>Review by <time datetime=\"2027-01-01\">2027-01-01</time></p>"));
    let review = main_region(&page(site.path(), "needs-review")).to_string();
    let sections: Vec<&str> = review.split("<h2 ").skip(1).collect();
    assert_eq!(sections.len(), 3, "{review}");
    assert!(
        sections[0].starts_with("id=\"owner-1\">platform <span class=\"count\">1 page</span></h2>"),
        "{review}"
    );
    assert!(sections[0].contains("Deploys</a>\n<p><span class=\"overdue\">Review overdue by 90 days</span> (due <time datetime=\"2026-06-23\">2026-06-23</time>)."));
    assert!(sections[1].starts_with("id=\"owner-2\">web-team"));
    assert!(
        sections[2].starts_with("id=\"owner-3\">No owner") && sections[2].contains("For all</a>")
    );
    assert!(
        review.contains("3 pages past their review date or without an owner, as of 2026-09-21.")
    );
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn last_updated_comes_from_the_last_commit_that_touched_the_page() {
    let site = handbook();
    git(site.path(), &["init", "-q"], "2025-01-01T12:00:00Z");
    git(site.path(), &["add", "."], "2025-01-01T12:00:00Z");
    git(
        site.path(),
        &["commit", "-qm", "first"],
        "2025-01-10T12:00:00Z",
    );
    write(
        site.path(),
        "content/guides/funnel.md",
        &read(site.path().join("content/guides/funnel.md")).replace("The pipeline", "Our pipeline"),
    );
    git(
        site.path(),
        &["commit", "-qam", "second"],
        "2025-03-05T12:00:00Z",
    );
    build(site.path());
    assert!(page(site.path(), "guides/funnel")
        .contains("<p>Last updated <time datetime=\"2025-03-05\">2025-03-05</time></p>"));
    assert!(page(site.path(), "guides/cdn")
        .contains("<p>Last updated <time datetime=\"2025-01-10\">2025-01-10</time></p>"));
    // A page git does not know yet falls back to its file time (clamped to SOURCE_DATE_EPOCH).
    write(
        site.path(),
        "content/guides/new.md",
        "---\ntitle: New\n---\nx\n",
    );
    build(site.path());
    assert!(page(site.path(), "guides/new").contains("<time datetime=\"2026-09-21\">"));
}

#[test]
fn outside_git_a_page_shows_its_file_date_without_error() {
    let site = handbook();
    let stderr = build(site.path());
    assert!(!stderr.contains("git"), "{stderr}");
    assert!(page(site.path(), "guides/cdn")
        .contains("<p>Last updated <time datetime=\"2026-09-21\">2026-09-21</time></p>"));
}

#[test]
fn a_reading_track_has_a_landing_page_and_step_navigation() {
    let site = handbook();
    build(site.path());
    let landing = main_region(&page(site.path(), "tracks/it-for-marketers")).to_string();
    assert!(landing.contains("<h1>IT basics for marketers</h1><p class=\"lede\">Start here.</p>"));
    assert!(landing.contains("<li><span class=\"step\">Step 2 of 3</span> <a href=\"../../guides/funnel/\">Funnels</a>"), "{landing}");
    let step = main_region(&page(site.path(), "guides/funnel")).to_string();
    assert!(step.contains("<p class=\"track-step\">Step 2 of 3 in <a href=\"../../tracks/it-for-marketers/\">IT basics for marketers</a></p>"), "{step}");
    assert!(step.contains("<nav class=\"track\" aria-label=\"Reading track: IT basics for marketers\"><p><a href=\"../../tracks/it-for-marketers/\">IT basics for marketers</a>: step 2 of 3</p><p class=\"track-links\"><a href=\"../../guides/cdn/\"><span>Previous step</span> CDN basics</a><a class=\"next\" href=\"../../ops/deploys/\"><span>Next step</span> Deploys</a></p></nav>"), "{step}");
    let last = main_region(&page(site.path(), "ops/deploys")).to_string();
    assert!(last.contains("step 3 of 3") && !last.contains("Next step"));
    assert!(page(site.path(), "tracks")
        .contains("IT basics for marketers</a><p>Start here.</p><p>3 steps, starting with"));
}

#[test]
fn feeds_list_recently_updated_pages_for_the_site_and_each_audience() {
    let site = handbook();
    build(site.path());
    let feed = read(site.path().join("public/feed.xml"));
    assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>Test</title>\n"), "{feed}");
    assert_eq!(
        feed.matches("<entry>").count(),
        4,
        "pages, not sections: {feed}"
    );
    assert!(feed.contains("<entry>\n<title>CDN basics</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"guides/cdn/\"/>\n<id>urn:bridgebook:guides/cdn/</id>\n<updated>2026-09-21T00:00:00Z</updated>\n<author><name>web-team</name></author>\n<category term=\"marketing\"/>\n</entry>"), "{feed}");
    let it = read(site.path().join("public/audiences/it/feed.xml"));
    assert_eq!(it.matches("<entry>").count(), 2, "{it}");
    assert!(it.contains("href=\"../../guides/funnel/\"") && !it.contains("CDN basics"));
    assert!(page(site.path(), "guides/cdn").contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Test: recently updated\" href=\"../../feed.xml\">"));
}

struct Bad {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    error: &'static str,
    help: &'static str,
}

const BAD: &[Bad] = &[
    Bad { name: "empty glossary term", files: &[("content/glossary.yaml", "terms:\n  - term: CDN\n    definition: a\n  - term: \"\"\n    definition: b\n")], error: "content/glossary.yaml:4:5: error: a glossary term is empty [glossary]", help: "write the term" },
    Bad { name: "duplicate glossary term", files: &[("content/glossary.yaml", "terms:\n  - term: CDN\n    definition: a\n  - term: cdn\n    definition: b\n")], error: "content/glossary.yaml:4:11: error: the term \"cdn\" is already used by \"CDN\" [glossary]", help: "must be unique" },
    Bad { name: "alias collides with a term", files: &[("content/glossary.yaml", "terms:\n  - term: CDN\n    definition: a\n  - term: Cache\n    definition: b\n    aka: [cdn]\n")], error: "content/glossary.yaml:6:11: error: the alias \"cdn\" is already used by \"CDN\" [glossary]", help: "must be unique" },
    Bad { name: "review_by not a date", files: &[("content/a.md", "---\ntitle: A\nreview_by: next spring\n---\n")], error: "content/a.md:3:1", help: "YYYY-MM-DD" },
    Bad { name: "owner not a string", files: &[("content/a.md", "---\ntitle: A\nowner: [web, it]\n---\n")], error: "content/a.md:3:1: error: `owner` must be text", help: "owner" },
    Bad { name: "track step that does not exist", files: &[("bridgebook.yaml", "title: T\ntracks:\n  - id: start\n    title: Start\n    pages:\n      - guides/intro.md\n      - guides/missing.md\n"), ("content/guides/intro.md", "---\ntitle: Intro\n---\n")], error: "bridgebook.yaml:7:9: error: track \"start\" names a page that does not exist: guides/missing.md [track]", help: "did you mean \"guides/intro.md\"?" },
    Bad { name: "track declared twice", files: &[("bridgebook.yaml", "title: T\ntracks:\n  - id: start\n    title: A\n    pages: [a.md]\n  - id: start\n    title: B\n    pages: [a.md]\n"), ("content/a.md", "---\ntitle: A\n---\n")], error: "bridgebook.yaml:3:9: error: track id \"start\" is declared twice [track]", help: "its own id" },
];

#[test]
fn bad_audience_input_gets_a_clear_error_with_file_and_line() {
    let mut failures = Vec::new();
    for case in BAD {
        let site = site(&[]);
        for (path, text) in case.files {
            write(site.path(), path, text);
        }
        let output = bridgebook()
            .current_dir(site.path())
            .arg("build")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let ok = output.status.code() == Some(1)
            && stderr.lines().next().unwrap_or("").starts_with(case.error)
            && stderr.contains(case.help);
        if !ok {
            failures.push(format!(
                "{}: expected {} / {}\n{stderr}",
                case.name, case.error, case.help
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn view_as_filters_the_nav_and_persists_and_a_tooltip_opens_by_keyboard() {
    let site = handbook();
    build(site.path());
    let out = site.path().join("public");
    let Some(result) = run_scenario(
        "audience.mjs",
        &[
            out.to_str().unwrap(),
            "guides/cdn/",
            "guides/funnel/",
            "guides/everyone/",
        ],
    ) else {
        return;
    };
    assert_eq!(
        result["everyone"],
        serde_json::json!(["CDN basics", "For all", "Funnels"])
    );
    assert_eq!(
        result["asIt"],
        serde_json::json!(["CDN basics", "For all", "Funnels"]),
        "the current page stays; others for marketing only are hidden"
    );
    assert_eq!(
        result["asItOnOtherPage"],
        serde_json::json!(["For all", "Funnels"])
    );
    assert_eq!(result["forYou"], serde_json::json!(["Funnels"]));
    assert_eq!(result["urlView"], "it");
    assert_eq!(
        result["datasetView"], "it",
        "other scripts (search) read <html data-view>"
    );
    assert_eq!(
        result["afterReload"],
        serde_json::json!(["For all", "Funnels"]),
        "the view is remembered"
    );
    assert_eq!(
        result["sharedLink"],
        serde_json::json!(["CDN basics", "For all"]),
        "?view=marketing in a link wins"
    );
    assert_eq!(result["tipHiddenBefore"], true);
    assert_eq!(result["tipVisibleOnFocus"], true);
    assert_eq!(result["tipHiddenAfterEscape"], true);
    assert_eq!(
        result["describedBy"],
        "Funnel: The steps from first visit to sale. Also called: pipeline"
    );
    assert_eq!(result["feedRoot"], "feed");
    assert_eq!(result["feedEntries"], 4);
    assert_eq!(result["feedErrors"], 0, "feed.xml is well-formed Atom");
}

#[test]
fn the_audience_pages_of_the_shipped_handbook_have_no_serious_accessibility_violations() {
    let (_dir, out) = build_handbook();
    let pages = [
        out.to_str().unwrap(),
        "needs-review/",
        "tracks/",
        "tracks/it-basics-for-marketers/",
        "tech-basics/page-speed/",
        "audiences/it/",
    ];
    run_scenario("a11y.mjs", &pages);
}
