// Shared helpers for bridgebook's browser tests: launch Debian's chromium headless, serve a
// built site on 127.0.0.1, and report results as one JSON line for the Rust test to read.
// Each scenario script imports this, does what a reader would do, and calls `pass` or `fail`.

import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

export const CHROMIUM = process.env.BRIDGEBOOK_CHROMIUM || "/usr/bin/chromium";

/** Headless chromium with the flags this sandbox needs (no network, no sandbox as root). */
export async function launch() {
  // Playwright gives every launch a fresh, empty profile of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".txt": "text/plain", ".png": "image/png",
};

/**
 * Serves `dir` on 127.0.0.1 under `prefix` (e.g. "/handbook/" to prove sub-path hosting).
 * Every response is counted in `server.requests` (path and bytes) for byte budgets.
 */
export async function serveStatic(dir, prefix = "/") {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    let file = path.join(dir, url.slice(prefix.length));
    if (!path.resolve(file).startsWith(path.resolve(dir))) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      const notFound = path.join(dir, "404.html");
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : "not found");
      return;
    }
    const body = fs.readFileSync(file);
    requests.push({ path: url, bytes: body.length });
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, requests, close: () => server.close() };
}

/** Prints the JSON result the Rust side reads, and exits 0. */
export function pass(result = {}) {
  process.stdout.write(JSON.stringify({ ok: true, ...result }) + "\n");
  process.exit(0);
}

/** Prints what went wrong (page, rule or budget, figure) and exits 1. */
export function fail(message, details = {}) {
  process.stdout.write(JSON.stringify({ ok: false, message, ...details }) + "\n");
  process.stderr.write(message + "\n");
  process.exit(1);
}

/** Runs `body(browser)`, failing on any exception, always closing the browser. */
export async function scenario(body) {
  const browser = await launch();
  try {
    await body(browser);
  } catch (err) {
    await browser.close();
    fail(String(err && err.stack || err));
  }
  await browser.close();
}

/** Opens `url` and focuses the search box, which loads the search client; resolves to the page. */
export async function searchPage(browser, url) {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  await page.focus("#bb-q");
  await page.waitForFunction(() => window.bbSearch && window.bbSearch.rows);
  return page;
}
