// Search as a reader uses it: nothing loads with the page; "/" focuses the box; typing shows
// results (a typo still finds the page); arrows and Enter open a result; Escape closes; the
// results page narrows by facet; the same works from a site opened from disk; bad queries
// answer "no results" instead of failing; a "view as" choice hides other readers' pages until
// "show all". Runs axe on the open dropdown and results page.
// Usage: node search.mjs SITE_DIR PAGE_PATH
import { createRequire } from "node:module";
import fs from "node:fs";
import { scenario, serveStatic, pass, fail } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [siteDir, pagePath] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = {};

async function typeQuery(page, text, paste = false) {
  await page.fill("#bb-q", "");
  const before = await page.evaluate(() => document.documentElement.getAttribute("data-bb-search"));
  if (paste) await page.fill("#bb-q", text);
  else await page.type("#bb-q", text, { delay: 15 });
  await page.waitForFunction((b) => {
    const now = document.documentElement.getAttribute("data-bb-search");
    return now && now !== b && !document.querySelector(".bb-sr").hidden;
  }, before);
  // Let the last keystroke's answer land, then its snippets, which come once typing pauses.
  await page.waitForTimeout(150);
  await page.waitForFunction(() => {
    const d = document.documentElement;
    return document.querySelector(".bb-sr").hidden || d.getAttribute("data-bb-snippets") === d.getAttribute("data-bb-search");
  });
  return page.evaluate(() => ({
    titles: [...document.querySelectorAll("#bb-list .bb-t")].map((e) => e.textContent),
    crumbs: [...document.querySelectorAll("#bb-list .bb-c")].map((e) => e.textContent),
    marks: [...document.querySelectorAll("#bb-list mark")].map((e) => e.textContent.toLowerCase()),
    snippetMarks: [...document.querySelectorAll("#bb-list .bb-s mark")].map((e) => e.textContent.toLowerCase()),
    waiting: document.querySelectorAll("#bb-list .bb-wait").length,
    // The snippet files of the hits on screen (see rows() in search.js).
    shownTextFiles: [...new Set([...document.querySelectorAll("#bb-list [role=option]")].map((li) => "search/c/" + Math.floor(li.getAttribute("data-doc") / window.bbSearch.textPerFile()) + ".js"))],
    count: document.querySelector(".bb-count").textContent,
  }));
}

async function axeProblems(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${label}: ${v.id} ${v.help} — ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")}`);
}

