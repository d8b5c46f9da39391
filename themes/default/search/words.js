// Search client, words: how a query is cut into words. The rules are src/search/tokenize.rs's,
// and so are the constants, which come from the manifest: runs of letters and digits,
// lowercased; Chinese, Japanese and Korean text as character pairs; stop words dropped; words
// longer than the index keeps left out. tests/search-vectors.json holds cases both sides check.
bbSearchModule(function (m) {
  // A long title is typed in full: queries keep up to 16 words.
  var MAX_WORDS = 16, MAX_QUERY = 200;
  var cjkChar = null;

  // True for a character searched as pairs (manifest.cjk: [first, last] code points).
  function isCjk(c) {
    if (!cjkChar) {
      var hex = function (n) { return "\\u{" + n.toString(16) + "}"; };
      cjkChar = new RegExp("^[" + m.state.manifest.cjk.map(function (r) { return hex(r[0]) + "-" + hex(r[1]); }).join("") + "]$", "u");
    }
    return cjkChar.test(c);
  }
  // The runs of a text: [{text, cjk}], lowercased; CJK runs apart from the letters around them.
  function runs(text) {
    var out = [];
    (text.match(/[\p{Alphabetic}\p{N}]+/gu) || []).forEach(function (run) {
      var current = null;
      Array.from(run).forEach(function (c) {
        var cjk = isCjk(c);
        if (!current || current.cjk !== cjk) out.push(current = { text: "", cjk: cjk });
        current.text += c;
      });
    });
    out.forEach(function (r) { r.text = r.text.toLowerCase(); });
    return out;
  }
  // A CJK run's terms: its character pairs, or the one character alone.
  function pairs(run) {
    var chars = Array.from(run);
    if (chars.length === 1) return chars;
    var out = [];
    for (var k = 0; k + 1 < chars.length; k++) out.push(chars[k] + chars[k + 1]);
    return out;
  }
  function tooLong(word) { return Array.from(word).length > m.state.manifest.max_word_chars; }
  function isStop(word) { return m.state.manifest.stop.indexOf(word) >= 0; }
  // The words of a text as the index cuts them, before stemming (what the test vectors check).
  function words(text) {
    var out = [];
    runs(text).forEach(function (r) {
      if (r.cjk) out.push.apply(out, pairs(r.text));
      else if (!tooLong(r.text) && !isStop(r.text)) out.push(r.text);
    });
    return out;
  }
  // A query: {words: [{text, terms?, prefix, stop, exactOnly}], phrase}. The last word, if no
  // space follows it yet, is still being typed: it matches by prefix, and may be a stop word.
  function parse(q) {
    q = q.slice(0, MAX_QUERY);
    var phrase = /^\s*".*"\s*$/.test(q);
    var typing = !/[\s"]$/.test(q);
    var found = runs(q), out = [];
    found.forEach(function (w, i) {
      var last = i === found.length - 1 && typing;
      if (w.cjk) {
        pairs(w.text).forEach(function (pair) { out.push({ text: pair, terms: [pair], exactOnly: true }); });
      } else if (last && i > 0 && (w.text.length < 3 || isStop(w.text))) {
        // A next word just begun ("kelvora d"): one or two letters would pull in pages of
        // hundreds of words for a moment; the results stay those of the words before it. So
        // do they while it is a stop word ("kelvora the"), which a space would drop anyway.
      } else if (!tooLong(w.text) && (last || !isStop(w.text))) {
        out.push({ text: w.text, prefix: last, stop: isStop(w.text) });
      }
    });
    return { words: out.slice(0, MAX_WORDS), phrase: phrase };
  }
  // Too little to search for yet: one or two letters still being typed, or one with a space
  // after it ("it " is enough, and so is one CJK character).
  function tooShort(q) {
    if (!q.trim()) return true;
    var short = /^\s*[\p{Alphabetic}\p{N}]{1,2}$/u.test(q) || /^\s*[\p{Alphabetic}\p{N}]\s*$/u.test(q);
    return short && !Array.from(q).some(isCjk);
  }
  // Edits a typo may have in a word of this length (manifest.typo: letters for one, for two).
  function allowedEdits(word) {
    var n = Array.from(word).length, typo = m.state.manifest.typo;
    return n >= typo[1] ? 2 : n >= typo[0] ? 1 : 0;
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
  // Candidate stems of a word: itself cut by up to five letters, and "-y" as "-i".
  function stems(w) {
    var out = /y$/.test(w) ? [w.slice(0, -1) + "i"] : [];
    for (var cut = w.length - 1; cut >= Math.max(3, w.length - 5); cut--) out.push(w.slice(0, cut));
    return out;
  }

  return {
    isCjk: isCjk, words: words, parse: parse, tooShort: tooShort, allowedEdits: allowedEdits,
    distance: distance, stems: stems
  };
});
