"""A reader clicks from the home page to a letter, to one of its signatories, and back."""

import re

import pytest
from browser_support import page_path

pytestmark = pytest.mark.browser

LETTER_PATH = re.compile(r"^/letters/([^/]+)/$")
SIGNATORY_PATH = re.compile(r"^/signatories/([^/]+)/$")
# Every link's absolute URL; an SVG link's `href` is an object, so read the attribute.
HREFS = "as => as.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"


def content_links(page, pattern: re.Pattern) -> list:
    """Links in the page body (not the header or navigation) whose path matches."""
    links = page.locator(".md-content a[href]")
    hrefs = links.evaluate_all(HREFS)
    return [links.nth(i) for i, href in enumerate(hrefs) if pattern.match(page_path(href))]


def test_home_to_letter_to_signatory_and_back(page, pages):
    letters = {letter.id: letter for letter in pages.archive.letters}
    page.goto("/")
    home_title = page.title()

    to_letter = content_links(page, LETTER_PATH)
    assert to_letter, "the home page links to no letter"
    to_letter[0].click()
    page.wait_for_url(re.compile(r"/letters/[^/]+/$"))
    letter_id = LETTER_PATH.match(page_path(page.url)).group(1)
    assert letter_id in letters, f"{page.url} is not a letter of the archive"
    letter = letters[letter_id]
    assert page.locator("h1").first.inner_text().strip() == letter.title
    letter_url = page.url

    to_signatory = content_links(page, SIGNATORY_PATH)
    signed = {s.signatory_id for s in letter.signatures}
    assert len(to_signatory) >= len(signed), "not every signatory of the letter is linked"
    to_signatory[0].click()
    page.wait_for_url(re.compile(r"/signatories/[^/]+/$"))
    signatory_id = SIGNATORY_PATH.match(page_path(page.url)).group(1)
    assert signatory_id in signed, f"{signatory_id} did not sign {letter_id}"
    canonical = pages.archive.signatories[signatory_id].name
    assert page.locator("h1").first.inner_text().strip() == canonical
    # The signatory page links back to the letter it came from.
    assert any(
        page_path(a) == f"/letters/{letter_id}/"
        for a in page.locator(".md-content a[href]").evaluate_all(HREFS)
    )

    page.go_back()
    assert page.url == letter_url
    assert page.locator("h1").first.inner_text().strip() == letter.title
    page.go_back()
    assert page_path(page.url) == "/"
    assert page.title() == home_title


def test_every_index_is_reachable_from_the_navigation(page, pages):
    for path in pages.nav:
        page.goto("/")
        links = page.locator(".md-header a[href], .md-tabs a[href], nav.md-nav--primary a[href]")
        hrefs = links.evaluate_all(HREFS)
        visible = [
            links.nth(i)
            for i, h in enumerate(hrefs)
            if page_path(h) == path and links.nth(i).is_visible()
        ]
        assert visible, f"no visible navigation link to {path} on the home page"
        visible[0].click()
        page.wait_for_url(re.compile(re.escape(path) + "$"))
        assert page.locator("h1").first.is_visible(), f"{path} has no visible heading"
