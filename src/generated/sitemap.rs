//! `sitemap.xml`, written when the site has a `base_url`. Pure: takes URLs, returns text.

use crate::html::escape_html as escape;

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
}
