// Where result rows come from, seen from the network: a one-word query lists its hits from the
// shard it loads (no list file), and the results page, which lists hits beyond each word's best
// pages, loads the list files of those and shows them all in order. Counts say "30+" when the
// query's words keep only their best pages.
// Usage: node search-rows.mjs SITE_DIR PAGE_PATH WORD
import { scenario, searchPage, serveStatic, pass } from "./lib.mjs";

const [siteDir, pagePath, word] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = {};
const fetched = (from) => server.requests.slice(from).map((r) => r.path.replace(/^.*\/handbook\//, "")).filter((p) => p.startsWith("search/"));

await scenario(async (browser) => {
  const page = await searchPage(browser, server.url + pagePath);
  const from = server.requests.length;
  await page.fill("#bb-q", word);
  await page.waitForFunction(() => document.querySelectorAll("#bb-list [role=option]").length > 0);
  results.dropdown = await page.evaluate(() => [...document.querySelectorAll("#bb-list .bb-t")].map((e) => e.textContent));
  results.dropdownCrumbs = await page.evaluate(() => [...document.querySelectorAll("#bb-list .bb-c")].map((e) => e.textContent));
  results.dropdownFiles = fetched(from);
  results.dropdownCount = await page.evaluate(() => document.querySelector(".bb-sr .bb-count").textContent);

  const pageFrom = server.requests.length;
  await page.goto(server.url + "search/?q=" + encodeURIComponent(word));
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-bb-results"));
  results.resultsPage = await page.evaluate(() => [...document.querySelectorAll(".bb-results li > a")].map((a) => a.getAttribute("href").replace(/^(\.\.\/)*/, "")));
  results.resultsPageFiles = fetched(pageFrom);
  results.resultsPageCount = await page.evaluate(() => document.querySelector(".bb-page .bb-count").textContent);
});
server.close();
pass(results);
