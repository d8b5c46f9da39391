//! `needs-review/`: stale and ownerless pages grouped by owner, for the people who keep the
//! handbook true. Pure: returns `(path, html)`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::generated::GeneratedContext;
use crate::model::tree::PageId;
use crate::render::context::PageLink;
use crate::render::page::{root_prefix, RenderEnv};

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
    /// All of this owner's pages on the list, also those on other listing pages.
    total: usize,
    entries: Vec<ReviewEntry<'a>>,
}

#[derive(Serialize)]
struct ReviewView<'a> {
    today: String,
    count: usize,
    groups: Vec<OwnerGroup<'a>>,
    pager: crate::generated::pager::Pager,
}

#[derive(Serialize)]
struct ReviewOwn<'a> {
    review: ReviewView<'a>,
}

/// Whether page `id` is on the needs-review list: past its review date, or nobody owns it.
pub(crate) fn needs_review(env: &RenderEnv, id: PageId) -> bool {
    let page = &env.tree.pages[id];
    env.aware.overdue_days(env.tree, id).is_some() || (page.fm.owner.is_none() && !page.is_section)
}

/// `needs-review/`: pages past `review_by:` and pages without an owner, by owner, most
/// overdue first; ownerless pages come last under "No owner". A long list continues on
/// `needs-review/page/2/` and so on; only the pages not skipped by `serve`'s memo come back.
pub(crate) fn render_needs_review(env: &RenderEnv) -> Result<Vec<(String, String)>, Diagnostic> {
    let tree = env.tree;
    // (ownerless last, owner, most overdue first, title): one flat list, split into pages.
    let mut listed = Vec::new();
    for id in tree.page_ids() {
        if !needs_review(env, id) {
            continue;
        }
        let page = &tree.pages[id];
        let overdue = env.aware.overdue_days(tree, id);
        let owner = page.fm.owner.as_deref();
        let key = (
            owner.is_none(),
            owner.unwrap_or_default().to_lowercase(),
            std::cmp::Reverse(overdue),
            page.fm.title.to_lowercase(),
        );
        listed.push((key, id, overdue));
    }
    listed.sort();
    let mut per_owner: BTreeMap<(bool, &str), usize> = BTreeMap::new();
    for ((ownerless, owner, ..), _, _) in &listed {
        *per_owner.entry((*ownerless, owner.as_str())).or_default() += 1;
    }
    let count = listed.len();
    let description = format!(
        "{count} page{} past their review date or without an owner, as of {}.",
        if count == 1 { "" } else { "s" },
        env.aware.today
    );
    let nav = env.nav(usize::MAX);
    let mut out = Vec::new();
    for listing in
        crate::generated::pager::paginate(NEEDS_REVIEW_URL, count, env.config.list_page_size)
    {
        let mut groups: Vec<OwnerGroup> = Vec::new();
        let mut group_key = None;
        for ((ownerless, owner_key, ..), id, overdue) in &listed[listing.items.clone()] {
            let page = &tree.pages[*id];
            // Grouped by the sort key's owner part, so "Priya" and "priya" are one group.
            let key = (*ownerless, owner_key.as_str());
            if group_key != Some(key) {
                group_key = Some(key);
                groups.push(OwnerGroup {
                    owner: page.fm.owner.as_deref(),
                    total: per_owner[&key],
                    entries: Vec::new(),
                });
            }
            if let Some(group) = groups.last_mut() {
                group.entries.push(ReviewEntry {
                    page: env.link(*id),
                    review_by: page.fm.review_by.map(|d| d.to_string()),
                    overdue_days: *overdue,
                });
            }
        }
        let title = listing.title("Needs review");
        let root = root_prefix(env.config, listing.depth());
        let context = GeneratedContext {
            site: &env.site,
            root: &root,
            page: env.generated_view(&title, Some(&description), &listing.url, ""),
            nav: &nav,
            own: ReviewOwn {
                review: ReviewView {
                    today: env.aware.today.to_string(),
                    count,
                    groups,
                    pager: listing.pager.clone(),
                },
            },
        };
        let out_path = format!("{}index.html", listing.url);
        if let Some(html) =
            env.render_generated_page("needs_review.html", &out_path, &context, None)?
        {
            out.push((out_path, html));
        }
    }
    Ok(out)
}
