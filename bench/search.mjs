// Search benchmark (issues 5 and 20): builds a handbook, then measures the index (build time,
// peak memory, files) and the client in headless Chromium: bytes fetched on page load, for a
// first query and a further one, keystroke -> results, and how well it finds pages (MRR@10 of
// known-item queries with and without a typo, exact titles, and what the `max_postings` cap
// costs queries of common words). Prints a Markdown table.
//
//   cargo build --release
//   npm ci --prefix tests/browser
//   node bench/search.mjs [--pages 10000]            # a generated handbook (bench/gen_corpus.py)
//   node bench/search.mjs --import SRC [--site DIR]  # a real handbook, through `bridgebook import`
//   node bench/search.mjs --corpus DIR               # a bridgebook site as it is
//   options: --queries 200 --sessions 20 --runs 1 --kind rare4|content3 --reuse --no-cap --verbose
//            --binary PATH (another build of bridgebook, for before and after)
//
// Queries are drawn from the built pages' text as a reader sees it (never from the index), with
// a fixed seed, so every run asks the same ones:
// - content3 (real handbooks): three consecutive content words of one block of a page (words
//   of the English function-word list below left out; a word needs a letter and two
//   characters), a sequence found on no other page; the typo variant drops one letter from
//   the query's longest word (of 5+ letters), at a random place.
// - rare4 (the generated corpus's own, as in earlier rounds): four consecutive words among them
//   one found on at most 1 page in 1,000, occurring together on no other page; the typo swaps
//   two neighbouring letters of the longest word.
// - exact titles: the titles of pages picked at random, typed as they are and with a letter
//   dropped from the longest word; a hit counts if it has the same title (pages that share a
//   title tie).
// - common words: the content3 queries each of whose words is on more pages than the cap keeps
//   (`max_postings`); recall is the share of the pages holding all three words (as whole
//   words) that the results list at all. With --no-cap left out, the same queries are asked of
//   a second build without the cap, to show what it costs.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(repo, "tests/browser/package.json"));
const { chromium } = require("playwright-core");

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith("--") ? all[i + 1] : "1"]);
  return acc;
}, []));
const PAGES = Number(args.pages || 10000);
const QUERIES = Number(args.queries || 200);
const SESSIONS = Number(args.sessions || 20);
const generated = !args.corpus && !args.import;
const corpus = args.corpus || args.site || (args.import ? `/dev/shm/bb-search-bench-${path.basename(path.resolve(args.import))}` : `/dev/shm/bb-search-bench-${PAGES}`);
const KIND = args.kind || (generated ? "rare4" : "content3");
const out = corpus + "-public";
// --binary: another build of bridgebook, to measure before and after a change on one corpus.
const binary = args.binary ? path.resolve(args.binary) : path.join(repo, "target/release/bridgebook");
if (!fs.existsSync(binary)) { console.error("run `cargo build --release` first"); process.exit(2); }

// ---- corpus ----
if (args.import) {
  console.error(`importing ${args.import} into ${corpus} ...`);
  fs.rmSync(corpus, { recursive: true, force: true });
  const r = spawnSync(binary, ["import", args.import, "-o", corpus], { encoding: "utf8" });
  if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
} else if (generated && !fs.existsSync(path.join(corpus, "bridgebook.yaml"))) {
  console.error(`generating ${PAGES} pages into ${corpus} ...`);
  execFileSync("python3", [path.join(repo, "bench/gen_corpus.py"), "--pages", String(PAGES), "--out", corpus], { stdio: ["ignore", "ignore", "inherit"] });
}

