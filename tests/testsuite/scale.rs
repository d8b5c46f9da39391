//! Per-page output does not grow with the site: the same page, built in a small generated
//! handbook and in a 10,000-page one (bench/gen_corpus.py), is the same size within a small
//! bound. A theme that put the whole navigation on every page would fail this.

use std::path::Path;
use std::process::Command;

use crate::common::*;

/// Bytes a page may differ by between the two sites.
const BOUND: i64 = 256;

fn generate_and_build(pages: usize, dir: &Path) {
    let status = Command::new("python3")
        .arg(repo_root().join("bench/gen_corpus.py"))
        .args(["--pages", &pages.to_string(), "--out"])
        .arg(dir.join("site"))
        .status()
        .expect("python3 runs the corpus generator");
    assert!(status.success(), "gen_corpus.py --pages {pages} failed");
    bridgebook()
        .args(["build", "-r"])
        .arg(dir.join("site"))
        .arg("-o")
        .arg(dir.join("out"))
        .timeout(std::time::Duration::from_secs(900))
        .assert()
        .success();
}

#[test]
fn a_pages_html_does_not_grow_with_the_number_of_pages() {
    let small = tempfile::TempDir::new().unwrap();
    let large = tempfile::TempDir::new().unwrap();
    generate_and_build(1_100, small.path());
    generate_and_build(10_000, large.path());
    // Pages directly in the top-level sections are the same source in both corpora and have
    // the same place in the tree, so any difference comes from the site's size.
    let content = small.path().join("site/content");
    let mut compared = 0;
    for section in std::fs::read_dir(&content).unwrap().flatten() {
        if !section.path().is_dir() {
            continue;
        }
        for page in std::fs::read_dir(section.path()).unwrap().flatten() {
            let name = page.file_name().to_string_lossy().into_owned();
            let Some(slug) = name.strip_suffix(".md").filter(|s| *s != "_index") else {
                continue;
            };
            let rel = format!(
                "{}/{slug}/index.html",
                section.file_name().to_string_lossy()
            );
            let size = |root: &Path| {
                std::fs::metadata(root.join("out").join(&rel)).map(|m| m.len() as i64)
            };
            let (a, b) = (size(small.path()).unwrap(), size(large.path()).unwrap());
            assert!(
                (a - b).abs() <= BOUND,
                "{rel}: {a} bytes in a 1,100-page site, {b} bytes in a 10,000-page site (bound {BOUND})"
            );
            compared += 1;
        }
    }
    assert!(compared >= 40, "compared only {compared} pages");
}
