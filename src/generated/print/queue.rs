//! The print pages of a full build, each ready as soon as the last of its pages is rendered:
//! a page's [`PrintPart`] is held only until every print page that includes it is done, so a
//! build holds the bodies of the few sections being rendered, never the whole site's. (A
//! reading track's steps can come from anywhere in the site: they are held until its last
//! step is rendered, a handful of pages.)
//!
//! Thread-safe: pages render in parallel and hand their parts in as they finish; whoever hands
//! in a print page's last part is told so and renders it. Pure: writing is the driver's.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::{render_print_doc, PrintDoc, PrintPart, PrintParts};
use crate::diagnostic::Diagnostic;
use crate::generated::GeneratedInput;
use crate::model::tree::PageId;

/// The print documents of a build and the parts they still wait for.
pub(crate) struct PrintQueue<'a> {
    docs: Vec<PrintDoc<'a>>,
    /// Per document: its pages, each once.
    members: Vec<Vec<PageId>>,
    /// Per document: how many of its pages are not rendered yet.
    waiting: Vec<AtomicUsize>,
    /// Per page: the documents that include it.
    docs_of: Vec<Vec<usize>>,
    /// Per page: its part, while a document not yet rendered needs it.
    slots: Vec<Mutex<Slot>>,
    /// Keep every part after its documents are rendered (`serve` needs them for edits).
    keep: bool,
}

#[derive(Default)]
struct Slot {
    part: Option<Arc<PrintPart>>,
    /// Documents that include the page and are not rendered yet.
    users: usize,
}

/// A document of the queue, by its place in [`PrintQueue::new`]'s list.
pub(crate) type DocIndex = usize;

impl<'a> PrintQueue<'a> {
    /// The queue of `docs`, for a site of `pages` pages; `keep`: every part is kept for
    /// [`PrintQueue::into_parts`].
    pub(crate) fn new(docs: Vec<PrintDoc<'a>>, pages: usize, keep: bool) -> Self {
        let mut docs_of = vec![Vec::new(); pages];
        let members: Vec<Vec<PageId>> = docs
            .iter()
            .enumerate()
            .map(|(index, doc)| {
                let mut ids = doc.pages.clone();
                ids.sort_unstable();
                ids.dedup();
                for &id in &ids {
                    docs_of[id].push(index);
                }
                ids
            })
            .collect();
        let waiting = members.iter().map(|m| AtomicUsize::new(m.len())).collect();
        let slots = docs_of
            .iter()
            .map(|docs| {
                Mutex::new(Slot {
                    part: None,
                    users: docs.len(),
                })
            })
            .collect();
        PrintQueue {
            docs,
            members,
            waiting,
            docs_of,
            slots,
            keep,
        }
    }

    /// The documents without pages: ready before any page is rendered.
    pub(crate) fn ready_now(&self) -> Vec<DocIndex> {
        (0..self.docs.len())
            .filter(|&doc| self.members[doc].is_empty())
            .collect()
    }

    /// Hands in page `id`'s part, made by `part` only when a document needs it; returns the
    /// documents it was the last one of, for the caller to [`render`](PrintQueue::render).
    pub(crate) fn add(&self, id: PageId, part: impl FnOnce() -> PrintPart) -> Vec<DocIndex> {
        let docs = &self.docs_of[id];
        if docs.is_empty() && !self.keep {
            return Vec::new();
        }
        lock(&self.slots[id]).part = Some(Arc::new(part()));
        docs.iter()
            .copied()
            .filter(|&doc| self.waiting[doc].fetch_sub(1, Ordering::AcqRel) == 1)
            .collect()
    }

    /// The print page of document `doc` as `(path, html)` (see [`render_print_doc`]); then the
    /// parts only it still needed are dropped.
    pub(crate) fn render(
        &self,
        input: &GeneratedInput,
        doc: DocIndex,
    ) -> Result<Option<(String, String)>, Diagnostic> {
        let parts: HashMap<PageId, Arc<PrintPart>> = self.members[doc]
            .iter()
            .filter_map(|&id| lock(&self.slots[id]).part.clone().map(|part| (id, part)))
            .collect();
        let result = render_print_doc(
            input,
            &|id| parts.get(&id).map(|part| &**part),
            &self.docs[doc],
        );
        drop(parts);
        for &id in &self.members[doc] {
            let mut slot = lock(&self.slots[id]);
            slot.users -= 1;
            if slot.users == 0 && !self.keep {
                slot.part = None;
            }
        }
        result
    }

    /// Every part handed in, for `serve` (all of them when the queue keeps them).
    pub(crate) fn into_parts(self) -> PrintParts {
        let mut parts = PrintParts::default();
        for (id, slot) in self.slots.into_iter().enumerate() {
            let slot = slot.into_inner().unwrap_or_else(|e| e.into_inner());
            if let Some(part) = slot.part {
                parts.set(id, Arc::unwrap_or_clone(part));
            }
        }
        parts
    }
}

fn lock(slot: &Mutex<Slot>) -> MutexGuard<'_, Slot> {
    // A panic while a slot was locked leaves its part whole: the guard only swaps it.
    slot.lock().unwrap_or_else(|e| e.into_inner())
}
