"""axe-core finds no WCAG 2.1 A or AA violation on any kind of page, nor in the open search."""

import re

import pytest
from browser_support import (
    AXE_TAGS,
    SEARCH_DRAWER,
    SEARCH_FILTER_PANEL,
    by_acronym,
    describe_violations,
    open_filters,
    page_path,
    result_count,
    run_axe,
    search,
    wait_for_results,
)

pytestmark = pytest.mark.browser

KINDS = ("home", "letter", "signatory", "network", "recipient", "tag")


def assert_accessible(page, axe, what: str) -> None:
    violations = run_axe(page, axe)
    assert not violations, (
        f"{what} ({page.url}) violates {', '.join(AXE_TAGS)}:\n{describe_violations(violations)}"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_page_is_accessible(page, pages, axe, kind):
    path = pages.by_kind()[kind]
    page.goto(path)
    assert_accessible(page, axe, f"the {kind} page")


def test_every_index_is_accessible(page, pages, axe):
    failures = []
    for path in pages.indexes:
        page.goto(path)
        violations = run_axe(page, axe)
        if violations:
            failures.append(f"{path}:\n{describe_violations(violations)}")
    assert not failures, "\n".join(failures)


def test_search_results_are_accessible(page, axe):
    page.goto("/")
    search(page, "IMUMI")
    assert_accessible(page, axe, "the home page with search results open")
    open_filters(page)
    assert_accessible(page, axe, "the home page with search results and filters open")


def test_search_page_is_accessible(page, axe):
    page.goto("/search/?q=Mexico")
    wait_for_results(page, "Mexico")
    assert_accessible(page, axe, "the search page with results")
    open_filters(page)
    assert_accessible(page, axe, "the search page with results and filters open")


PLACEHOLDERS = """() => Array.from(document.querySelectorAll('input[placeholder]'))
    .filter(el => el.offsetParent !== null)
    .map(el => {
        const p = getComputedStyle(el, '::placeholder');
        return {text: el.placeholder, color: p.color, opacity: parseFloat(p.opacity),
                background: getComputedStyle(el).backgroundColor};
    })"""


def rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, opacity: float, bg: str) -> float:
    *back, back_alpha = rgba(bg)
    if back_alpha < 1:  # a transparent input shows the page behind it: white here
        back = [c * back_alpha + 255 * (1 - back_alpha) for c in back]
    *front, alpha = rgba(fg)
    alpha *= opacity
    seen = [f * alpha + b * (1 - alpha) for f, b in zip(front, back, strict=True)]
    hi, lo = sorted((luminance(seen), luminance(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_placeholders_are_legible(page):
    # WCAG 1.4.3 covers placeholder text, which axe-core leaves alone.
    page.goto("/")
    inputs = page.evaluate(PLACEHOLDERS)
    assert inputs, "the home page has no search box with a placeholder"
    faint = [
        (i["text"], round(contrast(i["color"], i["opacity"], i["background"]), 2))
        for i in inputs
        if contrast(i["color"], i["opacity"], i["background"]) < 4.5
    ]
    assert not faint, f"placeholders under 4.5:1: {faint}"


FOCUSED = "() => { const e = document.activeElement; return [e.className || '', e.href || ''] }"


def tab_until(page, css_class: str, limit: int = 30) -> str:
    """Press Tab until the focused element has the class; return its href (or '')."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        classes, href = page.evaluate(FOCUSED)
        if css_class in classes.split():
            return href
    raise AssertionError(f"{limit} presses of Tab never reached .{css_class}")


def test_search_works_from_the_keyboard_alone(page, pages):
    # WCAG 2.1.1: reach the search box, search, and open a result without a mouse.
    imumi = f"/signatories/{by_acronym(pages.archive, 'IMUMI').id}/"
    page.goto("/")
    tab_until(page, "us-search__input")
    page.keyboard.type("IMUMI")
    wait_for_results(page, "IMUMI")
    href = tab_until(page, "us-search__link")
    assert page_path(href) == imumi
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(imumi) + "$"))


def test_filters_work_from_the_keyboard_alone(page):
    # Open the filters with the keyboard, tick the first value with Space: fewer results.
    page.goto("/")
    tab_until(page, "us-search__input")
    page.keyboard.type("Mexico")
    wait_for_results(page, "Mexico")
    before = result_count(page)
    tab_until(page, "us-search__filters-toggle")
    page.keyboard.press("Enter")
    page.locator(f"{SEARCH_FILTER_PANEL}:not([aria-busy]) fieldset").first.wait_for()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.type, document.activeElement.value]")
    assert focused[0] == "checkbox", focused
    page.keyboard.press("Space")
    page.wait_for_function(
        "n => { const m = document.querySelector('.us-search__message');"
        " return /^\\d/.test(m.textContent) && !m.textContent.startsWith(n + ' ') }",
        arg=str(before),
    )
    assert 0 < result_count(page) < before


@pytest.mark.parametrize("kind", ["home", "letter", "signatory"])
def test_page_is_accessible_on_a_phone(context, pages, axe, screenshots, kind):
    phone = context.new_page()
    try:
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(pages.by_kind()[kind])
        phone.screenshot(path=str(screenshots / f"{kind}-phone.png"))
        assert_accessible(phone, axe, f"the {kind} page at 390 px wide")
        # Nothing may need scrolling sideways at this width (WCAG 1.4.10, reflow).
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the {kind} page is {overflow} px wider than a phone"
        if kind == "home":  # the search results must open inside the screen too
            search(phone, "IMUMI")
            box = phone.locator(f".md-header {SEARCH_DRAWER}").bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
            phone.screenshot(path=str(screenshots / "search-results-phone.png"))
            assert_accessible(phone, axe, "search results at 390 px wide")
            open_filters(phone)
            box = phone.locator(f".md-header {SEARCH_FILTER_PANEL}").bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
            phone.screenshot(path=str(screenshots / "search-filters-phone.png"))
            assert_accessible(phone, axe, "search filters at 390 px wide")
    finally:
        phone.close()
