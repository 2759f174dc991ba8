"""Read a letter's PDF into plain text in the shape the text importer reads.

Pure: bytes in, text and diagnostics out; nothing is written and nothing raises.
pdfminer.six gives the characters and their boxes; the layout is ours, because
sign-on letters need what general text extraction does not promise: a list in
two or three columns read down each column, a numbered table read row by row
with its cells apart (joined by a TAB), stacked name/title/organization blocks
as one line each, running headers, footers and page numbers dropped, and
footnotes taken out of the list and kept at the end as Markdown definitions.

The steps, one function each: characters -> rows (a baseline on a page) ->
segments (runs of a row split at wide gaps) -> running headers and footers
dropped -> footnotes taken out -> zones (rows of one layout, between vertical
gaps) -> columns of a zone -> lines, with wrapped names and prose joined.

A known limit: in a list with no room between its entries, an entry that fills its line
followed by one whose first word would not have fit there looks exactly like a name
wrapped onto a second line, and is read as one (the corpus letter 16-two-columns-tight).
Room between entries, a lower-case or connecting word at the wrap, numbers or bullets
tell them apart.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import statistics
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .models import Diagnostic

# A 500-page PDF is not a letter; refusing early bounds the time import takes.
MAX_PAGES = 200
# Reading stops past this many seconds, whatever the page count (a pathological page).
MAX_SECONDS = 60.0

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Ligatures, and the private-use code points some fonts (Adobe's, Liberation) give them.
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st", "\uf001": "fi", "\uf002": "fl"}
_BULLET = re.compile(r"^[•·▪◦‣\-–*]\s")
_NUMBER = re.compile(r"^\d{1,4}[.)]?$")
_NUMBERED = re.compile(r"^(\d{1,4})[.)]?\s+(\S.*)$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|(?:page|p\.|p[áa]gina|p[áa]g\.)\s*\d{1,4}"
    r"(?:\s*(?:of|de|/)\s*\d{1,4})?|\d{1,4}\s*(?:/|of|de)\s*\d{1,4})$", re.IGNORECASE)
_FOOTNOTE_LABEL = re.compile(r"^(\d{1,3})(?:[.)]?\s+)")
# A reference placeholder inside the text until we know which footnotes exist.
_REF = "\x00"


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    space_before: bool = False
    sup: bool = False


@dataclass
class _Seg:
    """A run of characters of one row with no wide gap inside: a word group."""

    chars: list[_Char]
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False
    text: str = ""

    def __post_init__(self) -> None:
        normal = [c for c in self.chars if not c.sup] or self.chars
        self.x0 = min(c.x0 for c in self.chars)
        self.x1 = max(c.x1 for c in self.chars)
        self.top = min(c.top for c in normal)
        self.bottom = max(c.bottom for c in normal)
        self.size = Counter(round(c.size, 1) for c in normal).most_common(1)[0][0]
        self.bold = sum(c.bold for c in normal) > len(normal) / 2
        self.text = _render(self.chars)

    def space_width(self) -> float:
        """The width of a space between two words of this segment, as printed."""
        gaps = [c.x0 - prev.x1 for prev, c in zip(self.chars, self.chars[1:], strict=False)
                if c.space_before and c.x0 > prev.x1]
        return statistics.median(gaps) if gaps else 0.3 * self.size

    def first_word_width(self) -> float:
        end = self.chars[0].x1
        for c in self.chars[1:]:
            if c.space_before:
                break
            end = c.x1
        return end - self.x0


@dataclass
class _Row:
    segs: list[_Seg]
    page: int = 0

    @property
    def top(self) -> float:
        return min(s.top for s in self.segs)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segs)

    @property
    def size(self) -> float:
        return max(s.size for s in self.segs)

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segs)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segs)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segs)


@dataclass
class _Line:
    """One output line in the making, with what joining needs to know."""

    text: str
    x0: float
    x1: float
    size: float
    bold: bool
    first_word: float
    top: float
    bottom: float
    space: float = 0.0


@dataclass
class PdfText:
    """What reading a PDF gave: the text, and figures about what was taken out."""

    text: str
    pages: int
    dropped: list[str] = field(default_factory=list)
    footnotes: int = 0


def _render(chars: list[_Char]) -> str:
    out: list[str] = []
    i = 0
    while i < len(chars):
        c = chars[i]
        if c.space_before and out:
            out.append(" ")
        if c.sup and c.text.isdigit():
            j = i
            digits = ""
            while j < len(chars) and chars[j].sup and chars[j].text.isdigit():
                digits += chars[j].text
                j += 1
            out.append(f"{_REF}{digits}{_REF}")
            i = j
            continue
        out.append(c.text)
        i += 1
    return "".join(out)


def _clean(text: str) -> str:
    text = "".join(_LIGATURES.get(ch, ch) for ch in text)
    return text.translate(_ZERO_WIDTH)


# --- characters to rows ---------------------------------------------------------------


def _page_chars(layout, height: float) -> list[_Char]:
    from pdfminer.layout import LTAnno, LTChar

    chars: list[_Char] = []
    space = False
    space_x = 0.0

    def walk(obj) -> None:
        nonlocal space, space_x
        for child in obj:
            if isinstance(child, LTChar):
                text = _clean(child.get_text())
                if not text or text.isspace():
                    space, space_x = True, (child.x0 + child.x1) / 2
                    continue
                # A space glyph the next letter overprints is no space (Chromium prints an
                # unbroken soft hyphen so).
                if space and child.x0 < space_x:
                    space = False
                bold = "bold" in child.fontname.lower() or "black" in child.fontname.lower()
                size = child.size or (child.y1 - child.y0)
                chars.append(_Char(text, child.x0, child.x1, height - child.y1,
                                   height - child.y0, size, bold, space))
                space = False
            elif isinstance(child, LTAnno):
                space, space_x = True, -1e9
            elif hasattr(child, "__iter__"):
                walk(child)

    walk(layout)
    return chars


def _rows(chars: list[_Char], page: int) -> list[_Row]:
    """Group characters by baseline; a small raised digit joins the row it sits on."""
    if not chars:
        return []
    by_line: list[list[_Char]] = []
    for c in sorted(chars, key=lambda c: ((c.top + c.bottom) / 2, c.x0)):
        centre = (c.top + c.bottom) / 2
        for line in reversed(by_line[-4:]):
            anchor = line[0]
            if anchor.top - 0.5 <= centre <= anchor.bottom + 0.5 and abs(
                    anchor.size - c.size) < 0.3 * max(anchor.size, c.size):
                line.append(c)
                break
        else:
            by_line.append([c])
    # Lines of small characters overlapping a line of bigger ones are its superscripts.
    main = [ln for ln in by_line if not _is_small_over(ln, by_line)]
    for ln in by_line:
        if any(ln is m for m in main):
            continue
        host = _host(ln, main)
        for c in ln:
            c.sup = True
        host.extend(ln)
    rows = []
    for ln in main:
        _mark_raised(ln)
        ln.sort(key=lambda c: c.x0)
        rows.append(_Row(_segments(ln), page))
    rows.sort(key=lambda r: (r.top, r.x0))
    return rows


def _mark_raised(line: list[_Char]) -> None:
    """Mark the smaller characters raised above the line's baseline: superscripts."""
    size = Counter(round(c.size, 1) for c in line).most_common(1)[0][0]
    base = statistics.median(c.bottom for c in line if round(c.size, 1) == size)
    for c in line:
        if c.size <= 0.9 * size and c.bottom < base - 0.15 * size:
            c.sup = True


