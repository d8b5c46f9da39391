//! Stage 1, load: the only code that reads the site's files (content, static assets, git dates,
//! theme overrides) and the user's link cache. Everything it returns is plain values for the stages after it.

pub(crate) mod changes;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod dates;
pub(crate) mod link_cache;
pub(crate) mod theme;
