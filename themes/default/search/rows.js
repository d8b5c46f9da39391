// Search client, rows: what a hit shows. A hit's row (title, breadcrumb, audience badges) comes
// from a loaded shard or from its list file; its URL and snippet text from its snippet file,
// which the dropdown loads only once typing pauses.
bbSearchModule(function (m) {
  var state = m.state;

  // Resolves to the list rows of `docs` ({doc, title, crumbs, audience, url, text}), loading
  // the list files of those no loaded shard has a row for; `url` and `text` are there if the
  // doc's snippet file is already loaded, else null (see snippets()).
  function rows(docs) {
    var needed = {};
    docs.forEach(function (d) { if (!state.rowOf[d]) needed[Math.floor(d / state.manifest.list)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return m.load("t/" + n + ".js"); }))
      .then(function () {
        return docs.map(function (d) {
          var r = state.rowOf[d];
          return withText({ doc: d, title: r[1], crumbs: state.manifest.crumbs[r[0]], audience: audienceIds(r[2]) });
        });
      });
  }
  function withText(item) {
    var c = state.texts[Math.floor(item.doc / state.manifest.text)], r = c && c.rows[item.doc % state.manifest.text];
    item.url = r ? c.folders[r[0]] + r[1] : null;
    item.text = r ? r[2] : null;
    return item;
  }
  // Loads the URL and snippet text of `items` (rows).
  function snippets(items) {
    var needed = {};
    items.forEach(function (r) { if (r.text === null) needed[Math.floor(r.doc / state.manifest.text)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return m.load("c/" + n + ".js"); }))
      .then(function () { items.forEach(withText); return items; });
  }
  // Audience bits -> the audience ids (bit i is manifest.audience_ids[i]).
  function audienceIds(bits) {
    return (state.manifest.audience_ids || []).filter(function (id, i) { return Math.floor(bits / Math.pow(2, i)) % 2 === 1; });
  }

  return { rows: rows, snippets: snippets };
});
