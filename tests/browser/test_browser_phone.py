"""Read on a phone: at 360 and 390 px wide no page scrolls sideways, no element runs off the
right edge, no title breaks inside a word, and the letters tables turn into stacked entries
that keep their column names; axe-core still finds no WCAG 2.1 A/AA violation.

The screenshots go to test-artifacts/screenshots/phone-<page>-<width>.png for review.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    SEARCH_RESULT_LINK,
    describe_violations,
    open_filters,
    run_axe,
    search,
    serve,
    wait_for_results,
)

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

# Two common phone viewports: a small Android (360 x 780) and an iPhone 12-15 (390 x 844).
PHONES = {360: 780, 390: 844}
KINDS = ("home", "signatory", "letter", "recipient", "tag", "letters-index", "search")
SEARCH_QUERY = "Mexico"

# Elements that scroll sideways on their own by design: what they hold may be wider than the
# screen, as long as the scroller itself fits. Material's: a code block (the <code> inside
# <pre> scrolls) and the wrapper it puts around a Markdown table (the documentation's).
SCROLLERS = "pre > code, .md-typeset__scrollwrap"

# Links and headings whose words must each stay on one line: page titles, letter titles and
# names in the listings, search results. A letter's own text (.us-body) may quote a long URL,
# which must break to fit. The pictures' links (SVG) are drawn, not laid out in lines: their
# text is a <title> and a label placed by coordinates.
TITLES = ".md-content h1, .md-content a[href]:not(.us-body a, .headerlink, svg a)"

# Elements wider than the viewport (right edge past innerWidth + 1), unless inside a scroller
# (overflow-x auto or scroll, and itself inside the viewport) listed in SCROLLERS.
TOO_WIDE = """scrollers => {
    const width = window.innerWidth;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if ((box.width === 0 && box.height === 0) || box.right <= width + 1) continue;
        const scroller = el.parentElement && el.parentElement.closest(scrollers);
        if (scroller && /auto|scroll/.test(getComputedStyle(scroller).overflowX)
                && scroller.getBoundingClientRect().right <= width + 1) continue;
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + Array.from(el.classList, c => '.' + c).join('');
        wide.push(`${name} right=${Math.round(box.right)}: `
            + JSON.stringify((el.textContent || '').trim().slice(0, 60)));
    }
    return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide};
}"""

# Words (runs of letters, digits and apostrophes) of each title whose text spreads over more
# than one line box: a break inside a word, by hyphenation, `overflow-wrap: anywhere` or
# `word-break`. A line may still end after a hyphen or a slash, between two words.
BROKEN_WORDS = """selector => {
    const WORD = /[\\p{L}\\p{N}\\p{M}'\u2019]+/gu;
    const broken = [];
    let titles = 0;
    for (const el of document.querySelectorAll(selector)) {
        if (!el.getClientRects().length) continue;  // not rendered
        titles += 1;
        const nodes = [];  // [text node, offset of its first character in the title's text]
        let text = '';
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) { nodes.push([walk.currentNode, text.length]);
                                  text += walk.currentNode.data; }
        const start = i => { const n = nodes.findLast(([, at]) => at <= i);
                             return [n[0], i - n[1]]; };
        const end = i => { const n = nodes.findLast(([, at]) => at < i);
                           return [n[0], i - n[1]]; };
        for (const m of text.matchAll(WORD)) {
            const range = document.createRange();
            range.setStart(...start(m.index));
            range.setEnd(...end(m.index + m[0].length));
            const boxes = Array.from(range.getClientRects()).filter(b => b.width > 0);
            const lines = boxes.some(a => boxes.some(b => b.top >= a.bottom - 1));
            if (lines) broken.push(`${JSON.stringify(m[0])} in ${JSON.stringify(text.trim())}`);
        }
    }
    return {titles, broken};
}"""

# The cells of each table the selector finds, as the browser shows them: each cell's label
# (the CSS ::before text) beside its column's header, and where the cell sits.
LETTERS_TABLES = "table.us-letters, table.us-signed"
CELLS = """selector => Array.from(document.querySelectorAll(selector))
    .map(table => {
        const heads = Array.from(table.tHead.rows[0].cells, th => th.textContent.trim());
        return {
            display: getComputedStyle(table.tBodies[0].rows[0]).display,
            rows: Array.from(table.tBodies[0].rows, tr => Array.from(tr.cells, (td, i) => {
                const box = td.getBoundingClientRect();
                return {head: heads[i], label: getComputedStyle(td, '::before').content,
                        left: box.left, top: box.top, bottom: box.bottom,
                        align: getComputedStyle(td).textAlign,
                        empty: td.textContent.trim() === ''};
            })),
        };
    })"""


@pytest.fixture(scope="module")
def paths(pages) -> dict[str, str]:
    """The path of each kind of page these tests visit."""
    from undersigned.catalogue import catalogue  # here, as in browser_support.site_pages

    # The most prolific signatory: its "Letters signed" table is the longest.
    prolific = catalogue(pages.archive).top_signatories[0]
    return {**pages.by_kind(), "signatory": f"/signatories/{prolific}/",
            "search": f"/search/?q={SEARCH_QUERY}"}


@pytest.fixture
def phone(context, request):
    """A page of the session's guarded context, at the phone width the test asks for."""
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.set_viewport_size({"width": request.param, "height": PHONES[request.param]})
    yield pg
    pg.close()


