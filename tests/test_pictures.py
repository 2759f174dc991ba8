"""Pictures: the SVG of known small inputs (points, links, titles, counts), escaping of
hostile text, determinism, and the pictures on the pages generated from the seed letters."""

import random
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import pytest

from undersigned import generate as gen
from undersigned import pictures
from undersigned.catalogue import catalogue
from undersigned.generate import generate
from undersigned.load import load_archive
from undersigned.pictures import Mark, Node

ROOT = Path(__file__).parent.parent
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '</title><script>alert(1)</script>"\'&<a href="javascript:x">]]>'


def parse(svg: str) -> ET.Element:
    """The SVG as XML: proves it well-formed (every string escaped) and lets us count."""
    return ET.fromstring(svg)


def links(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}a")


def title_of(el: ET.Element) -> str:
    return el.find(f"{SVG}title").text


def labelled(root: ET.Element) -> tuple[str, str]:
    """The SVG's name and description, found through its aria-labelledby ids."""
    ids = root.get("aria-labelledby").split()
    by_id = {el.get("id"): el.text for el in root.iter() if el.get("id")}
    return by_id[ids[0]], by_id[ids[1]]


def marks(n: int, start: date, step_days: int) -> list[Mark]:
    return [Mark(start + timedelta(days=i * step_days), f"Letter {i}", f"../letters/l{i}/")
            for i in range(n)]


# ---------------------------------------------------------------- timelines

def test_a_few_letters_are_each_a_focusable_link_with_its_title():
    ms = [Mark(date(2021, 3, 25), "Dignity first", "../../letters/a/"),
          Mark(date(2022, 7, 11), "Two presidents", "../../letters/b/"),
          Mark(date(2023, 12, 18), "Border talks", "../../letters/c/")]
    root = parse(pictures.points_svg(ms, "tl", "When X signed", "3 letters."))
    assert root.get("role") == "group"  # holds links: not an img, whose children are hidden
    assert labelled(root) == ("When X signed", "3 letters.")
    found = links(root)
    assert [a.get("href") for a in found] == ["../../letters/a/", "../../letters/b/",
                                              "../../letters/c/"]
    assert [title_of(a) for a in found] == ["25 March 2021: Dignity first",
                                            "11 July 2022: Two presidents",
                                            "18 December 2023: Border talks"]
    assert all(a.find(f"{SVG}circle") is not None for a in found)
    # Left to right in time, and the axis labels every year.
    xs = [float(a.find(f"{SVG}circle").get("cx")) for a in found]
    assert xs == sorted(xs)
    years = [t.text for t in root.findall(f".//{SVG}g[@class='us-pic-axis']/{SVG}text")]
    assert years == ["2021", "2022", "2023"]
    assert pictures.one_point_per_letter(ms)


def test_letters_on_the_same_day_stack_instead_of_hiding_each_other():
    ms = [Mark(date(2022, 5, 1), f"Letter {i}", f"l{i}/") for i in range(4)]
    root = parse(pictures.points_svg(ms, "tl", "t", "d"))
    circles = [a.find(f"{SVG}circle") for a in links(root)]
    assert len({c.get("cx") for c in circles}) == 1
    assert len({c.get("cy") for c in circles}) == 4


def test_many_letters_become_one_point_per_month_with_its_count():
    # 3,000 letters over 16 months: one link per month, never 3,000.
    ms = [Mark(date(2021, 1, 1) + timedelta(days=i % 480), f"L{i}", f"l{i}/")
          for i in range(3000)]
    asked = []

    def month_href(year, month):
        asked.append((year, month))
        return f"table/{year}-{month}/"

    svg = pictures.points_svg(ms, "tl", "t", "d", month_href)
    root = parse(svg)
    expected = Counter((m.day.year, m.day.month) for m in ms)
    found = links(root)
    assert len(found) == len(expected) == len(asked)
    assert sorted(asked) == sorted(expected)
    for a in found:
        year, month = map(int, a.get("href").split("/")[1].split("-"))
        n = expected[(year, month)]
        assert title_of(a) == f"{pictures.MONTHS[month - 1]} {year}: {n:,} letters"
    counts = [int(t.text) for t in root.iter(f"{SVG}text") if t.get("class") == "us-pic-count"]
    assert counts and set(counts) <= set(expected.values())
    assert len(svg.encode()) < 20_000
    assert not pictures.one_point_per_letter(ms)
    assert pictures.grouping(ms) == "month"


