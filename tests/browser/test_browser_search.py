"""Search in the header: Pagefind folds accents, finds any printed form, ranks the entity first."""

import re

import pytest
from browser_support import (
    SEARCH_MESSAGE,
    SEARCH_RESULT_LINK,
    by_acronym,
    open_filters,
    page_path,
    read_results,
    result_count,
    search,
    wait_for_results,
    wait_settled,
)

pytestmark = pytest.mark.browser

FILTERS = ("kind", "year", "recipient", "tag")


def search_and_open_first(page, query: str, expected_path: str, expected_h1: str) -> None:
    page.goto("/")
    results = search(page, query)
    assert results[0].path == expected_path, (
        f"{query!r}: first result is {results[0]}, expected {expected_path}; "
        f"all: {[r.path for r in results]}"
    )
    page.locator(SEARCH_RESULT_LINK).first.click()
    page.wait_for_url(re.compile(re.escape(expected_path) + "$"))
    assert page.locator("h1").first.inner_text().strip() == expected_h1


def test_acronym_finds_the_organization_first(page, pages):
    imumi = by_acronym(pages.archive, "IMUMI")
    search_and_open_first(page, "IMUMI", f"/signatories/{imumi.id}/", imumi.name)


@pytest.mark.parametrize(
    ("query", "acronym"),
    [
        # Printed without its accent ("Migración" on the page).
        ("Instituto para las Mujeres en la Migracion", "IMUMI"),
        # WOLA's Spanish name, one of its printed forms; its canonical name is English.
        ("Oficina en Washington para Asuntos Latinoamericanos", "WOLA"),
    ],
)
def test_printed_variant_finds_the_organization_first(page, pages, query, acronym):
    entity = by_acronym(pages.archive, acronym)
    assert any(query.split()[0] in alias for alias in entity.aliases + (entity.name,))
    search_and_open_first(page, query, f"/signatories/{entity.id}/", entity.name)


def test_home_search_form_opens_the_search_page(page, pages):
    # The form in the home page's text works without the header (and names the search).
    imumi = by_acronym(pages.archive, "IMUMI")
    page.goto("/")
    box = page.locator(".md-content form[role=search] input[name=q]")
    box.fill("IMUMI")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=IMUMI$"))
    results = wait_for_results(page, "IMUMI")
    assert results[0].path == f"/signatories/{imumi.id}/", results


def test_mexico_finds_mexico_with_its_accent(page):
    page.goto("/")
    results = search(page, "Mexico")
    marked = {m for r in results for m in r.marks}
    assert "México" in marked, f"no result highlights 'México'; highlighted: {sorted(marked)}"
    first = results[0].path
    page.locator(SEARCH_RESULT_LINK).first.click()
    page.wait_for_url(re.compile(re.escape(first) + "$"))
    assert "méxico" in page.locator(".md-content").inner_text().casefold()


def shown_counts(panel, name: str) -> dict[str, int]:
    """{value: count} of the filter's values the panel shows (those with results)."""
    rows = panel.locator(f'li:visible:has(input[type=checkbox][name="{name}"])')
    counts = {}
    for i in range(rows.count()):
        value = rows.nth(i).locator("input").get_attribute("value")
        label = rows.nth(i).locator("label").inner_text()
        counts[value] = int(re.search(r"\((\d+)\)\s*$", label).group(1))
    return counts


