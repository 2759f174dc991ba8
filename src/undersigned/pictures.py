"""Pictures stage: timelines and co-signer networks as inline SVG, made at build time.

Pure functions: catalogue data in, SVG (and the figures' data tables) out. No JavaScript
is needed to see them and they load nothing from any host. Every contributed string goes
through `xml.sax.saxutils` (`_text`, `_attr`) where it meets markup; coordinates are
rounded to one decimal, so rebuilds are byte-identical. Colours come from CSS classes
(docs/assets/undersigned.css) using Material's variables and `currentColor`, so the
pictures follow the light and dark schemes.

Words: every word a picture writes (its title and description from the caller, the
hover text of its points and bars: dates, months, counts) is i18n.py's, in the language
`lang` asks for. A page built once is drawn in English; when the reader chooses Spanish,
overrides/assets/javascripts/undersigned-lang.js rewrites those words in place by the
same i18n.py strings (`i18n.picture_strings`), so a picture carries no second copy of its
words (bytes: issue 15). The drawn text (years, counts, names) is the same in both.

Accessibility: a picture with links (a signatory's letters, co-signers) is an SVG with
`role="group"` inside a `<figure>` with a `<figcaption>`; each link is reached by Tab and
named by a `<title>` (also the hover text) or, in a network beside its table, by its label
(a `<title>` only when the label is cut short). A picture without links is
`role="img"` named by its `<title>` and `<desc>`. Each has its data in a table beside it.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from . import i18n

MONTH_ABBR = i18n.MONTHS_SHORT[i18n.DEFAULT]
MONTHS = i18n.MONTHS[i18n.DEFAULT]
# A timeline shows each letter as its own point up to this many letters; beyond, one point
# per month (or per year, over MAX_MONTH_POINTS months) with its count: a signatory with
# 3,000 letters gets a picture of a few kilobytes, not 3,000 links.
MAX_POINTS = 12
MAX_STACK = 6  # letters stacked in one column of the timeline before it counts as dense
MAX_MONTH_POINTS = 18
# Bars per month up to this many months, else per year.
MAX_MONTH_BARS = 72
# The archive-wide map: this many signatories, and at most this many edges among them.
MAP_NODES = 40
MAP_EDGES = 160
LABEL_CHARS = 30

WIDTH = 640
PAD = 14


# The same names, titles and links are escaped on page after page (a co-signer drawn in
# the star of each of its co-signers): kept, as the markup generate.py caches is. Typed,
# so that 1 and True (equal keys) keep their own text.
_ESCAPED = 1 << 16


@functools.lru_cache(maxsize=_ESCAPED, typed=True)
def _text(s: object) -> str:
    """Text content of an SVG element (also safe inside HTML)."""
    return escape(str(s), {'"': "&quot;"})


@functools.lru_cache(maxsize=_ESCAPED, typed=True)
def _attr(s: object) -> str:
    """A double-quoted attribute value, quotes included (as every attribute of the site:
    `quoteattr` would switch to single quotes when the value holds a double one)."""
    return quoteattr(str(s), {'"': "&quot;"})


def _num(x: float) -> str:
    """A coordinate: one decimal, no '-0.0', no trailing '.0' (fewer bytes, same picture)."""
    s = f"{x:.1f}"
    if s == "-0.0":
        s = "0.0"
    return s[:-2] if s.endswith(".0") else s


def _short(name: str, limit: int = LABEL_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _open_svg(uid: str, height: int, title: str, desc: str, interactive: bool,
              width: int = WIDTH, css: str = "") -> str:
    role = "group" if interactive else "img"
    return (f'<svg class="us-pic{(" " + css) if css else ""}" viewBox="0 0 {width} {height}" '
            f'role="{role}" aria-labelledby="{uid}-t {uid}-d" '
            'xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{uid}-t">{_text(title)}</title><desc id="{uid}-d">{_text(desc)}</desc>')


def count_text(n: int, lang: str = i18n.DEFAULT) -> str:
    return i18n.count(n, "letter", lang)


def _mark(when: str, n: int, lang: str) -> str:
    """A month's or a year's hover text, "March 2024: 5 letters" (escaped here)."""
    return _text(i18n.text("mark_count", lang, when=when, count=count_text(n, lang)))


# ---------------------------------------------------------------- time

@dataclass(frozen=True, slots=True)
class Mark:
    """One letter on a timeline: when, what it is called, where it is."""

    day: date
    title: str
    href: str


class _Axis:
    """Whole years from the first letter's to the last's, mapped onto the width."""

    def __init__(self, days: Iterable[date]) -> None:
        days = list(days)
        self.first = min(days).year
        self.last = max(days).year
        self.start = date(self.first, 1, 1).toordinal()
        self.span = date(self.last + 1, 1, 1).toordinal() - self.start

    def x(self, d: date) -> float:
        return PAD + (d.toordinal() - self.start) / self.span * (WIDTH - 2 * PAD)

    def svg(self, y: float) -> str:
        """The axis line, a tick at each 1 January and the year under its span. One path
        for the line and its ticks, and the years centred by CSS (`.us-pic-axis text`):
        a picture on each of 20,000 signatory pages at 10,000 letters, where a <line> per
        tick and an attribute per year were half of a timeline's bytes."""
        return _axis_svg(self.first, self.last, y)

    def drawn(self, y: float) -> str:
        """`svg` made afresh (`_axis_svg` keeps it: few spans of years recur)."""
        path = [f"M{PAD} {_num(y)}H{WIDTH - PAD}"]
        labels = []
        years = self.last - self.first + 1
        step = 1 if years <= 12 else math.ceil(years / 12)  # labels that fit side by side
        for year in range(self.first, self.last + 2):
            x = self.x(date(year, 1, 1))
            path.append(f"M{_num(x)} {_num(y)}v5")
            if year <= self.last and (year - self.first) % step == 0:
                mid = (x + self.x(date(min(year + step, self.last + 1), 1, 1))) / 2
                labels.append(f'<text x="{_num(mid)}" y="{_num(y + 18)}">{year}</text>')
        return f'<g class="us-pic-axis"><path d="{"".join(path)}"/>{"".join(labels)}</g>'




