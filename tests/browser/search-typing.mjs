// What typing a query key by key fetches, seen from the network: for each keystroke, the index
// files it loaded (search/s/, t/, r/), the titles the dropdown then lists, and the manifest's
// shard boundaries, so the test can tell which shard each typed prefix falls in.
// Usage: node search-typing.mjs SITE_DIR PAGE_PATH QUERY
import { scenario, searchPage, serveStatic, pass } from "./lib.mjs";

const [siteDir, pagePath, query] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = { keys: [] };
const fetched = (from) => server.requests.slice(from).map((r) => r.path.replace(/^.*\/handbook\//, ""))
  .filter((p) => /^search\/[str]\//.test(p));

await scenario(async (browser) => {
  const page = await searchPage(browser, server.url + pagePath);
  await page.waitForFunction(() => window.bbSearch && window.bbSearch.query);
  await page.evaluate(() => window.bbSearch.docCount());
  results.shards = await page.evaluate(() => fetch(document.getElementById("bb-q").getAttribute("data-root") + "search/manifest.js").then((r) => r.text())
    .then((t) => JSON.parse(t.slice(t.indexOf("(") + 1, t.lastIndexOf(")"))).shards));
  for (let i = 1; i <= query.length; i++) {
    const typed = query.slice(0, i);
    const from = server.requests.length;
    const before = await page.evaluate(() => document.documentElement.getAttribute("data-bb-search"));
    await page.fill("#bb-q", typed);
    await page.waitForFunction((b) => document.documentElement.getAttribute("data-bb-search") !== b, before);
    results.keys.push({
      typed,
      files: fetched(from),
      titles: await page.evaluate(() => [...document.querySelectorAll("#bb-list .bb-t")].map((e) => e.textContent)),
    });
  }
});
server.close();
pass(results);
