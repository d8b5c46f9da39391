// Bridgebook search client: loaded on demand by bridgebook.js when the reader first focuses
// the search box (and eagerly by the results page, search/index.html).
// The index is a set of scripts that register themselves through window.bbSearch, so it works
// under any sub-path and from a site opened from disk (file://), where fetch() cannot read.
// Query words follow src/search/tokenize.rs: letters and digits, lowercased; CJK text as
// character pairs. English stems are matched by prefix ("deploying" finds "deploy"), and typos
// by edit distance (1 for words of 4+ letters, 2 for 8+) within the word's own shard.
// Results show in two steps: each keystroke waits for the list rows (title, breadcrumb,
// badges) of the hits it shows, which the shards it loaded mostly carry; URLs and snippet text
// are fetched for the hits on screen once typing pauses for SNIPPET_PAUSE ms (or a hit is
// opened sooner) and the snippets filled in, so keystrokes typed in a burst never fetch them.
(function () {
  "use strict";
  if (window.bbSearch && window.bbSearch.client) return;
  var input = document.getElementById("bb-q");
  if (!input) return;
  var root = input.getAttribute("data-root") || "";
  var base = root + "search/";
  var fromDisk = location.protocol === "file:";
  var manifest = null, facets = null, viewSets = null;
  // rowOf[doc]: what the result list shows for a page ([breadcrumb index, title, audience
  // bits]), from the shard that holds one of its terms' best pages or from its list file.
  var shards = {}, rowOf = {}, texts = {}, typoShards = {}, pending = {};
  var MAX_WORDS = 8, MAX_QUERY = 200, DROPDOWN = 6, PAGE = 20;
  // Most keystrokes of a word come faster than this (a typist's median gap is ~200 ms).
  var SNIPPET_PAUSE = 300;

  window.bbSearch = {
    client: true,
    // Breadcrumbs come as a tree (src/search/doc_files.rs): parents as numbers, and titles.
    manifest: function (m) {
      var parents = numbers(m.crumbs[0]), titles = m.crumbs[1], crumbs = [];
      titles.forEach(function (title, i) {
        crumbs.push(i && crumbs[parents[i]] ? crumbs[parents[i]] + " \u203a " + title : title);
      });
      m.crumbs = crumbs;
      manifest = m;
    },
    // Rows come as numbers (a shard's: gap to the previous page id, breadcrumb, audiences; a
    // list file's: breadcrumb, audiences, for pages n * manifest.list on) and titles (see
    // titlesOf).
    shard: function (n, terms, lists, rowNumbers, titleNumbers, words) {
      shards[n] = { terms: terms, lists: lists, decoded: {} };
      var nums = numbers(rowNumbers), titles = titlesOf(titleNumbers, words), doc = 0;
      for (var k = 0; k < titles.length; k++) {
        doc += nums[3 * k];
        rowOf[doc] = [nums[3 * k + 1], titles[k], nums[3 * k + 2]];
        doc += 1;
      }
    },
    typos: function (n, reversed, terms) { typoShards[n] = { reversed: reversed, terms: terms }; },
    list: function (n, rowNumbers, titleNumbers, words) {
      var nums = numbers(rowNumbers), titles = titlesOf(titleNumbers, words);
      titles.forEach(function (title, k) { rowOf[n * manifest.list + k] = [nums[2 * k], title, nums[2 * k + 1]]; });
    },
    text: function (n, folders, rows) { texts[n] = { folders: folders, rows: rows }; },
    facets: function (f) { facets = f; },
    views: function (v) {
      viewSets = { audience: {}, role: {} };
      ["audience", "role"].forEach(function (kind) {
        Object.keys(v[kind]).forEach(function (id) { viewSets[kind][id] = idSet(v[kind][id]); });
      });
    },
    query: function (q, limit) { return search(q, limit || DROPDOWN); },
    docCount: function () { return load("manifest.js").then(function () { return manifest.docs; }); },
    rows: function (docs) { return load("manifest.js").then(function () { return rows(docs).then(snippets); }); },
    textPerFile: function () { return manifest.text; }
  };

  function load(path) {
    if (!pending[path]) {
      pending[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + path;
        s.onload = resolve;
        s.onerror = function () { delete pending[path]; reject(new Error("cannot load " + path)); };
        document.head.appendChild(s);
      });
    }
    return pending[path];
  }

  // ---- numbers and posting lists (see src/search/shard.rs) ----
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  // Digit values by character code; -1 for characters that are not digits ("~", "+").
  var VALUE = new Int8Array(128).fill(-1);
  for (var d = 0; d < 64; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  function numbers(text) {
    var out = [], n = 0;
    for (var i = 0; i < text.length; i++) {
      var v = VALUE[text.charCodeAt(i)];
      if (v < 0) continue;
      if (v >= 32) n = n * 32 + v - 32; else { out.push(n * 32 + v); n = 0; }
    }
    return out;
  }
  // Titles written as numbers (src/search/doc_files.rs, EncodedRows): per title its count of
  // words, then each word as an index into the manifest's title_words or, past their end, the
  // next of `words`; a count of 0 stands for a whole title taken from `words`.
  function titlesOf(text, words) {
    var nums = numbers(text), dict = manifest.title_words, out = [], at = 0, next = 0;
    while (at < nums.length) {
      var count = nums[at++];
      if (!count) { out.push(words[next++]); continue; }
      var parts = [];
      for (var k = 0; k < count; k++, at++) parts.push(nums[at] < dict.length ? dict[nums[at]] : words[next++]);
      out.push(parts.join(" "));
    }
    return out;
  }
  // Score of each impact step (src/search/index.rs quantizes scores to 0..=MAX_IMPACT, 63).
  var impactScores = null;
  function impactScore(step) {
    if (!impactScores) {
      impactScores = new Float64Array(64);
      for (var k = 0; k < 64; k++) impactScores[k] = manifest.impact[0] * Math.exp((k - 1) / manifest.impact[1]);
    }
    return impactScores[step];
  }
  // A list starting with "~" was cut to the term's best pages; one starting with "+" (a rare
  // term) has, after each posting, the number of neighbour hashes and the hashes.
  function postings(shard, i) {
    if (!shard.decoded[i]) {
      var text = shard.lists[i], nums = numbers(text), docs = [], scores = [], near = null, next = 0;
      var withNear = text.indexOf("+") >= 0;
      if (withNear) near = [];
      for (var k = 0; k + 1 < nums.length; k += 2) {
        var doc = next + nums[k];
        docs.push(doc);
        scores.push(impactScore(nums[k + 1]));
        next = doc + 1;
        if (withNear) {
          var count = nums[k + 2] || 0;
          near.push(nums.slice(k + 3, k + 3 + count));
          k += 1 + count;
        }
      }
      shard.decoded[i] = { docs: docs, scores: scores, near: near, truncated: text.charAt(0) === "~" };
    }
    return shard.decoded[i];
  }
  // The same hash as neighbour_hash in src/search/index.rs.
  function neighbourHash(term) {
    var h = 0;
    for (var c of term) h = (Math.imul(h, 31) + c.codePointAt(0)) >>> 0;
    return h % 32;
  }
  function idSet(gaps) {
    var set = {}, next = 0, nums = numbers(gaps);
    for (var i = 0; i < nums.length; i++) { next += nums[i]; set[next] = true; next += 1; }
    return set;
  }

  // ---- query words ----
  var CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2fa1f}]+/gu;
  function parse(q) {
    q = q.slice(0, MAX_QUERY);
    var phrase = /^\s*".*"\s*$/.test(q);
    var typing = !/[\s"]$/.test(q);
    var words = [], runs = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    runs.forEach(function (run) {
      var at = 0;
      run.replace(CJK, function (cjk, pos) {
        if (pos > at) words.push({ text: run.slice(at, pos) });
        words.push({ text: cjk, cjk: true });
        at = pos + cjk.length;
        return cjk;
      });
      if (at < run.length) words.push({ text: run.slice(at) });
    });
    var out = [];
    words.forEach(function (w, i) {
      var last = i === words.length - 1 && typing;
      if (w.cjk) {
        var chars = Array.from(w.text);
        if (chars.length === 1) out.push({ text: w.text, terms: [w.text], exactOnly: true });
        for (var k = 0; k + 1 < chars.length; k++) {
          var pair = chars[k] + chars[k + 1];
          out.push({ text: pair, terms: [pair], exactOnly: true });
        }
      } else if (last && i > 0 && w.text.length < 3) {
        // A next word just begun ("kelvora d"): one or two letters would pull in pages of
        // hundreds of words for a moment; the results stay those of the words before it.
      } else if (w.text.length <= 40 && (last || manifest.stop.indexOf(w.text) < 0)) {
        out.push({ text: w.text, prefix: last, stop: manifest.stop.indexOf(w.text) >= 0 });
      }
    });
    return { words: out.slice(0, MAX_WORDS), phrase: phrase };
  }

  function shardOf(term) {
    var firsts = manifest.shards, lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // Candidate stems of a word: itself cut by up to five letters, and "-y" as "-i".
  function stems(w) {
    var out = /y$/.test(w) ? [w.slice(0, -1) + "i"] : [];
    for (var cut = w.length - 1; cut >= Math.max(3, w.length - 5); cut--) out.push(w.slice(0, cut));
    return out;
  }
  function shardsFor(word) {
    var first = shardOf(word.text), list = [first];
    if (!word.exactOnly) {
      stems(word.text).forEach(function (s) {
        var n = shardOf(s);
        if (list.indexOf(n) < 0) list.push(n);
      });
    }
    // A word being typed may run on into the next shard; one or two letters stay in their own.
    if (word.prefix && word.text.length >= 3) {
      var last = Math.min(shardOf(word.text + "\uffff"), first + 1);
      for (var n = first + 1; n <= last; n++) list.push(n);
    }
    return list;
  }
  function lowerBound(terms, t) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // Optimal string alignment distance (a swap of neighbours is one edit), stopping above max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  function allowedEdits(word) {
    var n = Array.from(word).length;
    return n >= 8 ? 2 : n >= 4 ? 1 : 0;
  }

  // Terms of the loaded shards that a query word stands for, with a weight each.
  function expand(word) {
    var found = [], seen = {};
    function add(shard, i, weight) {
      var key = shard.n + ":" + i;
      if (seen[key] === undefined || found[seen[key]].weight < weight) {
        if (seen[key] === undefined) { seen[key] = found.length; found.push(null); }
        found[seen[key]] = { shard: shard, i: i, term: shard.terms[i], weight: weight };
      }
    }
    var w = word.text, list = word.shardList;
    // A term wherever it is: the shard its place in the alphabet says.
    function lookup(t, weight) {
      var shard = shards[shardOf(t)];
      if (!shard) return false;
      shard.n = shardOf(t);
      var k = lowerBound(shard.terms, t);
      if (shard.terms[k] !== t) return false;
      add(shard, k, weight);
      return true;
    }
    var exact = lookup(w, 1), stemLength = 0;
    if (!exact && !word.exactOnly) {
      // The stem: the longest term that starts the word ("deploying" -> "deploy"). A much
      // shorter one ("dead" for "deadilne") may be a typo's accident: weigh it less.
      stems(w).some(function (s, k) {
        var strong = k === 0 && /y$/.test(w) || s.length >= w.length - 2;
        if (!lookup(s, strong ? 0.95 : 0.5)) return false;
        stemLength = strong ? w.length : s.length;
        return true;
      });
    }
    list.forEach(function (n) {
      var shard = shards[n];
      if (!shard || word.exactOnly) return;
      shard.n = n;
      var terms = shard.terms, at = lowerBound(terms, w);
      if (word.prefix && w.length >= 2) {
        for (var p = at, count = 0; p < terms.length && terms[p].lastIndexOf(w, 0) === 0 && count < 40; p++, count++) {
          add(shard, p, terms[p] === w ? 1 : 0.7);
        }
      }
    });
    if (word.exactOnly || exact || stemLength === w.length || found.length && !stemLength) return found;
    var max = allowedEdits(w);
    if (!max) return found;
    list.forEach(function (n) {
      var shard = shards[n];
      if (!shard) return;
      for (var i = 0; i < shard.terms.length; i++) {
        var t = shard.terms[i];
        var d = distance(w, t, max);
        // A typo in a word with an ending: compare its start with the stem.
        if (d > max && w.length > t.length && w.length - t.length <= 6 && t.length >= 4) {
          d = distance(w.slice(0, t.length), t, Math.min(max, allowedEdits(t))) + 0.5;
        }
        if (d <= max) add(shard, i, d <= 1 ? 0.6 : 0.4);
      }
    });
    return found;
  }

  // Loads what a query needs, then ranks. Resolves to {hits: [doc ids], words, terms}.
  function search(q, limit) {
    return load("manifest.js").then(function () {
      var parsed = parse(q);
      var words = parsed.words.filter(function (w) { return !w.stop || w.prefix; });
      words.forEach(function (w) { w.shardList = shardsFor(w); });
      var needed = [];
      words.forEach(function (w) { w.shardList.forEach(function (n) { needed.push(load("s/" + n + ".js")); }); });
      return Promise.all(needed).then(function () {
        words.forEach(function (w) { w.found = expand(w); });
        return typoFallback(words);
      }).then(function () {
        return rank(words, phraseBonus(words), parsed.phrase, limit);
      });
    });
  }

  // A finished word found neither as it is nor by its stem may have a typo in its first
  // letters, which sends it to the wrong shard: the typo dictionary (words spelled backwards)
  // finds the words it is close to by their ends, then their own shards are loaded.
  function reversed(w) { return Array.from(w).reverse().join(""); }
  function typoShardOf(r) {
    var firsts = manifest.typos || [""], lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= r) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function typoFallback(words) {
    var misses = words.filter(function (w) {
      return !w.prefix && !w.exactOnly && !w.stop && allowedEdits(w.text) > 0 &&
        !w.found.some(function (f) { return f.weight >= 0.95; });
    });
    if (!misses.length || !manifest.typos) return null;
    return Promise.all(misses.map(function (w) { return load("r/" + typoShardOf(reversed(w.text)) + ".js"); }))
      .then(function () {
        var more = [];
        misses.forEach(function (w) {
          var dict = typoShards[typoShardOf(reversed(w.text))], max = allowedEdits(w.text), seen = {};
          w.typoTerms = [];
          for (var i = 0; i < dict.reversed.length; i++) {
            var word = reversed(dict.reversed[i]), d = distance(w.text, word, max);
            var term = dict.terms[i] || word;
            if (d <= max && !seen[term]) {
              seen[term] = true;
              w.typoTerms.push({ term: term, weight: d <= 1 ? 0.6 : 0.4 });
              more.push(load("s/" + shardOf(term) + ".js"));
            }
          }
        });
        return Promise.all(more);
      }).then(function () {
        misses.forEach(function (w) {
          w.typoTerms.forEach(function (t) {
            var n = shardOf(t.term), shard = shards[n], k = lowerBound(shard.terms, t.term);
            if (shard.terms[k] !== t.term) return;
            var known = w.found.filter(function (f) { return f.term === t.term; })[0];
            if (known) known.weight = Math.max(known.weight, t.weight);
            else w.found.push({ shard: shard, i: k, term: t.term, weight: t.weight });
          });
        });
      });
  }

  // Neighbouring query words that are neighbours on a page too ("kelvora dashboard"): a rare
  // term's postings carry hashes of its neighbours there. Returns doc -> bonus score.
  function phraseBonus(words) {
    var bonus = {};
    function strong(w) {
      return w.found.filter(function (f) { return f.weight >= 0.6; })
        .sort(function (a, b) { return b.weight - a.weight; }).slice(0, 3);
    }
    function check(rare, other) {
      var p = postings(rare.shard, rare.i);
      if (!p.near) return;
      var h = neighbourHash(other.term), weight = Math.min(rare.weight, other.weight);
      for (var k = 0; k < p.docs.length; k++) {
        if (p.near[k].indexOf(h) >= 0) {
          var doc = p.docs[k];
          bonus[doc] = (bonus[doc] || 0) + weight * p.scores[k];
        }
      }
    }
    for (var i = 0; i + 1 < words.length; i++) {
      var a = words[i], b = words[i + 1];
      if (a.exactOnly || b.exactOnly || a.stop || b.stop) continue;
      strong(a).forEach(function (fa) {
        strong(b).forEach(function (fb) { check(fa, fb); check(fb, fa); });
      });
    }
    return bonus;
  }

  // Scores live in arrays indexed by doc id (a prefix of a common word touches thousands of
  // pages: objects keyed by id were most of a keystroke's time), reused across queries.
  var scoreOf = null, matchedOf = null, bestOf = null;
  function rank(words, bonus, phrase, limit) {
    var n = manifest.docs;
    if (!scoreOf) { scoreOf = new Float64Array(n); matchedOf = new Uint8Array(n); bestOf = new Float64Array(n); }
    var touched = [], terms = [], required = 0, cut = false;
    function touch(doc) {
      if (scoreOf[doc] === 0 && matchedOf[doc] === 0) touched.push(doc);
    }
    Object.keys(bonus).forEach(function (doc) { touch(+doc); scoreOf[doc] += bonus[doc] || 1e-9; });
    words.forEach(function (word) {
      var found = word.found, mine = [];
      var truncated = found.some(function (f) { return postings(f.shard, f.i).truncated; });
      var optional = word.stop || truncated;
      if (found.length && !optional) required++;
      cut = cut || truncated;
      found.forEach(function (f) {
        terms.push(f.term);
        var p = postings(f.shard, f.i), docs = p.docs, scores = p.scores;
        for (var k = 0; k < docs.length; k++) {
          var s = scores[k] * f.weight, doc = docs[k];
          if (bestOf[doc] === 0) mine.push(doc);
          if (s > bestOf[doc]) bestOf[doc] = s;
        }
      });
      for (var k = 0; k < mine.length; k++) {
        var doc = mine[k];
        touch(doc);
        // A tiny floor keeps a zero-impact match apart from "not touched".
        scoreOf[doc] += bestOf[doc] || 1e-9;
        if (!optional) matchedOf[doc]++;
        bestOf[doc] = 0;
      }
    });
    var all = touched.filter(function (d) { return matchedOf[d] === required; });
    // Every word should match; with a quoted phrase they must.
    var docs = all.length || phrase ? all : touched.slice();
    // Among hits of exactly equal score (common for a prefix, whose impacts are coarse), the
    // ones whose list row is already here come first: the order among them is arbitrary, and
    // this way a keystroke fetches fewer files. (Shards carry rows for their terms' best pages
    // in the same order, best impact then lowest id.)
    docs.sort(function (a, b) {
      return matchedOf[b] - matchedOf[a] || scoreOf[b] - scoreOf[a] ||
        (rowOf[a] ? 0 : 1) - (rowOf[b] ? 0 : 1) || a - b;
    });
    for (var k = 0; k < touched.length; k++) { scoreOf[touched[k]] = 0; matchedOf[touched[k]] = 0; }
    // Hits must have every word whose pages are all listed, so with one such word the count is
    // exact; with only words cut to their best pages, more pages may have them.
    var atLeast = cut && required === 0;
    return { hits: docs, total: docs.length, atLeast: atLeast, terms: terms, words: words, phrase: phrase, limit: limit };
  }

  // ---- the reader's "view as" choice (window.bbView, set by bridgebook.js) ----
  // Results follow the sidebar: pages for other readers are hidden, and the count says so, with
  // a button to show them all (for this page visit; choosing another view resets it).
  var showAll = false, viewCache = { view: null, shown: {} };
  function activeView() {
    var v = window.bbView;
    return v && v.view ? v : null;
  }
  function shownInView(v, doc) {
    if (viewCache.view !== v) viewCache = { view: v, shown: {} };
    if (viewCache.shown[doc] === undefined) {
      var ids = function (kind) {
        return Object.keys(viewSets[kind]).filter(function (id) { return viewSets[kind][id][doc]; });
      };
      viewCache.shown[doc] = v.match(ids("audience"), ids("role")).shown;
    }
    return viewCache.shown[doc];
  }
  // Resolves to {hits: what to list, hidden: how many the view hides, view}.
  function byView(hits) {
    var v = activeView();
    if (!v) return Promise.resolve({ hits: hits, hidden: 0, view: null });
    return load("views.js").then(function () {
      var shown = hits.filter(function (d) { return shownInView(v, d); });
      return { hits: showAll ? hits : shown, hidden: hits.length - shown.length, view: v };
    });
  }
  function plural(n, atLeast) { return n + (atLeast ? "+" : "") + (n === 1 && !atLeast ? " result" : " results"); }
  // The count line ("12 results for IT readers · show all 15", "150+ results" when the query's
  // words are so common that only their best pages are indexed); `what` names the query or is "".
  function viewCount(countEl, toggle, seen, what, atLeast) {
    var n = seen.hits.length, v = seen.view;
    var text = n ? plural(n, atLeast) + what : "No results" + what;
    if (v) text += showAll && seen.hidden ? ", for all readers" : " for " + v.label + " readers";
    toggle.hidden = !(v && seen.hidden);
    if (v && seen.hidden) {
      toggle.querySelector("button").textContent = showAll ? "only " + v.label : "show all " + (n + seen.hidden) + (atLeast ? "+" : "");
    }
    countEl.textContent = text;
  }
  var VIEW_TOGGLE = "<span class=\"bb-view\" hidden><span aria-hidden=\"true\"> · </span><button type=\"button\" class=\"bb-view-all\"></button></span>";
  function onViewToggle(toggle, rerun) {
    toggle.querySelector("button").addEventListener("click", function () { showAll = !showAll; rerun(); });
    document.addEventListener("bb:view", function () { showAll = false; rerun(); });
  }

  // Resolves to the list rows of `docs` (title, breadcrumb, audience ids), loading the list
  // files of those no loaded shard has a row for; `url` and `text` are there if the doc's
  // snippet file is already loaded, else null (see snippets()).
  function rows(docs) {
    var needed = {};
    docs.forEach(function (d) { if (!rowOf[d]) needed[Math.floor(d / manifest.list)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return load("t/" + n + ".js"); }))
      .then(function () {
        return docs.map(function (d) {
          var r = rowOf[d];
          return withText({ doc: d, title: r[1], crumbs: manifest.crumbs[r[0]], audience: audienceIds(r[2]) });
        });
      });
  }
  function withText(item) {
    var c = texts[Math.floor(item.doc / manifest.text)], r = c && c.rows[item.doc % manifest.text];
    item.url = r ? c.folders[r[0]] + r[1] : null;
    item.text = r ? r[2] : null;
    return item;
  }
  // Loads the URL and snippet text of `items` (rows).
  function snippets(items) {
    var needed = {};
    items.forEach(function (r) { if (r.text === null) needed[Math.floor(r.doc / manifest.text)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return load("c/" + n + ".js"); }))
      .then(function () { items.forEach(withText); return items; });
  }
  function audienceIds(bits) {
    return (manifest.audience_ids || []).filter(function (id, i) { return Math.floor(bits / Math.pow(2, i)) % 2 === 1; });
  }

  // ---- display ----
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // Highlights whole words that start with a matched term, and CJK pairs where they occur.
  function matcher(result) {
    var latin = [], cjk = [];
    result.terms.concat(result.words.map(function (w) { return w.text; })).forEach(function (t) {
      if (!t || t.length < 2) return;
      var safe = t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/.test(t) ? cjk : latin).push(safe);
    });
    var alts = [];
    if (latin.length) alts.push("(?<![\\p{L}\\p{N}])(?:" + latin.join("|") + ")[\\p{L}\\p{N}]*");
    if (cjk.length) alts.push("(?:" + cjk.join("|") + ")+");
    return alts.length ? new RegExp(alts.join("|"), "giu") : null;
  }
  function highlight(text, re) {
    if (!re) return esc(text);
    var out = "", at = 0;
    text.replace(re, function (m, pos) {
      out += esc(text.slice(at, pos)) + "<mark>" + esc(m) + "</mark>";
      at = pos + m.length;
      return m;
    });
    return out + esc(text.slice(at));
  }
  function snippet(text, re) {
    var start = 0;
    if (re) {
      re.lastIndex = 0;
      var m = re.exec(text);
      if (m && m.index > 60) start = text.lastIndexOf(" ", m.index - 50) + 1;
    }
    var cut = text.slice(start, start + 180);
    return (start ? "… " : "") + highlight(cut, re) + (start + 180 < text.length ? " …" : "");
  }
  function href(url) {
    var target = root + url;
    if (fromDisk && (url === "" || url.slice(-1) === "/")) target += "index.html";
    return target;
  }
  function resultsHref(q) {
    return base + (fromDisk ? "index.html" : "") + "?q=" + encodeURIComponent(q);
  }
  function badges(audience) {
    var labels = manifest.audiences || {};
    return audience.map(function (a) {
      return "<span class=\"badge aud-" + esc(a) + "\">" + esc(labels[a] || a) + "</span>";
    }).join(" ");
  }

  var style = document.createElement("style");
  style.textContent =
    ".bb-sr{position:absolute;right:0;top:calc(100% + .4rem);width:min(34rem,calc(100vw - 1rem));max-height:70vh;overflow:auto;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:.5rem;box-shadow:0 8px 24px rgba(0,0,0,.18);padding:.4rem;z-index:20;text-align:left}" +
    ".bb-sr[hidden]{display:none}.bb-sr ul{list-style:none;margin:0;padding:0}" +
    ".bb-sr li{padding:.45rem .6rem;border-radius:.4rem;cursor:pointer}.bb-sr li[aria-selected=true]{background:var(--soft);box-shadow:inset 3px 0 var(--accent)}" +
    ".bb-t{font-weight:600;color:var(--link)}.bb-c,.bb-head{font-size:.82rem;color:var(--muted)}.bb-s{font-size:.9rem;margin:.1rem 0 0}.bb-wait{min-height:2.6em}" +
    ".bb-sr .bb-head{margin:.2rem .6rem}.bb-view-all{font:inherit;background:none;border:0;padding:0;color:var(--link);text-decoration:underline;cursor:pointer}.bb-all{display:block;margin:.3rem .6rem;font-size:.9rem}" +
    "mark{background:#fde68a;color:#1d2330;border-radius:.15rem}" +
    ".bb-results{list-style:none;padding:0}.bb-results li{padding:.8rem 0;border-bottom:1px solid var(--line)}.bb-results a{font-weight:600;font-size:1.1rem}" +
    ".bb-facets{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:1rem 0}.bb-facets fieldset{border:1px solid var(--line);border-radius:.5rem;padding:.3rem .8rem;margin:0}" +
    ".bb-facets label{display:block;font-size:.92rem}.bb-facets legend{font-weight:600;font-size:.92rem}" +
    ".bb-page input[type=search]{font:inherit;width:100%;max-width:30rem;padding:.4rem .6rem;border:1px solid var(--line);border-radius:.4rem;background:var(--bg);color:var(--fg)}" +
    "@media (max-width:40rem){.bb-sr{position:fixed;left:.5rem;right:.5rem;top:3.4rem;width:auto}}";
  document.head.appendChild(style);

  // ---- the dropdown under the header box ----
  var form = input.form;
  var panel = document.createElement("div");
  panel.className = "bb-sr";
  panel.hidden = true;
  panel.innerHTML = "<p class=\"bb-head\"><span class=\"bb-count\" role=\"status\" aria-live=\"polite\"></span>" + VIEW_TOGGLE + "</p><ul id=\"bb-list\" role=\"listbox\" aria-label=\"Search results\"></ul><a class=\"bb-all\" href=\"#\">All results and filters</a>";
  form.appendChild(panel);
  var list = panel.querySelector("ul"), countEl = panel.querySelector(".bb-count"), allLink = panel.querySelector(".bb-all");
  var viewToggle = panel.querySelector(".bb-view");
  onViewToggle(viewToggle, function () { if (!panel.hidden) update(); });
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", "bb-list");
  input.setAttribute("aria-expanded", "false");
  var shown = [], active = -1, seq = 0, snippetTimer = null;

  function close() {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function setActive(i) {
    active = i;
    Array.prototype.forEach.call(list.children, function (li, k) { li.setAttribute("aria-selected", String(k === i)); });
    if (i >= 0 && list.children[i]) {
      input.setAttribute("aria-activedescendant", list.children[i].id);
      list.children[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }
  function update() {
    var q = input.value, mine = ++seq;
    // One or two letters still being typed say too little to be worth loading anything for
    // ("it " with a space, or one CJK character, do).
    if (!q.trim() || /^\s*[\p{L}\p{N}]{1,2}$/u.test(q) && !CJK_CHAR.test(q) || /^\s*[\p{L}\p{N}]\s*$/u.test(q) && !CJK_CHAR.test(q)) {
      close();
      countEl.textContent = "";
      document.documentElement.setAttribute("data-bb-search", String(mine));
      return;
    }
    var result;
    search(q, DROPDOWN).then(function (r) {
      result = r;
      return byView(result.hits);
    }).then(function (seen) {
      // A newer keystroke is already on its way: skip loading this one's snippets.
      if (mine !== seq) return;
      return rows(seen.hits.slice(0, DROPDOWN)).then(function (items) {
        if (mine !== seq) return;
        var re = matcher(result);
        shown = items;
        list.innerHTML = items.map(function (r, i) {
          return "<li role=\"option\" id=\"bb-o" + i + "\" aria-selected=\"false\" data-doc=\"" + r.doc + "\">" +
            "<span class=\"bb-t\">" + highlight(r.title, re) + "</span> " + badges(r.audience) +
            (r.crumbs ? "<div class=\"bb-c\">" + esc(r.crumbs) + "</div>" : "") +
            (r.text === null ? "<p class=\"bb-s bb-wait\"></p>" : "<p class=\"bb-s\">" + snippet(r.text, re) + "</p>") + "</li>";
        }).join("");
        fillSnippets(items, re, mine);
        viewCount(countEl, viewToggle, seen, seen.hits.length ? "" : " for \u201c" + q.slice(0, 60) + "\u201d", result.atLeast);
        allLink.href = resultsHref(q);
        allLink.hidden = !seen.hits.length;
        panel.hidden = false;
        input.setAttribute("aria-expanded", "true");
        setActive(-1);
        document.documentElement.setAttribute("data-bb-search", String(mine));
      });
    }).catch(function (err) {
      if (mine !== seq) return;
      countEl.textContent = "Search is unavailable: " + err.message;
      panel.hidden = false;
    });
  }
  // Fills in the snippets the list was shown without, once typing pauses; marks the page with
  // data-bb-snippets (the keystroke's number) when every shown hit has its snippet.
  function fillSnippets(items, re, mine) {
    clearTimeout(snippetTimer);
    var done = function () { document.documentElement.setAttribute("data-bb-snippets", String(mine)); };
    if (items.every(function (r) { return r.text !== null; })) { done(); return; }
    snippetTimer = setTimeout(function () {
      snippets(items).then(function () {
        if (mine !== seq) return;
        Array.prototype.forEach.call(list.querySelectorAll(".bb-wait"), function (p) {
          var r = items[Number(p.parentNode.id.slice(4))];
          p.className = "bb-s";
          p.innerHTML = snippet(r.text, re);
        });
        done();
      }).catch(function () { /* the list stays without snippets; the next query tries again */ });
    }, SNIPPET_PAUSE);
  }
  // Goes to a listed hit; its URL comes with its snippet, which may still be on its way.
  function openHit(item) {
    snippets([item]).then(function () { location.href = href(item.url); })
      .catch(function (err) { countEl.textContent = "Search is unavailable: " + err.message; });
  }
  input.addEventListener("input", update);
  input.addEventListener("focus", function () { if (input.value.trim() && !document.getElementById("bb-search-page")) update(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (panel.hidden || !shown.length) return;
      e.preventDefault();
      var n = shown.length;
      setActive(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
    } else if (e.key === "Escape") {
      if (!panel.hidden) { e.preventDefault(); close(); } else { input.value = ""; }
    } else if (e.key === "Enter" && active >= 0 && shown[active]) {
      e.preventDefault();
      openHit(shown[active]);
    }
  });
  list.addEventListener("click", function (e) {
    var li = e.target.closest("li[data-doc]");
    if (li) openHit(shown[Number(li.id.slice(4))]);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (input.value.trim()) location.href = resultsHref(input.value);
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });

  // ---- the results page: search/?q=... with facets ----
  var pageEl = document.getElementById("bb-search-page");
  if (pageEl) resultsPage(pageEl);

  function resultsPage(el) {
    var params = new URLSearchParams(location.search);
    var q = params.get("q") || "";
    input.value = q;
    el.classList.add("bb-page");
    el.insertAdjacentHTML("beforeend",
      "<form class=\"bb-page-form\" role=\"search\"><label for=\"bb-page-q\">Search for</label> <input id=\"bb-page-q\" type=\"search\" name=\"q\"></form>" +
      "<p class=\"bb-head\"><span class=\"bb-count\" role=\"status\" aria-live=\"polite\"></span>" + VIEW_TOGGLE + "</p><div class=\"bb-facets\"></div><ol class=\"bb-results\"></ol>" +
      "<button type=\"button\" class=\"bb-more\" hidden>Show more results</button>");
    var box = el.querySelector("#bb-page-q"), count = el.querySelector(".bb-count");
    var viewToggle = el.querySelector(".bb-view");
    onViewToggle(viewToggle, function () { showing = PAGE; show(); });
    var facetsEl = el.querySelector(".bb-facets"), out = el.querySelector(".bb-results"), more = el.querySelector(".bb-more");
    box.value = q;
    var selected = {}, current = null, showing = PAGE, sets = {};
    ["audience", "role", "section", "tag"].forEach(function (k) {
      params.getAll(k).forEach(function (v) { selected[k + "\u0000" + v] = true; });
    });
    function facetSet(kind, value) {
      var key = kind + "\u0000" + value;
      if (!sets[key]) {
        var entry = (facets[kind] || []).filter(function (e) { return e[0] === value; })[0];
        sets[key] = entry ? idSet(entry[1]) : {};
      }
      return sets[key];
    }
    function filtered(hits) {
      var byKind = {};
      Object.keys(selected).forEach(function (key) {
        var kv = key.split("\u0000");
        (byKind[kv[0]] = byKind[kv[0]] || []).push(kv[1]);
      });
      return hits.filter(function (d) {
        return Object.keys(byKind).every(function (kind) {
          return byKind[kind].some(function (v) { return facetSet(kind, v)[d]; });
        });
      });
    }
    function renderFacets(hits) {
      var names = { audience: "Audience", role: "Role", section: "Section", tag: "Tag" };
      var labels = manifest.audiences || {};
      facetsEl.innerHTML = Object.keys(names).map(function (kind) {
        var values = (facets[kind] || []).map(function (e) {
          var set = facetSet(kind, e[0]), n = 0;
          hits.forEach(function (d) { if (set[d]) n++; });
          return { value: e[0], n: n };
        }).filter(function (v) { return v.n > 0 || selected[kind + "\u0000" + v.value]; });
        values.sort(function (a, b) { return b.n - a.n || (a.value < b.value ? -1 : 1); });
        if (!values.length) return "";
        return "<fieldset><legend>" + names[kind] + "</legend>" + values.slice(0, 12).map(function (v) {
          var on = selected[kind + "\u0000" + v.value] ? " checked" : "";
          var label = kind === "audience" ? labels[v.value] || v.value : v.value;
          return "<label><input type=\"checkbox\" data-kind=\"" + kind + "\" value=\"" + esc(v.value) + "\"" + on + "> " +
            esc(label) + " <span class=\"count\">(" + v.n + ")</span></label>";
        }).join("") + "</fieldset>";
      }).join("");
    }
    function show() {
      if (!current) return;
      var mine = seq, result = current;
      return byView(filtered(result.hits)).then(function (seen) {
        if (mine !== seq) return;
        var hits = seen.hits;
        renderFacets(hits);
        if (q.trim()) viewCount(count, viewToggle, seen, " for \u201c" + q.slice(0, 80) + "\u201d", result.atLeast);
        else { count.textContent = "Type a word to search the handbook."; viewToggle.hidden = true; }
        return listHits(hits, matcher(result));
      });
    }
    function listHits(hits, re) {
      return rows(hits.slice(0, showing)).then(snippets).then(function (items) {
        out.innerHTML = items.map(function (r) {
          return "<li><a href=\"" + esc(href(r.url)) + "\">" + highlight(r.title, re) + "</a> " + badges(r.audience) +
            (r.crumbs ? "<div class=\"bb-c\">" + esc(r.crumbs) + "</div>" : "") + "<p class=\"bb-s\">" + snippet(r.text, re) + "</p></li>";
        }).join("");
        more.hidden = hits.length <= showing;
        document.documentElement.setAttribute("data-bb-results", String(hits.length));
      });
    }
    function run() {
      showing = PAGE;
      var mine = ++seq;
      Promise.all([search(q, PAGE), load("facets.js")]).then(function (r) {
        if (mine !== seq) return;
        current = r[0];
        return show();
      }).catch(function (err) { count.textContent = "Search is unavailable: " + err.message; });
    }
    function syncUrl() {
      var p = new URLSearchParams(), view = new URLSearchParams(location.search).get("view");
      p.set("q", q);
      if (view) p.set("view", view);
      Object.keys(selected).forEach(function (key) { var kv = key.split("\u0000"); p.append(kv[0], kv[1]); });
      history.replaceState(null, "", "?" + p.toString());
    }
    facetsEl.addEventListener("change", function (e) {
      var t = e.target, key = t.getAttribute("data-kind") + "\u0000" + t.value;
      if (t.checked) selected[key] = true; else delete selected[key];
      syncUrl();
      showing = PAGE;
      show();
    });
    more.addEventListener("click", function () { showing += PAGE; show(); });
    box.addEventListener("input", function () { q = box.value; syncUrl(); run(); });
    el.querySelector(".bb-page-form").addEventListener("submit", function (e) { e.preventDefault(); });
    run();
  }

  // This script loads when the reader starts searching (focus or "/"): every query needs the
  // manifest, so fetch it now rather than after the first keystroke.
  load("manifest.js").catch(function () { /* reported by the query that needs it */ });
  // Typed before this script arrived: answer it now.
  if (document.activeElement === input && input.value.trim() && !pageEl) update();
})();