@functools.lru_cache(maxsize=1024)
def _axis_svg(first: int, last: int, y: float) -> str:
    """The axis of the years `first` to `last` at height `y` (_Axis.svg), made once: every
    timeline draws one, and thousands of them span the same years."""
    return _Axis((date(first, 1, 1), date(last, 1, 1))).drawn(y)


def year_counts(days: Iterable[date]) -> list[tuple[int, int]]:
    """(year, letters) for every year from the first to the last, oldest first."""
    counts = Counter(d.year for d in days)
    if not counts:
        return []
    return [(y, counts[y]) for y in range(min(counts), max(counts) + 1)]


def _columns(axis: _Axis, marks: Sequence[Mark]) -> dict[int, list[Mark]]:
    """Letters by column of the picture (12 units wide), oldest first."""
    columns: dict[int, list[Mark]] = {}
    for m in sorted(marks, key=lambda m: (m.day, m.title, m.href)):
        columns.setdefault(round(axis.x(m.day) / 12), []).append(m)
    return columns


def _dense(marks: Sequence[Mark], columns: dict[int, list[Mark]]) -> bool:
    return len(marks) > MAX_POINTS or max(len(c) for c in columns.values()) > MAX_STACK


def one_point_per_letter(marks: Sequence[Mark]) -> bool:
    """Whether `points_svg` draws each letter as its own point (else by month or year)."""
    # More than MAX_POINTS is dense whatever the columns: not worth sorting them into.
    return (bool(marks) and len(marks) <= MAX_POINTS
            and not _dense(marks, _columns(_Axis(m.day for m in marks), marks)))


def grouping(marks: Sequence[Mark]) -> str:
    """What one point of `points_svg` stands for: "letter", "month" or "year"."""
    if one_point_per_letter(marks):
        return "letter"
    months = {(m.day.year, m.day.month) for m in marks}
    return "month" if len(months) <= MAX_MONTH_POINTS else "year"


def points_svg(marks: Sequence[Mark], uid: str, title: str, desc: str,
               month_href: Callable[[int, int], str] | None = None,
               lang: str = i18n.DEFAULT) -> str:
    """A signatory's letters on a time axis (`points_figure`'s picture)."""
    return points_figure(marks, uid, title, desc, month_href, lang)[0]


