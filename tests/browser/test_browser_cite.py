"""Cite this letter, in Chromium: the section is visible and fits a phone, the BibTeX it
shows is the file its link downloads, and the CSL-JSON beside it parses."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_a_letter_offers_its_citation(context, pages, screenshots):
    phone = context.new_page()
    try:
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(pages.by_kind()["letter"])
        section = phone.locator("section.us-cite")
        section.scroll_into_view_if_needed()
        assert section.is_visible()
        section.screenshot(path=str(screenshots / "letter-cite-phone.png"))
        code = phone.locator("pre.us-bibtex code")
        # The BibTeX wraps inside the screen: nothing to scroll sideways.
        assert code.evaluate("c => c.scrollWidth - c.clientWidth") <= 0
        assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        shown = code.inner_text()
        with phone.expect_download() as download:
            section.get_by_role("link", name="BibTeX").click()
        saved = Path(download.value.path()).read_text(encoding="utf-8")
        assert download.value.suggested_filename == "cite.bib"
        assert saved.strip() == shown.strip() and saved.startswith("@misc{")
        href = section.get_by_role("link", name="CSL-JSON").get_attribute("href")
        response = phone.request.get(phone.url + href)
        assert response.ok
        (item,) = json.loads(response.text())
        assert item["title"] == phone.locator("h1").first.inner_text()
        assert {"type", "id", "title", "issued"} <= set(item)
    finally:
        phone.close()
