//! Problem codes: the one list of every problem bridgebook reports, each with its stable name
//! and, for the codes `checks:` in `bridgebook.yaml` may raise, lower or silence, its level
//! when the config says nothing. The README's table of configurable codes is tested against
//! [`Code::configurable`], and the config's `checks:` keys are validated with [`Code::parse`].

/// A configured level for one problem code: `checks:` in `bridgebook.yaml`, or a code's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Error,
    Warning,
    Note,
    Off,
}

#[cfg(test)]
impl Level {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
            Level::Off => "off",
        }
    }
}

/// A problem's code, shown in brackets after each message (`[broken-link]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Code {
    BrokenLink,
    BrokenAnchor,
    MissingImage,
    MissingFile,
    UnknownKey,
    UnknownTag,
    BrokenExternalLink,
    StalePage,
    MissingOwner,
    MissingAudience,
    OrphanPage,
    EmptySection,
    DuplicateTitle,
    MissingAlt,
    SkippedHeading,
    TemplateBlock,
    CommonWordAlias,
    TooltipPhrases,
    Jargon,
    UnexplainedAcronym,
    ReadingLevel,
    Spelling,
    Grammar,
    UnusedAllow,
    AliasCollision,
    BadDate,
    BadSlug,
    BinaryFile,
    Config,
    DuplicateUrl,
    FrontMatterType,
    Glossary,
    InvalidUtf8,
    Io,
    NoContent,
    NoTooltip,
    SymlinkLoop,
    Template,
    Track,
    UnknownAudience,
    UnknownRole,
    UnterminatedFrontMatter,
    WrongType,
    YamlSyntax,
    MissingTitle,
    Tabs,
    IncludePlace,
    MissingInclude,
    IncludeCycle,
    UnknownValue,
    PrintUrl,
}

impl Code {
    /// Every code, configurable ones first, in the order of the README's table.
    pub(crate) const ALL: &[Code] = &[
        Code::BrokenLink,
        Code::BrokenAnchor,
        Code::MissingImage,
        Code::MissingFile,
        Code::UnknownKey,
        Code::UnknownTag,
        Code::BrokenExternalLink,
        Code::StalePage,
        Code::MissingOwner,
        Code::MissingAudience,
        Code::OrphanPage,
        Code::EmptySection,
        Code::DuplicateTitle,
        Code::MissingAlt,
        Code::SkippedHeading,
        Code::TemplateBlock,
        Code::CommonWordAlias,
        Code::TooltipPhrases,
        Code::Jargon,
        Code::UnexplainedAcronym,
        Code::ReadingLevel,
        Code::Spelling,
        Code::Grammar,
        Code::UnusedAllow,
        Code::AliasCollision,
        Code::BadDate,
        Code::BadSlug,
        Code::BinaryFile,
        Code::Config,
        Code::DuplicateUrl,
        Code::FrontMatterType,
        Code::Glossary,
        Code::InvalidUtf8,
        Code::Io,
        Code::NoContent,
        Code::NoTooltip,
        Code::SymlinkLoop,
        Code::Template,
        Code::Track,
        Code::UnknownAudience,
        Code::UnknownRole,
        Code::UnterminatedFrontMatter,
        Code::WrongType,
        Code::YamlSyntax,
        Code::MissingTitle,
        Code::Tabs,
        Code::IncludePlace,
        Code::MissingInclude,
        Code::IncludeCycle,
        Code::UnknownValue,
        Code::PrintUrl,
    ];

