//! Real handbooks in CI: the TTS (18F) Handbook (Eleventy, Liquid shortcodes) and Docsy's
//! documentation (Hugo, YAML and TOML front matter, tabs, alerts, params) from
//! `../shared/corpora/`, imported, built and checked. Where the corpora are not there the tests
//! say so and pass: CI has them.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::*;
use crate::import::{
    build, openers_in_bodies, report_lines_are_true, reported_openers, run_import,
};

/// `<repo>/../shared/corpora/NAME`, or `None` (said on stderr) where it is not present.
fn corpus(name: &str) -> Option<PathBuf> {
    let path = repo_root().join("../shared/corpora").join(name);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "skipped: the corpus {} is not here (CI has it)",
            path.display()
        );
        None
    }
}

fn import_corpus(source: &Path) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let site = dir.path().join("site");
    let started = Instant::now();
    let output = run_import(source, &site, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!(
        "import of {}: {:?} (debug build)",
        source.display(),
        started.elapsed()
    );
    (dir, site)
}

/// The problems `check` finds, as JSON objects.
fn check(site: &Path) -> Vec<Value> {
    let output = bridgebook()
        .args(["check", "--format", "json", "-r"])
        .arg(site)
        .output()
        .unwrap();
    serde_json::from_slice::<Value>(&output.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

const LINK_CODES: &[&str] = &[
    "broken-link",
    "broken-anchor",
    "missing-image",
    "missing-file",
];

/// Every link or image problem `check` finds is a warning (the import relaxed it) listed in the
/// report's "Problems the build found"; nothing is an error. Returns them by code.
fn link_problems_are_reported(site: &Path, report: &str) -> BTreeMap<String, Vec<Value>> {
    let mut by_code: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for problem in check(site) {
        let code = problem["code"].as_str().unwrap().to_string();
        assert_eq!(problem["severity"], "warning", "{problem}");
        if LINK_CODES.contains(&code.as_str()) {
            let entry = format!(
                "- {}:{}: {}",
                problem["path"].as_str().unwrap(),
                problem["line"],
                problem["message"].as_str().unwrap()
            );
            assert!(report.contains(&entry), "the report does not list {entry}");
            by_code.entry(code).or_default().push(problem);
        }
    }
    by_code
}

/// The text between the first pair of backticks in a message.
fn quoted(message: &str) -> &str {
    message.split('`').nth(1).unwrap_or("")
}

/// Every source page's new file, for a Markdown page at `rel` in the source's content folder.
fn imported_file(site: &Path, rel: &str) -> PathBuf {
    let stem = rel.trim_end_matches(".md");
    let (dir, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    let mut candidates = vec![
        format!("{stem}.md"),
        format!("{stem}/_index.md"),
        format!("{stem}/index.md"),
    ];
    // Index files, and (Eleventy) a file named like its folder, are the folder's page.
    let folder = dir.rsplit('/').next().unwrap_or("");
    if matches!(name, "index" | "_index" | "README" | "readme") || name == folder {
        candidates.insert(
            0,
            if dir.is_empty() {
                "_index.md".into()
            } else {
                format!("{dir}/_index.md")
            },
        );
        candidates.push(format!("{dir}/index.md"));
    }
    candidates
        .iter()
        .map(|c| site.join("content").join(c.trim_start_matches('/')))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("no page in the new site for the source page {rel}"))
}

/// The URL bridgebook gives `content/REL`, as a path under `public/`.
fn built_page(site: &Path, file: &Path) -> PathBuf {
    let rel = file
        .strip_prefix(site.join("content"))
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let url = match rel.rsplit('/').next().unwrap() {
        "_index.md" | "index.md" => rel.rsplit_once('/').map_or("", |(d, _)| d).to_string(),
        _ => rel.trim_end_matches(".md").to_string(),
    };
    site.join("public").join(url).join("index.html")
}

fn source_pages(content: &Path) -> Vec<String> {
    walkdir::WalkDir::new(content)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(content)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Every source page was imported and built, unless it is a draft.
fn every_page_is_built(site: &Path, content: &Path, skip: &[String]) -> usize {
    let mut built = 0;
    for rel in source_pages(content)
        .into_iter()
        .filter(|r| !skip.contains(r))
    {
        let file = imported_file(site, &rel);
        if read(&file).contains("\ndraft: true\n") {
            continue;
        }
        let html = built_page(site, &file);
        assert!(
            html.is_file(),
            "{rel} was imported as {} but {} was not built",
            file.display(),
            html.display()
        );
        built += 1;
    }
    built
}

#[test]
fn the_18f_handbook_imports_builds_and_accounts_for_every_liquid_construct() {
    let Some(source) = corpus("18f-handbook") else {
        return;
    };
    let (_dir, site) = import_corpus(&source);
    let report = read(site.join("import-report.md"));
    // Every `{%` and `{{` still in a page is one the report lists, left or kept as text.
    assert_eq!(openers_in_bodies(&site, false), reported_openers(&report));
    assert!(report_lines_are_true(&site, &report) > 300);
    for row in [
        "| converted | `page` |",
        "| converted | `alert` |",
        "| converted | `raw` |",
        "| dropped | `comment` |",
        "| left in place | `slack_channel` |",
        "| left in place | `include` |",
    ] {
        assert!(report.contains(row), "{row}");
    }
    let started = Instant::now();
    let built = build(&site);
    eprintln!(
        "build of the imported 18F handbook: {:?} (debug build)",
        started.elapsed()
    );
    let pages = every_page_is_built(&site, &source.join("pages"), &[]);
    assert!(pages >= 240, "{pages} pages built; {built}");
    // Old addresses redirect: `redirect_from: [/outreach/]` on the outreach page.
    assert!(
        read(site.join("public/outreach/index.html")).contains("office-of-operations/outreach/")
    );
    let problems = link_problems_are_reported(&site, &report);
    // The only link and image problems are the corpus's own: its images were left out...
    for p in problems.get("missing-image").into_iter().flatten() {
        let image = quoted(p["message"].as_str().unwrap()).trim_start_matches('/');
        assert!(
            image.starts_with("_img/") && !source.join(image).exists(),
            "{p}"
        );
    }
    // ...links to pages it does not have...
    let stems: HashSet<String> = source_pages(&source.join("pages"))
        .iter()
        .map(|r| {
            r.trim_end_matches(".md")
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    for code in ["broken-link", "missing-file"] {
        for p in problems.get(code).into_iter().flatten() {
            let target = quoted(p["message"].as_str().unwrap()).trim_end_matches('/');
            let last = target.rsplit('/').next().unwrap().trim_end_matches(".md");
            assert!(!stems.contains(last), "{p}");
        }
    }
    // ...and links to parts of pages whose text has no such heading: the source's layout made
    // them (a page's "questions" box, the sections of its HTML home page).
    for p in problems.get("broken-anchor").into_iter().flatten() {
        let message = p["message"].as_str().unwrap();
        let anchor = message.rsplit('#').next().unwrap().trim_end_matches('`');
        let target = quoted(message)
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md");
        let words: Vec<&str> = anchor.split('-').collect();
        for rel in source_pages(&source.join("pages"))
            .iter()
            .filter(|r| r.trim_end_matches(".md").ends_with(target))
        {
            let text = read(source.join("pages").join(rel));
            let has = text.lines().filter(|l| l.starts_with('#')).any(|l| {
                let l = l.to_lowercase();
                words.iter().all(|w| l.contains(w))
            });
            assert!(!has, "{rel} has a heading for #{anchor}: {p}");
        }
    }
    let listed = report
        .split("## Problems the build found")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap()
        .matches("\n- content/")
        .count();
    assert_eq!(problems.values().map(Vec::len).sum::<usize>(), listed);
}

#[test]
fn the_docsy_docs_import_with_alerts_as_callouts_and_tabs_and_params_reported() {
    let Some(source) = corpus("docsy-docs") else {
        return;
    };
    let (_dir, site) = import_corpus(&source);
    let report = read(site.join("import-report.md"));
    assert_eq!(openers_in_bodies(&site, true), reported_openers(&report));
    let checked = report_lines_are_true(&site, &report);
    assert!(checked > 300, "{checked} lines checked");
    // Alerts became callouts; only the ones written as examples (`{{%/* alert */%}}`) remain.
    let alerts = read(site.join("content/tests/alerts.md"));
    assert!(
        alerts.contains("> [!WARNING]\n> **Warning alert heading**\n>\n> A simple warning alert."),
        "{alerts}"
    );
    assert!(
        alerts.contains("> [!CAUTION]\n> **Danger alert heading**"),
        "{alerts}"
    );
    assert!(report.contains("| converted | `alert` | 15 |"), "{report}");
    // Tab panes become `:::tabs` groups; params stay as written, each listed by kind (and,
    // above, at lines that hold them; every opener in the pages is accounted for).
    for (outcome, kind) in [
        ("converted", "tabpane"),
        ("left in place", "param"),
        ("left in place", "_param"),
    ] {
        let row = format!("| {outcome} | `{kind}` | ");
        let line = report
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("{kind} is not reported"));
        assert!(
            line[row.len()..]
                .trim_end_matches(" |")
                .parse::<usize>()
                .unwrap()
                > 0
        );
    }
    let started = Instant::now();
    build(&site);
    eprintln!(
        "build of the imported Docsy docs: {:?} (debug build)",
        started.elapsed()
    );
    let skip: Vec<String> = source_pages(&source.join("content/en"))
        .into_iter()
        .filter(|r| r.contains("/shortcodes/includes/"))
        .collect();
    assert!(every_page_is_built(&site, &source.join("content/en"), &skip) >= 70);
    link_problems_are_reported(&site, &report);
}
