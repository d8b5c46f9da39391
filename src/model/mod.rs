//! The model: plain data every stage shares (config, front matter, the tree, glossary,
//! reading tracks) and the pure parsers that build it from text. It never reads files and
//! imports nothing above it.

pub(crate) mod config;
pub(crate) mod front_matter;
pub(crate) mod glossary;
pub(crate) mod tracks;
pub(crate) mod tree;
pub(crate) mod yaml;
