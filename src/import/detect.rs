//! Import, step 1: which generator a source handbook was written for, and where its pages,
//! static files, title and navigation live.
//!
//! Reads only the source's config files (never its pages); knows each generator's defaults
//! (Hugo's `content/`, MkDocs' `docs_dir`, Eleventy's `dir.input`...).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use serde_yaml::Value;

/// The generators `bridgebook import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Generator {
    Jekyll,
    Eleventy,
    Hugo,
    Mkdocs,
    Docusaurus,
}

impl Generator {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Generator::Jekyll => "Jekyll",
            Generator::Eleventy => "Eleventy",
            Generator::Hugo => "Hugo",
            Generator::Mkdocs => "MkDocs",
            Generator::Docusaurus => "Docusaurus",
        }
    }

    /// Liquid (Jekyll, Eleventy) or Hugo shortcodes in page bodies.
    pub(crate) fn templates(self) -> Templates {
        match self {
            Generator::Jekyll | Generator::Eleventy => Templates::Liquid,
            Generator::Hugo => Templates::Hugo,
            Generator::Mkdocs | Generator::Docusaurus => Templates::None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Templates {
    Liquid,
    Hugo,
    None,
}

/// Where things are in the source, as its generator would find them.
#[derive(Debug)]
pub(crate) struct Layout {
    pub(crate) generator: Generator,
    pub(crate) root: PathBuf,
    /// The folder whose Markdown files are the pages.
    pub(crate) content_dir: PathBuf,
    /// Folders copied into the site as they are (`static/`), with their folder inside the site.
    pub(crate) static_dirs: Vec<(PathBuf, String)>,
    /// The site's title from its config, when it has one.
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    /// The config file read, for the report.
    pub(crate) config_file: Option<PathBuf>,
    /// Hugo's site parameters (`params:`, and `params.yaml` beside the config), which
    /// `{{% param x %}}` reads; `Null` for other generators.
    pub(crate) params: Value,
    /// The parsed config (YAML or TOML as YAML values), for nav and settings.
    pub(crate) config: Value,
}

const HUGO_CONFIGS: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config/_default/hugo.yaml",
    "config/_default/hugo.toml",
    "config/_default/hugo.yml",
    "config/_default/config.toml",
    "config/_default/config.yaml",
];
const ELEVENTY_CONFIGS: &[&str] = &[
    ".eleventy.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
];
const DOCUSAURUS_CONFIGS: &[&str] = &["docusaurus.config.js", "docusaurus.config.ts"];

/// Which generator `root` was written for, from the files only it has.
pub(crate) fn detect(root: &Path) -> Result<Generator> {
    let has = |name: &str| root.join(name).is_file();
    let found = [
        (Generator::Mkdocs, has("mkdocs.yml") || has("mkdocs.yaml")),
        (
            Generator::Docusaurus,
            DOCUSAURUS_CONFIGS.iter().any(|c| has(c)),
        ),
        (Generator::Hugo, HUGO_CONFIGS.iter().any(|c| has(c))),
        (Generator::Eleventy, ELEVENTY_CONFIGS.iter().any(|c| has(c))),
        (Generator::Jekyll, has("_config.yml") || has("_config.yaml")),
    ];
    match found.iter().find(|(_, yes)| *yes) {
        Some((generator, _)) => Ok(*generator),
        None => bail!(
            "cannot tell which generator {} was written for: it has no mkdocs.yml, docusaurus.config.js, hugo.toml (or config/_default/hugo.yaml), .eleventy.js or _config.yml; name one with --from jekyll|eleventy|hugo|mkdocs|docusaurus",
            root.display()
        ),
    }
}

/// Reads the generator's config and finds the content folder, static folders and title.
pub(crate) fn layout(root: &Path, generator: Generator) -> Result<Layout> {
    let mut layout = Layout {
        generator,
        root: root.to_path_buf(),
        content_dir: root.to_path_buf(),
        static_dirs: Vec::new(),
        title: None,
        description: None,
        config_file: None,
        params: Value::Null,
        config: Value::Null,
    };
    match generator {
        Generator::Mkdocs => {
            let file = first_existing(root, &["mkdocs.yml", "mkdocs.yaml"]);
            layout.config = read_config(file.as_deref())?;
            let docs = string_at(&layout.config, &["docs_dir"]).unwrap_or("docs".into());
            layout.content_dir = root.join(docs);
            layout.title = string_at(&layout.config, &["site_name"]);
            layout.description = string_at(&layout.config, &["site_description"]);
            layout.config_file = file;
        }
        Generator::Docusaurus => {
            let file = first_existing(root, DOCUSAURUS_CONFIGS);
            if let Some(file) = &file {
                let text = read(file)?;
                layout.title = js_string(&text, "title");
                layout.description = js_string(&text, "tagline");
            }
            layout.content_dir = root.join("docs");
            layout
                .static_dirs
                .push((root.join("static"), String::new()));
            layout.config_file = file;
        }
        Generator::Hugo => {
            let file = first_existing(root, HUGO_CONFIGS);
            layout.config = read_config(file.as_deref())?;
            let mut content = root.join(
                string_at(&layout.config, &["contentDir"]).unwrap_or_else(|| "content".into()),
            );
            // A multilingual site keeps each language in its own folder: import the default one.
            let language = string_at(&layout.config, &["defaultContentLanguage"])
                .unwrap_or_else(|| "en".into());
            if let Some(dir) = string_at(&layout.config, &["languages", &language, "contentDir"]) {
                content = root.join(dir);
            } else if content.join(&language).is_dir() && !content.join("_index.md").is_file() {
                content = content.join(&language);
            }
            layout.content_dir = content;
            layout
                .static_dirs
                .push((root.join("static"), String::new()));
            layout.params = hugo_params(&layout.config, file.as_deref())?;
            layout.title = string_at(&layout.config, &["title"]);
            layout.description =
                string_at(&layout.config, &["params", "description"]).or_else(|| {
                    string_at(
                        &layout.config,
                        &["languages", &language, "params", "description"],
                    )
                });
            layout.config_file = file;
        }
        Generator::Eleventy => {
            let file = first_existing(root, ELEVENTY_CONFIGS);
            if let Some(file) = &file {
                let text = read(file)?;
                if let Some(input) = js_string(&text, "input") {
                    layout.content_dir = root.join(input);
                }
                for dir in passthrough_dirs(&text) {
                    layout.static_dirs.push((root.join(&dir), dir));
                }
            }
            // Site-wide data (`_data/site.yaml` or `.json`) usually carries the title.
            for name in ["_data/site.yaml", "_data/site.yml", "_data/metadata.yaml"] {
                let data = read_config(Some(&root.join(name)))?;
                layout.title = layout.title.or_else(|| string_at(&data, &["title"]));
                layout.description = layout
                    .description
                    .or_else(|| string_at(&data, &["description"]));
            }
            layout.config_file = file;
        }
        Generator::Jekyll => {
            let file = first_existing(root, &["_config.yml", "_config.yaml"]);
            layout.config = read_config(file.as_deref())?;
            layout.title = string_at(&layout.config, &["title"]);
            layout.description = string_at(&layout.config, &["description"]);
            layout.config_file = file;
        }
    }
    if !layout.content_dir.is_dir() {
        bail!(
            "{} has no {} folder where {} keeps its pages; check the source folder, or name the generator with --from",
            root.display(),
            layout.content_dir.strip_prefix(root).unwrap_or(&layout.content_dir).display(),
            generator.name()
        );
    }
    layout.static_dirs.retain(|(dir, _)| dir.is_dir());
    Ok(layout)
}

/// Hugo's site parameters: `params:` of the config, with `params.yaml` (or `.toml`) of the
/// config's folder laid over it (`config/_default/params.yaml`).
fn hugo_params(config: &Value, file: Option<&Path>) -> Result<Value> {
    let mut params = match config.get("params") {
        Some(Value::Mapping(map)) => map.clone(),
        _ => serde_yaml::Mapping::new(),
    };
    if let Some(dir) = file.and_then(Path::parent) {
        let beside = ["params.yaml", "params.yml", "params.toml"]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file());
        if let Value::Mapping(more) = read_config(beside.as_deref())? {
            params.extend(more);
        }
    }
    Ok(Value::Mapping(params))
}

