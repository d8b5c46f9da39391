//! Import, step 4: the order and titles of pages and sections, from wherever the source keeps
//! them: front matter positions (`weight`, `nav_order`, `sidebar_position`), Docusaurus'
//! number prefixes and `_category_` files, the `nav:` of `mkdocs.yml`, and Jekyll/Eleventy
//! navigation data (`_data/navigation.yml` and the like).
//!
//! Pure apart from reading those few files. Turns everything into bridgebook `weight`s: in each
//! section, ordered pages get 10, 20, ... and pages the source left unordered come after them,
//! by title, as they did there.

use std::collections::HashMap;
use std::fs;

use serde_yaml::Value;

use super::detect::{read_config, Generator, Layout};
use super::plan::{file_name, join, norm_url, number_prefix, parent, Plan};

#[derive(Debug, Default)]
pub(crate) struct Navigation {
    /// Destination (a page's `dest_rel`, or `dir/_index.md` of a generated section) -> weight.
    pub(crate) weights: HashMap<String, i64>,
    /// Titles the navigation gives: for generated sections, and pages with no title.
    pub(crate) titles: HashMap<String, String>,
    /// Which files the order came from, for the report.
    pub(crate) sources: Vec<String>,
    /// Navigation entries that lead to no imported page.
    pub(crate) unresolved: Vec<String>,
}

/// Where a page sits in the source's order.
#[derive(Default, Clone, Copy)]
struct Order {
    /// Written on the page (or its folder): scaled to bridgebook weights.
    position: Option<i64>,
    /// Its place in a navigation file, counted over the whole file.
    rank: Option<usize>,
}

pub(crate) fn navigation(layout: &Layout, plan: &Plan) -> Navigation {
    let mut nav = Navigation::default();
    let mut orders: HashMap<String, Order> = HashMap::new();
    let scale = |pos: f64| {
        if layout.generator == Generator::Hugo {
            pos.round() as i64
        } else {
            (pos * 10.0).round() as i64
        }
    };
    for page in &plan.pages {
        let position = page.meta.position.or_else(|| {
            (layout.generator == Generator::Docusaurus)
                .then(|| number_prefix(file_name(&page.src_rel)))
                .flatten()
        });
        orders.entry(page.dest_rel.clone()).or_default().position = position.map(scale);
    }
    let mut ranks: Vec<(String, Option<String>)> = Vec::new();
    match layout.generator {
        Generator::Mkdocs => {
            if let Some(list) = layout.config.get("nav") {
                nav.sources.push("mkdocs.yml `nav`".into());
                mkdocs_nav(list, None, &mut ranks);
            }
            for (path, _) in ranks.iter_mut() {
                if let Some(&i) = plan.by_src.get(path.as_str()) {
                    *path = plan.pages[i].dest_rel.clone();
                } else if path.ends_with("/_index.md") {
                    // A nav section: MkDocs folders keep their names in the new site.
                } else if !path.is_empty() {
                    nav.unresolved.push(path.clone());
                    path.clear();
                }
            }
        }
        Generator::Docusaurus => category_files(layout, plan, &mut orders, &mut nav, scale),
        Generator::Jekyll | Generator::Eleventy => {
            for (file, data) in nav_data(layout) {
                nav.sources.push(file);
                nav_data_urls(&data, &mut ranks);
            }
            for (url, _) in ranks.iter_mut() {
                match plan.page_by_url(url) {
                    Some(page) => *url = page.dest_rel.clone(),
                    None => {
                        if !url.starts_with("http") && !url.starts_with('#') && !url.is_empty() {
                            nav.unresolved.push(url.clone());
                        }
                        url.clear();
                    }
                }
            }
        }
        Generator::Hugo => {}
    }
    for (n, (dest, title)) in ranks.into_iter().enumerate() {
        if dest.is_empty() {
            continue;
        }
        let order = orders.entry(dest.clone()).or_default();
        order.rank = Some(order.rank.map_or(n, |r| r.min(n)));
        if let Some(title) = title {
            nav.titles.entry(dest).or_insert(title);
        }
    }
    // A folder is ordered where its first page is.
    for dir in &plan.new_sections {
        let prefix = format!("{dir}/");
        let first = orders
            .iter()
            .filter(|(d, _)| d.starts_with(&prefix))
            .filter_map(|(_, o)| o.rank)
            .min();
        let entry = orders.entry(join(dir, "_index.md")).or_default();
        entry.rank = entry.rank.or(first);
    }
    assign_weights(orders, &mut nav.weights);
    nav
}

