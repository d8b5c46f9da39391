//! Import: Liquid (Jekyll, Eleventy) and Hugo shortcodes in a page body, converted to
//! bridgebook Markdown where there is an equivalent: alerts and hints become callouts, page
//! links (`{% page %}`, `{% link %}`, `{{< ref >}}`, `{{ "/x/" | url }}`) relative `.md` links,
//! images Markdown images, `{% highlight %}` fenced code; `{% raw %}` is unwrapped and comments
//! are dropped. Anything else is left exactly as written and listed in the report.
//!
//! Pure: text in, text and [`Found`] items out, each with its line in the text it returns.

use super::callout::{callout, dedent};
use super::detect::Templates;
use super::links::{Links, Target};
use super::report::{Found, Outcome};
use super::scan::{
    closing_name, find_close, kind_name, next_token, openers, parse_args, Token, TokenKind,
};

pub(crate) struct Converter<'a> {
    pub(crate) links: Links<'a>,
    pub(crate) flavor: Templates,
    /// Site-relative paths of images the page uses (copied when the source has them).
    pub(crate) images: Vec<String>,
    /// Hugo's site parameters, for `{{% param x %}}`.
    pub(crate) params: &'a serde_yaml::Value,
    /// The page's front matter as written: a parameter set there is the page's own.
    pub(crate) front: &'a str,
    /// Site parameters the page uses, now shared values: name -> text.
    pub(crate) values: std::collections::BTreeMap<String, String>,
}

/// What to do with one construct.
enum Action {
    Raw,
    BlockComment,
    Drop,
    Unescape,
    Callout {
        kind: String,
        title: Option<String>,
    },
    Link {
        target: String,
        how: Target,
    },
    Image {
        src: String,
        alt: String,
    },
    Highlight {
        lang: String,
    },
    /// A site parameter, written as a shared value `{{ name }}`.
    Value {
        name: String,
        text: String,
    },
    Tabpane,
    BaseUrl,
    Leave,
}