fn first_existing(root: &Path, names: &[&str]) -> Option<PathBuf> {
    names.iter().map(|n| root.join(n)).find(|p| p.is_file())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// A YAML, TOML or JSON config as YAML values; `Null` when the file does not exist.
pub(crate) fn read_config(path: Option<&Path>) -> Result<Value> {
    let Some(path) = path.filter(|p| p.is_file()) else {
        return Ok(Value::Null);
    };
    let text = read(path)?;
    let value = if path.extension().is_some_and(|e| e == "toml") {
        let table: toml::Table = toml::from_str(&text)
            .with_context(|| format!("{} is not valid TOML", path.display()))?;
        super::front_matter::toml_to_yaml(toml::Value::Table(table))
    } else {
        // MkDocs configs use `!!python/name:` tags; read them as plain values.
        serde_yaml::from_str(&text)
            .with_context(|| format!("{} is not valid YAML", path.display()))?
    };
    Ok(value)
}

/// The string at a path of keys in a config value.
pub(crate) fn string_at(value: &Value, keys: &[&str]) -> Option<String> {
    let mut current = value;
    for key in keys {
        current = current.get(*key)?;
    }
    crate::model::yaml::scalar_text(current).filter(|s| !s.trim().is_empty())
}

/// A list of strings at a top-level key (`exclude: [a, b]`); empty when absent.
pub(crate) fn string_list(value: &Value, key: &str) -> Vec<String> {
    match value.get(key) {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(crate::model::yaml::scalar_text)
            .collect(),
        _ => Vec::new(),
    }
}

/// `key: "value"` or `key: 'value'` in a JavaScript config (Docusaurus, Eleventy): the first
/// one. These configs are programs; only plain string literals are read.
pub(crate) fn js_string(text: &str, key: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let after = rest[at + key.len()..].trim_start();
        let after = after
            .strip_prefix(['"', '\''])
            .and_then(|a| a.strip_prefix(':').or(Some(a)))
            .unwrap_or(after);
        if before_ok {
            if let Some(value) = after.strip_prefix(':').map(str::trim_start) {
                if let Some(quote) = value
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '"' | '\'' | '`'))
                {
                    if let Some(end) = value[1..].find(quote) {
                        return Some(value[1..1 + end].to_string());
                    }
                }
            }
        }
        rest = &rest[at + key.len()..];
    }
    None
}

