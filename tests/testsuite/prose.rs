//! `check`'s plain-language rules through the binary: jargon for the wrong reader, unknown
//! acronyms, reading level per audience, spelling and grammar, allow comments, `--changed`.

use std::path::Path;
use std::process::Command as Process;

use crate::common::{bridgebook, site, write, MINIMAL_CONFIG};

const PROSE_CONFIG: &str = "prose:\n  words: [Northwind]\n  vocabulary:\n    it: [Kubernetes]\n  reading_grade: {everyone: 8, marketing: 8, it: 12}\n";

fn page(audience: &str, body: &str) -> String {
    format!("---\ntitle: A page\naudience: [{audience}]\nowner: web-team\n---\n{body}")
}

/// `check --format json` on a site: (exit code, [(path:line:col, code, message, help)]).
fn check(root: &Path, extra: &[&str]) -> (i32, Vec<(String, String, String, String)>) {
    let out = bridgebook()
        .args(["check", "--format", "json", "-r"])
        .arg(root)
        .args(extra)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let problems = json
        .as_array()
        .expect("an array")
        .iter()
        // Every page here is an orphan with the same title: not what these tests are about.
        .filter(|p| p["code"] != "orphan-page" && p["code"] != "duplicate-title")
        .map(|p| {
            (
                format!(
                    "{}:{}:{}",
                    p["path"].as_str().unwrap_or(""),
                    p["line"],
                    p["column"]
                ),
                p["code"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
                p["help"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (out.status.code().expect("exited"), problems)
}

fn prose_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = site(files);
    write(
        dir.path(),
        "bridgebook.yaml",
        &format!("{MINIMAL_CONFIG}{PROSE_CONFIG}"),
    );
    dir
}

#[test]
fn jargon_is_reported_where_the_other_side_reads_it() {
    let body =
        "We moved the shop to Kubernetes last year, and our SLA is four hours.\n\nThe SLA again.\n";
    let dir = prose_site(&[
        ("content/for-marketing.md", &page("marketing", body)),
        ("content/for-it.md", &page("it", body)),
    ]);
    let (code, problems) = check(dir.path(), &[]);
    assert_eq!(code, 0, "warnings only: {problems:?}");
    let got: Vec<(&str, &str)> = problems
        .iter()
        .map(|(at, code, _, _)| (at.as_str(), code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("content/for-it.md:6:52", "unexplained-acronym"),
            ("content/for-marketing.md:6:22", "jargon"),
            ("content/for-marketing.md:6:52", "unexplained-acronym"),
        ]
    );
    let jargon = &problems[1];
    assert_eq!(
        jargon.2,
        "\"Kubernetes\" may be new to Marketing readers, and nothing here explains it"
    );
    assert!(jargon.3.contains("content/glossary.yaml"), "{}", jargon.3);
}

#[test]
fn glossary_terms_are_explained_by_their_tooltips_and_audience() {
    let glossary = "terms:\n  - term: CDN\n    definition: Servers near the visitor.\n    audience: [marketing]\n";
    let body = "The CDN keeps a copy near you.\n";
    let off = "---\ntitle: Off\naudience: [marketing]\nowner: web-team\ntooltips: false\n---\nThe CDN keeps a copy near you.\n";
    let dir = prose_site(&[
        ("content/glossary.yaml", glossary),
        ("content/on.md", &page("marketing", body)),
        ("content/off.md", off),
        ("content/engineers.md", &page("it", body)),
    ]);
    let (_, problems) = check(dir.path(), &[]);
    let got: Vec<(&str, &str)> = problems
        .iter()
        .map(|(at, code, _, _)| (at.as_str(), code.as_str()))
        .collect();
    assert_eq!(got, [("content/off.md:7:5", "jargon")], "{problems:?}");
}

#[test]
fn a_page_above_its_audiences_grade_names_its_longest_sentences() {
    let hard = "Organisational interdependencies necessitate comprehensive documentation of infrastructural considerations preceding implementation.\n".repeat(9);
    let easy = "We ship on Monday. Tell us by Friday. We will help you.\n".repeat(10);
    let dir = prose_site(&[
        ("content/hard.md", &page("marketing", &hard)),
        ("content/easy.md", &page("marketing", &easy)),
        // Grade 12 is allowed for IT, and this is still above it.
        ("content/hard-it.md", &page("it", &hard)),
    ]);
    let (_, problems) = check(dir.path(), &[]);
    let levels: Vec<&(String, String, String, String)> =
        problems.iter().filter(|p| p.1 == "reading-level").collect();
    assert_eq!(levels.len(), 2, "{problems:?}");
    let (at, _, message, help) = levels[0];
    assert_eq!(at, "content/hard-it.md:6:1");
    assert!(
        message.contains("above the 12 set for IT readers"),
        "{message}"
    );
    let (_, _, message, help_marketing) = levels[1];
    assert!(message.starts_with("reads at grade "), "{message}");
    assert!(
        message.contains("above the 8 set for Marketing readers"),
        "{message}"
    );
    assert!(help.contains("content/hard-it.md:6 (10 words)"), "{help}");
    assert_eq!(
        help_marketing.matches("content/hard.md:").count(),
        3,
        "{help_marketing}"
    );
}

#[test]
fn allow_comments_silence_one_occurrence_and_report_when_unused() {
    let body = "Our <!-- allow: unexplained-acronym --> SLA holds. The RTO too.\n\n<!-- allow: jargn -->\n";
    let dir = prose_site(&[("content/a.md", &page("it", body))]);
    let (_, problems) = check(dir.path(), &[]);
    let got: Vec<(&str, &str)> = problems
        .iter()
        .map(|(at, code, _, _)| (at.as_str(), code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("content/a.md:6:56", "unexplained-acronym"),
            ("content/a.md:8:1", "unused-allow"),
        ],
        "{problems:?}"
    );
    assert!(
        problems[1].3.contains("did you mean \"jargon\"?"),
        "{}",
        problems[1].3
    );
}

#[test]
fn spelling_is_off_by_default_and_knows_the_sites_words_when_on() {
    let body = "Northwind will recieve the files.\n";
    let dir = prose_site(&[("content/a.md", &page("it", body))]);
    let (_, problems) = check(dir.path(), &[]);
    assert!(problems.is_empty(), "{problems:?}");
    let config = format!("{MINIMAL_CONFIG}{PROSE_CONFIG}checks:\n  spelling: error\n");
    write(dir.path(), "bridgebook.yaml", &config);
    let (code, problems) = check(dir.path(), &[]);
    assert_eq!(code, 1, "raised to an error: {problems:?}");
    let got: Vec<(&str, &str)> = problems
        .iter()
        .map(|(at, code, _, _)| (at.as_str(), code.as_str()))
        .collect();
    assert_eq!(got, [("content/a.md:6:16", "spelling")]);
    assert!(problems[0].3.contains("\"receive\""), "{:?}", problems[0]);
}

#[test]
fn prose_settings_are_checked_against_the_config() {
    let dir = site(&[]);
    let config = format!("{MINIMAL_CONFIG}prose:\n  reading_grade: {{marketting: 9}}\n  rules: {{SpelCheck: false}}\n");
    write(dir.path(), "bridgebook.yaml", &config);
    let out = bridgebook()
        .args(["check", "-r"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("unknown audience \"marketting\""), "{text}");
    assert!(text.contains("did you mean \"marketing\"?"), "{text}");
    assert!(
        text.contains("`SpelCheck` is not a spelling or grammar rule"),
        "{text}"
    );
    assert!(text.contains("did you mean \"SpellCheck\"?"), "{text}");
}

fn git(root: &Path, args: &[&str]) {
    let status = Process::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(root)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn changed_limits_warnings_to_the_lines_and_pages_a_change_wrote() {
    let old = "Line one has an SLA.\n\nLine two is fine.\n";
    let dir = prose_site(&[
        ("content/old.md", &page("it", old)),
        ("content/edited.md", &page("it", old)),
        ("content/linked.md", &page("it", "See [gone](gone.md).\n")),
    ]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    git(dir.path(), &["checkout", "-q", "-b", "change"]);
    // The edit adds an acronym on a new line; the old one on line 6 is not the author's.
    let edited = "Line one has an SLA.\n\nLine two now names the RTO.\n";
    write(dir.path(), "content/edited.md", &page("it", edited));
    write(
        dir.path(),
        "content/new.md",
        &page("it", "A new page with a KPI.\n"),
    );
    let (_, all) = check(dir.path(), &[]);
    assert_eq!(
        all.iter().filter(|p| p.1 == "unexplained-acronym").count(),
        4
    );
    let (code, problems) = check(dir.path(), &["--changed", "main"]);
    assert_eq!(code, 1, "the broken link elsewhere is still an error");
    let got: Vec<(&str, &str)> = problems
        .iter()
        .map(|(at, code, _, _)| (at.as_str(), code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("content/edited.md:8:24", "unexplained-acronym"),
            ("content/linked.md:6:5", "broken-link"),
            ("content/new.md:6:19", "unexplained-acronym"),
        ]
    );
    let out = bridgebook()
        .args(["check", "--changed", "no-such-ref", "-r"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot compare the site with `no-such-ref`"),
        "{err}"
    );
}
