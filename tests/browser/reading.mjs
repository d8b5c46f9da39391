// A reader's first visit: the page renders, the skip link is the first stop for the keyboard,
// dark mode toggles and is remembered, and at phone width nothing scrolls sideways.
// Usage: node reading.mjs SITE_DIR PAGE_PATH
import { scenario, serveStatic, pass, fail } from "./lib.mjs";

const [siteDir, pagePath] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = {};
await scenario(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + pagePath);
  results.title = await page.title();
  await page.keyboard.press("Tab");
  results.firstFocus = await page.evaluate(() => document.activeElement.textContent.trim());
  // Walk the page with Tab: every control, scrolling code block and wide table is a stop, and
  // the focused element always shows an outline.
  const stops = [];
  for (let i = 0; i < 80; i++) {
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName.toLowerCase(), cls: el.className || "", outline: style.outlineStyle !== "none" && style.outlineWidth !== "0px" };
    });
    stops.push(stop);
    await page.keyboard.press("Tab");
  }
  results.stops = [...new Set(stops.map((s) => `${s.tag}.${s.cls}`.split(" ")[0]))];
  results.unoutlinedStops = stops.filter((s) => s.tag !== "body" && !s.outline).map((s) => `${s.tag}.${s.cls}`);
  await page.click("button.theme");
  results.themeAfterToggle = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.reload();
  results.themeAfterReload = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.emulateMedia({ media: "print" });
  results.printHidesNavigation = !(await page.isVisible("#sidebar")) && !(await page.isVisible("header.top"));
  await page.emulateMedia({ media: "screen" });
  const dark = await browser.newContext({ colorScheme: "dark" });
  const darkPage = await dark.newPage();
  await darkPage.goto(server.url + pagePath);
  results.systemDarkBackground = await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await dark.close();
  // Opened from disk: links to pretty URLs ("../second/") must land on the page, not a folder.
  const fromDisk = await browser.newPage();
  await fromDisk.goto("file://" + siteDir + "/" + pagePath + "index.html");
  await Promise.all([fromDisk.waitForNavigation(), fromDisk.click(".pager a.next")]);
  results.fromDiskNextTitle = await fromDisk.title();
  await fromDisk.close();
  await page.setViewportSize({ width: 390, height: 844 });
  results.sidewaysScroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  results.sidebarVisibleOnPhone = await page.isVisible("#sidebar");
  await page.click("button.menu");
  results.sidebarVisibleAfterMenu = await page.isVisible("#sidebar");

  // The table of contents as a screen reader and the eye get it: the list markers' text, from
  // the accessibility tree (markers are not in the DOM). h2 entries are numbered 1, 2, 3 with
  // the h3 entries between them bulleted, not counted.
  const cdp = await context.newCDPSession(page);
  const { root } = await cdp.send("DOM.getDocument");
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: ".toc ol" });
  const { nodes } = await cdp.send("Accessibility.queryAXTree", { nodeId, role: "ListMarker" });
  results.tocMarkers = nodes.map((n) => (n.name?.value ?? "").trim());

  // The h2 parts of the text below the first screen are not laid out until the reader comes
  // near them (content-visibility), yet a link to one, keyboard focus and print still reach it.
  await page.setViewportSize({ width: 390, height: 300 });
  await page.goto(server.url + pagePath);
  const lastPart = await page.evaluate(() => {
    const headings = [...document.querySelectorAll(".prose > .doc-section > h2:first-child")];
    const last = headings[headings.length - 1];
    return { parts: headings.length, id: last.id, laidOut: last.checkVisibility({ contentVisibilityAuto: true }) };
  });
  results.textParts = lastPart.parts;
  results.lastPartLaidOutOnLoad = lastPart.laidOut;
  await page.focus(`#${lastPart.id} .anchor`);
  results.focusedPartContainment = await page.evaluate(() =>
    getComputedStyle(document.activeElement.closest(".doc-section")).contentVisibility);
  await page.evaluate(() => document.activeElement.blur());
  await page.goto(server.url + pagePath + "#" + lastPart.id);
  results.linkedPartTop = await page.evaluate((id) => Math.round(document.getElementById(id).getBoundingClientRect().top), lastPart.id);
  await page.emulateMedia({ media: "print" });
  results.partsContainedInPrint = await page.evaluate(() =>
    [...document.querySelectorAll(".doc-section")].filter((s) => getComputedStyle(s).contentVisibility !== "visible").length);
});
server.close();
if (results.sidewaysScroll > 0) fail(`${pagePath}: the page scrolls sideways by ${results.sidewaysScroll}px at 390px`, results);
pass(results);
