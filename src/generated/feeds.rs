//! Atom feeds of recently updated pages: `feed.xml` for the whole handbook and
//! `audiences/<id>/feed.xml` for each audience. Pure: returns `(path, xml)`.
//!
//! Dates are the pages' last updates (front matter `updated:` or the file's last change), so a
//! feed reader sees a page again when it changes. Without `base_url`, links are relative to
//! the feed's own address, which Atom allows, and ids are stable `urn:` names.

use crate::generated::GeneratedInput;
use crate::html::escape_html as escape;
use crate::model::tree::PageId;
use crate::render::links::root_prefix;

/// Every feed of the site.
pub(crate) fn render_feeds(input: &GeneratedInput) -> Vec<(String, String)> {
    let limit = input.config.feed;
    if limit == 0 {
        return Vec::new();
    }
    let mut feeds = vec![(
        "feed.xml".to_string(),
        feed(input, "", &input.config.title, |_| true, limit),
    )];
    for audience in &input.config.audiences {
        let path = format!("audiences/{}/", audience.id);
        let title = format!("{}: for {}", input.config.title, audience.label);
        let xml = feed(
            input,
            &path,
            &title,
            |id| input.tree.pages[id].fm.audience.contains(&audience.id),
            limit,
        );
        feeds.push((format!("{path}feed.xml"), xml));
    }
    feeds
}

/// One feed, written at `dir` (`""` or `audiences/it/`), of the `limit` most recently
/// updated pages that `pick` keeps.
fn feed(
    input: &GeneratedInput,
    dir: &str,
    title: &str,
    pick: impl Fn(PageId) -> bool,
    limit: usize,
) -> String {
    let tree = input.tree;
    let mut ids: Vec<PageId> = tree
        .page_ids()
        .filter(|&id| !tree.pages[id].is_section && pick(id))
        .collect();
    ids.sort_by(|&a, &b| {
        input.aware.updated[b]
            .cmp(&input.aware.updated[a])
            .then_with(|| tree.pages[a].fm.title.cmp(&tree.pages[b].fm.title))
    });
    ids.truncate(limit);
    let root = root_prefix(input.config, dir.matches('/').count());
    let id_of = |url: &str| match &input.config.base_url {
        Some(base) => format!("{base}{url}"),
        None => format!(
            "urn:bridgebook:{}",
            if url.is_empty() { "home" } else { url }
        ),
    };
    let date = |id: PageId| {
        input.aware.updated[id]
            .or(tree.pages[id].fm.date)
            .unwrap_or(input.aware.today)
    };
    let newest = ids
        .iter()
        .map(|&id| date(id))
        .max()
        .unwrap_or(input.aware.today);
    let mut xml = String::with_capacity(1024 + ids.len() * 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "<title>{}</title>\n<id>{}</id>\n<updated>{newest}T00:00:00Z</updated>\n<link rel=\"self\" href=\"{root}{dir}feed.xml\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n<author><name>{}</name></author>\n<generator>bridgebook</generator>\n",
        escape(title),
        escape(&id_of(&format!("{dir}feed.xml"))),
        escape(&input.config.title),
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
