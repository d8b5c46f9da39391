//! Import: one source page converted into one bridgebook page. Runs the steps in an order
//! that keeps every reported line true: link destinations (same lines), admonitions,
//! template constructs (each finding counted on the text it returns), MDX leftovers, heading
//! ids (same lines); then the front matter bridgebook reads goes on top.
//!
//! Pure: a planned page in, the new file's text and its findings out.

use std::collections::HashSet;

use serde_yaml::{Mapping, Value};

use super::anchors::pin_heading_ids;
use super::callout::{convert_docusaurus, convert_mkdocs, fence_change};
use super::detect::{Generator, Templates};
use super::links::{rewrite_markdown_links, Links};
use super::nav::Navigation;
use super::plan::{file_name, parent, Plan, SourcePage};
use super::report::{Found, Outcome};
use super::template::Converter;

/// A page ready to write.
#[derive(Debug)]
pub(crate) struct PageOut {
    pub(crate) dest_rel: String,
    pub(crate) text: String,
    /// Lines are file lines of `text`.
    pub(crate) found: Vec<Found>,
    pub(crate) images: Vec<String>,
    pub(crate) notes: Vec<String>,
    pub(crate) extra_keys: Vec<String>,
    pub(crate) links_rewritten: usize,
    pub(crate) ids_pinned: usize,
    /// Site parameters the page used, now shared values (name -> text).
    pub(crate) values: std::collections::BTreeMap<String, String>,
}

/// What every page's conversion shares.
pub(crate) struct Site<'a> {
    pub(crate) plan: &'a Plan,
    pub(crate) nav: &'a Navigation,
    pub(crate) generator: Generator,
    /// Old addresses each page keeps as `aliases`, decided for the whole site at once.
    pub(crate) aliases: &'a [Vec<String>],
    /// Hugo's site parameters (`Null` elsewhere).
    pub(crate) params: &'a Value,
}

pub(crate) fn convert_page(site: &Site, index: usize) -> PageOut {
    let page = &site.plan.pages[index];
    let links = Links {
        plan: site.plan,
        page,
    };
    let (body, links_rewritten) = rewrite_markdown_links(page.body(), &links);
    let mut found = Vec::new();
    let mut admonitions = Vec::new();
    let body = match site.generator {
        Generator::Mkdocs => {
            // Tabs first: the admonitions inside a tab are then at the start of a line.
            let body = super::tabs::convert_mkdocs_tabs(&body, &mut admonitions);
            convert_mkdocs(&body, &mut admonitions)
        }
        Generator::Docusaurus => convert_docusaurus(&body, &mut admonitions),
        _ => body,
    };
    let mut ials = Vec::new();
    let body = if site.generator == Generator::Jekyll {
        super::kramdown::convert_callouts(&body, &mut ials)
    } else {
        body
    };
    for kind in ials {
        found.push(Found::new(
            0,
            format!("{{: .{kind} }}"),
            Outcome::Converted,
            "",
        ));
    }
    let marker = if site.generator == Generator::Mkdocs {
        "!!!"
    } else {
        ":::"
    };
    for kind in admonitions {
        found.push(Found::new(
            0,
            if kind.starts_with("===") {
                kind
            } else {
                format!("{marker} {kind}")
            },
            Outcome::Converted,
            "",
        ));
    }
    let mut converter = Converter {
        links,
        flavor: site.generator.templates(),
        images: Vec::new(),
        params: site.params,
        front: &page.text[..page.body_offset],
        values: Default::default(),
    };
    let body = if converter.flavor == Templates::None {
        body
    } else {
        let (body, more) = converter.convert(&body);
        found.extend(more);
        body
    };
    match site.generator {
        Generator::Docusaurus => found.extend(mdx_leftovers(&body)),
        Generator::Jekyll => found.extend(super::kramdown::leftovers(&body)),
        _ => {}
    }
    let (mut body, ids_pinned) = pin_heading_ids(&body, site.generator);
    let notes = page.meta.notes.clone();
    if let Some(to) = &page.meta.redirect_to {
        if body.trim().is_empty() {
            body = format!("This page has moved to <{to}>.\n");
            found.push(Found::new(1, "redirect_to", Outcome::Converted, to));
        }
    }
    if let Some((block, why)) = &page.unreadable {
        body = format!(
            "<!-- front matter bridgebook import could not read ({}):\n{}-->\n\n{body}",
            why.replace("--", "- -"),
            block.replace("--", "- -")
        );
        found.push(Found::new(1, "unreadable front matter", Outcome::Left, why));
    }
    let title = title_of(page, site.nav, &body);
    let (front, extra_keys) = front_matter(page, site, index, title);
    let yaml = serde_yaml::to_string(&Value::Mapping(front)).unwrap_or_default();
    let trimmed = body.trim_start_matches('\n');
    let offset = yaml.lines().count() + 2;
    let removed = body.len() - trimmed.len();
    for f in &mut found {
        if f.line > 0 {
            f.line = (f.line + offset).saturating_sub(removed).max(offset + 1);
        }
    }
    let body = trimmed;
    PageOut {
        dest_rel: page.dest_rel.clone(),
        text: format!("---\n{yaml}---\n{body}"),
        found,
        images: converter.images,
        values: converter.values,
        notes,
        extra_keys,
        links_rewritten,
        ids_pinned,
    }
}

