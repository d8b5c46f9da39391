//! Stage 4, index: the files about pages rather than words: snippet text and how hits are
//! filtered (facets, views). Pure, like `shard` and `rows`; `files` writes them and describes
//! every file's place.

use std::collections::BTreeMap;

use serde_json::json;

use super::encode::{gap_list, js_call};
use super::index::DocInfo;

/// `bbSearch.text(n, texts)`: each page's snippet text (`excerpt`), up to `chars` characters; the
/// client cuts the snippet around the words a query matched.
pub(crate) fn text_file(n: usize, docs: &[DocInfo], chars: usize) -> String {
    let texts: Vec<&str> = docs.iter().map(|doc| cut(&doc.excerpt, chars)).collect();
    js_call("text", &[json!(n), json!(texts)])
}

/// `text` up to `chars` characters, ending at a word's end where there is one.
fn cut(text: &str, chars: usize) -> &str {
    let Some((end, _)) = text.char_indices().nth(chars) else {
        return text;
    };
    match text[..end].rfind(' ') {
        Some(space) if space > 0 => &text[..space],
        _ => &text[..end],
    }
}

/// A facet's values on one page.
type FacetValues = fn(&DocInfo) -> Vec<&str>;

/// For each facet, each value's label and the docs that carry it (as a gap list).
pub(crate) fn facets_file(docs: &[DocInfo]) -> String {
    let mut facets = serde_json::Map::new();
    let kinds: [(&str, FacetValues); 4] = [
        ("audience", |d| {
            d.audience.iter().map(String::as_str).collect()
        }),
        ("role", |d| d.roles.iter().map(String::as_str).collect()),
        ("section", |d| {
            Some(d.section.as_str())
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect()
        }),
        ("tag", |d| d.tags.iter().map(String::as_str).collect()),
    ];
    for (name, values_of) in kinds {
        let mut values: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (id, doc) in docs.iter().enumerate() {
            for value in values_of(doc) {
                values
                    .entry(value)
                    .or_default()
                    .push(u32::try_from(id).unwrap_or(u32::MAX));
            }
        }
        let list: Vec<serde_json::Value> = values
            .into_iter()
            .map(|(label, ids)| json!([label, gap_list(&ids)]))
            .collect();
        facets.insert(name.to_string(), json!(list));
    }
    js_call("facets", &[serde_json::Value::Object(facets)])
}

/// For each audience id and role id, the docs that carry it. The client decides with the
/// theme's own rule (`bbView.shows` in bridgebook.js) which of them a view shows, so search
/// hides exactly what the sidebar hides.
pub(crate) fn views_file(docs: &[DocInfo]) -> String {
    let mut audiences: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut roles: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        for audience in &doc.audience {
            audiences.entry(audience).or_default().push(id);
        }
        for role in &doc.role_ids {
            roles.entry(role).or_default().push(id);
        }
    }
    let encode = |map: BTreeMap<&str, Vec<u32>>| -> BTreeMap<String, String> {
        map.into_iter()
            .map(|(key, ids)| (key.to_string(), gap_list(&ids)))
            .collect()
    };
    js_call(
        "views",
        &[json!({ "audience": encode(audiences), "role": encode(roles) })],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_text_is_cut_at_a_word() {
        let doc = |excerpt: &str| DocInfo {
            excerpt: excerpt.into(),
            ..DocInfo::default()
        };
        let docs = [
            doc("one two three four"),
            doc("short"),
            doc(&"x".repeat(20)),
        ];
        assert_eq!(
            text_file(7, &docs, 10),
            r#"bbSearch.text(7,["one two","short","xxxxxxxxxx"]);"#.to_string() + "\n"
        );
    }

    #[test]
    fn facets_and_views_list_pages_by_value() {
        let docs = [
            DocInfo {
                audience: vec!["it".into()],
                role_ids: vec!["developer".into()],
                section: "Guides".into(),
                ..DocInfo::default()
            },
            DocInfo {
                audience: vec!["it".into(), "marketing".into()],
                tags: vec!["launch".into()],
                ..DocInfo::default()
            },
        ];
        let facets = facets_file(&docs);
        assert!(
            facets.contains(r#""audience":[["it","00"],["marketing","1"]]"#),
            "{facets}"
        );
        assert!(facets.contains(r#""section":[["Guides","0"]]"#), "{facets}");
        assert!(facets.contains(r#""tag":[["launch","1"]]"#), "{facets}");
        assert_eq!(
            views_file(&docs),
            "bbSearch.views({\"audience\":{\"it\":\"00\",\"marketing\":\"1\"},\"role\":{\"developer\":\"0\"}});\n"
        );
    }
}
