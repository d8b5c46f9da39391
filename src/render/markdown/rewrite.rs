//! Stage 3a, render: a link's destination in a page body rewritten to the URL it leads to,
//! and reported when it leads nowhere.
//!
//! Pure: where a link points is decided by `render::links::resolve_link` (table-tested
//! there); this step looks the result up in what the site has ([`LinkTargets`]), writes the
//! URL relative to the page, and keeps anchors into other pages for the driver to check once
//! every page's headings are known. Never reads, never writes.

use pulldown_cmark::{CowStr, LinkType};

use super::renderer::Renderer;
use super::{AnchorLink, ExternalLink};
use crate::diagnostic::{Code, Diagnostic};
use crate::render::links::{relative_link, resolve_link, suggest_anchor, suggest_paths, LinkDest};

impl<'a> Renderer<'a> {
    /// Rewrites a link's destination and reports it if it leads nowhere.
    pub(super) fn rewrite(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        pos: usize,
        is_image: bool,
    ) -> CowStr<'a> {
        // A link in an included file is written from that file's folder.
        let from = self.origin(pos).0.rel_path;
        let resolved = if matches!(link_type, LinkType::Email | LinkType::Autolink) {
            LinkDest::External
        } else {
            resolve_link(from, &dest)
        };
        let shown_len = dest.chars().count() + 4;
        // The path as written, for messages: `../b/missing.md` of `../b/missing.md?x=1#y`.
        let written = dest.split(['?', '#']).next().unwrap_or_default();
        let (resolved, query, fragment) = match resolved {
            LinkDest::External => {
                self.external(&dest, pos);
                return dest;
            }
            LinkDest::SamePage { fragment } => {
                if let Some(anchor) = fragment {
                    let diag = Diagnostic::error(
                        Code::BrokenAnchor,
                        format!("no heading with id `#{anchor}` on this page"),
                    );
                    let problem = self.problem(diag, pos, shown_len);
                    self.own_anchors.push((anchor, problem));
                }
                return dest;
            }
            LinkDest::Outside { path } => {
                let diag = Diagnostic::error(
                    Code::BrokenLink,
                    format!("`{path}` points outside the content folder"),
                )
                .help("link to a page inside content/");
                let problem = self.problem(diag, pos, shown_len);
                self.out.diagnostics.push(problem);
                return dest;
            }
            LinkDest::Site {
                path,
                query,
                fragment,
            } => (path, query.unwrap_or_default(), fragment),
        };
        let suffix = match &fragment {
            Some(f) => format!("{query}#{f}"),
            None => query.to_string(),
        };
        let root = self.page.root;
        // A page by its file (`setup.md`), or by its folder (`../guide/`: its `_index.md` or
        // `index.md`); either way an `#anchor` must be one of its headings.
        let as_dir = resolved.trim_end_matches('/');
        let found = [
            resolved.clone(),
            format!("{as_dir}/_index.md"),
            format!("{as_dir}/index.md"),
        ]
        .into_iter()
        .find_map(|source| Some((self.targets.pages.get(&source)?, source)));
        if let Some((url, source)) = found {
            self.out.page_links.push(source.clone());
            if let Some(anchor) = fragment {
                let diag = Diagnostic::error(Code::BrokenAnchor, format!("`{written}` has no heading with id `#{anchor}`"))
                    .help("link to a heading that exists, or give the heading an explicit id: `## Title {#id}`");
                let problem = self.problem(diag, pos, shown_len);
                self.out.anchor_links.push(AnchorLink {
                    target: source,
                    anchor,
                    problem,
                });
            }
            return format!("{root}{url}{suffix}").into();
        }
        if self.targets.files.contains(&resolved) || self.targets.urls.contains(&resolved) {
            return format!("{root}{resolved}{suffix}").into();
        }
        // `x.md`, and URL-style links to a page (`../dates/`, `/url`): a file has an extension.
        let is_page = resolved.ends_with(".md")
            || !resolved
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .contains('.');
        let (code, what) = if is_image {
            (Code::MissingImage, "image")
        } else if is_page {
            (Code::BrokenLink, "page")
        } else {
            (Code::MissingFile, "file")
        };
        let help = self.missing_help(from, &resolved, is_page, what);
        let diag = Diagnostic::error(
            code,
            format!("link to missing {what} `{written}` (looked for content/{resolved})"),
        )
        .help(help);
        let problem = self.problem(diag, pos, shown_len);
        self.out.diagnostics.push(problem);
        dest
    }

    /// Remembers a link to another site, for `check --external`.
    pub(super) fn external(&mut self, dest: &str, pos: usize) {
        if dest.starts_with("http://") || dest.starts_with("https://") {
            let location = self.location(pos, dest.chars().count());
            let source_line = self
                .origin(pos)
                .0
                .text
                .lines()
                .nth(location.line - 1)
                .unwrap_or_default()
                .to_string();
            self.out.external_links.push(ExternalLink {
                url: dest.to_string(),
                location,
                source_line,
            });
        }
    }

    /// "Did you mean" for a missing page or file: the closest pages (or files), written as
    /// the link this page would use; else where to look.
    pub(super) fn missing_help(
        &self,
        from: &str,
        resolved: &str,
        is_page: bool,
        what: &str,
    ) -> String {
        let candidates: Vec<&str> = if is_page {
            self.targets.pages.keys().map(String::as_str).collect()
        } else {
            self.targets.files.iter().map(String::as_str).collect()
        };
        let found = suggest_paths(resolved, candidates);
        if found.is_empty() {
            return if is_page {
                "check the path: links are relative to this page's folder".to_string()
            } else {
                format!("put the {what} in content/ or static/, or fix the path")
            };
        }
        let links: Vec<String> = found
            .iter()
            .map(|to| format!("`{}`", relative_link(from, to)))
            .collect();
        format!("did you mean {}?", links.join(" or "))
    }

    pub(super) fn check_own_anchors(&mut self) {
        let anchors = std::mem::take(&mut self.own_anchors);
        for (anchor, problem) in anchors {
            if !self.out.heading_ids.contains(&anchor) {
                let problem = with_anchor_help(problem, &anchor, &self.out.heading_ids);
                self.out.diagnostics.push(problem);
            }
        }
    }
}

