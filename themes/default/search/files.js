// Search client, files: loading the index and reading its formats (src/search/shard.rs and
// doc_files.rs describe them). Every index file is a script that registers itself through
// window.bbSearch, so search works under any sub-path and from a site opened from disk
// (file://), where fetch() cannot read.
bbSearchModule(function () {
  var input = document.getElementById("bb-q");
  var root = input ? input.getAttribute("data-root") || "" : "";
  var base = root + "search/";
  // What the loaded files hold. rowOf[doc]: what the result list shows for a page (see
  // readRows), from the manifest, the shard that holds one of its terms' best pages, or its
  // list file.
  var state = { manifest: null, facets: null, viewSets: null, shards: {}, rowOf: {}, texts: {}, typoShards: {} };
  var pending = {};

  window.bbSearch = {
    client: true,
    manifest: function (data) {
      // Places: (folder, breadcrumb) pairs; folders and breadcrumbs come as trees.
      var folders = tree(data.places.folders, function (above, name) { return above + name + "/"; });
      var crumbs = tree(data.places.crumbs, function (above, name) { return above ? above + " \u203a " + name : name; });
      var of = numbers(data.places.of);
      data.placeFolder = [];
      data.placeCrumbs = [];
      for (var k = 0; k + 1 < of.length; k += 2) {
        data.placeFolder.push(folders[of[k]]);
        data.placeCrumbs.push(crumbs[of[k + 1]]);
      }
      state.manifest = data;
      if (data.rows) readRows(data.rows, false, 0);
    },
    // Rows (rows.rs, EncodedRows): numbers (a shard's: gap to the previous page id, place,
    // audiences; a list file's: place, audiences, for pages n * manifest.list on), titles and
    // URL segments (see titlesOf), and the words they spell out.
    shard: function (n, terms, lists, aliases, rowNumbers, titleNumbers, words) {
      var shard = { n: n, terms: terms, lists: lists, decoded: {}, aliasWords: [], aliasTerms: [] };
      aliases.forEach(function (a) {
        var at = a.indexOf("~"), word = a.slice(0, at), how = /^(\d+)(.*)$/.exec(a.slice(at + 1));
        shard.aliasWords.push(word);
        shard.aliasTerms.push(word.slice(0, word.length - Number(how[1])) + how[2]);
      });
      state.shards[n] = shard;
      if (rowNumbers !== undefined) readRows([rowNumbers, titleNumbers, words], true, 0);
    },
    typos: function (n, reversed, terms) { state.typoShards[n] = { reversed: reversed, terms: terms }; },
    list: function (n, rowNumbers, titleNumbers, words) {
      readRows([rowNumbers, titleNumbers, words], false, n * state.manifest.list);
    },
    text: function (n, texts) { state.texts[n] = texts; },
    facets: function (f) { state.facets = f; },
    views: function (v) {
      var sets = { audience: {}, role: {} };
      ["audience", "role"].forEach(function (kind) {
        Object.keys(v[kind]).forEach(function (id) { sets[kind][id] = idSet(v[kind][id]); });
      });
      state.viewSets = sets;
    }
  };

  // Paths written as a tree ([parents as numbers, names]): path i is join(path parents[i],
  // names[i]); path 0 is "".
  function tree(t, join) {
    var parents = numbers(t[0]), out = [];
    t[1].forEach(function (name, i) { out.push(i ? join(out[parents[i]], name) : ""); });
    return out;
  }
  // Rows into rowOf: [place, title, audience bits, URL segment].
  function readRows(rows, withIds, first) {
    var nums = numbers(rows[0]), titles = titlesOf(rows[1], rows[2]);
    var per = withIds ? 3 : 2, doc = first;
    for (var k = 0; k < titles.length; k++) {
      if (withIds) doc += nums[per * k];
      state.rowOf[doc] = [nums[per * k + per - 2], titles[k][0], nums[per * k + per - 1], titles[k][1]];
      doc += 1;
    }
  }

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
  // Titles and URL segments written as numbers (rows.rs, EncodedRows) -> [[title, segment]].
  // A title is its count of words, then each word as an index into the manifest's title_words
  // or, past their end, the next of `words` (a count of 0: a whole title from `words`). A
  // segment is 0 for the title's slug, else its count of parts plus one, then each part as the
  // position of the title word whose slug it is or, past them, the next of `words`.
  function titlesOf(text, words) {
    var nums = numbers(text), dict = state.manifest.title_words, out = [], at = 0, next = 0;
    while (at < nums.length) {
      var count = nums[at++], title;
      if (!count) title = words[next++];
      else {
        var parts = [];
        for (var k = 0; k < count; k++, at++) parts.push(nums[at] < dict.length ? dict[nums[at]] : words[next++]);
        title = parts.join(" ");
      }
      var segmentCount = nums[at++], segment;
      if (!segmentCount) segment = slugify(title);
      else {
        var split = title.split(" "), slugs = split.indexOf("") >= 0 ? [] : split.map(slugify), pieces = [];
        for (var p = 1; p < segmentCount; p++, at++) pieces.push(nums[at] < slugs.length ? slugs[nums[at]] : words[next++]);
        segment = pieces.join("-");
      }
      out.push([title, segment]);
    }
    return out;
  }
  // A title as a URL segment, as src/search/rows.rs writes it (rows write such
  // segments as 0).
  function slugify(title) {
    var out = "";
    for (var c of title) {
      if (/[A-Za-z0-9]/.test(c)) out += c.toLowerCase();
      else if (out && out.slice(-1) !== "-") out += "-";
    }
    return out.replace(/-+$/, "");
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
  // A term's posting list (shard.rs), decoded once: {docs, scores, titleTerms (distinct terms
  // of the page's title if the term is in it, else 0), near (neighbour hashes: those of
  // posting k are near[nearAt[k]] to near[nearAt[k + 1] - 1]), truncated (pages with the term
  // in their body text alone were left out)}. Pages past the cap that have the term in a
  // heading come with the lowest score the list has. One pass over the text, no array per
  // posting: a keystroke that loads a shard decodes the lists of up to 40 terms, thousands of
  // postings.
  function postings(shard, i) {
    if (!shard.decoded[i]) shard.decoded[i] = decodePostings(shard.lists[i]);
    return shard.decoded[i];
  }
  // Groups: 0 the best pages (gap, impact, neighbour count, hashes...), 1 after "!" the title
  // pages (gap, impact, title terms, count, hashes...), 2 after "*" the heading pages (gaps).
  function decodePostings(text) {
    var out = { docs: [], scores: [], titleTerms: [], near: [], nearAt: [0], truncated: text.charCodeAt(0) === 126 };
    var group = 0, field = 0, left = 0, doc = 0, next = 0, n = 0, lowest = Infinity, heads = [];
    for (var c = out.truncated ? 1 : 0; c < text.length; c++) {
      var code = text.charCodeAt(c), v = code < 128 ? VALUE[code] : -1;
      if (v < 0) {
        if (code === 33 || code === 42) { group = code === 33 ? 1 : 2; field = 0; next = 0; }
        continue;
      }
      if (v >= 32) { n = n * 32 + v - 32; continue; }
      var x = n * 32 + v;
      n = 0;
      if (group === 2) { heads.push(next + x); next += x + 1; continue; }
      if (field === 0) { doc = next + x; next = doc + 1; field = 1; }
      else if (field === 1) {
        var score = impactScore(x);
        out.docs.push(doc); out.scores.push(score);
        if (score < lowest) lowest = score;
        if (group === 1) field = 2; else { out.titleTerms.push(0); field = 3; }
      } else if (field === 2) { out.titleTerms.push(x); field = 3; }
      else if (field === 3) {
        left = x;
        if (!left) { out.nearAt.push(out.near.length); field = 0; } else field = 4;
      } else {
        out.near.push(x);
        if (--left === 0) { out.nearAt.push(out.near.length); field = 0; }
      }
    }
    if (lowest === Infinity) lowest = impactScore(1);
    for (var k = 0; k < heads.length; k++) {
      out.docs.push(heads[k]); out.scores.push(lowest); out.titleTerms.push(0); out.nearAt.push(out.near.length);
    }
    return out;
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
    load: load, numbers: numbers, slugify: slugify, postings: postings, neighbourHash: neighbourHash, idSet: idSet
  };
});
