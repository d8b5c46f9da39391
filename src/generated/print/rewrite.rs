//! One included page's body, made a part of a print document: headings one level down (the
//! document has one `h1`), every id prefixed with the page's anchor (ids unique across the
//! document), links to pages the document includes turned into in-document links
//! (`page/#heading` -> `#page--heading`), and every other site link or image recomputed from
//! the print page's own place (`root`, which is the absolute `base_url` when there is one).
//!
//! Pure: the already-rendered body HTML in, HTML out. The body is parsed once, with lol_html
//! (a streaming rewriter, so raw HTML written in a page is handled as a browser reads it), into
//! a [`PartBody`]: the HTML with a hole wherever an id or a link depends on the document. A page
//! is in up to a few print documents (its section's, the sections above while they are small,
//! its tracks'); each fills the holes in, without parsing the HTML again.

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

/// A page's body ready to be a part of any print document: headings already a level down, and
/// a [`Hole`] at each attribute value that depends on the document.
#[derive(Clone, Default)]
pub(crate) struct PartBody {
    /// The rewritten body without the holes' values.
    text: String,
    /// Each hole, with the byte offset in `text` where its value goes, in order.
    holes: Vec<(usize, Hole)>,
}

/// An attribute value that depends on the print document, as written on the page.
#[derive(Clone)]
enum Hole {
    /// An `id`: prefixed with the page's anchor.
    Id(String),
    /// A space-separated list of ids (`aria-describedby`...): each prefixed.
    Ids(String),
    /// A link within the page (`#fragment`; empty: the page itself).
    Fragment(String),
    /// A link to a path of the site (`guide/setup/#why`, from the site root): in the document
    /// when it includes that page, else from the print page's place.
    SitePath(String),
}

impl PartBody {
    /// Parses the body of the page at `url`, rendered with links from that page (absolute ones
    /// under `base_url` when the site has one). An HTML error (never expected: the body is our
    /// own output) keeps it as it is.
    pub(crate) fn new(url: &str, html: &str, base_url: Option<&str>) -> Self {
        // Each hole's value is written as `mark index mark` by the rewriter and cut out after:
        // a private-use character the body does not contain, so it marks nothing else.
        let Some(mark) = ('\u{E000}'..='\u{F8FF}').find(|&c| !html.contains(c)) else {
            return PartBody::unchanged(html);
        };
        let mut holes: Vec<Hole> = Vec::new();
        let mut hole = |el: &mut Element, name: &str, value: Hole| {
            set(el, name, &format!("{mark}{}{mark}", holes.len()));
            holes.push(value);
        };
        // Only the elements with something to change reach the handler; most have nothing.
        let selector = "h1, h2, h3, h4, h5, h6, [id], [href], [src], [for], [aria-describedby], \
                        [aria-labelledby], [aria-controls], [aria-owns]";
        let handler = element!(selector, |el| {
            if let Some(level) = heading_level(&el.tag_name()) {
                // `h6` stays `h6`: HTML has no lower level.
                el.set_tag_name(&format!("h{}", (level + 1).min(6)))?;
            }
            if let Some(id) = el.get_attribute("id") {
                hole(el, "id", Hole::Id(id));
            }
            for name in ID_LISTS {
                if let Some(list) = el.get_attribute(name) {
                    hole(el, name, Hole::Ids(list));
                }
            }
            for name in ["href", "src"] {
                if let Some(link) = el
                    .get_attribute(name)
                    .and_then(|value| link_hole(url, &value, base_url))
                {
                    hole(el, name, link);
                }
            }
            Ok(())
        });
        let settings = RewriteStrSettings::new().append_element_content_handler(handler);
        let Ok(marked) = rewrite_str(html, settings) else {
            return PartBody::unchanged(html);
        };
        let mut holes = holes.into_iter().map(Some).collect::<Vec<_>>();
        let mut body = PartBody {
            text: String::with_capacity(marked.len()),
            holes: Vec::with_capacity(holes.len()),
        };
        let mut pieces = marked.split(mark);
        body.text.push_str(pieces.next().unwrap_or_default());
        while let (Some(index), Some(after)) = (pieces.next(), pieces.next()) {
            if let Some(value) = index
                .parse()
                .ok()
                .and_then(|i: usize| holes.get_mut(i)?.take())
            {
                body.holes.push((body.text.len(), value));
            }
            body.text.push_str(after);
        }
        body
    }

    fn unchanged(html: &str) -> Self {
        PartBody {
            text: html.to_string(),
            holes: Vec::new(),
        }
    }
}

/// `2` for `h2`; `None` for any other element.
fn heading_level(tag: &str) -> Option<u8> {
    match tag.as_bytes() {
        [b'h' | b'H', digit @ b'1'..=b'6'] => Some(digit - b'0'),
        _ => None,
    }
}

