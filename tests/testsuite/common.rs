//! Helpers shared by the test modules: running the binary, fixture sites, reading output.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The real binary, with a fixed "today" so dates in output are deterministic.
pub fn bridgebook() -> Command {
    let mut cmd = Command::cargo_bin("bridgebook").expect("the binary is built by cargo test");
    cmd.env("SOURCE_DATE_EPOCH", "1790000000"); // 2026-09-21
    cmd.env_remove("NO_COLOR");
    cmd
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_path(name: &str) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(name)
}

/// A copy of a fixture site in a fresh tempdir, so tests may change it.
pub fn fixture(name: &str) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    copy_dir(&fixture_path(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture readable");
        let target = to.join(entry.path().strip_prefix(from).expect("under fixture"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A site written from `(path, contents)` pairs, on top of a minimal config.
pub fn site(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "bridgebook.yaml", MINIMAL_CONFIG);
    write(
        dir.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\nHello.\n",
    );
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

pub const MINIMAL_CONFIG: &str = "title: Test\naudiences:\n  - id: everyone\n    label: Everyone\n  - id: marketing\n    label: Marketing\n  - id: it\n    label: IT\nroles:\n  - id: cmo\n    label: CMO\n    audience: marketing\n";

pub fn write(root: &Path, path: &str, text: &str) {
    write_bytes(root, path, text.as_bytes());
}

pub fn write_bytes(root: &Path, path: &str, bytes: &[u8]) {
    let target = root.join(path);
    fs::create_dir_all(target.parent().expect("has parent")).expect("mkdir");
    fs::write(target, bytes).expect("write");
}

pub fn read(path: impl AsRef<Path>) -> String {
    fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.as_ref().display()))
}

/// The `<main>` region of a page: what the page says, without the shared chrome.
pub fn main_region(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}

/// Every file under `dir`, relative, sorted, `/`-separated.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// The shipped handbook, built once per test into a tempdir.
pub fn build_handbook() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("site");
    let output = bridgebook()
        .current_dir(repo_root())
        .args(["build", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (dir, out)
}

/// Runs `bridgebook build` in the site folder `dir`: its exit code and what it printed on
/// stderr (the problems).
pub fn build_in(dir: &Path) -> (Option<i32>, String) {
    let out = bridgebook()
        .current_dir(dir)
        .arg("build")
        .output()
        .expect("run bridgebook build");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
