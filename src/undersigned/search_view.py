"""What Pagefind reads: each searchable page cut down to the part it indexes.

Pagefind's time follows the elements it parses, not the text it keeps: the theme's
shell around every page (head, header, navigation, footer) and the parts a page marks
`data-pagefind-ignore` (a signatory's pictures and tables of letters, a letter's list
of signatories) cost it about as much as the indexed text. At 10,000 letters the
20,000 signatory pages took it 22 s of CPU as rendered, 3 s cut down.

So the build hands Pagefind a second, small tree (`write_views`): for each generated
page marked `pagefind: true`, a page holding only what Pagefind would index in the
rendered one: the `<html lang>` of the site and the `data-pagefind-body` element the
theme (overrides/main.html) wraps around the page's content, that content exactly as
generated, less the elements marked `data-pagefind-ignore`. An ignored element that
holds anything else Pagefind reads (a filter, a piece of metadata) is kept whole:
Pagefind takes filters and metadata from inside ignored elements. Each view lies at
the path of its page in the site, so the URLs in the index are the pages' own.

The index made from the views is the same bytes as the index made from the rendered
site (tests/test_search_view.py builds both). Anything the cut cannot vouch for (a
page whose content has no `<h1>`, for which the theme writes one from the title)
makes `views` return None: the build then indexes the rendered site, as before.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .urls import tree_path

_FRONT_END = b"\n---\n"
_SEARCHABLE = b"\npagefind: true\n"
_IGNORE = b"data-pagefind-ignore"
_TAG_NAME = re.compile(rb"<([A-Za-z][A-Za-z0-9-]*)")
# Elements that have no end tag: an ignored one ends with its start tag.
_VOID = {b"area", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
         b"source", b"track", b"wbr"}


def in_tag(html: bytes, i: int) -> bool:
    """Whether position `i` is inside a tag (an attribute), not in text."""
    return html.rfind(b"<", 0, i) > html.rfind(b">", 0, i)


def _element_end(html: bytes, start: int, name: bytes) -> int | None:
    """The end of the element whose start tag begins at `start`: past its matching end
    tag (same-name elements nested inside counted); None if it has none."""
    opening = re.compile(rb"<(/?)" + re.escape(name) + rb"(?=[\s>/])", re.I)
    depth = 0
    for m in opening.finditer(html, start):
        close = html.find(b">", m.end())
        if close < 0:
            return None
        if m.group(1):
            depth -= 1
            if depth == 0:
                return close + 1
        elif html[close - 1:close] != b"/":
            depth += 1
    return None


def cut_ignored(html: bytes) -> bytes:
    """`html` without the elements marked data-pagefind-ignore that hold no other
    data-pagefind- attribute (those stay whole: Pagefind reads filters and metadata
    inside ignored elements). An element whose end cannot be found stays too."""
    out, done = [], 0
    at = html.find(_IGNORE)
    while at >= 0:
        if at < done or not in_tag(html, at):
            at = html.find(_IGNORE, at + 1)
            continue
        start = html.rfind(b"<", 0, at)
        m = _TAG_NAME.match(html, start)
        name = m.group(1).lower() if m else b""
        end = (html.find(b">", at) + 1) if name in _VOID else \
            (_element_end(html, start, name) if name else None)
        if end and b"data-pagefind-" not in html[start:end].replace(_IGNORE, b""):
            out.append(html[done:start])
            done = end
            at = html.find(_IGNORE, end)
        else:
            at = html.find(_IGNORE, at + 1)
    out.append(html[done:])
    return b"".join(out)


def view(page: bytes, lang: str) -> bytes | None:
    """The view Pagefind reads for a generated page (front matter, then its HTML), if
    the page is searchable (`pagefind: true`); b"" if it is not; None if the cut cannot
    stand for the rendered page (no `<h1>` of its own: the theme adds one)."""
    end = page.find(_FRONT_END, 3)
    if not page.startswith(b"---\n") or end < 0:
        return b""
    if _SEARCHABLE not in page[3:end + 1]:
        return b""
    content = page[end + len(_FRONT_END):].lstrip(b"\n")  # as the theme gets it
    if b"<h1" not in content:
        return None
    return b"".join([b'<!doctype html>\n<html lang="', lang.encode(), b'">\n<head><meta '
                     b'charset="utf-8"></head>\n<body><div data-pagefind-body>',
                     cut_ignored(content), b"</div></body>\n</html>\n"])


def view_path(src: str) -> str:
    """Where a generated page's view lies: its page's path in the rendered site."""
    return tree_path(src)[:-3] + ".html"


def write_views(pages: dict[str, str | bytes], out: Path, lang: str) -> int | None:
    """Write into `out` (new) the view of every searchable page among the generated
    `pages`, each at its page's path in the site; the number written, or None if a
    page cannot be cut (nothing is left in `out` then: the rendered site is indexed)."""
    made: set[Path] = set()
    count = 0
    for src, page in pages.items():
        if not src.endswith(".md"):
            continue
        data = page if isinstance(page, bytes) else page.encode("utf-8", "surrogatepass")
        cut = view(data, lang)
        if cut is None:
            shutil.rmtree(out, ignore_errors=True)
            return None
        if cut:
            path = out / view_path(src)
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            with open(path, "wb") as f:
                f.write(cut)
            count += 1
    return count
