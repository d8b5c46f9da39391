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
  const started = Date.now();
  let slow = false;
  await page.route(/\/search\/s\//, async (route) => {
    if (slow) await new Promise((r) => setTimeout(r, Number(delay)));
    await route.continue();
  });
  page.on("request", (req) => {
    if (/\/search\/c\//.test(req.url())) results.snippetFiles.push({ file: req.url().replace(/^.*\/search\//, ""), at: Date.now() - started });
  });
  const type = async (text) => {
    const before = await page.evaluate(() => document.documentElement.getAttribute("data-bb-search"));
    await page.fill("#bb-q", text);
    await page.waitForFunction((b) => document.documentElement.getAttribute("data-bb-search") !== b, before);
    results.shown.push({ typed: text, at: Date.now() - started });
  };
  await type(first);
  slow = true;
  for (let i = 1; i <= next.length; i++) await type(first + next.slice(0, i));
  await page.waitForFunction(() => document.documentElement.getAttribute("data-bb-snippets") === document.documentElement.getAttribute("data-bb-search"));
});
server.close();
pass(results);
