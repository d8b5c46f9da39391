//! Stage 4, index: the finished index -> the files the browser loads. Pure: returns
//! `(path, text)` pairs for the output stage to write. Every file is a script that registers
//! itself (`encode::js_call`), so search works from a site opened from disk.
//!
//! - `search/manifest.js`: page count, where each shard starts, the first word of each typo
//!   file, pages per list and snippet file, the places pages are in (folders and breadcrumbs,
//!   as trees), the words titles share (rows write titles as indexes into them), audience ids
//!   (for the badges' bit sets) and labels, the rules the client shares with the index (stop
//!   words, typo lengths, CJK ranges, rows per term, impact scale); on a small site, every
//!   page's row.
//! - `search/s/<n>.js`: term shards (`shard`): terms, posting lists, aliases and, unless the
//!   manifest has them, the rows of each term's best pages. The hits of a word, or of a word
//!   being typed, are its terms' best pages: those keystrokes show their results as soon as the
//!   shard arrives, with no second round of fetches (in headless Chromium each extra file a
//!   keystroke waits for costs about 6 ms, whatever its size).
//! - `search/r/<n>.js`: the typo dictionary: every word of 4+ letters spelled backwards,
//!   sorted, with its term. A typo in a word's first letters moves it to another range of
//!   `s/`, but leaves its end, and so its place here, as it was.
//! - `search/t/<n>.js`: the rows of a run of pages, for the hits no loaded shard has a row for
//!   (pages that match several words without being any one word's best, or that a view or the
//!   results page reaches); not written when the manifest carries every row. A keystroke waits
//!   for its best hit's at most; the dropdown lists the others once typing pauses.
//! - `search/c/<n>.js`: the snippet text of a run of pages (`excerpt`). The client
//!   fetches it for the hits in view in the dropdown once typing pauses, so a keystroke never
//!   waits for it and the results of keystrokes typed in a burst never fetch it.
//! - `search/facets.js`: which pages carry each audience, role, section and tag; only the
//!   results page loads it.
//! - `search/views.js`: which pages carry each audience and role id, for the reader's "view
//!   as" choice; loaded only while a view other than "Everyone" is chosen.

use std::collections::BTreeMap;

use serde_json::json;

use super::doc_files::{facets_file, text_file, views_file};
use super::encode::js_call;
use super::index::NEIGHBOUR_BITS;
use super::rows::{ListRows, ROWS_PER_TERM};
use super::score::{SearchIndex, IMPACT_MIN, IMPACT_STEPS, MAX_IMPACT};
use super::shard::{chunk_size, term_shards, typo_files, ShardPlan};
use super::tokenize::{CJK_RANGES, MAX_WORD_CHARS, STOP_WORDS, TYPO_CHARS};

/// Every file of the index, paths relative to the site root. Snippet files keep at least
/// `snippet_chars` characters of each page.
pub(crate) fn index_files(
    index: &SearchIndex,
    plan: &ShardPlan,
    audiences: &[(String, String)],
    snippet_chars: usize,
) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let docs = index.docs.len();
    let audience_ids: Vec<&str> = audiences.iter().map(|(id, _)| id.as_str()).collect();
    let rows = ListRows::new(&index.docs, &audience_ids);
    let all: Vec<u32> = (0..u32::try_from(docs).unwrap_or(u32::MAX)).collect();
    let all_rows = rows.encode(&all, false).to_json();
    let rows_bytes: usize = all_rows.iter().map(|v| v.to_string().len()).sum();
    let rows_in_manifest = rows_bytes <= plan.manifest_rows_bytes;
    let firsts = term_shards(
        index,
        plan,
        (!rows_in_manifest).then_some(&rows),
        &mut files,
    );
    let typo_firsts = typo_files(index, plan, &mut files);
    let list_size = chunk_size(docs, plan.max_list_files, plan);
    if !rows_in_manifest {
        for (n, ids) in all.chunks(list_size).enumerate() {
            let mut args = vec![json!(n)];
            args.extend(rows.encode(ids, false).to_json());
            files.push((format!("search/t/{n}.js"), js_call("list", &args)));
        }
    }
    let text_size = chunk_size(docs, plan.max_text_files, plan);
    let text_chars = plan.text_chars(docs, snippet_chars);
    for (n, chunk) in index.docs.chunks(text_size).enumerate() {
        files.push((format!("search/c/{n}.js"), text_file(n, chunk, text_chars)));
    }
    files.push(("search/facets.js".to_string(), facets_file(&index.docs)));
    files.push(("search/views.js".to_string(), views_file(&index.docs)));
    let manifest = json!({
        "v": 2,
        "docs": docs,
        "shards": firsts,
        "typos": typo_firsts,
        "list": if rows_in_manifest { 0 } else { list_size },
        "text": text_size,
        "rows": if rows_in_manifest { json!(all_rows) } else { json!(null) },
        // Terms keep at most this many scored pages outside titles (null: all of them).
        "max_postings": index.cap,
        "places": rows.places.to_json(),
        "title_words": rows.title_words.words,
        "audience_ids": audience_ids,
        "audiences": audiences.iter().cloned().collect::<BTreeMap<String, String>>(),
        // The rules the client shares with the index, so that neither keeps a copy.
        "impact": { "min": IMPACT_MIN, "steps": IMPACT_STEPS, "max": MAX_IMPACT },
        "neighbour_hashes": 1 << NEIGHBOUR_BITS,
        "rows_per_term": ROWS_PER_TERM,
        "stop": STOP_WORDS,
        "max_word_chars": MAX_WORD_CHARS,
        "typo": TYPO_CHARS,
        "cjk": CJK_RANGES,
    });
    files.push((
        "search/manifest.js".to_string(),
        js_call("manifest", &[manifest]),
    ));
    files
}

