//! What `check --changed REF` limits its rules to, as plain data: the changed files and, for
//! each, the lines the change wrote. `load/changes.rs` asks git for it; `check` reads it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Changed files (paths from the site root, like `content/a.md`) and their changed lines.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Changes {
    /// Inclusive 1-based line ranges; `None` when the whole file is new.
    pub(crate) files: HashMap<PathBuf, Option<Vec<(usize, usize)>>>,
}

impl Changes {
    pub(crate) fn has_file(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// Whether `line` of `path` is one the change wrote.
    pub(crate) fn has_line(&self, path: &Path, line: usize) -> bool {
        match self.files.get(path) {
            Some(None) => true,
            Some(Some(ranges)) => ranges.iter().any(|&(a, b)| (a..=b).contains(&line)),
            None => false,
        }
    }
}