/// Folders an Eleventy config copies as they are: `addPassthroughCopy("img")`.
fn passthrough_dirs(text: &str) -> Vec<String> {
    let mut dirs = Vec::new();
    for part in text.split("addPassthroughCopy(").skip(1) {
        let part = part.trim_start();
        if let Some(quote) = part.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            if let Some(end) = part[1..].find(quote) {
                let dir = part[1..1 + end].trim_matches('/').to_string();
                if !dir.contains('*') && !dir.is_empty() {
                    dirs.push(dir);
                }
            }
        }
    }
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_strings_are_read_from_plain_literals() {
        let cases = [
            (
                "module.exports = { title: 'My Site', }",
                "title",
                Some("My Site"),
            ),
            (
                "const config = {\n  title: \"Docs\",\n",
                "title",
                Some("Docs"),
            ),
            (
                "dir: { input: \"pages\", output: \"_site\" }",
                "input",
                Some("pages"),
            ),
            ("subtitle: 'x'", "title", None),
            ("title: someVariable", "title", None),
        ];
        for (text, key, expected) in cases {
            assert_eq!(js_string(text, key).as_deref(), expected, "{text}");
        }
        assert_eq!(
            passthrough_dirs("c.addPassthroughCopy(\"img\");\nc.addPassthroughCopy({ 'a': 'b' });\nc.addPassthroughCopy('docs/**/*.png')"),
            ["img"]
        );
    }
}
