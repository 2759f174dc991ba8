"""Letters signed together in Chromium (overrides/assets/javascripts/undersigned-together.js):
on IMUMI's page a co-signer's "See the letters" is reached and opened by keyboard; the list
is the letters both signed, computed here from the archive, newest first, with its count in
a live region; in Spanish after the switch; axe-core finds nothing with it open; each
signatures.json is fetched once, from the site only; a failed fetch says so in words.
Screenshots: test-artifacts/screenshots/together-*.png.
"""

from __future__ import annotations

import re

import pytest
from browser_support import describe_violations, guard_context, run_axe
from test_browser_phone import SCROLLERS, TOO_WIDE

from undersigned import i18n
from undersigned.catalogue import catalogue

pytestmark = pytest.mark.browser

SWITCH = "a.us-lang-switch__link"
ROW = "#cosigners-table tbody tr"
READ_ROW = """row => ({
    summary: row.querySelector('summary').textContent,
    status: row.querySelector('[role=status]').textContent,
    live: row.querySelector('[role=status]').getAttribute('aria-live'),
    items: [...row.querySelectorAll('.us-with__letters li')].map(li => [
        li.firstChild.textContent, li.querySelector('a').getAttribute('href'),
        li.querySelector('a').textContent]),
})"""


@pytest.fixture
def tab(browser, base_url, traffic):
    """A page in a context of its own (the language switch keeps its choice in
    localStorage, which the session's shared context must never hold), and every URL it
    requested."""
    ctx = guard_context(browser, base_url, traffic)
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    pg.on("pageerror", lambda exc: traffic.page_errors.append((pg.url, str(exc))))
    yield pg, requested
    ctx.close()


@pytest.fixture(scope="module")
def cat(pages):
    return catalogue(pages.archive)


def expected(cat, sid: str, other: str, lang: str) -> list[list[str]]:
    """The letters both signed, newest first, as the row lists them."""
    shared = [cat.letter_by_id[lid] for lid in cat.signatories[sid].letter_ids
              if lid in cat.signatories[other].letter_set]
    shared.sort(key=lambda x: x.date, reverse=True)
    return [[i18n.date_text(x.date, lang) + ": ", f"../../letters/{x.id}/", x.title]
            for x in shared]


def row_of(pg, other: str):
    return pg.locator(ROW).filter(has=pg.locator(f'td:first-child > a[href$="/{other}/"]'))


def open_by_keyboard(pg, other: str) -> None:
    """From the co-signer's name, Tab to its control and press Enter."""
    row_of(pg, other).locator("td:first-child > a").focus()
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert pg.evaluate("document.activeElement.closest('td').querySelector('a')"
                       ".getAttribute('href')").endswith(f"/{other}/")
    pg.keyboard.press("Enter")


def wait_listed(pg, other: str, n: int) -> dict:
    row = row_of(pg, other)
    row.locator(f".us-with__letters li >> nth={n - 1}").wait_for()
    return row.evaluate(READ_ROW)


def test_a_cosigner_picked_by_keyboard_lists_the_letters_both_signed(
        tab, pages, cat, base_url, axe, screenshots, traffic):
    pg, requested = tab
    sid = pages.signatory.strip("/").split("/")[-1]
    view = cat.signatories[sid]
    # A co-signer that signed some of IMUMI's letters but not all (the list is a true
    # intersection), and one that signed them all.
    some = next(o for o, n in view.cosigners if 1 < n < view.letter_count)
    every = next(o for o, n in view.cosigners if n == view.letter_count)
    pg.goto(pages.signatory)

    open_by_keyboard(pg, some)
    want = expected(cat, sid, some, "en")
    got = wait_listed(pg, some, len(want))
    assert got["items"] == want
    name = cat.signatories[some].signatory.name
    assert got["status"] == i18n.text("together_found", "en",
                                      count=i18n.count(len(want), "letter", "en"), name=name)
    assert got["live"] == "polite" and got["summary"] == "See the letters"
    row_of(pg, some).screenshot(path=str(screenshots / "together-row-en.png"))

    # A second co-signer: this page's own file is not fetched again.
    open_by_keyboard(pg, every)
    assert wait_listed(pg, every, view.letter_count)["items"] == expected(cat, sid, every, "en")
    own = [u for u in requested if u.endswith(f"/signatories/{sid}/signatures.json")]
    assert len(own) == 1, own
    # Closed and opened again: nothing fetched again.
    before = len(requested)
    summary = row_of(pg, some).locator("summary")
    summary.press("Enter")
    summary.press("Enter")
    assert wait_listed(pg, some, len(want))["items"] == want
    assert len(requested) == before

    # Spanish, in place: the words, the dates and the count follow the switch.
    pg.locator(SWITCH).click()
    assert pg.evaluate("document.documentElement.dataset.usUi") == "es"
    got = row_of(pg, some).evaluate(READ_ROW)
    assert got["items"] == expected(cat, sid, some, "es")
    assert got["status"] == i18n.text("together_found", "es",
                                      count=i18n.count(len(want), "letter", "es"), name=name)
    assert got["summary"] == i18n.text("together_show", "es")
    # Marked Spanish for a screen reader, on a page built in English.
    assert row_of(pg, some).evaluate(
        "row => [row.querySelector('summary').lang, row.querySelector('[role=status]').lang]"
    ) == ["es", "es"]
    row_of(pg, some).screenshot(path=str(screenshots / "together-row-es.png"))

    violations = run_axe(pg, axe)
    assert not violations, describe_violations(violations)
    pg.locator("#cosigners-table").screenshot(path=str(screenshots / "together-table.png"))
    # Every request went to the site's own origin.
    assert requested and all(u.startswith(base_url + "/") for u in requested), requested
    assert not [e for e in traffic.outside if e[0].startswith(base_url + pages.signatory)]
    assert not [e for e in traffic.page_errors if pages.signatory in e[0]]


