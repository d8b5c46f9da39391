//! Re-rendering part of a served site after a save: one page, or its neighbourhood.
//!
//! Everything is rendered first and written only if no page has an error, so a broken save
//! leaves both the served files and the loaded site as they were.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::change::{ChangeKind, Scope};
use crate::check::apply_levels;
use crate::diagnostic::Diagnostics;
use crate::generated::taxonomy::{terms_of, Listings};
use crate::load::content::{read_text, CONTENT_DIR};
use crate::model::front_matter::{parse_front_matter, split};
use crate::model::tree::{sort_tree, PageId};
use crate::output::{LiveSite, SiteWriter};
use crate::render::page::RenderedPage;
use crate::site::{render_generated, LoadedSite};

pub(crate) enum PageUpdate {
    /// This many pages were rendered and written.
    Rendered(usize),
    /// The edit changes the site's shape; build everything.
    NeedsFullBuild,
}

/// Applies an edit of the page at `rel` (relative to `content/`) to the loaded site and the
/// served folder `out`. On problems, nothing changes and the problems come back.
pub(crate) fn update_page(
    root: &Path,
    site: &mut LoadedSite,
    rel: &str,
    out: &Path,
) -> anyhow::Result<Result<PageUpdate, Diagnostics>> {
    let Some(&id) = site.tree.by_source.get(rel) else {
        return Ok(Ok(PageUpdate::NeedsFullBuild));
    };
    let mut diagnostics = Diagnostics::default();
    let site_path = site.tree.pages[id].site_path.clone();
    let Some(text) = read_text(root, &root.join(CONTENT_DIR).join(rel), &mut diagnostics) else {
        return Ok(Err(diagnostics));
    };
    let parts = match split(&site_path, &text) {
        Ok(parts) => parts,
        Err(diag) => {
            diagnostics.push(diag);
            return Ok(Err(diagnostics));
        }
    };
    let is_section = site.tree.pages[id].is_section;
    let fm = parse_front_matter(
        &site_path,
        &text,
        &parts,
        &site.config,
        is_section,
        &mut diagnostics,
    );
    // As in a full build, only what the config makes an error stops the save.
    let diagnostics = apply_levels(&site.config, diagnostics);
    let (Some(fm), false) = (fm, diagnostics.has_errors()) else {
        return Ok(Err(diagnostics));
    };
    let kind = ChangeKind::of_page_edit(&site.tree.pages[id].fm, &fm);
    if kind.scope() == Scope::Everything {
        return Ok(Ok(PageUpdate::NeedsFullBuild));
    }
    let body_offset = parts.body_offset;
    let page = &mut site.tree.pages[id];
    let old_text = std::mem::replace(&mut page.text, text);
    let old_offset = std::mem::replace(&mut page.body_offset, body_offset);
    let old_fm = std::mem::replace(&mut page.fm, fm);
    if kind == ChangeKind::FrontMatter {
        sort_tree(&mut site.tree);
    }
    let mut terms = terms_of(&old_fm);
    terms.extend(terms_of(&site.tree.pages[id].fm));
    match render_affected(site, id, kind, &terms, out) {
        Ok(Ok(count)) => Ok(Ok(PageUpdate::Rendered(count))),
        other => {
            let page = &mut site.tree.pages[id];
            page.text = old_text;
            page.body_offset = old_offset;
            page.fm = old_fm;
            if kind == ChangeKind::FrontMatter {
                sort_tree(&mut site.tree);
            }
            other.map(|r| r.map(PageUpdate::Rendered))
        }
    }
}

/// The pages whose HTML can change when page `id` changes in this way.
fn affected(site: &LoadedSite, id: PageId, kind: ChangeKind) -> BTreeSet<PageId> {
    let tree = &site.tree;
    let mut ids = BTreeSet::from([id]);
    // Pages linking to this one re-check their `#anchor` links against its new headings.
    if let Some(from) = site.linked_by.get(&tree.pages[id].rel_path) {
        ids.extend(from);
    }
    if kind == ChangeKind::FrontMatter {
        // The sidebar shows a page in its own section's branch; listings, breadcrumbs and
        // previous/next links show it in its section and on the pages of sections below.
        let section = tree.pages[id].section;
        for (other, page) in tree.pages.iter().enumerate() {
            if tree.ancestors(page.section).contains(&section) {
                ids.insert(other);
            }
        }
        for ancestor in tree.ancestors(section) {
            ids.insert(tree.sections[ancestor].page);
            if let Some(top) = tree.sections[ancestor].parent {
                ids.extend(&tree.sections[top].pages);
            }
        }
    }
    ids
}

