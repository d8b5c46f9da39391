//! The files of the site as the load stage hands them on: a page's path, kind and text, a
//! template's name and text (model: plain data). Defined here, below every stage, so the tree can be built
//! from it without the model importing the loader.

use std::path::PathBuf;

/// The folder of a site that holds its pages.
pub(crate) const CONTENT_DIR: &str = "content";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceKind {
    /// `_index.md`: a section's own page.
    Section,
    /// Any other `.md` file.
    Page,
    /// `index.md`: a page whose folder's other files travel with it.
    Bundle,
}

/// One Markdown file, read.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// Relative to `content/`, with `/` separators: `communication/plain-language.md`.
    pub(crate) rel_path: String,
    /// Relative to the site root, for messages: `content/communication/plain-language.md`.
    pub(crate) site_path: PathBuf,
    pub(crate) kind: SourceKind,
    pub(crate) text: String,
}

/// A template of the theme, as the load stage found it: built in or the site's override.
pub(crate) struct TemplateSource {
    pub(crate) name: String,
    pub(crate) text: String,
    /// The site file it came from, relative to the site root; `None` for built-in templates.
    pub(crate) site_path: Option<PathBuf>,
}
