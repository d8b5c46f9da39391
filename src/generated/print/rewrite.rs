//! One included page's body, made a part of a print document: headings one level down (the
//! document has one `h1`), every id prefixed with the page's anchor (ids unique across the
//! document), links to pages the document includes turned into in-document links
//! (`page/#heading` -> `#page--heading`), and every other site link or image recomputed from
//! the print page's own place (`root`, which is the absolute `base_url` when there is one).
//!
//! Pure: the already-rendered body HTML in, HTML out. The body is rewritten with lol_html, a
//! streaming rewriter, so raw HTML written in a page is handled as a browser reads it.

use std::collections::HashMap;

use lol_html::html_content::Element;
use lol_html::{element, rewrite_str, RewriteStrSettings};

/// Attributes whose value is a space-separated list of ids on the same page.
const ID_LISTS: [&str; 5] = [
    "aria-describedby",
    "aria-labelledby",
    "aria-controls",
    "aria-owns",
    "for",
];

/// What a page's links are rewritten against: the document's pages and the print page's way
/// back to the site root.
pub(crate) struct Document<'a> {
    /// Each included page's URL (`communication/plain-language/`) -> its anchor in the document.
    pub(crate) anchors: HashMap<&'a str, String>,
    /// From the print page back to the site root: `../../`, or the absolute base URL.
    pub(crate) root: &'a str,
    /// The site's absolute base URL, if the pages were rendered with one.
    pub(crate) base_url: Option<&'a str>,
}

/// The anchor of the page at `url` in a print document: `page-communication-plain-language`.
pub(crate) fn page_anchor(url: &str) -> String {
    let path = url.trim_matches('/').replace('/', "-");
    if path.is_empty() {
        "page-home".to_string()
    } else {
        format!("page-{path}")
    }
}

/// An id of the page with `anchor`, made unique in the document: `page-a--setup`.
pub(crate) fn part_id(anchor: &str, id: &str) -> String {
    format!("{anchor}--{id}")
}

impl Document<'_> {
    /// The body of the page at `url` (rendered with links from that page), as a part of the
    /// document. An HTML error (never expected: the body is our own output) keeps it as it is.
    pub(crate) fn rewrite_part(&self, url: &str, html: &str) -> String {
        let anchor = match self.anchors.get(url) {
            Some(anchor) => anchor.clone(),
            None => page_anchor(url),
        };
        let anchor = anchor.as_str();
        let prefix_ids = |el: &mut Element| {
            if let Some(id) = el.get_attribute("id") {
                set(el, "id", &part_id(anchor, &id));
            }
            for name in ID_LISTS {
                if let Some(list) = el.get_attribute(name) {
                    let ids: Vec<String> = list
                        .split_whitespace()
                        .map(|id| part_id(anchor, id))
                        .collect();
                    set(el, name, &ids.join(" "));
                }
            }
            Ok(())
        };
        let link = |name: &'static str| {
            move |el: &mut Element| {
                if let Some(value) = el.get_attribute(name) {
                    if let Some(new) = self.link(url, anchor, &value) {
                        set(el, name, &new);
                    }
                }
                Ok(())
            }
        };
        let settings = RewriteStrSettings::new()
            .append_element_content_handler(element!("h1, h2, h3, h4, h5, h6", |el| {
                let level = el.tag_name()[1..].parse::<u8>().unwrap_or(6);
                // `h6` stays `h6`: HTML has no lower level.
                el.set_tag_name(&format!("h{}", (level + 1).min(6)))?;
                Ok(())
            }))
            .append_element_content_handler(element!("*", prefix_ids))
            .append_element_content_handler(element!("[href]", link("href")))
            .append_element_content_handler(element!("[src]", link("src")));
        rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
    }

    /// Where `href`, written on the page at `url` (whose anchor is `anchor`), leads from the
    /// print page; `None` keeps it as written (another site, `mailto:`, a path from the host).
    fn link(&self, url: &str, anchor: &str, href: &str) -> Option<String> {
        if let Some(fragment) = href.strip_prefix('#') {
            return Some(match fragment {
                "" => format!("#{anchor}"),
                id => format!("#{}", part_id(anchor, id)),
            });
        }
        let site_path = match self.base_url.and_then(|base| href.strip_prefix(base)) {
            Some(rest) => rest.to_string(),
            None if is_absolute(href) => return None,
            None => resolve(url, href)?,
        };
        let (path, fragment) = match site_path.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (site_path.as_str(), None),
        };
        if let Some(target) = self.anchors.get(path) {
            return Some(match fragment {
                None | Some("") => format!("#{target}"),
                Some(id) => format!("#{}", part_id(target, id)),
            });
        }
        Some(format!("{}{site_path}", self.root))
    }
}

