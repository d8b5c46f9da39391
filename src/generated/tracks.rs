//! `tracks/` and one landing page per reading track, listing its steps in order. Pure:
//! returns `(path, html)`.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::generated::{GeneratedContext, GeneratedInput};
use crate::model::tracks::{Track, TRACKS_URL};
use crate::render::context::PageLink;
use crate::render::links::root_prefix;

/// A track's landing page: its steps in order.
#[derive(Serialize)]
pub(crate) struct TrackView<'a> {
    pub(crate) id: &'a str,
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) url: String,
    pub(crate) steps: Vec<PageLink<'a>>,
}

#[derive(Serialize)]
struct TracksOwn<'a> {
    tracks: Vec<TrackView<'a>>,
}

#[derive(Serialize)]
struct TrackOwn<'a> {
    track: TrackView<'a>,
}

/// `tracks/` and one landing page per track, listing its steps in order.
pub(crate) fn render_tracks(input: &GeneratedInput) -> Result<Vec<(String, String)>, Diagnostic> {
    let tracks = &input.aware.tracks;
    if tracks.is_empty() {
        return Ok(Vec::new());
    }
    let view = |t| track_view(input, t);
    let mut out = Vec::new();
    let root = root_prefix(input.config, 1);
    let context = GeneratedContext {
        site: &input.site,
        root: &root,
        page: input.generated_view(
            "Reading tracks",
            Some("Ordered paths through the handbook: start at step 1 and follow the links."),
            TRACKS_URL,
            "",
        ),
        nav: &input.nav,
        own: TracksOwn {
            tracks: tracks.iter().map(view).collect(),
        },
    };
    let out_path = format!("{TRACKS_URL}index.html");
    out.extend(
        input
            .render_generated_page("tracks.html", &out_path, &context, None)?
            .map(|html| (out_path, html)),
    );
    let root = root_prefix(input.config, 2);
    for track in tracks {
        let url = track.url();
        let description = (!track.description.is_empty()).then_some(track.description.as_str());
        let context = GeneratedContext {
            site: &input.site,
            root: &root,
            page: input.generated_view(&track.title, description, &url, ""),
            nav: &input.nav,
            own: TrackOwn { track: view(track) },
        };
        let out_path = format!("{url}index.html");
        out.extend(
            input
                .render_generated_page("track.html", &out_path, &context, None)?
                .map(|html| (out_path, html)),
        );
    }
    Ok(out)
}

fn track_view<'a>(input: &GeneratedInput<'a>, t: &'a Track) -> TrackView<'a> {
    TrackView {
        id: &t.id,
        title: &t.title,
        description: &t.description,
        url: t.url(),
        steps: t.steps.iter().map(|&p| input.link(p)).collect(),
    }
}
