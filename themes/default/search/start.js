// Search client, start: the page's search box gets its dropdown, the results page its list,
// and window.bbSearch the calls tests and the bench ask the client through.
bbSearchModule(function (m) {
  var input = m.input;
  if (!input) return {};
  var api = window.bbSearch;
  // Resolves to {hits: [doc ids], atLeast, terms, words}.
  api.query = function (q) { return m.search(q); };
  api.docCount = function () { return m.load("manifest.js").then(function () { return m.state.manifest.docs; }); };
  api.rows = function (docs) { return m.load("manifest.js").then(function () { return m.rows(docs).then(m.snippets); }); };
  api.textPerFile = function () { return m.state.manifest.text; };
  // The first `limit` hits as the results page shows them: title, URL, snippet (HTML).
  api.shown = function (q, limit) {
    return m.search(q).then(function (result) {
      var re = m.matcher(result);
      return m.rows(result.hits.slice(0, limit)).then(m.snippets).then(function (items) {
        return items.map(function (r) { return { doc: r.doc, title: r.title, url: r.url, snippet: m.snippet(r.text, re) }; });
      });
    });
  };
  // The rules shared with the index, for tests/search-vectors.json.
  api.rules = function () {
    return m.load("manifest.js").then(function () {
      return { words: m.words, allowedEdits: m.allowedEdits, isCjk: m.isCjk, slugify: m.slugify };
    });
  };
  var box = m.dropdown(input);
  var pageEl = document.getElementById("bb-search-page");
  if (pageEl) m.resultsPage(pageEl, input);
  // This script loads when the reader starts searching (focus or "/"): every query needs the
  // manifest, so fetch it now rather than after the first keystroke.
  m.load("manifest.js").catch(function () { /* reported by the query that needs it */ });
  // Typed before this script arrived: answer it now.
  if (document.activeElement === input && input.value.trim() && !pageEl) box.update();
  return {};
});
