// View as and glossary tooltips, as a reader uses them: pick "IT" in the header and the
// sidebar shows IT's pages (marking them "for you"), the choice survives a reload and another
// page, a shared ?view= link wins; a glossary term's tooltip opens from the keyboard and
// closes with Escape; feed.xml parses as Atom.
// Usage: node audience.mjs SITE_DIR PAGE OTHER_PAGE THIRD_PAGE
import { scenario, serveStatic, pass, fail } from "./lib.mjs";

const [siteDir, first, other, third] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = {};
const shown = (page) => page.evaluate(() =>
  [...document.querySelectorAll("#sidebar li.active > ul > li")]
    .filter((li) => !li.hidden && li.offsetParent !== null)
    .map((li) => li.querySelector("a").textContent.trim()));

await scenario(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + first);
  results.everyone = await shown(page);
  await page.selectOption("#view-as", "it");
  results.asIt = await shown(page);
  results.urlView = new URL(page.url()).searchParams.get("view");
  results.datasetView = await page.evaluate(() => document.documentElement.dataset.view);
  await page.goto(server.url + other);
  results.asItOnOtherPage = await shown(page);
  results.forYou = await page.evaluate(() =>
    [...document.querySelectorAll("#sidebar li.for-you > a")].map((a) => a.textContent.trim()));
  await page.reload();
  results.afterReload = await shown(page);
  await page.goto(server.url + third + "?view=marketing");
  results.sharedLink = await shown(page);

  // The tooltip, from the keyboard only.
  await page.goto(server.url + other);
  const tip = () => page.evaluate(() => {
    const t = document.querySelector(".prose .tip");
    return getComputedStyle(t).display !== "none";
  });
  results.tipHiddenBefore = !(await tip());
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement.classList.contains("term"));
  }
  if (!reached) throw new Error("Tab never reaches a glossary term");
  results.tipVisibleOnFocus = await tip();
  results.describedBy = await page.evaluate(() => {
    const id = document.activeElement.getAttribute("aria-describedby");
    return document.getElementById(id).textContent.replace(/\s+/g, " ").trim();
  });
  await page.keyboard.press("Escape");
  results.tipHiddenAfterEscape = !(await tip());

  const feed = await page.evaluate(async (url) => {
    const text = await (await fetch(url)).text();
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const ns = "http://www.w3.org/2005/Atom";
    const entries = [...doc.getElementsByTagNameNS(ns, "entry")];
    const complete = entries.every((e) => ["id", "title", "updated", "link"]
      .every((n) => e.getElementsByTagNameNS(ns, n).length > 0));
    return {
      root: doc.documentElement.namespaceURI === ns ? doc.documentElement.localName : "not atom",
      entries: entries.length,
      errors: doc.getElementsByTagName("parsererror").length + (complete ? 0 : 1),
    };
  }, server.url + "feed.xml");
  results.feedRoot = feed.root;
  results.feedEntries = feed.entries;
  results.feedErrors = feed.errors;
});
server.close();
if (!results.tipVisibleOnFocus) fail("the tooltip does not open when its term has keyboard focus", results);
pass(results);
