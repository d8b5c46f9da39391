//! Pages bridgebook writes that come from no Markdown file: the sitemap and alias redirects.
//!
//! Pure: takes URLs, returns text.

use crate::render::highlight::escape;

/// A page at an old address that sends the reader on to the new one.
pub(crate) fn redirect_page(target: &str) -> String {
    let target = escape(target);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moved</title><meta name=\"robots\" content=\"noindex\">\
         <link rel=\"canonical\" href=\"{target}\"><meta http-equiv=\"refresh\" content=\"0; url={target}\"></head>\
         <body><main><p>This page has moved to <a href=\"{target}\">{target}</a>.</p></main></body></html>\n"
    )
}

/// `sitemap.xml` for a site published at `base_url` (which ends in `/`).
pub(crate) fn sitemap<'a>(
    base_url: &str,
    pages: impl Iterator<Item = (&'a str, Option<String>)>,
) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (url, lastmod) in pages {
        xml.push_str(&format!(
            "  <url><loc>{}{}</loc>",
            escape(base_url),
            escape(url)
        ));
        if let Some(date) = lastmod {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_absolute_urls() {
        let xml = sitemap(
            "https://x.example/h/",
            [("", None), ("a/", Some("2026-01-02".to_string()))].into_iter(),
        );
        assert!(xml.contains("<url><loc>https://x.example/h/</loc></url>"));
        assert!(xml
            .contains("<url><loc>https://x.example/h/a/</loc><lastmod>2026-01-02</lastmod></url>"));
    }

    #[test]
    fn redirects_point_at_the_target() {
        assert!(redirect_page("../new/").contains("url=../new/"));
    }
}
