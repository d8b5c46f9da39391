//! Atom feeds of recently updated pages: `feed.xml` for the whole handbook and
//! `audiences/<id>/feed.xml` for each audience. Pure: returns `(path, xml)`.
//!
//! Dates are the pages' last updates (front matter `updated:` or the file's last change), so a
//! feed reader sees a page again when it changes. Without `base_url`, links are relative to
//! the feed's own address, which Atom allows, and ids are stable `urn:` names.

use crate::html::escape_html as escape;
use crate::model::tree::PageId;
use crate::render::page::{root_prefix, RenderEnv};

/// Every feed of the site.
pub(crate) fn render_feeds(env: &RenderEnv) -> Vec<(String, String)> {
    let limit = env.config.feed;
    if limit == 0 {
        return Vec::new();
    }
    let mut feeds = vec![(
        "feed.xml".to_string(),
        feed(env, "", &env.config.title, |_| true, limit),
    )];
    for audience in &env.config.audiences {
        let path = format!("audiences/{}/", audience.id);
        let title = format!("{}: for {}", env.config.title, audience.label);
        let xml = feed(
            env,
            &path,
            &title,
            |id| env.tree.pages[id].fm.audience.contains(&audience.id),
            limit,
        );
        feeds.push((format!("{path}feed.xml"), xml));
    }
    feeds
}

/// One feed, written at `dir` (`""` or `audiences/it/`), of the `limit` most recently
/// updated pages that `pick` keeps.
fn feed(
    env: &RenderEnv,
    dir: &str,
    title: &str,
    pick: impl Fn(PageId) -> bool,
    limit: usize,
) -> String {
    let tree = env.tree;
    let mut ids: Vec<PageId> = tree
        .page_ids()
        .filter(|&id| !tree.pages[id].is_section && pick(id))
        .collect();
    ids.sort_by(|&a, &b| {
        env.aware.updated[b]
            .cmp(&env.aware.updated[a])
            .then_with(|| tree.pages[a].fm.title.cmp(&tree.pages[b].fm.title))
    });
    ids.truncate(limit);
    let root = root_prefix(env.config, dir.matches('/').count());
    let id_of = |url: &str| match &env.config.base_url {
        Some(base) => format!("{base}{url}"),
        None => format!(
            "urn:bridgebook:{}",
            if url.is_empty() { "home" } else { url }
        ),
    };
    let date = |id: PageId| {
        env.aware.updated[id]
            .or(tree.pages[id].fm.date)
            .unwrap_or(env.aware.today)
    };
    let newest = ids
        .iter()
        .map(|&id| date(id))
        .max()
        .unwrap_or(env.aware.today);
    let mut xml = String::with_capacity(1024 + ids.len() * 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "<title>{}</title>\n<id>{}</id>\n<updated>{newest}T00:00:00Z</updated>\n<link rel=\"self\" href=\"{root}{dir}feed.xml\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n<author><name>{}</name></author>\n<generator>bridgebook</generator>\n",
        escape(title),
        escape(&id_of(&format!("{dir}feed.xml"))),
        escape(&env.config.title),
        home = if root.is_empty() && dir.is_empty() { "./".to_string() } else { format!("{root}{dir}") },
    ));
    for id in ids {
        let page = &tree.pages[id];
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{root}{}\"/>\n<id>{}</id>\n<updated>{}T00:00:00Z</updated>\n",
            escape(&page.fm.title),
            escape(&page.url),
            escape(&id_of(&page.url)),
            date(id),
        ));
        if let Some(owner) = &page.fm.owner {
            xml.push_str(&format!(
                "<author><name>{}</name></author>\n",
                escape(owner)
            ));
        }
        if let Some(description) = &page.fm.description {
            xml.push_str(&format!("<summary>{}</summary>\n", escape(description)));
        }
        for audience in &page.fm.audience {
            xml.push_str(&format!("<category term=\"{}\"/>\n", escape(audience)));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
