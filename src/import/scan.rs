//! Import: finding template constructs in a page body. Liquid (Jekyll, Eleventy: `{% tag %}`,
//! `{{ output }}`, Nunjucks `{# comment #}`) and Hugo (`{{< shortcode >}}`, `{{% shortcode %}}`,
//! `{{</* escaped */>}}`, `{{/* comment */}}`), with their arguments.
//!
//! Pure and generator-agnostic: it finds, it does not decide. `template.rs` decides.

use super::detect::Templates;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// `{% name args %}` or a Hugo shortcode `{{< name args >}}` / `{{% name args %}}`.
    Tag,
    /// Liquid `{{ expression }}`.
    Output,
    /// `{# ... #}` or `{{/* ... */}}`: a comment of the template language.
    Comment,
    /// Hugo's `{{</* name */>}}`: a shortcode written out as text.
    Escaped,
    /// An opener never closed: everything to the end of its line.
    Unterminated,
}

#[derive(Debug, Clone)]
pub(crate) struct Token<'t> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: TokenKind,
    /// `alert`, `endalert`, `/alert`; for outputs, the expression.
    pub(crate) name: &'t str,
    pub(crate) args: &'t str,
    /// Hugo: `{{< tab />}}` needs no closing tag.
    pub(crate) self_closing: bool,
}

impl Token<'_> {
    pub(crate) fn text<'s>(&self, source: &'s str) -> &'s str {
        &source[self.start..self.end]
    }
}

/// The next construct at or after `from`.
pub(crate) fn next_token(text: &str, from: usize, flavor: Templates) -> Option<Token<'_>> {
    let mut at = from;
    loop {
        let i = at + text.get(at..)?.find('{')?;
        let rest = &text[i..];
        let found = match flavor {
            Templates::Liquid => liquid_token(text, i, rest),
            Templates::Hugo => hugo_token(text, i, rest),
            Templates::None => None,
        };
        if found.is_some() {
            return found;
        }
        at = i + 1;
    }
}

fn liquid_token<'t>(text: &'t str, start: usize, rest: &'t str) -> Option<Token<'t>> {
    let (kind, close) = if rest.starts_with("{%") {
        (TokenKind::Tag, "%}")
    } else if rest.starts_with("{{") {
        (TokenKind::Output, "}}")
    } else if rest.starts_with("{#") && rest[2..].starts_with([' ', '-', '\n']) {
        (TokenKind::Comment, "#}")
    } else {
        return None;
    };
    let Some(len) = rest[2..].find(close) else {
        if kind == TokenKind::Comment {
            return None;
        }
        return Some(unterminated(text, start));
    };
    let inner = rest[2..2 + len]
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim();
    let end = start + 2 + len + 2;
    let (name, args) = match kind {
        TokenKind::Tag => split_name(inner),
        _ => (inner, ""),
    };
    Some(Token {
        start,
        end,
        kind,
        name,
        args,
        self_closing: false,
    })
}

fn hugo_token<'t>(text: &'t str, start: usize, rest: &'t str) -> Option<Token<'t>> {
    let (kind, open, close) = if rest.starts_with("{{</*") {
        (TokenKind::Escaped, 5, "*/>}}")
    } else if rest.starts_with("{{%/*") {
        (TokenKind::Escaped, 5, "*/%}}")
    } else if rest.starts_with("{{/*") {
        (TokenKind::Comment, 4, "*/}}")
    } else if rest.starts_with("{{<") {
        (TokenKind::Tag, 3, ">}}")
    } else if rest.starts_with("{{%") {
        (TokenKind::Tag, 3, "%}}")
    } else {
        return None;
    };
    let Some(len) = rest[open..].find(close) else {
        return Some(unterminated(text, start));
    };
    let inner = rest[open..open + len].trim();
    let end = start + open + len + close.len();
    let self_closing = inner.ends_with('/');
    let (name, args) = split_name(inner.trim_end_matches('/').trim_end());
    Some(Token {
        start,
        end,
        kind,
        name,
        args,
        self_closing,
    })
}

fn unterminated(text: &str, start: usize) -> Token<'_> {
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Token {
        start,
        end,
        kind: TokenKind::Unterminated,
        name: "",
        args: "",
        self_closing: false,
    }
}

fn split_name(inner: &str) -> (&str, &str) {
    match inner.find(|c: char| c.is_whitespace()) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    }
}

/// A tag's arguments: quoted or bare words in order, and `key=value` pairs.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Args {
    pub(crate) positional: Vec<String>,
    pub(crate) named: Vec<(String, String)>,
}

impl Args {
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) fn parse_args(args: &str) -> Args {
    let mut out = Args::default();
    let mut chars = args.char_indices().peekable();
    let mut pending_key: Option<String> = None;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() || c == ',' {
            chars.next();
            continue;
        }
        let word = if matches!(c, '"' | '\'' | '`') {
            chars.next();
            let mut word = String::new();
            for (_, d) in chars.by_ref() {
                if d == c {
                    break;
                }
                word.push(d);
            }
            word
        } else {
            let mut end = args.len();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_whitespace() || d == '=' {
                    end = j;
                    break;
                }
                chars.next();
            }
            let word = args[i..end].to_string();
            if chars.peek().is_some_and(|&(_, d)| d == '=') {
                chars.next();
                pending_key = Some(word);
                continue;
            }
            word
        };
        match pending_key.take() {
            Some(key) => out.named.push((key, word)),
            None => out.positional.push(word),
        }
    }
    out
}

