//! Stage 3, render: a page's body with its includes and shared values put in, and a map from
//! every byte of the result back to the file and offset it came from.
//!
//! Pure: takes the page, the snippet files and pages it may include, and the values; returns
//! the expanded text, the [`SourceMap`], the files included and the problems found (a missing
//! file or part, an include cycle with its chain, an unknown value). The Markdown renderer
//! reads the map so that a link in an included file resolves from that file's folder and a
//! problem in it names that file's line.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{display_path, suggest, Code, Diagnostic, LineIndex, Location};
use crate::model::tree::SiteTree;
use crate::model::values::Values;
use crate::render::include_parts::{directives, find_part, DirectiveKind, INCLUDE};
use crate::render::links::{relative_link, resolve_link, suggest_paths, LinkDest};

/// A file that text comes from: the page itself or a file it includes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    /// Relative to `content/`: links in the file resolve from its folder.
    pub(crate) rel_path: &'a str,
    /// Relative to the site root, for messages.
    pub(crate) site_path: &'a Path,
    /// The whole file, front matter included, so positions are the file's own lines.
    pub(crate) text: &'a str,
}

/// A snippet: a Markdown file pages include, never published as a page itself.
#[derive(Debug, Clone)]
pub(crate) struct Snippet {
    pub(crate) site_path: PathBuf,
    pub(crate) text: String,
    /// Where the body starts (after any front matter).
    pub(crate) body_offset: usize,
}

/// What pages may include, and the values they may use.
#[derive(Clone, Copy)]
pub(crate) struct IncludeEnv<'a> {
    /// Snippets by path relative to `content/`.
    pub(crate) snippets: &'a HashMap<String, Snippet>,
    /// Pages may include each other's parts too (a checklist's "copy freeze" section).
    pub(crate) tree: &'a SiteTree,
    pub(crate) values: &'a Values,
}

impl<'a> IncludeEnv<'a> {
    /// The file at `rel` and the byte range of its body.
    fn file(&self, rel: &str) -> Option<(Origin<'a>, Range<usize>)> {
        if let Some((rel_path, snippet)) = self.snippets.get_key_value(rel) {
            let origin = Origin {
                rel_path,
                site_path: &snippet.site_path,
                text: &snippet.text,
            };
            return Some((origin, snippet.body_offset..snippet.text.len()));
        }
        let page = &self.tree.pages[*self.tree.by_source.get(rel)?];
        let origin = Origin {
            rel_path: &page.rel_path,
            site_path: &page.site_path,
            text: &page.text,
        };
        Some((origin, page.body_offset..page.text.len()))
    }
}

/// One run of the expanded text: from `start` on, it is `origin`'s text from `offset` on
/// (`verbatim`), or text put in for something written at `offset` (a value).
#[derive(Debug, Clone, Copy)]
struct Piece<'a> {
    start: usize,
    origin: Origin<'a>,
    offset: usize,
    verbatim: bool,
}

/// Where each byte of an expanded body came from.
#[derive(Debug)]
pub(crate) struct SourceMap<'a> {
    pieces: Vec<Piece<'a>>,
}

impl<'a> SourceMap<'a> {
    /// The file and the byte offset in it that position `pos` of the expanded text shows.
    pub(crate) fn at(&self, pos: usize) -> (Origin<'a>, usize) {
        let i = self.pieces.partition_point(|p| p.start <= pos).max(1) - 1;
        let piece = &self.pieces[i];
        let offset = if piece.verbatim {
            piece.offset + (pos - piece.start)
        } else {
            piece.offset
        };
        (piece.origin, offset.min(piece.origin.text.len()))
    }
}

/// Positions in a text whose lines were rewritten one for one (tab markers become comments),
/// moved back onto the same line of the text before, at the same column where it has one.
pub(crate) struct LineShift {
    read: Vec<usize>,
    written: Vec<usize>,
    written_len: usize,
}

impl LineShift {
    pub(crate) fn new(read: &str, written: &str) -> LineShift {
        let starts = |text: &str| -> Vec<usize> {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        };
        LineShift {
            read: starts(read),
            written: starts(written),
            written_len: written.len(),
        }
    }

