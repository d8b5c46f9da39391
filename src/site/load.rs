//! The driver's load phase: the stages that read (config, content, theme, git dates) and
//! parse (front matter, tree, glossary, tracks), in order, into a [`Site`] ready to render.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::{BuildOptions, Site};
use crate::check::today;
use crate::diagnostic::Diagnostics;
use crate::load::config::read_config;
use crate::load::content::{load_content, Asset, LoadedContent};
use crate::load::theme::{load_theme, ThemeAsset};
use crate::model::config::{parse_config_and_report, Config, CONFIG_FILE};
use crate::model::glossary::GLOSSARY_FILE;
use crate::model::glossary::{parse_glossary, Glossary, GLOSSARY_URL};
use crate::model::tree::{build_tree, SiteTree};
use crate::render::aware::AwareEnv;
use crate::render::includes::Snippet;
use crate::render::markdown::LinkTargets;
use crate::render::template::Templates;

/// `bridgebook.yaml` read (by `load/`) and validated; `None` when it has errors (already pushed).
pub(crate) fn load_config(
    root: &Path,
    base_url: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Config>> {
    let text = read_config(root)?;
    let before = diagnostics.error_count();
    let mut config = parse_config_and_report(Path::new(CONFIG_FILE), &text, diagnostics);
    if let Some(parsed) = &config {
        crate::check::prose::check_rule_names(parsed, Path::new(CONFIG_FILE), diagnostics);
    }
    if diagnostics.error_count() > before {
        config = None;
    }
    if let (Some(config), Some(base)) = (&mut config, base_url) {
        config.base_url = Some(if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        });
    }
    Ok(config)
}

/// Load and parse stages. `None` when the config or the templates are unusable (the problems
/// are in `diagnostics`); otherwise the site, even if some pages had problems.
pub(super) fn load_site(
    options: &BuildOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Site>> {
    let Some(mut config) = load_config(&options.root, options.base_url.as_deref(), diagnostics)?
    else {
        return Ok(None);
    };
    if options.local {
        config.base_url = None;
    }
    let LoadedContent {
        sources,
        snippets,
        assets,
        glossary,
    } = load_content(&options.root, diagnostics);
    let snippets = snippets
        .into_iter()
        .filter_map(|file| {
            let snippet = read_snippet(file.site_path, file.text, diagnostics)?;
            Some((file.rel_path, snippet))
        })
        .collect();
    let theme = load_theme(&options.root, &config, diagnostics);
    let stylesheet = theme
        .stylesheet()
        .context("cannot read the theme's stylesheet")?;
    let tree = build_tree(sources, &config, options.drafts, diagnostics);
    let glossary =
        glossary.and_then(|(path, text)| parse_glossary(&path, text, &config, diagnostics));
    // With templates in hand, render even when earlier stages found problems, so that one run
    // also reports broken links and template errors; nothing is written in that case.
    let templates = match Templates::compile(theme.templates, diagnostics) {
        Ok(t) => t,
        Err(diag) => {
            diagnostics.push(diag);
            return Ok(None);
        }
    };
    let mut targets = link_targets(&tree, &assets, &theme.assets, glossary.is_some());
    if let Some(glossary) = &glossary {
        glossary.check_links(|p| tree.by_source.contains_key(p), diagnostics);
    }
    let aware = load_aware(
        &options.root,
        &config,
        &tree,
        glossary.as_ref(),
        diagnostics,
    );
    // Pages may link to the generated pages too: the tracks are known from here.
    let generated = crate::generated::generated_urls(&config, &tree, &aware.tracks);
    targets.urls.extend(generated);
    Ok(Some(Site {
        root: options.root.clone(),
        aware,
        config,
        stylesheet,
        tree,
        glossary,
        templates,
        targets,
        assets,
        snippets,
        theme_assets: theme.assets,
        links: Default::default(),
        search: None,
        search_pending: Vec::new(),
        generated_memo: options.local.then(Default::default),
        has_diagram: false,
        print_parts: Default::default(),
    }))
}

/// A snippet file, its front matter (a note for its editors, if any) set aside.
pub(super) fn read_snippet(
    site_path: std::path::PathBuf,
    text: String,
    diagnostics: &mut Diagnostics,
) -> Option<Snippet> {
    match crate::model::front_matter::split(&site_path, &text) {
        Ok(parts) => Some(Snippet {
            body_offset: parts.body_offset,
            site_path,
            text,
        }),
        Err(diag) => {
            diagnostics.push(diag);
            None
        }
    }
}

/// What the audience-aware features need from the whole site: when each page last changed
/// (one `git log`), the reading tracks, the glossary's tooltip matcher, today.
fn load_aware(
    root: &Path,
    config: &Config,
    tree: &SiteTree,
    glossary: Option<&Glossary>,
    diagnostics: &mut Diagnostics,
) -> AwareEnv {
    let changed = crate::load::dates::last_changed(
        root,
        tree.pages
            .iter()
            .filter(|p| !p.text.is_empty())
            .map(|p| p.site_path.as_path()),
    );
    let tracks = crate::model::tracks::resolve_tracks(config, tree, diagnostics);
    let tooltips = glossary
        .filter(|_| config.tooltips)
        .and_then(crate::render::tooltips::Tooltips::new);
    AwareEnv::new(tree, tooltips, tracks, &changed, today())
}

fn link_targets(
    tree: &SiteTree,
    assets: &[Asset],
    theme_assets: &[(String, ThemeAsset)],
    has_glossary: bool,
) -> LinkTargets {
    let mut targets = LinkTargets::default();
    for page in &tree.pages {
        targets
            .pages
            .insert(page.rel_path.clone(), page.url.clone());
    }
    for rel in &tree.unparsed {
        targets.pages.entry(rel.clone()).or_default();
    }
    if has_glossary {
        targets
            .pages
            .insert(GLOSSARY_FILE.to_string(), GLOSSARY_URL.to_string());
    }
    targets.urls = targets.pages.values().cloned().collect();
    targets.files = assets
        .iter()
        .map(|a| a.dest.clone())
        .chain(theme_assets.iter().map(|(dest, _)| dest.clone()))
        .collect::<HashSet<_>>();
    targets
}