/// How many template openers a text holds, as the generator reads them: `{%` and `{{` for
/// Liquid, `{{<` and `{{%` for Hugo (which leaves any other `{{` to its layouts). What the
/// import report accounts for.
pub(crate) fn openers(flavor: Templates, text: &str) -> usize {
    match flavor {
        Templates::Hugo => text.matches("{{<").count() + text.matches("{{%").count(),
        _ => text.matches("{%").count() + text.matches("{{").count(),
    }
}

/// The kind of construct shown in the report: the tag's name, or an output's variable.
pub(crate) fn kind_name(token: &Token) -> String {
    match token.kind {
        TokenKind::Output => {
            let (value, filters) = token.name.split_once('|').unwrap_or((token.name, ""));
            let value = value.trim();
            let value = if value.starts_with(['"', '\'']) {
                "\"...\""
            } else {
                value.split([' ', '[']).next().unwrap_or("")
            };
            match filters
                .split('|')
                .next()
                .map(|f| f.split(':').next().unwrap_or("").trim())
                .filter(|f| !f.is_empty())
            {
                Some(filter) => format!("{{{{ {value} | {filter} }}}}"),
                None => format!("{{{{ {value} }}}}"),
            }
        }
        TokenKind::Comment => "comment".into(),
        TokenKind::Unterminated => "unclosed".into(),
        _ => {
            let name = token.name.trim_start_matches('/');
            name.strip_prefix("end")
                .filter(|n| !n.is_empty() && token.name.starts_with("end"))
                .unwrap_or(name)
                .to_string()
        }
    }
}

pub(crate) fn closing_name(flavor: Templates, name: &str) -> String {
    match flavor {
        Templates::Hugo => format!("/{name}"),
        _ => format!("end{name}"),
    }
}

/// The tag that closes `name` (skipping nested ones of the same name), from `from`.
pub(crate) fn find_close<'t>(
    text: &'t str,
    from: usize,
    flavor: Templates,
    name: &str,
    close: &str,
) -> Option<Token<'t>> {
    let mut depth = 0;
    let mut at = from;
    while let Some(token) = next_token(text, at, flavor) {
        at = token.end;
        if token.kind != TokenKind::Tag {
            continue;
        }
        if token.name == name && !token.self_closing && name != "raw" {
            depth += 1;
        } else if token.name == close {
            if depth == 0 {
                return Some(token);
            }
            depth -= 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str, flavor: Templates) -> Vec<(TokenKind, String, String, &str)> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(t) = next_token(text, at, flavor) {
            out.push((
                t.kind,
                t.name.to_string(),
                t.args.to_string(),
                &text[t.start..t.end],
            ));
            at = t.end;
        }
        out
    }

    #[test]
    fn finds_liquid_and_hugo_constructs() {
        let liquid = tokens(
            "a {% page \"/x/\" %} b {{ site.baseurl }} {%- if x -%} {# note #} {#id} {% open\n",
            Templates::Liquid,
        );
        let kinds: Vec<_> = liquid.iter().map(|t| (t.0, t.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (TokenKind::Tag, "page"),
                (TokenKind::Output, "site.baseurl"),
                (TokenKind::Tag, "if"),
                (TokenKind::Comment, "note"),
                (TokenKind::Unterminated, "")
            ]
        );
        assert_eq!(liquid[0].2, "\"/x/\"");
        let hugo = tokens("{{< tab header=\"A\" />}} {{% alert title=\"T\" %}} {{</* ref \"x\" */>}} {{/* c */}} {{ .Title }} {{< /tab >}}", Templates::Hugo);
        let kinds: Vec<_> = hugo.iter().map(|t| (t.0, t.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (TokenKind::Tag, "tab"),
                (TokenKind::Tag, "alert"),
                (TokenKind::Escaped, "ref"),
                (TokenKind::Comment, "c"),
                (TokenKind::Tag, "/tab")
            ]
        );
        assert!(
            next_token("{{< tab />}}", 0, Templates::Hugo)
                .unwrap()
                .self_closing
        );
    }

    #[test]
    fn parses_arguments() {
        let args = parse_args("\"Heads up!\" 'error' slim title=\"A B\" color=success");
        assert_eq!(args.positional, ["Heads up!", "error", "slim"]);
        assert_eq!(args.get("title"), Some("A B"));
        assert_eq!(args.get("color"), Some("success"));
        assert_eq!(parse_args("").positional.len(), 0);
        assert_eq!(openers(Templates::Liquid, "{% a %} {{ b }} {{< c >}}"), 3);
        assert_eq!(
            openers(Templates::Hugo, "{% a %} {{ b }} {{< c >}} {{% d %}}"),
            2
        );
    }
}
