// Largest Contentful Paint of a page on a throttled phone connection: 4x CPU slowdown,
// 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, pages served gzipped from 127.0.0.1.
// Prints a Markdown table row, then where the time went.
// Usage: node bench/lcp.mjs SITE_DIR PAGE_PATH[,PAGE_PATH...] [RUNS]
// Several pages (comma-separated) are measured in turn within each round, so that they share
// whatever else the machine was doing; each page after the first is also compared with the
// first round by round (median of the paired differences).
//
// How the network is emulated, and why not with DevTools' `latency` alone: DevTools adds its
// latency once per request, measured from when the request was sent, and a localhost TCP
// connection opens instantly. So a request that needs a new connection would cost one round
// trip instead of two (handshake, then request). Here the server holds each response back
// instead: until one round trip after the request arrives, and, on a connection that has not
// yet carried a request, until one more round trip after the connection opened (the TCP
// handshake). DevTools' own latency is then set to 0: it would overlap with the hold, not add
// to it, since it counts from when the request was sent (checked: a 150 ms hold under 150 ms of
// DevTools latency gives ~150 ms, not 300). TLS is not modelled (plain HTTP, as served here); its extra round trip would put
// every page's first byte at 450 ms. DevTools still limits throughput, on the gzipped bytes
// (checked: a 324 KB page that gzips to 0.9 KB arrives in 10 ms, ungzipped in 1.6 s), and slows
// the renderer's main thread 4x. The response fits TCP's initial window (~14 KB), so slow start
// costs no extra round trip for the HTML; it is not modelled for larger files.
// LATENCY=devtools measures the way DevTools' own throttling does (its latency once per request,
// no cost for new connections), for comparison with figures taken that way.
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("tests/browser/package.json"));
const { chromium } = require("playwright-core");
const [siteDir, pagePathsArg, runsArg] = process.argv.slice(2);
if (!siteDir || pagePathsArg === undefined) {
  console.error("usage: node bench/lcp.mjs SITE_DIR PAGE_PATH[,PAGE_PATH...] [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg || 7);
const roundTripMs = 150;
const cpuSlowdown = 4;
const downBytesPerSecond = (1.6 * 1024 * 1024) / 8;
const upBytesPerSecond = (750 * 1024) / 8;
const devtoolsLatency = process.env.LATENCY === "devtools";
if (process.env.LATENCY && !devtoolsLatency) {
  console.error(`LATENCY must be "devtools" or unset, not "${process.env.LATENCY}"`);
  process.exit(2);
}
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json" };

const requestLog = [];
const server = http.createServer((req, res) => {
  const arrived = performance.now();
  const socket = req.socket;
  // A connection's first request waits for the handshake's round trip, counted from when the
  // connection opened (a connection the browser opened early has already paid part of it).
  const handshakeDone = socket.requestsServed++ === 0 ? socket.openedAt + roundTripMs : arrived;
  const delay = devtoolsLatency ? 0 : Math.max(arrived, handshakeDone) + roundTripMs - arrived;
  let file = path.join(siteDir, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  requestLog.push(`${req.url} on connection ${socket.connectionId}, held ${delay.toFixed(0)} ms`);
  setTimeout(() => {
    if (!fs.existsSync(file)) { res.writeHead(404, { "content-length": 0 }); res.end(); return; }
    const body = zlib.gzipSync(fs.readFileSync(file));
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream", "content-encoding": "gzip", "content-length": body.length });
    res.end(body);
  }, delay);
});
let connections = 0;
server.on("connection", (socket) => {
  socket.openedAt = performance.now();
  socket.requestsServed = 0;
  socket.connectionId = ++connections;
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const pagePaths = pagePathsArg.split(",");
const origin = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.BRIDGEBOOK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function measureOnce(pagePath) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  // Latency 0: the server above models the round trips (unless LATENCY=devtools).
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: devtoolsLatency ? roundTripMs : 0, downloadThroughput: downBytesPerSecond, uploadThroughput: upBytesPerSecond });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  requestLog.length = 0;
  await page.goto(origin + pagePath, { waitUntil: "load" });
  // Read the entries once the page has settled (two frames and a pause after load): the
  // observer's first callback can come before the frame that paints the largest element.
  const sample = await page.evaluate(() => new Promise((resolve) => {
    let last = null;
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      last = entries[entries.length - 1];
    }).observe({ type: "largest-contentful-paint", buffered: true });
    const settle = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(report, 300)));
    const report = () => {
      if (!last) { settle(); return; }
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const element = last.element;
      resolve({
        lcp: last.startTime,
        firstByte: nav.responseStart,
        lastByte: nav.responseEnd,
        fcp: fcp ? fcp.startTime : NaN,
        domInteractive: nav.domInteractive,
        element: element ? `<${element.tagName.toLowerCase()}${element.className ? ` class="${element.className}"` : ""}> (${last.size} px²)` : "(removed)",
      });
    };
    settle();
  }));
  sample.requests = [...requestLog];
  await context.close();
  return sample;
}

// One run first, thrown away: the browser's first page also pays for starting processes and
// loading fonts, which a reader's running browser has done long before.
await measureOnce(pagePaths[0]);
const loadBefore = os.loadavg()[0];
const samplesByPage = pagePaths.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [p, pagePath] of pagePaths.entries()) samplesByPage[p].push(await measureOnce(pagePath));
}
const loadAfter = os.loadavg()[0];
await browser.close();
server.close();

const ms = (v) => `${v.toFixed(0)} ms`;
for (const [p, pagePath] of pagePaths.entries()) {
  const samples = samplesByPage[p];
  const median = (key) => {
    const values = samples.map((s) => s[key]).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  };
  const lcps = samples.map((s) => s.lcp).sort((a, b) => a - b);
  console.log(`| LCP of /${pagePath} (4x CPU, 150 ms RTT${devtoolsLatency ? " per request (DevTools)" : ", +1 RTT per new connection"}, 1.6 Mbit/s, gzip) | ${ms(median("lcp"))} median of ${runs} (min ${lcps[0].toFixed(0)}, max ${lcps[lcps.length - 1].toFixed(0)}) | <= 500 ms |`);
  console.log(`  medians: first byte ${ms(median("firstByte"))}, last byte ${ms(median("lastByte"))}, first contentful paint ${ms(median("fcp"))}, DOM interactive ${ms(median("domInteractive"))}`);
  console.log(`  LCP element: ${[...new Set(samples.map((s) => s.element))].join(" | ")}`);
  console.log(`  requests of the last run: ${samples[samples.length - 1].requests.join("; ")}`);
  if (p > 0) {
    // Paired with the first page's run of the same round, so that both saw the same load: the
    // median of these differences moves far less with the machine's load than either median.
    const diffs = samples.map((s, i) => s.lcp - samplesByPage[0][i].lcp).sort((a, b) => a - b);
    const below = diffs.filter((d) => d < 0).length;
    console.log(`  against /${pagePaths[0]} in the same round: median ${diffs[Math.floor(diffs.length / 2)].toFixed(0)} ms (min ${diffs[0].toFixed(0)}, max ${diffs[diffs.length - 1].toFixed(0)}), lower in ${below} of ${diffs.length} rounds`);
  }
}
console.log(`machine load (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, ${os.cpus().length} CPUs`);