def points_figure(marks: Sequence[Mark], uid: str, title: str, desc: str,
                  month_href: Callable[[int, int], str] | None = None,
                  lang: str = i18n.DEFAULT) -> tuple[str, str]:
    """A signatory's letters on a time axis, each a focusable link with its title, and
    what one point stands for (`grouping`: "letter", "month" or "year"), found on the way.

    Up to MAX_POINTS letters (and no more than MAX_STACK in one column), one point per
    letter, stacked where they fall close together. Denser, one point per month (per year
    beyond MAX_MONTH_POINTS months) sized by its count, the count written on it; it links
    to `month_href(year, month)` (month 0: the whole year) when given.
    """
    if not marks:
        return "", grouping(marks)
    axis = _Axis(m.day for m in marks)
    columns = _columns(axis, marks) if len(marks) <= MAX_POINTS else None
    if columns is not None and not _dense(marks, columns):
        height = 40 + 13 * max(len(c) for c in columns.values())
        base = height - 30
        parts = [_open_svg(uid, height, title, desc, True, css="us-pic-time")]
        for col in sorted(columns):
            for level, m in enumerate(columns[col]):
                x, y = axis.x(m.day), base - 9 - 13 * level
                hover = i18n.text("mark_letter", lang, day=i18n.date_text(m.day, lang),
                                  title=m.title)
                parts.append(f"<a href={_attr(m.href)}><title>{_text(hover)}</title><circle "
                             f'cx="{_num(x)}" cy="{_num(y)}" r="5"/></a>')
        parts.append(axis.svg(base))
        parts.append("</svg>")
        return "".join(parts), "letter"

    by_month = Counter((m.day.year, m.day.month) for m in marks)
    if len(by_month) > MAX_MONTH_POINTS:
        bins = Counter({(y, 0): n for y, n in Counter(m.day.year for m in marks).items()})
    else:
        bins = by_month
    biggest = max(bins.values())
    height = 96
    base = height - 30
    parts = [_open_svg(uid, height, title, desc, month_href is not None, css="us-pic-time")]
    for (year, month), n in sorted(bins.items()):
        if month:
            x = (axis.x(date(year, month, 1)) + axis.x(_next_month(year, month))) / 2
            when = i18n.text("month_year", lang, month=i18n.MONTHS[lang][month - 1], year=year)
        else:
            x = (axis.x(date(year, 1, 1)) + axis.x(date(year + 1, 1, 1))) / 2
            when = str(year)
        r = 3 + 13 * math.sqrt(n / biggest)
        y = base - 4 - r
        mark = (f"<title>{_mark(when, n, lang)}</title>"
                f'<circle class="us-pic-many" cx="{_num(x)}" cy="{_num(y)}" '
                f'r="{_num(r)}"/>')
        if r >= 9:  # the count fits inside
            mark += f'<text class="us-pic-count" x="{_num(x)}" y="{_num(y + 4)}">{n}</text>'
        if month_href is not None:
            parts.append(f"<a href={_attr(month_href(year, month))}>{mark}</a>")
        else:
            parts.append(f"<g>{mark}</g>")
    parts.append(axis.svg(base))
    parts.append("</svg>")
    return "".join(parts), "month" if bins is by_month else "year"


def bars_svg(days: Sequence[date], uid: str, title: str, desc: str,
             lang: str = i18n.DEFAULT) -> str:
    """Letters per month (per year over MAX_MONTH_BARS months) as bars; a picture only
    (role="img"): its data is the per-year table beside it, whose years are links."""
    if not days:
        return ""
    axis = _Axis(days)
    months = (axis.last - axis.first + 1) * 12
    if months <= MAX_MONTH_BARS:
        counts = Counter((d.year, d.month) for d in days)
        bins = [((y, m), counts[(y, m)]) for y in range(axis.first, axis.last + 1)
                for m in range(1, 13)]
    else:
        counts = Counter((d.year, 0) for d in days)
        bins = [((y, 0), counts[(y, 0)]) for y in range(axis.first, axis.last + 1)]
    biggest = max(n for _, n in bins)
    height = 130
    base = height - 30
    top = 16
    parts = [_open_svg(uid, height, title, desc, False, css="us-pic-time")]
    for (year, month), n in bins:
        if not n:
            continue
        if month:
            x0, x1 = axis.x(date(year, month, 1)), axis.x(_next_month(year, month))
            when = i18n.text("month_year", lang, month=i18n.MONTHS_SHORT[lang][month - 1],
                             year=year)
        else:
            x0, x1 = axis.x(date(year, 1, 1)), axis.x(date(year + 1, 1, 1))
            when = str(year)
        h = max(1.5, (base - top) * n / biggest)
        w = x1 - x0
        parts.append(f'<rect class="us-pic-bar" x="{_num(x0 + w * 0.1)}" y="{_num(base - h)}" '
                     f'width="{_num(w * 0.8)}" height="{_num(h)}"><title>'
                     f"{_mark(when, n, lang)}</title></rect>")
        if not month or n == biggest:
            parts.append(f'<text class="us-pic-count" x="{_num((x0 + x1) / 2)}" '
                         f'y="{_num(base - h - 4)}">{n}</text>')
    parts.append(axis.svg(base))
    parts.append("</svg>")
    return "".join(parts)


