//! Long generated listings (a term's pages, the needs-review list) split over numbered pages:
//! no page's HTML grows with the site, and `serve` re-renders only the pages an edit changes.

use std::ops::Range;

use serde::Serialize;

/// Where one page of a listing sits among the others. URLs are relative to the site root.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pager {
    /// 1-based.
    pub(crate) number: usize,
    pub(crate) count: usize,
    /// 1-based positions of this page's first and last items in the whole listing.
    pub(crate) first_item: usize,
    pub(crate) last_item: usize,
    pub(crate) total: usize,
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
}

/// One page of a listing: its URL, the items it shows and its place among the others.
#[derive(Debug)]
pub(crate) struct ListingPage {
    pub(crate) url: String,
    pub(crate) items: Range<usize>,
    pub(crate) pager: Pager,
}

impl ListingPage {
    /// How many folders deep its `index.html` is, for links back to the root.
    pub(crate) fn depth(&self) -> usize {
        self.url.matches('/').count()
    }

    /// "Tags: launches", or "Tags: launches (page 2 of 3)" after the first page.
    pub(crate) fn title(&self, title: &str) -> String {
        if self.pager.number == 1 {
            title.to_string()
        } else {
            format!(
                "{title} (page {} of {})",
                self.pager.number, self.pager.count
            )
        }
    }
}

/// URL of page `number` (1-based) of the listing at `base` (`tags/launches/`).
pub(crate) fn page_url(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// Splits a listing of `total` items at `base` into pages of at most `size` items. An empty
/// listing still gets its first page, which says there is nothing to list.
pub(crate) fn paginate(base: &str, total: usize, size: usize) -> Vec<ListingPage> {
    let size = size.max(1);
    let count = total.div_ceil(size).max(1);
    (1..=count)
        .map(|number| {
            let items = (number - 1) * size..(number * size).min(total);
            ListingPage {
                url: page_url(base, number),
                pager: Pager {
                    number,
                    count,
                    first_item: (items.start + 1).min(total),
                    last_item: items.end,
                    total,
                    previous: (number > 1).then(|| page_url(base, number - 1)),
                    next: (number < count).then(|| page_url(base, number + 1)),
                },
                items,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listings_split_into_linked_pages_of_at_most_size_items() {
        let pages = paginate("tags/launches/", 250, 100);
        let summary: Vec<_> = pages
            .iter()
            .map(|p| (p.url.as_str(), p.items.clone(), p.depth()))
            .collect();
        assert_eq!(
            summary,
            [
                ("tags/launches/", 0..100, 2),
                ("tags/launches/page/2/", 100..200, 4),
                ("tags/launches/page/3/", 200..250, 4),
            ]
        );
        assert_eq!(pages[0].pager.previous, None);
        assert_eq!(
            pages[0].pager.next.as_deref(),
            Some("tags/launches/page/2/")
        );
        assert_eq!(
            pages[2].pager.previous.as_deref(),
            Some("tags/launches/page/2/")
        );
        assert_eq!(pages[2].pager.next, None);
        assert_eq!(
            (pages[2].pager.first_item, pages[2].pager.last_item),
            (201, 250)
        );
        assert_eq!(
            pages[1].title("Tag: launches"),
            "Tag: launches (page 2 of 3)"
        );
        assert_eq!(pages[0].title("Tag: launches"), "Tag: launches");
    }

    #[test]
    fn short_and_empty_listings_are_one_page() {
        let pages = paginate("needs-review/", 0, 100);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].items, 0..0);
        assert_eq!((pages[0].pager.first_item, pages[0].pager.count), (0, 1));
        assert_eq!(paginate("tags/x/", 100, 100).len(), 1);
        assert_eq!(paginate("tags/x/", 101, 100).len(), 2);
    }
}
