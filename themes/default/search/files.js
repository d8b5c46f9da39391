// Search client, files: loading the index and reading its formats (src/search/shard.rs and
// doc_files.rs describe them). Every index file is a script that registers itself through
// window.bbSearch, so search works under any sub-path and from a site opened from disk
// (file://), where fetch() cannot read.
bbSearchModule(function () {
  var input = document.getElementById("bb-q");
  var root = input ? input.getAttribute("data-root") || "" : "";
  var base = root + "search/";
  // What the loaded files hold. rowOf[doc]: what the result list shows for a page
  // ([breadcrumb index, title, audience bits]), from the shard that holds one of its terms'
  // best pages or from its list file.
  var state = { manifest: null, facets: null, viewSets: null, shards: {}, rowOf: {}, texts: {}, typoShards: {} };
  var pending = {};

  window.bbSearch = {
    client: true,
    // Breadcrumbs come as a tree: parents as numbers, and titles.
    manifest: function (data) {
      var parents = numbers(data.crumbs[0]), titles = data.crumbs[1], crumbs = [];
      titles.forEach(function (title, i) {
        crumbs.push(i && crumbs[parents[i]] ? crumbs[parents[i]] + " \u203a " + title : title);
      });
      data.crumbs = crumbs;
      state.manifest = data;
    },
    // Rows come as numbers (a shard's: gap to the previous page id, breadcrumb, audiences; a
    // list file's: breadcrumb, audiences, for pages n * manifest.list on) and titles (see
    // titlesOf).
    shard: function (n, terms, lists, rowNumbers, titleNumbers, words) {
      state.shards[n] = { n: n, terms: terms, lists: lists, decoded: {} };
      var nums = numbers(rowNumbers), titles = titlesOf(titleNumbers, words), doc = 0;
      for (var k = 0; k < titles.length; k++) {
        doc += nums[3 * k];
        state.rowOf[doc] = [nums[3 * k + 1], titles[k], nums[3 * k + 2]];
        doc += 1;
      }
    },
    typos: function (n, reversed, terms) { state.typoShards[n] = { reversed: reversed, terms: terms }; },
    list: function (n, rowNumbers, titleNumbers, words) {
      var nums = numbers(rowNumbers), titles = titlesOf(titleNumbers, words);
      titles.forEach(function (title, k) {
        state.rowOf[n * state.manifest.list + k] = [nums[2 * k], title, nums[2 * k + 1]];
      });
    },
    text: function (n, folders, rows) { state.texts[n] = { folders: folders, rows: rows }; },
    facets: function (f) { state.facets = f; },
    views: function (v) {
      var sets = { audience: {}, role: {} };
      ["audience", "role"].forEach(function (kind) {
        Object.keys(v[kind]).forEach(function (id) { sets[kind][id] = idSet(v[kind][id]); });
      });
      state.viewSets = sets;
    }
  };

  // Loads `search/<path>` once; resolves when it has registered itself.
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

  // Numbers: base-32 digits in a 64-letter alphabet, the last digit of each from the first 32.
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
  // Titles written as numbers (EncodedRows): per title its count of words, then each word as an
  // index into the manifest's title_words or, past their end, the next of `words`; a count of 0
  // stands for a whole title taken from `words`.
  function titlesOf(text, words) {
    var nums = numbers(text), dict = state.manifest.title_words, out = [], at = 0, next = 0;
    while (at < nums.length) {
      var count = nums[at++];
      if (!count) { out.push(words[next++]); continue; }
      var parts = [];
      for (var k = 0; k < count; k++, at++) parts.push(nums[at] < dict.length ? dict[nums[at]] : words[next++]);
      out.push(parts.join(" "));
    }
    return out;
  }
  // The score an impact stands for (scores are stored on a log scale).
  var impactScores = null;
  function impactScore(step) {
    if (!impactScores) {
      var impact = state.manifest.impact;
      impactScores = new Float64Array(impact.max + 1);
      for (var k = 0; k <= impact.max; k++) impactScores[k] = impact.min * Math.exp((k - 1) / impact.steps);
    }
    return impactScores[step];
  }
  // A term's posting list, decoded once. One starting with "~" was cut to the term's best
  // pages; one starting with "+" (a rare term) has, after each posting, the number of
  // neighbour hashes and the hashes.
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
    return h % state.manifest.neighbour_hashes;
  }
  // Doc ids written as gaps -> a set.
  function idSet(gaps) {
    var set = {}, next = 0, nums = numbers(gaps);
    for (var i = 0; i < nums.length; i++) { next += nums[i]; set[next] = true; next += 1; }
    return set;
  }

  return {
    input: input, root: root, base: base, fromDisk: location.protocol === "file:", state: state,
    load: load, numbers: numbers, postings: postings, neighbourHash: neighbourHash, idSet: idSet
  };
});
