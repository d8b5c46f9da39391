// Search client, the dropdown under the header's search box: a listbox of the best hits that
// follows every keystroke (the input is its combobox), arrows to move, Enter to open, Escape to
// close. Each option is a link to its page, so it can be opened in a new tab, copied, or seen
// where it leads on hover. Snippet text is filled in once typing pauses for SNIPPET_PAUSE ms, so keystrokes typed
// in a burst never fetch it (a typist's median gap between keys is ~200 ms).
bbSearchModule(function (m) {
  var SNIPPET_PAUSE = 300;

  function dropdown(input) {
    var form = input.form;
    var panel = document.createElement("div");
    panel.className = "bb-sr";
    panel.hidden = true;
    panel.innerHTML = "<p class=\"bb-head\"><span class=\"bb-count\" role=\"status\" aria-live=\"polite\"></span>" + m.VIEW_TOGGLE + "</p><div id=\"bb-list\" role=\"listbox\" aria-label=\"Search results\"></div><a class=\"bb-all\" href=\"#\">All results and filters</a>";
    form.appendChild(panel);
    var list = panel.querySelector("#bb-list"), countEl = panel.querySelector(".bb-count"), allLink = panel.querySelector(".bb-all");
    var viewToggle = panel.querySelector(".bb-view");
    m.onViewToggle(viewToggle, function () { if (!panel.hidden) update(); });
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", "bb-list");
    input.setAttribute("aria-expanded", "false");
    var shown = [], active = -1, seq = 0, snippetTimer = null;

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function setActive(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (option, k) { option.setAttribute("aria-selected", String(k === i)); });
      if (i >= 0 && list.children[i]) {
        input.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function update() {
      var q = input.value, mine = ++seq, result;
      // Typing has not paused: the list on screen is about to change, so its snippets are not
      // fetched (when this keystroke's results take longer than the pause to arrive, the timer
      // would otherwise fire for a list the reader has typed past).
      clearTimeout(snippetTimer);
      m.load("manifest.js").then(function () {
        if (mine !== seq) return;
        if (m.tooShort(q)) {
          close();
          countEl.textContent = "";
          document.documentElement.setAttribute("data-bb-search", String(mine));
          return;
        }
        var limit = m.state.manifest.rows_per_term;
        return m.search(q).then(function (r) {
          result = r;
          return m.byView(result.hits);
        }).then(function (seen) {
          // A newer keystroke is already on its way: skip loading this one's rows.
          if (mine !== seq) return;
          return m.rows(seen.hits.slice(0, limit)).then(function (items) {
            if (mine !== seq) return;
            var re = m.matcher(result);
            shown = items;
            // An option's name is its text: title first, then badges, breadcrumb and snippet
            // (a name that leaves visible text out fails WCAG's "label in name").
            list.innerHTML = items.map(function (r, i) {
              return "<a role=\"option\" id=\"bb-o" + i + "\" aria-selected=\"false\" data-doc=\"" + r.doc + "\" href=\"" + m.esc(m.href(r.url)) + "\">" +
                "<span class=\"bb-t\">" + m.highlight(r.title, re) + "</span> " + m.badges(r.audience) +
                (r.crumbs ? "<span class=\"bb-c\">" + m.esc(r.crumbs) + "</span>" : "") +
                (r.text === null ? "<span class=\"bb-s bb-wait\"></span>" : "<span class=\"bb-s\">" + m.snippet(r.text, re) + "</span>") + "</a>";
            }).join("");
            fillSnippets(items, re, mine);
            m.viewCount(countEl, viewToggle, seen, seen.hits.length ? "" : " for \u201c" + q.slice(0, 60) + "\u201d", result.atLeast);
            allLink.href = m.resultsHref(q);
            allLink.hidden = !seen.hits.length;
            panel.hidden = false;
            input.setAttribute("aria-expanded", "true");
            setActive(-1);
            document.documentElement.setAttribute("data-bb-search", String(mine));
          });
        });
      }).catch(function (err) {
        if (mine !== seq) return;
        countEl.textContent = "Search is unavailable: " + err.message;
        panel.hidden = false;
      });
    }
    // Fills in the snippets the list was shown without, once typing pauses; marks the page with
    // data-bb-snippets (the keystroke's number) when every shown hit has its snippet.
    function fillSnippets(items, re, mine) {
      clearTimeout(snippetTimer);
      var done = function () { document.documentElement.setAttribute("data-bb-snippets", String(mine)); };
      if (items.every(function (r) { return r.text !== null; })) { done(); return; }
      snippetTimer = setTimeout(function () {
        m.snippets(items).then(function () {
          if (mine !== seq) return;
          Array.prototype.forEach.call(list.querySelectorAll(".bb-wait"), function (p) {
            var r = items[Number(p.closest("[role=option]").id.slice(4))];
            p.className = "bb-s";
            p.innerHTML = m.snippet(r.text, re);
          });
          done();
        }).catch(function () { /* the list stays without snippets; the next query tries again */ });
      }, SNIPPET_PAUSE);
    }
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim() && !document.getElementById("bb-search-page")) update(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (panel.hidden || !shown.length) return;
        e.preventDefault();
        var n = shown.length;
        setActive(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === "Escape") {
        if (!panel.hidden) { e.preventDefault(); close(); } else { input.value = ""; }
      } else if (e.key === "Enter" && active >= 0 && list.children[active]) {
        e.preventDefault();
        location.href = list.children[active].href;
      }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (input.value.trim()) location.href = m.resultsHref(input.value);
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
    return { update: update };
  }

  return { dropdown: dropdown };
});