// ---- build: with and without search, wall time and peak RSS ----
const configPath = path.join(corpus, "bridgebook.yaml");
const originalConfig = fs.readFileSync(configPath, "utf8");
// The site's config with these search settings on top of its own.
function withSearch(settings) {
  const own = /^search:\n((?:[ \t]+.*\n?)*)/m.exec(originalConfig);
  const lines = Object.entries(settings).map(([k, v]) => `  ${k}: ${v}\n`).join("");
  if (!own) return originalConfig.replace(/\n?$/, "\n") + "search:\n" + lines;
  const kept = own[1].split("\n").filter((l) => l.trim() && !Object.keys(settings).some((k) => l.trim().startsWith(k + ":")));
  return originalConfig.replace(own[0], "search:\n" + kept.map((l) => l + "\n").join("") + lines);
}
function timedBuild(settings, into) {
  fs.writeFileSync(configPath, withSearch(settings));
  try {
    const best = [];
    for (let run = 0; run < Number(args.runs || 1); run++) {
      const r = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", binary, "build", "-r", corpus, "-o", into],
        { encoding: "utf8", env: { ...process.env, BRIDGEBOOK_TIMINGS: "1" } });
      if (r.status !== 0) throw new Error(r.stderr);
      const [secs, kb, user, sys] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
      const t = /tokenizing (\d+) ms.*shards (\d+) ms/.exec(r.stderr);
      best.push({ secs, cpu: user + sys, mb: kb / 1024, tokenize: t ? Number(t[1]) : 0, index: t ? Number(t[2]) : 0 });
    }
    // The run with the least CPU time: the one other work on the machine disturbed least.
    return best.sort((a, b) => a.cpu - b.cpu)[0];
  } finally {
    fs.writeFileSync(configPath, originalConfig);
  }
}
// --reuse: measure the sites already built (while working on the client).
const reuse = "reuse" in args;
const uncapped = out + "-uncapped";
console.error(reuse ? "reusing the built site ..." : "building ...");
const none = { secs: 0, cpu: 0, mb: 0, tokenize: 0, index: 0 };
const without = reuse ? none : timedBuild({ enabled: false }, out);
const built = reuse ? none : timedBuild({}, out);
// The cap the index was built with (null: every page of every word kept).
const manifestText = fs.readFileSync(path.join(out, "search/manifest.js"), "utf8");
const manifest = JSON.parse(manifestText.slice(manifestText.indexOf("(") + 1, manifestText.lastIndexOf(")")));
// (Indexes before issue 20 cut every word at 150 pages.)
const CAP = manifest.v >= 2 ? manifest.max_postings : 150;
const capCost = !("no-cap" in args) && CAP !== null;
if (capCost && !(reuse && fs.existsSync(uncapped))) timedBuild({ max_postings: 1000000 }, uncapped);
const filesUnder = (dir) => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const indexFiles = filesUnder(path.join(out, "search")).filter((f) => f.endsWith(".js"));
const indexBytes = indexFiles.reduce((n, f) => n + fs.statSync(f).size, 0);

