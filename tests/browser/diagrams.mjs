// Diagrams as a reader meets them (render/diagrams.rs, bridgebook.js): on a page with one, the
// vendored mermaid script is fetched and draws an SVG (with the diagram's title and
// description for screen readers) in the light theme and again in the dark one; a page
// without a diagram fetches no byte of it; without JavaScript the source is shown as text.
// Usage: node diagrams.mjs SITE_DIR DIAGRAM_PAGE OTHER_PAGE...
import { scenario, serveStatic, pass } from "./lib.mjs";

const [siteDir, diagramPage, ...otherPages] = process.argv.slice(2);
const server = await serveStatic(siteDir, "/handbook/");
const results = { others: {} };

// What the reader sees of the first diagram: SVG colours, accessible name, the source.
const drawn = (page) => page.evaluate(() => {
  const figure = document.querySelector("figure.diagram");
  const svg = figure.querySelector("svg");
  const source = figure.querySelector(".diagram-source");
  const label = svg && svg.querySelector("text, span, p");
  const node = svg && svg.querySelector("rect, path, polygon");
  return {
    svg: !!svg && svg.getBoundingClientRect().height > 20,
    drawnAs: figure.getAttribute("data-drawn"),
    title: svg && svg.querySelector("title") ? svg.querySelector("title").textContent : null,
    desc: svg && svg.querySelector("desc") ? svg.querySelector("desc").textContent : null,
    labelledBy: svg ? svg.getAttribute("aria-labelledby") : null,
    textColor: label ? getComputedStyle(label).color || getComputedStyle(label).fill : null,
    nodeFill: node ? getComputedStyle(node).fill : null,
    sourceShown: source.offsetParent !== null,
    caption: figure.querySelector("figcaption") ? figure.querySelector("figcaption").textContent : null,
    pageText: getComputedStyle(document.body).color,
    pageBackground: getComputedStyle(document.body).backgroundColor,
  };
});

await scenario(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
  const page = await context.newPage();
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url().replace(server.url, "")));
  await page.goto(server.url + diagramPage);
  await page.waitForSelector("figure.diagram[data-drawn=light] svg", { timeout: 20000 });
  results.light = await drawn(page);
  results.fetched = fetched.filter((u) => u.includes("mermaid"));
  await page.click("button.theme");
  await page.waitForSelector("figure.diagram[data-drawn=dark] svg", { timeout: 20000 });
  results.dark = await drawn(page);
  // A reload in the dark theme draws it dark from the start.
  await page.reload();
  await page.waitForSelector("figure.diagram[data-drawn] svg", { timeout: 20000 });
  results.reloaded = (await drawn(page)).drawnAs;
  results.errors = [];
  page.on("pageerror", (e) => results.errors.push(String(e)));
  await context.close();

  // Other pages: not one request for the diagram script.
  for (const other of otherPages) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const requests = [];
    p.on("request", (r) => requests.push(r.url().replace(server.url, "")));
    await p.goto(server.url + other, { waitUntil: "networkidle" });
    results.others[other] = { requests: requests.length, mermaid: requests.filter((u) => u.includes("mermaid")) };
    await ctx.close();
  }

  // Without JavaScript: the source as a readable block, with its caption.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  const plainRequests = [];
  plain.on("request", (r) => plainRequests.push(r.url().replace(server.url, "")));
  await plain.goto(server.url + diagramPage);
  results.noJs = await drawn(plain);
  results.noJsSource = await plain.evaluate(() => document.querySelector("figure.diagram .diagram-source").innerText);
  results.noJsMermaid = plainRequests.filter((u) => u.includes("mermaid"));
  await noJs.close();
});
server.close();
pass(results);
