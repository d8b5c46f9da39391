//! Alias redirects: a small page at each old address (`aliases:` in front matter) that sends
//! the reader on to the page's address now. Pure: takes URLs, returns HTML.

use crate::html::escape_html as escape;

/// A page at an old address that sends the reader on to the new one.
pub(crate) fn redirect_page(target: &str) -> String {
    let target = escape(target);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moved</title><meta name=\"robots\" content=\"noindex\">\
         <link rel=\"canonical\" href=\"{target}\"><meta http-equiv=\"refresh\" content=\"0; url={target}\"></head>\
         <body><main><p>This page has moved to <a href=\"{target}\">{target}</a>.</p></main></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_point_at_the_target() {
        assert!(redirect_page("../new/").contains("url=../new/"));
    }
}
