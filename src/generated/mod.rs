//! Generated pages: the pages no Markdown file writes (listings, the glossary, needs review, tracks, feeds,
//! the sitemap and alias redirects). Pure: site values in, `(path, html)` out.

pub(crate) mod feeds;
pub(crate) mod glossary;
pub(crate) mod pager;
pub(crate) mod review;
pub(crate) mod sitemap;
pub(crate) mod taxonomy;
