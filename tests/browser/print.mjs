// A print page (a section or a reading track as one document) in print media, as the
// browser's "Save as PDF" lays it out: the pages in order, each starting a new sheet
// (computed break-before), the chrome hidden, one h1, landmarks, every contents link landing
// on an element, no script, and no serious axe-core violation (screen and print).
// Usage: node print.mjs SITE_DIR PAGE_PATH
import { createRequire } from "node:module";
import fs from "node:fs";
import { scenario, serveStatic, pass } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [siteDir, pagePath] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const result = {};
await scenario(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let scripts = 0;
  page.on("request", (r) => { if (r.resourceType() === "script") scripts++; });
  await page.goto(server.url + pagePath);
  const axe = [];
  for (const media of ["screen", "print"]) {
    await page.emulateMedia({ media });
    await page.addScriptTag({ content: axeSource });
    const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`));
    axe.push(...found.map((f) => `${media}: ${f}`));
  }
  await page.emulateMedia({ media: "print" });
  Object.assign(result, await page.evaluate(() => {
    const parts = [...document.querySelectorAll("main article")];
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const chrome = [...document.querySelectorAll("body > header, .print-bar, .skip, .sidebar, header.top, footer.foot, .anchor")];
    return {
      parts: parts.map((a) => a.querySelector("h2").textContent.trim()),
      breakBefore: parts.map((a) => getComputedStyle(a).breakBefore),
      h1: document.querySelectorAll("h1").length,
      landmarks: [...new Set([...document.querySelectorAll("main, nav, [role=main], [role=navigation]")]
        .map((el) => el.getAttribute("role") || { MAIN: "main", NAV: "navigation" }[el.tagName]))].sort(),
      chromeVisible: chrome.filter(visible).map((el) => el.className || el.tagName),
      tocTargetsMissing: [...document.querySelectorAll("nav a[href^='#']")]
        .map((a) => a.getAttribute("href").slice(1)).filter((id) => !document.getElementById(id)),
      inDocumentLinksMissing: [...document.querySelectorAll("main a[href^='#']")]
        .map((a) => a.getAttribute("href").slice(1)).filter((id) => !document.getElementById(id)),
      contentVisible: parts.every((a) => visible(a) && a.getBoundingClientRect().height > 0),
    };
  }));
  // What "Save as PDF" would produce: a real PDF, one sheet at least per page.
  const pdf = await page.pdf({ format: "A4" });
  result.pdfBytes = pdf.length;
  result.pdfPages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  result.scripts = scripts;
  result.axe = axe;
  await context.close();
});
server.close();
pass(result);