/// The title: the source's, else the navigation's, else the first `# heading`, else the file
/// name in words.
fn title_of(page: &SourcePage, nav: &Navigation, body: &str) -> String {
    if let Some(title) = page
        .meta
        .title
        .clone()
        .or_else(|| nav.titles.get(&page.dest_rel).cloned())
    {
        return title;
    }
    let mut fence = None;
    for line in body.lines() {
        if let Some(next) = fence_change(line, fence.as_deref()) {
            fence = next;
            continue;
        }
        if fence.is_none() {
            if let Some(h1) = line.strip_prefix("# ") {
                let h1 = h1
                    .split(" {#")
                    .next()
                    .unwrap_or(h1)
                    .trim()
                    .trim_end_matches('#')
                    .trim();
                if !h1.is_empty() {
                    return h1.to_string();
                }
            }
        }
    }
    let name = match file_name(&page.dest_rel) {
        "_index.md" | "index.md" => file_name(parent(&page.dest_rel)),
        name => name.trim_end_matches(".md"),
    };
    words_of(name)
}

/// `travel-and-leave` -> `Travel and leave`.
pub(crate) fn words_of(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Home".into(),
    }
}

fn front_matter(
    page: &SourcePage,
    site: &Site,
    index: usize,
    title: String,
) -> (Mapping, Vec<String>) {
    let meta = &page.meta;
    let mut fm = Mapping::new();
    let mut put = |key: &str, value: Value| {
        fm.insert(Value::String(key.into()), value);
    };
    put("title", Value::String(title));
    if let Some(description) = &meta.description {
        put("description", Value::String(description.clone()));
    }
    put(
        "audience",
        Value::Sequence(vec![Value::String("everyone".into())]),
    );
    if !meta.tags.is_empty() {
        put(
            "tags",
            Value::Sequence(meta.tags.iter().cloned().map(Value::String).collect()),
        );
    }
    if let Some(weight) = site.nav.weights.get(&page.dest_rel) {
        put("weight", Value::Number((*weight).into()));
    }
    for (key, date) in [("date", meta.date), ("updated", meta.updated)] {
        if let Some(date) = date {
            put(key, Value::String(date.format("%Y-%m-%d").to_string()));
        }
    }
    if let Some(owner) = &meta.owner {
        put("owner", Value::String(owner.clone()));
    }
    if meta.draft {
        put("draft", Value::Bool(true));
    }
    let aliases = &site.aliases[index];
    if !aliases.is_empty() {
        put(
            "aliases",
            Value::Sequence(aliases.iter().cloned().map(Value::String).collect()),
        );
    }
    let mut extra_keys: Vec<String> = meta
        .extra
        .keys()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect();
    extra_keys.sort();
    if !meta.extra.is_empty() {
        put("extra", Value::Mapping(meta.extra.clone()));
    }
    (fm, extra_keys)
}

/// The URL bridgebook gives a file under `content/` (`a/b.md` -> `a/b/`).
pub(crate) fn new_url(dest_rel: &str) -> String {
    let path = match file_name(dest_rel) {
        "_index.md" | "index.md" => parent(dest_rel).to_string(),
        _ => dest_rel.trim_end_matches(".md").to_string(),
    };
    if path.is_empty() {
        path
    } else {
        format!("{path}/")
    }
}

