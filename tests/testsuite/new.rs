//! `bridgebook new`: a scaffold that builds as it is.

use crate::common::*;

#[test]
fn a_new_site_builds_cleanly() {
    let dir = tempfile::TempDir::new().unwrap();
    bridgebook()
        .current_dir(dir.path())
        .args(["new", "handbook"])
        .assert()
        .success();
    let site = dir.path().join("handbook");
    let output = bridgebook()
        .current_dir(&site)
        .arg("build")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("built 3 pages, 3 sections"));
    let page = read(site.join("public/communication/writing-a-request/index.html"));
    assert!(page.contains("callout-tip"));
    assert!(read(site.join("public/glossary/index.html")).contains("id=\"dns\""));
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let site = site(&[]);
    bridgebook()
        .arg("new")
        .arg(site.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists and is not empty"));
}