def visit(phone, paths, kind: str) -> None:
    response = phone.goto(paths[kind])
    assert response is not None and response.ok, f"{kind}: {response and response.status}"
    if kind == "search":
        wait_for_results(phone, SEARCH_QUERY)


@pytest.mark.parametrize("phone", list(PHONES), indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("kind", KINDS)
def test_page_fits_a_phone(phone, paths, screenshots, kind):
    visit(phone, paths, kind)
    width = phone.viewport_size["width"]
    out = screenshots / f"phone-{kind}-{width}.png"
    phone.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000  # a blank page compresses to far less

    fit = phone.evaluate(TOO_WIDE, SCROLLERS)
    assert fit["innerWidth"] == width
    assert fit["scrollWidth"] <= width, (
        f"the {kind} page scrolls sideways at {width} px ({fit['scrollWidth']} px wide)"
    )
    assert not fit["wide"], f"on the {kind} page at {width} px, wider than the screen:\n" + (
        "\n".join(fit["wide"][:20])
    )

    words = phone.evaluate(BROKEN_WORDS, TITLES)
    assert words["titles"] > 0, f"the {kind} page shows no title to check"
    assert not words["broken"], f"on the {kind} page at {width} px, words broken:\n" + (
        "\n".join(words["broken"][:20])
    )


@pytest.mark.parametrize("phone", [360], indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("kind", ("home", "signatory", "letters-index"))
def test_letters_tables_stack_on_a_phone(phone, paths, screenshots, kind):
    visit(phone, paths, kind)
    # The screen a reader sees at the first letters table's heading, below Material's fixed
    # header (README.md shows two of these, copied to docs/assets/screenshots/).
    phone.evaluate("""tables => {
        const table = document.querySelector(tables);
        const heading = Array.from(document.querySelectorAll('.md-content h1, .md-content h2'))
            .filter(h => h.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING)
            .pop();
        window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY
            - document.querySelector('.md-header').offsetHeight - 8);
    }""", LETTERS_TABLES)
    # Once the page's h1 is scrolled past, Material fades the header's title into the page's:
    # let that start, then finish.
    phone.wait_for_function(
        "document.querySelector('.md-header__title').classList.contains('md-header__title--active')"
        " && document.getAnimations().every(a => a.playState !== 'running')")
    phone.screenshot(path=str(screenshots / f"phone-{kind}-360-letters.png"))
    tables = phone.evaluate(CELLS, LETTERS_TABLES)
    assert tables, f"the {kind} page has no letters table"
    for table in tables:
        assert table["display"] == "block", table["display"]
        for cells in table["rows"]:
            # One entry: every cell under the one before it, from the same left edge ...
            for above, below in zip(cells, cells[1:], strict=False):
                if below["empty"]:
                    continue
                assert below["top"] >= above["bottom"] - 1, (above, below)
                assert abs(below["left"] - cells[0]["left"]) <= 1, (cells[0], below)
            assert {c["align"] for c in cells} <= {"left", "start"}, cells
            # ... each named by its column's header, but for the date and the title,
            # which say what they are.
            for cell in cells[2:]:
                if not cell["empty"]:
                    assert cell["head"] in cell["label"], cell


@pytest.mark.parametrize("phone", [360], indirect=True, ids=lambda w: f"{w}px")
def test_header_search_fits_a_phone(phone, screenshots):
    # The results and the filters open as a panel under the header's box: inside the screen.
    phone.goto("/")
    search(phone, SEARCH_QUERY)
    open_filters(phone)
    phone.screenshot(path=str(screenshots / "phone-header-search-360.png"))
    fit = phone.evaluate(TOO_WIDE, SCROLLERS)
    assert fit["scrollWidth"] <= 360 and not fit["wide"], fit
    words = phone.evaluate(BROKEN_WORDS, SEARCH_RESULT_LINK)
    assert words["titles"] > 0 and not words["broken"], words


@pytest.mark.parametrize("phone", [360], indirect=True, ids=lambda w: f"{w}px")
def test_signatories_a_to_z_stacks_on_a_phone(phone):
    phone.goto("/signatories/")
    tables = phone.evaluate(CELLS, "table.us-signatories-az")
    assert tables and tables[0]["rows"], "no A-Z table on /signatories/"
    for table in tables:
        assert table["display"] == "block", table["display"]
        for name, *rest in table["rows"]:
            # The name on a line of its own, then its kind, country and count, each named.
            assert name["label"] == "none", name
            for cell in rest:
                if not cell["empty"]:  # an empty cell (no country) is not shown
                    assert cell["top"] >= name["bottom"] - 1, (name, cell)
                    assert cell["head"] in cell["label"], cell


@pytest.mark.parametrize("kind", ("home", "signatory"))
def test_letters_tables_stay_tables_on_a_wide_screen(page, paths, kind):
    page.goto(paths[kind])
    tables = page.evaluate(CELLS, LETTERS_TABLES)
    assert tables
    for table in tables:
        assert table["display"] == "table-row"
        for cells in table["rows"]:
            tops = {round(c["top"]) for c in cells}
            assert len(tops) == 1, f"cells of one row on several lines: {cells}"
            assert all(c["label"] == "none" for c in cells), cells


@pytest.mark.parametrize("phone", [360], indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("kind", ("home", "signatory"))
def test_stacked_tables_are_still_tables_to_a_screen_reader(phone, paths, kind):
    # Chromium keeps a table's roles when CSS displays it as blocks; a screen reader still
    # hears "row 2 of 6, Date, 11 July 2022" rather than loose text.
    visit(phone, paths, kind)
    tree = phone.locator(LETTERS_TABLES).first.aria_snapshot()
    assert tree.lstrip().startswith("- table"), tree
    assert "- row " in tree and "- cell " in tree and "- columnheader " in tree, tree


@pytest.mark.parametrize("phone", [360], indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("kind", KINDS)
def test_page_is_accessible_at_360_px(phone, paths, axe, kind):
    visit(phone, paths, kind)
    violations = run_axe(phone, axe)
    assert not violations, f"the {kind} page at 360 px:\n{describe_violations(violations)}"


@pytest.mark.parametrize("phone", [360], indirect=True, ids=lambda w: f"{w}px")
def test_every_other_page_fits_a_phone(phone, pages):
    # The rest of the site at the narrowest width: every top-level page (indexes, data,
    # documentation, search) and a network's page, with its members.
    failures = []
    for path in (*pages.indexes, pages.network):
        response = phone.goto(path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        fit = phone.evaluate(TOO_WIDE, SCROLLERS)
        if fit["scrollWidth"] > 360 or fit["wide"]:
            failures.append(f"{path}: {fit['scrollWidth']} px wide; " + "; ".join(fit["wide"][:5]))
        words = phone.evaluate(BROKEN_WORDS, TITLES)
        if words["broken"]:
            failures.append(f"{path}: words broken: " + "; ".join(words["broken"][:5]))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", (480, 720, 1024))
def test_tables_read_at_every_width_up(context, paths, width):
    # Between a phone and a desktop: stacked under 720 px, a real table from 720 px (where a
    # table is at its tightest), with the sidebar from 1220 px. Nothing too wide, no word
    # broken, at any of them.
    pg = context.new_page()
    try:
        pg.set_viewport_size({"width": width, "height": 900})
        failures = []
        for kind in ("home", "signatory", "letters-index"):
            pg.goto(paths[kind])
            fit = pg.evaluate(TOO_WIDE, SCROLLERS)
            if fit["scrollWidth"] > width or fit["wide"]:
                failures.append(f"{kind}: {fit['scrollWidth']} px; " + "; ".join(fit["wide"][:5]))
            words = pg.evaluate(BROKEN_WORDS, TITLES)
            if words["broken"]:
                failures.append(f"{kind}: words broken: " + "; ".join(words["broken"][:5]))
        assert not failures, f"at {width} px:\n" + "\n".join(failures)
    finally:
        pg.close()


# A letter written for this test in the shape real letters take, beside the seed archive: four
# tags whose labels, one after another, wrap on a phone's line of facts (at 1,000 synthetic
# letters such a list broke "Asylu/m"), an addressee with a long office, a source with a URL.
NARROW_LETTER = """\
---
title: Organizations ask the Mexican Senate to protect human rights defenders at the border
date: 2024-05-02
language: en
summary: Organizations ask the Senate to protect defenders and shelters at the northern border.
tags: [human-rights-defenders, militarization, asylum, legal-pathways]
source: Written for tests/browser/test_browser_phone.py in the shape of letters published as \
https://www.example.org/campaigns/2024/letter-to-the-senate-on-human-rights-defenders.pdf
recipients:
  - printed: Ms. Alicia Bárcena Ibarra
    id: alicia-barcena-ibarra
    name: Alicia Bárcena Ibarra
    role: Secretaria de Relaciones Exteriores de los Estados Unidos Mexicanos
signatories:
  - section: Organizations
    entries:
      - printed: Alianza Américas
        id: alianza-americas
      - printed: Asylum Access México (AAMX) A.C.
        id: asylum-access-mexico
---

We, the undersigned organizations, ask the Senate to protect the people who defend migrants.
"""


@pytest.fixture(scope="module")
def narrow_site(tmp_path_factory) -> Iterator[str]:
    """The seed archive plus NARROW_LETTER, built and served; yields the letter's URL."""
    repo = tmp_path_factory.mktemp("phone") / "repo"
    repo.mkdir()
    for name in ("letters", "signatories", "recipients", "docs", "docs-es", "overrides"):
        shutil.copytree(REPO / name, repo / name)
    for name in ("tags.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, repo / name)
    (repo / "src").symlink_to(REPO / "src")  # the hook path in mkdocs.yml
    (repo / "letters" / "2024-05-02-senate-defenders.md").write_text(NARROW_LETTER, "utf-8")
    site = repo.parent / "site"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(repo), "build", "--site-dir",
         str(site)], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    with serve(site) as url:
        yield f"{url}/letters/2024-05-02-senate-defenders/"


@pytest.mark.parametrize("phone", list(PHONES), indirect=True, ids=lambda w: f"{w}px")
def test_a_letter_with_many_facts_fits_a_phone(phone, narrow_site, screenshots):
    response = phone.goto(narrow_site)
    assert response is not None and response.ok
    width = phone.viewport_size["width"]
    phone.screenshot(path=str(screenshots / f"phone-letter-facts-{width}.png"))
    fit = phone.evaluate(TOO_WIDE, SCROLLERS)
    assert fit["scrollWidth"] <= width and not fit["wide"], fit
    words = phone.evaluate(BROKEN_WORDS, TITLES)
    assert words["titles"] > 0 and not words["broken"], words["broken"]
