//! Build script: joins the search client's modules (`themes/default/search/`) into the one
//! script the default theme ships as `search.js` (a site opened from disk, `file://`, cannot
//! load ES modules), leaving out comment lines and indentation: a reader's first query loads
//! it, so its bytes count. `load/theme.rs` compiles the result in.
//!
//! Each module calls `bbSearchModule(function (m) { ... return exports; })`; `m` holds the
//! exports of the modules before it, in the order below.

use std::path::Path;

const MODULES: [&str; 9] = [
    "files.js",
    "words.js",
    "rank.js",
    "rows.js",
    "views.js",
    "show.js",
    "dropdown.js",
    "page.js",
    "start.js",
];

fn main() {
    let dir = Path::new("themes/default/search");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut out = String::from(
        "(function () {\n\"use strict\";\nif (window.bbSearch && window.bbSearch.client) return;\n\
         var m = {};\nfunction bbSearchModule(make) { var e = make(m); for (var k in e) m[k] = e[k]; }\n",
    );
    for module in MODULES {
        let path = dir.join(module);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        for line in text.lines().map(str::trim_start) {
            if !line.is_empty() && !line.starts_with("//") {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.push_str("})();\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("search.js");
    std::fs::write(&target, out)
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", target.display()));
}