def _is_small_over(line: list[_Char], lines: list[list[_Char]]) -> bool:
    size = max(c.size for c in line)
    return any(other is not line and max(c.size for c in other) * 0.8 >= size
               and _host(line, [other]) is other and _overlap(line, other) > 0.3
               for other in lines)


def _overlap(a: list[_Char], b: list[_Char]) -> float:
    top = max(min(c.top for c in a), min(c.top for c in b))
    bottom = min(max(c.bottom for c in a), max(c.bottom for c in b))
    height = min(max(c.bottom for c in a) - min(c.top for c in a), 1e9) or 1.0
    ax0, ax1 = min(c.x0 for c in a), max(c.x1 for c in a)
    bx0, bx1 = min(c.x0 for c in b), max(c.x1 for c in b)
    if ax0 > bx1 + 3 * a[0].size or ax1 < bx0 - 3 * a[0].size:
        return 0.0
    return max(0.0, bottom - top) / height


def _host(line: list[_Char], candidates: list[list[_Char]]) -> list[_Char]:
    return max(candidates, key=lambda o: _overlap(line, o))


def _segments(chars: list[_Char]) -> list[_Seg]:
    """Split a row where the gap between two characters is wider than a wide space; but
    not a justified line, whose spaces are all stretched alike."""
    gaps = [c.x0 - prev.x1 for prev, c in zip(chars, chars[1:], strict=False)]
    wide = [g for g, prev, c in zip(gaps, chars, chars[1:], strict=False)
            if g > 0.6 * min(prev.size, c.size)]
    # Every space of a justified line is stretched alike; a table's row keeps the plain
    # spaces inside its cells.
    plain = [g for g, prev, c in zip(gaps, chars, chars[1:], strict=False)
             if 0.12 * min(prev.size, c.size) < g <= 0.6 * min(prev.size, c.size)]
    justified = len(wide) >= 3 and max(wide) < 1.6 * min(wide) and len(plain) <= len(wide) / 4
    segs: list[list[_Char]] = [[chars[0]]]
    for gap, prev, c in zip(gaps, chars, chars[1:], strict=False):
        size = min(prev.size, c.size)
        if gap > 0.6 * size and not justified:
            segs.append([c])
            continue
        if gap > 0.12 * size and not c.space_before:
            c.space_before = True
        segs[-1].append(c)
    for s in segs:
        s[0].space_before = False
    return [_Seg(s) for s in segs]


# --- running headers, footers and page numbers -----------------------------------------


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.replace(_REF, ""))).strip().lower()


def _drop_running(pages: list[list[_Row]], heights: list[float]) -> list[str]:
    """Remove rows at the top or bottom of a page that repeat on other pages at the
    same place, and page numbers there; return their texts."""
    def edges(rows: list[_Row], height: float) -> list[_Row]:
        """The rows of the page's top and bottom margins: near the edge, and set off from
        the text by a gap (a number beside a table's last row is no page number)."""
        top = [r for r in rows[:3] if r.bottom < 0.15 * height]
        bottom = [r for r in rows[-3:] if r.top > 0.85 * height]
        while top and len(rows) > len(top) and rows[len(top)].top - top[-1].bottom < (
                0.8 * top[-1].size):
            top.pop()
        first = len(rows) - len(bottom)
        while bottom and first > 0 and bottom[0].top - rows[first - 1].bottom < (
                0.8 * bottom[0].size):
            bottom.pop(0)
            first += 1
        return top + bottom

    seen: dict[str, list[tuple[int, float]]] = {}
    for p, rows in enumerate(pages):
        for r in edges(rows, heights[p]):
            seen.setdefault(_key(r.text), []).append((p, r.top))
    dropped: list[str] = []
    for p, rows in enumerate(pages):
        gone = []
        for r in edges(rows, heights[p]):
            places = seen[_key(r.text)]
            repeated = len({q for q, top in places if abs(top - r.top) < 0.03 * heights[p]}) >= 2
            number = _PAGE_NUMBER.match(r.text.replace(_REF, "").strip())
            # A header's first showing on the first page is the head of the letter (a date
            # or title printed top right on every page): kept there, once.
            head = p == 0 and r.bottom < 0.15 * heights[p]
            if number or repeated and not head:
                gone.append(r)
        for r in gone:
            rows.remove(r)
            dropped.append(r.text.replace(_REF, ""))
    return dropped


