//! The driver's edit: one saved page read and parsed again, the pages it can change rendered
//! again and checked as a full build checks them, and the files to write handed back.
//!
//! `serve` decides how far an edit reaches (its `ChangeKind`, from the old and new front
//! matter); this module carries it out. Everything is rendered first and the site's state
//! changes only if no page has an error, so a broken save leaves the loaded site as it was.

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use super::load::read_snippet;
use super::Site;
use crate::check::apply_levels;
use crate::diagnostic::Diagnostics;
use crate::generated::print::{print_docs, render_print_doc, PrintPart, PrintScope};
use crate::generated::{render_generated, terms_of, Listings};
use crate::load::content::{read_text, CONTENT_DIR};
use crate::model::front_matter::{parse_front_matter, split, FrontMatter};
use crate::model::tree::{sort_tree, PageId};
use crate::render::page::RenderedPage;

/// How far an edit reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The page itself, and the pages linking to it (their `#anchor` links are checked
    /// against its new headings).
    Page,
    /// Also its section's pages and listings, the pages of sections below, and the
    /// generated pages that list it: its title, weight or description changed.
    Neighbourhood,
}

pub(crate) enum EditOutcome {
    /// Write these files (paths relative to the site root, text), then reload.
    Write(Vec<(String, String)>),
    /// The edit changes the site's shape (or the file is not a page of it): build everything.
    NeedsFullBuild,
    /// Nothing changed; these are the problems to show.
    Problems(Diagnostics),
}

impl Site {
    /// Applies a save of the page at `rel` (relative to `content/`). `reach` says, from the old
    /// and the new front matter, how far the edit reaches; `None` means build everything.
    pub(crate) fn edit_page(
        &mut self,
        rel: &str,
        reach: impl FnOnce(&FrontMatter, &FrontMatter) -> Option<Reach>,
    ) -> EditOutcome {
        if self.snippets.contains_key(rel) {
            return self.edit_snippet(rel);
        }
        let Some(&id) = self.tree.by_source.get(rel) else {
            return EditOutcome::NeedsFullBuild;
        };
        let mut diagnostics = Diagnostics::default();
        let site_path = self.tree.pages[id].site_path.clone();
        let path = self.root.join(CONTENT_DIR).join(rel);
        let Some(text) = read_text(&self.root, &path, &mut diagnostics) else {
            return EditOutcome::Problems(diagnostics);
        };
        let parts = match split(&site_path, &text) {
            Ok(parts) => parts,
            Err(diag) => {
                diagnostics.push(diag);
                return EditOutcome::Problems(diagnostics);
            }
        };
        let is_section = self.tree.pages[id].is_section;
        let fm = parse_front_matter(
            &site_path,
            &text,
            &parts,
            &self.config,
            is_section,
            &mut diagnostics,
        );
        // As in a full build, only what the config makes an error stops the save.
        let diagnostics = apply_levels(&self.config, diagnostics);
        let (Some(fm), false) = (fm, diagnostics.has_errors()) else {
            return EditOutcome::Problems(diagnostics);
        };
        let Some(reach) = reach(&self.tree.pages[id].fm, &fm) else {
            return EditOutcome::NeedsFullBuild;
        };
        let body_offset = parts.body_offset;
        let page = &mut self.tree.pages[id];
        let old_text = std::mem::replace(&mut page.text, text);
        let old_offset = std::mem::replace(&mut page.body_offset, body_offset);
        let old_fm = std::mem::replace(&mut page.fm, fm);
        if reach == Reach::Neighbourhood {
            sort_tree(&mut self.tree);
        }
        let mut terms = terms_of(&old_fm);
        terms.extend(terms_of(&self.tree.pages[id].fm));
        let ids = self.affected(id, reach);
        // The page's text, and so its search entries, changed; so did the pages including it.
        let mut changed = BTreeSet::from([id]);
        changed.extend(self.links.including(&self.tree.pages[id].rel_path));
        let listings = (reach == Reach::Neighbourhood).then_some((id, &terms));
        match self.render_edit(ids, &changed, listings) {
            Ok(files) => EditOutcome::Write(files),
            Err(problems) => {
                let page = &mut self.tree.pages[id];
                page.text = old_text;
                page.body_offset = old_offset;
                page.fm = old_fm;
                if reach == Reach::Neighbourhood {
                    sort_tree(&mut self.tree);
                }
                EditOutcome::Problems(problems)
            }
        }
    }

    /// A save of the snippet at `rel`: every page that includes it is rendered again.
    fn edit_snippet(&mut self, rel: &str) -> EditOutcome {
        let mut diagnostics = Diagnostics::default();
        let site_path = self.snippets[rel].site_path.clone();
        let path = self.root.join(CONTENT_DIR).join(rel);
        let Some(snippet) = read_text(&self.root, &path, &mut diagnostics)
            .and_then(|text| read_snippet(site_path, text, &mut diagnostics))
        else {
            return EditOutcome::Problems(diagnostics);
        };
        let old = self.snippets.insert(rel.to_string(), snippet);
        let ids: BTreeSet<PageId> = self.links.including(rel).iter().copied().collect();
        match self.render_edit(ids.clone(), &ids, None) {
            Ok(files) => EditOutcome::Write(files),
            Err(problems) => {
                if let Some(old) = old {
                    self.snippets.insert(rel.to_string(), old);
                }
                EditOutcome::Problems(problems)
            }
        }
    }

