//! The theme: the default one compiled into the binary, with a site's own files laid over it.
//!
//! Part of stage 1 (load): it reads a site's `themes/<name>/` and `templates/` folders and
//! nothing else. A site overrides any single template or static file by giving one with the
//! same name; everything it does not override comes from the built-in default theme.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::load::content::site_path;
use crate::model::config::Config;
use crate::model::source::TemplateSource;

const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "section.html",
        include_str!("../../themes/default/templates/section.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "taxonomy_list.html",
        include_str!("../../themes/default/templates/taxonomy_list.html"),
    ),
    (
        "taxonomy_term.html",
        include_str!("../../themes/default/templates/taxonomy_term.html"),
    ),
    (
        "glossary.html",
        include_str!("../../themes/default/templates/glossary.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "view_as.html",
        include_str!("../../themes/default/templates/view_as.html"),
    ),
    (
        "needs_review.html",
        include_str!("../../themes/default/templates/needs_review.html"),
    ),
    (
        "tracks.html",
        include_str!("../../themes/default/templates/tracks.html"),
    ),
    (
        "track.html",
        include_str!("../../themes/default/templates/track.html"),
    ),
    (
        "print.html",
        include_str!("../../themes/default/templates/print.html"),
    ),
];

pub(crate) const STYLESHEET: &str = "bridgebook.css";

const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "bridgebook.css",
        include_bytes!("../../themes/default/static/bridgebook.css"),
    ),
    (
        "bridgebook.js",
        include_bytes!("../../themes/default/static/bridgebook.js"),
    ),
    ("search.js", SEARCH_JS.as_bytes()),
];

/// The search client: the modules in `themes/default/search/`, joined by `build.rs`.
const SEARCH_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/search.js"));

pub(crate) enum ThemeAsset {
    Builtin(&'static [u8]),
    File(PathBuf),
}

pub(crate) struct Theme {
    pub(crate) templates: Vec<TemplateSource>,
    /// Output path (relative, `/`-separated) and where its bytes come from.
    pub(crate) assets: Vec<(String, ThemeAsset)>,
}

/// Where a site's theme overrides live, lowest priority first.
pub(crate) fn override_dirs(root: &Path, config: &Config) -> Vec<(PathBuf, PathBuf)> {
    let theme_dir = root
        .join("themes")
        .join(config.theme.as_deref().unwrap_or("default"));
    vec![
        (theme_dir.join("templates"), theme_dir.join("static")),
        (root.join("templates"), root.join("theme-static")),
    ]
}

pub(crate) fn load_theme(root: &Path, config: &Config, diagnostics: &mut Diagnostics) -> Theme {
    let mut templates: Vec<TemplateSource> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| TemplateSource {
            name: (*name).to_string(),
            text: (*text).to_string(),
            site_path: None,
        })
        .collect();
    let mut assets: Vec<(String, ThemeAsset)> = DEFAULT_STATIC
        .iter()
        .map(|(name, bytes)| ((*name).to_string(), ThemeAsset::Builtin(bytes)))
        .collect();
    if let Some(name) = &config.theme {
        if !root.join("themes").join(name).is_dir() {
            diagnostics.push(
                Diagnostic::error(
                    Code::Config,
                    format!("theme \"{name}\" not found: there is no themes/{name}/ folder"),
                )
                .at(Location::file("bridgebook.yaml"))
                .help("create the folder, or remove `theme` to use the built-in default theme"),
            );
        }
    }
    for (template_dir, static_dir) in override_dirs(root, config) {
        for (rel, path) in files_under(&template_dir) {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    templates.retain(|t| t.name != rel);
                    templates.push(TemplateSource {
                        name: rel,
                        text,
                        site_path: Some(site_path(root, &path)),
                    });
                }
                Err(err) => diagnostics.push(
                    Diagnostic::error(Code::Io, format!("cannot read template: {err}"))
                        .at(Location::file(site_path(root, &path))),
                ),
            }
        }
        for (rel, path) in files_under(&static_dir) {
            assets.retain(|(name, _)| *name != rel);
            assets.push((rel, ThemeAsset::File(path)));
        }
    }
    Theme { templates, assets }
}

impl Theme {
    /// The theme's stylesheet, inlined into every page: one round trip fewer before the first
    /// paint, which on a slow intranet link is most of the wait. It is small (about 2.5 KB
    /// gzipped), so the repeat cost per page is low.
    pub(crate) fn stylesheet(&self) -> std::io::Result<String> {
        match self.assets.iter().find(|(name, _)| name == STYLESHEET) {
            Some((_, ThemeAsset::Builtin(bytes))) => {
                Ok(String::from_utf8_lossy(bytes).into_owned())
            }
            Some((_, ThemeAsset::File(path))) => std::fs::read_to_string(path),
            None => Ok(String::new()),
        }
    }
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (rel, e.into_path())
        })
        .collect()
}
