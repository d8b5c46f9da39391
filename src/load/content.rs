//! Stage 1, load: walk `content/` and `static/` and read every source file.
//!
//! The only stage that reads the site's content. It decides what each file is (a section's
//! `_index.md`, a page, a bundle's `index.md`, the glossary, an asset to copy) and rejects what
//! cannot be read as text (invalid UTF-8, binary files, symlink loops) with a clear error. It
//! parses nothing.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::model::glossary::GLOSSARY_FILE;
use crate::model::source::{SourceFile, SourceKind};

pub(crate) use crate::model::source::CONTENT_DIR;
pub(crate) const STATIC_DIR: &str = "static";

/// A file copied into the site as it is.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    pub(crate) source: PathBuf,
    /// Where it lands, relative to the output folder, with `/` separators.
    pub(crate) dest: String,
}

#[derive(Debug, Default)]
pub(crate) struct LoadedContent {
    pub(crate) sources: Vec<SourceFile>,
    /// Markdown files other pages include and that are no pages themselves: those in a folder
    /// whose name starts with `_` (`_snippets/`), or named `_x.md` (not `_index.md`).
    pub(crate) snippets: Vec<SourceFile>,
    pub(crate) assets: Vec<Asset>,
    /// `content/glossary.yaml`, if the site has one: (site path, text).
    pub(crate) glossary: Option<(PathBuf, String)>,
}

/// Reads `content/` and `static/` under `root`. Problems are collected, never fatal, so one
/// run reports them all.
pub(crate) fn load_content(root: &Path, diagnostics: &mut Diagnostics) -> LoadedContent {
    let mut loaded = LoadedContent::default();
    let mut markdown = Vec::new();
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(Code::NoContent, format!("there is no `{CONTENT_DIR}/` folder in {}", root.display()))
                .help("run bridgebook in a site folder, pass one with --root, or create a site with `bridgebook new DIR`"),
        );
        return loaded;
    }
    for path in walk(root, &content_dir, diagnostics) {
        let rel = relative_slash(&path, &content_dir);
        if rel.ends_with(".md") {
            markdown.push((path, rel));
        } else if rel == GLOSSARY_FILE {
            if let Some(text) = read_text(root, &path, diagnostics) {
                loaded.glossary = Some((site_path(root, &path), text));
            }
        } else {
            loaded.assets.push(Asset {
                source: path,
                dest: rel,
            });
        }
    }
    let static_dir = root.join(STATIC_DIR);
    if static_dir.is_dir() {
        for path in walk(root, &static_dir, diagnostics) {
            let dest = relative_slash(&path, &static_dir);
            loaded.assets.push(Asset { source: path, dest });
        }
    }
    // Without a `_index.md`, a top-level `index.md` (as MkDocs and others name it) is the home
    // page; otherwise both would take the home URL.
    let home_is_index = !markdown.iter().any(|(_, rel)| rel == "_index.md");
    let results: Vec<(Option<SourceFile>, Diagnostics)> = markdown
        .into_par_iter()
        .map(|(path, rel_path)| {
            let mut diags = Diagnostics::default();
            let text = read_text(root, &path, &mut diags);
            let kind = match rel_path.rsplit('/').next() {
                Some("_index.md") => SourceKind::Section,
                Some("index.md") if home_is_index && rel_path == "index.md" => SourceKind::Section,
                Some("index.md") => SourceKind::Bundle,
                _ => SourceKind::Page,
            };
            let file = text.map(|text| SourceFile {
                site_path: site_path(root, &path),
                rel_path,
                kind,
                text,
            });
            (file, diags)
        })
        .collect();
    for (file, diags) in results {
        diagnostics.extend(diags.into_sorted());
        match file {
            Some(file) if is_snippet(&file.rel_path) => loaded.snippets.push(file),
            Some(file) => loaded.sources.push(file),
            None => {}
        }
    }
    loaded
}

/// Whether the Markdown file at `rel` (relative to `content/`) is a snippet, included by pages
/// and never published itself: it lives in a `_folder/`, or its name starts with `_` and it is
/// not a section's `_index.md`.
pub(crate) fn is_snippet(rel: &str) -> bool {
    let mut parts = rel.split('/').rev();
    let name = parts.next().unwrap_or_default();
    (name.starts_with('_') && name != "_index.md") || parts.any(|dir| dir.starts_with('_'))
}

/// Every regular file under `dir`, sorted, skipping hidden files and folders. Symlinks are
/// followed so that shared snippets work, and a loop is reported instead of walked forever.
fn walk(root: &Path, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    let visible =
        |e: &walkdir::DirEntry| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.');
    for entry in walker.filter_entry(visible) {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| site_path(root, p))
                    .unwrap_or_else(|| site_path(root, dir));
                let diag = if err.loop_ancestor().is_some() {
                    Diagnostic::error(
                        Code::SymlinkLoop,
                        "this symlink points back into a folder that contains it",
                    )
                    .help("remove the link, or point it at a folder outside the loop")
                } else {
                    Diagnostic::error(Code::Io, format!("cannot read: {}", io_reason(&err)))
                        .help("check that the file exists and that you may read it")
                };
                diagnostics.push(diag.at(Location::file(path)));
            }
        }
    }
    files
}

fn io_reason(err: &walkdir::Error) -> String {
    err.io_error()
        .map_or_else(|| err.to_string(), |e| e.to_string())
}

/// Reads a file that must be UTF-8 text, with an error naming the line of the first bad byte.
pub(crate) fn read_text(root: &Path, path: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    let shown = site_path(root, path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.push(
                Diagnostic::error(Code::Io, format!("cannot read: {err}"))
                    .at(Location::file(shown)),
            );
            return None;
        }
    };
    if bytes.contains(&0) {
        diagnostics.push(
            Diagnostic::error(Code::BinaryFile, "this is a binary file, not Markdown text")
                .at(Location::file(shown))
                .help("rename it so it does not end in `.md`, or replace it with a text file"),
        );
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let good = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            diagnostics.push(
                Diagnostic::error(Code::InvalidUtf8, "the file is not valid UTF-8 text")
                    .at(Location::new(shown, line, col, 1))
                    .help("save the file as UTF-8 (most editors offer this under \"encoding\")"),
            );
            None
        }
    }
}

pub(crate) fn site_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

fn relative_slash(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
