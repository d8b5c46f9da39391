//! Import: writing the new site. Everything goes into a staging folder inside the target
//! folder and is moved into place at the end, so a failed import leaves nothing half-written
//! and nothing is ever written outside the target folder.
//!
//! The target folder must be new, empty, or an earlier import whose files are unchanged (a
//! marker file lists them with a hash); anything else is refused with what to do.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context as _, Result};

pub(crate) const MARKER: &str = ".bridgebook-import";
pub(crate) const REPORT_FILE: &str = "import-report.md";
const STAGING: &str = ".bridgebook-import-staging";
/// What an import writes at the top of the folder (and replaces when importing again).
const OWNED: &[&str] = &["bridgebook.yaml", "content", "static", REPORT_FILE];

/// Files of an import, relative to its folder, with their hashes.
type Manifest = BTreeMap<String, u64>;

pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    files: Manifest,
}

impl Staging {
    /// Checks the target folder and opens a fresh staging folder inside it.
    pub(crate) fn open(out: &Path) -> Result<Staging> {
        check_target(out)?;
        let dir = out.join(STAGING);
        if dir.exists() {
            fs::remove_dir_all(&dir).with_context(|| format!("cannot remove {}", dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            files: Manifest::new(),
        })
    }

    /// The staging folder: a complete site once everything is written.
    pub(crate) fn root(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.path_for(rel)?;
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        self.files.insert(rel.to_string(), fnv1a(bytes));
        Ok(())
    }

    pub(crate) fn copy(&mut self, from: &Path, rel: &str) -> Result<()> {
        let bytes = fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
        self.write(rel, &bytes)
    }

    fn path_for(&self, rel: &str) -> Result<PathBuf> {
        let inside = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !inside || rel.is_empty() {
            bail!("refusing to write `{rel}`: it is not a path inside the new site");
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        Ok(path)
    }

    /// Moves the staged site into the target folder, replacing an earlier import's files.
    pub(crate) fn commit(self) -> Result<()> {
        for name in OWNED {
            let old = self.out.join(name);
            if old.is_dir() {
                fs::remove_dir_all(&old)
                    .with_context(|| format!("cannot replace {}", old.display()))?;
            } else if old.exists() {
                fs::remove_file(&old)
                    .with_context(|| format!("cannot replace {}", old.display()))?;
            }
            let new = self.dir.join(name);
            if new.exists() {
                fs::rename(&new, &old)
                    .with_context(|| format!("cannot move {} into place", old.display()))?;
            }
        }
        let manifest: String = self
            .files
            .iter()
            .map(|(path, hash)| format!("{hash:016x}\t{path}\n"))
            .collect();
        let marker = format!("# written by `bridgebook import`; lists the files it wrote, to import again safely\n{manifest}");
        fs::write(self.out.join(MARKER), marker)
            .with_context(|| format!("cannot write {}", self.out.join(MARKER).display()))?;
        fs::remove_dir_all(&self.dir)
            .with_context(|| format!("cannot remove {}", self.dir.display()))?;
        Ok(())
    }

    /// Removes the staging folder (and the target folder, if the import created it).
    pub(crate) fn discard(self, created: bool) {
        let _ = fs::remove_dir_all(&self.dir);
        if created {
            let _ = fs::remove_dir(&self.out);
        }
    }
}

/// The target may be missing, empty, or an earlier import nobody has edited since.
fn check_target(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        bail!(
            "{} is a file; choose a folder for the new site with -o",
            out.display()
        );
    }
    let mut entries =
        fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
    if entries.next().is_none() {
        return Ok(());
    }
    let marker = out.join(MARKER);
    let Ok(text) = fs::read_to_string(&marker) else {
        bail!(
            "{} is not empty and is not an earlier import; choose a new folder (`-o NEW`), or empty this one",
            out.display()
        );
    };
    let manifest: Manifest = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(hash, path)| Some((path.to_string(), u64::from_str_radix(hash, 16).ok()?)))
        .collect();
    let mut changed = Vec::new();
    for (path, hash) in &manifest {
        match fs::read(out.join(path)) {
            Ok(bytes) if fnv1a(&bytes) == *hash => {}
            Ok(_) => changed.push(format!("{path} (edited)")),
            Err(_) => changed.push(format!("{path} (removed)")),
        }
    }
    for dir in ["content", "static"] {
        for entry in walkdir::WalkDir::new(out.join(dir))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if !manifest.contains_key(&rel) {
                changed.push(format!("{rel} (added)"));
            }
        }
    }
    if !changed.is_empty() {
        changed.truncate(5);
        bail!(
            "{} holds an earlier import that was changed since ({}); importing again would lose those changes: import into a new folder (`-o NEW`) and compare, or remove {} first",
            out.display(),
            changed.join(", "),
            out.display()
        );
    }
    Ok(())
}

