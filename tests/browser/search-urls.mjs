// Every page the search index lists, as the client reads it (its rows: title and URL), so a
// test can say which pages are searchable without decoding the index files itself.
// Usage: node search-urls.mjs SITE_DIR PAGE_PATH
import { scenario, searchPage, serveStatic, pass } from "./lib.mjs";

const [siteDir, pagePath] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = {};
await scenario(async (browser) => {
  const page = await searchPage(browser, server.url + pagePath);
  results.urls = await page.evaluate(async () => {
    const n = await window.bbSearch.docCount();
    const rows = await window.bbSearch.rows(Array.from({ length: n }, (_, i) => i));
    return rows.map((r) => r.url);
  });
});
server.close();
pass(results);
