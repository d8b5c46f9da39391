//! Stage 3b, render: Tera over the theme's templates (the context each template sees is
//! `render/context.rs`).
//!
//! Pure: templates are compiled once per build; rendering takes a context value and returns
//! HTML. Template errors name the site's template file and line when the template is an
//! override, so a theme author can find them.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::Tera;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::html::escape_html;
use crate::model::source::TemplateSource;

pub(crate) struct Templates {
    tera: Tera,
    /// Each template's name and, for the site's own, its file and text (to show a failing line).
    sources: Vec<(String, Option<(PathBuf, String)>)>,
}

impl Templates {
    /// Compiles the theme's templates; warnings (a site template filling a block its parent
    /// never shows) go to `diagnostics`.
    pub(crate) fn compile(
        sources: Vec<TemplateSource>,
        diagnostics: &mut Diagnostics,
    ) -> Result<Templates, Diagnostic> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default escaper also rewrites `/` as `&#x2F;`, which is safe but bloats every
        // URL; HTML only needs `& < > " '` escaped in text and quoted attributes.
        tera.set_escape_fn(escape_html);
        let names: Vec<(String, Option<(PathBuf, String)>)> = sources
            .iter()
            .map(|s| {
                let own = s.site_path.clone().map(|path| (path, s.text.clone()));
                (s.name.clone(), own)
            })
            .collect();
        let overrides: Vec<(String, PathBuf, String)> = sources
            .iter()
            .filter_map(|s| Some((s.name.clone(), s.site_path.clone()?, s.text.clone())))
            .collect();
        let raw: Vec<(String, String)> = sources.into_iter().map(|s| (s.name, s.text)).collect();
        let templates = Templates {
            tera,
            sources: names,
        };
        let mut templates = templates;
        match templates.tera.add_raw_templates(raw) {
            Ok(()) => {
                for (name, path, text) in &overrides {
                    diagnostics.extend(templates.unshown_blocks(name, path, text));
                }
                Ok(templates)
            }
            Err(err) => Err(templates.error(&err, None)),
        }
    }

    /// A site template that extends another and fills a block none of its parents has: Tera
    /// renders nothing of it, so `{% block nope %}` in `page.html` would blank every page
    /// without a word. One warning per such block, naming the blocks there are.
    fn unshown_blocks(&self, name: &str, path: &Path, text: &str) -> Vec<Diagnostic> {
        let Ok(template) = self.tera.get_template(name) else {
            return Vec::new();
        };
        let Some(parent) = &template.parent else {
            return Vec::new();
        };
        let mut known: Vec<&str> = template
            .parents
            .iter()
            .filter_map(|p| self.tera.get_template(p).ok())
            .flat_map(|p| p.blocks.keys().map(String::as_str))
            .collect();
        known.sort_unstable();
        known.dedup();
        // Only blocks at the top level: a block inside a filled block is shown with it.
        // (`tera::ast` is Tera's parsed template; a Tera upgrade that changes it fails to
        // compile here rather than silently.)
        template
            .ast
            .iter()
            .filter_map(|node| match node {
                tera::ast::Node::Block(_, block, _) => Some(block.name.as_str()),
                _ => None,
            })
            .filter(|block| !known.contains(block))
            .map(|block| {
                let (line, col, len) = block_position(text, block);
                Diagnostic::warning(
                    Code::TemplateBlock,
                    format!("`{{% block {block} %}}` fills a block that `{parent}` does not have, so its content is never shown"),
                )
                .at_source(Location::new(path, line, col, len), text)
                .help(format!(
                    "use one of the blocks `{parent}` has: {}",
                    known.join(", ")
                ))
            })
            .collect()
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders `name` with `context`. `page` names the content file being rendered, for errors.
    pub(crate) fn render(
        &self,
        name: &str,
        context: &impl Serialize,
        page: Option<&std::path::Path>,
    ) -> Result<String, Diagnostic> {
        let context = tera::Context::from_serialize(context).map_err(|e| self.error(&e, page))?;
        self.tera
            .render(name, &context)
            .map_err(|e| self.error(&e, page))
    }

    /// Flattens Tera's error chain into one message, pointing at the template file and line
    /// when the template is one of the site's own.
    fn error(&self, err: &tera::Error, page: Option<&std::path::Path>) -> Diagnostic {
        let mut chain = vec![err.to_string()];
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            chain.push(cause.to_string());
            source = cause.source();
        }
        let full = chain.join(": ");
        let template = self
            .sources
            .iter()
            .find(|(name, _)| full.contains(&format!("'{name}'")));
        let line_col = full.split("--> ").nth(1).and_then(|rest| {
            let mut nums = rest
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty());
            Some((
                nums.next()?.parse::<usize>().ok()?,
                nums.next()?.parse::<usize>().ok()?,
            ))
        });
        // Tera's parse errors carry their own source excerpt (`--> 3:19`, `|` lines); we show the
        // line ourselves, so keep the headline and the `= expected ...` explanation only.
        let message = chain
            .iter()
            .flat_map(|m| m.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("-->") && !l.contains('|'))
            .map(|l| l.trim_start_matches("= ").to_string())
            .collect::<Vec<_>>()
            .join(": ");
        let mut diag = Diagnostic::error(Code::Template, format!("template error: {message}"));
        match template {
            Some((name, Some((path, text)))) => {
                let (line, col) = line_col.unwrap_or((0, 0));
                diag = diag
                    .at_source(Location::new(path, line, col, 1), text)
                    .help(format!(
                        "fix `{name}` in your theme, or delete it to use the built-in one"
                    ));
            }
            Some((name, None)) => {
                diag = diag.help(format!(
                    "the built-in template `{name}` failed{}",
                    page.map(|p| format!(" while rendering {}", p.display()))
                        .unwrap_or_default()
                ))
            }
            None => {}
        }
        if let (Some(page), None) = (page, &diag.location) {
            diag = diag.at(Location::file(page));
        }
        diag
    }
}

