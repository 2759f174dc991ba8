"""A screenshot of each kind of page, kept under test-artifacts/screenshots/ for review."""

import pytest
from browser_support import open_filters, search

pytestmark = pytest.mark.browser

KINDS = (
    "home",
    "letters-index",
    "letter",
    "signatory",
    "network",
    "signatories-index",
    "recipient",
    "tag",
    "data",
)


@pytest.mark.parametrize("kind", KINDS)
def test_screenshot(page, pages, screenshots, kind):
    response = page.goto(pages.by_kind()[kind])
    assert response is not None and response.ok, f"{kind}: {response and response.status}"
    out = screenshots / f"{kind}.png"
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000  # a blank page compresses to far less


def test_screenshot_search_results(page, screenshots):
    page.goto("/")
    search(page, "Mexico")
    out = screenshots / "search-results.png"
    page.screenshot(path=str(out), full_page=False)
    assert out.stat().st_size > 10_000


def test_screenshot_search_filters(page, screenshots):
    page.goto("/")
    search(page, "Mexico")
    open_filters(page)
    out = screenshots / "search-filters.png"
    page.screenshot(path=str(out), full_page=False)
    assert out.stat().st_size > 10_000
