// Snippets around the words a query matched: for each query, the first hit's URL and its
// snippet as the results page shows it (window.bbSearch.shown), and for the first query the
// snippet the dropdown fills in once typing pauses, as a reader sees it.
// Usage: node search-snippets.mjs SITE_DIR PAGE_PATH QUERY...
import { scenario, searchPage, serveStatic, pass } from "./lib.mjs";

const [siteDir, pagePath, ...queries] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = { hits: [] };

await scenario(async (browser) => {
  const page = await searchPage(browser, server.url + pagePath);
  results.hits = await page.evaluate(async (queries) => {
    const out = [];
    for (const q of queries) {
      const [first] = await window.bbSearch.shown(q + " ", 10);
      out.push(first ? { url: first.url, snippet: first.snippet } : null);
    }
    return out;
  }, queries);
  await page.fill("#bb-q", queries[0]);
  await page.waitForFunction(() => {
    const first = document.querySelector("#bb-list [role=option] .bb-s");
    return first && !first.classList.contains("bb-wait") && first.textContent.length > 0;
  });
  results.dropdown = await page.evaluate(() => document.querySelector("#bb-list [role=option] .bb-s").innerHTML);
});
server.close();
pass(results);
