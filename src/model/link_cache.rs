//! What `check --external` remembers between runs: the links to other sites that answered
//! well, and when (model: plain data). `load/link_cache.rs` reads it from the user's cache
//! folder and `output.rs` writes it back; never kept in the site under review.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// URL -> unix seconds when it last answered well.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct LinkCache {
    pub(crate) ok: BTreeMap<String, u64>,
}
