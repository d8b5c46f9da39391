//! Stage 3, render: a ```` ```mermaid ```` block as a diagram.
//!
//! Pure: the block's source in, a `<figure>` out. The figure holds the source as a readable
//! code block, which is what a reader without JavaScript (and a printer, before the script
//! runs) sees; the theme's script loads the vendored mermaid build only on pages that have a
//! figure and draws the diagram in the figure's place. The diagram's text alternative is
//! mermaid's own `accTitle:` (shown as the figure's caption too) and `accDescr:` lines, which
//! mermaid writes into the SVG's `<title>` and `<desc>`. Never reads or writes files: the
//! driver writes the script, once, when some page has a diagram.

use pulldown_cmark::CodeBlockKind;

use crate::diagnostic::{Code, Diagnostic};
use crate::html::escape_html as escape;

/// Where the vendored mermaid build is written in the site, and its licence beside it.
pub(crate) const SCRIPT: &str = "mermaid/mermaid.min.js";
const LICENSE: &str = "mermaid/LICENSE";

/// The vendored build (mermaid 11, MIT; see `scripts/vendor-mermaid`).
const SCRIPT_BYTES: &[u8] = include_bytes!("../../themes/default/static/mermaid/mermaid.min.js");
const LICENSE_BYTES: &[u8] = include_bytes!("../../themes/default/static/mermaid/LICENSE");

/// The files the diagram script needs in the site: the script and its licence.
pub(crate) fn files() -> [(&'static str, &'static [u8]); 2] {
    [(SCRIPT, SCRIPT_BYTES), (LICENSE, LICENSE_BYTES)]
}

/// Whether a code block is a diagram: its info string says `mermaid`.
pub(crate) fn is_diagram(kind: &CodeBlockKind) -> bool {
    matches!(kind, CodeBlockKind::Fenced(info) if info.split([' ', ',', '{']).next() == Some("mermaid"))
}

/// The warning for a diagram without `accTitle` or `accDescr`.
pub(crate) fn no_alt() -> Diagnostic {
    Diagnostic::warning(
        Code::MissingAlt,
        "diagram has no text alternative, so screen readers cannot describe it",
    )
    .help("add a line `accTitle: What it shows` (shown as its caption) and `accDescr: ...` for the details")
}

/// A diagram's HTML, and whether it has a text alternative (`accTitle` or `accDescr`).
pub(crate) fn diagram_html(source: &str, root: &str) -> (String, bool) {
    let title = directive(source, "accTitle");
    let has_alt = title.is_some()
        || directive(source, "accDescr").is_some()
        || source
            .lines()
            .any(|l| l.trim_start().starts_with("accDescr {"));
    let label = match &title {
        Some(t) => format!("Diagram: {}", escape(t)),
        None => "Diagram".to_string(),
    };
    let caption = title
        .map(|t| format!("<figcaption>{}</figcaption>", escape(&t)))
        .unwrap_or_default();
    let html = format!(
        "<figure class=\"diagram\" data-script=\"{script}\">\
         <pre class=\"code diagram-source\" tabindex=\"0\" data-lang=\"mermaid\" aria-label=\"{label}, as text\"><code>{code}</code></pre>\
         {caption}</figure>\n",
        script = escape(&format!("{root}{SCRIPT}")),
        code = escape(source),
    );
    (html, has_alt)
}

/// The value of a one-line mermaid directive such as `accTitle: Tool requests`.
fn directive(source: &str, name: &str) -> Option<String> {
    source.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix(name)?.trim_start();
        let value = rest.strip_prefix(':')?.trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagram_keeps_its_source_readable_and_its_title_as_caption() {
        let source = "flowchart LR\n  accTitle: Asking for a tool\n  A[Ask] --> B{Safe?}\n";
        let (html, alt) = diagram_html(source, "../");
        assert!(alt);
        assert!(
            html.starts_with(
                "<figure class=\"diagram\" data-script=\"../mermaid/mermaid.min.js\">"
            ),
            "{html}"
        );
        assert!(html.contains("A[Ask] --&gt; B{Safe?}"), "{html}");
        assert!(
            html.contains("<figcaption>Asking for a tool</figcaption>"),
            "{html}"
        );
        assert!(html.contains("aria-label=\"Diagram: Asking for a tool, as text\""));
    }

    #[test]
    fn text_alternatives() {
        for (source, alt) in [
            ("graph TD\nA-->B\n", false),
            ("graph TD\naccTitle: Flow\nA-->B\n", true),
            ("graph TD\naccDescr: From A to B\nA-->B\n", true),
            ("graph TD\naccDescr {\n From A\n to B\n}\nA-->B\n", true),
            ("graph TD\naccTitle:\nA-->B\n", false),
        ] {
            assert_eq!(diagram_html(source, "").1, alt, "{source}");
        }
    }
}