/// The hole of `href` (or `src`) written on the page at `url`; `None` keeps it as written
/// (another site, `mailto:`, a path from the host, a path above the root).
fn link_hole(url: &str, href: &str, base_url: Option<&str>) -> Option<Hole> {
    if let Some(fragment) = href.strip_prefix('#') {
        return Some(Hole::Fragment(fragment.to_string()));
    }
    let site_path = match base_url.and_then(|base| href.strip_prefix(base)) {
        Some(rest) => rest.to_string(),
        None if is_absolute(href) => return None,
        None => resolve(url, href)?,
    };
    Some(Hole::SitePath(site_path))
}

impl Document<'_> {
    /// The body of the page at `url` as a part of the document.
    pub(crate) fn fill(&self, url: &str, body: &PartBody) -> String {
        let anchor = match self.anchors.get(url) {
            Some(anchor) => anchor.clone(),
            None => page_anchor(url),
        };
        let mut out = String::with_capacity(body.text.len() + body.holes.len() * 24);
        let mut value = String::new();
        let mut at = 0;
        for (offset, hole) in &body.holes {
            out.push_str(&body.text[at..*offset]);
            at = *offset;
            value.clear();
            self.hole_value(&anchor, hole, &mut value);
            // As lol_html writes an attribute it set: in double quotes, `"` escaped.
            push_quote_escaped(&mut out, &value);
        }
        out.push_str(&body.text[at..]);
        out
    }

    /// The value of `hole` on the page whose anchor is `anchor`.
    fn hole_value(&self, anchor: &str, hole: &Hole, out: &mut String) {
        let prefixed = |out: &mut String, id: &str| {
            out.push_str(anchor);
            out.push_str("--");
            out.push_str(id);
        };
        match hole {
            Hole::Id(id) => prefixed(out, id),
            Hole::Ids(list) => {
                for (i, id) in list.split_whitespace().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    prefixed(out, id);
                }
            }
            Hole::Fragment(fragment) => {
                out.push('#');
                match fragment.as_str() {
                    "" => out.push_str(anchor),
                    id => prefixed(out, id),
                }
            }
            Hole::SitePath(site_path) => {
                let (path, fragment) = match site_path.split_once('#') {
                    Some((path, fragment)) => (path, Some(fragment)),
                    None => (site_path.as_str(), None),
                };
                match self.anchors.get(path) {
                    Some(target) => {
                        out.push('#');
                        match fragment {
                            None | Some("") => out.push_str(target),
                            Some(id) => out.push_str(&part_id(target, id)),
                        }
                    }
                    None => {
                        out.push_str(self.root);
                        out.push_str(site_path);
                    }
                }
            }
        }
    }
}

fn push_quote_escaped(out: &mut String, value: &str) {
    let mut parts = value.split('"');
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        out.push_str("&quot;");
        out.push_str(part);
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

    /// A document of three pages, printed `root` from the site root, of a site whose pages
    /// were rendered with `base_url`.
    struct Printed<'a> {
        doc: Document<'a>,
        base_url: Option<&'a str>,
    }

    impl Printed<'_> {
        /// The body `html` of the page at `url` as a part of the document.
        fn rewrite_part(&self, url: &str, html: &str) -> String {
            self.doc.fill(url, &PartBody::new(url, html, self.base_url))
        }
    }

    fn document<'a>(root: &'a str, base_url: Option<&'a str>) -> Printed<'a> {
        let anchors = ["guide/", "guide/setup/", "guide/deep/more/"]
            .into_iter()
            .map(|u| (u, page_anchor(u)))
            .collect();
        Printed {
            doc: Document { anchors, root },
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

    #[test]
    fn one_parse_serves_every_document_that_includes_the_page() {
        // Attributes in any order, a private-use character in the text (the holes' mark must
        // be another), a quote inside a single-quoted value.
        let html = "<p>\u{E000}1\u{E000}</p><a href=\"setup/#a\" id='x\"y' for=\"b c\">s</a>";
        let body = PartBody::new("guide/", html, None);
        let top = document("../", None);
        assert_eq!(
            top.doc.fill("guide/", &body),
            "<p>\u{E000}1\u{E000}</p><a href=\"#page-guide-setup--a\" id=\"page-guide--x&quot;y\" for=\"page-guide--b page-guide--c\">s</a>"
        );
        // A document that does not include `guide/setup/`, printed two levels down.
        let other = Document {
            anchors: [("guide/", "page-guide".to_string())].into_iter().collect(),
            root: "../../",
        };
        assert_eq!(
            other.fill("guide/", &body),
            "<p>\u{E000}1\u{E000}</p><a href=\"../../guide/setup/#a\" id=\"page-guide--x&quot;y\" for=\"page-guide--b page-guide--c\">s</a>"
        );
    }
}
