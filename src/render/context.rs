//! Stage 3b, render: the values each template sees (`site`, `page`, links to pages, the
//! audience-aware extras), as plain serializable views over the model.
//!
//! Plain data: built by `render/page.rs` and `render/aware.rs`, read by Tera. Never renders,
//! never reads.

use serde::Serialize;

use crate::model::config::{Audience, Config, Role};
use crate::model::tree::{PageId, SiteTree};
use crate::render::markdown::TocEntry;

/// What every template sees as `site`.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) language: &'a str,
    pub(crate) base_url: Option<&'a str>,
    pub(crate) audiences: &'a [Audience],
    pub(crate) roles: &'a [Role],
    pub(crate) extra: &'a serde_yaml::Mapping,
    /// The theme's CSS, inlined by base.html.
    pub(crate) stylesheet: &'a str,
    /// Show the search box (`search: enabled` in bridgebook.yaml).
    pub(crate) search: bool,
    /// Whether `feed.xml` is written.
    pub(crate) feed: bool,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(config: &'a Config, stylesheet: &'a str) -> Self {
        SiteView {
            stylesheet,
            feed: config.feed > 0,
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: config.base_url.as_deref(),
            audiences: &config.audiences,
            roles: &config.roles,
            extra: &config.extra,
            search: config.search.enabled,
        }
    }
}

#[derive(Serialize, Clone)]
pub(crate) struct Label<'a> {
    pub(crate) id: &'a str,
    pub(crate) label: &'a str,
}

impl<'a> Label<'a> {
    /// The labels of audience `ids`, in their order; an id the config does not know is left out.
    pub(crate) fn audiences(config: &'a Config, ids: &[String]) -> Vec<Self> {
        Self::known(ids, |id| config.audience(id).map(|a| (&a.id, &a.label)))
    }

    /// The labels of role `ids`, in their order; an id the config does not know is left out.
    pub(crate) fn roles(config: &'a Config, ids: &[String]) -> Vec<Self> {
        Self::known(ids, |id| config.role(id).map(|r| (&r.id, &r.label)))
    }

    fn known(ids: &[String], find: impl Fn(&str) -> Option<(&'a String, &'a String)>) -> Vec<Self> {
        ids.iter()
            .filter_map(|id| find(id))
            .map(|(id, label)| Label { id, label })
            .collect()
    }
}

#[derive(Serialize, Clone)]
pub(crate) struct TagLink<'a> {
    pub(crate) label: &'a str,
    pub(crate) url: String,
}

/// A link to a page in lists, cards, pagers and breadcrumbs.
#[derive(Serialize, Clone)]
pub(crate) struct PageLink<'a> {
    /// The title as text; `title_html` is the same with its inline Markdown rendered.
    pub(crate) title: &'a str,
    pub(crate) title_html: &'a str,
    pub(crate) url: &'a str,
    pub(crate) description: Option<&'a str>,
    pub(crate) audience: Vec<Label<'a>>,
    pub(crate) roles: Vec<Label<'a>>,
}

impl<'a> PageLink<'a> {
    /// The link to page `id` of `tree`.
    pub(crate) fn to(config: &'a Config, tree: &'a SiteTree, id: PageId) -> Self {
        let page = &tree.pages[id];
        PageLink {
            title: &page.fm.title,
            title_html: &page.fm.title_html,
            url: &page.url,
            description: page.fm.description.as_deref(),
            audience: Label::audiences(config, &page.fm.audience),
            roles: Label::roles(config, &page.fm.roles),
        }
    }
}

/// What page, section and index templates see as `page`.
#[derive(Serialize)]
pub(crate) struct PageView<'a> {
    /// The title as text (for `<title>` and attributes); `title_html` for the page heading.
    pub(crate) title: &'a str,
    pub(crate) title_html: std::borrow::Cow<'a, str>,
    pub(crate) description: Option<&'a str>,
    pub(crate) url: &'a str,
    pub(crate) content: &'a str,
    pub(crate) toc: &'a [TocEntry],
    pub(crate) audience: Vec<Label<'a>>,
    pub(crate) roles: Vec<Label<'a>>,
    pub(crate) tags: Vec<TagLink<'a>>,
    pub(crate) date: Option<String>,
    pub(crate) updated: Option<String>,
    pub(crate) owner: Option<&'a str>,
    pub(crate) review_by: Option<String>,
    pub(crate) edit_url: Option<String>,
    pub(crate) is_section: bool,
    pub(crate) word_count: usize,
    pub(crate) reading_minutes: usize,
    pub(crate) extra: &'a serde_yaml::Mapping,
}

#[derive(Serialize)]
pub(crate) struct SectionView<'a> {
    pub(crate) pages: Vec<PageLink<'a>>,
    pub(crate) subsections: Vec<PageLink<'a>>,
}

/// The whole context of a content page or section page.
#[derive(Serialize)]
pub(crate) struct PageContext<'a> {
    pub(crate) site: &'a SiteView<'a>,
    pub(crate) root: &'a str,
    pub(crate) page: PageView<'a>,
    /// The sidebar's `<li>` items, HTML written by [`crate::render::sidebar`].
    pub(crate) sidebar: String,
    pub(crate) breadcrumbs: Vec<PageLink<'a>>,
    pub(crate) prev: Option<PageLink<'a>>,
    pub(crate) next: Option<PageLink<'a>>,
    pub(crate) section: Option<SectionView<'a>>,
    /// Owner and freshness, reading tracks.
    pub(crate) aware: AwareView<'a>,
}

/// Owner, last update and review date of a page.
#[derive(Serialize)]
pub(crate) struct FreshnessView<'a> {
    pub(crate) owner: Option<&'a str>,
    pub(crate) updated: Option<String>,
    pub(crate) review_by: Option<String>,
    /// Days past `review_by`, when the review is overdue.
    pub(crate) overdue_days: Option<i64>,
}

/// The "step 3 of 7" box a page of a track shows.
#[derive(Serialize)]
pub(crate) struct TrackStepView<'a> {
    pub(crate) title: &'a str,
    pub(crate) url: String,
    pub(crate) step: usize,
    pub(crate) total: usize,
    pub(crate) prev: Option<PageLink<'a>>,
    pub(crate) next: Option<PageLink<'a>>,
}

/// What page templates see as `aware`.
#[derive(Serialize)]
pub(crate) struct AwareView<'a> {
    pub(crate) freshness: FreshnessView<'a>,
    pub(crate) tracks: Vec<TrackStepView<'a>>,
}
