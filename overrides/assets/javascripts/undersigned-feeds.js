// The feeds' <link rel="alternate"> in each page's head, as feed readers read the HTML,
// become rel="alternate feed" in the browser: the same relation (a token list that still
// holds "alternate"), which Material's bundle does not take for a language version.
// Material fetches "sitemap.xml" beside the target of every link[rel=alternate] (an exact
// match), meant for a site's translations: beside a feed that is a 404
// (/signatories/<id>/sitemap.xml) or the whole site's sitemap, on every page view.
// Material looks on DOMContentLoaded; this runs before it (a plain script at the end of
// the body, before Material's own).
for (const link of document.querySelectorAll(
  'link[rel=alternate][type="application/atom+xml"], link[rel=alternate][type="application/feed+json"]'
)) {
  link.rel = "alternate feed";
}
