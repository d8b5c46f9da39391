//! Import: where each source page goes in the new site, and the address it had in the
//! source. Index files become section pages, `.mdx` and Docusaurus' number prefixes are
//! dropped, and each generator's way of making addresses (pretty URLs, permalinks, slugs,
//! Docusaurus' `/docs/` base) is followed so that links written as URLs can be found.
//!
//! Pure: paths in, paths out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::detect::Generator;
use super::front_matter::PageMeta;

pub(crate) const PAGE_EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];

/// Where each page goes, relative to the new `content/`.
pub(crate) fn destinations<'a>(
    generator: Generator,
    rels: impl Iterator<Item = &'a str>,
) -> BTreeMap<String, String> {
    let rels: Vec<&str> = rels.collect();
    let mut out = BTreeMap::new();
    // Folders that hold pages besides their index, at any depth: those are sections.
    let mut dirs_with_pages: HashSet<String> = HashSet::new();
    for rel in &rels {
        let mut dir = parent(rel);
        let own_index = is_index_file(rel, generator);
        if own_index {
            dir = parent(dir);
        }
        loop {
            dirs_with_pages.insert(dir.to_string());
            if dir.is_empty() {
                break;
            }
            dir = parent(dir);
        }
    }
    // One index per folder: `_index.md`, then `index.md`, then `README.md`.
    let mut index_of: HashMap<&str, &str> = HashMap::new();
    for rel in &rels {
        let name = file_name(rel);
        if is_index_file(rel, generator) {
            let dir = parent(rel);
            let better = index_of
                .get(dir)
                .is_none_or(|old| index_rank(name) < index_rank(file_name(old)));
            if better {
                index_of.insert(dir, rel);
            }
        }
    }
    for rel in &rels {
        let dir = parent(rel);
        let stem = strip_ext(rel);
        let clean_dir = clean_path(generator, dir);
        let dest = if index_of.get(dir) == Some(rel) {
            let keep_bundle = generator == Generator::Hugo && file_name(rel) == "index.md";
            let is_section =
                dir.is_empty() || dirs_with_pages.contains(dir) || file_name(rel) == "_index.md";
            let name = if is_section && !keep_bundle {
                "_index.md"
            } else {
                "index.md"
            };
            join(&clean_dir, name)
        } else if dirs_with_pages.contains(stem) && !index_of.contains_key(stem) {
            // `foo.md` beside a `foo/` folder of pages is that folder's page.
            join(&clean_path(generator, stem), "_index.md")
        } else if generator == Generator::Jekyll && dir == "_posts" {
            let name = file_name(stem);
            let name = if name.len() > 11 && super::front_matter::parse_date(&name[..10]).is_some()
            {
                &name[11..]
            } else {
                name
            };
            format!("posts/{name}.md")
        } else {
            join(
                &clean_dir,
                &format!("{}.md", clean_segment(generator, file_name(stem))),
            )
        };
        out.insert(rel.to_string(), dest);
    }
    out
}

fn index_rank(name: &str) -> u8 {
    match strip_ext(name).to_ascii_lowercase().as_str() {
        "_index" => 0,
        "index" => 1,
        _ => 2,
    }
}

/// `_index.md`, `index.md`, `README.md` (not in Hugo), and in Eleventy a file named like its
/// folder (`guide/guide.md`), which Eleventy publishes at the folder's address.
fn is_index_file(rel: &str, generator: Generator) -> bool {
    let stem = strip_ext(file_name(rel));
    let dir = file_name(parent(rel));
    stem == "_index"
        || stem == "index"
        || (stem.eq_ignore_ascii_case("readme") && generator != Generator::Hugo)
        || (generator == Generator::Eleventy && !dir.is_empty() && stem == dir)
}

/// Docusaurus drops `01-` number prefixes from addresses; so does the import.
fn clean_segment(generator: Generator, name: &str) -> String {
    if generator == Generator::Docusaurus {
        if let Some((digits, rest)) = name.split_once(['-', '_', '.']) {
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty()
            {
                return rest.to_string();
            }
        }
    }
    name.to_string()
}

fn clean_path(generator: Generator, dir: &str) -> String {
    dir.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| clean_segment(generator, s))
        .collect::<Vec<_>>()
        .join("/")
}

/// The number prefix Docusaurus orders by (`02-setup.md` -> 2), if any.
pub(crate) fn number_prefix(name: &str) -> Option<f64> {
    let (digits, rest) = name.split_once(['-', '_', '.'])?;
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty())
        .then(|| digits.parse().ok())
        .flatten()
}

pub(crate) fn post_date(rel: &str, meta: &mut PageMeta) {
    let name = file_name(rel);
    if meta.date.is_none() {
        meta.date = name.get(..10).and_then(super::front_matter::parse_date);
    }
}

/// The page's address in the source site, as its generator makes it.
pub(crate) fn source_url(generator: Generator, rel: &str, meta: &PageMeta) -> String {
    if let Some(permalink) = &meta.permalink {
        return norm_url(permalink);
    }
    let stem = strip_ext(rel);
    let (dir, own) = match file_name(stem) {
        "index" | "_index" => (parent(stem), ""),
        _ if generator == Generator::Eleventy && is_index_file(rel, generator) => {
            (parent(stem), "")
        }
        name if name.eq_ignore_ascii_case("readme") && generator != Generator::Hugo => {
            (parent(stem), "")
        }
        name => (parent(stem), name),
    };
    let dir = clean_path(generator, dir);
    let own = clean_segment(generator, own);
    let own = match (&meta.slug, generator) {
        (Some(slug), Generator::Hugo | Generator::Docusaurus) if !slug.contains('/') => {
            slug.clone()
        }
        _ => own,
    };
    let base = if generator == Generator::Docusaurus {
        "docs/"
    } else {
        ""
    };
    if let (Some(slug), Generator::Docusaurus) = (&meta.slug, generator) {
        if let Some(abs) = slug.strip_prefix('/') {
            return norm_url(&format!("{base}{abs}"));
        }
    }
    norm_url(&format!("{base}{dir}/{own}"))
}

