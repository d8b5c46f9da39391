//! `bridgebook import`: small handbooks written for MkDocs, Docusaurus, Hugo and Jekyll
//! (tests/fixtures/import/) become sites that build, with what was converted, left and dropped
//! in the import report at lines that are true.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::common::*;

/// Runs `bridgebook import SOURCE -o OUT` with more arguments.
pub(crate) fn run_import(source: &Path, out: &Path, more: &[&str]) -> std::process::Output {
    bridgebook()
        .arg("import")
        .arg(source)
        .arg("-o")
        .arg(out)
        .args(more)
        .output()
        .unwrap()
}

/// Imports a fixture handbook into a fresh folder; returns the tempdir and the new site.
pub(crate) fn import_fixture(name: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let site = dir.path().join("site");
    let source = fixture_path("import").join(name);
    let output = run_import(&source, &site, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("import-report.md"), "{stdout}");
    (dir, site)
}

/// Builds the imported site; it must build without errors.
pub(crate) fn build(site: &Path) -> String {
    let output = bridgebook()
        .arg("build")
        .arg("-r")
        .arg(site)
        .arg("-o")
        .arg(site.join("public"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The body of a page (what follows its front matter).
pub(crate) fn body_of(text: &str) -> &str {
    let rest = text
        .strip_prefix("---\n")
        .expect("imported pages start with front matter");
    let end = rest.find("\n---\n").expect("front matter is closed");
    &rest[end + 5..]
}

/// Template openers in every page body of a site: `{%` and `{{` (Liquid), or with `hugo`,
/// `{{<` and `{{%` (Hugo's shortcodes; it leaves other `{{` alone).
pub(crate) fn openers_in_bodies(site: &Path, hugo: bool) -> usize {
    walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let text = read(e.path());
            let body = body_of(&text);
            if hugo {
                body.matches("{{<").count() + body.matches("{{%").count()
            } else {
                body.matches("{%").count() + body.matches("{{").count()
            }
        })
        .sum()
}

/// The report's own total of openers left in page bodies.
pub(crate) fn reported_openers(report: &str) -> usize {
    let line = report
        .lines()
        .find(|l| l.starts_with("Template openers"))
        .expect("report has the openers line");
    let total = line.rsplit("= ").next().unwrap().trim_end_matches('.');
    total.parse().unwrap()
}

/// Every `- content/x.md:N: \`text\`` entry the report lists under "left in place" and "kept as
/// text" names a line that holds that text. Returns how many entries were checked.
pub(crate) fn report_lines_are_true(site: &Path, report: &str) -> usize {
    let mut checked = 0;
    let mut section = "";
    for line in report.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            section = title;
            continue;
        }
        let listed = section.starts_with("Left in place")
            || section.starts_with("Template syntax kept as text");
        let Some(rest) = line.strip_prefix("- content/").filter(|_| listed) else {
            continue;
        };
        let (file, rest) = rest.split_once(':').unwrap();
        let (n, text) = rest.split_once(": `").unwrap();
        let n: usize = n.parse().unwrap();
        let text = text.trim_end_matches('`').trim_end_matches(" ...");
        let probe: String = text.chars().take(25).collect();
        let page = read(site.join("content").join(file));
        let actual = page
            .lines()
            .nth(n - 1)
            .unwrap_or_else(|| panic!("{file} has no line {n}"))
            .replace('`', "'");
        assert!(
            actual.contains(&probe),
            "report says {file}:{n} holds `{probe}`, the line is `{actual}`"
        );
        checked += 1;
    }
    checked
}

