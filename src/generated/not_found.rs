//! `404.html`: the page a web server shows for an address the site does not have. Pure.

use crate::diagnostic::Diagnostic;
use crate::generated::{GeneratedContext, GeneratedInput};

/// The 404 page; `None` when `serve` already wrote it from the same values.
pub(crate) fn render_not_found(
    input: &GeneratedInput,
) -> Result<Option<(String, String)>, Diagnostic> {
    // The 404 page is served at any depth, so its links start from the site's root.
    let root = input
        .config
        .base_url
        .clone()
        .unwrap_or_else(|| "/".to_string());
    let context = GeneratedContext {
        site: &input.site,
        root: &root,
        page: input.generated_view("Page not found", None, "404.html", ""),
        nav: &input.nav,
        own: (),
    };
    Ok(input
        .render_generated_page("404.html", "404.html", &context, None)?
        .map(|html| ("404.html".to_string(), html)))
}
