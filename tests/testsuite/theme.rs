//! The default theme measured in a real browser: accessibility (axe-core, light and dark),
//! the byte budget of a first visit, keyboard reach, phone width. A failure names the page,
//! the rule or the budget, and the figure.

use crate::browser::run_scenario;
use crate::common::*;

/// The longest page of the shipped handbook (by its HTML), the one budgets are held on. Print
/// pages (`print.html`) are not among them: each is a whole section or track as one document,
/// sized by it (print.rs), and read on paper.
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
    // With the pages that have tabs and a diagram (issue 21).
    let pages = [
        "",
        "communication/",
        "communication/print.html",
        long.as_str(),
        "tags/",
        "audiences/marketing/",
        "glossary/",
        "404.html",
        "working-together/the-sandbox/",
        "working-together/tool-requests/",
    ];
    let mut args = vec![out.to_str().unwrap()];
    args.extend(pages);
    run_scenario("a11y.mjs", &args);
}

/// The largest `index.html` under `dir/` in the built site, as a page path.
fn largest_under(site: &std::path::Path, dir: &str) -> String {
    files_under(site)
        .into_iter()
        .filter(|f| f.starts_with(dir) && f.ends_with("/index.html"))
        .max_by_key(|f| {
            std::fs::metadata(site.join(f))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .map(|f| f.trim_end_matches("index.html").to_string())
        .unwrap_or_else(|| panic!("the site has pages under {dir}"))
}

/// Runs budget.mjs (120 KB raw, 40 KB gzipped; no sideways scroll at 390 px) on `pages`.
fn budget(site: &std::path::Path, pages: &[&str]) -> Option<serde_json::Value> {
    let mut args = vec![site.to_str().unwrap(), "122880", "40960"];
    args.extend(pages);
    let result = run_scenario("budget.mjs", &args)?;
    for page in result["pages"].as_array().unwrap() {
        eprintln!(
            "first load of {}: {} bytes, {} gzipped",
            page["page"], page["raw"], page["gzip"]
        );
    }
    Some(result)
}

#[test]
fn every_page_kind_fits_the_byte_budget_and_a_phone() {
    let (_dir, out) = build_handbook();
    let long = longest_page(&out);
    // One of each kind bridgebook writes: home, section, the longest content page, the
    // glossary (its index and its largest letter page), listings, tracks, needs review,
    // search and 404. See: issue 19.
    let pages = [
        String::new(),
        "communication/".into(),
        long,
        "glossary/".into(),
        largest_under(&out, "glossary/"),
        "tags/".into(),
        largest_under(&out, "tags/"),
        "audiences/marketing/".into(),
        largest_under(&out, "roles/"),
        "tracks/".into(),
        largest_under(&out, "tracks/"),
        "needs-review/".into(),
        "search/".into(),
        "404.html".into(),
    ];
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    let Some(result) = budget(&out, &pages) else {
        return;
    };
    let first = &result["pages"][2];
    let urls: Vec<&str> = first["fetched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["url"].as_str().unwrap())
        .collect();
    assert!(
        !urls.iter().any(|u| u.contains("search")),
        "nothing for search is fetched on a content page's load: {urls:?}"
    );
}

/// A glossary of `n` terms with definitions of a realistic length, spread over the alphabet.
fn big_glossary(n: usize) -> String {
    let mut yaml = String::from("terms:\n");
    for i in 0..n {
        let letter = (b'A' + (i % 26) as u8) as char;
        yaml.push_str(&format!(
            "  - term: \"{letter}erm {i}\"\n    definition: \"{}\"\n    aka: [\"{letter}lias {i}\", \"other name {i}\"]\n    audience: [marketing]\n    see_also: [guides/first.md]\n",
            "A definition written for the other team, with a worked example from the shop and a https://shop.northwind.example/a/very/long/address?utm_source=newsletter&utm_medium=email&utm_campaign=spring_hike_2027 that must wrap. ".repeat(2)
        ));
    }
    yaml
}

#[test]
fn a_glossary_of_300_terms_is_split_by_letter_within_the_budget() {
    let site = fixture("basic");
    write(site.path(), "content/glossary.yaml", &big_glossary(300));
    write(
        site.path(),
        "content/guides/terms.md",
        "---\ntitle: Terms\n---\nWe say Berm 1 here.\n",
    );
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let out = site.path().join("public");
    let index = read(out.join("glossary/index.html"));
    assert!(
        index.contains("<li id=\"aerm-0\"><a href=\"a/#aerm-0\">Aerm 0</a>"),
        "the index lists every term, and an old glossary/#term link still lands on it"
    );
    assert_eq!(index.matches("<li id=").count(), 300);
    let letter = read(out.join("glossary/a/index.html"));
    assert_eq!(
        letter.matches("<dt id=").count(),
        12,
        "A holds terms 0, 26, ..., 286"
    );
    let guide = read(out.join("guides/terms/index.html"));
    assert!(
        guide.contains("<a class=\"term\" href=\"../../glossary/b/#berm-1\""),
        "a tooltip links to the term's letter page: {guide}"
    );
    budget(&out, &["glossary/", "glossary/a/", "glossary/z/"]);
}

#[test]
fn the_glossary_of_a_small_site_stays_one_page() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let out = site.path().join("public");
    assert!(out.join("glossary/index.html").exists());
    assert!(!files_under(&out)
        .iter()
        .any(|f| f.starts_with("glossary/s/")));
}
