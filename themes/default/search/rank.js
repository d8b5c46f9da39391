// Search client, ranking: a query's words -> the terms they stand for in the loaded shards
// (exact, through the site's aliases, by prefix while typing, with typos) -> pages ranked by
// the sum of their terms' impacts (BM25 scores computed at build time), with a bonus where the
// words are neighbours on the page; a page whose title is the query comes first. English stems are matched by prefix ("deploying" finds "deploy"),
// and typos by edit distance within the word's own shard, or through the typo dictionary
// (words spelled backwards) when a typo in the first letters sends the word to another shard.
bbSearchModule(function (m) {
  var state = m.state;

  function firstAtOrBefore(firsts, key) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  var ENDING = /^(s|es|ed|d|ing|ings|er|ers|ly|ment|ments|ness|ion|ions|ation|ations|al|ally|ity|ive|ful|able|ible|ism|ist|ists|ize|izes|ized|izing|ise|ises|ised|ising)$/;
  function shardOf(term) { return firstAtOrBefore(state.manifest.shards, term); }
  // Every shard a word may need: its own, those of its possible stems and, while it is being
  // typed, the next one if its completions run on into it (one or two letters stay in their
  // own). Loaded only when the word's own shard has nothing for it (see hasOwn).
  function shardsFor(word) {
    var first = shardOf(word.text), list = [first];
    if (!word.exactOnly) {
      m.stems(word.text).forEach(function (s) {
        var n = shardOf(s);
        if (list.indexOf(n) < 0) list.push(n);
      });
    }
    if (word.prefix && word.text.length >= 3) {
      var last = Math.min(shardOf(word.text + "\uffff"), first + 1);
      for (var n = first + 1; n <= last; n++) if (list.indexOf(n) < 0) list.push(n);
    }
    return list;
  }
  // Whether a word's own shard (loaded) has it: as a term or an alias's word, or, while it is
  // being typed, a term or word it begins. Then the other shards of shardsFor are not needed:
  // the word's term is there (a word with a term of its own is never matched by its stem),
  // and the completions shown while it is typed are those of the shard its letters so far fall
  // in (the next letters load the next shard if they lead there).
  function hasOwn(word) {
    if (word.exactOnly) return true;
    var shard = state.shards[shardOf(word.text)], w = word.text;
    if (!shard) return false;
    return [shard.terms, shard.aliasWords].some(function (list) {
      var k = lowerBound(list, w);
      return k < list.length && (list[k] === w || word.prefix && list[k].lastIndexOf(w, 0) === 0);
    });
  }
  function lowerBound(terms, t) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // The aliases of the loaded shards a word stands for: the word itself, or while it is being
  // typed every word it begins (at most 40). Each is [word, term].
  function aliasesOf(word) {
    var w = word.text, out = [];
    if (word.exactOnly) return out;
    var shard = state.shards[shardOf(w)];
    if (!shard) return out;
    var words = shard.aliasWords, at = lowerBound(words, w);
    for (var k = at; k < words.length && k < at + 40; k++) {
      if (words[k] === w || word.prefix && words[k].lastIndexOf(w, 0) === 0) out.push([words[k], shard.aliasTerms[k]]);
      else break;
    }
    return out;
  }

  // Terms of the loaded shards that a query word stands for, with a weight each: 1 for the
  // word's own term (through its alias: "deployments" -> "deploy"), less for what it begins
  // while being typed, for a shorter stem guessed when the site does not have the word, and
  // for words a typo away.
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
      var shard = state.shards[shardOf(t)];
      if (!shard) return false;
      var k = lowerBound(shard.terms, t);
      if (shard.terms[k] !== t) return false;
      add(shard, k, weight);
      return true;
    }
    var aliases = aliasesOf(word), own = false;
    aliases.forEach(function (a) { own = lookup(a[1], a[0] === w ? 1 : 0.7) && a[0] === w || own; });
    // A term spelled like the word, when the word has a term of its own, is another word's stem
    // ("government" is the stem of "governmental"; the word's own is "govern").
    var exact = lookup(w, own ? 0.7 : 1) || own, stemLength = 0;
    if (!exact && !word.exactOnly) {
      // A word the site does not have: its stem may be the longest term that starts it, if
      // what is left is an English ending ("deploying" -> "deploy"). Otherwise the term may be
      // a typo's accident ("brows" for "browsr", "dead" for "deadilne"): weigh it less, and
      // look for the words a typo away too.
      m.stems(w).some(function (s, k) {
        var strong = k === 0 && /y$/.test(w) || ENDING.test(w.slice(s.length));
        if (!lookup(s, strong ? 0.95 : 0.5)) return false;
        stemLength = strong ? w.length : s.length;
        return true;
      });
    }
    list.forEach(function (n) {
      var shard = state.shards[n];
      if (!shard || word.exactOnly) return;
      var terms = shard.terms, at = lowerBound(terms, w);
      if (word.prefix && w.length >= 2) {
        for (var p = at, count = 0; p < terms.length && terms[p].lastIndexOf(w, 0) === 0 && count < 40; p++, count++) {
          add(shard, p, terms[p] === w ? 1 : 0.7);
        }
      }
    });
    if (word.exactOnly || exact || stemLength === w.length || found.length && !stemLength) return found;
    var max = m.allowedEdits(w);
    if (!max) return found;
    list.forEach(function (n) {
      var shard = state.shards[n];
      if (!shard) return;
      for (var i = 0; i < shard.terms.length; i++) {
        var t = shard.terms[i];
        var d = m.distance(w, t, max);
        // A typo in a word with an ending: compare its start with the stem.
        if (d > max && w.length > t.length && w.length - t.length <= 6 && t.length >= 4) {
          d = m.distance(w.slice(0, t.length), t, Math.min(max, m.allowedEdits(t))) + 0.5;
        }
        if (d <= max) add(shard, i, d <= 1 ? 0.6 : 0.4);
      }
      // Words of the site a typo away, through their aliases.
      shard.aliasWords.forEach(function (a, k) {
        var d = m.distance(w, a, max);
        if (d <= max) lookup(shard.aliasTerms[k], d <= 1 ? 0.6 : 0.4);
      });
    });
    return found;
  }

  // Loads what a query needs, then ranks. Resolves to {hits: [doc ids], words, terms, ...}.
  function search(q) {
    return m.load("manifest.js").then(function () {
      var parsed = m.parse(q);
      var words = parsed.words.filter(function (w) { return !w.stop || w.prefix; });
      // First each word's own shard; then, for a word it does not have, the shards of its
      // stems (and of its completions past the shard), and the shards the terms of the words'
      // aliases sort into ("happy" -> "happi").
      words.forEach(function (w) { w.shardList = [shardOf(w.text)]; });
      return Promise.all(words.map(function (w) { return m.load("s/" + w.shardList[0] + ".js"); })).then(function () {
        var more = [];
        words.forEach(function (w) {
          if (!hasOwn(w)) w.shardList = shardsFor(w);
          w.shardList.forEach(function (n) { more.push(m.load("s/" + n + ".js")); });
          aliasesOf(w).forEach(function (a) { if (a[0] === w.text) more.push(m.load("s/" + shardOf(a[1]) + ".js")); });
        });
        return Promise.all(more);
      }).then(function () {
        words.forEach(function (w) { w.found = expand(w); });
        return typoFallback(words);
      }).then(function () {
        return rank(words, phraseBonus(words), parsed.phrase);
      });
    });
  }

  // A finished word found neither as it is nor by its stem may have a typo in its first
  // letters, which sends it to the wrong shard: the typo dictionary (words spelled backwards)
  // finds the words it is close to by their ends, then their own shards are loaded.
  function reversed(w) { return Array.from(w).reverse().join(""); }
  function typoShardOf(r) { return firstAtOrBefore(state.manifest.typos || [""], r); }
  function typoFallback(words) {
    var misses = words.filter(function (w) {
      return !w.prefix && !w.exactOnly && !w.stop && m.allowedEdits(w.text) > 0 &&
        !w.found.some(function (f) { return f.weight >= 0.95; });
    });
    if (!misses.length || !state.manifest.typos) return null;
    return Promise.all(misses.map(function (w) { return m.load("r/" + typoShardOf(reversed(w.text)) + ".js"); }))
      .then(function () {
        var more = [];
        misses.forEach(function (w) {
          var dict = state.typoShards[typoShardOf(reversed(w.text))], max = m.allowedEdits(w.text), seen = {};
          w.typoTerms = [];
          for (var i = 0; i < dict.reversed.length; i++) {
            var word = reversed(dict.reversed[i]), d = m.distance(w.text, word, max);
            var term = dict.terms[i] || word;
            if (d <= max && !seen[term]) {
              seen[term] = true;
              w.typoTerms.push({ term: term, weight: d <= 1 ? 0.6 : 0.4 });
              more.push(m.load("s/" + shardOf(term) + ".js"));
            }
          }
        });
        return Promise.all(more);
      }).then(function () {
        misses.forEach(function (w) {
          w.typoTerms.forEach(function (t) {
            var shard = state.shards[shardOf(t.term)], k = lowerBound(shard.terms, t.term);
            if (shard.terms[k] !== t.term) return;
            var known = w.found.filter(function (f) { return f.term === t.term; })[0];
            if (known) known.weight = Math.max(known.weight, t.weight);
            else w.found.push({ shard: shard, i: k, term: t.term, weight: t.weight });
          });
        });
      });
  }

  // Neighbouring query words that are neighbours on a page too ("annual leave balance"):
  // postings carry hashes of the words next to a term's first occurrences on each page.
  // Returns doc -> bonus score.
  function phraseBonus(words) {
    var bonus = {};
    function strong(w) {
      return w.found.filter(function (f) { return f.weight >= 0.6; })
        .sort(function (a, b) { return b.weight - a.weight; }).slice(0, 3);
    }
    function check(one, other) {
      var p = m.postings(one.shard, one.i);
      var h = m.neighbourHash(other.term), weight = Math.min(one.weight, other.weight);
      for (var k = 0; k < p.docs.length; k++) {
        var near = false;
        for (var j = p.nearAt[k]; j < p.nearAt[k + 1] && !near; j++) near = p.near[j] === h;
        if (near) {
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
  var scoreOf, matchedOf, bestOf, inTitleOf, titleHitsOf, titleTermsOf;
  function rank(words, bonus, phrase) {
    var n = state.manifest.docs;
    if (!scoreOf) {
      scoreOf = new Float64Array(n); bestOf = new Float64Array(n);
      matchedOf = new Uint8Array(n); inTitleOf = new Uint8Array(n); titleHitsOf = new Uint8Array(n); titleTermsOf = new Uint16Array(n);
    }
    var touched = [], terms = [], required = 0, cut = false;
    function touch(doc) {
      if (scoreOf[doc] === 0 && matchedOf[doc] === 0 && titleHitsOf[doc] === 0) touched.push(doc);
    }
    Object.keys(bonus).forEach(function (doc) { touch(+doc); scoreOf[doc] += bonus[doc] || 1e-9; });
    // The terms a title must have, once each, to be the query's exact title: each word's own
    // (its best match), so "meetings and meeting tools" is the title's two terms.
    function key(w) {
      var best = null;
      w.found.forEach(function (f) { if (!best || f.weight > best.weight) best = f; });
      return best ? best.term : w.text;
    }
    var titleTerms = {};
    words.forEach(function (w) { if (!w.stop) titleTerms[key(w)] = true; });
    var titleCount = Object.keys(titleTerms).length, counted = {};
    words.forEach(function (word) {
      var found = word.found, mine = [];
      var truncated = found.some(function (f) { return m.postings(f.shard, f.i).truncated; });
      var optional = word.stop || truncated;
      var countTitle = !word.stop && !counted[key(word)];
      counted[key(word)] = true;
      if (found.length && !optional) required++;
      cut = cut || truncated;
      found.forEach(function (f) {
        terms.push(f.term);
        var p = m.postings(f.shard, f.i), docs = p.docs, scores = p.scores;
        for (var k = 0; k < docs.length; k++) {
          var s = scores[k] * f.weight, doc = docs[k];
          if (bestOf[doc] === 0) mine.push(doc);
          if (s > bestOf[doc]) bestOf[doc] = s;
          if (p.titleTerms[k]) { inTitleOf[doc] = 1; titleTermsOf[doc] = p.titleTerms[k]; }
        }
      });
      for (var k = 0; k < mine.length; k++) {
        var doc = mine[k];
        touch(doc);
        // A tiny floor keeps a zero-impact match apart from "not touched".
        scoreOf[doc] += bestOf[doc] || 1e-9;
        if (!optional) matchedOf[doc]++;
        if (countTitle && inTitleOf[doc]) titleHitsOf[doc]++;
        bestOf[doc] = 0;
        inTitleOf[doc] = 0;
      }
    });
    var all = touched.filter(function (d) { return matchedOf[d] === required; });
    // Every word should match; with a quoted phrase they must.
    var docs = all.length || phrase ? all : touched.slice();
    // A page whose title is the query, word for word, comes first.
    function exact(d) { return titleCount && titleHitsOf[d] === titleCount && titleTermsOf[d] === titleCount ? 1 : 0; }
    // Among hits of exactly equal score (common for a prefix, whose impacts are coarse), the
    // ones whose list row is already here come first: the order among them is arbitrary, and
    // this way a keystroke fetches fewer files. (Shards carry rows for their terms' best pages
    // in the same order, best impact then lowest id.)
    docs.sort(function (a, b) {
      return exact(b) - exact(a) || matchedOf[b] - matchedOf[a] || scoreOf[b] - scoreOf[a] ||
        (state.rowOf[a] ? 0 : 1) - (state.rowOf[b] ? 0 : 1) || a - b;
    });
    for (var k = 0; k < touched.length; k++) {
      var d = touched[k];
      scoreOf[d] = 0; matchedOf[d] = 0; titleHitsOf[d] = 0; titleTermsOf[d] = 0;
    }
    // Hits must have every word whose pages are all listed, so with one such word the count is
    // exact; with only words cut to their best pages, more pages may have them.
    var atLeast = cut && required === 0;
    return { hits: docs, atLeast: atLeast, terms: terms, words: words };
  }

  return { search: search };
});
