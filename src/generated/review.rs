//! `needs-review/`: stale and ownerless pages grouped by owner, for the people who keep the
//! handbook true. Pure: returns `(path, html)`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::generated::{GeneratedContext, GeneratedInput};
use crate::model::tree::PageId;
use crate::render::context::PageLink;
use crate::render::links::root_prefix;

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
pub(crate) fn needs_review(input: &GeneratedInput, id: PageId) -> bool {
    let page = &input.tree.pages[id];
    input.aware.overdue_days(input.tree, id).is_some()
        || (page.fm.owner.is_none() && !page.is_section)
}

/// `needs-review/`: pages past `review_by:` and pages without an owner, by owner, most
/// overdue first; ownerless pages come last under "No owner". A long list continues on
/// `needs-review/page/2/` and so on; only the pages not skipped by `serve`'s memo come back.
pub(crate) fn render_needs_review(
    input: &GeneratedInput,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let tree = input.tree;
    // (ownerless last, owner, most overdue first, title): one flat list, split into pages.
    let mut listed = Vec::new();
    for id in tree.page_ids() {
        if !needs_review(input, id) {
            continue;
        }
        let page = &tree.pages[id];
        let overdue = input.aware.overdue_days(tree, id);
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
        input.aware.today
    );
    let mut out = Vec::new();
    for listing in
        crate::generated::pager::paginate(NEEDS_REVIEW_URL, count, input.config.list_page_size)
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
                    page: input.link(*id),
                    review_by: page.fm.review_by.map(|d| d.to_string()),
                    overdue_days: *overdue,
                });
            }
        }
        let title = listing.title("Needs review");
        let root = root_prefix(input.config, listing.depth());
        let context = GeneratedContext {
            site: &input.site,
            root: &root,
            page: input.generated_view(&title, Some(&description), &listing.url, ""),
            nav: &input.nav,
            own: ReviewOwn {
                review: ReviewView {
                    today: input.aware.today.to_string(),
                    count,
                    groups,
                    pager: listing.pager.clone(),
                },
            },
        };
        let out_path = format!("{}index.html", listing.url);
        if let Some(html) =
            input.render_generated_page("needs_review.html", &out_path, &context, None)?
        {
            out.push((out_path, html));
        }
    }
    Ok(out)
}