def test_a_long_history_is_drawn_by_year():
    ms = marks(400, date(1990, 1, 1), 30)  # 33 years, more months than MAX_MONTH_POINTS
    root = parse(pictures.points_svg(ms, "tl", "t", "d"))
    titles = [t.text for t in root.iter(f"{SVG}title")][1:]
    per_year = Counter(m.day.year for m in ms)
    assert titles == [f"{y}: {n} letters" for y, n in sorted(per_year.items())]
    assert not links(root)  # no href given: points, not links
    assert pictures.grouping(ms) == "year"


def test_a_timeline_says_what_its_points_stand_for_as_grouping_does():
    """points_figure gives points_svg's picture and grouping's unit in one pass, for a few
    letters, letters stacked past MAX_STACK, many letters over months and over years."""
    cases = {
        "letter": marks(5, date(2020, 3, 1), 40),
        "month": [Mark(date(2021, 1, 1) + timedelta(days=i % 480), f"L{i}", f"l{i}/")
                  for i in range(300)],
        "year": marks(400, date(1990, 1, 1), 30),
        "stacked": [Mark(date(2022, 5, 1), f"L{i}", f"l{i}/") for i in range(7)],
    }
    for name, ms in cases.items():
        svg, unit = pictures.points_figure(ms, "tl", "t", "d", lambda y, m: f"t/{y}-{m}/")
        assert unit == pictures.grouping(ms) == (name if name != "stacked" else "month")
        assert svg == pictures.points_svg(ms, "tl", "t", "d", lambda y, m: f"t/{y}-{m}/")
        parse(svg)


