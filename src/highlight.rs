//! Code highlighting with syntect, emitting CSS classes (`hl-keyword`, `hl-string`, ...) rather
//! than inline colours, so the theme's light and dark palettes both apply.
//!
//! Pure. The syntax set is loaded once per process, and only when a page has code.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Common names people write after ``` that syntect knows by another token.
fn canonical(lang: &str) -> &str {
    match lang {
        "sh" | "shell" | "zsh" | "console" => "bash",
        "yml" => "yaml",
        "js" | "javascript" => "js",
        "ts" | "typescript" => "ts",
        "py" => "python",
        "rs" => "rust",
        "md" => "markdown",
        other => other,
    }
}

/// Highlights `code` as `lang`; an unknown or empty language gives escaped plain text.
pub(crate) fn highlight(code: &str, lang: &str) -> String {
    let lang = canonical(lang.trim());
    if lang.is_empty() || lang == "text" || lang == "plain" {
        return escape(code);
    }
    let set = syntaxes();
    let Some(syntax) = set.find_syntax_by_token(lang) else { return escape(code) };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, ClassStyle::SpacedPrefixed { prefix: "hl-" });
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return escape(code);
        }
    }
    generator.finalize()
}

pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_and_unknown_ones_plain_text() {
        let html = highlight("<p class=\"x\">hi</p>\n", "html");
        assert!(html.contains("hl-tag"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert_eq!(highlight("a < b\n", "no-such-lang"), "a &lt; b\n");
        assert_eq!(highlight("a < b\n", ""), "a &lt; b\n");
    }
}