# --- footnotes -------------------------------------------------------------------------


def _references(rows: list[_Row]) -> set[int]:
    found = set()
    for r in rows:
        for m in re.finditer(_REF + r"(\d+)" + _REF, r.text):
            if not r.text.startswith(m.group(0)):
                found.add(int(m.group(1)))
    return found


def _take_footnotes(pages: list[list[_Row]], body: float) -> dict[int, str]:
    """Take the footnotes out of each page's foot: a run of rows smaller than the body
    at the bottom, from the first row labelled with a number cited in the text (a raised
    reference) down; a run at the top of the next page's foot with no label continues
    the last footnote."""
    notes: dict[int, str] = {}
    refs: set[int] = set()
    last: int | None = None
    for rows in pages:
        refs |= _references(rows)
        run = 0
        while run < len(rows) and rows[len(rows) - 1 - run].size <= 0.93 * body:
            run += 1
        foot = rows[len(rows) - run:]
        start = None
        for i, r in enumerate(foot):
            if _note_label(r.text, last, notes, refs) is not None:
                start = i
                break
        if start is None:
            continue
        taken = foot[start:]
        cont = foot[:start]
        page_notes: dict[int, str] = {}
        current: int | None = None
        for r in taken:
            after = current if current is not None else last
            label = _note_label(r.text, after, notes, refs)
            if label is not None:
                current = label
                page_notes[current] = _FOOTNOTE_LABEL.sub("", _strip_label(r.text), count=1)
                continue
            numbered = _label(r.text)
            if numbered is not None and after is not None and numbered == after + 1:
                # Numbered on beyond what the text cites: a numbered list in small print,
                # not footnotes; the page keeps its rows.
                page_notes = {}
                break
            page_notes[current] = _join_words([page_notes[current], r.text])
        if not page_notes:
            continue
        # Unlabelled small rows just above the first note continue the last footnote of
        # the previous page, when that page ended with one and they read as prose (long
        # lines in one column, not a list).
        if cont and last is not None and last in notes and _prose(cont):
            notes[last] = _join_words([notes[last]] + [r.text for r in cont])
            taken = cont + taken
        notes.update(page_notes)
        last = current
        for r in taken:
            rows.remove(r)
    return notes


def _prose(rows: list[_Row]) -> bool:
    """Rows of running text: in one column, most of them running most of the way across
    (a list's entries are mostly short)."""
    if _column_starts(rows):
        return False
    left, right = min(r.x0 for r in rows), max(r.x1 for r in rows)
    return sum(r.x1 - r.x0 >= 0.7 * (right - left) for r in rows) >= 0.6 * len(rows)


def _note_label(text: str, after: int | None, notes: dict[int, str], refs: set[int]
                ) -> int | None:
    """The number of the footnote this row starts, if it starts one: a number the text
    cites (as a raised reference). Footnotes are numbered upwards: a number at or below the
    last one is only a number that starts a line ("6-7 (March 2018)" ending a note)."""
    label = _label(text)
    if label is None or label in notes or after is not None and label <= after:
        return None
    return label if label in refs else None


def _strip_label(text: str) -> str:
    if text.startswith(_REF):
        end = text.index(_REF, 1)
        return text[1:end] + " " + text[end + 1:].lstrip()
    return text


def _label(text: str) -> int | None:
    m = _FOOTNOTE_LABEL.match(_strip_label(text))
    return int(m.group(1)) if m else None


def _join_words(parts: list[str]) -> str:
    out = parts[0].strip()
    for part in parts[1:]:
        part = part.strip()
        if not part:
            continue
        if out.endswith("-") or out.endswith("/"):
            out += part
        else:
            out += " " + part
    return out


# --- zones and columns ---------------------------------------------------------------


def _crosses(seg: _Seg, x: float) -> bool:
    """Does the segment run across x? Not if one of its words starts there: a name set
    close to the next column's number is two cells."""
    return seg.x0 < x - 1.0 and seg.x1 > x + 0.5 and not any(
        c.space_before and abs(c.x0 - x) < 1.5 for c in seg.chars)


def _column_starts(rows: list[_Row]) -> list[float]:
    """x positions where a column starts: segment left edges aligned in two rows or
    more (or, in a one-row zone, after a gap of more than one and a half em), that
    no segment of the zone crosses."""
    segs = [s for r in rows for s in r.segs]
    lefts: list[float] = []
    margin = min(s.x0 for s in segs)
    for r in rows:
        for prev, s in zip([None, *r.segs], r.segs, strict=False):
            if len(rows) > 1 and s.x0 > margin + 1.0 or prev is not None and (
                    s.x0 - prev.x1 > 1.5 * s.size):
                lefts.append(s.x0)
    lefts.sort()
    starts: list[float] = []
    i = 0
    while i < len(lefts):
        j = i
        while j + 1 < len(lefts) and lefts[j + 1] - lefts[i] < 2.0:
            j += 1
        support = j - i + 1
        x = lefts[i]
        if (support >= 2 or len(rows) == 1) and not any(_crosses(s, x) for s in segs):
            starts.append(x)
        i = j + 1
    return starts


