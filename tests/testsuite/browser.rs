//! Runs the browser scenarios in tests/browser/ (Node + playwright-core driving Debian's
//! headless chromium) and reads their JSON result.
//!
//! When chromium, node or the npm packages are missing, a browser test is skipped with a
//! message on a developer's machine, and fails under CI (`CI=true`): CI must never pass by
//! silently running no browser test. `.ci/run` installs everything they need.

use std::path::Path;
use std::process::Command;

use crate::common::repo_root;

/// Runs `node tests/browser/<script> <args>`; `None` when the browser tools are missing
/// outside CI. Panics with the scenario's own message when it fails.
pub fn run_scenario(script: &str, args: &[&str]) -> Option<serde_json::Value> {
    let dir = repo_root().join("tests").join("browser");
    let chromium =
        std::env::var("BRIDGEBOOK_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing = [
        (!Path::new(&chromium).exists()).then(|| format!("chromium ({chromium})")),
        Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then(|| "node".to_string()),
        (!dir.join("node_modules/playwright-core").exists()).then(|| {
            "tests/browser/node_modules (run `npm ci --prefix tests/browser`)".to_string()
        }),
    ];
    let missing: Vec<String> = missing.into_iter().flatten().collect();
    if !missing.is_empty() {
        let message = format!("browser test {script} needs {}", missing.join(", "));
        if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
            panic!("{message}: CI must run browser tests (.ci/run installs them)");
        }
        eprintln!("SKIPPED: {message}");
        return None;
    }
    let output = Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let result: serde_json::Value = stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| {
            panic!(
                "{script} printed no result.\nstdout:\n{stdout}\nstderr:\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    assert!(
        output.status.success() && result["ok"] == true,
        "{script} failed: {}\n{}",
        result["message"],
        String::from_utf8_lossy(&output.stderr)
    );
    Some(result)
}
