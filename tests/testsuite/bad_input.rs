//! Bad input, as contributors write it: each case is a site with one mistake, and the exact
//! error `build` must print (file:line:col, message, code) and the fix it must suggest. Every
//! case must fail with exit code 1 and write nothing.

use crate::common::*;

struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static [u8])],
    /// The first line of the diagnostic, exactly.
    error: &'static str,
    /// Something the help line must say.
    help: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "broken yaml",
        files: &[("content/a.md", b"---\ntitle: Launches: a checklist\n---\nx\n")],
        error: "content/a.md:2:16: error: mapping values are not allowed in this context [yaml-syntax]",
        help: "must be quoted",
    },
    Case {
        name: "unterminated front matter",
        files: &[("content/a.md", b"---\ntitle: A\n\nBody text\n")],
        error: "content/a.md:1:1: error: the front matter is never closed [unterminated-front-matter]",
        help: "add a `---` line",
    },
    Case {
        name: "unknown key",
        files: &[("content/a.md", b"---\ntitle: A\nowner: it-platform\nreview-by: 2027-01-01\n---\n")],
        error: "content/a.md:4:1: error: unknown front matter key `review-by` [unknown-key]",
        help: "did you mean \"review_by\"?",
    },
    Case {
        name: "unknown audience",
        files: &[("content/tools/request.md", b"---\ntitle: Requests\ndescription: How to ask.\nowner: pmo\nweight: 3\ntags: [x]\naudience: [marketting]\n---\n")],
        error: "content/tools/request.md:7:12: error: unknown audience \"marketting\" [unknown-audience]",
        help: "did you mean \"marketing\"? known audiences: everyone, marketing, it",
    },
    Case {
        name: "unknown role",
        files: &[("content/a.md", b"---\ntitle: A\nroles:\n  - cmo\n  - cfo\n---\n")],
        error: "content/a.md:5:5: error: unknown role \"cfo\" [unknown-role]",
        help: "did you mean \"cmo\"?",
    },
    Case {
        name: "wrong type",
        files: &[("content/a.md", b"---\ntitle: A\nweight: first\n---\n")],
        error: "content/a.md:3:1: error: `weight` must be a whole number, found text [wrong-type]",
        help: "weight: 20",
    },
    Case {
        name: "invalid date",
        files: &[("content/a.md", b"---\ntitle: A\nreview_by: 2027-13-01\n---\n")],
        error: "content/a.md:3:12: error: `review_by` is not a valid date: \"2027-13-01\" [bad-date]",
        help: "YYYY-MM-DD",
    },
    Case {
        name: "invalid utf-8",
        files: &[("content/a.md", b"---\ntitle: A\n---\nCaf\xe9 au lait\n")],
        error: "content/a.md:4:4: error: the file is not valid UTF-8 text [invalid-utf8]",
        help: "save the file as UTF-8",
    },
    Case {
        name: "binary file named .md",
        files: &[("content/logo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")],
        error: "content/logo.md: error: this is a binary file, not Markdown text [binary-file]",
        help: "rename it",
    },
    Case {
        name: "two pages with the same url",
        files: &[("content/a.md", b"---\ntitle: A\n---\n"), ("content/b.md", b"---\ntitle: B\nslug: a\n---\n")],
        error: "content/b.md:1:1: error: this page and content/a.md both want the URL /a/ [duplicate-url]",
        help: "give one a different `slug`",
    },
    Case {
        name: "link to a missing page",
        files: &[("content/guide/a.md", b"---\ntitle: A\n---\nIntro.\n\nRead [the checklist](../launch/checklist.md) first.\n")],
        error: "content/guide/a.md:6:6: error: link to missing page `../launch/checklist.md` (looked for content/launch/checklist.md) [broken-link]",
        help: "links are relative to this page's folder",
    },
    // See: issue 17. The suggestion is the page that moved, written as this page's link.
    Case {
        name: "link to a page that moved",
        files: &[("content/guides/setup.md", b"---\ntitle: Setup\n---\n"), ("content/team/a.md", b"---\ntitle: A\n---\nSee [setup](../setup.md).\n")],
        error: "content/team/a.md:4:5: error: link to missing page `../setup.md` (looked for content/setup.md) [broken-link]",
        help: "did you mean `../guides/setup.md`?",
    },
    // See: issue 17. Another folder's index.md is not a suggestion for a missing index.md.
    Case {
        name: "link to a missing index with unrelated indexes around",
        files: &[("content/departments/sales/roles/index.md", b"---\ntitle: Roles\n---\n"), ("content/departments/sales/a.md", b"---\ntitle: A\n---\nSee [deploys](../../process/deployments/index.md).\n")],
        error: "content/departments/sales/a.md:4:5: error: link to missing page `../../process/deployments/index.md` (looked for content/process/deployments/index.md) [broken-link]",
        help: "= help: check the path: links are relative to this page's folder\n",
    },
    Case {
        name: "link to a missing anchor",
        files: &[("content/a.md", b"---\ntitle: A\n---\n## Approval\n"), ("content/b.md", b"---\ntitle: B\n---\nSee [approval](a.md#aproval).\n")],
        error: "content/b.md:4:5: error: `a.md` has no heading with id `#aproval` [broken-anchor]",
        help: "did you mean `#approval`?",
    },
    Case {
        name: "template error in a site override",
        files: &[("themes/default/templates/page.html", b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }</h1>\n{% endblock main %}\n"), ("content/a.md", b"---\ntitle: A\n---\n")],
        error: "themes/default/templates/page.html:3:19: error: template error: Failed to parse 'page.html': expected",
        help: "fix `page.html` in your theme",
    },
    Case {
        name: "unknown config key",
        files: &[("bridgebook.yaml", b"title: T\ndescripton: x\n")],
        error: "bridgebook.yaml:2:1: error: unknown key `descripton` [unknown-key]",
        help: "did you mean \"description\"?",
    },
    Case {
        name: "listing pages of no entries",
        files: &[("bridgebook.yaml", b"title: T\nlist_page_size: 0\n")],
        error: "bridgebook.yaml:2:1: error: list_page_size must be at least 1 [config]",
        help: "default of 100 pages per listing page",
    },
];