def _zones(rows: list[_Row]) -> list[list[_Row]]:
    """Cut a page's rows into zones at vertical gaps wider than most of a line, and where a
    full-width row meets rows in columns."""
    zones: list[list[_Row]] = []
    for r in rows:
        if zones:
            zone = zones[-1]
            last = zone[-1]
            gap = r.top - max(z.bottom for z in zone[-2:])
            size = min(r.size, last.size)
            starts = _column_starts(zone) if len(zone) > 1 else []
            r.segs = [piece for seg in r.segs for piece in _split_at(seg, starts)]
            crosses = any(_crosses(s, x) for x in starts for s in r.segs)
            wide = [s.x0 for p, s in zip(r.segs, r.segs[1:], strict=False)
                    if s.x0 - p.x1 > 1.5 * s.size]
            # A row in two columns after rows that run across its gutter starts a zone.
            splits = any(_crosses(s, x) for x in wide for z in zone
                         for s in z.segs)
            gaps = [b.top - a.bottom for a, b in zip(zone, zone[1:], strict=False)]
            # A blank line breaks a zone; in a zone spaced more widely (a table, a list with
            # room between entries) it takes a gap wider than the zone's own.
            limit = max(0.8 * size, 1.5 * statistics.median(gaps)) if gaps else 0.8 * size
            if gap <= limit and not crosses and not splits:
                zone.append(r)
                continue
        zones.append([r])
    return _merge_row_zones(zones)


def _split_at(seg: _Seg, starts: list[float]) -> list[_Seg]:
    """Split a segment at a column start that falls on one of its word boundaries: a
    name printed close to the next column's number is two cells."""
    cuts = [i for i, c in enumerate(seg.chars) if i and c.space_before
            and any(abs(c.x0 - x) < 1.5 for x in starts)]
    if not cuts:
        return [seg]
    pieces = []
    for a, b in zip([0] + cuts, cuts + [len(seg.chars)], strict=False):
        chars = seg.chars[a:b]
        chars[0].space_before = False
        pieces.append(_Seg(chars))
    return pieces


def _places(zone: list[_Row]) -> int:
    """At how many places across the page the zone's lines start (its columns, roughly)."""
    lefts = sorted(s.x0 for r in zone for s in r.segs)
    return 1 + sum(b - a >= 2 * min(r.size for r in zone) for a, b in zip(lefts, lefts[1:],
                                                                          strict=False))


def _merge_row_zones(zones: list[list[_Row]]) -> list[list[_Row]]:
    """Put back together the rows of a table (or of a list in columns with room between
    its entries) that the room between rows cut into zones: zones in columns less than a
    line apart (a grid of signature blocks leaves a blank line between its rows)."""
    out: list[list[_Row]] = []
    for zone in zones:
        if out and _places(out[-1]) >= 2 and _places(zone) >= 2:
            merged = out[-1] + zone
            size = min(r.size for r in merged)
            gap = zone[0].top - max(r.bottom for r in out[-1])
            starts = _column_starts(merged)
            crossed = any(_crosses(s, x) for r in merged for s in r.segs
                          for x in starts)
            if gap <= 1.2 * size and starts and not crossed:
                out[-1] = merged
                continue
        out.append(zone)
    return out


def _columns(zone: list[_Row]) -> list[list[_Seg]]:
    starts = _column_starts(zone)
    for r in zone:
        r.segs = [piece for seg in r.segs for piece in _split_at(seg, starts)]
    cols: list[list[_Seg]] = [[] for _ in range(len(starts) + 1)]
    for r in zone:
        for s in r.segs:
            j = sum(1 for x in starts if s.x0 >= x - 1.0)
            cols[j].append(s)
    return [c for c in cols if c]


def _col_rows(col: list[_Seg]) -> list[_Line]:
    """The lines of one column: segments on one baseline joined by a space."""
    col = sorted(col, key=lambda s: (s.top, s.x0))
    groups: list[list[_Seg]] = []
    for s in col:
        if groups and s.top < groups[-1][0].bottom - 0.4 * s.size:
            groups[-1].append(s)
        else:
            groups.append([s])
    lines = []
    for g in groups:
        g.sort(key=lambda s: s.x0)
        lines.append(_Line(" ".join(s.text for s in g), g[0].x0, max(s.x1 for s in g),
                           max(s.size for s in g), g[0].bold, g[0].first_word_width(),
                           min(s.top for s in g), max(s.bottom for s in g),
                           g[-1].space_width()))
    return lines


# --- joining wrapped lines -----------------------------------------------------------


def _join_pair(a: str, b: str) -> str:
    """Join a line with its wrapped continuation; a hyphen at the wrap stays only when it
    is part of the name (a capital or digit follows it)."""
    a = a.rstrip()
    b = b.lstrip()
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha():
        if b[:1].isupper() or b[:1].isdigit():
            return a + b
        return a[:-1] + b
    if a.endswith(("/", "\u2013", "\u2014")):
        return a + b
    return a + " " + b


