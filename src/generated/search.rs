//! The search results page (`search/index.html`), a generated page that
//! the client fills in from `?q=`. Pure. Never indexed itself.

use crate::diagnostic::Diagnostic;
use crate::generated::{GeneratedContext, GeneratedInput};
use crate::render::links::root_prefix;

pub(crate) const SEARCH_URL: &str = "search/";

/// `(path, html)` of the results page.
pub(crate) fn render_search_page(input: &GeneratedInput) -> Result<(String, String), Diagnostic> {
    let root = root_prefix(input.config, 1);
    let context = GeneratedContext {
        site: &input.site,
        root: &root,
        page: input.generated_view("Search", None, SEARCH_URL, ""),
        nav: &input.nav,
        own: (),
    };
    let html = input.templates.render("search.html", &context, None)?;
    Ok((format!("{SEARCH_URL}index.html"), html))
}