/// A source address as a lookup key: no leading `/`, no `index.html` or `.html`, lowercase,
/// ending in `/` (the home page is "").
pub(crate) fn norm_url(url: &str) -> String {
    let url = url.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<String> = Vec::new();
    for part in url.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p.to_lowercase()),
        }
    }
    if let Some(last) = parts.last_mut() {
        for suffix in [".html", ".md", ".mdx"] {
            if let Some(stem) = last.strip_suffix(suffix) {
                *last = stem.to_string();
            }
        }
        if last == "index" || last == "_index" || last == "readme" {
            parts.pop();
        }
    }
    let joined = parts.join("/");
    let decoded = percent_encoding::percent_decode_str(&joined)
        .decode_utf8_lossy()
        .into_owned();
    if decoded.is_empty() {
        decoded
    } else {
        format!("{decoded}/")
    }
}

pub(crate) fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn strip_ext(path: &str) -> &str {
    let name = file_name(path);
    match name.rfind('.') {
        Some(i) if i > 0 => &path[..path.len() - (name.len() - i)],
        _ => path,
    }
}

pub(crate) fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_make_sections_of_index_files() {
        type Case<'a> = (Generator, &'a [&'a str], &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            (
                Generator::Mkdocs,
                &[
                    "index.md",
                    "guide/README.md",
                    "guide/a.md",
                    "solo/index.md",
                    "b.markdown",
                ],
                &[
                    ("index.md", "_index.md"),
                    ("guide/README.md", "guide/_index.md"),
                    ("guide/a.md", "guide/a.md"),
                    ("solo/index.md", "solo/index.md"),
                    ("b.markdown", "b.md"),
                ],
            ),
            (
                Generator::Eleventy,
                &[
                    "tools/slack.md",
                    "tools/slack/records.md",
                    "tools/index.md",
                    "guide/guide.md",
                    "guide/a.md",
                ],
                &[
                    ("tools/slack.md", "tools/slack/_index.md"),
                    ("tools/index.md", "tools/_index.md"),
                    ("guide/guide.md", "guide/_index.md"),
                ],
            ),
            (
                Generator::Docusaurus,
                &["01-intro.mdx", "02-guides/01-setup.md", "02-guides/_x.md"],
                &[
                    ("01-intro.mdx", "intro.md"),
                    ("02-guides/01-setup.md", "guides/setup.md"),
                ],
            ),
            (
                Generator::Hugo,
                &[
                    "_index.md",
                    "docs/_index.md",
                    "docs/shortcodes/index.md",
                    "docs/x.md",
                ],
                &[
                    ("docs/_index.md", "docs/_index.md"),
                    ("docs/shortcodes/index.md", "docs/shortcodes/index.md"),
                ],
            ),
            (
                Generator::Jekyll,
                &[
                    "_posts/2024-03-05-hello.md",
                    "about/index.md",
                    "about/README.md",
                ],
                &[
                    ("_posts/2024-03-05-hello.md", "posts/hello.md"),
                    ("about/index.md", "about/index.md"),
                    ("about/README.md", "about/README.md"),
                ],
            ),
        ];
        for (generator, rels, expected) in cases {
            let dests = destinations(*generator, rels.iter().copied());
            for (src, dest) in *expected {
                assert_eq!(dests[*src], *dest, "{generator:?} {src}");
            }
        }
    }

    #[test]
    fn source_addresses_follow_each_generator() {
        let meta = |slug: Option<&str>, permalink: Option<&str>| PageMeta {
            slug: slug.map(Into::into),
            permalink: permalink.map(Into::into),
            ..PageMeta::default()
        };
        let cases = [
            (
                Generator::Eleventy,
                "tools/slack.md",
                meta(None, None),
                "tools/slack/",
            ),
            (
                Generator::Eleventy,
                "a/index.md",
                meta(None, Some("/b/")),
                "b/",
            ),
            (Generator::Hugo, "docs/_index.md", meta(None, None), "docs/"),
            (
                Generator::Hugo,
                "docs/Big.md",
                meta(Some("small"), None),
                "docs/small/",
            ),
            (
                Generator::Docusaurus,
                "01-guides/02-setup.md",
                meta(None, None),
                "docs/guides/setup/",
            ),
            (
                Generator::Docusaurus,
                "a.md",
                meta(Some("/b/c"), None),
                "docs/b/c/",
            ),
            (
                Generator::Mkdocs,
                "guide/README.md",
                meta(None, None),
                "guide/",
            ),
        ];
        for (generator, rel, meta, url) in cases {
            assert_eq!(source_url(generator, rel, &meta), url, "{rel}");
        }
        for (url, norm) in [
            ("/Tools/Slack.html", "tools/slack/"),
            ("/", ""),
            ("a/index.html#x", "a/"),
            ("../a/./b/", "a/b/"),
            ("my%20page/", "my page/"),
        ] {
            assert_eq!(norm_url(url), norm, "{url}");
        }
        assert_eq!(number_prefix("02-setup.md"), Some(2.0));
        assert_eq!(number_prefix("setup.md"), None);
    }
}
