//! Stage 1, load: when each content file last changed.
//!
//! In a git repository that is the date of the last commit that touched the file, found with
//! one `git log` process for the whole site (never one per page). Outside git, or for a file
//! git does not track, it is the file's modification time, clamped to `SOURCE_DATE_EPOCH` when
//! that is set so builds stay reproducible. No git, no repository, no readable mtime: no date,
//! never an error. This module only reads; it returns values.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::{DateTime, NaiveDate};

/// Last change of each of `files` (paths relative to `root`, like `content/a.md`).
pub(crate) fn last_changed<'a>(
    root: &Path,
    files: impl Iterator<Item = &'a Path>,
) -> HashMap<PathBuf, NaiveDate> {
    let committed = git_dates(root);
    let clamp = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let mut dates = HashMap::new();
    for file in files {
        let key = slash(file);
        let date = committed
            .get(&key)
            .copied()
            .or_else(|| modified(&root.join(file), clamp));
        if let Some(date) = date {
            dates.insert(file.to_path_buf(), date);
        }
    }
    dates
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn modified(path: &Path, clamp: Option<i64>) -> Option<NaiveDate> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let secs = i64::try_from(secs).ok()?;
    let secs = clamp.map_or(secs, |c| secs.min(c));
    Some(DateTime::from_timestamp(secs, 0)?.date_naive())
}

/// One `git log` over `content/`: path (relative to `root`) -> date of its newest commit.
fn git_dates(root: &Path) -> HashMap<String, NaiveDate> {
    let output = Command::new("git")
        .args([
            "-c",
            "core.quotePath=false",
            "log",
            "--format=%x00%ct",
            "--name-only",
            "--relative",
            "--no-renames",
            "--",
            "content",
        ])
        .current_dir(root)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    match output {
        Ok(out) if out.status.success() => parse_log(&String::from_utf8_lossy(&out.stdout)),
        _ => HashMap::new(),
    }
}

/// Parses `%x00%ct` + `--name-only` output; the log is newest first, so the first date seen
/// for a path is its last change.
fn parse_log(log: &str) -> HashMap<String, NaiveDate> {
    let mut dates = HashMap::new();
    for commit in log.split('\0').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(date) = lines
            .next()
            .and_then(|l| l.trim().parse::<i64>().ok())
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
        else {
            continue;
        };
        for path in lines.map(str::trim).filter(|l| !l.is_empty()) {
            dates
                .entry(path.to_string())
                .or_insert_with(|| date.date_naive());
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_wins() {
        let log = "\x001790000000\n\ncontent/a.md\n\x001700000000\n\ncontent/a.md\ncontent/b.md\n";
        let dates = parse_log(log);
        assert_eq!(dates["content/a.md"].to_string(), "2026-09-21");
        assert_eq!(dates["content/b.md"].to_string(), "2023-11-14");
    }

    #[test]
    fn no_repository_is_no_date_not_an_error() {
        let dir = std::env::temp_dir();
        let dates = last_changed(&dir, [Path::new("no-such-file.md")].into_iter());
        assert!(dates.is_empty());
    }
}
