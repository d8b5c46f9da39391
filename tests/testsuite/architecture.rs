//! The module structure ARCHITECTURE.md promises, checked from the source: no import goes round
//! in a circle, and each stage imports only what is below it (the model imports nothing above
//! it; no stage imports the driver, the CLI or the server). See: issue 18.
//!
//! Run it alone, with the graph printed: `scripts/module-deps` (or
//! `cargo test --test testsuite architecture -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::repo_root;

/// What each top-level module of `src/` may import besides itself. `*` is anything except the
/// modules listed after it with `!`.
const ALLOWED: &[(&str, &[&str])] = &[
    ("diagnostic", &[]),
    ("html", &[]),
    ("output", &["model", "diagnostic"]),
    ("model", &["diagnostic", "html"]),
    ("load", &["model", "diagnostic"]),
    ("render", &["model", "diagnostic", "html"]),
    ("check", &["model", "diagnostic", "render"]),
    ("generated", &["model", "diagnostic", "html", "render"]),
    ("search", &["model", "diagnostic", "html", "render"]),
    ("site", &["*", "!serve", "!cmd", "!cli", "!main"]),
    // `bridgebook import`: a pipeline of its own beside the build, writing a site's source.
    (
        "import",
        &["load", "model", "diagnostic", "html", "render", "output"],
    ),
    // The server watches, serves and asks the driver; it never parses or renders by itself.
    (
        "serve",
        &["site", "output", "load", "model", "diagnostic", "cli"],
    ),
    ("cmd", &["*", "!main"]),
    // Arguments parsed: the import command's `--from` names a generator `import` knows.
    ("cli", &["import"]),
    ("main", &["*"]),
];

/// Modules that only the listed top-level modules may import, even from their own stage: the
/// page renderer (`RenderEnv`) is the driver's to build and call; generated pages, search and
/// the rest of `render/` take values of their own.
const ONLY_FOR: &[(&str, &[&str])] = &[("render::page", &["site"])];

/// One module per source file: `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && !(parts.is_empty() && stem == "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// `use` trees flattened: `a::{b, c::{d, e}}` -> `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or("").trim().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|i| !i.trim().is_empty())
        .flat_map(expand)
        .map(|rest| format!("{prefix}{rest}"))
        .collect()
}

/// The paths a file names through `crate::`, `super::`, `self::` or a child module, as
/// absolute module paths (segments). Test modules are left out: they may reach anywhere.
fn paths_in(text: &str, module: &[String], children: &[String]) -> Vec<Vec<String>> {
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    // Comments name modules without importing them (`[`crate::render::sidebar`]`).
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let text = code.as_str();
    // `super` is the module above this file's (`a/b.rs` and `a/b/mod.rs` alike are `a::b`).
    let here: Vec<String> = module.to_vec();
    let parent = |n: usize| -> Vec<String> { here[..here.len().saturating_sub(n)].to_vec() };
    let resolve = |path: &str| -> Option<Vec<String>> {
        let segs: Vec<&str> = path.split("::").map(str::trim).collect();
        let (mut abs, rest): (Vec<String>, &[&str]) = match segs.first()? {
            &"crate" => (Vec::new(), &segs[1..]),
            &"self" => (here.clone(), &segs[1..]),
            &"super" => {
                let ups = segs.iter().take_while(|s| **s == "super").count();
                (parent(ups), &segs[ups..])
            }
            first if children.iter().any(|c| c == first) => (here.clone(), &segs[..]),
            _ => return None,
        };
        abs.extend(rest.iter().map(|s| s.to_string()));
        Some(abs)
    };
    let mut out = Vec::new();
    // `use` statements, braces and all.
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim_start();
        let start = match ["use ", "pub(crate) use ", "pub use "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
        {
            Some(found) => found,
            None => continue,
        };
        let mut statement = start.to_string();
        while !statement.contains(';') {
            match lines.next() {
                Some(more) => statement.push_str(more.trim()),
                None => break,
            }
        }
        let statement = statement.split(';').next().unwrap_or("");
        for path in expand(statement) {
            // A module using or re-exporting its own files is its inside or its facade, not a
            // dependency: `site/mod.rs` saying `pub(crate) use build::build_site` while
            // `build.rs` uses `super::Site`, or `render/markdown.rs` driving its `renderer`
            // step, is no cycle.
            let own_child = path
                .split("::")
                .next()
                .is_some_and(|first| children.iter().any(|c| c == first));
            if own_child {
                continue;
            }
            out.extend(resolve(&path));
        }
    }
    // Paths written inline: `crate::model::tree::PageId`, `super::reload::inject`.
    for (i, _) in text
        .match_indices("crate::")
        .chain(text.match_indices("super::"))
    {
        if i > 0
            && (text.as_bytes()[i - 1].is_ascii_alphanumeric() || text.as_bytes()[i - 1] == b'_')
        {
            continue;
        }
        let path: String = text[i..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        out.extend(resolve(path.trim_end_matches(':')));
    }
    out
}

struct Graph {
    /// Module -> the modules it imports (other than itself).
    edges: BTreeMap<String, BTreeSet<String>>,
}

fn graph() -> Graph {
    let src = repo_root().join("src");
    let mut files = Vec::new();
    for entry in walkdir(&src) {
        let rel = entry.strip_prefix(&src).unwrap().to_path_buf();
        files.push((
            module_of(&rel),
            rel,
            std::fs::read_to_string(&entry).unwrap(),
        ));
    }
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(m, _, _)| m.clone()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, _, text) in &files {
        let children: Vec<String> = modules
            .iter()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .map(|m| m.last().unwrap().clone())
            .collect();
        let name = module.join("::");
        let from = if name.is_empty() {
            "main".to_string()
        } else {
            name
        };
        let targets = edges.entry(from.clone()).or_default();
        for path in paths_in(text, module, &children) {
            // The longest prefix that is a module file.
            let Some(target) = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains(p))
            else {
                continue;
            };
            let target = target.join("::");
            if target != from {
                targets.insert(target);
            }
        }
    }
    Graph { edges }
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

