// Bridgebook default theme: dark-mode toggle, phone menu, view-as filter, glossary tooltips
// and links that work from disk.
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
      });
    }
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
