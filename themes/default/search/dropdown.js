// Search client, the dropdown under the header's search box: a listbox of the best hits that
// follows every keystroke (the input is its combobox), arrows to move, Enter to open, Escape to
// close. Each option is a link to its page, so it can be opened in a new tab, copied, or seen
// where it leads on hover. What a keystroke waits for is only the shards of the words typed:
// - Snippet text is filled in once typing pauses for SNIPPET_PAUSE ms (a typist's median gap
//   between keys is ~200 ms), and only for the options in view in the list; an option scrolled
//   or arrowed to later gets its snippet then.
// - A keystroke waits for at most one list file, the best hit's: the other hits it lists are
//   those whose rows are loaded (each word's best pages come with its shard), best first. The
//   rows of hits that match several common words ("under contract") are in list files, about
//   one file a hit, for a list the next letter replaces; a pause lists the best hits.
bbSearchModule(function (m) {
  var SNIPPET_PAUSE = 300;

  // The hits to list before typing pauses: the best, then the best of those whose rows are
  // loaded, at most `limit`.
  function loadedFirst(hits, limit) {
    var out = hits.slice(0, 1);
    for (var k = 1; k < hits.length && out.length < limit; k++) if (m.state.rowOf[hits[k]]) out.push(hits[k]);
    return out;
  }

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
    // shown: the rows listed; matched: the regular expression of their query's words; paused:
    // typing has paused on this list (its snippets may be fetched); inView: which options are
    // in view in the panel (by index), kept by the observer once it has reported (reported).
    var shown = [], matched = null, active = -1, seq = 0, snippetTimer = null, paused = false, inView = {}, reported = false;
    var observer = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
      reported = true;
      entries.forEach(function (e) {
        var i = Number(e.target.id.slice(4));
        if (e.isIntersecting) inView[i] = true; else delete inView[i];
      });
      if (paused) fillSnippets();
    }, { root: panel }) : null;

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
      var q = input.value, mine = ++seq;
      // Typing has not paused: the list on screen is about to change, so its snippets are not
      // fetched (when this keystroke's results take longer than the pause to arrive, the timer
      // would otherwise fire for a list the reader has typed past).
      clearTimeout(snippetTimer);
      paused = false;
      m.load("manifest.js").then(function () {
        if (mine !== seq) return;
        if (m.tooShort(q)) {
          close();
          countEl.textContent = "";
          document.documentElement.setAttribute("data-bb-search", String(mine));
          return;
        }
        return answer(q).then(function (now) {
          // A newer keystroke is already on its way: skip loading this one's rows.
          if (mine !== seq) return;
          return m.rows(now.listed).then(function (items) {
            if (mine !== seq) return;
            show(items, now);
            setActive(-1);
            document.documentElement.setAttribute("data-bb-search", String(mine));
            snippetTimer = setTimeout(function () {
              var later = now.later;
              if (!later) return pause();
              m.rows(later.listed).then(function (all) {
                if (mine !== seq) return;
                var was = active;
                show(all, later);
                if (was >= 0) setActive(Math.min(was, all.length - 1));
                pause();
              }).catch(function () { /* the list stays as it is; the next query tries again */ });
            }, SNIPPET_PAUSE);
          });
        });
      }).catch(function (err) {
        if (mine !== seq) return;
        countEl.textContent = "Search is unavailable: " + err.message;
        panel.hidden = false;
      });
    }
    // Resolves to what to list for `q` now: {q, result, seen (byView), listed (doc ids), later
    // (the same with the best hits, for a pause to list, or null)}.
    function answer(q) {
      var limit = m.state.manifest.rows_per_term;
      return m.search(q).then(function (result) {
        return m.byView(result.hits).then(function (seen) {
          var best = { q: q, result: result, seen: seen, listed: seen.hits.slice(0, limit), later: null };
          var now = loadedFirst(seen.hits, limit);
          if (now.join() === best.listed.join()) return best;
          return { q: q, result: result, seen: seen, listed: now, later: best };
        });
      });
    }
    // Lists `items` (rows of `a`, an answer), their snippets where loaded; the observer is told
    // of each option.
    function show(items, a) {
      var re = m.matcher(a.result), seen = a.seen;
      shown = items;
      matched = re;
      // An option's name is its text: title first, then badges, breadcrumb and snippet
      // (a name that leaves visible text out fails WCAG's "label in name").
      list.innerHTML = items.map(function (r, i) {
        return "<a role=\"option\" id=\"bb-o" + i + "\" aria-selected=\"false\" data-doc=\"" + r.doc + "\" href=\"" + m.esc(m.href(r.url)) + "\">" +
          "<span class=\"bb-t\">" + m.highlight(r.title, re) + "</span> " + m.badges(r.audience) +
          (r.crumbs ? "<span class=\"bb-c\">" + m.esc(r.crumbs) + "</span>" : "") +
          (r.text === null ? "<span class=\"bb-s bb-wait\"></span>" : "<span class=\"bb-s\">" + m.snippet(r.text, re) + "</span>") + "</a>";
      }).join("");
      if (observer) {
        observer.disconnect();
        inView = {};
        // (An empty list has nothing for the observer to report.)
        reported = !items.length;
        Array.prototype.forEach.call(list.children, function (option) { observer.observe(option); });
      }
      m.viewCount(countEl, viewToggle, seen, seen.hits.length ? "" : " for \u201c" + a.q.slice(0, 60) + "\u201d", a.result.atLeast);
      allLink.href = m.resultsHref(input.value);
      allLink.hidden = !seen.hits.length;
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function pause() {
      paused = true;
      fillSnippets();
    }
    // Fills in the snippets of the options in view that are without one; marks the page with
    // data-bb-snippets (the keystroke's number) when every option in view has its snippet.
    function fillSnippets() {
      var mine = seq, items = shown, re = matched;
      var wanted = items.filter(function (r, i) { return r.text === null && (!observer || inView[i]); });
      var done = function () {
        if (observer && !reported) return;
        if (items.every(function (r, i) { return r.text !== null || observer && !inView[i]; })) {
          document.documentElement.setAttribute("data-bb-snippets", String(mine));
        }
      };
      if (!wanted.length) { done(); return; }
      m.snippets(wanted).then(function () {
        if (mine !== seq || items !== shown) return;
        Array.prototype.forEach.call(list.querySelectorAll(".bb-wait"), function (p) {
          var r = items[Number(p.closest("[role=option]").id.slice(4))];
          if (r.text === null) return;
          p.className = "bb-s";
          p.innerHTML = m.snippet(r.text, re);
        });
        done();
      }).catch(function () { /* the options stay without snippets; the next query tries again */ });
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
