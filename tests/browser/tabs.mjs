// Audience tabs as a reader meets them (render/tabs.rs, bridgebook.js): the WAI-ARIA tabs
// pattern from the keyboard (Right, Left, Home, End move and select, one tab stop), "View as"
// selecting the tab written for the reader (a role picks its audience's tab), the reader still
// switching, and without JavaScript every panel shown in order under its label; in print too.
// Usage: node tabs.mjs SITE_DIR PAGE
import { scenario, serveStatic, pass } from "./lib.mjs";

const [siteDir, pagePath] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = {};

// The first tab group's tabs (label, selected, tabindex) and which panels a reader sees.
const state = (page) => page.evaluate(() => {
  const group = document.querySelector(".tabs");
  const tabs = [...group.querySelectorAll("[role=tab]")];
  const panels = [...group.querySelectorAll(".tab-panel")];
  return {
    selected: tabs.filter((t) => t.getAttribute("aria-selected") === "true").map((t) => t.textContent),
    tabStops: tabs.filter((t) => t.tabIndex === 0).map((t) => t.textContent),
    visible: panels.filter((p) => p.offsetParent !== null).map((p) => p.querySelector(".tab-label").textContent.trim()),
    labelsShown: panels.filter((p) => p.querySelector(".tab-label").offsetParent !== null).length,
    listShown: group.querySelector("[role=tablist]").offsetParent !== null,
    focused: document.activeElement.getAttribute("role") === "tab" ? document.activeElement.textContent : null,
    wired: panels.every((p) => p.getAttribute("role") === "tabpanel"
      && document.getElementById(p.getAttribute("aria-labelledby")).getAttribute("aria-controls") === p.id),
  };
});

await scenario(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + pagePath);
  results.initial = await state(page);
  // Keyboard: Tab reaches the selected tab, the arrows move and select, Home and End jump.
  await page.focus(".tabs [role=tab][aria-selected=true]");
  const keys = {};
  for (const key of ["ArrowRight", "ArrowRight", "ArrowLeft", "End", "Home", "ArrowLeft"]) {
    await page.keyboard.press(key);
    const s = await state(page);
    keys[key] = keys[key] || [];
    keys[key].push({ focused: s.focused, selected: s.selected[0], visible: s.visible });
  }
  results.keys = keys;
  results.afterKeys = await state(page);
  // Tab from the tab list goes to the panel, not to the next tab.
  await page.keyboard.press("Tab");
  results.tabGoesTo = await page.evaluate(() => document.activeElement.getAttribute("role"));

  // View as: the tab for the reader's audience, or a role's audience.
  await page.selectOption("#view-as", "it");
  results.asIt = (await state(page)).selected;
  await page.selectOption("#view-as", "marketing");
  results.asMarketing = (await state(page)).selected;
  await page.selectOption("#view-as", "it");
  await page.selectOption("#view-as", "cmo");
  results.asCmo = (await state(page)).selected;
  await page.reload();
  results.afterReload = (await state(page)).selected;
  // The reader can still switch.
  await page.click(".tabs [role=tab][aria-selected=false]");
  results.afterClick = (await state(page)).selected;
  await context.close();

  // Without JavaScript: every panel, in order, each under its label; no tab list.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(server.url + pagePath);
  results.noJs = await state(plain);
  await noJs.close();

  // Printed: every panel, whatever tab is selected on screen.
  const printing = await browser.newContext();
  const printed = await printing.newPage();
  await printed.goto(server.url + pagePath + "?view=it");
  await printed.emulateMedia({ media: "print" });
  results.print = await state(printed);
  await printing.close();
});
server.close();
pass(results);