#[test]
fn every_bad_input_gets_a_clear_error_and_writes_nothing() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = site(&[]);
        for (path, bytes) in case.files {
            write_bytes(site.path(), path, bytes);
        }
        let output = bridgebook()
            .current_dir(site.path())
            .arg("build")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("");
        let ok = output.status.code() == Some(1)
            && first.starts_with(case.error)
            && stderr.contains(case.help)
            && !site.path().join("public").exists();
        if !ok {
            failures.push(format!(
                "{}: exit {:?}\n  expected: {}\n  help: {}\n  got:\n{stderr}",
                case.name,
                output.status.code(),
                case.error,
                case.help
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_problems_are_reported_together_with_a_count() {
    let site = site(&[
        ("content/a.md", "---\ntitle: A\naudience: [sales]\n---\n"),
        ("content/b.md", "---\ntitle: B\nweight: x\n---\n"),
        ("content/c.md", "---\ntitle: C\n---\n[x](nope.md)\n"),
    ]);
    let output = bridgebook()
        .current_dir(site.path())
        .arg("build")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("content/a.md:3:12: error: unknown audience \"sales\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/b.md:3:1: error: `weight` must be a whole number"),
        "{stderr}"
    );
    assert!(stderr.contains("3 errors, 0 warnings"), "{stderr}");
    assert!(
        stderr.contains("  |\n3 | audience: [sales]\n  |            ^^^^^"),
        "shows the line and a caret:\n{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let site = site(&[("content/guide/a.md", "---\ntitle: A\n---\n")]);
    std::os::unix::fs::symlink("..", site.path().join("content/guide/loop")).unwrap();
    let output = bridgebook()
        .current_dir(site.path())
        .arg("build")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/guide/loop: error: this symlink points back into a folder that contains it [symlink-loop]"), "{stderr}");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = site(&[("content/a.md", "---\ntitle: First version\n---\n")]);
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    write(site.path(), "content/a.md", "---\ntitle: [broken\n---\n");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .code(1);
    assert!(read(site.path().join("public/a/index.html")).contains("First version"));
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("bridgebook-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}