await scenario(async (browser) => {
  // Typed in a burst (15 ms a key): the list follows every keystroke, but snippet text is
  // fetched only for the hits left on screen once typing pauses. "deploy" lists "How
  // deployments work" on the way; "deploy tracking" does not, so its snippet file stays unloaded.
  const burstContext = await browser.newContext();
  const burstPage = await burstContext.newPage();
  await burstPage.goto(server.url + pagePath, { waitUntil: "networkidle" });
  await burstPage.focus("#bb-q");
  await burstPage.evaluate(() => {
    window.seenTitles = new Set();
    new MutationObserver(() => document.querySelectorAll("#bb-list .bb-t").forEach((t) => window.seenTitles.add(t.textContent)))
      .observe(document.body, { childList: true, subtree: true });
  });
  const burstFrom = server.requests.length;
  results.burst = await typeQuery(burstPage, "deploy tracking");
  results.burstSeen = await burstPage.evaluate(() => [...window.seenTitles]);
  results.burstTextFiles = server.requests.slice(burstFrom).map((r) => r.path.replace(/^.*\/handbook\//, "")).filter((p) => p.startsWith("search/c/"));
  await burstContext.close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const loadFrom = server.requests.length;
  await page.goto(server.url + pagePath, { waitUntil: "networkidle" });
  results.fetchedOnLoad = server.requests.slice(loadFrom).filter((r) => r.path.includes("search")).map((r) => r.path);

  await page.keyboard.press("/");
  results.slashFocuses = await page.evaluate(() => document.activeElement.id);
  const loadedBefore = server.requests.length;
  const first = await typeQuery(page, "password");
  results.firstQuery = first;
  results.firstQueryFiles = server.requests.slice(loadedBefore).map((r) => r.path.replace(/^.*\/handbook\//, ""));

  results.typo = await typeQuery(page, "pasword");
  results.typoLong = await typeQuery(page, "deploymnets");
  results.prefix = await typeQuery(page, "microsi");
  results.multiWord = await typeQuery(page, "campaign budget approval");
  results.cjk = await typeQuery(page, "搜索引擎");
  results.none = await typeQuery(page, "zzqxv");
  results.punctuation = await typeQuery(page, "?!?! ... ###");
  results.longQuery = await typeQuery(page, "budget ".repeat(143).slice(0, 1000), true);
  results.notIndexed = await typeQuery(page, "zebracorn quokkafish");
  results.problems = [];

  // Keyboard: arrows move, Enter opens, Escape closes. Every result is a link.
  const campaign = await typeQuery(page, "campaign");
  results.problems.push(...(await axeProblems(page, "dropdown")));
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  results.activeOption = await page.evaluate(() => {
    const id = document.getElementById("bb-q").getAttribute("aria-activedescendant");
    return id && document.getElementById(id).querySelector(".bb-t").textContent;
  });
  results.secondTitle = campaign.titles[1];
  // What a screen reader is told, from Chromium's accessibility tree: the box is a combobox
  // whose listbox holds the results as options (links in the DOM, options to assistive
  // technology), the one the arrows reached selected and named as the active descendant.
  const cdp = await context.newCDPSession(page);
  const { root } = await cdp.send("DOM.getDocument");
  const nodeOf = async (selector) => (await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector })).nodeId;
  const prop = (node, name) => (node.properties || []).find((p) => p.name === name);
  const { nodes: boxNodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId: await nodeOf("#bb-q"), fetchRelatives: false });
  const box = boxNodes[0];
  const active = prop(box, "activedescendant");
  const { nodes: lists } = await cdp.send("Accessibility.queryAXTree", { nodeId: await nodeOf(".bb-sr"), role: "listbox" });
  const { nodes: options } = await cdp.send("Accessibility.queryAXTree", { nodeId: await nodeOf("#bb-list"), role: "option" });
  const { nodes: links } = await cdp.send("Accessibility.queryAXTree", { nodeId: await nodeOf("#bb-list"), role: "link" });
  results.axBox = {
    role: box.role.value, name: box.name && box.name.value,
    expanded: prop(box, "expanded") && prop(box, "expanded").value.value,
    autocomplete: prop(box, "autocomplete") && prop(box, "autocomplete").value.value,
    activeDescendant: active ? active.value.relatedNodes.map((n) => n.idref) : [],
  };
  results.axListbox = lists.map((l) => l.name && l.name.value);
  results.axOptions = options.map((o) => ({
    name: o.name.value, description: o.description && o.description.value,
    selected: !!(prop(o, "selected") && prop(o, "selected").value.value),
  }));
  results.optionIds = await page.evaluate(() => [...document.querySelectorAll("#bb-list [role=option]")].map((a) => a.id));
  results.axLinksInList = links.length;
  results.optionHrefs = await page.evaluate(() => [...document.querySelectorAll("#bb-list [role=option]")].map((a) => a.getAttribute("href")));
  await page.keyboard.press("Escape");
  results.closedByEscape = await page.evaluate(() => document.querySelector(".bb-sr").hidden);
  await typeQuery(page, "campaign");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  results.enterOpens = await page.title();
  // A click opens the page at once: the link needs nothing more to load.
  await typeQuery(page, "password");
  await Promise.all([page.waitForNavigation(), page.click("#bb-list [role=option]")]);
  results.clickOpens = await page.title();

  // The results page, with facets.
  await page.goto(server.url + "search/?q=budget");
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-bb-results"));
  const listed = () => page.evaluate(() => [...document.querySelectorAll(".bb-results li > a")].map((a) => a.textContent));
  results.pageResults = await listed();
  results.facetLabels = await page.evaluate(() => [...document.querySelectorAll(".bb-facets label")].map((l) => l.textContent.trim()));
  results.problems.push(...(await axeProblems(page, "results page")));
  await page.check('.bb-facets input[data-kind="audience"][value="it"]');
  await page.waitForFunction((n) => document.querySelectorAll(".bb-results li").length !== n, results.pageResults.length);
  results.facetResults = await listed();
  results.facetUrl = new URL(page.url()).search;
  await page.setViewportSize({ width: 390, height: 844 });
  results.sidewaysScroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await context.close();

  // View as: the reader's view hides other readers' pages from results, says so in the count,
  // and "show all" brings them back; changing the view re-runs the query.
  const viewContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const viewPage = await viewContext.newPage();
  await viewPage.goto(server.url + pagePath, { waitUntil: "networkidle" });
  await viewPage.selectOption("#view-as", "it");
  await viewPage.focus("#bb-q");
  const viewState = async (scope) => viewPage.evaluate((scope) => {
    const el = document.querySelector(scope);
    const toggle = el.querySelector(".bb-view");
    return {
      titles: [...el.querySelectorAll(scope === ".bb-sr" ? "#bb-list .bb-t" : ".bb-results li > a")].map((e) => e.textContent),
      count: el.querySelector(".bb-count").textContent,
      toggle: toggle.hidden ? null : toggle.querySelector("button").textContent,
    };
  }, scope);
  const settle = (before) => viewPage.waitForFunction((b) => document.documentElement.getAttribute("data-bb-search") !== b, before);
  const mark = () => viewPage.evaluate(() => document.documentElement.getAttribute("data-bb-search"));
  await typeQuery(viewPage, "budget");
  results.viewIt = await viewState(".bb-sr");
  let before = await mark();
  await viewPage.click(".bb-sr .bb-view-all");
  await settle(before);
  results.viewShowAll = await viewState(".bb-sr");
  before = await mark();
  // Choosing in the header closes the dropdown; back in the box, the query runs in the new view.
  await viewPage.selectOption("#view-as", "marketing");
  await viewPage.focus("#bb-q");
  await settle(before);
  results.viewMarketing = await viewState(".bb-sr");
  await viewPage.goto(server.url + "search/?q=budget&view=it");
  await viewPage.waitForFunction(() => /IT readers/.test(document.querySelector(".bb-page .bb-count").textContent));
  results.viewResultsPage = await viewState(".bb-page");
  await viewPage.click(".bb-page .bb-view-all");
  await viewPage.waitForFunction(() => document.querySelectorAll(".bb-results li").length === 2);
  results.viewResultsPageAll = await viewState(".bb-page");
  results.viewResultsUrl = new URL(viewPage.url()).search;
  await viewContext.close();

  // Opened from disk: script files, no fetch().
  const disk = await browser.newPage();
  await disk.goto("file://" + siteDir + "/" + pagePath + "index.html");
  await disk.focus("#bb-q");
  results.fromDisk = await typeQuery(disk, "propagation");
  await Promise.all([disk.waitForNavigation(), disk.keyboard.press("ArrowDown").then(() => disk.keyboard.press("Enter"))]);
  results.fromDiskOpened = await disk.title();
  await disk.goto("file://" + siteDir + "/search/index.html?q=deploy");
  await disk.waitForFunction(() => document.documentElement.hasAttribute("data-bb-results"));
  results.fromDiskResultsPage = await disk.evaluate(() => document.querySelector(".bb-results a") && document.querySelector(".bb-results a").textContent);
  await disk.close();
});
server.close();
if (results.fetchedOnLoad.length) fail(`search files fetched on page load: ${results.fetchedOnLoad}`, results);
pass(results);
