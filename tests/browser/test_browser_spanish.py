"""The Spanish interface in Chromium: the language switch and the reader's choice kept,
the browser's language on a first visit, a Spanish search over the one index, axe-core on
the /es/ pages and the pages at 360 px.

Each test has a browser context of its own: the choice is kept in localStorage, which
the session's shared context must never hold (its English pages would move to /es/).
Screenshots: test-artifacts/screenshots/spanish-*.png.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_support import (
    AXE_TAGS,
    SEARCH_INPUT,
    SEARCH_MESSAGE,
    SEARCH_RESULT,
    describe_violations,
    guard_context,
    page_path,
    read_results,
    run_axe,
    serve,
    wait_settled,
)
from test_browser_phone import SCROLLERS, TOO_WIDE

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "site" / "archive"

SWITCH = "a.us-lang-switch__link"
KEY = "undersigned.language"
# The Spanish hub pages visited; the others are checked in tests/test_spanish.py.
SPANISH = ("/es/", "/es/letters/", "/es/signatories/", "/es/organizations/", "/es/recipients/",
           "/es/tags/", "/es/data/", "/es/search/", "/es/about/", "/es/contributing/")


@pytest.fixture
def fresh(browser, base_url, traffic):
    """Makes a guarded context with nothing stored, in the browser language asked for."""
    made = []

    def make(locale: str = "en-US"):
        ctx = guard_context(browser, base_url, traffic, locale=locale)
        made.append(ctx)
        pg = ctx.new_page()
        pg.set_default_timeout(15_000)
        pg.on("pageerror", lambda exc: traffic.page_errors.append((pg.url, str(exc))))
        return pg

    yield make
    for ctx in made:
        ctx.close()


def lang(pg) -> str:
    """The interface's language: a Spanish page's own `lang`, or on a page built once the
    reader's choice (`data-us-ui`), which leaves the page's `lang` as it was built."""
    return pg.evaluate("document.documentElement.dataset.usUi || document.documentElement.lang")


def html_lang(pg) -> str:
    return pg.evaluate("document.documentElement.lang")


def label(pg, selector: str) -> str:
    """The CSS label (::before) of the first cell the selector finds."""
    return pg.evaluate(
        "s => getComputedStyle(document.querySelector(s), '::before').content", selector)


def test_switching_language_moves_between_the_two_versions_and_is_kept(fresh, screenshots):
    pg = fresh()
    pg.goto("/letters/")
    assert lang(pg) == "en"
    switch = pg.locator(SWITCH)
    assert switch.inner_text() == "Español" and switch.get_attribute("lang") == "es"
    switch.click()
    pg.wait_for_url(re.compile(r"/es/letters/$"))
    assert lang(pg) == "es" and pg.locator("h1").first.inner_text() == "Cartas"
    assert pg.evaluate(f"localStorage.getItem('{KEY}')") == "es"
    pg.screenshot(path=str(screenshots / "spanish-letters.png"))

    # The choice is kept: an English hub page opened later sends the reader to its
    # Spanish version; a letter (built once) shows its labels in Spanish, in place.
    pg.goto("/signatories/")
    pg.wait_for_url(re.compile(r"/es/signatories/$"))
    assert pg.locator(SWITCH).inner_text() == "English"
    pg.goto("/es/")
    pg.locator("table.us-letters td:nth-child(2) a").first.click()
    pg.wait_for_url(re.compile(r"/letters/\d{4}-"))  # the letter's one copy, not under /es/
    assert "/es/" not in page_path(pg.url) and lang(pg) == "es" and html_lang(pg) == "en"
    assert pg.locator(SWITCH).inner_text() == "English"
    pg.set_viewport_size({"width": 360, "height": 780})
    pg.goto("/")  # redirected to /es/: its latest letters, stacked, labelled in Spanish
    pg.wait_for_url(re.compile(r"/es/$"))
    assert label(pg, "table.us-letters td:nth-child(3)") == '"Para: "'
    pg.screenshot(path=str(screenshots / "spanish-home-360.png"), full_page=True)

    # Back to English from a page built once: in place, then kept.
    pg.set_viewport_size({"width": 1280, "height": 900})
    pg.goto("/es/letters/")
    pg.locator("table.us-letters td:nth-child(2) a").first.click()
    pg.wait_for_url(re.compile(r"/letters/\d{4}-"))
    pg.locator(SWITCH).click()
    assert lang(pg) == "en" and pg.locator(SWITCH).inner_text() == "Español"
    assert pg.evaluate(f"localStorage.getItem('{KEY}')") == "en"
    pg.goto("/es/tags/")
    pg.wait_for_url(re.compile(r"/tags/$"))
    assert "/es/" not in page_path(pg.url) and lang(pg) == "en"


def test_a_first_visit_follows_the_browser_language(fresh):
    es = fresh("es-MX")
    es.goto("/recipients/")
    es.wait_for_url(re.compile(r"/es/recipients/$"))
    assert lang(es) == "es" and es.locator("h1").first.inner_text() == "Destinatarios"
    en = fresh("en-GB")
    en.goto("/es/recipients/")
    en.wait_for_url(re.compile(r"[^s]/recipients/$"))
    assert lang(en) == "en"


def test_where_storage_is_refused_no_page_overrules_the_switch(fresh):
    """A browser that refuses localStorage cannot keep a choice: the pages then stay in
    the language of their address, so the switch still leads both ways (no loop back)."""
    pg = fresh("es-MX")
    pg.add_init_script("""Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("refused", "SecurityError"); }});""")
    pg.goto("/")
    assert page_path(pg.url) == "/" and lang(pg) == "en"
    pg.locator(SWITCH).click()
    pg.wait_for_url(re.compile(r"/es/$"))
    pg.locator(SWITCH).click()
    pg.wait_for_url(re.compile(r"[0-9]/$"))
    assert page_path(pg.url) == "/" and lang(pg) == "en"


def test_a_page_built_once_keeps_its_labels_in_english_by_default(fresh, pages):
    pg = fresh()
    pg.set_viewport_size({"width": 360, "height": 780})
    pg.goto(pages.signatory)
    assert lang(pg) == "en"
    assert label(pg, "table.us-signed td:nth-child(3)") == '"Printed as: "'
    pg.locator(SWITCH).click()
    assert lang(pg) == "es"
    assert label(pg, "table.us-signed td:nth-child(3)") == '"Impreso como: "'
    # The page stays marked as built (English); the words rewritten in Spanish are
    # marked lang="es" one by one, for screen readers.
    assert html_lang(pg) == "en"
    assert pg.evaluate("document.querySelector('h2').getAttribute('lang')") == "es"


def spanish_search(pg, query: str) -> list:
    """Search on /es/search/ and read the results, once the Spanish message says it is done."""
    pg.goto("/es/search/")
    box = pg.locator(SEARCH_INPUT).first
    assert box.get_attribute("placeholder") == "Buscar cartas y firmantes"
    box.fill(query)
    done = pg.locator(SEARCH_MESSAGE).filter(has_text=re.compile(r"\bresultados? para\b"))
    done.filter(has_text=query).first.wait_for(state="visible", timeout=15_000)
    if pg.locator(SEARCH_RESULT).count() == 0:
        return []
    wait_settled(pg)
    return read_results(pg)


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory, browser, traffic):
    """A page in a context of its own on the site of tests/fixtures/site/archive, whose two
    letters are one in English and one in Spanish."""
    out = tmp_path_factory.mktemp("spanish-search") / "site"
    subprocess.run([sys.executable, "-m", "undersigned", "--root", str(FIXTURE), "build",
                    "--site-dir", str(out)], cwd=REPO, check=True, capture_output=True,
                   timeout=600, env=dict(os.environ, PYTHONPATH=str(REPO / "src")))
    with serve(out) as url:
        ctx = guard_context(browser, url, traffic, locale="es-MX")
        pg = ctx.new_page()
        pg.set_default_timeout(15_000)
        yield pg
        ctx.close()


LETTERS = {"en": "/letters/2022-07-11-bilateral-meeting/",
           "es": "/letters/2023-01-20-second-letter/"}


@pytest.mark.parametrize(("query", "language"), [
    ("protección", "es"), ("proteccion", "es"), ("PROTECCIÓN", "es"), ("movilidad", "es"),
    ("Declaration", "en"), ("presidents", "en")])
def test_a_spanish_search_finds_letters_from_words_in_either_language(two_languages, query,
                                                                     language):
    """On /es/search/, a word of the English letter or of the Spanish one, with or without
    its accents, finds that letter: one index, whose results are the pages built once."""
    found = spanish_search(two_languages, query)
    paths = [r.path for r in found]
    assert LETTERS[language] in paths, f"{query}: {found}"
    assert not [p for p in paths if p.startswith("/es/")], paths


def test_the_spanish_search_filters_are_in_spanish(two_languages):
    spanish_search(two_languages, "migración")
    two_languages.locator(".us-search__filters-toggle").first.click()
    panel = two_languages.locator(".us-search__filters:not([aria-busy])").first
    panel.locator("fieldset").first.wait_for(state="visible")
    legends = panel.locator("legend").all_inner_texts()
    assert legends[:2] == ["Tipo", "Año"], legends
    kinds = panel.locator("fieldset").first.locator("label").all_inner_texts()
    assert any(k.startswith("carta (") for k in kinds), kinds


def test_spanish_pages_are_accessible_and_fit_a_phone(fresh, axe, screenshots):
    pg = fresh("es-MX")
    failures = []
    for path in SPANISH:
        pg.set_viewport_size({"width": 1280, "height": 900})
        pg.goto(path)
        assert lang(pg) == "es", path
        violations = run_axe(pg, axe)
        if violations:
            failures.append(f"{path}:\n{describe_violations(violations)}")
        pg.set_viewport_size({"width": 360, "height": 780})
        fit = pg.evaluate(TOO_WIDE, SCROLLERS)
        if fit["scrollWidth"] > 360 or fit["wide"]:
            failures.append(f"{path} at 360 px: {fit['scrollWidth']} px wide; "
                            + "; ".join(fit["wide"][:5]))
    pg.goto("/es/search/")
    pg.locator(SEARCH_INPUT).first.fill("asilo")
    pg.locator(SEARCH_MESSAGE).filter(has_text="asilo").first.wait_for(state="visible")
    pg.screenshot(path=str(screenshots / "spanish-search-360.png"), full_page=True)
    assert not failures, f"{', '.join(AXE_TAGS)} or 360 px:\n" + "\n".join(failures)


# ---------------------------------------------------------------- pictures and relations

PICTURE_WORDS = "[...document.querySelectorAll('svg.us-pic title, svg.us-pic desc')]" \
    ".map(e => e.textContent)"


def _picture_words(html: str) -> list[str]:
    """The words of a page's pictures as generate.py writes them (the <title>s and <desc>s
    of every svg.us-pic, in document order), unescaped as the browser reads them."""
    import html as html_module

    words = []
    for svg in re.findall(r'<svg class="us-pic.*?</svg>', html, re.S):
        words += [html_module.unescape(w)
                  for w in re.findall(r"<(?:title|desc)[^>]*>(.*?)</(?:title|desc)>", svg)]
    return words


@pytest.fixture(scope="module")
def built_once(pages):
    """Pages built once that have pictures, each with the words its pictures would have
    in either interface, from generate.py's own functions: a signatory with related
    records, a timeline and co-signers; a recipient (bars); the network map."""
    from undersigned import generate
    from undersigned.catalogue import catalogue

    cat = catalogue(pages.archive)
    view = next(v for _, v in sorted(cat.signatories.items())
                if v.letter_count >= generate.PICTURE_FROM and v.cosigners
                and {r.outgoing for r in v.related} == {True, False})
    rid = max(cat.recipients, key=lambda r: (len(cat.recipient_letters.get(r, ())), r))
    # A letter whose list has printed sections: their headings are the record, never
    # translated ("Individuals" stays as printed).
    letter = max(cat.letters, key=lambda x: (sum(bool(s.heading) for s in x.sections), x.id))
    assert sum(bool(s.heading) for s in letter.sections) > 1
    tid = max(cat.tag_letters, key=lambda t: (len(cat.tag_letters[t]), t))
    body = generate.letter_body_html(letter, generate.body_renderer()(letter.body))
    made = {
        f"/letters/{letter.id}/": lambda lang: generate.letter_page(cat, letter, body,
                                                                    lang=lang),
        f"/tags/{tid}/": lambda lang: next(generate.tag_pages(cat, tid, lang)),
        f"/signatories/{view.id}/": lambda lang: next(generate.signatory_pages(cat, view, lang)),
        f"/recipients/{rid}/": lambda lang: next(generate.recipient_pages(cat, rid, lang)),
        "/network/": lambda lang: generate.network_map_page(cat, lang),
    }
    rendered = {path: {lang: make(lang).render() for lang in ("en", "es")}
                for path, make in made.items()}
    return view, {path: {lang: _picture_words(html) for lang, html in pages_.items()}
                  for path, pages_ in rendered.items()}, rendered


# The interface's words on a page built once that follow the switch (undersigned-lang.js):
# its headings, labels, column names, captions.
LABELS = ("h2", "h3", "dt", "th", "caption", "figcaption")


class _Labels(HTMLParser):
    """The text of every LABELS element of a generated page, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[list[str]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in LABELS:
            self.open.append([])

    def handle_endtag(self, tag):
        if tag in LABELS and self.open:
            self.found.append(" ".join("".join(self.open.pop()).split()))

    def handle_data(self, data):
        for words in self.open:
            words.append(data)


def _labels(html: str) -> list[str]:
    parser = _Labels()
    parser.feed(html[html.index("<!-- us-html -->"):html.index("<!-- /us-html -->")]
                if "<!-- us-html -->" in html else html)
    return parser.found


LABELS_JS = ("[...document.querySelectorAll('.md-content :is(" + ", ".join(LABELS) + ")')]"
             ".map(e => e.textContent.split(/\\s+/).join(' ').trim())")


def test_a_page_built_once_says_its_pictures_and_relations_in_the_chosen_language(
        fresh, built_once, axe, screenshots):
    """The switch on a page built once: every picture's <title> and <desc> (hover text and
    accessible names) become the words generate.py writes for the Spanish interface, and
    back; the related records' relations show in Spanish; axe-core still passes."""
    view, words, rendered = built_once
    pg = fresh()
    for path, expected in words.items():
        pg.goto(path)
        assert lang(pg) == "en", path
        assert expected["en"] != expected["es"] or not expected["en"], path
        assert pg.evaluate(PICTURE_WORDS) == expected["en"], path
        pg.locator(SWITCH).click()
        assert lang(pg) == "es"
        assert pg.evaluate(PICTURE_WORDS) == expected["es"], path
        assert pg.evaluate("[...document.querySelectorAll('svg.us-pic title')]"
                           ".every(e => e.getAttribute('lang') === 'es')")
        # Its headings, labels, column names and captions: what generate.py writes for
        # the Spanish interface (the same templates and strings), and nothing else.
        assert pg.evaluate(LABELS_JS) == _labels(rendered[path]["es"]), path
        # The search box's own words follow the switch in place too.
        assert pg.locator(SEARCH_INPUT).first.get_attribute("placeholder") == (
            "Buscar cartas y firmantes")
        if path.startswith("/signatories/"):
            related = pg.locator("#related + ul > li")
            assert related.count() == len(view.related)
            for r, i in zip(view.related, range(related.count()), strict=True):
                shown = related.nth(i).inner_text()
                assert i18n_relation(r.relation, "es") in shown, shown
                assert i18n_relation(r.relation, "en") not in shown, shown
            pg.screenshot(path=str(screenshots / "spanish-signatory.png"))
            # The theme's navigation names the site's pages as the Spanish site does.
            from undersigned import spanish

            names = [name for entry in spanish.config(REPO / "mkdocs.yml", REPO / "docs")["nav"]
                     for name in entry]
            shown = pg.locator(".md-nav--primary .md-nav__link").all_inner_texts()
            assert shown[:len(names)] == names
            assert pg.locator(".us-facts a[data-pagefind-filter='kind']").inner_text() == (
                i18n_kind(view.signatory.kind))
            pg.locator("#related").scroll_into_view_if_needed()
            pg.screenshot(path=str(screenshots / "spanish-related.png"))
            violations = run_axe(pg, axe)
            assert not violations, describe_violations(violations)
        # The choice is kept: the next page built once opens in Spanish, pictures included.
        pg.reload()
        assert lang(pg) == "es" and pg.evaluate(PICTURE_WORDS) == expected["es"], path
        pg.locator(SWITCH).click()
        assert lang(pg) == "en" and pg.evaluate(PICTURE_WORDS) == expected["en"], path
        assert pg.evaluate(LABELS_JS) == _labels(rendered[path]["en"]), path
        pg.locator(SWITCH).click()  # and again: the same Spanish
        assert pg.evaluate(LABELS_JS) == _labels(rendered[path]["es"]), path
        assert pg.evaluate(PICTURE_WORDS) == expected["es"], path
        pg.locator(SWITCH).click()
        assert pg.locator(SEARCH_INPUT).first.get_attribute("placeholder") == (
            "Search letters and signatories")
        assert pg.evaluate("[...document.querySelectorAll('svg.us-pic title')]"
                           ".every(e => !e.hasAttribute('lang'))")


def i18n_kind(kind: str) -> str:
    from undersigned import i18n

    return i18n.text("kind_" + kind, "es")


def i18n_relation(relation: str, lang: str) -> str:
    from undersigned import i18n

    return i18n.relation_name(relation, lang)


def test_about_and_contributing_have_their_spanish_version_both_ways(fresh, screenshots):
    pg = fresh()
    for path in ("/about/", "/contributing/"):
        pg.goto(path)
        pg.locator(SWITCH).click()
        pg.wait_for_url(re.compile(r"/es" + path + "$"))
        assert html_lang(pg) == "es"
        nav = pg.locator(".md-nav--primary").first.inner_text()
        assert "Acerca de" in nav and "Contribuir" in nav and "en inglés" not in nav
        if path == "/about/":
            pg.screenshot(path=str(screenshots / "spanish-about.png"))
        pg.locator(SWITCH).click()
        pg.wait_for_url(re.compile(r"[0-9]" + path + "$"))
        assert html_lang(pg) == "en"
