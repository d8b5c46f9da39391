//! `404.html`: the page a web server shows for an address the site does not have. Pure.

use crate::diagnostic::Diagnostic;
use crate::generated::GeneratedContext;
use crate::render::page::RenderEnv;

/// The 404 page; `None` when `serve` already wrote it from the same values.
pub(crate) fn render_not_found(env: &RenderEnv) -> Result<Option<(String, String)>, Diagnostic> {
    let nav = env.nav(usize::MAX);
    // The 404 page is served at any depth, so its links start from the site's root.
    let root = env
        .config
        .base_url
        .clone()
        .unwrap_or_else(|| "/".to_string());
    let context = GeneratedContext {
        site: &env.site,
        root: &root,
        page: env.generated_view("Page not found", None, "404.html", ""),
        nav: &nav,
        own: (),
    };
    Ok(env
        .render_generated_page("404.html", "404.html", &context, None)?
        .map(|html| ("404.html".to_string(), html)))
}