/// The section a page or section page is listed in (its folder, or its parent's for an index).
fn group_of(dest: &str) -> Option<&str> {
    match file_name(dest) {
        "_index.md" | "index.md" if dest.contains('/') => Some(parent(parent(dest))),
        "_index.md" => None,
        _ => Some(parent(dest)),
    }
}

fn assign_weights(orders: HashMap<String, Order>, weights: &mut HashMap<String, i64>) {
    let mut groups: HashMap<&str, Vec<(&String, Order)>> = HashMap::new();
    for (dest, order) in &orders {
        if let Some(group) = group_of(dest) {
            groups.entry(group).or_default().push((dest, *order));
        }
    }
    for mut members in groups.into_values() {
        members.sort_by(|a, b| a.0.cmp(b.0));
        if members.iter().any(|(_, o)| o.position.is_some()) {
            let last = members
                .iter()
                .filter_map(|(_, o)| o.position)
                .max()
                .unwrap_or(0);
            for (dest, order) in members {
                weights.insert(dest.clone(), order.position.unwrap_or(last + 10));
            }
        } else if members.iter().any(|(_, o)| o.rank.is_some()) {
            members.sort_by_key(|(_, o)| o.rank.unwrap_or(usize::MAX));
            let ranked = members.iter().filter(|(_, o)| o.rank.is_some()).count() as i64;
            for (n, (dest, order)) in members.into_iter().enumerate() {
                let weight = if order.rank.is_some() {
                    (n as i64 + 1) * 10
                } else {
                    (ranked + 1) * 10
                };
                weights.insert(dest.clone(), weight);
            }
        }
    }
}

/// MkDocs' `nav:`: `- path.md`, `- Title: path.md`, `- Section: [ ... ]`.
fn mkdocs_nav(value: &Value, title: Option<String>, out: &mut Vec<(String, Option<String>)>) {
    match value {
        Value::Sequence(items) => items.iter().for_each(|item| mkdocs_nav(item, None, out)),
        Value::String(path) if !path.contains("://") => {
            out.push((path.trim_start_matches("./").to_string(), title))
        }
        Value::Mapping(map) => {
            for (key, value) in map {
                let key = crate::model::yaml::scalar_text(key);
                if let Value::Sequence(_) = value {
                    // A section: it is titled by the folder of its first page, when it has one.
                    let start = out.len();
                    mkdocs_nav(value, None, out);
                    if let (Some(key), Some((first, _))) = (key, out.get(start)) {
                        let dir = parent(first).to_string();
                        if !dir.is_empty() {
                            out.push((join(&dir, "_index.md"), Some(key)));
                        }
                    }
                } else {
                    mkdocs_nav(value, key, out);
                }
            }
        }
        _ => {}
    }
}

