//! Code highlighting with syntect, emitting a few short CSS classes (`hl-k` keyword, `hl-s`
//! string, ...) rather than inline colours, so the theme's light and dark palettes both apply.
//!
//! syntect's own class output names every scope atom (`hl-punctuation hl-definition hl-tag
//! hl-begin hl-html`), which made highlighted code several times larger than the code itself.
//! We map each token's scope stack to one of eight classes and only open a span when the class
//! changes. Pure. The syntax set is loaded once per process, and only when a page has code.

use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::html::{escape_html, push_escaped_html};

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Scope prefixes and the class they get; the first match from the innermost scope wins.
const CLASSES: &[(&str, &str)] = &[
    ("comment", "c"),
    ("string", "s"),
    ("constant.numeric", "n"),
    ("constant", "n"),
    ("keyword", "k"),
    ("storage", "k"),
    ("entity.name.tag", "t"),
    ("entity.other.attribute-name", "a"),
    ("support.type.property-name", "a"),
    ("meta.mapping.key", "a"),
    ("entity.name.function", "f"),
    ("support.function", "f"),
    ("entity.name", "f"),
    ("variable", "v"),
    ("support", "v"),
];

struct Classifier {
    table: Vec<(Scope, &'static str)>,
}

fn classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(|| Classifier {
        table: CLASSES
            .iter()
            .filter_map(|(prefix, class)| Scope::new(prefix).ok().map(|s| (s, *class)))
            .collect(),
    })
}

impl Classifier {
    fn class(&self, stack: &ScopeStack) -> Option<&'static str> {
        stack.as_slice().iter().rev().find_map(|scope| {
            self.table
                .iter()
                .find(|(prefix, _)| prefix.is_prefix_of(*scope))
                .map(|(_, class)| *class)
        })
    }
}

/// Common names people write after ``` that syntect knows by another token.
fn canonical(lang: &str) -> &str {
    match lang {
        "sh" | "shell" | "zsh" | "console" => "bash",
        "yml" => "yaml",
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
        return escape_html(code);
    }
    let set = syntaxes();
    let Some(syntax) = set.find_syntax_by_token(lang) else {
        return escape_html(code);
    };
    let classifier = classifier();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = String::with_capacity(code.len() * 2);
    let mut open: Option<&str> = None;
    for line in LinesWithEndings::from(code) {
        let Ok(ops) = state.parse_line(line, set) else {
            return escape_html(code);
        };
        let mut pos = 0;
        for (offset, op) in ops.iter().chain(std::iter::once(&(
            line.len(),
            syntect::parsing::ScopeStackOp::Noop,
        ))) {
            if *offset > pos {
                let class = classifier.class(&stack);
                let text = &line[pos..*offset];
                // Whitespace never needs a colour: keep the current span open across it.
                if class != open && !text.trim().is_empty() {
                    if open.is_some() {
                        out.push_str("</span>");
                    }
                    if let Some(class) = class {
                        out.push_str("<span class=\"hl-");
                        out.push_str(class);
                        out.push_str("\">");
                    }
                    open = class;
                }
                push_escaped_html(&mut out, text);
                pos = *offset;
            }
            if stack.apply(op).is_err() {
                return escape_html(code);
            }
        }
    }
    if open.is_some() {
        out.push_str("</span>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_short_classes() {
        let html = highlight("<a href=\"/x\">hi</a>\n", "html");
        assert_eq!(html, "&lt;<span class=\"hl-t\">a </span><span class=\"hl-a\">href</span>=<span class=\"hl-s\">&quot;/x&quot;</span>&gt;hi&lt;/<span class=\"hl-t\">a</span>&gt;\n");
        let css = highlight("/* c */ a { color: red; }\n", "css");
        assert!(
            css.starts_with("<span class=\"hl-c\">/* c */ </span><span class=\"hl-t\">a </span>"),
            "{css}"
        );
    }

    #[test]
    fn unknown_or_missing_languages_are_plain_escaped_text() {
        assert_eq!(highlight("a < b\n", "no-such-lang"), "a &lt; b\n");
        assert_eq!(highlight("a < b\n", ""), "a &lt; b\n");
    }
}