/// FNV-1a, 64 bits: enough to notice that a file was edited since the import.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The starting `bridgebook.yaml`: the source's title, one audience, roles left to declare,
/// and the problem codes relaxed so the site builds while the team fixes what was broken.
pub(crate) fn config_text(
    title: &str,
    description: Option<&str>,
    source: &str,
    relaxed: &[(String, usize)],
    values: &BTreeMap<String, String>,
) -> String {
    let quote = |s: &str| {
        serde_yaml::to_string(s)
            .unwrap_or_default()
            .trim_end()
            .to_string()
    };
    let mut text = format!(
        "# Written by `bridgebook import` from {source}. Edit it freely: the README lists every key.\ntitle: {}\n",
        quote(title)
    );
    if let Some(description) = description {
        text.push_str(&format!("description: {}\n", quote(description.trim())));
    }
    text.push_str(
        "audiences:\n  - id: everyone\n    label: Everyone\n    description: Everyone who reads the handbook\n\
         # Declare the audiences and roles of your teams, then tag pages with them, e.g.\n\
         #  - id: marketing\n#    label: Marketing\n# roles:\n#  - id: web-team\n#    label: Web team\n#    audience: it\n",
    );
    if !values.is_empty() {
        text.push_str("# The source's site parameters its pages used (`{{% param x %}}`), now shared values:\n# pages say `{{ x }}`. Change one here and every page that shows it follows.\nvalues:\n");
        for (name, value) in values {
            text.push_str(&format!("  {name}: {}\n", quote(value)));
        }
    }
    if !relaxed.is_empty() {
        text.push_str("# The source had these problems already (import-report.md lists them). They are\n# warnings so the site builds while you fix them; remove each line once they are fixed.\nchecks:\n");
        for (code, n) in relaxed {
            text.push_str(&format!(
                "  {code}: warning   # {n} in the imported pages\n"
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_folders_it_did_not_write_and_edited_imports() {
        let dir = tempfile::TempDir::new().unwrap();
        let out = dir.path().join("site");
        let mut staging = Staging::open(&out).unwrap();
        staging
            .write("content/_index.md", b"---\ntitle: Home\n---\n")
            .unwrap();
        assert!(staging.write("../escape.md", b"x").is_err());
        assert!(staging.write("/abs.md", b"x").is_err());
        staging.commit().unwrap();
        assert!(out.join("content/_index.md").is_file() && !out.join(STAGING).exists());
        // An unchanged earlier import may be replaced.
        Staging::open(&out).unwrap().discard(false);
        fs::write(out.join("content/_index.md"), "edited").unwrap();
        let err = Staging::open(&out).err().unwrap().to_string();
        assert!(err.contains("content/_index.md (edited)"), "{err}");
        let other = dir.path().join("other");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("notes.txt"), "mine").unwrap();
        let err = Staging::open(&other).err().unwrap().to_string();
        assert!(
            err.contains("is not empty and is not an earlier import"),
            "{err}"
        );
    }

    #[test]
    fn the_config_names_the_relaxed_checks() {
        let values =
            BTreeMap::from([("github_repo".to_string(), "https://x.example/r".to_string())]);
        let text = config_text(
            "TTS: Handbook",
            None,
            "../x",
            &[("broken-link".into(), 3)],
            &values,
        );
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(value["title"], "TTS: Handbook");
        assert_eq!(value["checks"]["broken-link"], "warning");
        assert_eq!(value["values"]["github_repo"], "https://x.example/r");
        assert_eq!(value["audiences"][0]["id"], "everyone");
    }
}