/// Jekyll and Eleventy keep navigation in `_data/` files of their own design: every `url`,
/// `href`, `link` or `path` in them, in order, with the `title`/`text` beside it.
fn nav_data(layout: &Layout) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    for base in [layout.root.clone(), layout.content_dir.clone()] {
        let Ok(entries) = fs::read_dir(base.join("_data")) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_lowercase();
            let navish = ["nav", "menu", "sidebar", "toc"]
                .iter()
                .any(|k| name.starts_with(k));
            let ext_ok = [".yml", ".yaml", ".json"].iter().any(|e| name.ends_with(e));
            if navish && ext_ok {
                if let Ok(value) = read_config(Some(&path)) {
                    let shown = path
                        .strip_prefix(&layout.root)
                        .unwrap_or(&path)
                        .display()
                        .to_string();
                    found.push((shown, value));
                }
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    found
}

fn nav_data_urls(value: &Value, out: &mut Vec<(String, Option<String>)>) {
    match value {
        Value::Sequence(items) => items.iter().for_each(|v| nav_data_urls(v, out)),
        Value::Mapping(map) => {
            let title = ["title", "text", "label", "name"]
                .iter()
                .find_map(|k| map.get(*k).and_then(crate::model::yaml::scalar_text));
            for key in ["url", "href", "link", "path", "main-file-path", "permalink"] {
                if let Some(url) = map.get(key).and_then(Value::as_str) {
                    if !url.contains("://") && !url.starts_with('#') {
                        out.push((norm_url(url), title.clone()));
                    }
                }
            }
            for (_, value) in map {
                if matches!(value, Value::Sequence(_) | Value::Mapping(_)) {
                    nav_data_urls(value, out);
                }
            }
        }
        _ => {}
    }
}

/// Docusaurus' `_category_.json` / `_category_.yml`: a folder's label and position.
fn category_files(
    layout: &Layout,
    plan: &Plan,
    orders: &mut HashMap<String, Order>,
    nav: &mut Navigation,
    scale: impl Fn(f64) -> i64,
) {
    let mut dirs: Vec<String> = plan
        .pages
        .iter()
        .map(|p| parent(&p.src_rel).to_string())
        .collect();
    dirs.sort();
    dirs.dedup();
    for src_dir in dirs.into_iter().filter(|d| !d.is_empty()) {
        let folder = layout.content_dir.join(&src_dir);
        let Some(value) = ["_category_.json", "_category_.yml", "_category_.yaml"]
            .iter()
            .map(|n| folder.join(n))
            .find(|p| p.is_file())
            .and_then(|p| read_config(Some(&p)).ok())
        else {
            continue;
        };
        let Some(dest_dir) = plan
            .pages
            .iter()
            .find(|p| parent(&p.src_rel) == src_dir)
            .map(|p| parent(&p.dest_rel))
        else {
            continue;
        };
        let key = join(dest_dir, "_index.md");
        nav.sources.push(format!("{src_dir}/_category_"));
        if let Some(label) = value.get("label").and_then(crate::model::yaml::scalar_text) {
            nav.titles.insert(key.clone(), label);
        }
        let position = value
            .get("position")
            .and_then(Value::as_f64)
            .or_else(|| number_prefix(file_name(&src_dir)));
        if let Some(pos) = position {
            let order = orders.entry(key).or_default();
            order.position = order.position.or(Some(scale(pos)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_become_weights_per_section() {
        let order = |position: Option<i64>, rank: Option<usize>| Order { position, rank };
        type Case<'a> = (&'a [(&'a str, Order)], &'a [(&'a str, i64)]);
        let cases: &[Case] = &[
            (
                &[
                    ("a.md", order(Some(20), None)),
                    ("b.md", order(Some(10), None)),
                    ("c.md", order(None, None)),
                ],
                &[("a.md", 20), ("b.md", 10), ("c.md", 30)],
            ),
            (
                &[
                    ("s/a.md", order(None, Some(5))),
                    ("s/b.md", order(None, Some(2))),
                    ("s/c.md", order(None, None)),
                    ("s/t/_index.md", order(None, Some(9))),
                ],
                &[
                    ("s/b.md", 10),
                    ("s/a.md", 20),
                    ("s/t/_index.md", 30),
                    ("s/c.md", 40),
                ],
            ),
            (
                &[
                    ("x.md", order(None, None)),
                    ("_index.md", order(Some(3), None)),
                ],
                &[],
            ),
        ];
        for (input, expected) in cases {
            let mut weights = HashMap::new();
            assign_weights(
                input.iter().map(|(d, o)| (d.to_string(), *o)).collect(),
                &mut weights,
            );
            assert_eq!(weights.len(), expected.len(), "{weights:?}");
            for (dest, weight) in *expected {
                assert_eq!(weights[*dest], *weight, "{dest}");
            }
        }
    }

    #[test]
    fn mkdocs_nav_and_nav_data_are_read_in_order() {
        let nav: Value = serde_yaml::from_str("- index.md\n- Guide:\n  - guide/a.md\n  - Second: guide/b.md\n- External: https://x.example/\n").unwrap();
        let mut out = Vec::new();
        mkdocs_nav(&nav, None, &mut out);
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            ["index.md", "guide/a.md", "guide/b.md", "guide/_index.md"]
        );
        assert_eq!(out[2].1.as_deref(), Some("Second"));
        assert_eq!(out[3].1.as_deref(), Some("Guide"));
        let data: Value = serde_yaml::from_str("primary:\n  - text: About\n    main-file-path: /about-us/\n    children:\n      - text: History\n        url: about-us/history/\n      - url: https://x.example/\n").unwrap();
        let mut out = Vec::new();
        nav_data_urls(&data, &mut out);
        assert_eq!(
            out,
            [
                ("about-us/".to_string(), Some("About".to_string())),
                ("about-us/history/".to_string(), Some("History".to_string()))
            ]
        );
    }
}