    /// The code as written in messages, the config and the docs: stable and kebab-case.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Code::BrokenLink => "broken-link",
            Code::BrokenAnchor => "broken-anchor",
            Code::MissingImage => "missing-image",
            Code::MissingFile => "missing-file",
            Code::UnknownKey => "unknown-key",
            Code::UnknownTag => "unknown-tag",
            Code::BrokenExternalLink => "broken-external-link",
            Code::StalePage => "stale-page",
            Code::MissingOwner => "missing-owner",
            Code::MissingAudience => "missing-audience",
            Code::OrphanPage => "orphan-page",
            Code::EmptySection => "empty-section",
            Code::DuplicateTitle => "duplicate-title",
            Code::MissingAlt => "missing-alt",
            Code::SkippedHeading => "skipped-heading",
            Code::TemplateBlock => "template-block",
            Code::CommonWordAlias => "common-word-alias",
            Code::TooltipPhrases => "tooltip-phrases",
            Code::Jargon => "jargon",
            Code::UnexplainedAcronym => "unexplained-acronym",
            Code::ReadingLevel => "reading-level",
            Code::Spelling => "spelling",
            Code::Grammar => "grammar",
            Code::UnusedAllow => "unused-allow",
            Code::AliasCollision => "alias-collision",
            Code::BadDate => "bad-date",
            Code::BadSlug => "bad-slug",
            Code::BinaryFile => "binary-file",
            Code::Config => "config",
            Code::DuplicateUrl => "duplicate-url",
            Code::FrontMatterType => "front-matter-type",
            Code::Glossary => "glossary",
            Code::InvalidUtf8 => "invalid-utf8",
            Code::Io => "io",
            Code::NoContent => "no-content",
            Code::NoTooltip => "no-tooltip",
            Code::SymlinkLoop => "symlink-loop",
            Code::Template => "template",
            Code::Track => "track",
            Code::UnknownAudience => "unknown-audience",
            Code::UnknownRole => "unknown-role",
            Code::UnterminatedFrontMatter => "unterminated-front-matter",
            Code::WrongType => "wrong-type",
            Code::YamlSyntax => "yaml-syntax",
            Code::MissingTitle => "missing-title",
            Code::Tabs => "tabs",
            Code::IncludePlace => "include-place",
            Code::MissingInclude => "missing-include",
            Code::IncludeCycle => "include-cycle",
            Code::UnknownValue => "unknown-value",
            Code::PrintUrl => "print-url",
        }
    }

    /// The level a configurable code has when `checks:` says nothing; `None` for the codes
    /// that are always errors (bad YAML, an unknown audience or two pages wanting one URL leave
    /// nothing sensible to write). Link and asset problems are errors by default, so a
    /// published site has no dead links, but a team migrating a handbook may lower them to
    /// warnings and publish while it fixes them.
    /// The plain-language rules are configurable too; a rule that is `off` by default does not
    /// run unless `checks:` turns it on.
    pub(crate) fn configurable(self) -> Option<Level> {
        match self {
            Code::BrokenLink
            | Code::BrokenAnchor
            | Code::MissingImage
            | Code::MissingFile
            | Code::UnknownKey
            | Code::UnknownTag
            | Code::BrokenExternalLink => Some(Level::Error),
            Code::StalePage
            | Code::MissingOwner
            | Code::MissingAudience
            | Code::OrphanPage
            | Code::EmptySection
            | Code::DuplicateTitle
            | Code::MissingAlt
            | Code::SkippedHeading
            | Code::TemplateBlock
            | Code::CommonWordAlias
            | Code::Jargon
            | Code::UnexplainedAcronym
            | Code::ReadingLevel
            | Code::UnusedAllow => Some(Level::Warning),
            Code::TooltipPhrases => Some(Level::Note),
            // Off by default: on the shipped handbook a careful reader agreed with 4 of
            // harper-core's 224 findings, and it takes seconds on the handbook, minutes on
            // 1,000 pages (docs/benchmarks.md).
            Code::Spelling | Code::Grammar => Some(Level::Off),
            _ => None,
        }
    }

    /// The code written `name`, if there is one.
    pub(crate) fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// The names of the codes `checks:` accepts, for messages and "did you mean".
    pub(crate) fn configurable_names() -> Vec<&'static str> {
        Code::ALL
            .iter()
            .filter(|c| c.configurable().is_some())
            .map(|c| c.as_str())
            .collect()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code compared with its written name, as tests and tables hold it.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_own_kebab_case_name_that_parses_back() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert!(code
                .as_str()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len(), "two codes share a name");
        assert_eq!(Code::parse("broken-links"), None);
    }
}
