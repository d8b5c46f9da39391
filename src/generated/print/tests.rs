//! The reading order of a section's print page, and when a build's print page is ready.

use super::*;
use crate::model::tree::{Page, Section};

#[test]
fn a_section_prints_its_page_its_pages_then_each_subsection_in_order() {
    let page = |url: &str, section, is_section| Page {
        rel_path: String::new(),
        site_path: Default::default(),
        text: String::new(),
        body_offset: 0,
        fm: Default::default(),
        url: url.to_string(),
        section,
        is_section,
    };
    let section = |page, parent, pages: Vec<PageId>, subsections| Section {
        page,
        parent,
        pages,
        subsections,
    };
    // home (0) > a (1) > [a/x (2), a/b (3) > [a/b/y (4)], a/c (5)]
    let tree = SiteTree {
        pages: vec![
            page("", 0, true),
            page("a/", 1, true),
            page("a/x/", 1, false),
            page("a/b/", 2, true),
            page("a/b/y/", 2, false),
            page("a/c/", 3, true),
        ],
        sections: vec![
            section(0, None, vec![], vec![1]),
            section(1, Some(0), vec![2], vec![2, 3]),
            section(3, Some(1), vec![4], vec![]),
            section(5, Some(1), vec![], vec![]),
        ],
        ..SiteTree::default()
    };
    let sizes = section_sizes(&tree);
    assert_eq!(sizes, vec![6, 5, 2, 1]);
    assert_eq!(
        reading_order(&tree, 1, &sizes, 5),
        (vec![1, 2, 3, 4, 5], vec![])
    );
    assert_eq!(reading_order(&tree, 2, &sizes, 5), (vec![3, 4], vec![]));
    // Too many pages: the section's own, and its subsections printed apart.
    assert_eq!(reading_order(&tree, 1, &sizes, 4), (vec![1, 2], vec![2, 3]));
}

#[test]
fn a_print_document_is_ready_when_its_last_page_is_handed_in_and_only_then() {
    let doc = |pages: Vec<PageId>| PrintDoc {
        url: String::new(),
        title: "",
        description: None,
        back: String::new(),
        pages,
        separate: Vec::new(),
    };
    // A section (pages 1, 2, 3), its subsection (2, 3), a track (3, 1, 3) and one of no pages.
    let queue = PrintQueue::new(
        vec![
            doc(vec![1, 2, 3]),
            doc(vec![2, 3]),
            doc(vec![3, 1, 3]),
            doc(vec![]),
        ],
        5,
        false,
    );
    assert_eq!(queue.ready_now(), vec![3]);
    assert!(queue.add(0, PrintPart::default).is_empty());
    assert!(queue.add(2, PrintPart::default).is_empty());
    assert!(queue.add(1, PrintPart::default).is_empty());
    assert_eq!(queue.add(3, PrintPart::default), vec![0, 1, 2]);
    assert!(queue.add(4, PrintPart::default).is_empty());
    // A page no document includes is never held; the others until their documents render.
    let parts = queue.into_parts();
    assert!(parts.get(0).is_none() && parts.get(4).is_none());
    assert!(parts.get(1).is_some());
}
