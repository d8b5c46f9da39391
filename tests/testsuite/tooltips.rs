//! Glossary tooltips as authors steer them: case, `not:` and `only:` phrases, the
//! `<!-- no-tooltip -->` comment, and what `check` says about them (`tooltip-phrases`,
//! `common-word-alias`). See: issue 19.

use crate::common::{bridgebook, read, site};

const GLOSSARY: &str = r#"terms:
  - term: Lead
    definition: A person who left contact details.
    not: [incident lead, take the lead]
  - term: SEO
    definition: Work that helps pages rank in unpaid search results.
  - term: Ticket
    definition: A written request in the tracker.
    aka:
      - name: request
        only: [a request, new request]
      - issue
"#;

const PAGE: &str = "---\ntitle: Leads\n---\nThe incident lead will take the lead. Seo is not SEO.\n\nEvery new lead goes to the CRM, and a pull request is not a request.\n\nOne <!-- no-tooltip -->issue is a magazine issue.\n";

fn tooltip_words(html: &str) -> Vec<&str> {
    html.split("class=\"term\" href=")
        .skip(1)
        .map(|part| part.split('>').nth(1).unwrap().trim_end_matches("</a"))
        .collect()
}

#[test]
fn authors_decide_where_a_term_matches() {
    let site = site(&[
        ("content/glossary.yaml", GLOSSARY),
        ("content/leads.md", PAGE),
    ]);
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let html = read(site.path().join("public/leads/index.html"));
    // Not "incident lead", not "take the lead", not "Seo", not "pull request", and not the
    // issue the comment switched off.
    assert_eq!(tooltip_words(&html), ["SEO", "lead", "request"], "{html}");
    assert!(
        html.contains("One <!-- no-tooltip -->issue is"),
        "the comment stays a comment"
    );
}

fn check_json(site: &tempfile::TempDir, args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let output = bridgebook()
        .current_dir(site.path())
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    (
        output.status.code().unwrap(),
        list.as_array().unwrap().clone(),
    )
}

#[test]
fn check_lists_each_terms_phrases_with_a_count_when_asked() {
    let page2 = "---\ntitle: More\n---\nAsk the incident lead. Then the team lead decides.\n";
    let site = site(&[
        ("content/glossary.yaml", GLOSSARY),
        ("content/leads.md", PAGE),
        ("content/more.md", page2),
        (
            "content/third.md",
            "---\ntitle: Third\n---\nThe team lead decides.\n",
        ),
    ]);
    let (_, plain) = check_json(&site, &[]);
    assert!(
        plain.iter().all(|p| p["code"] != "tooltip-phrases"),
        "only with --tooltips: {plain:?}"
    );
    let (code, problems) = check_json(&site, &["--tooltips", "--deny", "warnings"]);
    let notes: Vec<&serde_json::Value> = problems
        .iter()
        .filter(|p| p["code"] == "tooltip-phrases")
        .collect();
    let lead = notes
        .iter()
        .find(|p| p["message"].as_str().unwrap().starts_with("\"Lead\""))
        .expect("a note for Lead");
    assert_eq!(
        lead["message"],
        "\"Lead\": 3 tooltips on: \"team lead decides\" (2), \"new lead goes\" (1)"
    );
    assert_eq!(lead["severity"], "note");
    assert_eq!(lead["path"], "content/glossary.yaml");
    assert_eq!(lead["line"], 2);
    // The alias "issue" is an everyday word: the glossary's one warning.
    let warnings: Vec<&str> = problems
        .iter()
        .filter(|p| p["severity"] == "warning" && p["path"] == "content/glossary.yaml")
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(warnings, ["common-word-alias"]);
    assert_eq!(
        code, 1,
        "--deny warnings fails on the warning, never on a note"
    );
}

#[test]
fn an_everyday_alias_is_a_warning_until_the_author_says_it_is_meant() {
    let site = site(&[("content/glossary.yaml", GLOSSARY)]);
    let (code, problems) = check_json(&site, &["--deny", "warnings"]);
    assert_eq!(code, 1);
    let warning = &problems[0];
    assert_eq!(warning["code"], "common-word-alias");
    assert_eq!(
        (warning["line"].as_u64(), warning["column"].as_u64()),
        (Some(12), Some(9))
    );
    assert!(warning["message"]
        .as_str()
        .unwrap()
        .contains("\"issue\" of \"Ticket\" is an everyday English word"));
    let meant = GLOSSARY.replace(
        "      - issue\n",
        "      - {name: issue, common_word: true}\n",
    );
    crate::common::write(site.path(), "content/glossary.yaml", &meant);
    let (code, problems) = check_json(&site, &["--deny", "warnings"]);
    assert_eq!((code, problems.len()), (0, 0), "{problems:?}");
}

#[test]
fn notes_are_github_notices() {
    let site = site(&[
        ("content/glossary.yaml", GLOSSARY),
        ("content/leads.md", PAGE),
    ]);
    let output = bridgebook()
        .current_dir(site.path())
        .args(["check", "--tooltips", "--format", "github"])
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(
        out.lines().any(|l| l.starts_with(
            "::notice file=content/glossary.yaml,line=2,col=11,title=tooltip phrases::\"Lead\": 1 tooltip on: \"new lead goes\" (1)"
        )),
        "{out}"
    );
}

#[test]
fn a_no_tooltip_comment_that_starts_a_line_is_an_error_with_the_fix() {
    let page = "---\ntitle: Leads\n---\nA sentence that wraps and\n<!-- no-tooltip -->lead starts the next line.\n";
    let site = site(&[
        ("content/glossary.yaml", GLOSSARY),
        ("content/leads.md", page),
    ]);
    let output = bridgebook()
        .current_dir(site.path())
        .arg("build")
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(!output.status.success());
    assert!(
        err.contains("content/leads.md:5:1: error: a line that starts with `<!-- no-tooltip -->` is read as raw HTML"),
        "{err}"
    );
}

#[test]
fn a_phrase_that_does_not_hold_its_word_is_an_error() {
    let glossary = "terms:\n  - term: Lead\n    definition: d\n    not: [incident leader, lede]\n";
    let site = site(&[("content/glossary.yaml", glossary)]);
    let output = bridgebook()
        .current_dir(site.path())
        .arg("build")
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.contains("content/glossary.yaml:4:28: error: the phrase \"lede\" does not contain \"Lead\" [glossary]"),
        "{err}"
    );
    assert!(!err.contains("incident leader\" does not"), "{err}");
}
