//! What a saved file changes, decided in one place.
//!
//! The watcher hands over paths; [`ChangeKind::of_path`] says what kind of file changed, and
//! for an edited page [`ChangeKind::of_page_edit`] compares the old and new front matter.
//! [`ChangeKind::scope`] then says how much of the site must be rendered again.

use std::path::{Component, Path};

use crate::load::content::{CONTENT_DIR, STATIC_DIR};
use crate::model::config::CONFIG_FILE;
use crate::model::front_matter::FrontMatter;
use crate::model::glossary::GLOSSARY_FILE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    /// A known page whose front matter is unchanged: only its own HTML changes.
    Body,
    /// A known page's title, weight, description...: it and the pages that list it change.
    FrontMatter,
    /// A page added, deleted or moved, a change to its URL or draft state, or to which
    /// generated lists (terms, needs review) it is on.
    Structure,
    Glossary,
    Config,
    Theme,
    /// A file copied as is (static/, or a page bundle's image).
    Asset,
    /// Not part of the site (editor swap files, the build output, .git...).
    Ignored,
    /// A Markdown page that changed on disk; [`ChangeKind::of_page_edit`] refines it.
    PageEdit,
}

/// How much of the site a change renders again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Scope {
    Nothing,
    /// The page itself (and pages linking to its headings, if they changed).
    Page,
    /// The page, its section's pages and listings, and the generated pages.
    Neighbourhood,
    Everything,
}

impl ChangeKind {
    /// `rel` is relative to the site root. `exists` is whether the file is on disk now (after
    /// the editor's save finished); `known` whether the loaded site has it (as a page or a
    /// copied file). A file that came and went unknown was an editor's or tool's scratch file.
    pub(crate) fn of_path(rel: &Path, exists: bool, known: bool) -> ChangeKind {
        let parts: Vec<&str> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect();
        let Some(name) = parts.last() else {
            return ChangeKind::Ignored;
        };
        if is_editor_scratch(name) {
            return ChangeKind::Ignored;
        }
        match parts[..] {
            [CONFIG_FILE] => ChangeKind::Config,
            [CONTENT_DIR, GLOSSARY_FILE] => ChangeKind::Glossary,
            ["themes", ..] | ["templates", ..] => ChangeKind::Theme,
            _ if !exists && !known => ChangeKind::Ignored,
            [CONTENT_DIR, .., _] if name.ends_with(".md") => match (exists, known) {
                (true, true) => ChangeKind::PageEdit,
                _ => ChangeKind::Structure,
            },
            [CONTENT_DIR, .., _] | [STATIC_DIR, .., _] => ChangeKind::Asset,
            _ => ChangeKind::Ignored,
        }
    }

    /// Refines [`ChangeKind::PageEdit`] by what changed in the front matter.
    pub(crate) fn of_page_edit(old: &FrontMatter, new: &FrontMatter) -> ChangeKind {
        if old == new {
            ChangeKind::Body
        } else if old.slug != new.slug || old.draft != new.draft || old.aliases != new.aliases {
            ChangeKind::Structure
        } else if old.audience != new.audience
            || old.roles != new.roles
            || old.tags != new.tags
            || old.owner != new.owner
            || old.review_by != new.review_by
        {
            // The page joins or leaves a generated list (a term's pages, needs review) that
            // is split into listing pages: a whole listing page, or a term, can come or go.
            ChangeKind::Structure
        } else {
            ChangeKind::FrontMatter
        }
    }

    pub(crate) fn scope(self) -> Scope {
        match self {
            ChangeKind::Ignored => Scope::Nothing,
            ChangeKind::Body => Scope::Page,
            ChangeKind::FrontMatter => Scope::Neighbourhood,
            ChangeKind::PageEdit
            | ChangeKind::Structure
            | ChangeKind::Glossary
            | ChangeKind::Config
            | ChangeKind::Theme
            | ChangeKind::Asset => Scope::Everything,
        }
    }
}

/// Files editors write beside the real one while saving: vim's `.x.swp` and `4913`, emacs's
/// `#x#` and `.#x`, backup `x~`, JetBrains' `x___jb_tmp___`.
fn is_editor_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.contains("___jb_")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified_by_what_they_are() {
        use ChangeKind::*;
        let cases: &[(&str, bool, bool, ChangeKind)] = &[
            ("bridgebook.yaml", true, false, Config),
            ("content/glossary.yaml", true, false, Glossary),
            ("content/a/page.md", true, true, PageEdit),
            ("content/a/new.md", true, false, Structure),
            ("content/a/gone.md", false, true, Structure),
            ("content/a/_index.md", true, true, PageEdit),
            ("content/a/sedX1b2c3", false, false, Ignored),
            ("content/a/gone.png", false, true, Asset),
            ("content/a/bundle/chart.png", true, false, Asset),
            ("static/logo.svg", true, false, Asset),
            ("themes/default/templates/page.html", true, false, Theme),
            ("themes/default/templates/old.html", false, false, Theme),
            ("templates/page.html", true, false, Theme),
            ("content/a/.page.md.swp", true, false, Ignored),
            ("content/a/4913", true, false, Ignored),
            ("content/a/page.md~", true, false, Ignored),
            ("content/a/page.md___jb_tmp___", true, false, Ignored),
            ("public/index.html", true, false, Ignored),
            (".git/index", true, false, Ignored),
            ("README.md", true, false, Ignored),
        ];
        for &(path, exists, known, expected) in cases {
            assert_eq!(
                ChangeKind::of_path(Path::new(path), exists, known),
                expected,
                "{path}"
            );
        }
    }

    #[test]
    fn page_edits_are_refined_by_their_front_matter() {
        let old = FrontMatter {
            title: "Old".into(),
            ..FrontMatter::default()
        };
        let cases: &[(FrontMatter, ChangeKind, Scope)] = &[
            (old.clone(), ChangeKind::Body, Scope::Page),
            (
                FrontMatter {
                    title: "New".into(),
                    ..old.clone()
                },
                ChangeKind::FrontMatter,
                Scope::Neighbourhood,
            ),
            (
                FrontMatter {
                    weight: 5,
                    ..old.clone()
                },
                ChangeKind::FrontMatter,
                Scope::Neighbourhood,
            ),
            (
                FrontMatter {
                    slug: Some("x".into()),
                    ..old.clone()
                },
                ChangeKind::Structure,
                Scope::Everything,
            ),
            (
                FrontMatter {
                    draft: true,
                    ..old.clone()
                },
                ChangeKind::Structure,
                Scope::Everything,
            ),
            (
                FrontMatter {
                    tags: vec!["launches".into()],
                    ..old.clone()
                },
                ChangeKind::Structure,
                Scope::Everything,
            ),
            (
                FrontMatter {
                    owner: Some("Priya".into()),
                    ..old.clone()
                },
                ChangeKind::Structure,
                Scope::Everything,
            ),
        ];
        for (new, kind, scope) in cases {
            let got = ChangeKind::of_page_edit(&old, new);
            assert_eq!((got, got.scope()), (*kind, *scope), "{new:?}");
        }
    }
}
