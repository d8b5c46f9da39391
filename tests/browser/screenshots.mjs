// Screenshots for the README: the home page and a long page, at 1280 and 390 px, light and dark.
// Usage: node screenshots.mjs SITE_DIR OUT_DIR LONG_PAGE_PATH
import path from "node:path";
import fs from "node:fs";
import { scenario, serveStatic, pass } from "./lib.mjs";

const [siteDir, outDir, longPage] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const server = await serveStatic(siteDir, "/handbook/");
const written = [];
await scenario(async (browser) => {
  for (const scheme of ["light", "dark"]) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: width > 800 ? 860 : 844 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const [name, pagePath] of [["home", ""], ["long-page", longPage]]) {
        await page.goto(server.url + pagePath, { waitUntil: "networkidle" });
        const file = path.join(outDir, `${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file });
        written.push(file);
      }
      await context.close();
    }
  }
});
server.close();
pass({ written });
