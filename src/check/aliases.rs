//! Aliases that collide with a page's address: a redirect written there would replace the
//! page. Checked on every build, not only by `check`. Pure.

use std::collections::HashSet;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::model::tree::SiteTree;

pub(crate) fn check_aliases(tree: &SiteTree, diagnostics: &mut Diagnostics) {
    let urls: HashSet<&str> = tree.pages.iter().map(|p| p.url.as_str()).collect();
    for page in &tree.pages {
        for alias in &page.fm.aliases {
            let normal = format!("{}/", alias.trim_matches('/'));
            if urls.contains(normal.as_str()) || alias.split('/').any(|s| s == "..") {
                let diag = Diagnostic::error(
                    Code::AliasCollision,
                    format!("alias \"{alias}\" is the address of an existing page"),
                )
                .help("remove the alias, or move the page that lives there");
                // The alias as written under `aliases:` (the parser knows that key's line),
                // never a mention of it in the body.
                let key_line = page.fm.key_lines.line_of("aliases").unwrap_or(1);
                let (line, col) = page.text[..page.body_offset]
                    .lines()
                    .enumerate()
                    .skip(key_line - 1)
                    .find_map(|(i, l)| l.find(alias.as_str()).map(|c| (i + 1, c + 1)))
                    .unwrap_or((key_line, 1));
                let location = Location::new(&page.site_path, line, col, alias.chars().count());
                diagnostics.push(diag.at_source(location, &page.text));
            }
        }
    }
}
