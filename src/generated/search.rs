//! The search results page (`search/index.html`), a generated page that
//! the client fills in from `?q=`. Pure. Never indexed itself.

use crate::diagnostic::Diagnostic;
use crate::generated::GeneratedContext;
use crate::render::page::{root_prefix, RenderEnv};

pub(crate) const SEARCH_URL: &str = "search/";

/// `(path, html)` of the results page.
pub(crate) fn render_search_page(env: &RenderEnv) -> Result<(String, String), Diagnostic> {
    let root = root_prefix(env.config, 1);
    let nav = env.nav(usize::MAX);
    let context = GeneratedContext {
        site: &env.site,
        root: &root,
        page: env.generated_view("Search", None, SEARCH_URL, ""),
        nav: &nav,
        own: (),
    };
    let html = env.templates.render("search.html", &context, None)?;
    Ok((format!("{SEARCH_URL}index.html"), html))
}
