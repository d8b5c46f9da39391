//! `bridgebook check`: every problem in one run, in the three formats, with the right exit code.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::common::{bridgebook, fixture_path, repo_root, site, write};

fn check_problems(format: &str) -> (i32, String) {
    let output = bridgebook()
        .args(["check", "--format", format, "-r"])
        .arg(fixture_path("problems"))
        .output()
        .expect("runs");
    (
        output.status.code().expect("exited"),
        String::from_utf8(output.stdout).expect("utf-8"),
    )
}

#[test]
fn every_problem_is_reported_for_people() {
    let (code, out) = check_problems("human");
    assert_eq!(code, 1, "errors fail the check");
    insta::assert_snapshot!("check_human", out);
}

#[test]
fn every_problem_is_a_github_annotation() {
    let (code, out) = check_problems("github");
    assert_eq!(code, 1);
    assert!(
        out.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{out}"
    );
    insta::assert_snapshot!("check_github", out);
}

#[test]
fn every_problem_is_in_the_json_array() {
    let (code, out) = check_problems("json");
    assert_eq!(code, 1);
    let problems: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    let problems = problems.as_array().expect("an array");
    for field in [
        "path", "line", "column", "severity", "code", "message", "help",
    ] {
        assert!(
            problems.iter().all(|p| p.get(field).is_some()),
            "every problem has `{field}`"
        );
    }
    let codes: Vec<&str> = problems
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    for code in [
        "broken-link",
        "broken-anchor",
        "missing-image",
        "missing-file",
        "alias-collision",
        "duplicate-url",
        "template",
        "yaml-syntax",
        "unknown-audience",
        "unknown-role",
        "unknown-tag",
        "unknown-key",
        "bad-date",
        "stale-page",
        "missing-owner",
        "missing-audience",
        "orphan-page",
        "empty-section",
        "duplicate-title",
        "missing-alt",
        "skipped-heading",
    ] {
        assert!(codes.contains(&code), "{code} is reported: {codes:?}");
    }
    insta::assert_snapshot!("check_json", out);
}