def _next_month(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


# ---------------------------------------------------------------- networks

@dataclass(frozen=True, slots=True)
class Node:
    """A signatory in a network picture: its name, page, and a weight (letters)."""

    name: str
    href: str
    weight: int


def star_svg(center: str, others: Sequence[Node], uid: str, title: str, desc: str,
             relation: tuple[str, str] = ("letter", "letters")) -> str:
    """`center` in the middle, `others` around it in their given order (most first, from
    twelve o'clock, clockwise), each joined by a line as thick as its weight; each other
    node a link named by its label. Deterministic: no simulation.

    The picture sits beside a table of the same names, links and weights (co-signers,
    members), so a node repeats neither: its label is its accessible name, and only a
    label cut short carries the full name as a `<title>`. `relation` words the weights
    in the description a caller writes; it is kept for callers' sake."""
    if not others:
        return ""
    biggest = max(o.weight for o in others)
    edges, nodes = [], []
    n = len(others)
    for i, o in enumerate(others):
        edge, circle, text = _star_spot(i, n)
        edges.append(f'{edge}{_stroke(o.weight, biggest)}"/>')
        label = _short(o.name, 26)
        whole = f"<title>{_text(o.name)}</title>" if label != o.name else ""
        nodes.append(f"<a href={_attr(o.href)}>{whole}{circle}{text}{_text(label)}</text></a>")
    return "".join([
        _open_svg(uid, STAR_HEIGHT, title, desc, True, WIDTH, "us-pic-net"),
        f'<g class="us-pic-edges">{"".join(edges)}</g>',
        _STAR_CENTER, f"{_text(_short(center, 34))}</text>", *nodes, "</svg>"])


# A star's geometry: its size and centre, and the markup of the place of its i-th node of
# n and of a line's width, made once each (the same few places on thousands of pages).
STAR_HEIGHT = 330
_STAR_X, _STAR_Y, _STAR_RADIUS = WIDTH / 2, STAR_HEIGHT / 2, 118
_STAR_CENTER = (f'<circle class="us-pic-center" cx="{_num(_STAR_X)}" cy="{_num(_STAR_Y)}" '
                f'r="11"/><text class="us-pic-center-label" x="{_num(_STAR_X)}" '
                f'y="{_num(_STAR_Y + 26)}">')


@functools.lru_cache(maxsize=4096)
def _star_spot(i: int, n: int) -> tuple[str, str, str]:
    """The i-th of n nodes around a star's centre (from twelve o'clock, clockwise): the
    start of its line (up to its width), its circle, and its label's opening tag."""
    angle = -math.pi / 2 + 2 * math.pi * i / n
    c, s = math.cos(angle), math.sin(angle)
    x, y = _STAR_X + _STAR_RADIUS * c, _STAR_Y + _STAR_RADIUS * s
    # "start" is SVG's default: left out, a few bytes on each of thousands of pages.
    anchor = ("" if c > 0.2 else ' text-anchor="end"' if c < -0.2
              else ' text-anchor="middle"')
    lx = x + 10 * c
    ly = y + 14 * s + 4 + (6 if abs(c) <= 0.2 and s > 0 else 0)
    return (f'<path d="M{_num(_STAR_X)} {_num(_STAR_Y)} {_num(x)} {_num(y)}" stroke-width="',
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="7"/>',
            f'<text x="{_num(lx)}" y="{_num(ly)}"{anchor}>')


@functools.lru_cache(maxsize=4096)
def _stroke(weight: int, biggest: int) -> str:
    """A star's line width for `weight` of the biggest weight `biggest`."""
    return _num(1 + 5 * weight / biggest)


@dataclass(frozen=True)
class NetworkMap:
    """The most connected signatories and the letters each pair signed together."""

    nodes: tuple[tuple[str, int, int], ...]  # (id, co-signing degree, letters), most first
    edges: tuple[tuple[str, str, int], ...]  # (id, id, letters together), most first


def network_map(letters_of: dict[str, Sequence[str]], eligible: Iterable[str],
                nodes: int = MAP_NODES, edges: int = MAP_EDGES) -> NetworkMap:
    """The `nodes` eligible signatories with the highest co-signing degree, and the
    `edges` strongest pairs among them.

    Co-signing degree: co-signatures over all its letters (a letter signed by 30 of
    `letters_of` gives each of them 29), from the letters' sizes alone, one pass over the
    signatures. Pairs
    among the few chosen come from bit sets of their letters (one AND and a popcount per
    pair), so the map costs little at 10,000 letters. Ties go by id.
    """
    letter_sizes = Counter(lid for ids in letters_of.values() for lid in ids)
    degree = {sid: sum(letter_sizes[lid] - 1 for lid in letters_of[sid])
              for sid in eligible if letters_of.get(sid)}
    chosen = sorted((sid for sid, d in degree.items() if d > 0),
                    key=lambda s: (-degree[s], s))[:nodes]
    index: dict[str, int] = {}
    bits = {}
    for sid in chosen:
        mask = 0
        for lid in letters_of[sid]:
            mask |= 1 << index.setdefault(lid, len(index))
        bits[sid] = mask
    pairs = []
    for i, a in enumerate(chosen):
        for b in chosen[i + 1:]:
            n = (bits[a] & bits[b]).bit_count()
            if n:
                pairs.append((-n, a, b))
    pairs.sort()
    return NetworkMap(
        nodes=tuple((sid, degree[sid], len(letters_of[sid])) for sid in chosen),
        edges=tuple((a, b, -n) for n, a, b in pairs[:edges]))


def map_svg(m: NetworkMap, names: dict[str, str], hrefs: dict[str, str], uid: str,
            title: str, desc: str, lang: str = i18n.DEFAULT) -> str:
    """The map on a circle: nodes in degree order clockwise from twelve o'clock, sized by
    degree, labels outward; edges as chords, thicker and darker with more letters."""
    if not m.nodes:
        return ""
    size = 840
    c, radius = size / 2, 230
    where = {}
    biggest = max(d for _, d, _ in m.nodes)
    nodes = []
    for i, (sid, deg, letters) in enumerate(m.nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / len(m.nodes)
        co, si = math.cos(angle), math.sin(angle)
        x, y = c + radius * co, c + radius * si
        where[sid] = (x, y)
        r = 4 + 6 * math.sqrt(deg / biggest)
        # Labels read outward along the radius, never upside down.
        deg_angle = math.degrees(angle)
        lx, ly = c + (radius + r + 6) * co, c + (radius + r + 6) * si
        if co >= 0:
            rot, anchor = deg_angle, "start"
        else:
            rot, anchor = deg_angle + 180, "end"
        node = i18n.text("map_node", lang, name=names[sid], count=count_text(letters, lang),
                         degree=i18n.number(deg, lang))
        nodes.append(f"<a href={_attr(hrefs[sid])}><title>{_text(node)}</title>"
                     f'<circle cx="{_num(x)}" cy="{_num(y)}" '
                     f'r="{_num(r)}"/><text x="{_num(lx)}" y="{_num(ly + 4)}" '
                     f'text-anchor="{anchor}" transform="rotate({_num(rot)} {_num(lx)} '
                     f'{_num(ly)})">{_text(_short(names[sid], 24))}</text></a>')
    heaviest = max((n for _, _, n in m.edges), default=1)
    lines = []
    for a, b, n in m.edges:
        (x1, y1), (x2, y2) = where[a], where[b]
        share = n / heaviest
        lines.append(f'<path d="M{_num(x1)} {_num(y1)} {_num(x2)} {_num(y2)}" '
                     f'stroke-width="{_num(0.6 + 3.4 * share)}" '
                     f'stroke-opacity="{_num(0.25 + 0.55 * share)}"/>')
    return "".join([_open_svg(uid, size, title, desc, True, size, "us-pic-map"),
                    f'<g class="us-pic-edges">{"".join(lines)}</g>', *nodes, "</svg>"])
