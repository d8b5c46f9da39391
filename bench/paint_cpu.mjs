// Main-thread CPU time a page costs the browser before its first paint, from a Chrome trace.
// On a busy machine the LCP's wall time (bench/lcp.mjs) moves by 100-250 ms from run to run;
// the renderer main thread's own CPU time moves far less, so this is the figure to compare
// two versions of the theme with. It counts thread time, not waiting (font lookups in the
// browser process, the compositor and raster threads are not in it).
// Usage: node bench/paint_cpu.mjs SITE_DIR PAGE_PATH[,PAGE_PATH...] [RUNS] [CPU_SLOWDOWN]
// Pages are served gzipped from 127.0.0.1 without network emulation (unless NETWORK=devtools),
// at a 390 x 844 viewport, measured in turn within each round; prints medians per page.
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("tests/browser/package.json"));
const { chromium } = require("playwright-core");
const [siteDir, pagePathsArg, runsArg, slowdownArg] = process.argv.slice(2);
if (!siteDir || pagePathsArg === undefined) {
  console.error("usage: node bench/paint_cpu.mjs SITE_DIR PAGE_PATH[,PAGE_PATH...] [RUNS] [CPU_SLOWDOWN]");
  process.exit(2);
}
const pagePaths = pagePathsArg.split(",");
const runs = Number(runsArg || 9);
const cpuSlowdown = Number(slowdownArg || 1);
const throttleNetwork = process.env.NETWORK === "devtools";
if (process.env.NETWORK && !throttleNetwork) {
  console.error(`NETWORK must be "devtools" or unset, not "${process.env.NETWORK}"`);
  process.exit(2);
}
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml" };
// Blink's trace events for the stages of a frame; nested ones (Paint inside UpdateLifecycle)
// are reported on their own, not added up.
const stages = ["ParseHTML", "CSSParserImpl::parseStyleSheet", "EvaluateScript", "UpdateLayoutTree", "Layout", "Paint"];

const server = http.createServer((req, res) => {
  let file = path.join(siteDir, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!fs.existsSync(file)) { res.writeHead(404, { "content-length": 0 }); res.end(); return; }
  const body = zlib.gzipSync(fs.readFileSync(file));
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream", "content-encoding": "gzip", "content-length": body.length });
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.BRIDGEBOOK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const tracePath = path.join(os.tmpdir(), `bridgebook-paint-cpu-${process.pid}.json`);

async function measureOnce(pagePath) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  // NETWORK=devtools: bytes arrive as in bench/lcp.mjs's LATENCY=devtools (150 ms per request,
  // 1.6 Mbit/s), so the parser and the first frames see the HTML in the chunks a reader's
  // browser would, instead of all at once.
  if (throttleNetwork) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  }
  await browser.startTracing(page, { path: tracePath, categories: ["toplevel", "devtools.timeline", "loading", "blink"] });
  await page.goto(origin + pagePath, { waitUntil: "load" });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
  await browser.stopTracing();
  await context.close();
  const events = JSON.parse(fs.readFileSync(tracePath, "utf8")).traceEvents;
  const firstPaint = events.find((e) => e.name === "firstContentfulPaint");
  const response = events.find((e) => e.name === "ResourceReceiveResponse");
  const parse = events.find((e) => e.name === "ParseHTML");
  if (!firstPaint || !response || !parse) throw new Error(`${pagePath}: the trace has no first paint, response or parse`);
  const sample = { toFirstPaint: 0, toLoad: 0 };
  for (const stage of stages) sample[stage] = 0;
  for (const e of events) {
    // Only the renderer's main thread, from the HTML's response on; thread time in ms.
    if (e.ph !== "X" || e.pid !== parse.pid || e.tid !== parse.tid || e.ts < response.ts) continue;
    const cpu = (e.tdur ?? e.dur) / 1000;
    if (e.name === "ThreadControllerImpl::RunTask") {
      sample.toLoad += cpu;
      if (e.ts < firstPaint.ts) sample.toFirstPaint += cpu;
    } else if (stages.includes(e.name) && e.ts < firstPaint.ts) {
      sample[e.name] += cpu;
    }
  }
  return sample;
}

await measureOnce(pagePaths[0]); // warm-up: the first page also starts the browser's processes
const loadBefore = os.loadavg()[0];
const samplesByPage = pagePaths.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [p, pagePath] of pagePaths.entries()) samplesByPage[p].push(await measureOnce(pagePath));
}
const loadAfter = os.loadavg()[0];
await browser.close();
server.close();
fs.rmSync(tracePath, { force: true });

for (const [p, pagePath] of pagePaths.entries()) {
  const median = (key) => {
    const values = samplesByPage[p].map((s) => s[key]).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)].toFixed(1);
  };
  console.log(`/${pagePath} (${cpuSlowdown}x CPU${throttleNetwork ? ", DevTools network" : ""}, median of ${runs}): main thread ${median("toFirstPaint")} ms to the first paint, ${median("toLoad")} ms to load;`);
  console.log(`  before the first paint: ${stages.map((s) => `${s.split("::")[0]} ${median(s)}`).join(", ")} ms`);
}
console.log(`machine load (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, ${os.cpus().length} CPUs`);
