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
  function snippet(text, re) {
    var start = 0;
    if (re) {
      re.lastIndex = 0;
      var found = re.exec(text);
      if (found && found.index > 60) start = text.lastIndexOf(" ", found.index - 50) + 1;
    }
    var cut = text.slice(start, start + 180);
    return (start ? "… " : "") + highlight(cut, re) + (start + 180 < text.length ? " …" : "");
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