/// Where `block NAME` is written in a template: line, column (1-based) and length.
fn block_position(text: &str, name: &str) -> (usize, usize, usize) {
    let is_name = |s: &str| {
        s.strip_prefix(name)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    };
    for (i, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices("block") {
            let gap = &line[at + 5..];
            let after = gap.trim_start();
            if after.len() < gap.len() && is_name(after) {
                let len = 5 + (gap.len() - after.len()) + name.len();
                return (i + 1, line[..at].chars().count() + 1, len);
            }
        }
    }
    (1, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_template_filling_a_block_its_parent_lacks_is_a_warning() {
        let source = |name: &str, text: &str, site: bool| TemplateSource {
            name: name.to_string(),
            text: text.to_string(),
            site_path: site.then(|| PathBuf::from(format!("templates/{name}"))),
        };
        let page = "{% extends \"base.html\" %}\n{% block main %}{% block inner %}ok{% endblock inner %}{% endblock main %}\n  {%- block  nope -%}\nlost\n{% endblock nope %}\n";
        let mut diagnostics = Diagnostics::default();
        Templates::compile(
            vec![
                source("base.html", "<title>{% block title %}{% endblock %}</title>{% block main %}{% block after %}{% endblock %}{% endblock %}", false),
                source("page.html", page, true),
                source("own.html", "{% block free %}a template of its own{% endblock %}", true),
            ],
            &mut diagnostics,
        )
        .expect("templates compile");
        let lines: Vec<String> = diagnostics.iter().map(Diagnostic::render).collect();
        assert_eq!(
            lines,
            ["templates/page.html:3:7: warning: `{% block nope %}` fills a block that `base.html` does not have, so its content is never shown [template-block]\n  |\n3 |   {%- block  nope -%}\n  |       ^^^^^^^^^^^\n  = help: use one of the blocks `base.html` has: after, main, title\n"]
        );
    }
}
