// An editor's preview tab: save the file, and the open page changes by itself, keeping its
// scroll position; a broken save shows the problem over the page until the next good save.
// Usage: node live-reload.mjs PAGE_URL MARKDOWN_FILE
import fs from "node:fs";
import { scenario, pass } from "./lib.mjs";

const [url, file] = process.argv.slice(2);
const original = fs.readFileSync(file, "utf8");
const results = {};
await scenario(async (browser) => {
  const page = await (await browser.newContext({ viewport: { width: 800, height: 400 } })).newPage();
  // Enough text to scroll, so that keeping the position means something.
  fs.writeFileSync(file, original + "\n" + "Filler paragraph for scrolling.\n\n".repeat(80));
  // Open the page once the server has rebuilt it with the filler.
  for (let tries = 0; !(await (await fetch(url)).text()).includes("Filler paragraph"); tries++) {
    if (tries > 100) throw new Error("the server never served the filler text");
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.goto(url);
  await page.evaluate(() => window.scrollTo(0, 600));
  await page.waitForTimeout(300);
  fs.writeFileSync(file, original + "\nLive text about otters.\n\n" + "Filler paragraph for scrolling.\n\n".repeat(80));
  await page.waitForFunction(() => document.body.innerText.includes("otters"), null, { timeout: 10000 });
  results.textAfterEdit = true;
  await page.waitForTimeout(300);
  results.scrollAfter = await page.evaluate(() => window.scrollY);
  fs.writeFileSync(file, original.replace("title:", "title: [broken"));
  await page.waitForSelector("#bb-problem", { timeout: 10000 });
  results.overlayShown = (await page.textContent("#bb-problem")).includes("second.md");
  fs.writeFileSync(file, original + "\nRepaired.\n");
  await page.waitForFunction(() => document.body.innerText.includes("Repaired") && !document.getElementById("bb-problem"), null, { timeout: 10000 });
  results.overlayCleared = true;
});
pass(results);
