//! The default theme measured in a real browser: accessibility (axe-core, light and dark),
//! the byte budget of a first visit, keyboard reach, phone width. A failure names the page,
//! the rule or the budget, and the figure.

use crate::browser::run_scenario;
use crate::common::*;

/// The longest page of the shipped handbook (by its HTML), the one budgets are held on.
fn longest_page(site: &std::path::Path) -> String {
    files_under(site)
        .into_iter()
        .filter(|f| {
            f.ends_with("index.html")
                && !f.starts_with("glossary/")
                && !f.starts_with("tags/")
                && !f.starts_with("roles/")
                && !f.starts_with("audiences/")
        })
        .max_by_key(|f| {
            std::fs::metadata(site.join(f))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .map(|f| f.trim_end_matches("index.html").to_string())
        .expect("the handbook has pages")
}

#[test]
fn the_fixture_pages_have_no_serious_accessibility_violations() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let out = site.path().join("public");
    let pages = [
        "",
        "guides/",
        "guides/first/",
        "glossary/",
        "tags/",
        "audiences/marketing/",
        "404.html",
    ];
    let mut args = vec![out.to_str().unwrap()];
    args.extend(pages);
    run_scenario("a11y.mjs", &args);
}

#[test]
fn the_shipped_handbook_has_no_serious_accessibility_violations() {
    let (_dir, out) = build_handbook();
    let long = longest_page(&out);
    let pages = [
        "",
        "communication/",
        long.as_str(),
        "tags/",
        "audiences/marketing/",
        "glossary/",
        "404.html",
    ];
    let mut args = vec![out.to_str().unwrap()];
    args.extend(pages);
    run_scenario("a11y.mjs", &args);
}

#[test]
fn the_first_load_of_the_longest_page_fits_the_byte_budget() {
    let (_dir, out) = build_handbook();
    let long = longest_page(&out);
    // 120 KB uncompressed, 40 KB gzipped: HTML, CSS, JS and fonts of a first visit.
    let Some(result) = run_scenario(
        "budget.mjs",
        &[out.to_str().unwrap(), &long, "122880", "40960"],
    ) else {
        return;
    };
    let urls: Vec<&str> = result["fetched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["url"].as_str().unwrap())
        .collect();
    assert!(
        !urls.iter().any(|u| u.contains("search")),
        "nothing for search is fetched on page load: {urls:?}"
    );
    eprintln!(
        "first load of {long}: {} bytes, {} gzipped",
        result["raw"], result["gzip"]
    );
}
