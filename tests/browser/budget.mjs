// Byte budget of a first visit: every request a page makes on load (HTML, CSS, JS, fonts; the
// page's own images aside), counted uncompressed and gzipped, with the list of what was fetched.
// Usage: node budget.mjs SITE_DIR PAGE_PATH MAX_RAW_BYTES MAX_GZIP_BYTES
import zlib from "node:zlib";
import { scenario, serveStatic, pass, fail } from "./lib.mjs";

const [siteDir, pagePath, maxRaw, maxGzip] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const fetched = [];
await scenario(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("response", async (response) => {
    const type = response.request().resourceType();
    if (type === "image" || type === "media") return;
    try {
      const body = await response.body();
      fetched.push({ url: response.url().replace(server.url, ""), type, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
    } catch { /* a redirect has no body */ }
  });
  await page.goto(server.url + pagePath, { waitUntil: "networkidle" });
  await page.waitForTimeout(300);
});
server.close();
const raw = fetched.reduce((n, f) => n + f.raw, 0);
const gzip = fetched.reduce((n, f) => n + f.gzip, 0);
const result = { page: pagePath, raw, gzip, fetched };
if (raw > Number(maxRaw)) fail(`${pagePath}: first load is ${raw} bytes uncompressed, budget ${maxRaw}`, result);
if (gzip > Number(maxGzip)) fail(`${pagePath}: first load is ${gzip} bytes gzipped, budget ${maxGzip}`, result);
pass(result);