impl Converter<'_> {
    /// Converts `text`; each [`Found`] line counts from the first line of the returned text.
    pub(crate) fn convert(&mut self, text: &str) -> (String, Vec<Found>) {
        let mut out = Out::default();
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some(token) = next_token(text, pos, self.flavor) {
            out.push(&text[pos..token.start]);
            pos = token.end;
            let line = out.line();
            let written = token.text(text);
            let kind = kind_name(&token);
            match self.action(&token) {
                Action::Raw | Action::BlockComment => {
                    let raw = matches!(self.action(&token), Action::Raw);
                    let close = if raw {
                        "endraw".to_string()
                    } else {
                        closing_name(self.flavor, token.name)
                    };
                    let Some(end) = find_close(text, pos, self.flavor, token.name, &close) else {
                        found.push(self.leave(&mut out, line, written));
                        continue;
                    };
                    let inner = &text[pos..end.start];
                    if raw {
                        out.push(inner);
                        found.push(Found::new(line, "raw", Outcome::Converted, written));
                        if openers(self.flavor, inner) > 0 {
                            found.push(
                                Found::new(line, "raw", Outcome::Literal, inner.trim())
                                    .openers(openers(self.flavor, inner)),
                            );
                        }
                    } else {
                        found.push(Found::new(line, "comment", Outcome::Dropped, inner.trim()));
                    }
                    pos = skip_newline_if_alone(text, end.end, &out);
                }
                Action::Drop => {
                    found.push(Found::new(line, kind, Outcome::Dropped, written));
                    pos = skip_newline_if_alone(text, pos, &out);
                }
                Action::Unescape => {
                    let shown = written.replacen("/*", "", 1);
                    let shown = match shown.rfind("*/") {
                        Some(i) => format!("{}{}", &shown[..i], &shown[i + 2..]),
                        None => shown,
                    };
                    out.push(&shown);
                    found.push(
                        Found::new(line, "escaped shortcode", Outcome::Literal, &shown)
                            .openers(openers(self.flavor, &shown)),
                    );
                }
                Action::Callout {
                    kind: callout_kind,
                    title,
                } => {
                    let close = closing_name(self.flavor, token.name);
                    let Some(end) = find_close(text, pos, self.flavor, token.name, &close) else {
                        found.push(self.leave(&mut out, line, written));
                        continue;
                    };
                    let (inner, inner_found) = self.convert(&text[pos..end.start]);
                    let indent = out.take_indent();
                    let line = out.line();
                    let leading = inner.len() - inner.trim_start_matches('\n').len();
                    let block = callout(&callout_kind, title.as_deref(), &inner, &indent);
                    let body_lines = dedent(inner.trim_matches('\n')).lines().count();
                    let header = block.lines().count() - body_lines;
                    for f in inner_found {
                        let body_line = f.line.saturating_sub(leading).max(1);
                        found.push(Found {
                            line: line + header + body_line - 1,
                            ..f
                        });
                    }
                    out.push(&block);
                    found.push(Found::new(line, token.name, Outcome::Converted, written));
                    pos = end.end;
                    pos = skip_newline_if_alone(text, pos, &out);
                    if !text[pos..].starts_with('\n') && pos < text.len() {
                        out.push("\n");
                    }
                }
                Action::Link { target, how } => match self.links.page_link(&target, how) {
                    Some(link) => {
                        out.push(&link);
                        let outcome = if self.links.is_part_of_generated_home(&target) {
                            Outcome::Broken
                        } else {
                            Outcome::Converted
                        };
                        found.push(Found::new(line, kind, outcome, written));
                    }
                    None => {
                        let shown = if target.starts_with('/')
                            || how == Target::Ref
                            || target.contains("://")
                        {
                            target.clone()
                        } else {
                            format!("/{target}")
                        };
                        out.push(&shown);
                        let outcome = if target.contains("://") {
                            Outcome::Converted
                        } else {
                            Outcome::Broken
                        };
                        found.push(Found::new(line, kind, outcome, written));
                    }
                },
                Action::Image { src, alt } => {
                    let src = if src.contains("://") || src.starts_with('/') {
                        src
                    } else {
                        format!("/{src}")
                    };
                    self.images.push(src.trim_start_matches('/').to_string());
                    out.push(&format!(
                        "![{}]({})",
                        alt.replace(['[', ']'], ""),
                        src.replace(' ', "%20")
                    ));
                    found.push(Found::new(line, kind, Outcome::Converted, written));
                }
                Action::Highlight { lang } => {
                    let close = closing_name(self.flavor, token.name);
                    let Some(end) = find_close(text, pos, self.flavor, token.name, &close) else {
                        found.push(self.leave(&mut out, line, written));
                        continue;
                    };
                    let code = text[pos..end.start].trim_matches('\n');
                    out.push(&format!("```{lang}\n{code}\n```"));
                    if openers(self.flavor, code) > 0 {
                        found.push(
                            Found::new(line, "highlight", Outcome::Literal, code)
                                .openers(openers(self.flavor, code)),
                        );
                    }
                    found.push(Found::new(line, kind, Outcome::Converted, written));
                    pos = end.end;
                }
                Action::Tabpane => {
                    let close = closing_name(self.flavor, token.name);
                    let Some(end) = find_close(text, pos, self.flavor, token.name, &close) else {
                        found.push(self.leave(&mut out, line, written));
                        continue;
                    };
                    let Some((tabs, inner_found)) = self.tabpane(token.args, &text[pos..end.start])
                    else {
                        found.push(self.leave(&mut out, line, written));
                        continue;
                    };
                    let line = out.line();
                    found.extend(inner_found.into_iter().map(|f| Found {
                        line: line + f.line - 1,
                        ..f
                    }));
                    out.push(&tabs);
                    found.push(Found::new(line, token.name, Outcome::Converted, written));
                    pos = end.end;
                }
                Action::BaseUrl => {
                    let rest = &text[pos..];
                    let path_len = rest
                        .find(|c: char| {
                            c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | '<' | ']')
                        })
                        .unwrap_or(rest.len());
                    let path = &rest[..path_len];
                    match self
                        .links
                        .page_link(if path.is_empty() { "/" } else { path }, Target::Url)
                    {
                        Some(link) => {
                            out.push(&link);
                            pos += path_len;
                        }
                        None => out.push(""),
                    }
                    found.push(Found::new(line, kind, Outcome::Converted, written));
                }
                Action::Value { name, text } => {
                    out.push(&format!("{{{{ {name} }}}}"));
                    self.values.insert(name, text);
                    found.push(Found::new(line, kind, Outcome::Converted, written));
                }
                Action::Leave => found.push(self.leave(&mut out, line, written)),
            }
        }
        out.push(&text[pos..]);
        (out.text, found)
    }

    /// Docsy's `{{< tabpane >}}` as a `:::tabs` group: each `{{< tab header="..." >}}` a tab,
    /// its text a code block in the tab's (or the pane's) `lang`, or Markdown with `text=true`
    /// or `{{% tab %}}`; a `disabled` tab (a heading for the group) becomes a line above it.
    /// `None` when a tab is never closed. Findings count lines from the group's first line.
    fn tabpane(&mut self, pane_args: &str, inner: &str) -> Option<(String, Vec<Found>)> {
        let pane = parse_args(pane_args);
        let mut tabs = String::new();
        let mut found = Vec::new();
        let mut heading = String::new();
        let mut at = 0;
        while let Some(tab) = next_token(inner, at, self.flavor) {
            at = tab.end;
            if tab.kind != TokenKind::Tag || tab.name != "tab" {
                continue;
            }
            let args = parse_args(tab.args);
            let header = args.get("header").unwrap_or("Tab").replace('"', "'");
            if tab.self_closing || args.get("disabled") == Some("true") {
                heading = format!("{header}\n\n");
                continue;
            }
            let end = find_close(inner, tab.end, self.flavor, "tab", "/tab")?;
            at = end.end;
            let content = inner[tab.end..end.start].trim_matches('\n');
            let markdown = [pane.get("text"), args.get("text")].contains(&Some("true"))
                || tab.text(inner).starts_with("{{%");
            tabs.push_str(&format!("=== \"{header}\"\n"));
            if markdown {
                let (text, more) = self.convert(&dedent(content));
                let before = tabs.matches('\n').count();
                found.extend(more.into_iter().map(|f| Found {
                    line: before + f.line,
                    ..f
                }));
                tabs.push_str(text.trim_matches('\n'));
            } else {
                let lang = args.get("lang").or(pane.get("lang")).unwrap_or_default();
                // Template syntax in a code tab is shown as written: counted, as in a
                // `{% highlight %}` block.
                let n = openers(self.flavor, content);
                if n > 0 {
                    let before = tabs.matches('\n').count();
                    found.push(
                        Found::new(before + 2, "tabpane", Outcome::Literal, content).openers(n),
                    );
                }
                tabs.push_str(&format!("```{}\n{content}\n```", lang.to_lowercase()));
            }
            tabs.push('\n');
        }
        if tabs.is_empty() {
            return None;
        }
        let block = format!("{heading}:::tabs\n{tabs}:::");
        let shift = block.matches('\n').count() - tabs.matches('\n').count();
        for f in &mut found {
            f.line += shift;
        }
        Some((block, found))
    }

    fn leave(&self, out: &mut Out, line: usize, written: &str) -> Found {
        out.push(written);
        let kind = next_token(written, 0, self.flavor)
            .map_or_else(|| "unclosed".to_string(), |t| kind_name(&t));
        Found::new(line, kind, Outcome::Left, written).openers(openers(self.flavor, written))
    }

    fn action(&self, token: &Token) -> Action {
        let args = parse_args(token.args);
        let first = || args.positional.first().cloned().unwrap_or_default();
        match (self.flavor, token.kind) {
            (_, TokenKind::Comment) => Action::Drop,
            (_, TokenKind::Escaped) => Action::Unescape,
            (_, TokenKind::Unterminated) => Action::Leave,
            (Templates::Liquid, TokenKind::Output) => liquid_output(token.name),
            (Templates::Liquid, _) => match token.name {
                "raw" => Action::Raw,
                "comment" => Action::BlockComment,
                "alert" | "hint" | "callout" | "admonition" => Action::Callout {
                    kind: args
                        .get("style")
                        .or(args.get("type"))
                        .or(args.get("level"))
                        .map(str::to_string)
                        .or_else(|| args.positional.get(1).cloned())
                        .unwrap_or_else(|| {
                            if token.name == "hint" {
                                "info".into()
                            } else {
                                "note".into()
                            }
                        }),
                    title: args
                        .get("title")
                        .map(str::to_string)
                        .or_else(|| (token.name != "hint").then(first).filter(|t| !t.is_empty())),
                },
                // Eleventy's `page` and `link` join the site's base with the path: from the root.
                "page" => Action::Link {
                    target: rooted(&first()),
                    how: Target::Url,
                },
                "link" if is_page_file(&first()) => Action::Link {
                    target: format!("/{}", first().trim_start_matches('/')),
                    how: Target::Ref,
                },
                "link" if first().contains("://") => Action::Link {
                    target: first(),
                    how: Target::Url,
                },
                "link" => Action::Link {
                    target: rooted(&first()),
                    how: Target::Url,
                },
                "post_url" => Action::Link {
                    target: format!("/_posts/{}.md", first()),
                    how: Target::Ref,
                },
                "highlight" => Action::Highlight { lang: first() },
                name if (name.starts_with("image") || name == "img")
                    && !args.positional.is_empty() =>
                {
                    Action::Image {
                        src: first(),
                        alt: if args.positional.len() > 1 {
                            args.positional.last().cloned().unwrap_or_default()
                        } else {
                            String::new()
                        },
                    }
                }
                _ => Action::Leave,
            },
            (Templates::Hugo, _) => match token.name {
                "comment" => Action::BlockComment,
                "alert" | "notice" | "hint" | "callout" | "admonition" | "note" | "tip"
                | "warning" | "info" | "danger" | "caution" | "important" => Action::Callout {
                    kind: args
                        .get("color")
                        .or(args.get("type"))
                        .or(args.get("style"))
                        .map(|c| c.split_whitespace().next().unwrap_or("note").to_string())
                        .or_else(|| args.positional.first().cloned())
                        .unwrap_or_else(|| {
                            if matches!(
                                token.name,
                                "alert" | "notice" | "hint" | "callout" | "admonition"
                            ) {
                                "note".into()
                            } else {
                                token.name.into()
                            }
                        }),
                    title: args.get("title").map(str::to_string),
                },
                "ref" | "relref" => Action::Link {
                    target: first(),
                    how: Target::Ref,
                },
                "figure" => Action::Image {
                    src: args.get("src").unwrap_or_default().to_string(),
                    alt: args
                        .get("alt")
                        .or(args.get("caption"))
                        .or(args.get("title"))
                        .unwrap_or_default()
                        .to_string(),
                },
                "highlight" => Action::Highlight { lang: first() },
                "param" => self.site_param(&first()).unwrap_or(Action::Leave),
                "tabpane" => Action::Tabpane,
                _ => Action::Leave,
            },
            (Templates::None, _) => Action::Leave,
        }
    }
}

