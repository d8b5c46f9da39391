//! Link destinations as people write them, resolved; and "did you mean" for those that miss.
//!
//! Pure. [`resolve_link`] is the one place that reads a link's destination: it tells another
//! site from this one, keeps a query string and a fragment, decodes percent-encoding
//! (`my%20page.md` is the file `my page.md`) and angle brackets (`<my page.md>`), and resolves
//! the path against the linking page's folder. [`suggest_paths`] and [`suggest_anchor`] find
//! the page, file or heading a broken link most likely meant, or nothing: no suggestion is
//! better than an unrelated one. [`root_prefix`] and [`tag_url`] are the URLs bridgebook
//! writes itself.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

use crate::model::config::Config;

/// The relative way back to the site root from a page `depth` folders deep, or the absolute
/// base URL when the site has one.
pub(crate) fn root_prefix(config: &Config, depth: usize) -> String {
    match &config.base_url {
        Some(base) => base.clone(),
        None => "../".repeat(depth),
    }
}

/// `tags/<slug>/`: where a tag's page lives.
pub(crate) fn tag_url(tag: &str) -> String {
    format!("tags/{}/", crate::model::title::slugify(tag))
}

/// What a link's destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkDest<'a> {
    /// Another site (`https:`, `//host`), or another scheme (`mailto:`, `tel:`): left alone.
    External,
    /// `#anchor` or `?query` on the page itself.
    SamePage { fragment: Option<String> },
    /// A file of the site: `path` relative to `content/` (decoded), then the query as written
    /// (with its `?`) and the fragment (decoded, without its `#`).
    Site {
        path: String,
        query: Option<&'a str>,
        fragment: Option<String>,
    },
    /// A relative path that climbs above `content/`.
    Outside { path: Cow<'a, str> },
}

/// Resolves `dest`, written in the page at `from` (relative to `content/`). A leading `/`
/// means the site's root.
pub(crate) fn resolve_link<'a>(from: &str, dest: &'a str) -> LinkDest<'a> {
    let dest = dest.trim();
    let dest = dest
        .strip_prefix('<')
        .and_then(|d| d.strip_suffix('>'))
        .unwrap_or(dest);
    if is_external(dest) {
        return LinkDest::External;
    }
    let (rest, fragment) = match dest.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment).filter(|f| !f.is_empty())),
        None => (dest, None),
    };
    let (path, query) = match rest.find('?') {
        Some(at) => (&rest[..at], Some(&rest[at..])),
        None => (rest, None),
    };
    let fragment = fragment.map(|f| decode(f).into_owned());
    if path.is_empty() {
        return LinkDest::SamePage { fragment };
    }
    let decoded = decode(path);
    let resolved = match decoded.strip_prefix('/') {
        Some(site_absolute) => resolve_relative("", site_absolute),
        None => resolve_relative(from, &decoded),
    };
    match resolved {
        Some(path) => LinkDest::Site {
            path,
            query,
            fragment,
        },
        None => LinkDest::Outside { path: decoded },
    }
}

/// `my%20page.md` -> `my page.md`; left as written when the bytes are not UTF-8.
fn decode(text: &str) -> Cow<'_, str> {
    percent_decode_str(text)
        .decode_utf8()
        .unwrap_or(Cow::Borrowed(text))
}

fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        })
}

/// `a/b.md` + `../c/d.md` -> `c/d.md`. None if it climbs above `content/`.
pub(crate) fn resolve_relative(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if link.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// How the page at `from` links to `to` (both relative to `content/`): `../guides/setup.md`.
pub(crate) fn relative_link(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut link = "../".repeat(from_dirs.len() - common);
    link.push_str(&to_parts[common..].join("/"));
    link
}

/// What a path is called: its file name without its extension (`chart` of `chart.png`, so
/// `chart.svg` is found too), or for a folder's index file (`index.md`, `_index.md`,
/// `README.md`) the folder's name.
fn name_of(path: &str) -> &str {
    let mut parts = path.trim_end_matches('/').rsplit('/');
    let file = parts.next().unwrap_or_default();
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let stem = if stem.is_empty() { file } else { stem };
    if ["index", "_index", "README", "readme"].contains(&stem) {
        parts.next().unwrap_or(stem)
    } else {
        stem
    }
}

/// The likely meant of `candidates` for the missing `wrong` (both relative to `content/`),
/// best first, at most three: the same name in another folder (`guides/setup.md` for
/// `setup.md`, `team/index.md` for `team.md`), or a name or path a few letters away (a typo).
/// Nothing when nothing is close: a different page that happens to share `index.md` is not
/// close.
pub(crate) fn suggest_paths<'c>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Vec<&'c str> {
    let wrong_name = name_of(wrong).to_lowercase();
    let wrong_path = wrong.to_lowercase();
    let mut found: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let name = name_of(candidate).to_lowercase();
            let path = candidate.to_lowercase();
            let name_distance = strsim::osa_distance(&wrong_name, &name);
            let path_distance = strsim::osa_distance(&wrong_path, &path);
            // One slip per four letters of the name, at most two: `plain-langage` finds
            // `plain-language`, while `it` must be exact (one slip from `it` is anything).
            let typo = (wrong_name.chars().count() / 4).min(2);
            let close = name_distance <= typo || path_distance <= typo;
            close.then_some((name_distance, path_distance, candidate))
        })
        .collect();
    found.sort();
    found.into_iter().take(3).map(|(_, _, c)| c).collect()
}

