//! Import: links between pages. A link written in the source (a relative `.md` path, an
//! address on the old site, a Hugo `ref`) is found in the [`Plan`] and written as a relative
//! `.md` link to the page's new file, which bridgebook checks and turns into a URL.
//!
//! Pure. [`rewrite_markdown_links`] changes link destinations only, never the number of lines,
//! so later steps still count lines as the source does.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use super::plan::{file_name, norm_url, parent, Plan, SourcePage};

/// How a link target was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A path to a file, relative to the page's file (`../a.md`) or to the content folder (`/a.md`).
    File,
    /// An address on the old site, absolute (`/a/b/`) or relative to the page's address.
    Url,
    /// Hugo's `ref`/`relref` and Jekyll's `link`: a content path, relative to the page, then to the
    /// content folder, then found by file name.
    Ref,
}

/// Resolves link targets for one page.
pub(crate) struct Links<'a> {
    pub(crate) plan: &'a Plan,
    pub(crate) page: &'a SourcePage,
}

impl Links<'_> {
    /// The page a target leads to, as a relative link from this page's new file with the
    /// target's `#fragment`; `None` when it leads to no imported page.
    pub(crate) fn page_link(&self, target: &str, how: Target) -> Option<String> {
        let (path, fragment) = match target.find(['#', '?']) {
            Some(i) => (&target[..i], &target[i..]),
            None => (target, ""),
        };
        let fragment = fragment
            .split_once('#')
            .map_or(String::new(), |(_, f)| format!("#{f}"));
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let path = decoded.trim();
        let found = if path.is_empty() {
            return (!fragment.is_empty()).then(|| fragment.clone());
        } else {
            match how {
                Target::File => self.by_file(path),
                Target::Url => match self.by_url(path) {
                    Some(page) => Some(page),
                    // The home page, when the source's was not a Markdown page: the import
                    // writes one, but not the source's sections in it.
                    None if norm_url(path).is_empty() && !path.starts_with("..") => {
                        return Some(format!(
                            "{}{fragment}",
                            relative(&self.page.dest_rel, "_index.md")
                        ));
                    }
                    None => None,
                },
                Target::Ref => self.by_ref(path),
            }
        }?;
        Some(format!(
            "{}{fragment}",
            relative(&self.page.dest_rel, &found.dest_rel)
        ))
    }

    /// A link to a part (`/#tools`) of a home page the import wrote itself: that part was on
    /// the source's home template, which was not imported.
    pub(crate) fn is_part_of_generated_home(&self, target: &str) -> bool {
        target.contains('#') && norm_url(target).is_empty() && !self.plan.by_url.contains_key("")
    }

    fn by_file(&self, path: &str) -> Option<&SourcePage> {
        let rel = match path.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => join_rel(parent(&self.page.src_rel), path)?,
        };
        self.plan.by_src.get(&rel).map(|&i| &self.plan.pages[i])
    }

    fn by_url(&self, path: &str) -> Option<&SourcePage> {
        if path.starts_with('/') {
            self.plan.page_by_url(path)
        } else {
            self.plan
                .page_by_url(&format!("{}{path}", self.page.url_with_slash()))
        }
    }

    fn by_ref(&self, path: &str) -> Option<&SourcePage> {
        let candidates = |p: &str| {
            let p = p.trim_end_matches('/').to_string();
            [
                p.clone(),
                format!("{p}.md"),
                format!("{p}/_index.md"),
                format!("{p}/index.md"),
                format!("{p}/README.md"),
            ]
        };
        if let Some(abs) = path.strip_prefix('/') {
            let found = candidates(abs)
                .into_iter()
                .find_map(|c| self.plan.by_src.get(&c));
            return found
                .map(|&i| &self.plan.pages[i])
                .or_else(|| self.plan.page_by_url(path));
        }
        let relative = join_rel(parent(&self.page.src_rel), path);
        for base in relative.iter().map(String::as_str).chain([path]) {
            if let Some(&i) = candidates(base)
                .iter()
                .find_map(|c| self.plan.by_src.get(c))
            {
                return Some(&self.plan.pages[i]);
            }
        }
        // Hugo also finds a page by its file name alone, when only one has it.
        let name = file_name(path.trim_end_matches('/'));
        let wanted = name.trim_end_matches(".md");
        let mut same = self.plan.pages.iter().filter(|p| {
            let stem = file_name(&p.src_rel).split('.').next().unwrap_or("");
            // A section or bundle is found by its folder's name.
            let stem = if matches!(stem, "_index" | "index") {
                file_name(parent(&p.src_rel))
            } else {
                stem
            };
            stem == wanted || file_name(&p.src_rel) == name
        });
        let first = same.next();
        if same.next().is_none() {
            first
        } else {
            None
        }
    }
}

impl SourcePage {
    /// The source address, with the leading `/`, for joining relative addresses.
    fn url_with_slash(&self) -> String {
        format!("/{}", self.url)
    }
}

/// `a/b` + `../c.md` -> `a/c.md`; `None` if it climbs out of the content folder.
fn join_rel(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// A relative link from the file `from` to the file `to`, both relative to `content/`.
pub(crate) fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = parent(from).split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

/// Rewrites the destinations of inline links and link definitions that lead to imported pages
/// (or to files that moved with a page). Returns the new text and how many links changed.
pub(crate) fn rewrite_markdown_links(body: &str, links: &Links) -> (String, usize) {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let parser = Parser::new_ext(body, crate::model::markdown_options());
    let defs: Vec<(Range<usize>, String)> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| (def.span.clone(), def.dest.to_string()))
        .collect();
    for (span, dest) in defs {
        if let Some(new) = new_destination(&dest, links) {
            if let Some(at) = find_destination(&body[span.clone()], &dest) {
                edits.push((span.start + at..span.start + at + dest.len(), new));
            }
        }
    }
    for (event, range) in parser.into_offset_iter() {
        let (Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url,
            ..
        })
        | Event::Start(Tag::Image {
            link_type: LinkType::Inline,
            dest_url,
            ..
        })) = event
        else {
            continue;
        };
        if let Some(new) = new_destination(&dest_url, links) {
            if let Some(at) = find_destination(&body[range.clone()], &dest_url) {
                edits.push((range.start + at..range.start + at + dest_url.len(), new));
            }
        }
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    edits.dedup_by_key(|(r, _)| r.start);
    let mut out = body.to_string();
    let count = edits.len();
    for (range, new) in edits {
        out.replace_range(range, &new);
    }
    (out, count)
}

