// Pagefind search in the header, and a full search page at /search/ that reads ?q=.
(function () {
  "use strict";
  var header = document.getElementById("us-search");
  if (!header || typeof PagefindUI === "undefined") {
    return;
  }
  var bundle = header.getAttribute("data-bundle");
  // Result URLs are relative to the site root, wherever the site is published.
  var base = new URL(bundle, document.baseURI).pathname.replace(/pagefind\/$/, "");
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