def _wraps(prev: _Line, line: _Line, right: float, pitch: float | None,
           first: bool = False) -> bool:
    """Is `line` the continuation of `prev`? Yes when its first word would not have fit
    at the end of `prev` (so the line broke for want of room), when it starts in lower
    case, or when it is indented under a bullet; never across a change of font size."""
    if abs(prev.size - line.size) > 0.5 or prev.bold != line.bold:
        return False
    if line.top - prev.bottom > 0.8 * line.size or prev.text.rstrip().endswith(":"):
        return False  # a blank line, or a label ("Signed by:") before what it announces
    if (_BULLET.match(line.text) or re.match(r"^\d{1,4}[.)]\s", line.text)) and (
            line.x0 <= prev.x0 + 1):
        return False
    if _BULLET.match(prev.text) and line.x0 > prev.x0 + 0.5 * line.size:
        return True
    if line.x0 > prev.x0 + 0.5 * line.size and not _NUMBERED.match(prev.text):
        return False
    if line.x0 < prev.x0 - 4 * line.size:
        return False  # after a line set right or centred (a dateline, a title)
    full = prev.x1 > prev.x0 + 0.6 * (right - prev.x0)
    told = line.text[:1].islower() and full or prev.text.endswith(
        ("-", "&", " and", " y", " de", " of", " the", " for", "/"))
    broke = told or prev.x1 + prev.space + line.first_word > right + 0.25
    if pitch is not None and pitch > 0:
        # Entries further apart than a name's wrapped lines: closer means wrapped (after
        # a column's first line, when no other line is as close, only if the line had to
        # break there: the first may be a heading set closer).
        return line.top - prev.top < pitch and (broke or not first)
    if pitch is not None:
        # Every line a line and a half apart or more: room between entries, none wrapped.
        return told
    return broke


def _entry_pitch(lines: list[_Line], wider: int = 2, room: float = 2.0) -> float | None:
    """Where a column's lines come at two spacings (a name wrapped close, entries further
    apart), the spacing between the two; None where the spacing is even."""
    steps = sorted(b.top - a.top for a, b in zip(lines, lines[1:], strict=False)
                   if abs(a.size - b.size) < 0.5 and b.top - a.bottom <= room * b.size)
    if not steps or steps[0] <= 0:
        return None
    if len(steps) == 1:
        steps = steps * 2
    if steps[-1] / steps[0] > 1.12:
        # The first jump up from the closest steps (a wrapped name's lines): a table adds
        # a third spacing, the row after a wrapped cell, that is no wrap either.
        middle = next(((a + b) / 2 for a, b in zip(steps, steps[1:], strict=False)
                       if b > 1.08 * a), steps[-1])
        # One wider step alone is no evidence of room between entries (it is often the
        # step to what follows the list); one narrower step alone is one wrapped name.
        if sum(step > middle for step in steps) >= wider:
            return middle
    # Even spacing of more than a line and a half: entries with room between them, so
    # no line is a wrapped one (0 says so).
    size = statistics.median(ln.size for ln in lines)
    return 0.0 if statistics.median(steps) >= 1.5 * size else None


def _join_lines(lines: list[_Line], right: float) -> list[str]:
    out: list[_Line] = []
    pitch = _entry_pitch(lines)
    # A column whose only close step is its first: a heading set closer, not a wrap.
    closer = sum(b.top - a.top < pitch for a, b in zip(lines, lines[1:], strict=False)
                 ) if pitch else 0
    for i, line in enumerate(lines):
        if out and _wraps(out[-1], line, right, pitch, i == 1 and closer < 2):
            prev = out[-1]
            prev.text = _join_pair(prev.text, line.text)
            prev.x1 = line.x1
            prev.top, prev.bottom = line.top, line.bottom
        else:
            out.append(_Line(**vars(line)))
    return [ln.text for ln in out]


# --- tables --------------------------------------------------------------------------


def _numeric_kind(lines: list[_Line]) -> str | None:
    texts = [ln.text.replace(_REF, "") for ln in lines]
    if not texts:
        return None
    if sum(bool(_NUMBER.match(t)) for t in texts) >= 0.7 * len(texts):
        return "number"
    nums = [int(m.group(1)) for t in texts if (m := _NUMBERED.match(t))]
    if len(nums) >= 0.7 * len(texts) and len(nums) >= 3 and all(
            b > a for a, b in zip(nums, nums[1:], strict=False)):
        return "prefixed"
    return None


def _table(cols: list[list[_Line]]) -> list[list[str]] | None:
    """A numbered table: rows of (number, cells...). Each column holding numbers starts a
    group (number | name | country, or number | name pairs side by side); a line with no
    number continues the row above. None when the zone is no numbered table."""
    kinds = [_numeric_kind(c) for c in cols]
    if not kinds or kinds[0] is None or len(cols) < 2 and kinds[0] != "prefixed":
        return None
    groups: list[list[int]] = []
    for i, kind in enumerate(kinds):
        if kind is not None or not groups:
            groups.append([i])
        else:
            groups[-1].append(i)
    table: list[list[str]] = []
    headers: list[str] = []
    for group in groups:
        first = cols[group[0]]
        rows: list[tuple[float, float, list[str]]] = []
        header: list[str] = []
        prefixed = kinds[group[0]] == "prefixed"
        numbered_x0 = 0.0
        for ln in first:
            text = ln.text.replace(_REF, "")
            if prefixed and (m := _NUMBERED.match(text)):
                rows.append((ln.top, ln.bottom, [m.group(1), _after_number(ln.text)]))
                numbered_x0 = ln.x0
            elif not prefixed and _NUMBER.match(text):
                rows.append((ln.top, ln.bottom, [text.rstrip(".)")]))
            elif not rows:
                header.append(ln.text)
            elif prefixed and len(rows[-1][2]) > 1 and (
                    ln.x0 > numbered_x0 + 0.5 * ln.size or ln.text[:1].islower()):
                # A name wrapped under itself, indented past its number.
                cells = rows[-1][2]
                cells[1] = _join_pair(cells[1], ln.text)
            else:
                # Anything else (a heading inside the list) stays a line of its own.
                rows.append((ln.top, ln.bottom, [ln.text]))
        if not any(len(r[2]) > 1 or _NUMBER.match(r[2][0]) for r in rows):
            return None
        width = (2 if prefixed else 1) + len(group) - 1
        for _top, _bottom, cells in rows:
            if len(cells) > 1 or _NUMBER.match(cells[0]):
                cells.extend([""] * (width - len(cells)))
        offset = 2 if prefixed else 1
        cell_rows = [r for r in rows if len(r[2]) > 1 or _NUMBER.match(r[2][0])]
        for k, ci in enumerate(group[1:]):
            _place(_cells(cols[ci]), cell_rows, offset + k, header)
        headers.extend(header)
        table.extend(r[2] for r in rows)
    numbers = [int(r[0]) if r[0].isdigit() else None for r in table]
    if None not in numbers and len(set(numbers)) == len(numbers):
        # Numbered down each column or across each row: printed order is the numbers'.
        table.sort(key=lambda r: int(r[0]))
    return [[" ".join(headers)]] * bool(headers) + [[c.strip() for c in r] for r in table]


