//! What `serve` remembers of the generated pages it wrote: a fingerprint of each one's template
//! and context, by output path. A save that renders generated pages again skips each one whose
//! fingerprint is unchanged, so a title edit re-renders the one page of a long listing that
//! shows the title, not all of them.
//!
//! Fingerprints of a re-render are pending until its files are written (`commit`), so a save
//! that fails leaves the memo describing what is actually served.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::diagnostic::Diagnostic;
use crate::render::template::Templates;

/// Fingerprints of the generated pages `serve` has written, by output path.
#[derive(Default)]
pub(crate) struct GeneratedMemo {
    written: Mutex<HashMap<String, u64>>,
    pending: Mutex<Vec<(String, u64)>>,
}

impl GeneratedMemo {
    pub(crate) fn commit(&self) {
        let pending = std::mem::take(&mut *lock(&self.pending));
        lock(&self.written).extend(pending);
    }

    pub(crate) fn discard(&self) {
        lock(&self.pending).clear();
    }

    /// Renders `template` with `context` for `out_path`; `None` when the page written there
    /// last came from the same template and context.
    pub(crate) fn render(
        &self,
        templates: &Templates,
        template: &str,
        out_path: &str,
        context: &impl serde::Serialize,
        source: Option<&std::path::Path>,
    ) -> Result<Option<String>, Diagnostic> {
        let mut hasher = HashWriter(std::collections::hash_map::DefaultHasher::new());
        std::hash::Hash::hash(template, &mut hasher.0);
        let fingerprint = serde_json::to_writer(&mut hasher, context)
            .ok()
            .map(|()| std::hash::Hasher::finish(&hasher.0));
        if fingerprint.is_some() && lock(&self.written).get(out_path) == fingerprint.as_ref() {
            return Ok(None);
        }
        let html = templates.render(template, context, source)?;
        if let Some(fingerprint) = fingerprint {
            lock(&self.pending).push((out_path.to_string(), fingerprint));
        }
        Ok(Some(html))
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Feeds what serde_json writes into a hasher, so a context is fingerprinted without keeping
/// its JSON.
struct HashWriter<H: std::hash::Hasher>(H);

impl<H: std::hash::Hasher> std::io::Write for HashWriter<H> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