// ---- the browser ----
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
const log = [];
function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/handbook\//, "");
    let file = path.join(dir, url);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    const body = fs.readFileSync(file);
    log.push({ path: url, raw: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length });
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(body);
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}
const server = await serve(out);
const base = `http://127.0.0.1:${server.address().port}/handbook/`;
const browser = await chromium.launch({
  executablePath: process.env.BRIDGEBOOK_CHROMIUM || "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
// A page of the site with the search client loaded, for asking it queries.
async function searchPage(url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.focus("#bb-q");
  await page.waitForFunction(() => window.bbSearch && window.bbSearch.query);
  return page;
}
const evalPage = await searchPage(base);
// Every indexed page, by doc id: its URL and title, through the client's own rows.
const docs = await evalPage.evaluate(async () => {
  const n = await window.bbSearch.docCount();
  const ids = Array.from({ length: n }, (_, i) => i);
  return (await window.bbSearch.rows(ids)).map((r) => ({ url: r.url, title: r.title }));
});
const docOf = new Map(docs.map((d, i) => [d.url, i]));

// ---- page text, as the built page shows it ----
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " };
function decode(s) {
  return s.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
// The blocks (paragraphs, list items, headings, cells) of a page's text, lowercased.
function blocksOf(html) {
  const start = html.indexOf("<div class=\"prose\">");
  let end = html.indexOf("<footer class=\"doc-meta\">", start);
  if (end < 0) end = html.indexOf("</article>", start);
  if (start < 0) return [];
  return html.slice(start, end)
    .replace(/<a class="anchor"[^>]*>.*?<\/a>/g, "")
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<\/?(p|li|h[1-6]|td|th|pre|blockquote|dd|dt|div|section|tr|ul|ol|table|details|summary|br)\b[^>]*>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .split("\n").map((b) => decode(b).toLowerCase().trim()).filter(Boolean);
}
const WORD = /[\p{L}\p{N}]+/gu;
// Function words: what a reader leaves out of a query. The bench's own list, not the index's.
const FUNCTION_WORDS = new Set(("a about above after again against all also am an and any are as at be because been " +
  "before being below between both but by can could did do does doing don down during each either etc few for from " +
  "further had has have having he her here hers herself him himself his how i if in into is isn it its itself just " +
  "may me might more most must my myself no nor not now of off on once only or other our ours ourselves out over own " +
  "per same she should so some such than that the their theirs them themselves then there these they this those " +
  "through to too under until up us very via was we were what when where which while who whom why will with would " +
  "you your yours yourself yourselves s t ve re ll d m e g ie eg").split(" "));
const isContent = (w) => w.length >= 2 && /\p{L}/u.test(w) && !FUNCTION_WORDS.has(w);

const pages = [];
for (const [id, d] of docs.entries()) {
  let file = path.join(out, d.url, "index.html");
  if (!fs.existsSync(file)) continue;
  // The title is a block too: a query made of another page's title is not unique to this one.
  const blocks = [d.title.toLowerCase(), ...blocksOf(fs.readFileSync(file, "utf8"))];
  const words = blocks.map((b) => b.match(WORD) || []);
  pages.push({ id, url: d.url, title: d.title, words, all: new Set(words.flat()) });
}
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const docFreq = new Map();
for (const page of pages) for (const w of page.all) docFreq.set(w, (docFreq.get(w) || 0) + 1);

function longestOf(phrase) { return phrase.split(" ").reduce((a, b) => (b.length > a.length ? b : a)); }
function dropLetter(phrase) {
  const longest = longestOf(phrase);
  if (longest.length < 5) return null;
  const k = Math.floor(random() * longest.length);
  return phrase.replace(longest, longest.slice(0, k) + longest.slice(k + 1));
}
function swapLetters(phrase) {
  const longest = longestOf(phrase);
  if (longest.length < 5) return null;
  const k = 1 + Math.floor(random() * (longest.length - 3));
  return phrase.replace(longest, longest.slice(0, k) + longest[k + 1] + longest[k] + longest.slice(k + 2));
}
// Known-item queries: `size` words in a row of one block (content words only for content3),
// kept when no other page has them in a row; `accept` picks the windows worth asking.
function knownItems(size, contentOnly, accept, typo) {
  const candidates = new Map();
  const runs = (page) => page.words.map((ws) => (contentOnly ? ws.filter(isContent) : ws));
  for (let attempt = 0; attempt < QUERIES * 40 && candidates.size < QUERIES * 3; attempt++) {
    const page = pick(pages);
    const starts = [];
    runs(page).forEach((ws, b) => {
      for (let i = 0; i + size <= ws.length; i++) if (accept(ws.slice(i, i + size))) starts.push([b, i]);
    });
    if (!starts.length) continue;
    const [b, i] = pick(starts);
    const phrase = runs(page)[b].slice(i, i + size).join(" ");
    if (!candidates.has(phrase)) candidates.set(phrase, { page, on: new Set() });
  }
  for (const page of pages) {
    for (const ws of runs(page)) {
      for (let i = 0; i + size <= ws.length; i++) {
        const c = candidates.get(ws.slice(i, i + size).join(" "));
        if (c) c.on.add(page.id);
      }
    }
  }
  const queries = [];
  for (const [phrase, { page, on }] of candidates) {
    if (queries.length >= QUERIES || on.size !== 1) continue;
    const typoed = typo(phrase);
    if (typoed) queries.push({ target: page.id, url: page.url, phrase, typo: typoed });
  }
  return queries;
}
const RARE_PAGES = Math.max(3, Math.round(pages.length / 1000));
const queries = KIND === "rare4"
  ? knownItems(4, false, (ws) => ws.some((w) => docFreq.get(w) <= RARE_PAGES), swapLetters)
  : knownItems(3, true, () => true, dropLetter);
// Queries of common words: each word on more pages than the cap keeps.
const common = CAP === null ? [] : (KIND === "content3" ? queries : knownItems(3, true, () => true, dropLetter))
  .filter((q) => q.phrase.split(" ").every((w) => (docFreq.get(w) || 0) > CAP));
const titleQueries = [];
for (let tries = 0; titleQueries.length < Math.min(QUERIES, pages.length) && tries < QUERIES * 10; tries++) {
  const page = pick(pages);
  if (!page.title.trim() || titleQueries.some((q) => q.target === page.id)) continue;
  titleQueries.push({ target: page.id, url: page.url, phrase: page.title, typo: dropLetter(page.title) });
}
const sameTitle = (a, b) => a.toLowerCase().replace(/\s+/g, " ").trim() === b.toLowerCase().replace(/\s+/g, " ").trim();

// ---- typing sessions: bytes and keystroke latency ----
const startPage = pages[Math.floor(pages.length / 2)].url;
// Types `q` one key at a time inside the page, the next key as soon as the last one's results
// are shown (a reader typing faster than the client's snippet pause), and times each keystroke
// -> results shown (titles, breadcrumbs and badges of the hits listed; data-bb-search). Then
// waits for the last keystroke's snippets to be filled in (data-bb-snippets) and times that
// too, so the bytes counted include the snippet text the reader ends up seeing.
async function typeTimed(page, q) {
  return page.evaluate(async (q) => {
    const input = document.getElementById("bb-q");
    const times = [], fetched = [], timing = [];
    let lastKey = 0;
    input.value = "";
    for (const c of q) {
      const before = document.documentElement.getAttribute("data-bb-search");
      const filesBefore = performance.getEntriesByType("resource").filter((e) => e.name.includes("/search/")).length;
      const t0 = performance.now();
      lastKey = t0;
      input.value += c;
      input.dispatchEvent(new Event("input"));
      if (!input.value.trim()) continue;
      await new Promise((resolve) => {
        const check = () => (document.documentElement.getAttribute("data-bb-search") !== before ? resolve() : setTimeout(check, 0));
        new MutationObserver((_, obs) => { obs.disconnect(); resolve(); }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-bb-search"] });
        setTimeout(check, 0);
      });
      times.push(performance.now() - t0);
      const files = performance.getEntriesByType("resource").filter((e) => e.name.includes("/search/")).slice(filesBefore);
      fetched.push(files.length);
      // Where a keystroke that fetched files spent its time: until the first request started,
      // until the last response ended (from the keystroke).
      timing.push(files.length ? [Math.min(...files.map((e) => e.startTime)) - t0, Math.max(...files.map((e) => e.responseEnd)) - t0] : null);
    }
    const shown = document.documentElement.getAttribute("data-bb-search");
    await new Promise((resolve) => {
      const check = () => (document.documentElement.getAttribute("data-bb-snippets") === shown || document.querySelector(".bb-sr").hidden ? resolve() : setTimeout(check, 2));
      check();
    });
    return { times, fetched, timing, filled: performance.now() - lastKey };
  }, q);
}
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const searchBytes = (from) => log.slice(from).filter((r) => r.path.includes("search"))
  .reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });

const onLoad = [], first = [], further = [], latencies = [], filled = [];
// [files fetched during a keystroke, its ms]: what makes the slow keystrokes slow.
const byFiles = [];
// Bytes and files by kind of file, for first and further queries: what to shrink next.
const kinds = { first: {}, further: {} };
const byKind = (from, which) => log.slice(from).filter((r) => r.path.includes("search")).forEach((r) => {
  const kind = /search\/([a-z]+)\//.exec(r.path)?.[1] || path.basename(r.path);
  const k = (kinds[which][kind] = kinds[which][kind] || { raw: 0, gzip: 0, files: 0 });
  k.raw += r.raw; k.gzip += r.gzip; k.files += 1;
});
const sessions = Math.min(SESSIONS, Math.floor(queries.length / 2));
for (let s = 0; s < sessions; s++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const mark = log.length;
  await page.goto(base + startPage, { waitUntil: "networkidle" });
  onLoad.push(searchBytes(mark));
  const m1 = log.length;
  await page.focus("#bb-q");
  await page.waitForFunction(() => window.bbSearch && window.bbSearch.query);
  for (const [q, into, which] of [[queries[2 * s].phrase, first, "first"], [queries[2 * s + 1].phrase, further, "further"]]) {
    const from = which === "first" ? m1 : log.length;
    const typed = await typeTimed(page, q);
    latencies.push(...typed.times);
    typed.fetched.forEach((n, i) => byFiles.push([n, typed.times[i]]));
    filled.push(typed.filled);
    into.push(searchBytes(from)); // the first query counts search.js and the manifest
    byKind(from, which);
    if (args.verbose) {
      const files = log.slice(from).filter((r) => r.path.includes("search")).map((r) => `${r.path.replace(/^.*search\//, "")} ${(r.gzip / 1024).toFixed(1)}`);
      console.error(`${which} "${q}": ${kb(into[into.length - 1].gzip)} gzip; keys ${typed.times.map((t, i) => `${t.toFixed(0)}/${typed.fetched[i]}${typed.timing[i] ? `(${typed.timing[i].map((x) => x.toFixed(0)).join("-")})` : ""}`).join(" ")}; ${files.join(", ")}`);
    }
  }
  await context.close();
}

// ---- how well it finds pages, through the client's own ranking ----
// For each query: the top ten hits' doc ids and titles, and how many hits in all.
async function ask(page, list, key, limit = 10) {
  return page.evaluate(async ({ texts, limit }) => {
    const out = [];
    for (const text of texts) {
      const r = await window.bbSearch.query(text + " ", limit);
      // (Clients before issue 20 have no `shown`: their rows, without snippets.)
      const shown = window.bbSearch.shown ? await window.bbSearch.shown(text + " ", 10)
        : (await window.bbSearch.rows(r.hits.slice(0, 10))).map((row) => ({ doc: row.doc, title: row.title, snippet: "" }));
      out.push({
        top: shown.map((s) => s.doc), titles: shown.map((s) => s.title), all: limit > 10 ? r.hits : null,
        // The first hit's snippet shows a word the query matched.
        marked: shown.length > 0 && shown[0].snippet.includes("<mark>"),
      });
    }
    return out;
  }, { texts: list.map((q) => q[key]).filter(Boolean), limit });
}
function knownItemScore(list, answers, key) {
  let sum = 0, found = 0, marked = 0;
  const asked = list.filter((q) => q[key]);
  asked.forEach((q, i) => {
    const rank = answers[i].top.indexOf(q.target);
    if (rank >= 0) { sum += 1 / (rank + 1); found++; }
    if (answers[i].marked) marked++;
    if (args.verbose && rank !== 0) console.error(`${key}: "${q[key]}" -> rank ${rank + 1 || "none"} (${q.url}; top: ${answers[i].titles.slice(0, 3).join(" | ")})`);
  });
  return { mrr: sum / asked.length, top10: found / asked.length, marked: marked / asked.length, n: asked.length };
}
function titleScore(list, answers, key) {
  let first = 0, top10 = 0;
  const asked = list.filter((q) => q[key]);
  asked.forEach((q, i) => {
    const { top, titles } = answers[i];
    const hit = (k) => top[k] === q.target || sameTitle(titles[k], q.phrase);
    if (top.length && hit(0)) first++;
    else if (args.verbose) console.error(`title ${key}: "${q[key]}" not first (top: ${titles.slice(0, 3).join(" | ")})`);
    if (top.some((_, k) => hit(k))) top10++;
  });
  return { first: first / asked.length, top10: top10 / asked.length, n: asked.length };
}
// Recall of common-word queries: the share of the pages with all their words that are listed.
function commonRecall(list, answers) {
  let sum = 0;
  list.forEach((q, i) => {
    const words = q.phrase.split(" ");
    const truth = pages.filter((p) => words.every((w) => p.all.has(w))).map((p) => p.id);
    const listed = new Set(answers[i].all);
    sum += truth.filter((id) => listed.has(id)).length / truth.length;
  });
  return list.length ? sum / list.length : NaN;
}
async function quality(page) {
  const exact = knownItemScore(queries, await ask(page, queries, "phrase"), "phrase");
  const typo = knownItemScore(queries, await ask(page, queries, "typo"), "typo");
  const titles = titleScore(titleQueries, await ask(page, titleQueries, "phrase"), "phrase");
  const titleTypos = titleScore(titleQueries, await ask(page, titleQueries, "typo"), "typo");
  const commonAnswers = await ask(page, common, "phrase", 1000000);
  return { exact, typo, titles, titleTypos, common: knownItemScore(common, commonAnswers, "phrase"), commonRecall: commonRecall(common, commonAnswers) };
}
const measured = await quality(evalPage);
let withoutCap = null;
if (capCost) {
  const server2 = await serve(uncapped);
  withoutCap = await quality(await searchPage(`http://127.0.0.1:${server2.address().port}/handbook/`));
  server2.close();
}
await browser.close();
server.close();

// ---- report ----
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] || 0; };
const bytes = (list, p) => `${kb(pct(list.map((b) => b.raw), p))} raw / ${kb(pct(list.map((b) => b.gzip), p))} gzip`;
const ki = (s) => `${s.mrr.toFixed(3)} (in top 10: ${(s.top10 * 100).toFixed(0)}%)`;
const ti = (s) => `first ${(s.first * 100).toFixed(0)}%, top 10 ${(s.top10 * 100).toFixed(0)}%`;
const vs = (f, a, b) => (b ? `${f(a)}; without the cap: ${f(b)}` : f(a));
const m = measured, w = withoutCap;
const rows = [
  ["pages indexed", String(docs.length), ""],
  ["index build: CPU time the build spends on search (user+sys with search minus without)", `${(built.cpu - without.cpu).toFixed(2)} s`, "<= 3 s"],
  ["index build: tokenizing (time in add_page, summed over threads) + index and shards (wall)", `${(built.tokenize / 1000).toFixed(2)} s + ${(built.index / 1000).toFixed(2)} s`, ""],
  ["whole build without / with search: wall; CPU (user+sys)", `${without.secs.toFixed(2)} s / ${built.secs.toFixed(2)} s; ${without.cpu.toFixed(2)} s / ${built.cpu.toFixed(2)} s`, ""],
  ["peak RSS without / with search", `${without.mb.toFixed(0)} MB / ${built.mb.toFixed(0)} MB`, "<= 300 MB"],
  ["files in the index (search/)", `${indexFiles.length} (${kb(indexBytes)})`, "<= 500"],
  ["bytes fetched on page load", `${pct(onLoad.map((b) => b.raw), 1)} B`, "0"],
  ["first query (search.js + index), median / p95", `${bytes(first, 0.5)} / ${bytes(first, 0.95)}`, "<= 60 KB"],
  ["further query, median / p95", `${bytes(further, 0.5)} / ${bytes(further, 0.95)}`, ""],
  ["keystroke -> results shown (titles, breadcrumbs, badges), median / p95", `${pct(latencies, 0.5).toFixed(1)} ms / ${pct(latencies, 0.95).toFixed(1)} ms (${latencies.length} keystrokes)`, "<= 50 ms"],
  ["last keystroke -> snippets filled in (after the client's 300 ms typing pause), median / p95", `${pct(filled, 0.5).toFixed(0)} ms / ${pct(filled, 0.95).toFixed(0)} ms`, ""],
  [`known-item MRR@10 (${KIND}, ${m.exact.n} queries)`, vs(ki, m.exact, w && w.exact), ">= 0.85"],
  ["known-item with a typo: MRR@10 (recall@10)", vs(ki, m.typo, w && w.typo), "recall >= 0.90"],
  ["known-item: the first hit's snippet shows a word the query matched", `${(m.exact.marked * 100).toFixed(0)}%`, ""],
  [`exact titles (${m.titles.n}): a page of that title first / in the top 10`, vs(ti, m.titles, w && w.titles), "first 100%"],
  ["exact titles with a letter dropped", vs(ti, m.titleTypos, w && w.titleTypos), ""],
  CAP === null
    ? ["common words: every page of every word is kept on this site (no max_postings cap)", "", ""]
    : [`common words (${m.common.n} queries, each word on more than ${CAP} pages): MRR@10; recall of pages with all three`, `${ki(m.common)}, recall ${m.commonRecall.toFixed(3)}` + (w ? `; without the cap: ${ki(w.common)}, recall ${w.commonRecall.toFixed(3)}` : ""), ""],
];
console.log(`\nSearch benchmark: ${generated ? PAGES + " generated pages" : corpus}, ${sessions} typing sessions, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at the end\n`);
console.log("| measure | measured | target |\n|---|---|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
const groups = {};
byFiles.forEach(([n, ms]) => (groups[Math.min(n, 6)] = groups[Math.min(n, 6)] || []).push(ms));
console.log(`\nkeystrokes by files fetched (6 = 6 or more): ${Object.entries(groups).map(([n, ms]) =>
  `${n}: ${ms.length} keys, median ${pct(ms, 0.5).toFixed(1)} ms, p95 ${pct(ms, 0.95).toFixed(1)} ms`).join("; ")}`);
for (const which of ["first", "further"]) {
  console.log(`\n${which} queries, mean per query by file kind (raw / gzip, files): ${Object.entries(kinds[which])
    .map(([k, b]) => `${k} ${kb(b.raw / sessions)} / ${kb(b.gzip / sessions)}, ${(b.files / sessions).toFixed(1)}`).join("; ")}`);
}
console.log("\nexample queries:", queries.slice(0, 3).map((q) => `"${q.phrase}" / "${q.typo}" -> ${q.url}`).join("; "));
