"""What a first search costs a visitor, measured in the browser, kept as a test artifact."""

import json

import pytest
from browser_support import measure_first_query

pytestmark = pytest.mark.browser

# Issue "Scale": a first query downloads at most 300 KB (there, at 10,000 letters).
FIRST_QUERY_BUDGET = 300 * 1024


def test_first_query_downloads_only_a_few_chunks(new_context, artifacts, record_property):
    context = new_context()
    try:
        figures = measure_first_query(context, "Mexico")
    finally:
        context.close()
    out = artifacts / "search-first-query.json"
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    record_property("search_first_query_bytes", figures["first_query_bytes"])
    record_property("search_first_query_wire_bytes", figures["first_query_wire_bytes"])
    print(
        f"\nfirst search query: {figures['first_query_bytes']} bytes as stored, "
        f"{figures['first_query_wire_bytes']} on the wire "
        f"(+ {figures['page_load_bytes']} / {figures['page_load_wire_bytes']} with the page); "
        f"details in {out}"
    )
    fetched = figures["first_query_files"]
    assert figures["results"] > 0
    assert any(p.endswith(".pf_meta") for p in fetched), figures
    assert any(p.startswith("/pagefind/index/") for p in fetched), figures
    # Filter files load when the reader opens the filters, never for a query.
    assert not [p for p in fetched if p.startswith("/pagefind/filter/")], figures
    # With the page: our search script only, no Pagefind file until the box is used.
    assert list(figures["page_load_files"]) == ["/assets/javascripts/undersigned-search.js"]
    # The server gzips text: Pagefind's code costs less on the wire than as stored.
    assert fetched["/pagefind/pagefind.js"]["wire"] < fetched["/pagefind/pagefind.js"]["stored"]
    assert figures["first_query_wire_bytes"] < figures["first_query_bytes"] <= FIRST_QUERY_BUDGET