def test_a_failed_fetch_is_said_in_words_and_tried_again(tab, pages, cat, screenshots):
    pg, requested = tab
    sid = pages.signatory.strip("/").split("/")[-1]
    view = cat.signatories[sid]
    other, n = view.cosigners[-1]
    target = re.compile(rf"/signatories/{other}/signatures\.json$")
    pg.goto(pages.signatory)
    row = row_of(pg, other)

    pg.route(target, lambda route: route.fulfill(status=404, body="gone"))
    open_by_keyboard(pg, other)
    status = row.locator("[role=status]")
    status.filter(has_text="404").wait_for()
    assert status.inner_text() == i18n.text(
        "together_failed", "en", reason=i18n.text("together_missing", "en", status=404))
    # The two lists of letters are offered instead: this page's and the co-signer's.
    assert row.locator(".us-with__files").is_visible()
    assert [a.get_attribute("href") for a in row.locator(".us-with__files a").all()] == [
        f"../../signatories/{sid}/signatures.csv", f"../../signatories/{other}/signatures.csv"]
    pg.unroute(target)

    pg.route(target, lambda route: route.abort("internetdisconnected"))
    summary = row.locator("summary")
    summary.press("Enter")
    summary.press("Enter")
    status.filter(has_text="offline").wait_for()
    assert status.inner_text() == i18n.text(
        "together_failed", "en", reason=i18n.text("together_offline", "en"))
    row.screenshot(path=str(screenshots / "together-offline.png"))
    pg.unroute(target)

    summary.press("Enter")
    summary.press("Enter")
    want = expected(cat, sid, other, "en")
    assert wait_listed(pg, other, n)["items"] == want
    assert not row.locator(".us-with__files").is_visible()


def test_without_script_the_page_links_both_lists(browser, base_url, traffic, pages, cat,
                                                  screenshots):
    ctx = guard_context(browser, base_url, traffic, java_script_enabled=False)
    try:
        pg = ctx.new_page()
        pg.goto(pages.signatory)
        sid = pages.signatory.strip("/").split("/")[-1]
        view = cat.signatories[sid]
        assert pg.locator("#cosigners-table details").count() == 0
        hint = pg.locator("#together ~ p", has_text="Without script")
        assert hint.locator("a").get_attribute("href") == (
            f"../../signatories/{sid}/signatures.csv")
        assert pg.locator("#cosigners-table th").count() == 2  # no control column
        pg.locator("#cosigners-table").screenshot(
            path=str(screenshots / "together-without-script.png"))
        # The co-signer's list is on its page, which its row links.
        other = view.cosigners[0][0]
        pg.locator(f'#cosigners-table a[href$="/{other}/"]').click()
        pg.wait_for_url(re.compile(re.escape(f"/signatories/{other}/") + "$"))
        assert pg.locator(f'a[href="../../signatories/{other}/signatures.csv"]').count() >= 1
    finally:
        ctx.close()


def test_an_open_list_fits_a_phone(browser, base_url, traffic, pages, cat, axe, screenshots):
    ctx = guard_context(browser, base_url, traffic)
    try:
        pg = ctx.new_page()
        pg.set_viewport_size({"width": 360, "height": 740})
        pg.goto(pages.signatory)
        sid = pages.signatory.strip("/").split("/")[-1]
        other = next(o for o, n in cat.signatories[sid].cosigners if n > 1)
        open_by_keyboard(pg, other)
        wait_listed(pg, other, len(expected(cat, sid, other, "en")))
        fit = pg.evaluate(TOO_WIDE, SCROLLERS)
        assert fit["scrollWidth"] <= 360 and not fit["wide"], fit
        violations = run_axe(pg, axe)
        assert not violations, describe_violations(violations)
        row_of(pg, other).screenshot(path=str(screenshots / "together-phone.png"))
    finally:
        ctx.close()