/// The heading id that `wrong` most likely meant, among `ids`.
pub(crate) fn suggest_anchor<'i>(
    wrong: &str,
    ids: impl IntoIterator<Item = &'i str>,
) -> Option<&'i str> {
    let wrong = decode(wrong).to_lowercase();
    let typo = (wrong.chars().count() / 4).clamp(1, 3);
    ids.into_iter()
        .map(|id| (strsim::osa_distance(&wrong, &id.to_lowercase()), id))
        .filter(|(distance, _)| *distance <= typo)
        .min()
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_resolve_with_their_query_and_fragment() {
        let site =
            |path: &str, query: Option<&'static str>, fragment: Option<&str>| LinkDest::Site {
                path: path.to_string(),
                query,
                fragment: fragment.map(str::to_string),
            };
        let cases = [
            ("other.md", site("guides/other.md", None, None)),
            (
                "first.md?tab=2",
                site("guides/first.md", Some("?tab=2"), None),
            ),
            (
                "first.md?tab=2#setup",
                site("guides/first.md", Some("?tab=2"), Some("setup")),
            ),
            ("first.md#", site("guides/first.md", None, None)),
            ("my%20page.md", site("guides/my page.md", None, None)),
            ("<my page.md>", site("guides/my page.md", None, None)),
            (
                "caf%C3%A9.md#d%C3%A9j%C3%A0",
                site("guides/café.md", None, Some("déjà")),
            ),
            ("bad%FF.md", site("guides/bad%FF.md", None, None)),
            ("../team/", site("team/", None, None)),
            ("./pic.png", site("guides/pic.png", None, None)),
            ("/tools/vpn.md", site("tools/vpn.md", None, None)),
            ("/url", site("url", None, None)),
            (
                "#part",
                LinkDest::SamePage {
                    fragment: Some("part".into()),
                },
            ),
            ("?print=1", LinkDest::SamePage { fragment: None }),
            ("https://example.com/a.md", LinkDest::External),
            ("//cdn.example.com/x.js", LinkDest::External),
            ("mailto:it@example.com", LinkDest::External),
            (
                "../../etc/passwd",
                LinkDest::Outside {
                    path: "../../etc/passwd".into(),
                },
            ),
        ];
        for (dest, expected) in cases {
            assert_eq!(resolve_link("guides/page.md", dest), expected, "{dest}");
        }
    }

    #[test]
    fn relative_links_between_pages() {
        for (from, to, link) in [
            ("a/page.md", "a/other.md", "other.md"),
            ("a/page.md", "b/other.md", "../b/other.md"),
            ("a/b/page.md", "a/c/d.md", "../c/d.md"),
            ("page.md", "a/b.md", "a/b.md"),
            ("a/b/page.md", "top.md", "../../top.md"),
            ("a/page.md", "a/b/index.md", "b/index.md"),
        ] {
            assert_eq!(relative_link(from, to), link, "{from} -> {to}");
        }
    }

    #[test]
    fn suggestions_are_the_same_name_elsewhere_or_a_typo_never_an_unrelated_page() {
        let pages = [
            "departments/sales/roles/index.md",
            "communication/plain-language.md",
            "guides/setup.md",
            "about/team.md",
            "it/overview.md",
            "marketing/overview.md",
            "process/deploys/_index.md",
        ];
        let cases: &[(&str, &[&str])] = &[
            // The reports of issue 17: an index.md elsewhere is not a match.
            ("process/deployments/index.md", &[]),
            ("team/index.md", &["about/team.md"]),
            (
                "communication/plain-langage.md",
                &["communication/plain-language.md"],
            ),
            ("setup.md", &["guides/setup.md"]),
            (
                "old/overview.md",
                &["it/overview.md", "marketing/overview.md"],
            ),
            ("process/deploy/_index.md", &["process/deploys/_index.md"]),
            (
                "comunication/plain-lagnuage.md",
                &["communication/plain-language.md"],
            ),
            ("billing.md", &[]),
            ("it.md", &[]),
        ];
        for (wrong, expected) in cases {
            assert_eq!(suggest_paths(wrong, pages), *expected, "{wrong}");
        }
    }

    #[test]
    fn anchor_suggestions_are_typos_of_a_heading() {
        let ids = ["approval", "who-approves", "timeline", "faq"];
        for (wrong, expected) in [
            ("aproval", Some("approval")),
            ("Approval", Some("approval")),
            ("who-approve", Some("who-approves")),
            ("time-line", Some("timeline")),
            ("fqa", Some("faq")),
            ("fix", None),
            ("budget", None),
        ] {
            assert_eq!(suggest_anchor(wrong, ids), expected, "{wrong}");
        }
    }
}
