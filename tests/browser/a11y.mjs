// Accessibility: runs axe-core on each given page in light and dark mode and fails on any
// serious or critical violation, naming the page, the rule and the offending elements.
// Usage: node a11y.mjs SITE_DIR PAGE_PATH...
import { createRequire } from "node:module";
import fs from "node:fs";
import { scenario, serveStatic, pass, fail } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [siteDir, ...pages] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const problems = [];
const checked = [];
await scenario(async (browser) => {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const path of pages) {
      const response = await page.goto(server.url + path);
      if (!response || (response.status() >= 400 && !path.includes("404"))) {
        problems.push(`${path}: HTTP ${response && response.status()}`);
        continue;
      }
      // Diagrams are checked as drawn (bridgebook.js marks each figure when mermaid is done).
      await page.waitForFunction(() => [...document.querySelectorAll("figure.diagram")]
        .every((f) => f.hasAttribute("data-drawn")), null, { timeout: 30000 });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        return await axe.run(document, { resultTypes: ["violations"] });
      });
      for (const v of result.violations) {
        if (v.impact === "serious" || v.impact === "critical") {
          const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
          problems.push(`${path} (${scheme}): ${v.id} [${v.impact}] ${v.help} — ${targets}`);
        }
      }
      checked.push(`${path} (${scheme})`);
    }
    await context.close();
  }
});
server.close();
if (problems.length) fail(`${problems.length} accessibility violation(s):\n` + problems.join("\n"), { problems });
pass({ checked });