#[test]
fn an_mkdocs_handbook_keeps_its_order_admonitions_and_anchors() {
    let (_dir, site) = import_fixture("mkdocs");
    let config = read(site.join("bridgebook.yaml"));
    assert!(
        config.contains("title: Northwind Team Handbook"),
        "{config}"
    );
    assert!(config.contains("- id: everyone"), "{config}");
    let requests = read(site.join("content/working-together/requests.md"));
    assert!(requests.starts_with("---\ntitle: Asking the web team for help\naudience:\n- everyone\ntags:\n- requests\n- onboarding\nweight: 10\nowner: web-team\n---\n"), "{requests}");
    assert!(requests.contains("> [!TIP]\n> **Before you ask**\n>\n> Check the [laptop guide](../tools/laptops.md) first"), "{requests}");
    assert!(
        requests.contains("> [!WARNING]\n> Never paste passwords"),
        "{requests}"
    );
    assert!(
        requests.contains("```markdown\n!!! note\n"),
        "an example in a code block stays an example"
    );
    // README.md is the section page; its folder's order and title come from `nav:`.
    assert!(read(site.join("content/working-together/_index.md"))
        .contains("title: Working together\naudience:\n- everyone\nweight: 10\n"));
    assert!(read(site.join("content/tools/_index.md"))
        .contains("title: Tools\naudience:\n- everyone\nweight: 20\n"));
    // The title of a page without front matter comes from its h1.
    assert!(read(site.join("content/working-together/check-ins.md"))
        .starts_with("---\ntitle: Weekly check-ins\n"));
    // Python-Markdown's heading id is kept where bridgebook's would differ.
    assert!(read(site.join("content/tools/laptops.md")).contains("## Set_up & go {#set_up-go}\n"));
    // MkDocs' content tabs become a `:::tabs` group with unindented text (its admonition too).
    assert!(read(site.join("content/tools/laptops.md")).contains(":::tabs\n=== \"macOS\"\n\nSign in with your company account; the setup assistant does the rest.\n\n=== \"Windows\"\n\n> [!NOTE]\n> The first update takes about an hour: start it before lunch.\n\nSign in with your company account.\n:::\n"), "{}", read(site.join("content/tools/laptops.md")));
    assert!(site.join("content/tools/img/desk-map.png").is_file());
    let built = build(&site);
    assert!(built.starts_with("built 3 pages, 3 sections"), "{built}");
    let home = read(site.join("public/index.html"));
    assert!(
        home.contains("tools/laptops/#set_up-go"),
        "the link to the anchor resolves"
    );
    let laptops = read(site.join("public/tools/laptops/index.html"));
    assert!(laptops.contains("id=\"set_up-go\""));
    assert_eq!(
        laptops.matches("class=\"tab-panel\"").count(),
        2,
        "{laptops}"
    );
}

#[test]
fn a_docusaurus_handbook_drops_number_prefixes_and_lists_mdx_it_cannot_convert() {
    let (_dir, site) = import_fixture("docusaurus");
    // `slug: /` made the intro the home page; `01-` prefixes are gone; _category_ files name
    // and order the sections and are not copied.
    let home = read(site.join("content/_index.md"));
    assert!(home.starts_with("---\ntitle: Start here\n"), "{home}");
    assert!(
        home.contains("[your first day](onboarding/first-day.md)"),
        "{home}"
    );
    assert!(
        home.contains("> [!NOTE]\n> This handbook is edited"),
        "{home}"
    );
    assert!(read(site.join("content/onboarding/_index.md"))
        .contains("title: Your first weeks\naudience:\n- everyone\nweight: 20\n"));
    assert!(read(site.join("content/policies/_index.md"))
        .contains("title: Policies\naudience:\n- everyone\nweight: 30\n"));
    assert!(
        !site.join("content/01-onboarding").exists()
            && !site.join("content/policies/_category_.yml").exists()
    );
    let accounts = read(site.join("content/onboarding/accounts.md"));
    assert!(accounts.contains("> [!NOTE]\n> **Keep them apart**\n>\n> Work and personal accounts never mix.\n>\n> > [!CAUTION]\n> > Do not forward"), "{accounts}");
    assert!(
        accounts.contains("extra:\n  sidebar_label: Accounts you get\n"),
        "{accounts}"
    );
    let expenses = read(site.join("content/policies/expenses.md"));
    assert!(
        expenses.contains("tags:\n- Money\nweight: 20\nupdated: 2024-05-02\n"),
        "{expenses}"
    );
    assert!(read(site.join("content/policies/travel.md")).contains("draft: true\n"));
    let report = read(site.join("import-report.md"));
    assert!(
        report.contains("| left in place | `<Tabs>` | 1 |"),
        "{report}"
    );
    assert!(
        report.contains("| left in place | `MDX import/export` | 2 |"),
        "{report}"
    );
    assert_eq!(report_lines_are_true(&site, &report), 5);
    build(&site);
    // Old addresses keep working: /docs/onboarding/first-day/ redirects to the new page.
    let redirect = read(site.join("public/docs/onboarding/first-day/index.html"));
    assert!(redirect.contains("onboarding/first-day/"), "{redirect}");
    assert!(site.join("public/img/logo.png").is_file());
    assert!(
        !site.join("public/policies/travel/index.html").exists(),
        "a draft stays out"
    );
}