impl Converter<'_> {
    /// `{{% param x %}}` as a shared value, when `x` (or `a.b`, nested) is a one-line site
    /// parameter the page does not set itself (Hugo reads the page's own first). The value's
    /// name is the parameter's path with `_` for `.`: `tdVersion.latest` -> `tdVersion_latest`.
    fn site_param(&self, written: &str) -> Option<Action> {
        let mut current = self.params;
        for key in written.split('.') {
            let map = current.as_mapping()?;
            current = map.iter().find_map(|(k, v)| {
                k.as_str()
                    .is_some_and(|k| k.eq_ignore_ascii_case(key))
                    .then_some(v)
            })?;
        }
        let text = crate::model::yaml::scalar_text(current)?;
        let first = written.split('.').next().unwrap_or_default().to_lowercase();
        let own = self.front.lines().any(|line| {
            let lower = line.to_lowercase();
            lower
                .strip_prefix(&first)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
        });
        let name = written.replace('.', "_");
        (!own && !text.contains('\n') && crate::model::values::is_name(&name))
            .then_some(Action::Value { name, text })
    }
}

fn liquid_output(expr: &str) -> Action {
    let (value, filters) = expr
        .split_once('|')
        .map_or((expr, ""), |(v, f)| (v.trim(), f.trim()));
    let quoted = value.len() >= 2
        && (value.starts_with('"') && value.ends_with('"')
            || value.starts_with('\'') && value.ends_with('\''));
    let url_filter = [
        "url",
        "relative_url",
        "absolute_url",
        "prepend: site.baseurl",
        "prepend:site.baseurl",
    ]
    .iter()
    .any(|f| filters.split('|').any(|x| x.trim() == *f));
    if quoted && url_filter {
        return Action::Link {
            target: value[1..value.len() - 1].to_string(),
            how: Target::Url,
        };
    }
    if filters.is_empty()
        && matches!(
            value,
            "site.baseurl" | "base.baseurl" | "site.base_url" | "site.url" | "baseurl"
        )
    {
        return Action::BaseUrl;
    }
    Action::Leave
}

