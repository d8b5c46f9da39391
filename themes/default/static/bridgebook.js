// Bridgebook default theme: dark-mode toggle, phone menu, and links that work from disk.
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
    var menu = document.querySelector(".menu");
    var sidebar = document.getElementById("sidebar");
    if (menu && sidebar) {
      menu.addEventListener("click", function () {
        var open = sidebar.classList.toggle("open");
        menu.setAttribute("aria-expanded", String(open));
      });
    }
  });

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
