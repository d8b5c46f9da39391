// Search client, display: escaping, highlighting the matched words, snippets and links.
bbSearchModule(function (m) {
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
      (m.isCjk(Array.from(t)[0]) ? cjk : latin).push(safe);
    });
    var alts = [];
    if (latin.length) alts.push("(?<![\\p{Alphabetic}\\p{N}])(?:" + latin.join("|") + ")[\\p{Alphabetic}\\p{N}]*");
    if (cjk.length) alts.push("(?:" + cjk.join("|") + ")+");
    return alts.length ? new RegExp(alts.join("|"), "giu") : null;
  }
  function highlight(text, re) {
    if (!re) return esc(text);
    var out = "", at = 0;
    text.replace(re, function (match, pos) {
      out += esc(text.slice(at, pos)) + "<mark>" + esc(match) + "</mark>";
      at = pos + match.length;
      return match;
    });
    return out + esc(text.slice(at));
  }
  // 180 characters of `text` around the matches: starting shortly before the match after
  // which the most different matched words follow (the first such), highlighted.
  function snippet(text, re) {
    var start = 0;
    if (re) {
      var found = [], best = -1, bestCount = 0, hit;
      re.lastIndex = 0;
      while ((hit = re.exec(text))) found.push({ at: hit.index, word: hit[0].toLowerCase() });
      found.forEach(function (f, i) {
        var words = {}, count = 0;
        for (var j = i; j < found.length && found[j].at - f.at < 130; j++) {
          if (!words[found[j].word]) { words[found[j].word] = true; count++; }
        }
        if (count > bestCount) { best = f.at; bestCount = count; }
      });
      if (best > 60) start = text.lastIndexOf(" ", best - 50) + 1;
    }
    var cut = text.slice(start, start + 180);
    var more = start + 180 < text.length && cut.slice(-1) !== "…";
    return (start && cut.charAt(0) !== "…" ? "… " : "") + highlight(cut, re) + (more ? " …" : "");
  }
  function href(url) {
    var target = m.root + url;
    if (m.fromDisk && (url === "" || url.slice(-1) === "/")) target += "index.html";
    return target;
  }
  function resultsHref(q) {
    return m.base + (m.fromDisk ? "index.html" : "") + "?q=" + encodeURIComponent(q);
  }
  function badges(audience) {
    var labels = m.state.manifest.audiences || {};
    return audience.map(function (a) {
      return "<span class=\"badge aud-" + esc(a) + "\">" + esc(labels[a] || a) + "</span>";
    }).join(" ");
  }

  return { esc: esc, matcher: matcher, highlight: highlight, snippet: snippet, href: href, resultsHref: resultsHref, badges: badges };
});
