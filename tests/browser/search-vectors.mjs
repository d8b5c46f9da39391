// The test vectors of tests/search-vectors.json, through the browser client's own rules (the
// index's are checked by a Rust unit test in src/search/tokenize.rs): how a text is cut into
// words, how many edits a typo may have, which characters are searched as pairs, how a title
// becomes a URL segment. Prints every case where the client disagrees.
// Usage: node search-vectors.mjs SITE_DIR PAGE_PATH VECTORS_JSON
import fs from "node:fs";
import { scenario, searchPage, serveStatic, pass } from "./lib.mjs";

const [siteDir, pagePath, vectorsPath] = process.argv.slice(2);
const vectors = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));
const server = await serveStatic(siteDir, "/handbook/");
const results = {};

await scenario(async (browser) => {
  const page = await searchPage(browser, server.url + pagePath);
  Object.assign(results, await page.evaluate(async (vectors) => {
    const rules = await window.bbSearch.rules();
    const wrong = [];
    for (const c of vectors.words) {
      const got = rules.words(c.text);
      if (JSON.stringify(got) !== JSON.stringify(c.words)) wrong.push({ text: c.text, expected: c.words, got });
    }
    for (const c of vectors.typo_edits) {
      const got = rules.allowedEdits(c.word);
      if (got !== c.edits) wrong.push({ word: c.word, expected: c.edits, got });
    }
    for (const c of vectors.cjk) {
      const got = rules.isCjk(c.char);
      if (got !== c.cjk) wrong.push({ char: c.char, expected: c.cjk, got });
    }
    for (const c of vectors.slugs) {
      const got = rules.slugify(c.title);
      if (got !== c.slug) wrong.push({ title: c.title, expected: c.slug, got });
    }
    return { wrong, checked: vectors.words.length + vectors.typo_edits.length + vectors.cjk.length + vectors.slugs.length };
  }, vectors));
});
server.close();
pass(results);
