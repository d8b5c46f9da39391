//! Stage 3, render: what makes the handbook audience-aware, per page and site-wide.
//!
//! Holds what every page needs from the whole site (glossary tooltips, reading tracks, when
//! each page last changed, "today") and builds a page's extras: owner and freshness, the
//! "step 3 of 7" box of each track it is on, and the audience data the view-as switcher
//! filters on. The generated pages (needs review, tracks, feeds) live in `generated/`.
//! Pure: values in, values out.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::tracks::{steps_by_page, Track};
use crate::model::tree::{PageId, SiteTree};
use crate::render::context::{AwareView, FreshnessView, PageLink, TrackStepView};
use crate::render::tooltips::Tooltips;

/// Site-wide facts the audience-aware features read while rendering.
pub(crate) struct AwareEnv {
    pub(crate) tooltips: Option<Tooltips>,
    pub(crate) tracks: Vec<Track>,
    steps: HashMap<PageId, Vec<(usize, usize)>>,
    /// Per page: the later of front matter `updated:` and the file's last change.
    pub(crate) updated: Vec<Option<NaiveDate>>,
    pub(crate) today: NaiveDate,
    /// Per glossary term (index): the pages that explain it, known after rendering.
    pub(crate) term_pages: Vec<Vec<PageId>>,
}

impl AwareEnv {
    pub(crate) fn new(
        tree: &SiteTree,
        tooltips: Option<Tooltips>,
        tracks: Vec<Track>,
        changed: &HashMap<PathBuf, NaiveDate>,
        today: NaiveDate,
    ) -> AwareEnv {
        let updated = tree
            .pages
            .iter()
            .map(|p| {
                let file = changed.get(&p.site_path).copied();
                match (p.fm.updated, file) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                }
            })
            .collect();
        AwareEnv {
            tooltips,
            steps: steps_by_page(&tracks),
            tracks,
            updated,
            today,
            term_pages: Vec::new(),
        }
    }

    /// Days `page` is past its `review_by:` date, when it is.
    pub(crate) fn overdue_days(&self, tree: &SiteTree, page: PageId) -> Option<i64> {
        let due = tree.pages[page].fm.review_by?;
        (due < self.today).then(|| (self.today - due).num_days())
    }

    /// A page's audience-aware extras; `link` writes a link to a page of a track.
    pub(crate) fn page_extras<'a>(
        &'a self,
        tree: &'a SiteTree,
        id: PageId,
        link: impl Fn(PageId) -> PageLink<'a>,
    ) -> AwareView<'a> {
        let aware = self;
        let page = &tree.pages[id];
        let freshness = FreshnessView {
            owner: page.fm.owner.as_deref(),
            updated: aware.updated[id].map(|d| d.to_string()),
            review_by: page.fm.review_by.map(|d| d.to_string()),
            overdue_days: aware.overdue_days(tree, id),
        };
        let tracks = aware
            .steps
            .get(&id)
            .into_iter()
            .flatten()
            .map(|&(t, i)| {
                let track = &aware.tracks[t];
                TrackStepView {
                    title: &track.title,
                    url: track.url(),
                    step: i + 1,
                    total: track.steps.len(),
                    prev: i.checked_sub(1).map(|p| link(track.steps[p])),
                    next: track.steps.get(i + 1).map(|&n| link(n)),
                }
            })
            .collect();
        AwareView { freshness, tracks }
    }
}