def _cells(lines: list[_Line]) -> list[list[_Line]]:
    """A table column's lines grouped into cells: lines closer together than the rows
    are (the cell's padding) make one cell. (A table's rows are all evidence, however far
    apart: one step between rows is enough to tell them from a cell's lines.)"""
    pitch = _entry_pitch(lines, wider=1, room=1e9)
    cells: list[list[_Line]] = []
    for ln in lines:
        if cells and pitch and ln.top - cells[-1][-1].top < pitch and (
                ln.bold == cells[-1][-1].bold):
            cells[-1].append(ln)
        else:
            cells.append([ln])
    return cells


def _row_of(cell: list[_Line], rows: list[tuple[float, float, list[str]]]):
    """The table row a cell belongs to: the one whose number is beside it (on its first
    line, or centred on it), else the last row above it (a name wrapped under its number);
    False when two numbers are beside it, None when no row is above it."""
    size = cell[0].size
    beside = [r for r in rows
              if cell[0].top - 0.3 * size <= (r[0] + r[1]) / 2 <= cell[-1].bottom + 0.3 * size]
    if len(beside) == 1:
        return beside[0]
    if len(beside) > 1:
        if len(cell) == 1:
            centre = (cell[0].top + cell[0].bottom) / 2
            return min(beside, key=lambda r: abs((r[0] + r[1]) / 2 - centre))
        return False
    above = [r for r in rows if r[0] <= cell[0].top + 0.4 * size]
    below = [r for r in rows if r[0] > cell[0].top + 0.4 * size]
    centre = (cell[0].top + cell[-1].bottom) / 2
    to_below = (below[0][0] + below[0][1]) / 2 - centre if below else 1e9
    to_above = centre - (above[-1][0] + above[-1][1]) / 2 if above else 1e9
    if to_below < 0.8 * size and to_below < 0.6 * to_above:
        # The first line of a name centred on its number, which sits below it.
        return below[0]
    return above[-1] if above else None


def _unnumbered_table(cols: list[list[_Line]]) -> list[list[str]] | None:
    """A table with no number column (organization | country): rows of cells, or None.
    Columns side by side are a table, not a list in columns, when they are headed by a
    bold row, or when a column beside the names repeats its values (countries, sectors);
    and then when most names have a cell beside them on their baseline."""
    if not 2 <= len(cols) <= 4 or min(len(c) for c in cols) < 4:
        return None
    first = cols[0]

    def partner(ln: _Line, col: list[_Line]) -> _Line | None:
        return next((o for o in col if abs(o.top - ln.top) < 0.4 * ln.size), None)

    headed = all(c[0].bold for c in cols) and not any(ln.bold for c in cols for ln in c[1:]) \
        and all(partner(first[0], c) for c in cols[1:])
    repeats = any(len({ln.text for ln in c}) <= 0.6 * len(c) for c in cols[1:])
    if not headed and not repeats:
        return None
    body = first[1:] if headed else first
    others = cols[1][1:] if headed else cols[1]

    def beside(cell: list[_Line]) -> bool:
        size = cell[0].size
        return any(cell[0].top - 0.3 * size <= (o.top + o.bottom) / 2
                   <= cell[-1].bottom + 0.3 * size for o in others)

    # A name and the cells beside it: on its first line, or centred on its lines.
    names = _cells(body)
    anchored = [beside(cell) for cell in names]
    if sum(anchored) < 4 or sum(anchored) < 0.6 * len(names):
        return None
    rows: list[tuple[float, float, list[str]]] = []
    header = [" ".join(c[0].text for c in cols)] if headed else []
    for cell, anchor in zip(names, anchored, strict=True):
        text = cell[0].text
        for ln in cell[1:]:
            text = _join_pair(text, ln.text)
        if anchor or not rows:
            rows.append((cell[0].top, cell[-1].bottom, [text] + [""] * (len(cols) - 1)))
        else:
            rows[-1][2][0] = _join_pair(rows[-1][2][0], text)
    for k, col in enumerate(cols[1:], 1):
        _place(_cells(col[1:] if headed else col), rows, k, header)
    return [header] * bool(header) + [r[2] for r in rows]


def _place(cells: list[list[_Line]], rows: list[tuple[float, float, list[str]]], k: int,
           header: list[str]) -> None:
    """Put each cell of a table's column `k` in its row; a cell holding two rows' lines was
    two cells (each line on its own); what is above every row goes to the header."""
    for cell in cells:
        whole = _row_of(cell, rows)
        for part, row in ([(cell, whole)] if whole is not False else
                          [([ln], _row_of([ln], rows)) for ln in cell]):
            if row is None or row is False:
                header.extend(ln.text for ln in part)
                continue
            for ln in part:
                row[2][k] = _join_pair(row[2][k], ln.text) if row[2][k] else ln.text


def _after_number(text: str) -> str:
    return re.sub(r"^\d{1,4}[.)]?\s+", "", text, count=1)


# --- a page's zones to lines -----------------------------------------------------------


