//! Taxonomies: pages that list every audience, role and tag, and one page per term.
//!
//! Pure: takes the tree, returns the pages to write. A term page lists its pages by title.

use std::collections::BTreeMap;

use rayon::prelude::*;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::generated::{GeneratedContext, GeneratedInput, Listings};
use crate::model::config::Config;
use crate::model::tree::{PageId, SiteTree};
use crate::render::context::PageLink;
use crate::render::links::{root_prefix, tag_url};

#[derive(Serialize)]
struct TermView<'a> {
    label: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TaxonomyView<'a> {
    label: &'a str,
    url: &'a str,
    terms: Vec<TermView<'a>>,
}

#[derive(Serialize)]
struct TermPages<'a> {
    label: &'a str,
    /// This listing page's pages (empty when they are shown in `groups`).
    pages: Vec<PageLink<'a>>,
    /// Audience and role pages list their pages by section.
    groups: Vec<SectionGroup<'a>>,
    /// The term's Atom feed (audiences).
    feed: Option<String>,
    /// Long lists continue on further pages.
    pager: crate::generated::pager::Pager,
}

#[derive(Serialize)]
struct SectionGroup<'a> {
    title: &'a str,
    title_html: &'a str,
    url: &'a str,
    pages: Vec<PageLink<'a>>,
}

/// The section whose listing shows page `id`: its own, or for a section's page, the parent's.
fn listed_in(tree: &crate::model::tree::SiteTree, id: PageId) -> usize {
    let page = &tree.pages[id];
    match (page.is_section, tree.sections[page.section].parent) {
        (true, Some(parent)) => parent,
        _ => page.section,
    }
}

/// `pages` by the section that lists them, sections in the order of the tree.
fn by_section<'a>(input: &GeneratedInput<'a>, pages: &[PageId]) -> Vec<SectionGroup<'a>> {
    let tree = input.tree;
    let mut groups: BTreeMap<usize, Vec<PageId>> = BTreeMap::new();
    for &id in pages {
        groups.entry(listed_in(tree, id)).or_default().push(id);
    }
    groups
        .into_iter()
        .map(|(section, ids)| {
            let page = &tree.pages[tree.sections[section].page];
            SectionGroup {
                title: &page.fm.title,
                title_html: &page.fm.title_html,
                url: &page.url,
                pages: ids.into_iter().map(|id| input.link(id)).collect(),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct ListOwn<'a> {
    taxonomy: TaxonomyView<'a>,
}

#[derive(Serialize)]
struct TermOwn<'a> {
    taxonomy: TaxonomyView<'a>,
    term: TermPages<'a>,
}

struct Taxonomy<'a> {
    key: &'static str,
    label: &'static str,
    /// (term id for the URL, label, pages)
    terms: Vec<(String, &'a str, Vec<PageId>)>,
}

fn collect<'a>(config: &'a Config, tree: &'a SiteTree) -> Vec<Taxonomy<'a>> {
    // Unsorted: only the term pages actually rendered sort their lists.
    let pages_with =
        |pick: &dyn Fn(&crate::model::front_matter::FrontMatter) -> bool| -> Vec<PageId> {
            tree.page_ids()
                .filter(|&id| pick(&tree.pages[id].fm))
                .collect()
        };
    let audiences = config
        .audiences
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                a.label.as_str(),
                pages_with(&|fm| fm.audience.contains(&a.id)),
            )
        })
        .collect();
    let roles = config
        .roles
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                r.label.as_str(),
                pages_with(&|fm| fm.roles.contains(&r.id)),
            )
        })
        .collect();
    let mut tags: BTreeMap<String, (&str, Vec<PageId>)> = BTreeMap::new();
    for id in tree.page_ids() {
        for tag in &tree.pages[id].fm.tags {
            tags.entry(tag.to_lowercase())
                .or_insert((tag.as_str(), vec![]))
                .1
                .push(id);
        }
    }
    let tags = tags
        .into_values()
        .map(|(label, ids)| {
            let slug = tag_url(label)
                .trim_start_matches("tags/")
                .trim_end_matches('/')
                .to_string();
            (slug, label, ids)
        })
        .collect();
    vec![
        Taxonomy {
            key: "audiences",
            label: "Audiences",
            terms: audiences,
        },
        Taxonomy {
            key: "roles",
            label: "Roles",
            terms: roles,
        },
        Taxonomy {
            key: "tags",
            label: "Tags",
            terms: tags,
        },
    ]
}

/// The URLs of the taxonomy pages a build writes: each list (`tags/`) and term (`tags/launches/`).
pub(crate) fn taxonomy_urls(config: &Config, tree: &SiteTree) -> Vec<String> {
    collect(config, tree)
        .iter()
        .flat_map(|taxonomy| {
            let terms = taxonomy
                .terms
                .iter()
                .map(|(id, _, _)| format!("{}/{id}/", taxonomy.key));
            std::iter::once(format!("{}/", taxonomy.key)).chain(terms)
        })
        .collect()
}

