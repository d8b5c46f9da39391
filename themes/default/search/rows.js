// Search client, rows: what a hit shows. A hit's row (title, URL, breadcrumb, audience badges)
// comes from the manifest, a loaded shard or its list file, so every result is a link as soon
// as it is listed; its snippet text from its snippet file, which the dropdown loads only once
// typing pauses.
bbSearchModule(function (m) {
  var state = m.state;

  // Resolves to the rows of `docs` ({doc, title, url, crumbs, audience, text}), loading the list
  // files of those no loaded file has a row for; `text` is there if the doc's snippet file is
  // already loaded, else null (see snippets()).
  function rows(docs) {
    var needed = {};
    docs.forEach(function (d) { if (!state.rowOf[d]) needed[Math.floor(d / state.manifest.list)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return m.load("t/" + n + ".js"); }))
      .then(function () { return docs.map(row); });
  }
  function row(d) {
    var r = state.rowOf[d], segment = r[3];
    return withText({
      doc: d, title: r[1], audience: audienceIds(r[2]), crumbs: state.manifest.placeCrumbs[r[0]],
      url: state.manifest.placeFolder[r[0]] + (segment ? segment + "/" : "")
    });
  }
  function withText(item) {
    var texts = state.texts[Math.floor(item.doc / state.manifest.text)];
    item.text = texts ? texts[item.doc % state.manifest.text] : null;
    return item;
  }
  // Loads the snippet text of `items` (rows).
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
