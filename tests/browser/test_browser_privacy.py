"""The site asks no other host for anything: no fonts, scripts, analytics, or images."""

import pytest
from browser_support import search

pytestmark = pytest.mark.browser


def visit_everything(page, pages) -> list[str]:
    visited = []
    for path in (
        "/",
        pages.letter,
        pages.signatory,
        pages.network,
        pages.recipient,
        pages.tag,
        *pages.indexes,
    ):
        page.goto(path, wait_until="networkidle")
        visited.append(page.url)
    page.goto("/", wait_until="networkidle")
    search(page, "Mexico")
    page.wait_for_load_state("networkidle")
    visited.append(page.url + " (search)")
    return visited


def test_no_request_leaves_the_machine(page, pages, traffic):
    visited = visit_everything(page, pages)
    # The record covers every page every browser test opened, not only these.
    assert not traffic.outside, (
        f"outside requests (page, url) while visiting {visited}:\n"
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


def test_no_script_errors(page, pages, traffic):
    visit_everything(page, pages)
    assert not traffic.page_errors, "\n".join(f"{p}: {m}" for p, m in traffic.page_errors)
