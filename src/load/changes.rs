//! Stage 1, load: what `check --changed REF` limits its rules to.
//!
//! One `git diff --merge-base REF` (the working tree against where the branch left REF, so a
//! pull request's own changes, committed or not) and one `git ls-files --others` (new files
//! not yet added). It returns, for each changed file under the site root, the line ranges it
//! now has that are new or changed; a new file counts whole. This module only reads.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _, Result};

pub(crate) use crate::model::changes::Changes;

pub(crate) fn changed_since(root: &Path, git_ref: &str) -> Result<Changes> {
    let diff = git(
        root,
        &[
            "diff",
            "--merge-base",
            git_ref,
            "--relative",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            "--",
            ".",
        ],
    )
    .with_context(|| format!("cannot compare the site with `{git_ref}`"))?;
    let mut changes = parse_diff(&diff);
    let untracked = git(
        root,
        &["ls-files", "--others", "--exclude-standard", "--", "."],
    )?;
    for file in untracked.lines().filter(|l| !l.is_empty()) {
        changes.files.insert(PathBuf::from(file), None);
    }
    Ok(changes)
}

fn git(root: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-c")
        .arg("core.quotePath=false")
        .args(args)
        .current_dir(root)
        .output()
        .context("cannot run git: --changed needs git installed")?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        bail!(
            "git {}: {}\n(--changed takes a ref git knows, e.g. origin/main; in CI fetch it first, with enough history to find where the branch started: git fetch origin main)",
            args[0],
            stderr.trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `git diff --unified=0` -> the new side's changed lines per file.
fn parse_diff(diff: &str) -> Changes {
    let mut changes = Changes::default();
    let mut current: Option<PathBuf> = None;
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            current = path.strip_prefix("b/").map(PathBuf::from);
            if let Some(path) = &current {
                changes.files.insert(path.clone(), Some(Vec::new()));
            }
        } else if let (Some(hunk), Some(path)) = (line.strip_prefix("@@ "), &current) {
            // `@@ -12,3 +14,5 @@`: five lines from 14 are new; `+14,0` is a deletion.
            let new = hunk
                .split_whitespace()
                .find_map(|part| part.strip_prefix('+'))
                .unwrap_or("");
            let (start, count) = match new.split_once(',') {
                Some((s, c)) => (s.parse().unwrap_or(0), c.parse().unwrap_or(0)),
                None => (new.parse().unwrap_or(0), 1),
            };
            if let (Some(Some(ranges)), true) = (changes.files.get_mut(path), count > 0) {
                ranges.push((start, start + count - 1));
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_new_sides_lines() {
        let diff = "diff --git a/content/a.md b/content/a.md\n--- a/content/a.md\n+++ b/content/a.md\n@@ -3 +3 @@\n-old\n+new\n@@ -10,0 +11,2 @@\n+x\n+y\n@@ -20,2 +22,0 @@\n-gone\n-gone\ndiff --git a/content/b.md b/content/b.md\n--- a/content/b.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-b\n";
        let changes = parse_diff(diff);
        let a = Path::new("content/a.md");
        assert_eq!(changes.files.len(), 1);
        assert_eq!(changes.files[a], Some(vec![(3, 3), (11, 12)]));
        assert!(changes.has_line(a, 12) && !changes.has_line(a, 13));
        assert!(!changes.has_file(Path::new("content/b.md")));
    }
}