fn render_affected(
    site: &mut LoadedSite,
    id: PageId,
    kind: ChangeKind,
    terms: &HashSet<(String, String)>,
    out: &Path,
) -> anyhow::Result<Result<usize, Diagnostics>> {
    let timings = std::env::var_os("BRIDGEBOOK_TIMINGS").is_some();
    let started = std::time::Instant::now();
    if let Some(memo) = &site.generated_memo {
        memo.discard();
    }
    let ids: Vec<PageId> = affected(site, id, kind).into_iter().collect();
    let env = site.env();
    if timings {
        eprintln!(
            "[serve] {} affected pages found in {:?}",
            ids.len(),
            started.elapsed()
        );
    }
    let rendered: Vec<(PageId, RenderedPage)> = ids
        .par_iter()
        .map(|&id| (id, env.render_page(id)))
        .collect();
    let mut diagnostics = Diagnostics::default();
    let new_headings: Vec<(String, Vec<String>)> = rendered
        .iter()
        .map(|(id, r)| (site.tree.pages[*id].rel_path.clone(), r.heading_ids.clone()))
        .collect();
    for (_, page) in &rendered {
        diagnostics.extend(page.diagnostics.iter().cloned());
        for link in &page.anchor_links {
            let ids = new_headings
                .iter()
                .find(|(rel, _)| *rel == link.target)
                .map(|(_, ids)| ids)
                .or_else(|| site.headings.get(&link.target));
            if !ids.is_some_and(|ids| ids.contains(&link.anchor)) {
                diagnostics.push(link.report(ids.map(Vec::as_slice)));
            }
        }
    }
    // Pages that link to this one's headings but were not re-rendered cannot exist: every
    // page in `linked_by` is in `ids`.
    if timings {
        eprintln!("[serve] pages rendered at {:?}", started.elapsed());
    }
    let generated = Collected::default();
    if kind == ChangeKind::FrontMatter {
        render_generated(
            &env,
            site.glossary.as_ref(),
            &Listings::Showing { page: id, terms },
            Some(&generated),
            &mut diagnostics,
        )?;
    }
    if timings {
        eprintln!(
            "[serve] generated pages rendered at {:?}",
            started.elapsed()
        );
    }
    // A warning never stops a page: only errors, after `checks:` levels, keep the old files.
    let diagnostics = apply_levels(&site.config, diagnostics);
    if diagnostics.has_errors() {
        return Ok(Err(diagnostics));
    }
    let live = LiveSite::new(out)?;
    rendered.par_iter().try_for_each(|(id, page)| {
        live.write(
            &format!("{}index.html", site.tree.pages[*id].url),
            page.html.as_bytes(),
        )
    })?;
    let generated = generated.files.into_inner().unwrap_or_default();
    generated
        .par_iter()
        .try_for_each(|(rel, bytes)| live.write(rel, bytes))?;
    if let Some(memo) = &site.generated_memo {
        memo.commit();
    }
    for (rel, ids) in new_headings {
        site.headings.insert(rel, ids);
    }
    // The edited page's own links may have changed: keep `linked_by` true for later edits.
    if let Some((_, page)) = rendered.iter().find(|(other, _)| *other == id) {
        for from in site.linked_by.values_mut() {
            from.retain(|&p| p != id);
        }
        for target in &page.page_links {
            site.linked_by.entry(target.clone()).or_default().push(id);
        }
    }
    // Its search entries are updated after the reload (see `write_search_index`).
    if site.search.is_some() {
        site.search_pending
            .extend(rendered.into_iter().filter(|(other, _)| *other == id));
    }
    Ok(Ok(ids.len() + generated.len()))
}

/// Generated pages, held until every page is known to be fine.
#[derive(Default)]
struct Collected {
    files: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

impl SiteWriter for Collected {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.files
            .lock()
            .map_err(|_| std::io::Error::other("a render thread panicked"))?
            .push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
}

/// Rewrites the search index files from the loaded site's search entries. `serve` calls it
/// after the reload event, so a reader sees the page at once and search a moment later.
pub(crate) fn write_search_index(site: &mut LoadedSite, out: &Path) -> anyhow::Result<()> {
    let pending = std::mem::take(&mut site.search_pending);
    let Some(search) = &site.search else {
        return Ok(());
    };
    if pending.is_empty() {
        return Ok(());
    }
    let env = site.env();
    for (id, page) in &pending {
        search.replace_page(env.tree, *id, &page.plain_text, &page.headings);
    }
    let live = LiveSite::new(out)?;
    search
        .files()
        .par_iter()
        .try_for_each(|(rel, text)| live.write(rel, text.as_bytes()))?;
    Ok(())
}