def _stacked(cols: list[list[_Line]]) -> bool:
    return all(2 <= len(c) <= 5 for c in cols) and all(
        len(ln.text) < 70 and not ln.text.rstrip().endswith((".", ":", ";")) for c in cols
        for ln in c)


def _join_block(block: list[_Line], right: float, lines: int = 3) -> list[str]:
    """The lines of one signature block of a grid, a wrapped organization joined: a block
    prints name, title and organization, so only a block of more lines has wrapped ones,
    the last ones the line breaks allow (an organization wraps more than a title)."""
    texts = [ln.text for ln in block]
    extra = len(block) - lines
    if extra <= 0:
        return texts
    wraps = [i for i in range(1, len(block)) if _wraps(block[i - 1], block[i], right, None)]
    for i in sorted(wraps[-extra:], reverse=True):
        texts[i - 1:i + 1] = [_join_pair(texts[i - 1], texts[i])]
    return texts


def _width(cols: list[list[_Line]]) -> float:
    """The width of one of several columns side by side: of one width, about two ems
    apart (CSS columns take one to three, word processors about three), never narrower
    than the widest line."""
    starts = [c[0].x0 for c in cols]
    pitch = statistics.median(b - a for a, b in zip(starts, starts[1:], strict=False))
    size = statistics.median(ln.size for c in cols for ln in c)
    return max(pitch - 2 * size, max(ln.x1 - ln.x0 for c in cols for ln in c))


def _blocks(zones: list[list[_Row]], right: float, heads: list[bool]) -> list[list[str]]:
    """Each zone as a block of output lines."""
    shapes = []
    for zone in zones:
        cols = [_col_rows(c) for c in _columns(zone)]
        shapes.append(cols)
    blocks: list[list[str]] = []
    grid_x: list[float] | None = None
    grid_width = 0.0
    for i, cols in enumerate(shapes):
        starts = [c[0].x0 for c in cols]
        table = (_table(cols) or _unnumbered_table(cols)) if cols else None
        if table is not None:
            blocks.append(["\t".join(cells) for cells in table])
            grid_x = None
            continue
        # Signature blocks in a grid: name, title and organization stacked in each cell,
        # the same columns in the zone before or after, or the first line bold.
        if len(cols) >= 2 and _stacked(cols):
            neighbours = [shapes[j] for j in (i - 1, i + 1) if 0 <= j < len(shapes)]
            same = any(len(n) >= 1 and _stacked(n) and all(
                any(abs(n_c[0].x0 - x) < 2 for x in starts) for n_c in n) for n in neighbours)
            bold = all(c[0].bold and not any(ln.bold for ln in c[1:]) for c in cols)
            if same or bold:
                grid_x, grid_width = starts, _width(cols)
                blocks.append([", ".join(_join_block(c, c[0].x0 + grid_width)) for c in cols])
                continue
        if grid_x and len(cols) == 1 and _stacked(cols) and any(
                abs(starts[0] - x) < 2 for x in grid_x):
            blocks.append([", ".join(_join_block(cols[0], starts[0] + grid_width))])
            continue
        grid_x = None
        lines: list[str] = []
        if len(cols) == 1:
            width = max(right, max(ln.x1 for ln in cols[0])) - starts[0]
        else:
            width = _width(cols)
        for j, c in enumerate(cols):
            col_right = max(starts[j] + width, max(ln.x1 for ln in c))
            if j + 1 < len(cols):
                col_right = min(col_right, starts[j + 1])
            # Short columns side by side above the text are address blocks: a blank line
            # between them. (Below it, short columns are a list going on.)
            if heads[i] and lines and len(cols) > 1 and max(len(c) for c in cols) <= 6:
                lines.append("")
            lines.extend(_join_lines(c, col_right))
        blocks.append(lines)
    return blocks




# --- the whole document --------------------------------------------------------------


def read_pdf(data: bytes, source_name: str) -> tuple[str | None, list[Diagnostic]]:
    """The letter in `data` as plain text (see the module's docstring), or None and an
    error saying what is wrong with the file and how to fix it."""
    result, diags = read_pdf_layout(data, source_name)
    return (result.text if result else None), diags


def read_pdf_layout(data: bytes, source_name: str) -> tuple[PdfText | None, list[Diagnostic]]:
    """As read_pdf, with what was dropped (running headers, footers, page numbers)."""

    def error(message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(source_name, 1, "error", message)]

    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        return error("this file is not a PDF (it does not start with %PDF); give the letter as "
                     "a PDF or as plain UTF-8 text")
    try:
        with _quiet_pdfminer():
            pages, heights, widths = _read_chars(data)
    except _Refused as exc:
        return error(str(exc))
    except Exception as exc:  # pdfminer raises many kinds on damaged input
        reason = type(exc).__name__
        if "Password" in reason or "Encrypt" in reason or "encrypt" in str(exc).lower():
            return error("this PDF is encrypted and needs a password to open; save an "
                         "unprotected copy of it (print to PDF) and import that")
        return error(f"this PDF is damaged and cannot be read ({reason}); save it again from "
                     "its source or print it to a new PDF")
    if not any(pages):
        return error("this PDF has no text to read (it holds only images, as a scan does); "
                     "run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`")
    chars = [c for rows in pages for r in rows for seg in r.segs for c in seg.chars]
    unknown = sum(c.text.startswith("(cid:") for c in chars)
    if unknown > 0.2 * len(chars):
        # Fonts with no map from their glyphs to letters: what pdfminer reads is codes.
        return error(f"this PDF's fonts do not say which letters they print ({unknown} of "
                     f"{len(chars)} characters unknown); run OCR on it, or copy the text from "
                     "where the letter was published")
    try:
        return _layout(pages, heights, widths), []
    except Exception as exc:  # a layout we did not foresee: a message, never a traceback
        return error(f"this PDF's layout could not be read ({type(exc).__name__}: {exc}); "
                     "please report it with the file, and meanwhile import its text")


