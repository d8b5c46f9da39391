//! Stage 1, load: the link cache of `check --external`, from the user's cache folder
//! (`$XDG_CACHE_HOME/bridgebook`, else `~/.cache/bridgebook`), so checking a site never writes
//! into the site. Reads only; `output.rs` writes it back.

use std::path::{Path, PathBuf};

use crate::model::link_cache::LinkCache;

/// Where the cache lives: `$XDG_CACHE_HOME/bridgebook/external-links.json` (the variable is
/// used only when it is an absolute path, as the XDG spec says), else under `~/.cache`;
/// `None` when neither is known (no cache then: every run asks every link).
pub(crate) fn link_cache_file() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from)?;
        home.is_absolute().then(|| home.join(".cache"))
    })?;
    Some(base.join("bridgebook").join("external-links.json"))
}

/// The cache as last written; empty when there is none or it cannot be read (a cache only
/// saves time).
pub(crate) fn read_link_cache(path: &Path) -> LinkCache {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}
