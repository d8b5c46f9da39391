//! Mermaid diagrams (```` ```mermaid ````, issue 21): the figure a build writes, the script
//! written only when the site has a diagram, the text-alternative warning, and a reader's
//! browser drawing it in the light and dark theme, fetching nothing for it elsewhere, and
//! showing the source without JavaScript.

use crate::browser::run_scenario;
use crate::common::*;

const DIAGRAM: &str = "---\ntitle: Requests\n---\n\nHow a request moves:\n\n```mermaid\nflowchart LR\n  accTitle: A tool request, from asking to yes\n  accDescr: The asker writes the request, IT reviews it, and the tool is bought or a safer one suggested.\n  A[Ask] --> B{Review}\n  B -->|safe| C[Buy]\n  B -->|risky| D[Suggest another]\n```\n";

#[test]
fn a_diagram_is_a_figure_with_its_source_and_the_script_comes_only_with_one() {
    let dir = site(&[
        ("content/flow.md", DIAGRAM),
        ("content/plain.md", "---\ntitle: Plain\n---\nNo diagram.\n"),
    ]);
    bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    let out = dir.path().join("public");
    let html = read(out.join("flow/index.html"));
    let main = main_region(&html);
    assert!(main.contains("<figure class=\"diagram\" data-script=\"../mermaid/mermaid.min.js\"><pre class=\"code diagram-source\" tabindex=\"0\" data-lang=\"mermaid\" aria-label=\"Diagram: A tool request, from asking to yes, as text\"><code>flowchart LR\n"), "{main}");
    assert!(main.contains("A[Ask] --&gt; B{Review}"), "{main}");
    assert!(
        main.contains("<figcaption>A tool request, from asking to yes</figcaption></figure>"),
        "{main}"
    );
    // The script and its licence are in the site; no page links them itself.
    let script = std::fs::read(out.join("mermaid/mermaid.min.js")).unwrap();
    assert!(script.len() > 1_000_000, "the vendored build");
    assert!(read(out.join("mermaid/LICENSE")).contains("The MIT License"));
    let plain = read(out.join("plain/index.html"));
    assert!(!plain.contains("mermaid"), "{plain}");

    // A site without a diagram has no script at all.
    let dir = site(&[(
        "content/plain.md",
        "---\ntitle: Plain\n---\nText.\n\n```text\nmermaid\n```\n",
    )]);
    bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    assert!(!dir.path().join("public/mermaid").exists());
}

#[test]
fn a_diagram_without_a_text_alternative_is_a_warning_naming_its_line() {
    let dir = site(&[(
        "content/flow.md",
        "---\ntitle: F\n---\n\n```mermaid\ngraph TD\n  A --> B\n```\n",
    )]);
    let (code, stderr) = build_in(dir.path());
    assert_eq!(code, Some(0), "a warning never stops the build: {stderr}");
    assert!(stderr.contains("content/flow.md:5:1: warning: diagram has no text alternative, so screen readers cannot describe it [missing-alt]"), "{stderr}");
    assert!(stderr.contains("accTitle: What it shows"), "{stderr}");
}

#[test]
fn a_reader_sees_the_diagram_in_light_and_dark_and_other_pages_fetch_none_of_it() {
    let dir = site(&[
        ("content/flow.md", DIAGRAM),
        ("content/plain.md", "---\ntitle: Plain\n---\nNo diagram.\n"),
    ]);
    bridgebook()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    let out = dir.path().join("public");
    let Some(r) = run_scenario(
        "diagrams.mjs",
        &[out.to_str().unwrap(), "flow/", "plain/", ""],
    ) else {
        return;
    };
    for theme in ["light", "dark"] {
        let d = &r[theme];
        assert_eq!(d["svg"], true, "{theme}: {d}");
        assert_eq!(d["drawnAs"], theme);
        assert_eq!(d["sourceShown"], false, "{theme}");
        // Its words are the page's own text colour: it matches the theme.
        assert_eq!(d["textColor"], d["pageText"], "{theme}: {d}");
        assert_eq!(d["title"], "A tool request, from asking to yes");
        assert!(d["desc"].as_str().unwrap().starts_with("The asker writes"));
        assert!(d["labelledBy"].as_str().is_some_and(|id| !id.is_empty()));
    }
    assert_ne!(r["light"]["textColor"], r["dark"]["textColor"]);
    assert_eq!(
        r["reloaded"], "dark",
        "a reload draws it in the chosen theme"
    );
    assert_eq!(r["fetched"], serde_json::json!(["mermaid/mermaid.min.js"]));
    for other in ["plain/", ""] {
        assert_eq!(
            r["others"][other]["mermaid"],
            serde_json::json!([]),
            "{other}: {}",
            r["others"][other]
        );
    }
    // Without JavaScript: the source, readable, with the caption; no script fetched.
    assert_eq!(r["noJs"]["sourceShown"], true);
    assert_eq!(r["noJs"]["caption"], "A tool request, from asking to yes");
    assert!(r["noJsSource"]
        .as_str()
        .unwrap()
        .contains("A[Ask] --> B{Review}"));
    assert_eq!(r["noJsMermaid"], serde_json::json!([]));
}
