//! The glossary pages: `/glossary/` with every term explained, or, for a glossary too big for
//! one page (see `model::glossary`), `/glossary/` as an index of every term and one page per
//! letter (`/glossary/a/`) with the entries. Either way no glossary page grows past the
//! theme's byte budget, and `glossary/#term` still lands on the term.
//!
//! Pure: site values in, `(path, html)` out.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::generated::{GeneratedContext, GeneratedInput};
use crate::model::glossary::{letter_page, Glossary, Term, GLOSSARY_URL};
use crate::render::context::{Label, PageLink};
use crate::render::links::root_prefix;
use crate::render::markdown::{render_markdown, PageInput};

/// How many pages the glossary names per term; the rest are counted, so the glossary page
/// does not grow with the size of the site.
const USED_BY_SHOWN: usize = 8;

#[derive(Serialize)]
struct TermView<'a> {
    term: &'a str,
    id: &'a str,
    definition: &'a str,
    aka: Vec<&'a str>,
    audience: Vec<crate::render::context::Label<'a>>,
    see_also: Vec<PageLink<'a>>,
    /// Pages that explain the term with a tooltip (the first few).
    used_by: Vec<PageLink<'a>>,
    used_by_more: usize,
}

#[derive(Serialize)]
struct Group<'a> {
    letter: &'a str,
    /// Where the letter's entries are, from the page being rendered (`#letter-a`, `../a/`).
    href: String,
    terms: Vec<TermView<'a>>,
}

/// A term in the index of a split glossary.
#[derive(Serialize)]
struct IndexTerm<'a> {
    term: &'a str,
    id: &'a str,
    aka: Vec<&'a str>,
}

#[derive(Serialize)]
struct IndexGroup<'a> {
    letter: &'a str,
    href: String,
    terms: Vec<IndexTerm<'a>>,
}

#[derive(Serialize)]
struct Letter<'a> {
    letter: &'a str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct PageView<'a> {
    /// Entries in full: every letter on one page, or the one letter of a letter page.
    groups: Vec<Group<'a>>,
    /// The split glossary's index page: every term, linked to its letter page.
    index: Vec<IndexGroup<'a>>,
    letters: Vec<Letter<'a>>,
    /// On a letter page: the link back to the index.
    all_terms: Option<String>,
}

#[derive(Serialize)]
struct Own<'a> {
    glossary: PageView<'a>,
}

/// Every glossary page, as `(path, html)`.
pub(crate) fn render_glossary(
    input: &GeneratedInput,
    glossary: &Glossary,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, String)> {
    let letters: Vec<&str> = {
        let mut l: Vec<&str> = glossary.terms.iter().map(|t| t.letter.as_str()).collect();
        l.dedup();
        l
    };
    let root = root_prefix(input.config, 1);
    let intro_input = PageInput {
        rel_path: crate::model::glossary::GLOSSARY_FILE,
        site_path: &glossary.site_path,
        file_text: &glossary.text,
        body_offset: 0,
        root: &root,
        tooltips: None,
        title: crate::render::markdown::TitleHeading::Keep,
        views: Default::default(),
    };
    let intro = render_markdown(&glossary.intro, &intro_input, input.targets);
    diagnostics.extend(intro.diagnostics.into_iter().map(|d| Diagnostic {
        source_line: None,
        location: Some(Location::file(&glossary.site_path)),
        ..d
    }));
    let nav_for = |current: Option<&str>| -> Vec<Letter> {
        letters
            .iter()
            .map(|&letter| Letter {
                letter,
                href: href(glossary.split, current, letter),
                current: current == Some(letter),
            })
            .collect()
    };
    let mut pages = Vec::new();
    let mut render = |path: String, title: String, content: &str, view: PageView| {
        let depth = path.matches('/').count();
        let root = root_prefix(input.config, depth);
        let url = path.trim_end_matches("index.html").to_string();
        let context = GeneratedContext {
            site: &input.site,
            root: &root,
            page: input.generated_view(&title, glossary.description.as_deref(), &url, content),
            nav: &input.nav,
            own: Own { glossary: view },
        };
        match input.render_generated_page(
            "glossary.html",
            &path,
            &context,
            Some(&glossary.site_path),
        ) {
            Ok(html) => pages.extend(html.map(|html| (path, html))),
            Err(diag) => diagnostics.push(diag),
        }
    };
    let path = format!("{GLOSSARY_URL}index.html");
    if !glossary.split {
        let groups = letters
            .iter()
            .map(|&letter| group(input, glossary, letter, href(false, None, letter)))
            .collect();
        let view = PageView {
            groups,
            index: Vec::new(),
            letters: nav_for(None),
            all_terms: None,
        };
        render(path, glossary.title.clone(), &intro.html, view);
        return pages;
    }
    let index = letters
        .iter()
        .map(|&letter| IndexGroup {
            letter,
            href: href(true, None, letter),
            terms: terms_of(glossary, letter)
                .map(|t| IndexTerm {
                    term: &t.entry.term,
                    id: &t.id,
                    aka: t.entry.aka_texts(),
                })
                .collect(),
        })
        .collect();
    let view = PageView {
        groups: Vec::new(),
        index,
        letters: nav_for(None),
        all_terms: None,
    };
    render(path, glossary.title.clone(), &intro.html, view);
    for &letter in &letters {
        let view = PageView {
            groups: vec![group(input, glossary, letter, "#".to_string())],
            index: Vec::new(),
            letters: nav_for(Some(letter)),
            all_terms: Some("../".to_string()),
        };
        let path = format!("{}index.html", letter_page(letter));
        render(path, format!("{}: {letter}", glossary.title), "", view);
    }
    pages
}

/// From the page of `current` (`None`: the glossary's first page) to `letter`'s entries.
fn href(split: bool, current: Option<&str>, letter: &str) -> String {
    let anchor = format!("#letter-{}", letter.to_lowercase());
    match (split, current) {
        (false, _) => anchor,
        (true, Some(c)) if c == letter => anchor,
        (true, from) => {
            let page = letter_page(letter);
            let rel = page.trim_start_matches(GLOSSARY_URL);
            let up = if from.is_some() { "../" } else { "" };
            format!("{up}{rel}")
        }
    }
}

fn terms_of<'g>(glossary: &'g Glossary, letter: &'g str) -> impl Iterator<Item = &'g Term> {
    glossary.terms.iter().filter(move |t| t.letter == letter)
}

fn group<'a>(
    input: &'a GeneratedInput,
    glossary: &'a Glossary,
    letter: &'a str,
    href: String,
) -> Group<'a> {
    let terms = glossary
        .terms
        .iter()
        .enumerate()
        .filter(|(_, t)| t.letter == letter)
        .map(|(index, term)| {
            let used = input
                .aware
                .term_pages
                .get(index)
                .map_or(&[][..], Vec::as_slice);
            TermView {
                term: &term.entry.term,
                id: &term.id,
                definition: &term.entry.definition,
                aka: term.entry.aka_texts(),
                audience: Label::audiences(input.config, &term.entry.audience),
                see_also: term
                    .entry
                    .see_also
                    .iter()
                    .filter_map(|p| input.tree.by_source.get(p))
                    .map(|&id| input.link(id))
                    .collect(),
                used_by: used
                    .iter()
                    .take(USED_BY_SHOWN)
                    .map(|&id| input.link(id))
                    .collect(),
                used_by_more: used.len().saturating_sub(USED_BY_SHOWN),
            }
        })
        .collect();
    Group {
        letter,
        href,
        terms,
    }
}
