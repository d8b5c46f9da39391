//! Reading tracks: ordered paths through the handbook ("IT basics for marketers: start here"),
//! declared under `tracks:` in `bridgebook.yaml`.
//!
//! The declarations parsed (ids checked with the config, steps checked against the tree, each
//! error at its line in `bridgebook.yaml`); the landing pages are `generated/tracks.rs`, the
//! "step 3 of 7" box on each page of a track `render/aware.rs`. Pure: values in, values and
//! diagnostics out.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::model::config::{Config, CONFIG_FILE};
use crate::model::tree::{PageId, SiteTree};
use crate::model::yaml::YamlDoc;

/// Where the track pages live: `tracks/` and `tracks/<id>/`.
pub(crate) const TRACKS_URL: &str = "tracks/";

/// A track whose steps all exist.
#[derive(Debug)]
pub(crate) struct Track {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) steps: Vec<PageId>,
}

impl Track {
    pub(crate) fn url(&self) -> String {
        format!("{TRACKS_URL}{}/", self.id)
    }
}

/// Resolves every step to its page; a step that names no page is an error at its line.
pub(crate) fn resolve_tracks(
    config: &Config,
    tree: &SiteTree,
    diagnostics: &mut Diagnostics,
) -> Vec<Track> {
    let doc = YamlDoc::whole_file(Path::new(CONFIG_FILE), &config.text);
    let known: Vec<&str> = tree.by_source.keys().map(String::as_str).collect();
    let mut tracks = Vec::new();
    for track in &config.tracks {
        let mut steps = Vec::with_capacity(track.pages.len());
        let mut seen = HashSet::new();
        for page in &track.pages {
            let path = page.trim_start_matches("content/");
            let (message, help) = match tree.by_source.get(path) {
                Some(&id) if seen.insert(id) => {
                    steps.push(id);
                    continue;
                }
                Some(_) => (
                    format!("track \"{}\" lists {page} twice", track.id),
                    "a track visits each page once: remove one of them".to_string(),
                ),
                None => (
                    format!(
                        "track \"{}\" names a page that does not exist: {page}",
                        track.id
                    ),
                    did_you_mean(path, "pages", &known).replace(
                        "no pages are declared",
                        "steps are paths relative to content/, e.g. `tech-basics/page-speed.md`",
                    ),
                ),
            };
            let (line, col) = step_position(&config.text, &track.id, page);
            let diag = Diagnostic::error(Code::Track, message).help(help);
            diagnostics.push(doc.diagnostic_at(diag, line, col, page.chars().count()));
        }
        tracks.push(Track {
            id: track.id.clone(),
            title: track.title.clone(),
            description: track.description.clone(),
            steps,
        });
    }
    tracks
}

/// The 0-based line and 1-based column of `page` inside the track `id` of the config text.
fn step_position(text: &str, id: &str, page: &str) -> (usize, usize) {
    let mut in_tracks = false;
    let mut current = String::new();
    let mut fallback = (0, 1);
    for (n, line) in text.lines().enumerate() {
        if !line.starts_with([' ', '-', '\t', '#']) && !line.trim().is_empty() {
            in_tracks = line.starts_with("tracks:");
            fallback = if in_tracks { (n, 1) } else { fallback };
        }
        if !in_tracks {
            continue;
        }
        let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
        if let Some(value) = trimmed.strip_prefix("id:") {
            current = value.trim().trim_matches(['"', '\'']).to_string();
        }
        if current == id {
            if let Some(col) = line.find(page) {
                return (n, line[..col].chars().count() + 1);
            }
        }
    }
    fallback
}

/// Which tracks each page is on: page -> (track, step index).
pub(crate) fn steps_by_page(tracks: &[Track]) -> HashMap<PageId, Vec<(usize, usize)>> {
    let mut map: HashMap<PageId, Vec<(usize, usize)>> = HashMap::new();
    for (t, track) in tracks.iter().enumerate() {
        for (i, &page) in track.steps.iter().enumerate() {
            map.entry(page).or_default().push((t, i));
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_step_inside_its_own_track() {
        let text = "title: T\ntracks:\n  - id: one\n    title: One\n    pages: [a.md, b.md]\n  - id: two\n    title: Two\n    pages:\n      - b.md\n";
        assert_eq!(step_position(text, "one", "b.md"), (4, 19));
        assert_eq!(step_position(text, "two", "b.md"), (8, 9));
        assert_eq!(step_position(text, "three", "b.md"), (1, 1));
    }
}