#[test]
fn a_hugo_handbook_converts_toml_alerts_and_refs_and_reports_tabs_and_params() {
    let (_dir, site) = import_fixture("hugo");
    let deploy = read(site.join("content/guides/deploy.md"));
    assert!(deploy.starts_with("---\ntitle: Deploying the website\naudience:\n- everyone\ntags:\n- web\n- deploys\nweight: 20\ndate: 2024-03-05\nupdated: 2024-06-01\naliases:\n- deploying\n- guides/old-deploy\nextra:\n  linkTitle: Deploy\n---\n"), "{deploy}");
    assert!(
        deploy.contains(
            "> [!WARNING]\n> **Freeze**\n>\n> No deploys during a campaign launch week.\n"
        ),
        "{deploy}"
    );
    assert!(
        deploy.contains("[roll back](rollback.md#first-steps)"),
        "{deploy}"
    );
    assert!(
        deploy.contains("write `{{< alert >}}`"),
        "an escaped shortcode is shown as written"
    );
    assert!(
        !deploy.contains("Reviewed by the web team"),
        "template comments are dropped"
    );
    assert!(
        deploy.contains(":::tabs\n=== \"Staging\"\n```\nRun the staging pipeline.\n```\n=== \"Production\"\n```\nRun the production pipeline.\n```\n:::\n"),
        "Docsy's tabs become bridgebook's, their text code as Docsy shows it: {deploy}"
    );
    // A site parameter becomes a shared value (issue 21), declared in the new config.
    assert!(
        deploy.contains("Ask in {{ support_channel }} first."),
        "{deploy}"
    );
    let config = read(site.join("bridgebook.yaml"));
    assert!(config.contains("values:\n  support_channel: "), "{config}");
    assert!(read(site.join("content/_index.md")).contains("[deploying](guides/deploy.md)"));
    assert!(read(site.join("content/guides/rollback.md"))
        .contains("## 10. What_went wrong? {#10-what_went-wrong}"));
    let report = read(site.join("import-report.md"));
    for row in [
        "| converted | `tabpane` | 1 |",
        "| converted | `param` | 1 |",
        "| converted | `alert` | 1 |",
        "| dropped | `comment` | 1 |",
        "| kept as text | `escaped shortcode` | 1 |",
    ] {
        assert!(report.contains(row), "{row}\n{report}");
    }
    assert_eq!(report_lines_are_true(&site, &report), 1);
    assert_eq!(openers_in_bodies(&site, true), reported_openers(&report));
    build(&site);
    assert!(
        read(site.join("public/deploying/index.html")).contains("guides/deploy/"),
        "the alias redirects"
    );
    assert!(read(site.join("public/guides/deploy/index.html")).contains("Ask in #help-web first."));
}

#[test]
fn a_jekyll_handbook_keeps_addresses_order_and_posts() {
    let (_dir, site) = import_fixture("jekyll");
    let on_call = read(site.join("content/team/on-call.md"));
    assert!(on_call.starts_with("---\ntitle: On call\naudience:\n- everyone\nweight: 20\nupdated: 2024-02-01\naliases:\n- pager\n- oncall.html\n---\n"), "{on_call}");
    assert!(
        on_call.contains("> [!WARNING]\n> Acknowledge a page within five minutes.\n"),
        "{on_call}"
    );
    assert!(
        on_call.contains("```shell\npager ack --all\n```"),
        "{on_call}"
    );
    assert!(
        on_call.contains("Write templates as `{{ page.title }}` in examples."),
        "{on_call}"
    );
    assert!(
        on_call.contains("[escalation steps](../escalation.md) and the [pager page](on-call.md)"),
        "{on_call}"
    );
    assert!(!on_call.contains("Rewrite this"), "{on_call}");
    assert!(read(site.join("content/_index.md"))
        .contains("Read [on call](team/on-call.md) and the [latest news](posts/new-pager.md)."));
    assert!(read(site.join("content/posts/new-pager.md")).contains("date: 2024-03-05\n"));
    assert!(read(site.join("content/retired.md")).contains("draft: true\n"));
    assert!(read(site.join("content/escalation.md"))
        .contains("tags:\n- ops\n- incidents\nweight: 10\n"));
    assert!(
        !site.join("content/drafts-notes.md").exists() && !site.join("content/README.md").exists()
    );
    let report = read(site.join("import-report.md"));
    assert!(
        report.contains("- `drafts-notes.md`: listed under `exclude`"),
        "{report}"
    );
    assert!(
        report.contains("| left in place | `include` | 1 |"),
        "{report}"
    );
    assert!(
        report.contains("| left in place | `kramdown {: }` | 1 |"),
        "{report}"
    );
    assert!(read(site.join("content/escalation.md"))
        .contains("> [!NOTE]\n> The duty manager's number is in the pager app.\n"));
    assert_eq!(report_lines_are_true(&site, &report), 3);
    assert_eq!(openers_in_bodies(&site, false), reported_openers(&report));
    build(&site);
    assert!(site.join("public/pager/index.html").is_file());
}

