//! The model: plain data every stage shares (config, front matter, the tree, glossary,
//! reading tracks) and the pure parsers that build it from text. It never reads files and
//! imports nothing above it.

pub(crate) mod changes;
pub(crate) mod config;
pub(crate) mod front_matter;
pub(crate) mod glossary;
pub(crate) mod link_cache;
pub(crate) mod source;
pub(crate) mod track_config;
pub(crate) mod tracks;
pub(crate) mod tree;
pub(crate) mod values;
pub(crate) mod yaml;

pub(crate) mod title;

/// The Markdown dialect pages are written in: every stage that reads a body reads it so, and
/// finds the same headings (the title's `# heading` in `title`, every heading in `render`).
pub(crate) fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}