impl AnchorLink {
    /// The problem to report when the target page has no heading `anchor`, given the ids it
    /// has (`None` if unknown): with the closest heading as a suggestion, if one is close.
    pub(crate) fn report(&self, ids: Option<&[String]>) -> Diagnostic {
        with_anchor_help(self.problem.clone(), &self.anchor, ids.unwrap_or_default())
    }
}

/// Suggests the heading id `anchor` was likely meant to be.
fn with_anchor_help(problem: Diagnostic, anchor: &str, ids: &[String]) -> Diagnostic {
    match suggest_anchor(anchor, ids.iter().map(String::as_str)) {
        Some(id) => problem.help(format!("did you mean `#{id}`? (the heading's id)")),
        None => problem,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::render;

    #[test]
    fn links_are_rewritten_to_urls() {
        let cases = [
            ("[x](../b/other.md)", "href=\"../../b/other/\""),
            ("[x](../b/other.md#part)", "href=\"../../b/other/#part\""),
            ("[x](../b/_index.md)", "href=\"../../b/\""),
            ("[x](../b/)", "href=\"../../b/\""),
            (
                "[x](https://example.com/a.md)",
                "href=\"https://example.com/a.md\"",
            ),
            ("![alt](pic.png)", "src=\"../../a/pic.png\""),
            ("[x](#top)\n\n## Top", "href=\"#top\""),
            (
                "[q](../b/other.md?tab=2#part)",
                "href=\"../../b/other/?tab=2#part\"",
            ),
            ("[x](my%20page.md)", "href=\"../../a/my%20page/\""),
            ("[x](<my page.md>)", "href=\"../../a/my%20page/\""),
            ("[x]\n\n[x]: <my page.md>", "href=\"../../a/my%20page/\""),
        ];
        for (md, expected) in cases {
            let out = render(md);
            assert!(out.html.contains(expected), "{md}: {}", out.html);
            assert!(out.diagnostics.is_empty(), "{md}: {:?}", out.diagnostics);
        }
        assert_eq!(
            render("[x](../b/other.md#part)").anchor_links[0].anchor,
            "part"
        );
    }

    #[test]
    fn broken_links_name_the_line() {
        let out = render(
            "Intro\n\nSee [the other](../b/missing.md) and ![pic](nope.png) and [top](#nowhere).\n",
        );
        let lines: Vec<String> = out
            .diagnostics
            .iter()
            .map(|d| d.render().lines().next().unwrap().to_string())
            .collect();
        assert_eq!(
            lines,
            [
                "content/a/page.md:3:5: error: link to missing page `../b/missing.md` (looked for content/b/missing.md) [broken-link]",
                "content/a/page.md:3:38: error: link to missing image `nope.png` (looked for content/a/nope.png) [missing-image]",
                "content/a/page.md:3:59: error: no heading with id `#nowhere` on this page [broken-anchor]",
            ]
        );
    }

    #[test]
    fn broken_links_suggest_only_close_pages_written_as_links_from_here() {
        let help = |md: &str| {
            let out = render(md);
            out.diagnostics[0].help.clone().unwrap_or_default()
        };
        assert_eq!(help("[x](setup.md)"), "did you mean `../guides/setup.md`?");
        assert_eq!(help("[x](../b/othre.md)"), "did you mean `../b/other.md`?");
        assert_eq!(
            help("[x](../../process/deployments/index.md)"),
            "link to a page inside content/"
        );
        assert_eq!(
            help("[x](../process/deployments/index.md)"),
            "check the path: links are relative to this page's folder"
        );
        assert_eq!(help("![A chart](pic.jpg)"), "did you mean `pic.png`?");
        assert_eq!(
            help("[x](../guides/setup/)"),
            "did you mean `../guides/setup.md`?"
        );
        assert_eq!(render("[x](/url)").diagnostics[0].code, "broken-link");
        assert_eq!(render("[x](form.pdf)").diagnostics[0].code, "missing-file");
        assert_eq!(
            help("[x](#Topp)\n\n## Top"),
            "did you mean `#top`? (the heading's id)"
        );
    }
}
