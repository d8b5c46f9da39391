//! `bridgebook new DIR`: a small working site to start from.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context as _, Result};

use super::Outcome;
use crate::cli::NewArgs;

/// (path inside the new site, contents). Kept as real files so they are easy to read and edit.
const SCAFFOLD: &[(&str, &str)] = &[
    ("bridgebook.yaml", include_str!("scaffold/bridgebook.yaml")),
    ("content/_index.md", include_str!("scaffold/_index.md")),
    (
        "content/glossary.yaml",
        include_str!("scaffold/glossary.yaml"),
    ),
    (
        "content/communication/_index.md",
        include_str!("scaffold/communication/_index.md"),
    ),
    (
        "content/communication/writing-a-request.md",
        include_str!("scaffold/communication/writing-a-request.md"),
    ),
    (
        "content/communication/weekly-check-ins.md",
        include_str!("scaffold/communication/weekly-check-ins.md"),
    ),
    (
        "content/tech-basics/_index.md",
        include_str!("scaffold/tech-basics/_index.md"),
    ),
    (
        "content/tech-basics/what-is-dns.md",
        include_str!("scaffold/tech-basics/what-is-dns.md"),
    ),
];

pub(crate) fn run(args: NewArgs) -> Result<Outcome> {
    create_site(&args.dir)?;
    println!("created a new site in {}/", args.dir.display());
    println!("next: cd {} && bridgebook build", args.dir.display());
    Ok(Outcome::Success)
}

pub(crate) fn create_site(dir: &Path) -> Result<()> {
    if dir.exists()
        && fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_some()
    {
        bail!(
            "{} already exists and is not empty; choose a new folder name",
            dir.display()
        );
    }
    for (path, text) in SCAFFOLD {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&target, text).with_context(|| format!("cannot write {}", target.display()))?;
    }
    Ok(())
}
