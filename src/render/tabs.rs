//! Stage 3, render: audience tabs, the same step told two (or more) ways.
//!
//! ```text
//! :::tabs
//! === "For marketers"
//! Ask in #web-help ...
//! === "For engineers" {for=it}
//! Open a ticket ...
//! :::
//! ```
//!
//! Pure. Before the body goes to pulldown-cmark, [`find_tabs`] reads these marker lines
//! (top-level, outside code fences) and puts an HTML comment line in the place of each, so
//! every marker ends the block before it and the tab's content is ordinary Markdown: lists,
//! code and links inside a tab render and are checked as anywhere else. Lines stay where they
//! were, and so does every column outside the marker lines. [`Tabs::events`], a step of the
//! event stream, then turns each comment (an HTML block at a known offset) into the tabs'
//! markup, the whole group counted as one block (so a `##` inside a tab starts no section).
//!
//! The markup works without JavaScript (every panel in order, each under its label, and so
//! in print); the theme's script turns it into the WAI-ARIA tabs pattern. A tab whose label
//! names an audience or role of `bridgebook.yaml` ("Marketing", "For marketers", "IT"), or
//! that says so with `{for=id}`, carries those ids in `data-for`, and the script selects it
//! for the reader's "View as" choice.
//!
//! This file is the marker-line scanner; the tabs' markup and the event-stream step are in
//! `markup.rs`, which readers a tab is for in `labels.rs`.

mod labels;
mod markup;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::config::{Audience, Role};
use labels::{label_views, split_label, unknown_view, view_of};
use markup::close_group;

/// The audiences and roles a tab may be for (from the config).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TabViews<'a> {
    pub(crate) audiences: &'a [Audience],
    pub(crate) roles: &'a [Role],
}

/// The tabs of one body, and the body pulldown-cmark reads (markers replaced).
#[derive(Debug, Default)]
pub(crate) struct Tabs {
    /// `None` when the body has no marker: it is read as written.
    pub(crate) body: Option<String>,
    pub(super) markers: Vec<Marker>,
    /// Problems, at offsets in the body as written, with the length to underline.
    pub(crate) problems: Vec<(usize, usize, Diagnostic)>,
}

#[derive(Debug)]
pub(super) struct Marker {
    /// Offset of the comment line in the body pulldown-cmark reads.
    pub(super) at: usize,
    pub(super) part: Part,
    pub(super) html: String,
}

/// What a marker line does.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    Open,
    /// A tab's start, with its label (text for search).
    Tab(String),
    Close,
}

pub(super) struct Tab {
    pub(super) label: String,
    pub(super) views: Vec<String>,
}

pub(super) const OPEN: &str = ":::tabs";
const CLOSE: &str = ":::";
const COMMENT: &str = "<!-- tabs -->";