/// Folders bridgebook writes pages of its own into: an alias there would overwrite them.
const GENERATED: &[&str] = &[
    "glossary",
    "tags",
    "audiences",
    "roles",
    "tracks",
    "needs-review",
    "search",
    "page",
    "404",
];

/// The old addresses each page keeps: its `aliases`/`redirect_from`, its permalink and its
/// source address when the new one differs. Never an address another page has, never one
/// used twice, never a generated page's; each one dropped is noted.
pub(crate) fn decide_aliases(
    plan: &Plan,
    generator: Generator,
) -> (Vec<Vec<String>>, Vec<(usize, String)>) {
    let mut taken: HashSet<String> = plan.pages.iter().map(|p| new_url(&p.dest_rel)).collect();
    taken.extend(
        plan.new_sections
            .iter()
            .map(|d| new_url(&super::plan::join(d, "_index.md"))),
    );
    let mut out = vec![Vec::new(); plan.pages.len()];
    let mut notes = Vec::new();
    for (i, page) in plan.pages.iter().enumerate() {
        let mut wanted: Vec<(String, bool)> = page
            .meta
            .aliases
            .iter()
            .map(|a| {
                let a = if a.starts_with('/') || generator != Generator::Hugo {
                    a.clone()
                } else {
                    format!("/{}{a}", parent_url(&page.url))
                };
                (a, true)
            })
            .collect();
        if page.meta.draft {
            continue;
        }
        if new_url(&page.dest_rel) != page.url {
            wanted.push((format!("/{}", page.url), false));
        }
        for (alias, written) in wanted {
            let clean = alias.trim_matches('/').to_string();
            let key = format!("{}/", clean.to_lowercase());
            let why = if clean.is_empty()
                || clean.contains("..")
                || clean.contains("://")
                || clean.contains(['*', '?', '#'])
            {
                Some("it is not an address on this site")
            } else if GENERATED.contains(&clean.split('/').next().unwrap_or("")) {
                Some("bridgebook writes its own pages there")
            } else if taken.contains(&key) || taken.contains(&format!("{clean}/")) {
                Some("another page has that address")
            } else {
                None
            };
            match why {
                None => {
                    taken.insert(key);
                    out[i].push(clean);
                }
                Some(why) if written => {
                    notes.push((i, format!("old address `{alias}` dropped: {why}")))
                }
                Some(_) => {}
            }
        }
    }
    (out, notes)
}

fn parent_url(url: &str) -> String {
    let trimmed = url.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => format!("{}/", &trimmed[..i]),
        None => String::new(),
    }
}

/// MDX that is not Markdown: `import`/`export` lines and JSX components, left and listed.
fn mdx_leftovers(body: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut fence = None;
    for (n, line) in body.lines().enumerate() {
        if let Some(next) = fence_change(line, fence.as_deref()) {
            fence = next;
            continue;
        }
        if fence.is_some() {
            continue;
        }
        let t = line.trim_start();
        if t.starts_with("import ") || t.starts_with("export ") {
            found.push(Found::new(n + 1, "MDX import/export", Outcome::Left, t));
        } else if let Some(rest) = t.strip_prefix('<') {
            if rest.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                    .collect();
                found.push(Found::new(n + 1, format!("<{name}>"), Outcome::Left, t));
            }
        } else if t.starts_with("{/*") {
            found.push(Found::new(n + 1, "MDX comment", Outcome::Left, t));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_titles_and_mdx_leftovers() {
        for (dest, url) in [
            ("_index.md", ""),
            ("a/_index.md", "a/"),
            ("a/b.md", "a/b/"),
            ("a/b/index.md", "a/b/"),
        ] {
            assert_eq!(new_url(dest), url);
        }
        assert_eq!(words_of("travel-and-leave"), "Travel and leave");
        let found =
            mdx_leftovers("import Tabs from '@theme/Tabs';\n\n<Tabs>\n```\n<Tabs>\n```\n<div>\n");
        let kinds: Vec<(usize, &str)> = found.iter().map(|f| (f.line, f.kind.as_str())).collect();
        assert_eq!(kinds, [(1, "MDX import/export"), (3, "<Tabs>")]);
    }
}
