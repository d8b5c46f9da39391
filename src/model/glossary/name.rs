//! Where a glossary name may match in page text: a term's or an alias's [`Name`] with its
//! [`Rules`] (exact case or not, acronyms by case unless told otherwise; `not:` phrases it
//! must not match; `only:` phrases it must match inside), and how an alias is read from YAML
//! (a plain string or a map).
//!
//! Apart from the file's parsing and validation because the tooltips and the glossary lints
//! read these rules on every page, while the file is parsed once.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// Whether a name matches only as written or in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Case {
    Exact,
    Any,
}

/// Where a name may match, as the author wrote it for a term or an alias.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rules {
    /// `None`: exact for an acronym (`CDN`, `2FA`), any case otherwise.
    pub(crate) case: Option<Case>,
    /// Phrases holding the name where it means something else (`incident lead`).
    pub(crate) not: Vec<String>,
    /// When set, the name matches only inside one of these phrases.
    pub(crate) only: Vec<String>,
    /// The author knows the name is an everyday English word and means it
    /// (silences `common-word-alias`).
    pub(crate) common_word: bool,
}

/// A term's or an alias's text with its rules. In YAML an alias is a plain string or a map
/// (`{name: request, only: [tool request]}`).
#[derive(Debug, Clone)]
pub(crate) struct Name {
    pub(crate) text: String,
    pub(crate) rules: Rules,
}

impl Name {
    /// Whether the text must match letter for letter, capitals included.
    pub(crate) fn exact_case(&self) -> bool {
        match self.rules.case {
            Some(case) => case == Case::Exact,
            None => is_acronym(&self.text),
        }
    }
}

/// `CDN`, `2FA`, `CI/CD`: no lower-case letter and at least two capitals.
fn is_acronym(text: &str) -> bool {
    !text.chars().any(char::is_lowercase) && text.chars().filter(|c| c.is_uppercase()).count() >= 2
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameMap {
    name: String,
    #[serde(default)]
    case: Option<Case>,
    #[serde(default)]
    not: Vec<String>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    common_word: bool,
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "an alias: a word, or a map such as {name: request, only: [tool request]}",
                )
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Name, E> {
                Ok(Name {
                    text: text.to_string(),
                    rules: Rules::default(),
                })
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Name, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Name, A::Error> {
                let m = NameMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Name {
                    text: m.name,
                    rules: Rules {
                        case: m.case,
                        not: m.not,
                        only: m.only,
                        common_word: m.common_word,
                    },
                })
            }
        }
        deserializer.deserialize_any(NameVisitor)
    }
}