#[test]
fn check_writes_no_site() {
    let dir = site(&[]);
    bridgebook()
        .args(["check", "-r"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(!dir.path().join("public").exists());
}

const GOOD_PAGE: &str = "---\ntitle: Good\naudience: [it]\nowner: web-team\n---\nBody.\n";
const HOME_LINKING: &str = "---\ntitle: Home\n---\nSee [good](good.md).\n";

#[test]
fn a_clean_site_checks_clean() {
    let dir = site(&[
        ("content/_index.md", HOME_LINKING),
        ("content/good.md", GOOD_PAGE),
    ]);
    bridgebook()
        .args(["check", "-r"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout("no problems in 1 pages, 1 sections\n");
}

#[test]
fn warnings_pass_unless_denied_and_config_sets_their_level() {
    let stale =
        "---\ntitle: Good\naudience: [it]\nowner: web-team\nreview_by: 2026-01-01\n---\nBody.\n";
    let dir = site(&[
        ("content/_index.md", HOME_LINKING),
        ("content/good.md", stale),
    ]);
    let run = |extra: &[&str]| {
        let out = bridgebook()
            .args(["check", "-r"])
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (code, out) = run(&[]);
    assert_eq!(code, 0, "warnings alone pass: {out}");
    assert!(
        out.contains("warning: review overdue by 263 days (owner: web-team) [stale-page]"),
        "{out}"
    );
    assert_eq!(
        run(&["--deny", "warnings"]).0,
        1,
        "--deny warnings fails on a warning"
    );

    let config = std::fs::read_to_string(dir.path().join("bridgebook.yaml")).unwrap();
    write(
        dir.path(),
        "bridgebook.yaml",
        &format!("{config}checks:\n  stale-page: error\n"),
    );
    let (code, out) = run(&[]);
    assert_eq!(code, 1, "raised to an error: {out}");
    assert!(out.contains("error: review overdue"), "{out}");

    write(
        dir.path(),
        "bridgebook.yaml",
        &format!("{config}checks:\n  stale-page: off\n"),
    );
    let (code, out) = run(&["--deny", "warnings"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "no problems in 1 pages, 1 sections\n")
    );

    write(
        dir.path(),
        "bridgebook.yaml",
        &format!("{config}checks:\n  stale-pages: off\n"),
    );
    let (code, out) = run(&[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("`stale-pages` is not a problem code that can be configured"),
        "{out}"
    );
    assert!(out.contains("did you mean \"stale-page\"?"), "{out}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    bridgebook()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    let empty = tempfile::TempDir::new().unwrap();
    bridgebook()
        .args(["check", "-r"])
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("there is no bridgebook.yaml"));
}

#[test]
fn the_shipped_handbook_checks_clean() {
    bridgebook()
        .args(["check", "--deny", "warnings", "-r"])
        .arg(repo_root())
        .assert()
        .success()
        .stdout(predicates::str::starts_with("no problems in"));
}

/// A local web server: `/ok` answers 200, `/gone` 404, `/no-head` refuses HEAD but answers GET.
fn link_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut request_line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut request_line).unwrap();
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let status = match request_line.split(' ').take(2).collect::<Vec<_>>()[..] {
                [_, "/ok"] => "200 OK",
                ["HEAD", "/no-head"] => "405 Method Not Allowed",
                ["GET", "/no-head"] => "200 OK",
                _ => "404 Not Found",
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
        }
    });
    (base, requests)
}

#[test]
fn external_links_are_checked_only_when_asked_and_cached() {
    let (base, requests) = link_server();
    let page = format!("---\ntitle: Good\naudience: [it]\nowner: web-team\n---\n[a]({base}/ok) [b]({base}/gone)\n[c]({base}/no-head) [a again]({base}/ok)\n");
    let dir = site(&[
        ("content/_index.md", HOME_LINKING),
        ("content/good.md", &page),
    ]);
    // The user's cache folder, not the site's: see: issue 18.
    let cache = tempfile::tempdir().unwrap();
    let bridgebook = || {
        let mut cmd = bridgebook();
        cmd.env("XDG_CACHE_HOME", cache.path());
        cmd
    };
    bridgebook()
        .args(["check", "-r"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "no network without --external"
    );
    let site_files = files_under(dir.path());

    let out = bridgebook()
        .args(["check", "--external", "--format", "json", "-r"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = problems.as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["code"], "broken-external-link");
    assert_eq!(problems[0]["line"], 6);
    assert!(problems[0]["message"]
        .as_str()
        .unwrap()
        .contains("/gone is broken: the server answered 404"));
    let first_run = requests.load(Ordering::SeqCst);

    bridgebook()
        .args(["check", "--external", "-r"])
        .arg(dir.path())
        .assert()
        .code(1);
    let second_run = requests.load(Ordering::SeqCst) - first_run;
    assert_eq!(
        second_run, 2,
        "only the broken link is asked again (HEAD, then GET)"
    );
    assert_eq!(
        files_under(dir.path()),
        site_files,
        "checking leaves the site folder as it was"
    );
    let cached = std::fs::read_to_string(cache.path().join("bridgebook/external-links.json"))
        .expect("the cache is in $XDG_CACHE_HOME/bridgebook");
    assert!(cached.contains(&format!("{base}/ok")), "{cached}");

    // Without XDG_CACHE_HOME, the cache is under ~/.cache.
    let home = tempfile::tempdir().unwrap();
    crate::common::bridgebook()
        .env_remove("XDG_CACHE_HOME")
        .env("HOME", home.path())
        .args(["check", "--external", "-r"])
        .arg(dir.path())
        .assert()
        .code(1);
    assert!(home
        .path()
        .join(".cache/bridgebook/external-links.json")
        .is_file());
    assert_eq!(files_under(dir.path()), site_files);
}

/// Every file under `dir` with its bytes, relative paths sorted.
fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The example workflow in docs/ is run as written, step by step, with the test binary
/// standing in for `./target/release/bridgebook`.
#[test]
fn the_example_pull_request_workflow_runs_as_written() {
    let text = std::fs::read_to_string(repo_root().join("docs/pr-check.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    let steps = workflow["jobs"]["check"]["steps"]
        .as_sequence()
        .expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert_eq!(runs.len(), 3, "build, check, preview: {runs:?}");
    assert!(steps
        .iter()
        .any(|s| s["uses"].as_str() == Some("actions/upload-artifact@v4")
            && s["with"]["path"].as_str() == Some("preview/")));
    let site = tempfile::TempDir::new().unwrap();
    crate::common::copy_dir(&repo_root().join("content"), &site.path().join("content"));
    std::fs::copy(
        repo_root().join("bridgebook.yaml"),
        site.path().join("bridgebook.yaml"),
    )
    .unwrap();
    // The checkout: a clone whose base branch is `origin/main`, with one change on top.
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(site.path())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q", "-b", "pr"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    let binary = assert_cmd::cargo::cargo_bin("bridgebook");
    for run in &runs[1..] {
        let command = run
            .replace("${{ github.event.pull_request.number }}", "42")
            .replace("${{ github.base_ref }}", "main")
            .replace("./target/release/bridgebook", &binary.display().to_string());
        let status = std::process::Command::new("bash")
            .args(["-c", &command])
            .current_dir(site.path())
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .status()
            .unwrap();
        assert!(status.success(), "`{command}` failed");
    }
    let home = std::fs::read_to_string(site.path().join("preview/index.html")).unwrap();
    assert!(
        home.contains("href=\"https://intranet.example.com/handbook-previews/pr-42/"),
        "links use the preview's sub-path"
    );
}

#[test]
fn an_alias_collision_points_at_the_alias_under_aliases_not_an_earlier_mention() {
    let dir = site(&[
        ("content/guide.md", "---\ntitle: Guide\n---\nThe guide.\n"),
        (
            "content/new-guide.md",
            "---\ntitle: New guide\ndescription: Replaces guide/ for everyone\naliases:\n  - guide/\n---\nSee [the old guide](guide.md).\n",
        ),
    ]);
    let out = bridgebook()
        .args(["check", "-r"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "content/new-guide.md:5:5: error: alias \"guide/\" is the address of an existing page"
        ),
        "{text}"
    );
}