def test_filters_load_only_when_opened(new_context, site_dir):
    # The filter files are most of a first query's index bytes at scale: a query fetches
    # none of them; opening the filters fetches every one and shows each filter with counts.
    context = new_context()
    try:
        fetched: list[str] = []
        context.on("requestfinished", lambda request: fetched.append(page_path(request.url)))
        page = context.new_page()
        page.goto("/", wait_until="networkidle")
        search(page, "Mexico")
        total = result_count(page)
        page.wait_for_load_state("networkidle")
        assert any(p.startswith("/pagefind/index/") for p in fetched), fetched
        assert not [p for p in fetched if p.startswith("/pagefind/filter/")], fetched
        before = len(fetched)
        panel = open_filters(page)
        page.wait_for_load_state("networkidle")
        on_open = {p for p in fetched[before:] if p.startswith("/pagefind/filter/")}
        stored = {"/" + f.relative_to(site_dir).as_posix()
                  for f in (site_dir / "pagefind" / "filter").rglob("*") if f.is_file()}
        assert on_open == stored
        legends = [t.strip().lower() for t in panel.locator("legend").all_inner_texts()]
        assert legends == list(FILTERS)
        # Counts are among the results of "Mexico": some value of each filter, none above
        # the number of results (letters, signatories, recipients and tags all match it).
        for name in FILTERS:
            counts = shown_counts(panel, name)
            assert counts and all(0 < c <= total for c in counts.values()), (name, counts)
        assert sum(shown_counts(panel, "kind").values()) == total
    finally:
        context.close()


@pytest.mark.parametrize("name", FILTERS)
def test_filter_in_the_search_box_narrows_results(page, name):
    # Tick the value the panel says matches fewest results; the count must drop to it.
    page.goto("/")
    search(page, "Mexico")
    before = result_count(page)
    panel = open_filters(page)
    counts = shown_counts(panel, name)
    assert counts, f"the search box offers no {name} filter"
    value = min(counts, key=lambda v: (counts[v], v))
    panel.locator(f'input[type=checkbox][name="{name}"][value="{value}"]').check()
    page.wait_for_function(
        "([sel, n]) => { const m = document.querySelector(sel);"
        " return m && /^\\d/.test(m.textContent) && !m.textContent.startsWith(String(n) + ' ') }",
        arg=[SEARCH_MESSAGE, before],
    )
    after = result_count(page)
    assert after == counts[value] < before, (name, value, before, after, counts[value])
    wait_settled(page)
    shown = read_results(page)
    assert shown and len(shown) <= after
    if name == "kind" and value in {"organization", "person", "network"}:
        assert all(r.path.startswith("/signatories/") for r in shown)
    if name == "year":
        assert all(r.path.startswith(f"/letters/{value}-") for r in shown), shown


# For each filter: every page that carries it (a null query with "any" of its values), then
# each value alone. Pagefind's filter API is what the search box's checkboxes call.
PAGEFIND = """async (names) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const all = await pf.filters();
    const out = {filters: all, checks: {}};
    for (const name of names) {
        const values = Object.keys(all[name] || {});
        const base = await pf.search(null, {filters: {[name]: {any: values}}});
        const baseIds = new Set(base.results.map(r => r.id));
        out.checks[name] = [];
        for (const value of values) {
            const f = await pf.search(null, {filters: {[name]: value}});
            const data = await Promise.all(f.results.map(r => r.data()));
            out.checks[name].push({
                value, total: base.results.length, filtered: f.results.length,
                counted: all[name][value],
                subset: f.results.every(r => baseIds.has(r.id)),
                tagged: data.every(d => (d.filters[name] || []).includes(value)),
            });
        }
    }
    return out;
}"""


def test_pagefind_filters_cover_and_narrow(page, pages):
    page.goto("/")
    found = page.evaluate(PAGEFIND, list(FILTERS))
    filters = found["filters"]
    assert set(FILTERS) <= set(filters), f"filters indexed: {sorted(filters)}"
    letters = pages.archive.letters
    assert {str(letter.year) for letter in letters} <= set(filters["year"])
    assert {"organization", "network", "person"} <= set(filters["kind"])
    tag_labels = {
        pages.archive.tags[t].label if t in pages.archive.tags else t
        for letter in letters
        for t in letter.tags
    }
    tag_ids = {t for letter in letters for t in letter.tags}
    assert tag_ids <= set(filters["tag"]) or tag_labels <= set(filters["tag"])
    assert len(filters["recipient"]) >= len({r.id for ltr in letters for r in ltr.recipients})
    for name, checks in found["checks"].items():
        assert checks, f"filter {name} has no values"
        for c in checks:
            assert c["filtered"] == c["counted"] > 0 and c["subset"] and c["tagged"], (name, c)
        assert any(c["filtered"] < c["total"] for c in checks), (
            f"no value of filter {name} narrows the results: {checks}"
        )
