//! Import, step 2: a source page's front matter (YAML `---` or TOML `+++`) read into
//! [`PageMeta`]: the fields bridgebook has, in its own forms, and the rest kept under `extra`.
//!
//! Pure: text in, values out. Knows each generator's names for the same idea (`nav_order`,
//! `sidebar_position` and `weight`; `redirect_from` and `aliases`; `published: false` and
//! `draft: true`) and the date formats they accept.

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use crate::model::yaml::scalar_text;

/// A page's text cut into its front matter and its body.
#[derive(Debug, Default)]
pub(crate) struct SplitPage<'a> {
    pub(crate) front: Mapping,
    pub(crate) body: &'a str,
    /// Front matter that could not be read: the block as written and why.
    pub(crate) unreadable: Option<(String, String)>,
}

/// Splits off a `---` (YAML) or `+++` (TOML) block at the top of the file.
pub(crate) fn split(text: &str) -> SplitPage<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("").trim_end();
    let fence = match first {
        "---" => "---",
        "+++" => "+++",
        _ => {
            return SplitPage {
                body: text,
                ..SplitPage::default()
            }
        }
    };
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let block = &text[start..offset];
            let body = &text[offset + line.len()..];
            let parsed = if fence == "+++" {
                toml::from_str::<toml::Table>(block)
                    .map(|t| toml_to_yaml(toml::Value::Table(t)))
                    .map_err(|e| e.message().to_string())
            } else {
                serde_yaml::from_str::<Value>(block).map_err(|e| e.to_string())
            };
            let (front, unreadable) = match parsed {
                Ok(Value::Mapping(map)) => (map, None),
                Ok(Value::Null) => (Mapping::new(), None),
                Ok(_) => (
                    Mapping::new(),
                    Some((block.to_string(), "it is not `key: value` lines".into())),
                ),
                Err(err) => (Mapping::new(), Some((block.to_string(), err))),
            };
            return SplitPage {
                front,
                body,
                unreadable,
            };
        }
        offset += line.len();
    }
    // Never closed: the whole file is the body, as the generator would mostly show it.
    SplitPage {
        body: text,
        ..SplitPage::default()
    }
}

/// TOML values as YAML values; dates become their text.
pub(crate) fn toml_to_yaml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(toml_to_yaml).collect()),
        toml::Value::Table(table) => Value::Mapping(
            table
                .into_iter()
                .map(|(k, v)| (Value::String(k), toml_to_yaml(v)))
                .collect(),
        ),
    }
}

/// What a source page's front matter says, in bridgebook's terms.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageMeta {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) tags: Vec<String>,
    /// `weight`, `nav_order` or `sidebar_position`, as written.
    pub(crate) position: Option<f64>,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) updated: Option<NaiveDate>,
    pub(crate) draft: bool,
    pub(crate) owner: Option<String>,
    /// Old addresses (`redirect_from`, `aliases`), as written.
    pub(crate) aliases: Vec<String>,
    /// `permalink` (Jekyll, Eleventy) or `url` (Hugo): the page's address in the source.
    pub(crate) permalink: Option<String>,
    /// `slug` (Hugo, Docusaurus) or Docusaurus' `id`: the last part of the address.
    pub(crate) slug: Option<String>,
    /// `redirect_to`: the page only sends readers elsewhere.
    pub(crate) redirect_to: Option<String>,
    /// Keys bridgebook has no field for, kept as they were (and the source's own `extra`).
    pub(crate) extra: Mapping,
    /// Values that could not be mapped, with why (kept under `extra` too).
    pub(crate) notes: Vec<String>,
}

