// Bridgebook default theme: dark-mode toggle, phone menu, view-as filter, glossary tooltips,
// tabs, diagrams and links that work from disk.
// Plain JavaScript, no dependencies; the site works without it.
(function () {
  "use strict";
  var root = document.documentElement;

  function prefersDark() {
    var t = root.dataset.theme;
    return t ? t === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".theme");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(prefersDark()));
      toggle.addEventListener("click", function () {
        var next = prefersDark() ? "light" : "dark";
        root.dataset.theme = next;
        try { localStorage.setItem("bb-theme", next); } catch (e) { /* private mode */ }
        toggle.setAttribute("aria-pressed", String(next === "dark"));
        drawDiagrams();
      });
    }
    setUpTabs();
    loadDiagrams();
    // Search: nothing is loaded until the reader starts searching (focus, typing, or "/").
    var q = document.getElementById("bb-q");
    if (q) {
      var loadSearch = function () {
        if (document.getElementById("bb-search-js")) return;
        var s = document.createElement("script");
        s.id = "bb-search-js";
        s.src = q.getAttribute("data-root") + "search.js";
        document.head.appendChild(s);
      };
      q.addEventListener("focus", loadSearch);
      q.addEventListener("input", loadSearch);
      document.addEventListener("keydown", function (e) {
        var t = e.target;
        if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
        if (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
        e.preventDefault();
        q.focus();
      });
    }
    setUpViewAs();
    // A tooltip closes with Escape and stays closed until its term loses focus.
    document.addEventListener("keydown", function (event) {
      var term = event.key === "Escape" && document.activeElement;
      if (term && term.classList.contains("term")) term.parentNode.classList.add("closed");
    });
    document.addEventListener("focusout", function (event) {
      if (event.target.classList && event.target.classList.contains("term")) {
        event.target.parentNode.classList.remove("closed");
      }
    });
    var menu = document.querySelector(".menu");
    var sidebar = document.getElementById("sidebar");
    if (menu && sidebar) {
      menu.addEventListener("click", function () {
        var open = sidebar.classList.toggle("open");
        menu.setAttribute("aria-expanded", String(open));
      });
    }
  });

  // View as: show the sidebar entries and listings for one audience or role, mark the pages
  // written for it, remember the choice (localStorage "bb-view", ?view= in the address) and
  // expose it as <html data-view> and window.bbView (with the rule deciding what a view shows)
  // for other scripts (search). Without JavaScript all is shown.
  var VIEW_KEY = "bb-view";

  function setUpViewAs() {
    var box = document.querySelector(".view-as");
    var select = box && box.querySelector("select");
    if (!select) return;
    var valid = function (v) { return !!v && !!select.querySelector('option[value="' + v + '"]'); };
    var fromUrl = new URLSearchParams(location.search).get("view");
    var stored = null;
    try { stored = localStorage.getItem(VIEW_KEY); } catch (e) { /* private mode */ }
    var view = fromUrl !== null ? fromUrl : stored;
    if (!valid(view)) view = "";
    select.value = view;
    // The box itself is shown by the stylesheet (html.js) from the first frame. With no view
    // chosen (and none in the address to clean up) everything is already shown: leave the
    // page alone rather than restyle it while it first renders.
    if (view || fromUrl !== null) applyView(select, view, fromUrl !== null);
    else document.dispatchEvent(new CustomEvent("bb:view", { detail: { view: view } }));
    select.addEventListener("change", function () { applyView(select, select.value, true); });
  }

  function words(el, name) {
    return (el.getAttribute(name) || "").split(" ").filter(Boolean);
  }

  // Which pages a view shows: those for its audience (a role's view: for the role or its
  // audience), for everyone, or for no audience in particular. One rule for the sidebar, the
  // listings and search (search.js reads window.bbView).
  function describeView(select, view) {
    var option = view && select.querySelector('option[value="' + view + '"]');
    var isRole = !!option && option.dataset.kind === "role";
    var audience = isRole ? option.dataset.audience : view;
    return {
      view: view,
      label: option ? option.textContent : "",
      // mine: written for this reader; shown: listed under this view.
      match: function (auds, roles) {
        var mine = !!view && ((isRole && roles.indexOf(view) >= 0) ||
          (!!audience && auds.indexOf(audience) >= 0));
        var shown = !view || !audience || mine || auds.length === 0 || auds.indexOf("everyone") >= 0;
        return { mine: mine, shown: shown };
      }
    };
  }

  function applyView(select, view, remember) {
    if (view) root.dataset.view = view; else delete root.dataset.view;
    if (remember) {
      try { if (view) localStorage.setItem(VIEW_KEY, view); else localStorage.removeItem(VIEW_KEY); } catch (e) { /* private mode */ }
    }
    try {
      var url = new URL(location.href);
      if (view) url.searchParams.set("view", view); else url.searchParams.delete("view");
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    } catch (e) { /* some file:// pages refuse */ }
    var current = describeView(select, view);
    window.bbView = current;
    document.querySelectorAll("[data-audience],[data-roles]").forEach(function (el) {
      var m = current.match(words(el, "data-audience"), words(el, "data-roles"));
      el.hidden = !(m.shown || el.classList.contains("active") || !!el.querySelector("[aria-current]"));
      el.classList.toggle("for-you", m.mine);
    });
    document.dispatchEvent(new CustomEvent("bb:view", { detail: { view: view } }));
  }

  // Tabs (render/tabs.rs): the WAI-ARIA tabs pattern over panels that, without JavaScript,
  // all show in order under their labels. A tab for the reader's "View as" choice (its
  // data-for lists audience and role ids) is selected; the reader can still switch.
  function setUpTabs() {
    var groups = document.querySelectorAll(".tabs");
    if (!groups.length) return;
    groups.forEach(function (group) {
      var tabs = [].slice.call(group.querySelectorAll("[role=tab]"));
      tabs.forEach(function (tab) {
        var panel = document.getElementById(tab.getAttribute("aria-controls"));
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", tab.id);
        panel.tabIndex = 0;
        tab.addEventListener("click", function () { selectTab(tab); });
        tab.addEventListener("keydown", function (e) {
          var i = tabs.indexOf(tab);
          var to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: tabs.length - 1 }[e.key];
          if (to === undefined) return;
          e.preventDefault();
          var next = tabs[(to + tabs.length) % tabs.length];
          selectTab(next);
          next.focus();
        });
      });
      if (tabs.length) selectTab(tabs[0]);
      group.classList.add("ready");
    });
    document.addEventListener("bb:view", function (e) { tabsForView(e.detail.view); });
    // A link to a heading inside a hidden panel shows that panel.
    var showTarget = function () {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      var panel = target && target.closest(".tab-panel");
      if (panel) selectTab(document.getElementById(panel.getAttribute("data-tab")));
    };
    window.addEventListener("hashchange", showTarget);
    showTarget();
  }

  function selectTab(tab) {
    tab.parentNode.querySelectorAll("[role=tab]").forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    });
  }

  // The tab for a view: one for the view itself, else one for a role's audience.
  function tabsForView(view) {
    if (!view) return;
    var option = document.querySelector('#view-as option[value="' + view + '"]');
    var audience = option && option.dataset.kind === "role" ? option.dataset.audience : "";
    document.querySelectorAll(".tabs").forEach(function (group) {
      var tabs = [].slice.call(group.querySelectorAll("[role=tab][data-for]"));
      var find = function (id) {
        return id && tabs.filter(function (t) { return words(t, "data-for").indexOf(id) >= 0; })[0];
      };
      var tab = find(view) || find(audience);
      if (tab) selectTab(tab);
    });
  }

  // Diagrams (render/diagrams.rs): the vendored mermaid build is fetched only on a page that
  // has one, and draws each in the light or dark theme. The source stays (hidden) for the next
  // theme, and stays shown if mermaid cannot draw it.
  function loadDiagrams() {
    var figure = document.querySelector("figure.diagram[data-script]");
    if (!figure) return;
    var s = document.createElement("script");
    s.src = figure.getAttribute("data-script");
    s.onload = drawDiagrams;
    document.head.appendChild(s);
  }

  function drawDiagrams() {
    var mermaid = window.mermaid;
    if (!mermaid) return;
    var theme = prefersDark() ? "dark" : "light";
    // Mermaid's "base" theme, coloured from the stylesheet's own variables.
    var css = getComputedStyle(root);
    var v = function (name) { return css.getPropertyValue(name).trim(); };
    var font = getComputedStyle(document.body).fontFamily;
    mermaid.initialize({
      startOnLoad: false, securityLevel: "strict", theme: "base", fontFamily: font,
      themeVariables: {
        darkMode: theme === "dark", fontFamily: font, background: v("--bg"),
        primaryColor: v("--soft"), primaryTextColor: v("--fg"), primaryBorderColor: v("--accent"),
        secondaryColor: v("--soft"), tertiaryColor: v("--bg"), lineColor: v("--muted"),
        textColor: v("--fg"), mainBkg: v("--soft"), nodeBorder: v("--accent"), edgeLabelBackground: v("--bg")
      }
    });
    document.querySelectorAll("figure.diagram").forEach(function (figure, i) {
      var source = figure.querySelector(".diagram-source");
      mermaid.render("bb-diagram-" + i, source.textContent).then(function (result) {
        var drawn = figure.querySelector(".diagram-drawn") || document.createElement("div");
        drawn.className = "diagram-drawn";
        drawn.innerHTML = result.svg;
        if (!drawn.parentNode) figure.insertBefore(drawn, source);
        source.hidden = true;
        figure.setAttribute("data-drawn", theme);
      }, function () { figure.setAttribute("data-drawn", "error"); });
    });
  }

  // Pretty URLs end in "/", which a browser opening files from disk shows as a folder
  // listing: point such links at the folder's index.html instead.
  if (location.protocol === "file:") {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link) return;
      var href = link.getAttribute("href");
      if (/^[a-z]+:/i.test(href) || href.charAt(0) === "#") return;
      var parts = href.split("#");
      if (parts[0] === "" || parts[0].slice(-1) === "/") {
        link.setAttribute("href", parts[0] + "index.html" + (parts[1] ? "#" + parts[1] : ""));
      }
    }, true);
  }
})();
