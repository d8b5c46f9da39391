//! Stage 5, write: the only stage that writes files.
//!
//! A build writes into a staging folder beside the output folder and swaps it in at the end,
//! so a failed build leaves the previous site untouched. It never deletes what it did not
//! create: an existing output folder must carry bridgebook's marker file, and the site root,
//! `content/` and their parents are refused outright.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

/// Present in every folder bridgebook writes; its absence means "not ours, do not touch".
pub(crate) const MARKER: &str = ".bridgebook-output";

pub(crate) struct Staging {
    final_dir: PathBuf,
    temp_dir: PathBuf,
    committed: bool,
}

/// Refuses output folders that would put the user's own files at risk.
pub(crate) fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let root = fs::canonicalize(root)
        .with_context(|| format!("cannot open the site folder {}", root.display()))?;
    let output_abs = absolute(output)?;
    let protected = [
        root.clone(),
        root.join("content"),
        root.join("static"),
        root.join("themes"),
        root.join("templates"),
    ];
    for dir in &protected {
        if output_abs == *dir || dir.starts_with(&output_abs) {
            bail!("refusing to write the site to {}: it is (or contains) {}, which holds your own files; choose another --output-dir, such as public/", output.display(), dir.display());
        }
    }
    if protected[1..].iter().any(|dir| output_abs.starts_with(dir)) {
        bail!("refusing to write the site inside {}: the build would read its own output; choose another --output-dir, such as public/", output.display());
    }
    if output_abs.is_dir()
        && !output_abs.join(MARKER).exists()
        && fs::read_dir(&output_abs)?.next().is_some()
    {
        bail!(
            "refusing to replace {}: it holds files that bridgebook did not write (no {MARKER} marker); empty it yourself or choose another --output-dir",
            output.display()
        );
    }
    if output_abs.exists() && !output_abs.is_dir() {
        bail!(
            "refusing to replace {}: it is a file, not a folder",
            output.display()
        );
    }
    Ok(())
}

/// `path` made absolute without requiring it to exist (its parent is canonicalized if it does).
fn absolute(path: &Path) -> Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut normal = PathBuf::new();
    for part in abs.components() {
        match part {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    Ok(fs::canonicalize(&normal).unwrap_or(normal))
}

/// Somewhere pages can be written: a staged build, or the live folder `serve` updates.
pub(crate) trait SiteWriter: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
}

impl SiteWriter for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }
}

/// A site folder that is being served while it changes. Each file is written beside its
/// final name and renamed over it, so a reader never gets half a page.
pub(crate) struct LiveSite {
    dir: PathBuf,
}

impl LiveSite {
    /// `dir` must be a finished build (it carries the marker).
    pub(crate) fn new(dir: &Path) -> io::Result<LiveSite> {
        if !dir.join(MARKER).is_file() {
            return Err(io::Error::other(format!(
                "{} is not a bridgebook build",
                dir.display()
            )));
        }
        Ok(LiveSite {
            dir: dir.to_path_buf(),
        })
    }
}

impl SiteWriter for LiveSite {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = join_inside(&self.dir, rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut temp = path.clone().into_os_string();
        temp.push(format!(".bridgebook-{}", std::process::id()));
        fs::write(&temp, bytes)?;
        fs::rename(&temp, &path)
    }
}

/// `dir/rel`, refusing `..` so nothing is written outside `dir`.
fn join_inside(dir: &Path, rel: &str) -> io::Result<PathBuf> {
    let mut path = dir.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("refusing to write outside the site: {rel}"),
                ))
            }
            part => path.push(part),
        }
    }
    Ok(path)
}

impl Staging {
    pub(crate) fn create(root: &Path, output: &Path) -> Result<Staging> {
        check_output_dir(root, output)?;
        let final_dir = absolute(output)?;
        let parent = final_dir
            .parent()
            .context("the output folder has no parent folder")?;
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = final_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp_dir = parent.join(format!(".{name}.bridgebook-tmp-{}", std::process::id()));
        if temp_dir.exists() {
            fs::remove_dir_all(&temp_dir)?;
        }
        fs::create_dir_all(&temp_dir)
            .with_context(|| format!("cannot create {}", temp_dir.display()))?;
        fs::write(
            temp_dir.join(MARKER),
            "This folder is written by bridgebook; `bridgebook build` replaces it.\n",
        )?;
        Ok(Staging {
            final_dir,
            temp_dir,
            committed: false,
        })
    }

    /// Writes `bytes` to `rel` (a `/`-separated path inside the site), creating folders.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path_for(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)
    }

    pub(crate) fn copy(&self, source: &Path, rel: &str) -> io::Result<()> {
        let path = self.path_for(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(source, path).map(|_| ())
    }

    /// Whether `rel` has been written (or copied) into the staging folder.
    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.path_for(rel).is_ok_and(|path| path.is_file())
    }

    fn path_for(&self, rel: &str) -> io::Result<PathBuf> {
        join_inside(&self.temp_dir, rel)
    }

    /// Swaps the staged site in for the old one.
    pub(crate) fn commit(mut self) -> Result<()> {
        let old = self.temp_dir.with_file_name(format!(
            ".{}.bridgebook-old-{}",
            self.final_dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy(),
            std::process::id()
        ));
        let had_old = self.final_dir.exists();
        if had_old {
            fs::rename(&self.final_dir, &old).with_context(|| {
                format!(
                    "cannot move the old site out of {}",
                    self.final_dir.display()
                )
            })?;
        }
        if let Err(err) = fs::rename(&self.temp_dir, &self.final_dir) {
            if had_old {
                let _ = fs::rename(&old, &self.final_dir);
            }
            return Err(err).with_context(|| {
                format!("cannot move the new site into {}", self.final_dir.display())
            });
        }
        self.committed = true;
        if had_old {
            // Only ever the folder we just moved aside, which carried our marker.
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.temp_dir);
        }
    }
}

/// Writes `check --external`'s link cache back to the user's cache folder. A cache that
/// cannot be written only makes the next run slower, so failing is silent.
pub(crate) fn write_link_cache(path: &Path, cache: &crate::model::link_cache::LinkCache) {
    if let (Some(dir), Ok(bytes)) = (path.parent(), serde_json::to_vec_pretty(cache)) {
        let _ = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(path, bytes));
    }
}