    /// The pages whose HTML can change when page `id` changes this far.
    fn affected(&self, id: PageId, reach: Reach) -> BTreeSet<PageId> {
        let tree = &self.tree;
        let mut ids = BTreeSet::from([id]);
        // Pages including it (or a part of it) show its new text.
        ids.extend(self.links.including(&tree.pages[id].rel_path));
        // Pages linking to this one re-check their `#anchor` links against its new headings.
        ids.extend(self.links.linking_to(&tree.pages[id].rel_path));
        if reach == Reach::Neighbourhood {
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

    /// Renders the pages `ids` an edit changes and checks them; on success records what the
    /// pages now show and returns the files to write. The search entries of the pages in
    /// `changed` (whose text changed) wait to be rewritten. `listings`: the generated pages
    /// that show page `id` are rendered too, with the terms it had and has.
    fn render_edit(
        &mut self,
        ids: BTreeSet<PageId>,
        changed: &BTreeSet<PageId>,
        listings: Option<(PageId, &HashSet<(String, String)>)>,
    ) -> Result<Vec<(String, String)>, Diagnostics> {
        let timings = std::env::var_os("BRIDGEBOOK_TIMINGS").is_some();
        let started = std::time::Instant::now();
        if let Some(memo) = &self.generated_memo {
            memo.discard();
        }
        let ids: Vec<PageId> = ids.into_iter().collect();
        let (env, gen_input) = (self.env(), self.generated());
        if timings {
            eprintln!(
                "[serve] {} affected pages found in {:?}",
                ids.len(),
                started.elapsed()
            );
        }
        let mut rendered: Vec<(PageId, RenderedPage)> = ids
            .par_iter()
            .map(|&id| (id, env.render_page(id)))
            .collect();
        // The print pages that include a page rendered again, from its new body.
        let fresh_parts: HashMap<PageId, PrintPart> = rendered
            .iter_mut()
            .map(|(id, page)| {
                let url = &self.tree.pages[*id].url;
                let base_url = self.config.base_url.as_deref();
                let toc = std::mem::take(&mut page.toc);
                (*id, PrintPart::new(url, &page.body_html, base_url, toc))
            })
            .collect();
        let mut diagnostics = Diagnostics::default();
        let fresh: HashMap<&str, &[String]> = rendered
            .iter()
            .map(|(id, r)| {
                (
                    self.tree.pages[*id].rel_path.as_str(),
                    r.heading_ids.as_slice(),
                )
            })
            .collect();
        for (_, page) in &rendered {
            diagnostics.extend(page.diagnostics.iter().cloned());
            self.links
                .check_anchors(&self.tree, &page.anchor_links, &fresh, &mut diagnostics);
        }
        if timings {
            eprintln!("[serve] pages rendered at {:?}", started.elapsed());
        }
        let generated = match listings {
            Some((page, terms)) => render_generated(
                &gen_input,
                self.glossary.as_ref(),
                &Listings::Showing { page, terms },
                &mut diagnostics,
            ),
            None => Vec::new(),
        };
        let mut print_pages = Vec::new();
        let parts = |id| fresh_parts.get(&id).or_else(|| self.print_parts.get(id));
        let scope = BTreeSet::from_iter(ids.iter().copied());
        for doc in print_docs(&gen_input, &PrintScope::Including(&scope), &mut diagnostics) {
            match render_print_doc(&gen_input, &parts, &doc) {
                Ok(page) => print_pages.extend(page),
                Err(diag) => diagnostics.push(diag),
            }
        }
        if timings {
            eprintln!(
                "[serve] generated pages rendered at {:?}",
                started.elapsed()
            );
        }
        // A warning never stops a page: only errors, after `checks:` levels, keep the old files.
        let diagnostics = apply_levels(&self.config, diagnostics);
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        if let Some(memo) = &self.generated_memo {
            memo.commit();
        }
        let mut files = Vec::with_capacity(rendered.len() + generated.len());
        if !self.has_diagram && rendered.iter().any(|(_, page)| page.has_diagram) {
            // The first diagram of the site: the script comes with it.
            for (path, bytes) in crate::render::diagrams::files() {
                files.push((
                    path.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                ));
            }
            self.has_diagram = true;
        }
        for (page_id, mut page) in rendered {
            let heading_ids = std::mem::take(&mut page.heading_ids);
            self.links.set_headings(&self.tree, page_id, heading_ids);
            self.links.set_links(&self.tree, page_id, &page.page_links);
            self.links.set_includes(page_id, &page.included);
            let url = &self.tree.pages[page_id].url;
            files.push((format!("{url}index.html"), std::mem::take(&mut page.html)));
            // Its search entries are updated once the folder is quiet (`updated_search_files`).
            if changed.contains(&page_id) && self.search.is_some() {
                self.search_pending
                    .push((page_id, page.plain_text, page.headings));
            }
        }
        files.extend(generated);
        files.extend(print_pages);
        for (id, part) in fresh_parts {
            self.print_parts.set(id, part);
        }
        Ok(files)
    }
}
