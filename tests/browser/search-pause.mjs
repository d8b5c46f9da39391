// Snippets wait for a pause in typing, counted from the last keystroke: types FIRST and waits for
// its results (then types on at once), then the letters of NEXT one at a time, each as soon as
// the last one's results are shown, while every term shard the page has not loaded yet arrives
// DELAY ms late (a slow network). Reports when each snippet file was requested and when each
// keystroke's results were shown (ms since the page opened).
// Usage: node search-pause.mjs SITE_DIR PAGE_PATH FIRST NEXT DELAY
import { scenario, searchPage, serveStatic, pass } from "./lib.mjs";

const [siteDir, pagePath, first, next, delay] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = { snippetFiles: [], shown: [] };

await scenario(async (browser) => {
  const page = await searchPage(browser, server.url + pagePath);
  // Once typing goes on past FIRST (window.bbSlow), term shards arrive DELAY ms late.
  await page.route(/\/search\/s\//, async (route) => {
    if (await page.evaluate(() => window.bbSlow === true)) await new Promise((r) => setTimeout(r, Number(delay)));
    await route.continue();
  });
  // Typed inside the page, each key as soon as the last one's results are shown, so that
  // the driver's own round trips, slow on a busy machine, never count as a pause.
  const typed = await page.evaluate(async ({ first, next }) => {
    const input = document.getElementById("bb-q"), root = document.documentElement, shown = [];
    const type = (text) => new Promise((resolve) => {
      const before = root.getAttribute("data-bb-search");
      new MutationObserver((_, obs) => {
        if (root.getAttribute("data-bb-search") === before) return;
        obs.disconnect();
        shown.push({ typed: text, at: performance.now() });
        resolve();
      }).observe(root, { attributes: true, attributeFilter: ["data-bb-search"] });
      input.value = text;
      input.dispatchEvent(new Event("input"));
    });
    await type(first);
    window.bbSlow = true;
    for (let i = 1; i <= next.length; i++) await type(first + next.slice(0, i));
    await new Promise((resolve) => {
      const check = () => (root.getAttribute("data-bb-snippets") === root.getAttribute("data-bb-search") ? resolve() : setTimeout(check, 10));
      check();
    });
    const snippetFiles = performance.getEntriesByType("resource").filter((e) => /\/search\/c\//.test(e.name))
      .map((e) => ({ file: e.name.replace(/^.*\/search\//, ""), at: e.startTime }));
    return { shown, snippetFiles };
  }, { first, next });
  results.shown = typed.shown.map((s) => ({ typed: s.typed, at: Math.round(s.at) }));
  results.snippetFiles = typed.snippetFiles.map((f) => ({ file: f.file, at: Math.round(f.at) }));
});
server.close();
pass(results);