def test_bars_count_every_letter_by_month_or_year():
    days = [date(2021, 6, 7), date(2021, 6, 20), date(2022, 7, 11), date(2023, 12, 18)]
    root = parse(pictures.bars_svg(days, "bars", "Letters over time", "4 letters."))
    assert root.get("role") == "img" and labelled(root) == ("Letters over time", "4 letters.")
    bars = [r for r in root.iter(f"{SVG}rect")]
    assert [title_of(b) for b in bars] == ["Jun 2021: 2 letters", "Jul 2022: 1 letter",
                                           "Dec 2023: 1 letter"]
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == pytest.approx(2 * heights[1], abs=0.1)
    long_ago = [date(1990 + i // 3, 1 + i % 12, 1) for i in range(60)]  # 20 years: by year
    yearly = parse(pictures.bars_svg(long_ago, "b", "t", "d"))
    per_year = Counter(d.year for d in long_ago)
    assert [title_of(b) for b in yearly.iter(f"{SVG}rect")] == [
        f"{y}: {n} letters" for y, n in sorted(per_year.items())]
    assert pictures.year_counts([date(2020, 1, 1), date(2022, 1, 1)]) == [
        (2020, 1), (2021, 0), (2022, 1)]


def test_hostile_titles_and_hrefs_are_escaped():
    ms = [Mark(date(2022, 1, 2), HOSTILE, 'x" onmouseover="alert(1)'),
          Mark(date(2022, 3, 2), "fine", "y/")]
    for svg in (pictures.points_svg(ms, "tl", HOSTILE, HOSTILE),
                pictures.bars_svg([m.day for m in ms], "b", HOSTILE, HOSTILE),
                pictures.star_svg(HOSTILE, [Node(HOSTILE, 'z" onclick="x', 3)], "s",
                                  HOSTILE, HOSTILE)):
        root = parse(svg)  # well-formed: nothing broke out of its element
        assert "<script" not in svg and ' onmouseover="' not in svg
        assert not [k for el in root.iter() for k in el.attrib if k.startswith("on")]
        assert labelled(root) == (HOSTILE, HOSTILE)  # the text itself, intact
    a = links(parse(pictures.points_svg(ms, "tl", "t", "d")))[0]
    assert a.get("href") == 'x" onmouseover="alert(1)'
    assert title_of(a) == f"2 January 2022: {HOSTILE}"


def test_pictures_are_deterministic_whatever_the_input_order():
    ms = marks(45, date(2020, 2, 1), 17)
    shuffled = ms[:]
    random.Random(3).shuffle(shuffled)
    assert pictures.points_svg(ms, "a", "t", "d") == pictures.points_svg(shuffled, "a", "t", "d")
    days = [m.day for m in ms]
    assert pictures.bars_svg(days, "b", "t", "d") == pictures.bars_svg(days[::-1], "b", "t", "d")
    # No float noise: every number has at most one decimal.
    svg = pictures.points_svg(ms, "a", "t", "d")
    assert not re.search(r"\d\.\d\d", svg)


# ---------------------------------------------------------------- networks

def test_star_links_every_cosigner_with_lines_as_thick_as_their_letters():
    long = "A Coalition Whose Name Is Far Too Long For Its Label"
    nodes = [Node("Alpha", "a/", 9), Node("Beta", "b/", 3), Node(long, "c/", 1)]
    root = parse(pictures.star_svg("Centre", nodes, "net", "t", "d"))
    found = links(root)
    assert [a.get("href") for a in found] == ["a/", "b/", "c/"]
    # Each link is named by its label (the table beside it gives the counts); a label cut
    # short carries the whole name as its title.
    assert [a.find(f"{SVG}text").text for a in found] == ["Alpha", "Beta",
                                                          pictures._short(long, 26)]
    assert [a.find(f"{SVG}title") for a in found[:2]] == [None, None]
    assert title_of(found[2]) == long
    widths = [float(edge.get("stroke-width")) for edge in root.iter(f"{SVG}path")]
    assert widths == sorted(widths, reverse=True) and len(widths) == 3
    assert "Centre" in [t.text for t in root.iter(f"{SVG}text")]
    assert pictures.star_svg("Centre", [], "net", "t", "d") == ""


def random_archive(seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    letters = [f"l{i}" for i in range(60)]
    signers = [f"s{i:02d}" for i in range(50)]
    return {s: sorted(rng.sample(letters, rng.randint(0, 25))) for s in signers}


def test_map_picks_the_most_connected_and_counts_pairs_exactly():
    letters_of = random_archive(5)
    m = pictures.network_map(letters_of, letters_of, nodes=12, edges=20)
    # Counted here the slow, obvious way.
    size = Counter(lid for ids in letters_of.values() for lid in ids)
    degree = {s: sum(size[lid] - 1 for lid in ids) for s, ids in letters_of.items() if ids}
    best = sorted(degree, key=lambda s: (-degree[s], s))[:12]
    assert [sid for sid, _, _ in m.nodes] == best
    assert [(d, n) for _, d, n in m.nodes] == [(degree[s], len(letters_of[s])) for s in best]
    pairs = sorted(((-len(set(letters_of[a]) & set(letters_of[b])), a, b)
                    for a, b in combinations(best, 2)))
    assert [(a, b, -n) for n, a, b in pairs if n][:20] == list(m.edges)
    # Only the eligible ones are drawn.
    some = [s for s in letters_of if s.endswith(("1", "3"))]
    assert {sid for sid, _, _ in pictures.network_map(letters_of, some).nodes} <= set(some)


def test_map_svg_links_each_node_and_draws_each_edge():
    letters_of = random_archive(8)
    m = pictures.network_map(letters_of, letters_of, nodes=15, edges=30)
    names = {sid: f"Org {sid} <&>" for sid, _, _ in m.nodes}
    hrefs = {sid: f"../signatories/{sid}/" for sid, _, _ in m.nodes}
    root = parse(pictures.map_svg(m, names, hrefs, "map", "t", "d"))
    assert [a.get("href") for a in links(root)] == [hrefs[sid] for sid, _, _ in m.nodes]
    assert title_of(links(root)[0]).startswith(f"Org {m.nodes[0][0]} <&>: ")
    assert len(list(root.iter(f"{SVG}path"))) == len(m.edges) == 30


def test_a_picture_says_its_hover_text_in_the_language_asked():
    # One point per letter: the day as the interface writes it, the title as printed.
    few = [Mark(date(2022, 7, 11), "Carta abierta: Title", "a/"), Mark(date(2023, 1, 2), "B", "b/")]
    es = parse(pictures.points_svg(few, "tl", "Cuándo firmó X", "2 cartas.", lang="es"))
    assert [title_of(a) for a in links(es)] == ["11 de julio de 2022: Carta abierta: Title",
                                                "2 de enero de 2023: B"]
    en = parse(pictures.points_svg(few, "tl", "t", "d"))
    assert [title_of(a) for a in links(en)] == ["11 July 2022: Carta abierta: Title",
                                                "2 January 2023: B"]
    # Dense: months and counts.
    many = [Mark(date(2021, 3, 1) + timedelta(days=i % 40), f"L{i}", f"l{i}/") for i in range(30)]
    per_month = Counter((m.day.year, m.day.month) for m in many)
    root = parse(pictures.points_svg(many, "tl", "t", "d", lambda y, m: f"#{y}-{m}", "es"))
    assert [title_of(a) for a in links(root)] == [
        f"{('marzo', 'abril')[month - 3]} de {year}: {n} cartas"
        for (year, month), n in sorted(per_month.items())]
    bars = parse(pictures.bars_svg([date(2021, 6, 7), date(2021, 6, 20), date(2022, 7, 11)],
                                   "b", "t", "d", "es"))
    assert [title_of(b) for b in bars.iter(f"{SVG}rect")] == ["jun de 2021: 2 cartas",
                                                             "jul de 2022: 1 carta"]
    letters_of = random_archive(3)
    m = pictures.network_map(letters_of, letters_of, nodes=5, edges=5)
    names = {sid: f"Org: {sid}" for sid, _, _ in m.nodes}
    root = parse(pictures.map_svg(m, names, {s: "x/" for s in names}, "map", "t", "d", "es"))
    sid, degree, n = m.nodes[0]
    assert title_of(links(root)[0]) == (
        f"Org: {sid}: {n:,} carta{'s' if n != 1 else ''}, {degree:,} cofirmas")


# ---------------------------------------------------------------- on the seed site's pages

@pytest.fixture(scope="module")
def seeds():
    cat = catalogue(load_archive(ROOT))
    return cat, generate(cat, data=False)


def svgs(page: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", page, re.S)


def test_every_signatory_page_has_its_timeline_and_network(seeds):
    cat, pages = seeds
    checked = 0
    for sid, view in cat.signatories.items():
        page = pages[gen.signatory_src(sid)]
        if view.letter_count < gen.PICTURE_FROM:
            assert 'id="timeline"' not in page
            continue
        timeline = parse(svgs(page[page.index('id="timeline"'):])[0])
        hrefs = [a.get("href") for a in links(timeline)]
        # One point per letter, each a link to it (the seed letters are few).
        assert sorted(hrefs) == sorted(f"../../letters/{lid}/" for lid in view.letter_ids)
        strong = [o for o, n in view.cosigners if n >= gen.MIN_TOGETHER]
        if strong:
            net = page[page.index('id="cosigners"'):]
            star = parse(svgs(net)[0])
            assert [a.get("href") for a in links(star)] == [
                f"../../signatories/{o}/" for o in strong]
            assert 'href="#cosigners-table"' in net and 'id="cosigners-table"' in page
            checked += 1
    assert checked > 50


def test_a_synthetic_archives_stars_are_well_formed(tmp_path):
    # 40 letters drawn as bench.py draws them (letters signed together: test_together.py).
    sys.path.insert(0, str(ROOT / "scripts"))
    import synth_corpus

    synth_corpus.synth(40, 3, tmp_path / "archive")
    cat = catalogue(load_archive(tmp_path / "archive"))
    pages = generate(cat, data=False)
    drawn = 0
    for src, page in pages.items():
        if src.startswith("signatories/"):
            for svg in svgs(page):
                parse(svg)  # well-formed whatever the names
                drawn += 1
    assert drawn > 50


def test_network_page_draws_its_members(seeds):
    cat, pages = seeds
    networks = [v for v in cat.signatories.values() if v.memberships]
    assert networks
    for view in networks:
        page = pages[gen.signatory_src(view.id)]
        members = {mid for m in view.memberships for _, mid in m.members}
        star = parse(svgs(page[page.index('id="members-most-often"'):])[0])
        drawn = {a.get("href").split("/")[-2] for a in links(star)}
        assert drawn and drawn <= members


def test_home_and_recipient_timelines_count_every_letter(seeds):
    cat, pages = seeds
    home = parse(svgs(pages["index.md"])[0])
    total = sum(int(re.search(r": (\d+) letters?$", title_of(r)).group(1))
                for r in home.iter(f"{SVG}rect"))
    assert total == len(cat.letters)
    assert 'href="network/"' in pages["index.md"]
    for rid, ids in cat.recipient_letters.items():
        if rid not in cat.recipients:
            continue
        bars = parse(svgs(pages[gen.recipient_src(rid)])[0])
        assert sum(int(re.search(r": (\d+) letters?$", title_of(r)).group(1))
                   for r in bars.iter(f"{SVG}rect")) == len(ids)


def test_the_map_page_links_the_most_connected_organizations(seeds):
    cat, pages = seeds
    page = pages["network/index.md"]
    root = parse(svgs(page)[0])
    found = [a.get("href").split("/")[-2] for a in links(root)]
    assert len(found) == pictures.MAP_NODES
    assert all(cat.signatories[sid].signatory.kind != "person" for sid in found)
    assert len(list(root.iter(f"{SVG}path"))) == pictures.MAP_EDGES
    # The data beside the picture: one row per node, with its co-signatures.
    table = page[page.index('id="signatories"'):page.index('id="pairs"')]
    assert re.findall(r'href="\.\./signatories/([^/]+)/"', table) == found
