//! The `tracks:` entries of `bridgebook.yaml` as written, and the checks that need nothing but
//! the config (model: pure). Resolving each step to its page needs the tree: `model/tracks.rs`.

use std::collections::HashSet;

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::yaml::YamlDoc;

/// One `tracks:` entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TrackConfig {
    pub(crate) id: String,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) description: String,
    /// Pages relative to `content/`, in reading order.
    pub(crate) pages: Vec<String>,
}

/// Ids are lowercase and unique, titles and step lists are not empty.
pub(crate) fn check_track_ids(
    doc: &YamlDoc,
    tracks: &[TrackConfig],
    diagnostics: &mut Diagnostics,
) {
    let mut seen = HashSet::new();
    for track in tracks {
        let id = track.id.as_str();
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let problem = if !valid {
            Some((
                format!("track id \"{id}\" must be lowercase letters, digits and `-`"),
                "the id is the track's address (tracks/<id>/): use e.g. `it-for-marketers`",
            ))
        } else if !seen.insert(id) {
            Some((
                format!("track id \"{id}\" is declared twice"),
                "give each track its own id",
            ))
        } else if track.title.trim().is_empty() {
            Some((
                format!("track \"{id}\" has an empty title"),
                "give the track a title readers will recognise",
            ))
        } else if track.pages.is_empty() {
            Some((
                format!("track \"{id}\" has no pages"),
                "list its pages in reading order: `pages: [start-here/what-this-handbook-is.md]`",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            let diag = Diagnostic::error(Code::Track, message).help(help);
            diagnostics.push(doc.at_value(diag, "tracks", id));
        }
    }
}