class _Refused(Exception):
    pass


@contextlib.contextmanager
def _quiet_pdfminer():
    """pdfminer logs what it works around in odd files (a missing font box); import
    reports only what the contributor must act on."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR + 10)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_chars(data: bytes) -> tuple[list[list[_Row]], list[float], list[float]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    started = time.monotonic()
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    try:
        count = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except Exception:
        count = 0
    if count > MAX_PAGES:
        raise _Refused(f"this PDF has {count} pages, more than the {MAX_PAGES} a letter may "
                       "have; import the letter's own pages (e.g. `qpdf in.pdf --pages . 1-6 "
                       "-- out.pdf`)")
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[list[_Row]] = []
    heights: list[float] = []
    widths: list[float] = []
    for n, page in enumerate(PDFPage.create_pages(document), 1):
        if n > MAX_PAGES:
            raise _Refused(f"this PDF has more than {MAX_PAGES} pages, more than a letter may "
                           "have; import the letter's own pages")
        if time.monotonic() - started > MAX_SECONDS:
            raise _Refused(f"reading this PDF took more than {MAX_SECONDS:.0f} s (page {n}); "
                           "print the letter's pages to a new, simpler PDF and import that")
        interpreter.process_page(page)
        layout = device.get_result()
        x0, y0, x1, y1 = page.mediabox
        height = y1 - y0
        chars = _page_chars(layout, y1)
        pages.append(_rows(chars, n))
        heights.append(height)
        widths.append(x1 - x0)
    return pages, heights, widths


def _right_margin(rows: list[_Row], width: float) -> float:
    """Where the page's lines end: the longest lines' right edge, or, where few lines run
    full, the left margin mirrored (pages are printed with even margins)."""
    if not rows:
        return width
    ends = sorted(r.x1 for r in rows)
    longest = ends[int(0.95 * (len(ends) - 1))]
    return max(longest, width - statistics.median(r.x0 for r in rows))


def _numbered_rows(block: list[str]) -> bool:
    return bool(block) and all(re.match(r"\d{1,4}\t", line) for line in block)


def _list_shape(zone: list[_Row], right: float) -> tuple[int, float] | None:
    """A zone that looks like a list (in columns, or most of its lines short): its number
    of columns and its left edge, to know a list that goes on over a page break."""
    columns = len(_column_starts(zone)) + 1
    short = sum(r.x1 < right - 0.15 * (right - r.x0) for r in zone)
    if columns == 1 and short < 0.5 * len(zone):
        return None
    return columns, round(min(r.x0 for r in zone) / 4)


def _layout(pages: list[list[_Row]], heights: list[float], widths: list[float]) -> PdfText:
    dropped = _drop_running(pages, heights)
    sizes = Counter()
    for rows in pages:
        for r in rows:
            for s in r.segs:
                sizes[round(s.size, 1)] += len(s.chars)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    notes = _take_footnotes(pages, body)
    text_lines: list[str] = []
    previous_full = False
    previous_list: tuple[int, float] | None = None
    table_at: int | None = None
    head = True
    for rows, width in zip(pages, widths, strict=True):
        right = _right_margin(rows, width)
        zones = _zones(rows)
        # The head of the letter ends at its first paragraph: two lines across the page.
        left = min((r.x0 for r in rows), default=0.0)
        heads = []
        for z in zones:
            heads.append(head)
            head = head and not (sum(r.x1 - r.x0 > 0.7 * (right - left) for r in z) >= 2
                                 and not _column_starts(z))
        blocks = _blocks(zones, right, heads)
        first_list = _list_shape(zones[0], right) if zones else None
        for k, block in enumerate(blocks):
            if not block:
                continue
            # A paragraph or a list running over the page break goes on (a paragraph's
            # lines stay lines: an entry ending flush right looks the same); anything else
            # is a new block.
            goes_on = k == 0 and (previous_full or first_list is not None
                                  and first_list == previous_list)
            if k == 0 and table_at is not None and _numbered_rows(block):
                # A table going on over the page break, its rows numbered down each column:
                # the two pages' rows in the order of their numbers.
                rows_so_far = text_lines[table_at:]
                merged = rows_so_far + block
                numbers = [int(line.split("\t", 1)[0]) for line in merged]
                if len(set(numbers)) == len(numbers):
                    merged.sort(key=lambda line: int(line.split("\t", 1)[0]))
                text_lines[table_at:] = merged
                continue
            if text_lines and not goes_on:
                text_lines.append("")
            start = len(text_lines)
            text_lines.extend(block)
            table_at = start if _numbered_rows(block) else None
        last = rows[-1] if rows else None
        previous_full = bool(last and last.x1 > right - 2 * last.size
                             and not last.text.rstrip().endswith((".", ":", "?", "!")))
        previous_list = _list_shape(zones[-1], right) if zones else None
        if not blocks or not _numbered_rows(blocks[-1]):
            table_at = None
    text = "\n".join(text_lines)

    def ref(m: re.Match) -> str:
        n = int(m.group(1))
        return f"[^{n}]" if n in notes else m.group(1)

    text = re.sub(_REF + r"(\d+)" + _REF, ref, text)
    if notes:
        text += "\n\n" + "\n".join(f"[^{n}]: {re.sub(_REF, '', t)}" for n, t in
                                   sorted(notes.items()))
    text = unicodedata.normalize("NFC", text).replace(_REF, "")
    return PdfText(text.strip("\n") + "\n", len(pages), dropped, len(notes))
