//! Stage 4, index: where pages are, as the manifest lists it for the result rows: every URL
//! folder and every breadcrumb, each as a tree, and the places, the (folder, breadcrumb) pairs
//! pages have. Pure; `rows` gives each page its place.

use std::collections::HashMap;

use serde_json::json;

use super::encode::push_number;

/// Where pages are: every URL folder (a tree: folder `i` is folder `parents[i]`, then
/// `segments[i]` and a slash) and every breadcrumb (a tree of section titles the same way), and
/// the places, the (folder, breadcrumb) pairs pages have. Pages of one folder have the same
/// breadcrumb, so there are about as many places as folders (at 10,000 pages: 555).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Places {
    pub(crate) folders: Tree,
    pub(crate) crumbs: Tree,
    pub(crate) pairs: Vec<(u32, u32)>,
    known: HashMap<(u32, u32), u32>,
}

/// Paths as a tree: path `i` is path `parents[i]` and then `names[i]` (path 0 is the empty one).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Tree {
    pub(crate) parents: Vec<u32>,
    pub(crate) names: Vec<String>,
    known: HashMap<Vec<String>, u32>,
}

impl Tree {
    /// The index of `path`, added with its parents.
    fn intern(&mut self, path: &[String]) -> u32 {
        if self.names.is_empty() {
            self.parents.push(0);
            self.names.push(String::new());
            self.known.insert(Vec::new(), 0);
        }
        if let Some(&at) = self.known.get(path) {
            return at;
        }
        let (last, above) = path.split_last().expect("the empty path is known");
        let parent = self.intern(above);
        let at = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.parents.push(parent);
        self.names.push(last.clone());
        self.known.insert(path.to_vec(), at);
        at
    }

    /// `[parents as a string of numbers, names]`.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let mut parents = String::new();
        for &parent in &self.parents {
            push_number(&mut parents, parent);
        }
        json!([parents, self.names])
    }
}

impl Places {
    pub(crate) fn intern(&mut self, folder: &[String], crumbs: &[String]) -> u32 {
        let pair = (self.folders.intern(folder), self.crumbs.intern(crumbs));
        if let Some(&at) = self.known.get(&pair) {
            return at;
        }
        let at = u32::try_from(self.pairs.len()).unwrap_or(u32::MAX);
        self.pairs.push(pair);
        self.known.insert(pair, at);
        at
    }

    /// `{folders, crumbs, of: (folder, breadcrumb) per place as a string of numbers}`.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let mut of = String::new();
        for &(folder, crumb) in &self.pairs {
            push_number(&mut of, folder);
            push_number(&mut of, crumb);
        }
        json!({ "folders": self.folders.to_json(), "crumbs": self.crumbs.to_json(), "of": of })
    }
}

/// A URL's folders and last segment: `a/b/c/` -> (["a", "b"], "c"); the home page's `""` ->
/// ([], "").
pub(crate) fn split_url(url: &str) -> (Vec<String>, &str) {
    let mut parts: Vec<&str> = url.trim_end_matches('/').split('/').collect();
    let last = parts.pop().unwrap_or("");
    (parts.into_iter().map(str::to_string).collect(), last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_pair_folders_and_breadcrumbs() {
        let mut places = Places::default();
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(places.intern(&[], &[]), 0);
        assert_eq!(
            places.intern(&strings(&["a", "b"]), &strings(&["A", "B"])),
            1
        );
        assert_eq!(places.intern(&strings(&["a"]), &strings(&["A"])), 2);
        assert_eq!(
            places.intern(&strings(&["a", "b"]), &strings(&["A", "B"])),
            1
        );
        assert_eq!(places.folders.names, ["", "a", "b"]);
        assert_eq!(places.folders.parents, [0, 0, 1]);
        assert_eq!(split_url("a/b/c/"), (strings(&["a", "b"]), "c"));
        assert_eq!(split_url(""), (vec![], ""));
        assert_eq!(
            places.to_json().to_string(),
            r#"{"crumbs":["001",["","A","B"]],"folders":["001",["","a","b"]],"of":"002211"}"#
        );
    }
}
