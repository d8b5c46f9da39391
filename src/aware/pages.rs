//! Generated pages of the audience-aware features: "needs review" (stale and ownerless pages
//! grouped by owner) and the reading tracks' landing pages. Pure: returns `(path, html)`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::render::{root_prefix, RenderEnv};
use crate::taxonomy::GeneratedContext;
use crate::template::PageLink;
use crate::tracks::{TrackView, TRACKS_URL};

pub(crate) const NEEDS_REVIEW_URL: &str = "needs-review/";

#[derive(Serialize)]
struct ReviewEntry<'a> {
    page: PageLink<'a>,
    review_by: Option<String>,
    overdue_days: Option<i64>,
}

#[derive(Serialize)]
struct OwnerGroup<'a> {
    /// `None` for pages nobody owns.
    owner: Option<&'a str>,
    entries: Vec<ReviewEntry<'a>>,
}

#[derive(Serialize)]
struct ReviewView<'a> {
    today: String,
    count: usize,
    groups: Vec<OwnerGroup<'a>>,
}

#[derive(Serialize)]
struct ReviewOwn<'a> {
    review: ReviewView<'a>,
}

/// `needs-review/`: pages past `review_by:` and pages without an owner, by owner, most
/// overdue first; ownerless pages come last under "No owner".
pub(crate) fn render_needs_review(env: &RenderEnv) -> Result<(String, String), Diagnostic> {
    let tree = env.tree;
    let mut by_owner: BTreeMap<(bool, String), OwnerGroup> = BTreeMap::new();
    for id in tree.page_ids() {
        let page = &tree.pages[id];
        let overdue = env.aware.overdue_days(tree, id);
        let ownerless = page.fm.owner.is_none() && !page.is_section;
        if overdue.is_none() && !ownerless {
            continue;
        }
        let owner = page.fm.owner.as_deref();
        let key = (owner.is_none(), owner.unwrap_or_default().to_lowercase());
        by_owner
            .entry(key)
            .or_insert_with(|| OwnerGroup {
                owner,
                entries: Vec::new(),
            })
            .entries
            .push(ReviewEntry {
                page: env.link(id),
                review_by: page.fm.review_by.map(|d| d.to_string()),
                overdue_days: overdue,
            });
    }
    let mut groups: Vec<OwnerGroup> = by_owner.into_values().collect();
    for group in &mut groups {
        group.entries.sort_by_key(|e| {
            (
                std::cmp::Reverse(e.overdue_days),
                e.page.title.to_lowercase(),
            )
        });
    }
    let count = groups.iter().map(|g| g.entries.len()).sum();
    let description = format!(
        "{count} page{} past their review date or without an owner, as of {}.",
        if count == 1 { "" } else { "s" },
        env.aware.today
    );
    let root = root_prefix(env.config, 1);
    let nav = env.nav(usize::MAX);
    let context = GeneratedContext {
        site: &env.site,
        root: &root,
        page: env.generated_view("Needs review", Some(&description), NEEDS_REVIEW_URL, ""),
        nav: &nav,
        own: ReviewOwn {
            review: ReviewView {
                today: env.aware.today.to_string(),
                count,
                groups,
            },
        },
    };
    let html = env.templates.render("needs_review.html", &context, None)?;
    Ok((format!("{NEEDS_REVIEW_URL}index.html"), html))
}

#[derive(Serialize)]
struct TracksOwn<'a> {
    tracks: Vec<TrackView<'a>>,
}

#[derive(Serialize)]
struct TrackOwn<'a> {
    track: TrackView<'a>,
}

/// `tracks/` and one landing page per track, listing its steps in order.
pub(crate) fn render_tracks(env: &RenderEnv) -> Result<Vec<(String, String)>, Diagnostic> {
    let tracks = &env.aware.tracks;
    if tracks.is_empty() {
        return Ok(Vec::new());
    }
    let view = |t| track_view(env, t);
    let nav = env.nav(usize::MAX);
    let mut out = Vec::new();
    let root = root_prefix(env.config, 1);
    let context = GeneratedContext {
        site: &env.site,
        root: &root,
        page: env.generated_view(
            "Reading tracks",
            Some("Ordered paths through the handbook: start at step 1 and follow the links."),
            TRACKS_URL,
            "",
        ),
        nav: &nav,
        own: TracksOwn {
            tracks: tracks.iter().map(view).collect(),
        },
    };
    out.push((
        format!("{TRACKS_URL}index.html"),
        env.templates.render("tracks.html", &context, None)?,
    ));
    let root = root_prefix(env.config, 2);
    for track in tracks {
        let url = track.url();
        let description = (!track.description.is_empty()).then_some(track.description.as_str());
        let context = GeneratedContext {
            site: &env.site,
            root: &root,
            page: env.generated_view(&track.title, description, &url, ""),
            nav: &nav,
            own: TrackOwn { track: view(track) },
        };
        out.push((
            format!("{url}index.html"),
            env.templates.render("track.html", &context, None)?,
        ));
    }
    Ok(out)
}

fn track_view<'a>(env: &RenderEnv<'a>, t: &'a crate::tracks::Track) -> TrackView<'a> {
    TrackView {
        id: &t.id,
        title: &t.title,
        description: &t.description,
        url: t.url(),
        steps: t.steps.iter().map(|&p| env.link(p)).collect(),
    }
}
