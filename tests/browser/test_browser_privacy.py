"""The site asks no other host for anything: no fonts, scripts, analytics, or images."""

import pytest
from browser_support import search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tour(page, pages) -> list[str]:
    """Visit every kind of page, each index and a search, waiting for the network to settle
    so that late requests (web fonts, lazy scripts) happen before anything is asserted."""
    visited = []
    kinds = ("/", pages.letter, pages.signatory, pages.network, pages.recipient, pages.tag)
    for path in kinds:
        page.goto(path, wait_until="networkidle")
        visited.append(page.url)
    # The indexes share the kinds' template: a late request would have shown up above.
    for path in pages.indexes:
        page.goto(path, wait_until="load")
        visited.append(page.url)
    page.goto("/", wait_until="networkidle")
    search(page, "Mexico")
    page.wait_for_load_state("networkidle")
    visited.append(page.url + " (search)")
    return visited


def test_no_request_leaves_the_machine(tour, traffic):
    # The record covers every page every browser test opened, not only these.
    assert not traffic.outside, (
        f"outside requests (page, url) while visiting {tour}:\n"
        + "\n".join(f"  {p} -> {u}" for p, u in traffic.outside)
    )


def test_the_guard_blocks_and_records_outside_requests(context, traffic):
    # The privacy test above is only worth something if the guard works: prove it does.
    probe = context.new_page()
    try:
        probe.goto("/")
        outcome = probe.evaluate(
            "() => fetch('https://fonts.googleapis.com/css?family=Roboto')"
            ".then(() => 'fetched', () => 'blocked')"
        )
    finally:
        probe.close()
    recorded = [u for _, u in traffic.outside if u.startswith("https://fonts.googleapis.com/")]
    for entry in [e for e in traffic.outside if e[1] in recorded]:
        traffic.outside.remove(entry)
    assert outcome == "blocked"
    assert recorded


def test_no_script_errors(tour, traffic):
    assert not traffic.page_errors, "\n".join(f"{p}: {m}" for p, m in traffic.page_errors)


def test_every_asset_and_page_loads(tour, traffic):
    # A stylesheet, script or font that 404s fails quietly in a browser: catch it here.
    assert not traffic.broken, "\n".join(f"{status} {url}" for status, url in traffic.broken)
