//! The tabs' markup, and the step of pulldown-cmark's event stream that writes it: each group's
//! HTML (tab list, panels, labels, `data-for`) is made once its `:::` is read, and
//! [`Tabs::events`] puts it in place of the comment line each marker left in the body.
//!
//! Apart from the marker-line scanner because it is the HTML side: the scanner reads lines of
//! Markdown before pulldown-cmark sees them; this works on the events after.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Marker, Part, Tab, Tabs, OPEN};
use crate::diagnostic::{Code, Diagnostic};
use crate::html::escape_html as escape;

/// Fills in the markup of one closed group's markers.
pub(super) fn close_group(
    tabs: &mut Tabs,
    group: usize,
    opened: usize,
    group_tabs: Vec<Tab>,
    indexes: &[usize],
    close: usize,
) {
    if group_tabs.is_empty() {
        tabs.problems.push((
            opened,
            OPEN.len(),
            Diagnostic::error(Code::Tabs, "`:::tabs` has no tab")
                .help("give each tab a line `=== \"Label\"` followed by its text"),
        ));
    }
    let id = format!("tabs-{group}");
    let names: Vec<&str> = group_tabs.iter().map(|t| t.label.as_str()).collect();
    let mut open = format!(
        "<div class=\"tabs\" id=\"{id}\">\n<div class=\"tab-list\" role=\"tablist\" aria-label=\"{}\">",
        escape(&names.join(" / "))
    );
    for (n, tab) in group_tabs.iter().enumerate() {
        let first = n == 0;
        open.push_str(&format!(
            "<button type=\"button\" role=\"tab\" id=\"{id}-{n}\" aria-controls=\"{id}-{n}-panel\" aria-selected=\"{first}\" tabindex=\"{}\"{}>{}</button>",
            if first { "0" } else { "-1" },
            if tab.views.is_empty() {
                String::new()
            } else {
                format!(" data-for=\"{}\"", escape(&tab.views.join(" ")))
            },
            escape(&tab.label)
        ));
    }
    open.push_str("</div>\n");
    tabs.markers[indexes[0]].html = open;
    for (n, &marker) in indexes[1..].iter().enumerate() {
        let end = if n == 0 { "" } else { "</div>\n" };
        tabs.markers[marker].html = format!(
            "{end}<div class=\"tab-panel\" id=\"{id}-{n}-panel\" data-tab=\"{id}-{n}\">\n<div class=\"tab-label\">"
        );
    }
    let end = if group_tabs.is_empty() {
        "</div>\n"
    } else {
        "</div>\n</div>\n"
    };
    tabs.markers[close].html = end.to_string();
}

impl Tabs {
    /// The markers' markup put into `events` (pulldown-cmark's, with their offsets) in place
    /// of the comment lines. A group is one HTML block from `:::tabs` to `:::`, so the steps
    /// after this one see it as a block that holds the tabs' content.
    pub(crate) fn events<'a, I>(&'a self, events: I) -> TabEvents<'a, I>
    where
        I: Iterator<Item = (Event<'a>, Range<usize>)>,
    {
        TabEvents {
            tabs: self,
            events,
            queue: VecDeque::new(),
        }
    }

    pub(super) fn marker_at(&self, pos: usize) -> Option<&Marker> {
        let i = self.markers.binary_search_by_key(&pos, |m| m.at).ok()?;
        Some(&self.markers[i])
    }
}

/// The event stream with each tab marker's comment block replaced by its markup.
pub(crate) struct TabEvents<'a, I> {
    tabs: &'a Tabs,
    events: I,
    queue: VecDeque<(Event<'a>, Range<usize>)>,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for TabEvents<'a, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(queued) = self.queue.pop_front() {
            return Some(queued);
        }
        let (event, range) = self.events.next()?;
        let marker = match &event {
            Event::Start(Tag::HtmlBlock) => self.tabs.marker_at(range.start),
            _ => None,
        };
        let Some(marker) = marker else {
            return Some((event, range));
        };
        // The comment itself, up to the end of its block.
        for (e, _) in self.events.by_ref() {
            if matches!(e, Event::End(TagEnd::HtmlBlock)) {
                break;
            }
        }
        let html = |s: &'a str| (Event::Html(CowStr::Borrowed(s)), range.clone());
        match &marker.part {
            Part::Open => {
                self.queue.push_back(html(&marker.html));
                Some((event, range))
            }
            Part::Tab(label) => {
                // The label as a paragraph of text (search reads it) in its `div`.
                for event in [
                    Event::Start(Tag::Paragraph),
                    Event::Text(label.as_str().into()),
                    Event::End(TagEnd::Paragraph),
                    Event::Html("</div>\n".into()),
                ] {
                    self.queue.push_back((event, range.clone()));
                }
                Some(html(&marker.html))
            }
            Part::Close => {
                self.queue
                    .push_back((Event::End(TagEnd::HtmlBlock), range.clone()));
                Some(html(&marker.html))
            }
        }
    }
}