/// The new destination for one link, if it changes.
fn new_destination(dest: &str, links: &Links) -> Option<String> {
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let is_page_file = [".md", ".mdx", ".markdown"]
        .iter()
        .any(|e| path.ends_with(e));
    let new = if is_page_file {
        links.page_link(dest, Target::File)
    } else if is_asset(path) {
        moved_asset(path, links)
    } else {
        links.page_link(dest, Target::Url)
    }?;
    (new != dest).then_some(new)
}

/// A relative link to a file in the content folder, from a page that moved (`foo.md` became
/// `foo/_index.md`): the same file, from the new place.
fn moved_asset(path: &str, links: &Links) -> Option<String> {
    if path.starts_with('/') || parent(&links.page.src_rel) == parent(&links.page.dest_rel) {
        return None;
    }
    let rel = join_rel(parent(&links.page.src_rel), path)?;
    let target = format!("content/{rel}");
    links
        .plan
        .assets
        .iter()
        .any(|(_, dest)| *dest == target)
        .then(|| relative(&links.page.dest_rel, &rel))
}

fn is_asset(path: &str) -> bool {
    let name = file_name(path);
    name.rfind('.').is_some_and(|i| {
        let ext = &name[i + 1..];
        !ext.is_empty() && ext != "html" && ext.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Where `dest` is written in a link's source text: after `(`, `(<`, `]:` or `]: <`.
fn find_destination(text: &str, dest: &str) -> Option<usize> {
    let mut found = None;
    let mut from = 0;
    while let Some(i) = text[from..].find(dest) {
        let at = from + i;
        let before = text[..at].trim_end_matches([' ', '\t', '\n', '<']);
        if before.ends_with('(') || before.ends_with("]:") {
            found = Some(at);
        }
        from = at + dest.len().max(1);
    }
    found
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::import::front_matter::PageMeta;

    fn page(src: &str, dest: &str, url: &str) -> SourcePage {
        SourcePage {
            src_rel: src.into(),
            dest_rel: dest.into(),
            text: String::new(),
            meta: PageMeta::default(),
            body_offset: 0,
            unreadable: None,
            url: url.into(),
        }
    }

    /// A small site: tools/slack (a section), its records page, a Docusaurus intro, the home.
    pub(crate) fn plan() -> Plan {
        let mut plan = Plan::default();
        for (i, (src, dest, url)) in [
            ("tools/slack.md", "tools/slack/_index.md", "tools/slack/"),
            (
                "tools/slack/records.md",
                "tools/slack/records.md",
                "tools/slack/records/",
            ),
            ("docs/01-intro.mdx", "docs/intro.md", "docs/intro/"),
            ("index.md", "_index.md", ""),
        ]
        .into_iter()
        .enumerate()
        {
            plan.pages.push(page(src, dest, url));
            plan.by_src.insert(src.into(), i);
            plan.by_url.insert(url.into(), i);
        }
        plan.by_url.insert("old-slack/".into(), 0);
        plan.assets
            .push(("x".into(), "content/tools/pic.png".into()));
        plan
    }

    #[test]
    fn targets_resolve_to_relative_md_links() {
        let plan = plan();
        let links = Links {
            plan: &plan,
            page: &plan.pages[0],
        };
        let cases = [
            (
                "/tools/slack/records/#top",
                Target::Url,
                Some("records.md#top"),
            ),
            ("/old-slack/", Target::Url, Some("_index.md")),
            ("/Tools/Slack/Records", Target::Url, Some("records.md")),
            ("records/", Target::Url, Some("records.md")),
            ("/nowhere/", Target::Url, None),
            ("slack/records.md", Target::File, Some("records.md")),
            (
                "../docs/01-intro.mdx#a",
                Target::File,
                Some("../../docs/intro.md#a"),
            ),
            ("records", Target::Ref, Some("records.md")),
            ("slack#part", Target::Ref, Some("_index.md#part")),
            ("/index.md", Target::Ref, Some("../../_index.md")),
            ("#local", Target::Url, Some("#local")),
        ];
        for (target, how, expected) in cases {
            assert_eq!(
                links.page_link(target, how).as_deref(),
                expected,
                "{target}"
            );
        }
    }

    #[test]
    fn markdown_links_are_rewritten_in_place() {
        let plan = plan();
        let links = Links {
            plan: &plan,
            page: &plan.pages[0],
        };
        let body = "See [records](/tools/slack/records/) and ![pic](pic.png).\n\n[def]: ../index.md \"Home\"\n[ext](https://x.example/a.md) [code](`x`)\n";
        let (out, n) = rewrite_markdown_links(body, &links);
        assert_eq!(n, 3, "{out}");
        assert_eq!(out, "See [records](records.md) and ![pic](../pic.png).\n\n[def]: ../../_index.md \"Home\"\n[ext](https://x.example/a.md) [code](`x`)\n");
        assert_eq!(relative("a/b/c.md", "a/d.md"), "../d.md");
        assert_eq!(relative("_index.md", "a/d.md"), "a/d.md");
    }
}
