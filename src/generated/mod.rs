//! Generated pages: the pages no Markdown file writes, one file per kind: listings of each
//! audience, role and tag (`taxonomy`), `review` (needs review), `tracks`, `glossary`,
//! `feeds`, `not_found` (404), `search` (the results page), `sitemap`, `redirects` and `print`
//! (a section or track as one document; rendered by the driver from the pages' bodies).
//!
//! Pure: a [`GeneratedInput`] in (the finished tree and what rendering the pages learned),
//! `(path, html)` out; the driver writes them. [`Listings`] says which to render: all for a
//! build, those that can show an edited page for `serve`, whose [`GeneratedMemo`] skips the
//! pages that would come out as they are already written.

pub(crate) mod feeds;
pub(crate) mod glossary;
mod memo;
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
use crate::model::config::Config;
use crate::model::front_matter::FrontMatter;
use crate::model::glossary::{Glossary, GLOSSARY_URL};
use crate::model::title::Title;
use crate::model::tracks::{Track, TRACKS_URL};
use crate::model::tree::{PageId, SiteTree, HOME};
use crate::render::aware::AwareEnv;
use crate::render::context::{PageLink, PageView, SiteView};
use crate::render::links::tag_url;
use crate::render::markdown::LinkTargets;
use crate::render::sidebar::Sidebar;
use crate::render::template::Templates;
pub(crate) use memo::GeneratedMemo;

/// What the generated pages are made from: the site's tree once every page is rendered, and
/// what rendering learned (tracks, page dates, which pages use each glossary term). The driver
/// builds it beside the pages' `RenderEnv`.
pub(crate) struct GeneratedInput<'a> {
    pub(crate) config: &'a Config,
    pub(crate) tree: &'a SiteTree,
    /// Where links can point: the glossary's introduction is Markdown, and a print page must
    /// not take a copied file's place.
    pub(crate) targets: &'a LinkTargets,
    pub(crate) templates: &'a Templates,
    pub(crate) site: SiteView<'a>,
    /// The sidebar every page shows; generated pages open no branch of it.
    pub(crate) nav: Sidebar<'a>,
    /// Tracks, page dates and overdue reviews, the pages that use each glossary term.
    pub(crate) aware: &'a AwareEnv,
    /// `serve` only: what each generated page was last rendered from.
    pub(crate) memo: Option<&'a GeneratedMemo>,
}

impl<'a> GeneratedInput<'a> {
    /// Renders a generated page to be written at `out_path`; `None` when `serve` already
    /// wrote it from the same template and context.
    pub(crate) fn render_generated_page(
        &self,
        template: &str,
        out_path: &str,
        context: &impl Serialize,
        source: Option<&std::path::Path>,
    ) -> Result<Option<String>, Diagnostic> {
        match self.memo {
            Some(memo) => memo.render(self.templates, template, out_path, context, source),
            None => self.templates.render(template, context, source).map(Some),
        }
    }

    /// The link to page `id`, for listings.
    pub(crate) fn link(&self, id: PageId) -> PageLink<'a> {
        PageLink::to(self.config, self.tree, id)
    }

    /// A generated page's `page` (taxonomies, glossary, 404): no content file behind it.
    pub(crate) fn generated_view(
        &self,
        title: &'a str,
        description: Option<&'a str>,
        url: &'a str,
        content: &'a str,
    ) -> PageView<'a> {
        PageView {
            title,
            title_html: Title::plain(title).html.into(),
            description,
            url,
            content,
            toc: &[],
            audience: vec![],
            roles: vec![],
            tags: vec![],
            date: None,
            updated: None,
            owner: None,
            review_by: None,
            edit_url: None,
            is_section: false,
            word_count: 0,
            reading_minutes: 0,
            extra: &self.config.extra,
        }
    }
}

/// Taxonomies, needs review, tracks, feeds, the glossary page, 404 and the sitemap: the
/// generated pages `listings` asks for, as `(path, html)`. Problems go to `diagnostics`.
pub(crate) fn render_generated(
    input: &GeneratedInput,
    glossary: Option<&Glossary>,
    listings: &Listings,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut keep = |result: Result<Vec<(String, String)>, Diagnostic>| match result {
        Ok(list) => pages.extend(list),
        Err(diag) => diagnostics.push(diag),
    };
    keep(taxonomy::render_taxonomies(input, listings));
    if listings.wants(|id| review::needs_review(input, id)) {
        keep(review::render_needs_review(input));
    }
    keep(tracks::render_tracks(input));
    keep(Ok(feeds::render_feeds(input)));
    keep(not_found::render_not_found(input).map(Vec::from_iter));
    let uses_glossary = |id| {
        input
            .aware
            .term_pages
            .iter()
            .any(|pages| pages.contains(&id))
    };
    if let Some(glossary) = glossary.filter(|_| listings.wants(uses_glossary)) {
        pages.extend(glossary::render_glossary(input, glossary, diagnostics));
    }
    if let Some(base) = &input.config.base_url {
        let urls = input.tree.pages.iter().map(|p| {
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

/// The URLs of the generated pages a build writes, so a page may link to them (`tags/launches/`,
/// `search/`, `guide/print.html`): the taxonomies, needs review, search, feeds, 404, the
/// reading tracks and every print page. (The glossary is a page of the tree's link targets.)
pub(crate) fn generated_urls(config: &Config, tree: &SiteTree, tracks: &[Track]) -> Vec<String> {
    let mut urls = taxonomy::taxonomy_urls(config, tree);
    urls.push(review::NEEDS_REVIEW_URL.to_string());
    if config.search.enabled {
        urls.push(search::SEARCH_URL.to_string());
    }
    urls.push("feed.xml".to_string());
    urls.extend(
        config
            .audiences
            .iter()
            .map(|a| format!("audiences/{}/feed.xml", a.id)),
    );
    urls.push("404.html".to_string());
    if !tracks.is_empty() {
        urls.push(TRACKS_URL.to_string());
    }
    for track in tracks {
        let url = track.url();
        urls.push(format!("{url}{}", print::PRINT_FILE));
        urls.push(url);
    }
    let sections = tree
        .sections
        .iter()
        .enumerate()
        .filter(|(id, _)| *id != HOME);
    urls.extend(sections.map(|(_, s)| format!("{}{}", tree.pages[s.page].url, print::PRINT_FILE)));
    urls
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
    /// Written into the context as `sidebar`, HTML with links from `root`, no branch opened.
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
            sidebar: self.nav.html(self.root, None),
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
