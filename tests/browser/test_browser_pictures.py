"""The pictures (timelines, networks, the map) in Chromium: axe-core finds no WCAG 2.1 A/AA
violation with their data tables open, a timeline point is reached and followed with the
keyboard, colours come from the theme, nothing overflows a phone; screenshots of each."""

import re

import pytest
from browser_support import AXE_TAGS, by_acronym, describe_violations, page_path, run_axe

pytestmark = pytest.mark.browser

# Each page with its pictures, by the CSS selector of each figure.
FIGURES = {
    "home": ("/", ["#us-home-tl"]),
    "signatory": (None, ["#timeline", ".us-figure--net"]),
    # The first network signed one letter, as a network with its members: no timeline
    # (one point says nothing), its members drawn.
    "network": (None, [".us-figure--net"]),
    "recipient": (None, ["#us-recipient-tl"]),
    "network-map": ("/network/", [".us-figure--map"]),
}


def path_of(pages, kind: str) -> str:
    fixed = FIGURES[kind][0]
    return fixed or pages.by_kind()[kind]


OPEN_ALL_DETAILS = "() => document.querySelectorAll('details').forEach(d => d.open = true)"


@pytest.mark.parametrize("kind", list(FIGURES))
def test_pictures_are_accessible_with_their_data_open(page, pages, axe, screenshots, kind):
    page.goto(path_of(pages, kind))
    for selector in FIGURES[kind][1]:
        figure = page.locator(selector).first
        assert figure.locator("svg").count() == 1, f"{kind}: no picture in {selector}"
        # A name for the picture: its <title>, found through aria-labelledby.
        name = figure.locator("svg").evaluate(
            "s => s.getAttribute('aria-labelledby').split(' ')"
            ".map(id => document.getElementById(id).textContent).join(' ')")
        assert len(name) > 20, name
        figure.screenshot(path=str(screenshots / f"picture-{kind}-{selector.strip('.#')}.png"))
    page.evaluate(OPEN_ALL_DETAILS)  # the per-year tables and letters signed together
    violations = run_axe(page, axe)
    assert not violations, (
        f"the {kind} page's pictures ({page.url}) violate {', '.join(AXE_TAGS)}:\n"
        f"{describe_violations(violations)}")


FOCUS = """() => { const e = document.activeElement;
    const fig = e.closest('figure');
    return [e.tagName, fig ? fig.id : '', e.getAttribute('href') || '',
            e.querySelector('title') ? e.querySelector('title').textContent : ''] }"""


def test_a_timeline_point_is_reached_and_followed_by_keyboard(page, pages, screenshots):
    imumi = by_acronym(pages.archive, "IMUMI")
    page.goto(f"/signatories/{imumi.id}/")
    for _ in range(120):
        page.keyboard.press("Tab")
        tag, figure, href, title = page.evaluate(FOCUS)
        if figure == "timeline":
            break
    else:
        raise AssertionError("120 presses of Tab never reached a point of the timeline")
    assert tag.lower() == "a" and "/letters/" in href
    # Its title names the letter it leads to (what hover and a screen reader show).
    letters = {x.id: x for x in pages.archive.letters}
    lid = href.rstrip("/").split("/")[-1]
    assert title.endswith(letters[lid].title)
    # The focused point is visibly marked (the outline of the focus style).
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.locator("#timeline").screenshot(path=str(screenshots / "picture-timeline-focus.png"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(f"/letters/{lid}/") + "$"))
    assert page_path(page.url) == f"/letters/{lid}/"


COLOURS = """() => {
    const dot = document.querySelector('#timeline circle');
    const a = document.querySelector('.md-content a');
    const label = document.querySelector('#timeline .us-pic-axis text');
    const axis = document.querySelector('#timeline .us-pic-axis path');
    const edge = document.querySelector('.us-figure--net .us-pic-edges path');
    return [getComputedStyle(dot).fill, getComputedStyle(a).color,
            getComputedStyle(label).fill, getComputedStyle(document.body).color,
            getComputedStyle(document.body).backgroundColor,
            getComputedStyle(label).textAnchor, getComputedStyle(axis).stroke,
            getComputedStyle(axis).fill, getComputedStyle(edge).stroke]; }"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_picture_colours_follow_the_light_and_dark_schemes(page, pages, screenshots, scheme):
    # The points take the theme's link colour and the text the page's, in Material's light
    # scheme and its dark one (slate), never SVG's default black.
    page.goto(pages.by_kind()["signatory"])
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    page.wait_for_timeout(500)  # Material's links fade to their new colour (125 ms)
    fill, link, text, fg, bg, anchor, axis, axis_fill, edge = page.evaluate(COLOURS)
    assert fill == link and fill != "rgb(0, 0, 0)"
    assert text == fg
    # The axis (one path) and the edges are drawn by the stylesheet's rules, the years
    # centred under their span by it too (no attribute on each).
    assert anchor == "middle" and axis == fg and axis_fill == "none"
    assert edge == link
    if scheme == "slate":
        assert text != "rgb(0, 0, 0)" and bg != "rgb(255, 255, 255)", (text, bg)
    page.locator(".us-figure--net").first.screenshot(
        path=str(screenshots / f"picture-signatory-network-{scheme}.png"))


@pytest.mark.parametrize("kind", ["signatory", "network-map"])
def test_pictures_fit_a_phone(context, pages, axe, screenshots, kind):
    phone = context.new_page()
    try:
        phone.set_viewport_size({"width": 360, "height": 780})
        phone.goto(path_of(pages, kind))
        for selector in FIGURES[kind][1]:
            box = phone.locator(selector).first.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, (selector, box)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the {kind} page is {overflow} px wider than a phone"
        phone.locator(FIGURES[kind][1][-1]).first.screenshot(
            path=str(screenshots / f"picture-{kind}-phone.png"))
        violations = run_axe(phone, axe)
        assert not violations, describe_violations(violations)
    finally:
        phone.close()