    pub(crate) fn unshift(&self, pos: usize) -> usize {
        let line = self.read.partition_point(|&s| s <= pos).max(1) - 1;
        let col = pos - self.read[line];
        let Some(&start) = self.written.get(line) else {
            return self.written_len;
        };
        let end = self
            .written
            .get(line + 1)
            .map_or(self.written_len, |&e| e.max(start + 1) - 1);
        (start + col).min(end.max(start))
    }
}

/// A page's body, expanded.
pub(crate) struct Expanded<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) map: SourceMap<'a>,
    /// Every file put in, directly or through another (relative to `content/`), once each.
    pub(crate) included: Vec<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Expands the includes and values of the body of `page` (its text from `body_offset`).
pub(crate) fn expand<'a>(
    page: Origin<'a>,
    body_offset: usize,
    env: IncludeEnv<'a>,
) -> Expanded<'a> {
    let body = &page.text[body_offset..];
    let whole = Piece {
        start: 0,
        origin: page,
        offset: body_offset,
        verbatim: true,
    };
    if !body.contains(INCLUDE) && !body.contains("{{") {
        return Expanded {
            text: Cow::Borrowed(body),
            map: SourceMap {
                pieces: vec![whole],
            },
            included: Vec::new(),
            diagnostics: Vec::new(),
        };
    }
    let mut expander = Expander {
        env,
        out: String::with_capacity(body.len()),
        pieces: Vec::new(),
        included: Vec::new(),
        diagnostics: Vec::new(),
        chain: vec![page],
    };
    expander.expand(page, body_offset..page.text.len());
    if expander.pieces.is_empty() {
        expander.pieces.push(whole);
    }
    Expanded {
        text: Cow::Owned(expander.out),
        map: SourceMap {
            pieces: expander.pieces,
        },
        included: expander.included,
        diagnostics: expander.diagnostics,
    }
}

struct Expander<'a> {
    env: IncludeEnv<'a>,
    out: String,
    pieces: Vec<Piece<'a>>,
    included: Vec<String>,
    diagnostics: Vec<Diagnostic>,
    /// The files being expanded, outermost first: a file already here is a cycle.
    chain: Vec<Origin<'a>>,
}

impl<'a> Expander<'a> {
    fn expand(&mut self, origin: Origin<'a>, range: Range<usize>) {
        let base = range.start;
        let text = &origin.text[range];
        let mut cursor = 0;
        for directive in directives(text) {
            self.copy(origin, base + cursor, &text[cursor..directive.range.start]);
            let at = base + directive.range.start;
            let written = &text[directive.range.clone()];
            match directive.kind {
                DirectiveKind::Value { name } => match self.env.values.get(name) {
                    Some(value) => self.put(origin, at, value),
                    None => {
                        self.unknown_value(origin, at, written, name);
                        self.copy(origin, at, written);
                    }
                },
                DirectiveKind::Include { dest } => self.include(origin, at, written, dest),
                DirectiveKind::NestedInclude => {
                    let diag = Diagnostic::error(Code::IncludePlace, "an include inside a list, a quote or a footnote cannot keep what it includes inside it")
                        .help("put the include line at the start of a line of its own, outside the list or quote");
                    self.problem(diag, origin, at, written.chars().count());
                    self.copy(origin, at, written);
                }
                DirectiveKind::NotAlone => {
                    let diag = Diagnostic::error(Code::IncludePlace, "an include line must be a paragraph of its own: `[!include](path.md)` and nothing else")
                        .help("put a blank line before and after it, and each include on its own line");
                    self.problem(diag, origin, at, INCLUDE.len());
                    self.copy(origin, at, written);
                }
            }
            cursor = directive.range.end;
        }
        self.copy(origin, base + cursor, &text[cursor..]);
    }

