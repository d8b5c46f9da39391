//! Watching the site folder: editor saves in, batches of changed paths out.
//!
//! One save is often several events (vim writes a scratch file, renames the old file away and
//! creates the new one; JetBrains writes a temp file and renames it), and `git checkout` is a
//! burst of hundreds. Events are gathered until the folder has been quiet for [`QUIET`], so
//! each of these becomes one batch and one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

const QUIET: Duration = Duration::from_millis(25);
/// A steady stream of events still gets a rebuild this often.
const LONGEST_WAIT: Duration = Duration::from_millis(500);

pub(crate) enum Batch {
    Changed(BTreeSet<PathBuf>),
    /// Nothing happened for the time asked.
    Idle,
    Stopped,
}

pub(crate) struct SiteWatcher {
    /// Kept alive: dropping it stops the events.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl SiteWatcher {
    pub(crate) fn start(root: &Path) -> anyhow::Result<SiteWatcher> {
        let (tx, events) = channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                // Reads (our own builds open every file) are not changes; dropping them here keeps
                // them from queueing ahead of a real save.
                if event.as_ref().is_ok_and(|e| e.kind.is_access()) {
                    return;
                }
                let _ = tx.send(event);
            })?;
        watcher.watch(root, RecursiveMode::Recursive)?;
        Ok(SiteWatcher {
            _watcher: watcher,
            events,
            root: root.to_path_buf(),
        })
    }

    /// Blocks until something changed, then returns every path (relative to the site root)
    /// that changed until the folder went quiet (possibly none: a file was only read). With
    /// `idle_after`, returns [`Batch::Idle`] when nothing happened for that long.
    pub(crate) fn next_batch(&self, idle_after: Option<Duration>) -> Batch {
        let mut batch = BTreeSet::new();
        let first = match idle_after {
            Some(wait) => match self.events.recv_timeout(wait) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => return Batch::Idle,
                Err(RecvTimeoutError::Disconnected) => return Batch::Stopped,
            },
            None => match self.events.recv() {
                Ok(event) => event,
                Err(_) => return Batch::Stopped,
            },
        };
        self.add(&mut batch, first);
        let started = Instant::now();
        loop {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.add(&mut batch, event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Batch::Stopped,
            }
            if started.elapsed() > LONGEST_WAIT {
                break;
            }
        }
        Batch::Changed(batch)
    }

    fn add(&self, batch: &mut BTreeSet<PathBuf>, event: notify::Result<notify::Event>) {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for path in event.paths {
            if let Ok(rel) = path.strip_prefix(&self.root) {
                batch.insert(rel.to_path_buf());
            }
        }
    }
}