/// Maps one page's front matter. `docusaurus` makes `id` name the page's address.
pub(crate) fn map_front_matter(front: &Mapping, docusaurus: bool) -> PageMeta {
    let mut meta = PageMeta::default();
    for (key, value) in front {
        let Some(key) = key.as_str() else { continue };
        let text = || scalar_text(value).filter(|s| !s.trim().is_empty());
        match key {
            "title" => meta.title = text(),
            "description" | "summary" | "excerpt" if meta.description.is_none() => {
                meta.description = text()
            }
            "tags" | "categories" => {
                for tag in words(value) {
                    if !meta.tags.contains(&tag) {
                        meta.tags.push(tag);
                    }
                }
            }
            "weight" | "nav_order" | "sidebar_position" => match value.as_f64() {
                Some(n) => meta.position = Some(n),
                None => keep(&mut meta, key, value, "is not a number"),
            },
            "date" => meta.date = date_or_keep(&mut meta, key, value),
            "lastmod" | "last_modified_at" | "updated" => {
                meta.updated = date_or_keep(&mut meta, key, value)
            }
            "last_update" if value.get("date").is_some() => {
                meta.updated = date_or_keep(&mut meta, key, &value["date"])
            }
            "draft" => match value.as_bool() {
                Some(b) => meta.draft |= b,
                None => keep(&mut meta, key, value, "is not true or false"),
            },
            "published" if value.as_bool() == Some(false) => meta.draft = true,
            "published" if value.as_bool() == Some(true) => {}
            "owner" => meta.owner = text(),
            "redirect_from" | "aliases" => meta.aliases.extend(words(value)),
            "permalink" | "url" if value.as_bool() == Some(false) => {
                meta.draft = true;
                meta.notes.push(format!(
                    "`{key}: false` (never published): imported as a draft"
                ));
            }
            "permalink" | "url" => match text() {
                Some(p) if !p.contains("{{") && !p.contains("{%") => meta.permalink = Some(p),
                _ => keep(&mut meta, key, value, "is computed by a template"),
            },
            "slug" => meta.slug = text(),
            "id" if docusaurus => meta.slug = meta.slug.take().or_else(text),
            "redirect_to" => {
                meta.redirect_to = text();
                meta.extra.insert(key.into(), value.clone());
            }
            "extra" => {
                if let Value::Mapping(own) = value {
                    meta.extra.extend(own.clone());
                } else {
                    meta.extra.insert(key.into(), value.clone());
                }
            }
            _ => {
                meta.extra.insert(key.into(), value.clone());
            }
        }
    }
    meta
}

fn keep(meta: &mut PageMeta, key: &str, value: &Value, why: &str) {
    let shown = scalar_text(value).unwrap_or_else(|| crate::model::yaml::kind_name(value).into());
    meta.notes
        .push(format!("`{key}: {shown}` {why}: kept under `extra`"));
    meta.extra.insert(key.into(), value.clone());
}

fn date_or_keep(meta: &mut PageMeta, key: &str, value: &Value) -> Option<NaiveDate> {
    let text = scalar_text(value)?;
    match parse_date(&text) {
        Some(date) => Some(date),
        None => {
            keep(meta, key, value, "is not a date bridgebook can read");
            None
        }
    }
}

/// A date as Jekyll, Hugo, Eleventy or Docusaurus accept it: `2024-03-05`,
/// `2024-03-05 10:00:00 -0500`, `2024-03-05T10:00:00Z`, `2024/03/05`, `March 5, 2024`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(day) = text.get(..10) {
        let rest = &text[10..];
        if rest.is_empty() || rest.starts_with(['T', ' ', 't']) {
            for format in ["%Y-%m-%d", "%Y/%m/%d"] {
                if let Ok(date) = NaiveDate::parse_from_str(day, format) {
                    return Some(date);
                }
            }
        }
    }
    [
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%Y-%m-%-d",
        "%Y-%-m-%-d",
    ]
    .iter()
    .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// A list of words, or one word, or Docusaurus' `{label: ...}` objects.
