// Largest Contentful Paint of a page under DevTools throttling (4x CPU slowdown, 150 ms RTT,
// 1.6 Mbit/s down, 750 kbit/s up), served gzipped from 127.0.0.1. Prints a Markdown table row.
// Usage: node bench/lcp.mjs SITE_DIR PAGE_PATH [RUNS]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("tests/browser/package.json"));
const { chromium } = require("playwright-core");
const [siteDir, pagePath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 7);
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml" };

const server = http.createServer((req, res) => {
  let file = path.join(siteDir, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  const body = zlib.gzipSync(fs.readFileSync(file));
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream", "content-encoding": "gzip" });
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/${pagePath}`;
const browser = await chromium.launch({
  executablePath: process.env.BRIDGEBOOK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const samples = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url, { waitUntil: "load" });
  const lcp = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve(entries[entries.length - 1].startTime);
    }).observe({ type: "largest-contentful-paint", buffered: true });
  }));
  samples.push(lcp);
  await context.close();
}
await browser.close();
server.close();
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(`| LCP of /${pagePath} (4x CPU, 150 ms RTT, 1.6 Mbit/s, gzip) | ${median.toFixed(0)} ms median of ${runs} (min ${samples[0].toFixed(0)}, max ${samples[samples.length - 1].toFixed(0)}) | <= 500 ms |`);