#[cfg(test)]
mod tests {
    use super::super::index::DocInfo;
    use super::super::score::{Scored, TermPostings, TypoWord};
    use super::*;

    fn tiny_index() -> SearchIndex {
        SearchIndex {
            docs: vec![DocInfo {
                url: "guides/a/".into(),
                title: "A \"quoted\" </script>".into(),
                crumbs: vec!["Guides".into()],
                audience: vec!["it".into()],
                role_ids: vec!["developer".into()],
                section: "Guides".into(),
                excerpt: "Body text.".into(),
                ..DocInfo::default()
            }],
            terms: vec![TermPostings {
                term: "quot".into(),
                best: vec![Scored {
                    doc: 0,
                    impact: 9,
                    ..Scored::default()
                }],
                ..TermPostings::default()
            }],
            typo_words: vec![TypoWord {
                reversed: "setouq".into(),
                term: "quot".into(),
            }],
            aliases: vec![],
            cap: None,
        }
    }

    const AUDIENCES: [(&str, &str); 2] = [("everyone", "Everyone"), ("it", "IT")];

    fn files(plan: &ShardPlan) -> Vec<(String, String)> {
        let audiences: Vec<(String, String)> = AUDIENCES
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        index_files(&tiny_index(), plan, &audiences, 120)
    }

    #[test]
    fn files_register_themselves() {
        let files = files(&ShardPlan {
            manifest_rows_bytes: 0,
            ..ShardPlan::default()
        });
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "search/s/0.js",
                "search/r/0.js",
                "search/t/0.js",
                "search/c/0.js",
                "search/facets.js",
                "search/views.js",
                "search/manifest.js"
            ]
        );
        assert_eq!(
            files[0].1,
            r#"bbSearch.shard(0,["quot"],["090"],[],"002","300020",["A","\"quoted\"","</script>"]);"#
                .to_string()
                + "\n"
        );
        assert_eq!(files[1].1, "bbSearch.typos(0,[\"setouq\"],[\"quot\"]);\n");
        assert_eq!(
            files[2].1,
            r#"bbSearch.list(0,"02","300020",["A","\"quoted\"","</script>"]);"#.to_string() + "\n"
        );
        assert_eq!(files[3].1, "bbSearch.text(0,[\"Body text.\"]);\n");
        let manifest = &files[6].1;
        assert!(manifest.contains(r#""audience_ids":["everyone","it"]"#));
        assert!(
            manifest.contains(r#""folders":["00",["","guides"]]"#),
            "{manifest}"
        );
        assert!(
            manifest.contains(r#""crumbs":["00",["","Guides"]]"#),
            "{manifest}"
        );
        assert!(manifest.contains(r#""rows":null"#));
    }

    #[test]
    fn a_small_site_has_its_rows_in_the_manifest() {
        let files = files(&ShardPlan::default());
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert!(
            !names.iter().any(|n| n.starts_with("search/t/")),
            "{names:?}"
        );
        assert_eq!(files[0].1, "bbSearch.shard(0,[\"quot\"],[\"090\"],[]);\n");
        let manifest = &files.last().unwrap().1;
        assert!(
            manifest.contains(r#""rows":["02","300020",["A","\"quoted\"","</script>"]]"#),
            "{manifest}"
        );
        assert!(manifest.contains(r#""list":0"#));
    }
}
