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
    print(
        f"\nfirst search query: {figures['first_query_bytes']} bytes "
        f"(+ {figures['page_load_bytes']} with the page); details in {out}"
    )
    assert figures["results"] > 0
    assert any(p.endswith(".pf_meta") for p in figures["first_query_files"]), figures
    assert figures["first_query_bytes"] <= FIRST_QUERY_BUDGET, figures