    /// Text of `origin` from `offset`, as it is.
    fn copy(&mut self, origin: Origin<'a>, offset: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            start: self.out.len(),
            origin,
            offset,
            verbatim: true,
        });
        self.out.push_str(text);
    }

    /// Text put in for what is written at `offset` of `origin`.
    fn put(&mut self, origin: Origin<'a>, offset: usize, text: &str) {
        self.pieces.push(Piece {
            start: self.out.len(),
            origin,
            offset,
            verbatim: false,
        });
        self.out.push_str(text);
    }

    fn include(&mut self, origin: Origin<'a>, at: usize, written: &str, dest: &str) {
        let shown = written.trim_end().chars().count();
        let (path, fragment) = match resolve_link(origin.rel_path, dest) {
            LinkDest::Site { path, fragment, .. } => (path, fragment),
            _ => {
                let diag = Diagnostic::error(
                    Code::MissingInclude,
                    format!("cannot include `{dest}`: only files inside content/ can be included"),
                )
                .help("write the path of a Markdown file relative to this file, e.g. `[!include](../_snippets/ask.md)`");
                return self.problem(diag, origin, at, shown);
            }
        };
        let Some((file, body)) = self.env.file(&path) else {
            let help = self.missing_file_help(origin, &path);
            let diag = Diagnostic::error(
                Code::MissingInclude,
                format!("cannot include `{dest}`: there is no content/{path}"),
            )
            .help(help);
            return self.problem(diag, origin, at, shown);
        };
        if let Some(first) = self.chain.iter().position(|o| o.rel_path == file.rel_path) {
            let mut names: Vec<String> = self.chain[first..]
                .iter()
                .map(|o| display_path(o.site_path))
                .collect();
            names.push(display_path(file.site_path));
            let diag = Diagnostic::error(
                Code::IncludeCycle,
                format!("include cycle: {}", names.join(" -> ")),
            )
            .help("a file cannot include itself, directly or through another: remove one of these includes");
            return self.problem(diag, origin, at, shown);
        }
        let part = match &fragment {
            None => body.clone(),
            Some(name) => match find_part(&file.text[body.clone()], name) {
                Ok(part) => body.start + part.start..body.start + part.end,
                Err(names) => {
                    let help = match suggest(name, names.iter().map(String::as_str)) {
                        Some(best) => format!("did you mean `#{best}`?"),
                        None if names.is_empty() => "mark a region with `<!-- #region name -->` ... `<!-- #endregion -->`, or name a heading's id".to_string(),
                        None => format!("its regions and headings: {}", names.join(", ")),
                    };
                    let diag = Diagnostic::error(
                        Code::MissingInclude,
                        format!(
                            "cannot include `{dest}`: {} has no region or heading `{name}`",
                            display_path(file.site_path)
                        ),
                    )
                    .help(help);
                    return self.problem(diag, origin, at, shown);
                }
            },
        };
        if !self.included.contains(&path) {
            self.included.push(path);
        }
        self.chain.push(file);
        self.expand(file, part);
        self.chain.pop();
        // The included blocks end here, whatever they left open (a list, a paragraph).
        let end = if self.out.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        self.put(origin, at, end);
    }

    fn missing_file_help(&self, origin: Origin, path: &str) -> String {
        let candidates = self
            .env
            .snippets
            .keys()
            .chain(self.env.tree.by_source.keys())
            .map(String::as_str);
        let found = suggest_paths(path, candidates);
        if found.is_empty() {
            return "the path is relative to this file; snippets live in a folder like content/_snippets/".to_string();
        }
        let links: Vec<String> = found
            .iter()
            .map(|to| format!("`{}`", relative_link(origin.rel_path, to)))
            .collect();
        format!("did you mean {}?", links.join(" or "))
    }

    fn unknown_value(&mut self, origin: Origin<'a>, at: usize, written: &str, name: &str) {
        let names = self.env.values.names();
        let help = match suggest(name, names.iter().copied()) {
            Some(best) => format!("did you mean `{{{{ {best} }}}}`? (values are declared under `values:` in bridgebook.yaml)"),
            None if names.is_empty() => "declare it under `values:` in bridgebook.yaml, or write `\\{{` to show the braces".to_string(),
            None => format!("known values: {}; declare new ones under `values:` in bridgebook.yaml", names.join(", ")),
        };
        let diag =
            Diagnostic::error(Code::UnknownValue, format!("unknown value `{name}`")).help(help);
        self.problem(diag, origin, at, written.chars().count());
    }

    fn problem(&mut self, diag: Diagnostic, origin: Origin, at: usize, len: usize) {
        let (line, col) = LineIndex::new(origin.text).position(at);
        let location = Location::new(origin.site_path, line, col, len);
        self.diagnostics.push(diag.at_source(location, origin.text));
    }
}
