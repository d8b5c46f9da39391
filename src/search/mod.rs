//! Stage 4, index: the site's full-text search, built at build time for a browser client.
//!
//! Pure: rendering hands each indexable page's text to [`SearchCollector::add_page`] (in
//! parallel, as pages finish), with the site tree its titles and breadcrumbs come from; at the
//! end [`SearchCollector::files`] returns the files to write. The client is
//! `themes/default/search/` (joined into `search.js`). The stages: `tokenize` (words and
//! terms), `index` (collects what each term occurs with), `excerpt` (each page's snippet text),
//! `score` (BM25 impacts, the cap, aliases, the typo dictionary), then the files: `files` (which
//! files, the manifest), `shard` (term shards, the typo dictionary, the plan), `rows` (what a hit
//! shows), `doc_files` (snippet files, facets, views), numbers in `encode`. Drafts, pages with
//! `search: false`, and everything bridgebook generates (404, redirects, taxonomy and glossary
//! pages, the results page) are never indexed.

mod doc_files;
mod encode;
mod excerpt;
mod files;
mod index;
mod places;
mod rows;
mod score;
mod shard;
mod titles;
mod tokenize;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use crate::model::config::{Config, SearchSettings};
use crate::model::tree::{PageId, SiteTree, HOME};

use excerpt::{excerpt, Rarity};
use files::index_files;
use index::{DocInfo, DocText, IndexBuilder};
use shard::ShardPlan;

/// Pages collected during rendering, from any thread.
pub(crate) struct SearchCollector {
    /// One builder per rendering thread (and one for any other thread), so that threads do
    /// not queue for one lock; merged into the first when the index is written.
    builders: Vec<Mutex<IndexBuilder>>,
    settings: SearchSettings,
    /// Audience id -> label, for result badges.
    audiences: Vec<(String, String)>,
    /// Role id -> label, for the role facet.
    roles: Vec<(String, String)>,
    /// Time spent in `add_page`, summed over threads (for `BRIDGEBOOK_TIMINGS`).
    add_nanos: AtomicU64,
    /// Counted on the site's sources at the first page, with the snippet characters a page
    /// keeps on a site of that many pages.
    snippets: OnceLock<(Rarity, usize)>,
}

impl SearchCollector {
    pub(crate) fn new(config: &Config) -> Self {
        SearchCollector {
            builders: (0..=rayon::current_num_threads())
                .map(|_| Mutex::new(IndexBuilder::default()))
                .collect(),
            settings: config.search.clone(),
            audiences: config
                .audiences
                .iter()
                .map(|a| (a.id.clone(), a.label.clone()))
                .collect(),
            roles: config
                .roles
                .iter()
                .map(|r| (r.id.clone(), r.label.clone()))
                .collect(),
            add_nanos: AtomicU64::new(0),
            snippets: OnceLock::new(),
        }
    }

    /// Adds a rendered page unless it is a draft or opted out: `body` is its text as rendered
    /// (headings included), `headings` its headings' texts.
    pub(crate) fn add_page(&self, tree: &SiteTree, id: PageId, body: &str, headings: &[String]) {
        let page = &tree.pages[id];
        if page.fm.draft || !page.fm.search {
            return;
        }
        let started = Instant::now();
        let (rarity, chars) = self.snippets.get_or_init(|| {
            let sources: Vec<&str> = tree
                .pages
                .iter()
                .filter(|p| !p.fm.draft && p.fm.search)
                .map(|p| &p.text[p.body_offset..])
                .collect();
            let chars = ShardPlan::default().text_chars(sources.len(), self.settings.snippet_chars);
            (Rarity::sample(&sources), chars)
        });
        let mut chain = tree.ancestors(page.section);
        if page.is_section {
            chain.pop();
        }
        let crumbs: Vec<String> = chain
            .iter()
            .filter(|&&s| s != HOME)
            .map(|&s| tree.pages[tree.sections[s].page].fm.title.clone())
            .collect();
        let section = if page.is_section && chain.len() <= 1 && page.section != HOME {
            page.fm.title.clone()
        } else {
            crumbs.first().cloned().unwrap_or_default()
        };
        let doc = DocInfo {
            url: page.url.clone(),
            title: page.fm.title.clone(),
            crumbs,
            section,
            audience: page.fm.audience.clone(),
            roles: page
                .fm
                .roles
                .iter()
                .filter_map(|id| self.roles.iter().find(|(known, _)| known == id))
                .map(|(_, label)| label.clone())
                .collect(),
            role_ids: page.fm.roles.clone(),
            tags: page.fm.tags.clone(),
            excerpt: "".into(),
        };
        let last = self.builders.len() - 1;
        let slot = rayon::current_thread_index().map_or(last, |i| i.min(last));
        let text = DocText {
            title: &page.fm.title,
            headings,
            body,
        };
        let mut builder = lock(&self.builders[slot]);
        builder.add(doc, text);
        let anchors = builder.anchors(rarity);
        if let Some(doc) = builder.docs.last_mut() {
            doc.excerpt = excerpt(body, &anchors, *chars).into();
        }
        drop(builder);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.add_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// Replaces a page's entries after an edit (`serve`): its old text is forgotten, its new
    /// text indexed, unless it is now a draft or opted out.
    pub(crate) fn replace_page(
        &self,
        tree: &SiteTree,
        id: PageId,
        body: &str,
        headings: &[String],
    ) {
        self.merged().remove(&tree.pages[id].url);
        self.add_page(tree, id, body, headings);
    }

    /// The first builder, with every other builder's pages moved into it.
    fn merged(&self) -> std::sync::MutexGuard<'_, IndexBuilder> {
        let mut first = lock(&self.builders[0]);
        for other in &self.builders[1..] {
            first.merge(std::mem::take(&mut *lock(other)));
        }
        first
    }

    /// The index files, paths relative to the site root.
    pub(crate) fn files(&self) -> Vec<(String, String)> {
        let started = Instant::now();
        let index = score::finish(&self.merged(), self.settings.max_postings);
        let files = index_files(
            &index,
            &ShardPlan::default(),
            &self.audiences,
            self.settings.snippet_chars,
        );
        if std::env::var_os("BRIDGEBOOK_TIMINGS").is_some() {
            eprintln!(
                "search: {} pages, tokenizing {:.0} ms (summed over threads), index and shards {:.0} ms",
                index.docs.len(),
                self.add_nanos.load(Ordering::Relaxed) as f64 / 1e6,
                started.elapsed().as_secs_f64() * 1e3
            );
        }
        files
    }
}

fn lock(builder: &Mutex<IndexBuilder>) -> std::sync::MutexGuard<'_, IndexBuilder> {
    builder.lock().expect("no thread panics while holding it")
}