fn set(el: &mut Element, name: &str, value: &str) {
    // The names are ours and valid; an error would only mean an invalid attribute name.
    let _ = el.set_attribute(name, value);
}

/// A link with a scheme (`https:`, `mailto:`), from the host (`/x`) or protocol-relative.
fn is_absolute(href: &str) -> bool {
    let before = href.split(['/', '?', '#']).next().unwrap_or_default();
    href.starts_with('/') || before.contains(':')
}

/// `href` written on the page at `url`, as a path from the site root; `None` when it climbs
/// above the root (then it is kept as written).
fn resolve(url: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = url.split('/').filter(|s| !s.is_empty()).collect();
    let (path, rest) = match href.find(['?', '#']) {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    let mut folder = path.is_empty();
    for segment in path.split('/') {
        folder = matches!(segment, "" | "." | "..");
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    // A folder link keeps its closing slash.
    if folder && !out.is_empty() {
        out.push('/');
    }
    Some(out + rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document<'a>(root: &'a str, base_url: Option<&'a str>) -> Document<'a> {
        let anchors = ["guide/", "guide/setup/", "guide/deep/more/"]
            .into_iter()
            .map(|u| (u, page_anchor(u)))
            .collect();
        Document {
            anchors,
            root,
            base_url,
        }
    }

    #[test]
    fn links_become_in_document_links_or_links_from_the_print_page() {
        let doc = document("../../", None);
        // (page URL, href as rendered on that page, href in the print page)
        for (url, href, expected) in [
            ("guide/setup/", "#install", "#page-guide-setup--install"),
            ("guide/setup/", "#", "#page-guide-setup"),
            ("guide/setup/", "../../guide/", "#page-guide"),
            ("guide/setup/", "../../guide/#why", "#page-guide--why"),
            (
                "guide/",
                "../guide/deep/more/#x",
                "#page-guide-deep-more--x",
            ),
            ("guide/setup/", "../../other/page/", "../../other/page/"),
            (
                "guide/setup/",
                "../../other/page/?a=1#b",
                "../../other/page/?a=1#b",
            ),
            (
                "guide/setup/",
                "../../guide/setup/pic.png",
                "../../guide/setup/pic.png",
            ),
            ("guide/setup/", "pic.png", "../../guide/setup/pic.png"),
            ("guide/setup/", "./pic.png", "../../guide/setup/pic.png"),
            ("guide/deep/more/", "../../../", "../../"),
            (
                "guide/setup/",
                "https://example.com/a",
                "https://example.com/a",
            ),
            (
                "guide/setup/",
                "mailto:it@example.com",
                "mailto:it@example.com",
            ),
            ("guide/setup/", "/from/host", "/from/host"),
            ("guide/setup/", "../../../../above", "../../../../above"),
        ] {
            let html = format!("<a href=\"{href}\">x</a>");
            let out = doc.rewrite_part(url, &html);
            assert_eq!(out, format!("<a href=\"{expected}\">x</a>"), "{url} {href}");
        }
    }

    #[test]
    fn with_a_base_url_site_links_are_absolute() {
        let doc = document("https://hb.example/", Some("https://hb.example/"));
        let html = "<a href=\"https://hb.example/guide/setup/#a\">in</a><a href=\"https://hb.example/x/\">out</a><img src=\"https://hb.example/guide/p.png\">";
        assert_eq!(
            doc.rewrite_part("guide/", html),
            "<a href=\"#page-guide-setup--a\">in</a><a href=\"https://hb.example/x/\">out</a><img src=\"https://hb.example/guide/p.png\">"
        );
    }

    #[test]
    fn headings_move_down_a_level_and_ids_are_prefixed() {
        let doc = document("../", None);
        let html = "<h2 id=\"plan\">Plan <a class=\"anchor\" href=\"#plan\">#</a></h2>\n<h6 id=\"deep\">Deep</h6><a class=\"term\" aria-describedby=\"tip-sla\">SLA</a><span id=\"tip-sla\">x</span>";
        assert_eq!(
            doc.rewrite_part("guide/", html),
            "<h3 id=\"page-guide--plan\">Plan <a class=\"anchor\" href=\"#page-guide--plan\">#</a></h3>\n<h6 id=\"page-guide--deep\">Deep</h6><a class=\"term\" aria-describedby=\"page-guide--tip-sla\">SLA</a><span id=\"page-guide--tip-sla\">x</span>"
        );
    }
}
