// Search client, the results page (search/?q=...): every hit, PAGE at a time, with filters by
// audience, role, section and tag that the address keeps, so filtered results can be shared.
bbSearchModule(function (m) {
  var PAGE = 20;

  function resultsPage(el, input) {
    var params = new URLSearchParams(location.search);
    var q = params.get("q") || "";
    input.value = q;
    el.classList.add("bb-page");
    el.insertAdjacentHTML("beforeend",
      "<form class=\"bb-page-form\" role=\"search\"><label for=\"bb-page-q\">Search for</label> <input id=\"bb-page-q\" type=\"search\" name=\"q\"></form>" +
      "<p class=\"bb-head\"><span class=\"bb-count\" role=\"status\" aria-live=\"polite\"></span>" + m.VIEW_TOGGLE + "</p><div class=\"bb-facets\"></div><ol class=\"bb-results\"></ol>" +
      "<button type=\"button\" class=\"bb-more\" hidden>Show more results</button>");
    var box = el.querySelector("#bb-page-q"), count = el.querySelector(".bb-count");
    var viewToggle = el.querySelector(".bb-view");
    var facetsEl = el.querySelector(".bb-facets"), out = el.querySelector(".bb-results"), more = el.querySelector(".bb-more");
    box.value = q;
    var selected = {}, current = null, showing = PAGE, sets = {}, seq = 0;
    m.onViewToggle(viewToggle, function () { showing = PAGE; show(); });
    ["audience", "role", "section", "tag"].forEach(function (k) {
      params.getAll(k).forEach(function (v) { selected[k + "\u0000" + v] = true; });
    });
    function facetSet(kind, value) {
      var key = kind + "\u0000" + value;
      if (!sets[key]) {
        var entry = (m.state.facets[kind] || []).filter(function (e) { return e[0] === value; })[0];
        sets[key] = entry ? m.idSet(entry[1]) : {};
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
      var labels = m.state.manifest.audiences || {};
      facetsEl.innerHTML = Object.keys(names).map(function (kind) {
        var values = (m.state.facets[kind] || []).map(function (e) {
          var set = facetSet(kind, e[0]), n = 0;
          hits.forEach(function (d) { if (set[d]) n++; });
          return { value: e[0], n: n };
        }).filter(function (v) { return v.n > 0 || selected[kind + "\u0000" + v.value]; });
        values.sort(function (a, b) { return b.n - a.n || (a.value < b.value ? -1 : 1); });
        if (!values.length) return "";
        return "<fieldset><legend>" + names[kind] + "</legend>" + values.slice(0, 12).map(function (v) {
          var on = selected[kind + "\u0000" + v.value] ? " checked" : "";
          var label = kind === "audience" ? labels[v.value] || v.value : v.value;
          return "<label><input type=\"checkbox\" data-kind=\"" + kind + "\" value=\"" + m.esc(v.value) + "\"" + on + "> " +
            m.esc(label) + " <span class=\"count\">(" + v.n + ")</span></label>";
        }).join("") + "</fieldset>";
      }).join("");
    }
    function show() {
      if (!current) return;
      var mine = seq, result = current;
      return m.byView(filtered(result.hits)).then(function (seen) {
        if (mine !== seq) return;
        var hits = seen.hits;
        renderFacets(hits);
        if (q.trim()) m.viewCount(count, viewToggle, seen, " for \u201c" + q.slice(0, 80) + "\u201d", result.atLeast);
        else { count.textContent = "Type a word to search the handbook."; viewToggle.hidden = true; }
        return listHits(hits, m.matcher(result));
      });
    }
    function listHits(hits, re) {
      return m.rows(hits.slice(0, showing)).then(m.snippets).then(function (items) {
        out.innerHTML = items.map(function (r) {
          return "<li><a href=\"" + m.esc(m.href(r.url)) + "\">" + m.highlight(r.title, re) + "</a> " + m.badges(r.audience) +
            (r.crumbs ? "<div class=\"bb-c\">" + m.esc(r.crumbs) + "</div>" : "") + "<p class=\"bb-s\">" + m.snippet(r.text, re) + "</p></li>";
        }).join("");
        more.hidden = hits.length <= showing;
        document.documentElement.setAttribute("data-bb-results", String(hits.length));
      });
    }
    function run() {
      showing = PAGE;
      var mine = ++seq;
      Promise.all([m.search(q), m.load("facets.js")]).then(function (r) {
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

  return { resultsPage: resultsPage };
});