fn rooted(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}

fn is_page_file(path: &str) -> bool {
    [".md", ".markdown", ".mdx"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// Past the newline after a construct that stood alone on its line, so it leaves no blank line.
fn skip_newline_if_alone(text: &str, pos: usize, out: &Out) -> usize {
    let at_line_start = out.text.is_empty() || out.text.ends_with('\n');
    if at_line_start && text[pos..].starts_with('\n') {
        pos + 1
    } else if at_line_start && text[pos..].starts_with("\r\n") {
        pos + 2
    } else {
        pos
    }
}

/// The converted text, counting its lines as it grows.
#[derive(Default)]
struct Out {
    text: String,
    lines: usize,
    counted: usize,
}

impl Out {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// The 1-based line the next character will be on.
    fn line(&mut self) -> usize {
        self.lines += self.text[self.counted..].matches('\n').count();
        self.counted = self.text.len();
        self.lines + 1
    }

    /// The current line's indentation, when only spaces precede the construct on it; the line
    /// is cut back to its start. Otherwise a blank line, so the block starts on its own.
    fn take_indent(&mut self) -> String {
        let start = self.text.rfind('\n').map_or(0, |i| i + 1);
        let current = &self.text[start..];
        if current.trim().is_empty() {
            let indent = current.to_string();
            self.text.truncate(start);
            self.counted = self.counted.min(self.text.len());
            return indent;
        }
        let marker = current.trim_start();
        let is_item = marker.starts_with(['-', '*', '+'])
            || marker.chars().next().is_some_and(|c| c.is_ascii_digit());
        if is_item && current.trim_end().len() < current.len() {
            // `- {% alert %}`: the callout goes into the list item, on the lines below.
            let indent = " ".repeat(current.chars().count());
            self.text.push('\n');
            return indent;
        }
        self.text.push_str("\n\n");
        String::new()
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
