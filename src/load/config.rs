//! Stage 1, load: `bridgebook.yaml` read from the site folder. Reads only; `model/config.rs`
//! parses and validates the text.

use std::path::Path;

use anyhow::{Context, Result};

use crate::model::config::CONFIG_FILE;

/// The text of the site's `bridgebook.yaml`; an error that says what to do when there is none.
pub(crate) fn read_config(root: &Path) -> Result<String> {
    let path = root.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            anyhow::bail!("there is no {CONFIG_FILE} in {}: run bridgebook in a site folder, pass one with --root, or create a site with `bridgebook new DIR`", root.display())
        }
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}