/// Reads the tab markers of `body`.
pub(crate) fn find_tabs(body: &str, views: TabViews) -> Tabs {
    if !body.contains(OPEN) && !body.contains("\n=== ") && !body.starts_with("=== ") {
        return Tabs::default();
    }
    let mut tabs = Tabs::default();
    let mut out = String::with_capacity(body.len() + 64);
    let mut fence: Option<(char, usize)> = None;
    // The open group: where it opened (in the body as written), its tabs, the marker indexes.
    let mut group: Option<(usize, Vec<Tab>, Vec<usize>)> = None;
    let mut groups = 0usize;
    let mut written_at = 0usize;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let at = out.len();
        let line_at = written_at;
        written_at += line.len();
        if let Some(f) = fence_of(text) {
            fence = match fence {
                None => Some(f),
                Some((c, n)) if f.0 == c && f.1 >= n && text.trim().len() == f.1 => None,
                open => open,
            };
        }
        let trimmed = text.trim_end();
        let kind = if fence.is_some() {
            None
        } else if trimmed == OPEN || trimmed == "::: tabs" {
            Some(Kind::Open)
        } else if trimmed == CLOSE && group.is_some() {
            Some(Kind::Close)
        } else {
            trimmed
                .strip_prefix("=== ")
                .map(|rest| Kind::Tab(rest.trim()))
        };
        let Some(kind) = kind else {
            if let Some((_, tabs_so_far, _)) = &group {
                if tabs_so_far.is_empty() && !trimmed.is_empty() {
                    tabs.problems.push((line_at, trimmed.len().max(1), Diagnostic::error(Code::Tabs, "text between `:::tabs` and its first tab belongs to no tab")
                        .help("start the first tab with a line `=== \"Label\"` right after `:::tabs`, or move the text above it")));
                }
            }
            out.push_str(line);
            continue;
        };
        let marker = |out: &mut String, tabs: &mut Tabs, part: Part| -> usize {
            out.push_str(COMMENT);
            out.push_str(&line[text.len()..]);
            tabs.markers.push(Marker {
                at,
                part,
                html: String::new(),
            });
            tabs.markers.len() - 1
        };
        match kind {
            Kind::Open => {
                if group.is_some() {
                    tabs.problems.push((
                        line_at,
                        trimmed.len(),
                        Diagnostic::error(
                            Code::Tabs,
                            "`:::tabs` inside tabs: tabs cannot be nested",
                        )
                        .help("close the first group with a line `:::` before opening another"),
                    ));
                    out.push_str(line);
                    continue;
                }
                let i = marker(&mut out, &mut tabs, Part::Open);
                groups += 1;
                group = Some((line_at, Vec::new(), vec![i]));
            }
            Kind::Tab(rest) => {
                let Some((_, group_tabs, indexes)) = group.as_mut() else {
                    tabs.problems.push((line_at, trimmed.len(), Diagnostic::warning(Code::Tabs, "a tab line outside `:::tabs` is shown as text")
                        .help("put the tabs between a line `:::tabs` and a line `:::`, with each tab's text unindented below its `=== \"Label\"` line")));
                    out.push_str(line);
                    continue;
                };
                let (label, for_ids) = split_label(rest);
                if label.is_empty() {
                    tabs.problems.push((
                        line_at,
                        trimmed.len(),
                        Diagnostic::error(Code::Tabs, "a tab needs a label")
                            .help("write it after the marker: `=== \"For marketers\"`"),
                    ));
                }
                let mut tab_views = label_views(&label, views);
                for id in for_ids {
                    match view_of(id, views) {
                        Some(found) => tab_views.extend(found),
                        None => {
                            tabs.problems
                                .push((line_at, trimmed.len(), unknown_view(id, views)))
                        }
                    }
                }
                tab_views.dedup();
                indexes.push(marker(&mut out, &mut tabs, Part::Tab(label.clone())));
                group_tabs.push(Tab {
                    label,
                    views: tab_views,
                });
            }
            Kind::Close => {
                let i = marker(&mut out, &mut tabs, Part::Close);
                let (opened, group_tabs, indexes) = group.take().expect("a group is open");
                close_group(&mut tabs, groups, opened, group_tabs, &indexes, i);
            }
        }
    }
    if let Some((opened, group_tabs, indexes)) = group.take() {
        tabs.problems.push((
            opened,
            OPEN.len(),
            Diagnostic::error(Code::Tabs, "`:::tabs` is never closed")
                .help("end the tabs with a line `:::` after the last tab's text"),
        ));
        // Rendered closed at the end, so the rest of the page keeps its shape.
        if !out.ends_with('\n') {
            out.push('\n');
        }
        let at = out.len();
        out.push_str(COMMENT);
        out.push('\n');
        tabs.markers.push(Marker {
            at,
            part: Part::Close,
            html: String::new(),
        });
        let i = tabs.markers.len() - 1;
        close_group(&mut tabs, groups, opened, group_tabs, &indexes, i);
    }
    if !tabs.markers.is_empty() {
        tabs.body = Some(out);
    }
    tabs
}

enum Kind<'a> {
    Open,
    Tab(&'a str),
    Close,
}

/// A code fence's character and length, when `line` opens or closes one.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.len() - rest.trim_start_matches(c).len();
    (n >= 3).then_some((c, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_comment_lines_and_other_lines_stay() {
        let body = "Intro\n:::tabs\n=== \"A\"\nText [x](y)\n:::\nEnd";
        let tabs = find_tabs(body, TabViews::default());
        let read = tabs.body.as_deref().unwrap();
        assert_eq!(
            read,
            "Intro\n<!-- tabs -->\n<!-- tabs -->\nText [x](y)\n<!-- tabs -->\nEnd"
        );
        assert!(tabs.problems.is_empty());
        let marker = tabs.marker_at(read.find("<!--").unwrap()).unwrap();
        assert_eq!(marker.part, Part::Open);
        assert!(marker
            .html
            .starts_with("<div class=\"tabs\" id=\"tabs-1\">"));
        // An unclosed group is reported where it opened, and closed at the end.
        let tabs = find_tabs("A\n:::tabs\n=== B\nText", TabViews::default());
        assert_eq!(tabs.problems[0].0, 2);
        assert!(tabs.body.unwrap().ends_with("Text\n<!-- tabs -->\n"));
    }

    #[test]
    fn fenced_code_and_bodies_without_tabs_are_left_alone() {
        assert!(find_tabs("Just text\n", TabViews::default()).body.is_none());
        let body = "```\n:::tabs\n=== \"A\"\n:::\n```\n";
        assert!(find_tabs(body, TabViews::default()).body.is_none());
        let body = "~~~~\n```\n:::tabs\n~~~~\n:::tabs\n=== A\nx\n:::\n";
        let tabs = find_tabs(body, TabViews::default());
        assert_eq!(
            tabs.body
                .as_deref()
                .unwrap()
                .matches("<!-- tabs -->")
                .count(),
            3
        );
    }
}