/// The list page of a taxonomy: its terms with their counts.
fn taxonomy_view<'a>(taxonomy: &Taxonomy<'a>, list_url: &'a str) -> TaxonomyView<'a> {
    TaxonomyView {
        label: taxonomy.label,
        url: list_url,
        terms: taxonomy
            .terms
            .iter()
            .map(|(id, label, pages)| TermView {
                label,
                url: format!("{}/{id}/", taxonomy.key),
                count: pages.len(),
            })
            .collect(),
    }
}

/// Taxonomy pages: `(output path, html)`. Term pages are rendered in parallel, those of all
/// taxonomies in one pass and the longest lists first: on a big site an audience's page lists
/// thousands of pages, and rendering it last, or one taxonomy after the other, left the other
/// threads idle while one finished it.
pub(crate) fn render_taxonomies(
    input: &GeneratedInput,
    terms: &Listings,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let taxonomies = collect(input.config, input.tree);
    let list_urls: Vec<String> = taxonomies.iter().map(|t| format!("{}/", t.key)).collect();
    let mut out = Vec::new();
    let root = root_prefix(input.config, 1);
    for (taxonomy, list_url) in taxonomies.iter().zip(&list_urls) {
        let description = format!(
            "Every {} used in the handbook, with its pages.",
            taxonomy.label.to_lowercase().trim_end_matches('s')
        );
        let context = GeneratedContext {
            site: &input.site,
            root: &root,
            page: input.generated_view(taxonomy.label, Some(&description), list_url, ""),
            nav: &input.nav,
            own: ListOwn {
                taxonomy: taxonomy_view(taxonomy, list_url),
            },
        };
        let out_path = format!("{list_url}index.html");
        out.extend(
            input
                .render_generated_page("taxonomy_list.html", &out_path, &context, None)?
                .map(|html| (out_path, html)),
        );
    }
    let mut jobs: Vec<(usize, usize)> = taxonomies
        .iter()
        .enumerate()
        .flat_map(|(t, taxonomy)| {
            taxonomy
                .terms
                .iter()
                .enumerate()
                .filter(|(_, (id, _, _))| terms.wanted(taxonomy.key, id))
                .map(move |(i, _)| (t, i))
        })
        .collect();
    jobs.sort_by_key(|&(t, i)| std::cmp::Reverse(taxonomies[t].terms[i].2.len()));
    let term_pages: Vec<Result<Option<(String, String)>, Diagnostic>> = jobs
        .par_iter()
        .flat_map_iter(|&(t, i)| {
            let taxonomy = &taxonomies[t];
            let (id, label, pages) = &taxonomy.terms[i];
            let base = format!("{}/{id}/", taxonomy.key);
            let title = format!("{}: {label}", taxonomy.label.trim_end_matches('s'));
            let description = format!(
                "{} page{} for {label}.",
                pages.len(),
                if pages.len() == 1 { "" } else { "s" }
            );
            // Audiences and roles list their pages by section, in the tree's order; tags by
            // title. A title edit then moves a page within one listing page or two.
            let grouped = matches!(taxonomy.key, "audiences" | "roles");
            let mut pages = pages.clone();
            pages.sort_by_cached_key(|&id| {
                let section = if grouped {
                    listed_in(input.tree, id)
                } else {
                    0
                };
                (section, input.tree.pages[id].fm.title.to_lowercase())
            });
            let feed = (taxonomy.key == "audiences" && input.config.feed > 0)
                .then(|| format!("{base}feed.xml"));
            let listing =
                crate::generated::pager::paginate(&base, pages.len(), input.config.list_page_size);
            let (nav, list_url) = (&input.nav, &list_urls[t]);
            listing.into_iter().map(move |listing_page| {
                let shown = &pages[listing_page.items.clone()];
                let own = TermOwn {
                    taxonomy: taxonomy_view(taxonomy, list_url),
                    term: TermPages {
                        label,
                        pages: if grouped {
                            Vec::new()
                        } else {
                            shown.iter().map(|&p| input.link(p)).collect()
                        },
                        groups: if grouped {
                            by_section(input, shown)
                        } else {
                            Vec::new()
                        },
                        feed: feed.clone(),
                        pager: listing_page.pager.clone(),
                    },
                };
                let title = listing_page.title(&title);
                let root = root_prefix(input.config, listing_page.depth());
                let context = GeneratedContext {
                    site: &input.site,
                    root: &root,
                    page: input.generated_view(&title, Some(&description), &listing_page.url, ""),
                    nav,
                    own,
                };
                let out_path = format!("{}index.html", listing_page.url);
                Ok(input
                    .render_generated_page("taxonomy_term.html", &out_path, &context, None)?
                    .map(|html| (out_path, html)))
            })
        })
        .collect();
    for page in term_pages {
        out.extend(page?);
    }
    Ok(out)
}
