// The language switch (overrides/partials/us-switch.html, src/undersigned/spanish.py).
//
// Loaded in the head, before the page is drawn. The reader's choice is kept in
// localStorage; until there is one it follows the browser's language
// (navigator.language). A page built in both languages (the hub pages: English at the
// site's root, Spanish under es/) names its other version in the head, and the reader
// is taken there; a page built once (a letter, signatory, recipient or tag) shows its
// labels in the chosen language through `data-us-ui` on <html> (docs/assets/undersigned.css).
// Its `lang` is left alone: the page's headings and text are in the language it was
// built in, and a screen reader reads them by `lang`.
// No request is made, to this host or any other.
(function () {
  "use strict";
  var KEY = "undersigned.language";
  var NAMES = { en: "English", es: "Español" };
  var root = document.documentElement;
  var built = root.getAttribute("lang") || "en";

  // null: no choice yet; undefined: storage refused (a policy, some private modes), when
  // a choice made on the switch could not be kept, so no page sends the reader away.
  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (err) {
      return undefined;
    }
  }
  function store(lang) {
    try {
      window.localStorage.setItem(KEY, lang);
    } catch (err) {
      // the choice lasts for this page only
    }
  }

  var chosen = stored();
  var wanted = NAMES[chosen] ? chosen
    : (/^es(-|$)/i.test(window.navigator.language || "") ? "es" : "en");

  var kept = chosen !== undefined;
  var other = document.querySelector('link[rel="alternate"][hreflang="' + wanted + '"]');
  // Material's bundle fetches a "sitemap.xml" beside the target of every
  // link[rel=alternate] (an exact match) to map a site's translations: beside a hub page
  // that is a 404. The same relation with one more token, which it leaves alone (as
  // undersigned-feeds.js does for the feeds); the HTML keeps rel="alternate".
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    link.rel = "alternate translation";
  });
  if (wanted !== built && other && kept) {
    window.location.replace(other.href + window.location.search + window.location.hash);
    return;
  }
  var labels = document.querySelector('meta[name="undersigned:labels"]') !== null;
  if (labels && wanted !== built && kept) {
    root.setAttribute("data-us-ui", wanted);
  }

  // The switch on a page built once offers the language not shown.
  function offer(link) {
    var shown = root.getAttribute("data-us-ui") || root.getAttribute("lang");
    var lang = shown === "es" ? "en" : "es";
    link.setAttribute("data-us-lang", lang);
    link.setAttribute("hreflang", lang);
    link.setAttribute("lang", lang);
    link.textContent = NAMES[lang];
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a[data-us-toggle]").forEach(offer);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-us-lang]") : null;
    if (!link) {
      return;
    }
    var lang = link.getAttribute("data-us-lang");
    store(lang);
    if (link.hasAttribute("data-us-toggle")) {
      event.preventDefault();
      root.setAttribute("data-us-ui", lang);
      offer(link);
    }
  });
})();
