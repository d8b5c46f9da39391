//! Generated pages: the pages no Markdown file writes, one file per kind: listings of each
//! audience, role and tag (`taxonomy`), `review` (needs review), `tracks`, `glossary`,
//! `feeds`, `not_found` (404), `search` (the results page), `sitemap`, `redirects` and `print`
//! (a section or track as one document; rendered by the driver from the pages' bodies).
//!
//! Pure: site values in, `(path, html)` out; the driver writes them. [`Listings`] says which
//! to render: all for a build, those that can show an edited page for `serve`.

pub(crate) mod feeds;
pub(crate) mod glossary;
pub(crate) mod not_found;
pub(crate) mod pager;
pub(crate) mod print;
pub(crate) mod redirects;
pub(crate) mod review;
pub(crate) mod search;
pub(crate) mod sitemap;
pub(crate) mod taxonomy;
pub(crate) mod tracks;

use std::collections::HashSet;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::front_matter::FrontMatter;
use crate::model::glossary::{Glossary, GLOSSARY_URL};
use crate::model::tree::PageId;
use crate::render::context::{PageView, SiteView};
use crate::render::page::{tag_url, RenderEnv};
use crate::render::sidebar::Sidebar;

/// Taxonomies, needs review, tracks, feeds, the glossary page, 404 and the sitemap: the
/// generated pages `listings` asks for, as `(path, html)`. Problems go to `diagnostics`.
pub(crate) fn render_generated(
    env: &RenderEnv,
    glossary: Option<&Glossary>,
    listings: &Listings,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut keep = |result: Result<Vec<(String, String)>, Diagnostic>| match result {
        Ok(list) => pages.extend(list),
        Err(diag) => diagnostics.push(diag),
    };
    keep(taxonomy::render_taxonomies(env, listings));
    if listings.wants(|id| review::needs_review(env, id)) {
        keep(review::render_needs_review(env));
    }
    keep(tracks::render_tracks(env));
    keep(Ok(feeds::render_feeds(env)));
    keep(not_found::render_not_found(env).map(Vec::from_iter));
    let uses_glossary = |id| env.aware.term_pages.iter().any(|pages| pages.contains(&id));
    if let Some(glossary) = glossary.filter(|_| listings.wants(uses_glossary)) {
        let nav = env.nav(usize::MAX);
        pages.extend(glossary::render_glossary(env, glossary, &nav, diagnostics));
    }
    if let Some(base) = &env.config.base_url {
        let urls = env.tree.pages.iter().map(|p| {
            (
                p.url.as_str(),
                p.fm.updated.or(p.fm.date).map(|d| d.to_string()),
            )
        });
        let extra = glossary.into_iter().flat_map(glossary_urls);
        let xml = sitemap::sitemap(base, urls.chain(extra));
        pages.push(("sitemap.xml".to_string(), xml));
    }
    pages
}

/// The glossary's pages, for the sitemap.
fn glossary_urls(glossary: &Glossary) -> Vec<(&str, Option<String>)> {
    let mut urls = vec![(GLOSSARY_URL, None)];
    if glossary.split {
        let mut pages: Vec<&str> = glossary.terms.iter().map(|t| t.page.as_str()).collect();
        pages.dedup();
        urls.extend(pages.into_iter().map(|p| (p, None)));
    }
    urls
}

/// Context of a page bridgebook generates: the usual keys plus that page's own.
pub(crate) struct GeneratedContext<'a, T: Serialize> {
    pub(crate) site: &'a SiteView<'a>,
    pub(crate) root: &'a str,
    pub(crate) page: PageView<'a>,
    /// Written into the context as `sidebar`, HTML with links from `root`.
    pub(crate) nav: &'a Sidebar<'a>,
    pub(crate) own: T,
}

impl<T: Serialize> Serialize for GeneratedContext<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// What templates see: the sidebar as HTML, and the page's own keys at the top level.
        #[derive(Serialize)]
        struct Keys<'b, T: Serialize> {
            site: &'b SiteView<'b>,
            root: &'b str,
            page: &'b PageView<'b>,
            sidebar: String,
            #[serde(flatten)]
            own: &'b T,
        }
        Keys {
            site: self.site,
            root: self.root,
            page: &self.page,
            sidebar: self.nav.html(self.root),
            own: &self.own,
        }
        .serialize(serializer)
    }
}

/// Which generated listings to render: all of them for a build; for `serve`, after a front
/// matter edit of one page, only those that can show it: the terms (`("tags", "launches")`)
/// it was or is listed under, and the other generated pages only when they list it.
pub(crate) enum Listings<'a> {
    All,
    Showing {
        page: PageId,
        terms: &'a HashSet<(String, String)>,
    },
}

impl Listings<'_> {
    pub(crate) fn wanted(&self, taxonomy: &str, term: &str) -> bool {
        match self {
            Listings::All => true,
            Listings::Showing { terms, .. } => {
                terms.contains(&(taxonomy.to_string(), term.to_string()))
            }
        }
    }

    /// Whether a generated page that lists the pages `lists` picks must be rendered.
    pub(crate) fn wants(&self, lists: impl FnOnce(PageId) -> bool) -> bool {
        match self {
            Listings::All => true,
            Listings::Showing { page, .. } => lists(*page),
        }
    }
}

/// The `(taxonomy, term)` pairs a page is listed under, as in their URLs.
pub(crate) fn terms_of(fm: &FrontMatter) -> HashSet<(String, String)> {
    let audiences = fm.audience.iter().map(|a| ("audiences", a.clone()));
    let roles = fm.roles.iter().map(|r| ("roles", r.clone()));
    let tags = fm.tags.iter().map(|t| {
        let slug = tag_url(t)
            .trim_start_matches("tags/")
            .trim_end_matches('/')
            .to_string();
        ("tags", slug)
    });
    audiences
        .chain(roles)
        .chain(tags)
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}
