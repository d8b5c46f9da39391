// Byte budget of a first visit, and phone width, for each given page: every request a page
// makes on load (HTML, CSS, JS, fonts; the page's own images aside), counted uncompressed and
// gzipped, with the list of what was fetched; then, at 390 px wide, whether the page scrolls
// sideways (and which element sticks out).
// Usage: node budget.mjs SITE_DIR MAX_RAW_BYTES MAX_GZIP_BYTES PAGE_PATH...
import zlib from "node:zlib";
import { scenario, serveStatic, pass, fail } from "./lib.mjs";

const [siteDir, maxRaw, maxGzip, ...pagePaths] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const pages = [];
const problems = [];
await scenario(async (browser) => {
  for (const pagePath of pagePaths) {
    // A fresh context per page: nothing cached, as on a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const fetched = [];
    page.on("response", async (response) => {
      const type = response.request().resourceType();
      if (type === "image" || type === "media") return;
      try {
        const body = await response.body();
        fetched.push({ url: response.url().replace(server.url, ""), type, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
      } catch { /* a redirect has no body */ }
    });
    const response = await page.goto(server.url + pagePath, { waitUntil: "networkidle" });
    await page.waitForTimeout(200);
    if (!response || (response.status() >= 400 && !pagePath.includes("404"))) {
      problems.push(`${pagePath}: HTTP ${response && response.status()}`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = await page.evaluate(() => {
      const sideways = document.documentElement.scrollWidth - window.innerWidth;
      let widest = null;
      if (sideways > 0) {
        for (const el of document.querySelectorAll("body *")) {
          const r = el.getBoundingClientRect();
          if (r.right > window.innerWidth + 1 && (!widest || r.right > widest.right)) {
            widest = { right: Math.round(r.right), tag: el.tagName.toLowerCase(), text: (el.textContent || "").trim().slice(0, 60) };
          }
        }
      }
      return { sideways, widest };
    });
    await context.close();
    const raw = fetched.reduce((n, f) => n + f.raw, 0);
    const gzip = fetched.reduce((n, f) => n + f.gzip, 0);
    pages.push({ page: pagePath, raw, gzip, sideways: phone.sideways, fetched });
    if (raw > Number(maxRaw)) problems.push(`${pagePath}: first load is ${raw} bytes uncompressed, budget ${maxRaw}`);
    if (gzip > Number(maxGzip)) problems.push(`${pagePath}: first load is ${gzip} bytes gzipped, budget ${maxGzip}`);
    if (phone.sideways > 0) problems.push(`${pagePath}: scrolls sideways by ${phone.sideways}px at 390px (widest: ${JSON.stringify(phone.widest)})`);
  }
});
server.close();
if (problems.length) fail(problems.join("\n"), { pages });
pass({ pages });