fn allowed(from: &str, to: &str) -> bool {
    if let Some((_, users)) = ONLY_FOR.iter().find(|(m, _)| *m == to) {
        if !users.contains(&top(from)) {
            return false;
        }
    }
    let (from, to) = (top(from), top(to));
    if from == to {
        return true;
    }
    let Some((_, rules)) = ALLOWED.iter().find(|(m, _)| *m == from) else {
        return false;
    };
    if rules.contains(&"*") {
        return !rules.contains(&format!("!{to}").as_str());
    }
    rules.contains(&to)
}

#[test]
fn architecture_has_no_import_cycle_and_no_upward_import() {
    let graph = graph();
    let verbose = std::env::var_os("MODULE_DEPS_PRINT").is_some();
    if verbose {
        for (from, to) in &graph.edges {
            let to: Vec<&str> = to.iter().map(String::as_str).collect();
            println!("{from} -> {}", to.join(", "));
        }
    }
    let unknown: Vec<&String> = graph
        .edges
        .keys()
        .filter(|m| !ALLOWED.iter().any(|(name, _)| *name == top(m)))
        .collect();
    assert!(
        unknown.is_empty(),
        "modules outside the stage folders (add them to ALLOWED and ARCHITECTURE.md): {unknown:?}"
    );
    let cycles = cycles(&graph.edges);
    let forbidden: Vec<String> = graph
        .edges
        .iter()
        .flat_map(|(from, to)| {
            to.iter()
                .filter(|to| !allowed(from, to))
                .map(move |to| format!("{from} -> {to}"))
        })
        .collect();
    for cycle in &cycles {
        println!("cycle: {}", cycle.join(" <-> "));
    }
    for edge in &forbidden {
        println!("forbidden: {edge}");
    }
    assert!(
        cycles.is_empty() && forbidden.is_empty(),
        "{} import cycle(s), {} forbidden import(s): see the lines above",
        cycles.len(),
        forbidden.len()
    );
}

#[test]
fn the_checker_sees_cycles_and_grouped_imports() {
    assert_eq!(
        expand("crate::model::{config::Config, tree::{PageId, HOME}}"),
        [
            "crate::model::config::Config",
            "crate::model::tree::PageId",
            "crate::model::tree::HOME"
        ]
    );
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["c"][..]),
        ("c", &["a"][..]),
        ("d", &["a"][..]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(cycles(&edges), [["a", "b", "c"]]);
    assert!(!allowed("model::tree", "render::markdown"));
    assert!(allowed("render::page", "model::tree"));
    assert!(!allowed("render::page", "site"));
    assert!(allowed("site::build", "render::page"));
    assert!(!allowed("generated::taxonomy", "render::page"));
    assert!(!allowed("render::aware", "render::page"));
    assert!(allowed("generated::taxonomy", "render::context"));
    assert!(!allowed("site::build", "serve"));
}
