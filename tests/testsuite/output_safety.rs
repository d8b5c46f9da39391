//! `build` never deletes what it did not create.

use crate::common::*;

#[test]
fn refuses_an_output_folder_with_files_it_did_not_write() {
    let site = site(&[]);
    write(site.path(), "public/notes.txt", "my notes");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "holds files that bridgebook did not write",
        ));
    assert_eq!(read(site.path().join("public/notes.txt")), "my notes");
}

#[test]
fn refuses_the_site_root_and_content_folder() {
    let site = site(&[]);
    for out in [".", "content", "..", "content/sub"] {
        let assert = bridgebook()
            .current_dir(site.path())
            .args(["build", "-o", out])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains("refusing to write"), "{out}: {stderr}");
    }
    assert!(site.path().join("content/_index.md").exists());
}

#[test]
fn replaces_its_own_previous_output() {
    let site = site(&[("content/a.md", "---\ntitle: A\n---\n")]);
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    std::fs::remove_file(site.path().join("content/a.md")).unwrap();
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    assert!(
        !site.path().join("public/a/index.html").exists(),
        "a removed page is gone from the new build"
    );
    assert!(site.path().join("public/index.html").exists());
}

#[test]
fn a_missing_config_is_a_usage_error() {
    let dir = tempfile::TempDir::new().unwrap();
    bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("there is no bridgebook.yaml"));
}
