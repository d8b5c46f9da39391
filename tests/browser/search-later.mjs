// What the dropdown leaves for a pause: types QUERY key by key inside the page (each key as soon
// as the last one's results are shown) in a window too short for every option to be in view,
// and reports the list files (search/t/) each keystroke loaded; then, once typing has paused and
// the snippets in view are in, the titles listed, which options have a snippet and the snippet
// files (search/c/) loaded; then arrows down to the last option and reports its snippet; and
// last, the query's best hits as the client ranks them (titles).
// Usage: node search-later.mjs SITE_DIR PAGE_PATH QUERY
import { scenario, searchPage, serveStatic, pass } from "./lib.mjs";

const [siteDir, pagePath, query] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = {};
const files = (kind) => server.requests.map((r) => r.path.replace(/^.*\/handbook\//, ""))
  .filter((p) => p.startsWith(`search/${kind}/`));

await scenario(async (browser) => {
  const page = await searchPage(browser, server.url + pagePath);
  await page.setViewportSize({ width: 900, height: 400 });
  results.keys = await page.evaluate(async (query) => {
    const input = document.getElementById("bb-q"), root = document.documentElement, keys = [];
    const listFiles = () => performance.getEntriesByType("resource").filter((e) => /\/search\/t\//.test(e.name)).length;
    for (let i = 1; i <= query.length; i++) {
      const typed = query.slice(0, i), before = root.getAttribute("data-bb-search"), from = listFiles();
      await new Promise((resolve) => {
        new MutationObserver((_, obs) => {
          if (root.getAttribute("data-bb-search") === before) return;
          obs.disconnect();
          resolve();
        }).observe(root, { attributes: true, attributeFilter: ["data-bb-search"] });
        input.value = typed;
        input.dispatchEvent(new Event("input"));
      });
      keys.push({ typed, listFiles: listFiles() - from });
    }
    return keys;
  }, query);
  await page.waitForFunction(() => document.documentElement.getAttribute("data-bb-snippets") === document.documentElement.getAttribute("data-bb-search"));
  const options = () => page.evaluate(() => [...document.querySelectorAll("#bb-list [role=option]")].map((o) => ({
    title: o.querySelector(".bb-t").textContent,
    snippet: !o.querySelector(".bb-wait") && o.querySelector(".bb-s").textContent.length > 0,
  })));
  results.paused = { options: await options(), snippetFiles: files("c") };
  const count = results.paused.options.length;
  for (let i = 0; i < count; i++) await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => {
    const last = document.querySelector("#bb-list [role=option]:last-child");
    return last && last.getAttribute("aria-selected") === "true" && !last.querySelector(".bb-wait");
  });
  results.arrowed = { options: await options(), snippetFiles: files("c") };
  results.listFiles = files("t");
  results.best = await page.evaluate((q) => window.bbSearch.shown(q, 6).then((hits) => hits.map((h) => h.title)), query);
});
server.close();
pass(results);
