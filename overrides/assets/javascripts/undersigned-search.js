// Pagefind search in the header, and a full search page at /search/ that reads ?q=.
(function () {
  "use strict";
  var header = document.getElementById("us-search");
  if (!header || typeof PagefindUI === "undefined") {
    return;
  }
  // The template gives a path relative to this page; Pagefind wants it from the
  // site's root, and result URLs relative to wherever the site is published.
  var bundle = new URL(header.getAttribute("data-bundle"), document.baseURI).pathname;
  var base = bundle.replace(/pagefind\/$/, "");
  var options = {
    bundlePath: bundle,
    baseUrl: base,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    // Short pages (a signatory's own) should not lose to long letters that merely
    // mention a name: weight counts more than frequency relative to length.
    ranking: { termFrequency: 0.6, pageLength: 0.5 },
    translations: { placeholder: "Search letters and signatories" }
  };
  var page = document.getElementById("us-search-page");
  if (page) {
    header.parentNode.hidden = true;
    var ui = new PagefindUI(Object.assign({ element: "#us-search-page", autofocus: true }, options));
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) {
      ui.triggerSearch(q);
    }
  } else {
    new PagefindUI(Object.assign({ element: "#us-search", showEmptyFilters: false }, options));
  }
})();