fn words(value: &Value) -> Vec<String> {
    let items: Vec<&Value> = match value {
        Value::Sequence(items) => items.iter().collect(),
        Value::Null => vec![],
        other => vec![other],
    };
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::Mapping(m) => m.get("label").and_then(scalar_text),
            other => scalar_text(other),
        })
        .flat_map(|s| {
            // Jekyll accepts `tags: a b` and `categories: a, b` as one string.
            if matches!(value, Value::String(_)) {
                s.split([',', ' ']).map(str::to_string).collect::<Vec<_>>()
            } else {
                vec![s]
            }
        })
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(yaml: &str) -> PageMeta {
        let front: Mapping = serde_yaml::from_str(yaml).unwrap();
        map_front_matter(&front, false)
    }

    #[test]
    fn splits_yaml_toml_and_none() {
        let page = split("---\ntitle: A\n---\nbody\n");
        assert_eq!(page.front["title"], "A");
        assert_eq!(page.body, "body\n");
        let page =
            split("+++\ntitle = \"B\"\ndate = 2024-03-05T10:00:00Z\nweight = 3\n+++\n\nbody");
        assert_eq!(page.front["title"], "B");
        assert_eq!(page.front["date"], "2024-03-05T10:00:00Z");
        let page = split("# Just a README\n");
        assert!(page.front.is_empty() && page.body == "# Just a README\n");
        let page = split("---\ntitle: [unclosed\n---\nbody");
        assert!(page.unreadable.is_some() && page.body == "body");
    }

    #[test]
    fn maps_every_generator_key() {
        type Check = fn(&PageMeta) -> bool;
        let cases: &[(&str, Check)] = &[
            ("nav_order: 3", |m| m.position == Some(3.0)),
            ("sidebar_position: 2.5", |m| m.position == Some(2.5)),
            ("weight: 20", |m| m.position == Some(20.0)),
            ("published: false", |m| m.draft),
            ("draft: true", |m| m.draft),
            ("redirect_from: [/old/, /older/]", |m| {
                m.aliases == ["/old/", "/older/"]
            }),
            ("aliases: /old", |m| m.aliases == ["/old"]),
            ("tags: [a, b]\ncategories: [b, c]", |m| {
                m.tags == ["a", "b", "c"]
            }),
            ("tags: one two", |m| m.tags == ["one", "two"]),
            ("tags: [{label: Ops, permalink: /ops}]", |m| {
                m.tags == ["Ops"]
            }),
            ("date: 2024-03-05 10:00:00 -0500", |m| {
                m.date == NaiveDate::from_ymd_opt(2024, 3, 5)
            }),
            ("lastmod: 2024-03-05T10:00:00Z", |m| {
                m.updated == NaiveDate::from_ymd_opt(2024, 3, 5)
            }),
            ("last_update: {date: 2024/03/05}", |m| {
                m.updated == NaiveDate::from_ymd_opt(2024, 3, 5)
            }),
            ("date: March 5, 2024", |m| {
                m.date == NaiveDate::from_ymd_opt(2024, 3, 5)
            }),
            ("date: Last Modified", |m| {
                m.date.is_none() && m.extra.contains_key("date") && m.notes.len() == 1
            }),
            ("permalink: /x/y/", |m| {
                m.permalink.as_deref() == Some("/x/y/")
            }),
            ("permalink: false", |m| m.draft && m.permalink.is_none()),
            ("permalink: \"/{{ page.fileSlug }}/\"", |m| {
                m.permalink.is_none() && m.extra.contains_key("permalink")
            }),
            ("summary: S\ndescription: D", |m| {
                m.description.as_deref() == Some("S")
            }),
            ("questions: [a]\nextra: {k: 1}", |m| m.extra.len() == 2),
            ("id: intro", |m| {
                m.slug.is_none() && m.extra.contains_key("id")
            }),
        ];
        for (yaml, check) in cases {
            let m = meta(yaml);
            assert!(check(&m), "{yaml}: {m:?}");
        }
        let front: Mapping = serde_yaml::from_str("id: intro").unwrap();
        assert_eq!(
            map_front_matter(&front, true).slug.as_deref(),
            Some("intro")
        );
    }
}