#[test]
fn import_writes_only_into_a_new_empty_or_earlier_import_folder() {
    let dir = TempDir::new().unwrap();
    let source = fixture_path("import").join("hugo");
    let site = dir.path().join("site");
    let run = |to: &Path| run_import(&source, to, &[]);
    assert!(run(&site).status.success());
    // An earlier import nobody edited is replaced.
    let again = run(&site);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(!site.join(".bridgebook-import-staging").exists());
    // An edited one is not: the edits would be lost.
    write(
        &site,
        "content/guides/rollback.md",
        "---\ntitle: Mine\n---\n",
    );
    let refused = run(&site);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("content/guides/rollback.md (edited)")
            && stderr.contains("import into a new folder"),
        "{stderr}"
    );
    assert_eq!(
        read(site.join("content/guides/rollback.md")),
        "---\ntitle: Mine\n---\n"
    );
    // A folder with other files is refused and left as it was.
    let other = dir.path().join("other");
    write(&other, "notes.txt", "mine");
    let refused = run(&other);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr)
        .contains("is not empty and is not an earlier import"));
    assert_eq!(fs::read_dir(&other).unwrap().count(), 1);
}

#[test]
fn import_says_how_to_name_an_unknown_generator() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "src/page.md", "# Page\n");
    let output = run_import(&dir.path().join("src"), &dir.path().join("out"), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot tell which generator")
            && stderr.contains("--from jekyll|eleventy|hugo|mkdocs|docusaurus"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
    // Named, it imports: a MkDocs site without mkdocs.yml keeps its pages in docs/.
    write(dir.path(), "src/docs/index.md", "# Home page\n\nHello.\n");
    let output = run_import(
        &dir.path().join("src"),
        &dir.path().join("out"),
        &["--from", "mkdocs"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(read(dir.path().join("out/content/_index.md")).starts_with("---\ntitle: Home page\n"));
}

#[test]
fn links_the_source_already_broke_are_relaxed_to_warnings_and_listed() {
    let dir = TempDir::new().unwrap();
    let src = dir.path().join("src");
    write(
        &src,
        ".eleventy.js",
        "module.exports = () => ({ dir: { input: \"pages\" } });\n",
    );
    write(&src, "pages/index.md", "---\ntitle: Home\n---\nSee [the runbook]({{ \"/runbook/\" | url }}) and {% image \"img/gone.png\" \"A chart\" %}.\n");
    let site = dir.path().join("site");
    let output = run_import(&src, &site, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("broken-link: 1 in the source, set to `warning`"),
        "{stdout}"
    );
    let config = read(site.join("bridgebook.yaml"));
    assert!(
        config.contains("checks:\n  broken-link: warning")
            && config.contains("  missing-image: warning"),
        "{config}"
    );
    let report = read(site.join("import-report.md"));
    assert!(
        report.contains("- content/_index.md:6: link to missing page `/runbook/`"),
        "{report}"
    );
    assert!(report.contains("### `missing-image` (1)"), "{report}");
    assert!(
        report.contains("## Links to pages the source does not have"),
        "{report}"
    );
    build(&site);
}
