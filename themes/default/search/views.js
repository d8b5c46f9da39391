// Search client, views: results follow the reader's "view as" choice (window.bbView, set by
// bridgebook.js) as the sidebar does: pages for other readers are hidden, and the count says
// so, with a button to show them all (for this page visit; choosing another view resets it).
bbSearchModule(function (m) {
  var state = m.state;
  var showAll = false, viewCache = { view: null, shown: {} };

  function activeView() {
    var v = window.bbView;
    return v && v.view ? v : null;
  }
  function shownInView(v, doc) {
    if (viewCache.view !== v) viewCache = { view: v, shown: {} };
    if (viewCache.shown[doc] === undefined) {
      var ids = function (kind) {
        return Object.keys(state.viewSets[kind]).filter(function (id) { return state.viewSets[kind][id][doc]; });
      };
      viewCache.shown[doc] = v.match(ids("audience"), ids("role")).shown;
    }
    return viewCache.shown[doc];
  }
  // Resolves to {hits: what to list, hidden: how many the view hides, view}.
  function byView(hits) {
    var v = activeView();
    if (!v) return Promise.resolve({ hits: hits, hidden: 0, view: null });
    return m.load("views.js").then(function () {
      var shown = hits.filter(function (d) { return shownInView(v, d); });
      return { hits: showAll ? hits : shown, hidden: hits.length - shown.length, view: v };
    });
  }
  function plural(n, atLeast) { return n + (atLeast ? "+" : "") + (n === 1 && !atLeast ? " result" : " results"); }
  // The count line ("12 results for IT readers · show all 15", "150+ results" when the query's
  // words are so common that only their best pages are indexed); `what` names the query or is "".
  function viewCount(countEl, toggle, seen, what, atLeast) {
    var n = seen.hits.length, v = seen.view;
    var text = n ? plural(n, atLeast) + what : "No results" + what;
    if (v) text += showAll && seen.hidden ? ", for all readers" : " for " + v.label + " readers";
    toggle.hidden = !(v && seen.hidden);
    if (v && seen.hidden) {
      toggle.querySelector("button").textContent = showAll ? "only " + v.label : "show all " + (n + seen.hidden) + (atLeast ? "+" : "");
    }
    countEl.textContent = text;
  }
  var VIEW_TOGGLE = "<span class=\"bb-view\" hidden><span aria-hidden=\"true\"> · </span><button type=\"button\" class=\"bb-view-all\"></button></span>";
  function onViewToggle(toggle, rerun) {
    toggle.querySelector("button").addEventListener("click", function () { showAll = !showAll; rerun(); });
    document.addEventListener("bb:view", function () { showAll = false; rerun(); });
  }

  return { byView: byView, viewCount: viewCount, VIEW_TOGGLE: VIEW_TOGGLE, onViewToggle: onViewToggle };
});
