"""Generate stage: the site's pages and downloads from a Catalogue, as text.

`generate(catalogue)` returns {relative path: content}: Markdown pages (front
matter plus one block of HTML that this module writes itself) and the CSV/JSON
downloads. It is pure and renderer-neutral: MkDocs renders the pages through a
thin hook (mkdocs_plugin), another generator could render the same dict.

Safety: every contributed string is HTML-escaped here, once, where it meets
markup (`esc`). Letter bodies are rendered by Python-Markdown and then
sanitised by `sanitize.clean_html`. Front matter only carries escaped text,
because MkDocs' Jinja templates print `page.meta` without autoescaping.

Pages link to each other with relative URLs computed here (every page is a
directory URL), so the site works under any base path.
"""

from __future__ import annotations

import contextvars
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from . import cite, database, datapackage, export, feeds, i18n, parallel, pictures
from .catalogue import Catalogue, SignatoryView, sort_key
from .models import Diagnostic, Entry, Letter, RecipientRef, Section
from .sanitize import clean_html

SITE_NAME = "Undersigned"
# Rows per page of a long listing: a page stays well under 1 MB at any archive size.
ROWS_PER_PAGE = 500
# A network page lists its members letter by letter up to about this many names.
MEMBER_ROWS = 3000
# An A–Z listing longer than this is split into one page per initial.
SPLIT_INDEX_OVER = 1000
KIND_PAGES = {"organization": "organizations", "person": "people", "network": "networks"}
KIND_TITLES = {"organization": "organizations", "person": "people", "network": "networks"}
# Around each page's HTML. A Markdown renderer may skip parsing what lies between
# (mkdocs_plugin does: it is finished HTML); letters cannot contain comments, the
# sanitiser strips them.
HTML_OPEN, HTML_CLOSE = "<!-- us-html -->", "<!-- /us-html -->"
_t = i18n.text  # every interface string of a page comes from the catalogue
# While spanish.py writes the hub pages a second time: where a page's path moves to
# (`es/…` for a hub page, unchanged for the others). A page's own path and every link
# between pages go through it, so a Spanish hub page links the Spanish hub pages and the
# one copy of every letter and signatory page. None: every path stays where it is.
MOVED: contextvars.ContextVar[Callable[[str], str] | None] = contextvars.ContextVar(
    "moved", default=None)


def _moved(src: str) -> str:
    move = MOVED.get()
    return src if move is None else move(src)


def esc(text: object) -> str:
    """Escape text for HTML content and double-quoted attributes."""
    return html.escape(str(text), quote=True)


def url_of(src: str) -> str:
    """The directory URL (relative to the site root) of a generated source path."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def date_text(d) -> str:
    return i18n.date_text(d)


@dataclass
class Page:
    """One page being written: knows its own URL so it can link relatively."""

    src: str
    title: str
    description: str = ""
    search: bool = False
    feed: str | None = None  # the directory of the page's own feeds (feeds.py), if any

    def __post_init__(self) -> None:
        self.src = _moved(self.src)
        self.parts: list[str] = []
        self.depth = url_of(self.src).count("/")

    def link(self, src: str) -> str:
        """Relative href from this page to another generated path, escaped for an attribute
        (ids are checked to be `[a-z0-9-]+`; this page does not rely on it)."""
        target, depth = url_of(_moved(src)), self.depth
        if MOVED.get() is not None:  # a Spanish hub page to another: stay inside es/
            here = url_of(self.src).split("/")
            while depth and target.startswith(here[0] + "/"):
                target, depth, here = target[len(here[0]) + 1:], depth - 1, here[1:]
        return esc("../" * depth + target)

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def render(self) -> str:
        meta: dict[str, object] = {"title": esc(self.title)}
        if self.description:
            meta["description"] = esc(self.description)
        if self.search:
            meta["pagefind"] = True  # overrides/main.html marks the content for Pagefind
        if self.feed is not None:
            meta["feed"] = esc(self.feed)  # overrides/main.html links it in the head
        front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        # One raw HTML block: Python-Markdown passes it through untouched.
        body = "".join(self.parts)
        return (f"---\n{front}---\n\n<div class=\"us-page\">\n{HTML_OPEN}\n{body}{HTML_CLOSE}\n"
                "</div>\n")


# Paths of every generated page, in one place.
def letter_src(lid: str) -> str:
    return f"letters/{lid}.md"


def signatory_src(sid: str, page: int = 1) -> str:
    return f"signatories/{sid}.md" if page == 1 else f"signatories/{sid}/letters/{page}.md"


def recipient_src(rid: str) -> str:
    return f"recipients/{rid}.md"


def tag_src(tid: str) -> str:
    return f"tags/{tid}.md"


def year_src(year: int) -> str:
    return f"letters/{year}.md"


class _LostLinks(Treeprocessor):
    """A link whose target was lost in conversion (`[text](#)`) becomes its text."""

    def run(self, root: ET.Element) -> None:
        for el in root.iter("a"):
            if el.get("href", "") == "#":
                el.tag = "span"  # the sanitiser drops the span and keeps the text
                el.attrib.clear()


# Python-Markdown's inline patterns, each with what any match of it contains. The
# inline stage (most of the time of a letter) tries every pattern on every text, and
# each pattern's regular expression from Python; a text without its trigger cannot match.
_INLINE_TRIGGERS = {
    "backtick": ("`", "\\"), "escape": ("\\",), "reference": ("[",), "link": ("[",),
    "image_link": ("[",), "image_reference": ("[",), "short_reference": ("[",),
    "short_image_ref": ("[",), "autolink": ("<",), "automail": ("<",),
    "linebreak": ("  \n",), "html": ("<",), "entity": ("&",), "em_strong": ("*", "_"),
    "footnote": ("[",),
}
_APPLY = "_InlineProcessor__applyPattern"  # the private method that tries one pattern


class _TriggeredInline(InlineProcessor):
    """Python-Markdown's inline stage, skipping a pattern on a text that lacks its
    trigger: the same HTML (a pattern finds nothing there anyway), 35% less time per
    letter. Used only where the patterns are the ones known above."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.triggers = {id(md.inlinePatterns[name]): ts for name, ts in _INLINE_TRIGGERS.items()}
        self.apply = getattr(super(), _APPLY)

    def _InlineProcessor__applyPattern(self, pattern, data, index, start=0):  # noqa: N802
        for trigger in self.triggers[id(pattern)]:
            if data.find(trigger, start) >= 0:
                return self.apply(pattern, data, index, start)
        return data, False, 0  # what the pattern returns when it finds nothing


class _LostLinksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_LostLinks(md), "lost_links", 1)


def _faster_inline(md: markdown.Markdown) -> None:
    """Put `_TriggeredInline` in the place of the stock inline stage, if it is sure to
    give the same HTML: this Python-Markdown has the method it overrides and exactly the
    patterns whose triggers are known (else the stock stage stays, only slower)."""
    if (set(md.inlinePatterns._data) == _INLINE_TRIGGERS.keys()
            and hasattr(InlineProcessor, _APPLY)
            and type(md.treeprocessors["inline"]) is InlineProcessor):
        md.treeprocessors.register(_TriggeredInline(md), "inline", 20)


class BodyFailed(Exception):
    """Letter bodies the Markdown renderer could not convert, each a Diagnostic (path:line).
    A last defence: the check refuses such bodies first (safety.MAX_NESTING); this keeps
    a body it missed from ending the build or `serve` with a RecursionError."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("; ".join(map(str, diagnostics)))


BODY_TOO_DEEP = ("the Markdown renderer ran out of stack converting this body (RecursionError): "
                 "lists or quotes are nested too deeply; flatten them")


def letter_body_html(letter: Letter, html: str | None) -> str:
    """`html`, a letter's converted body; BodyFailed naming the letter when it is None (the
    renderer failed on it)."""
    if html is None:
        raise BodyFailed([Diagnostic(letter.path, letter.body_line, "error", BODY_TOO_DEEP)])
    return html


def body_renderer():
    """Render a letter body: Markdown with footnotes and tables, then sanitised; None for a
    body Python-Markdown's recursive parser cannot convert (nested too deeply)."""
    md = markdown.Markdown(
        extensions=["footnotes", "tables", _LostLinksExtension()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    _faster_inline(md)

    def render(text: str) -> str | None:
        md.reset()
        try:
            return clean_html(md.convert(text))
        except RecursionError:
            md.reset()
            return None

    return render


def render_bodies(bodies: Sequence[str]) -> list[str | None]:
    """Each letter body as sanitised HTML, in order (`body_renderer` over a list; a
    module-level function, so that worker processes can run it on their share)."""
    render = body_renderer()
    return [render(b) for b in bodies]


def generate(cat: Catalogue, data: bool = True, encode: bool = False,
             site_url: str | None = None) -> dict[str, str | bytes]:
    """Every page and download of the site: {relative path: content}.

    `data=False` leaves out the downloads (export.site_data_files, the database) and
    the feeds (feeds.feed_files, whose ids are absolute URLs under `site_url`): the
    site build writes those straight into the built site after MkDocs has run,
    rather than holding them in memory and passing them through MkDocs.
    `encode=True` gives each page as UTF-8 bytes: the site build holds every page
    until MkDocs has read it, and a string holding one character beyond Latin-1
    ("→", “quotes”) takes 2 or 4 bytes per character (a gigabyte at 10,000 letters).

    Letter bodies (Python-Markdown, most of this stage) are converted on every core
    (parallel.Chunks) while this process writes the other pages, and each letter's
    page is made as soon as its body is back; the result is the same dict, in the
    same order, as converting them one by one.

    `site_url` (mkdocs.yml's, if set) is the site's address: letters' citations give
    their permanent URL only when it is known.
    """
    def text(page: Page) -> str | bytes:
        t = page.render()
        return t.encode("utf-8", "surrogatepass") if encode else t

    letters = iter(cat.letters)
    letter_pages: dict[str, str | bytes] = {}

    failed: list[Diagnostic] = []

    def take(bodies_html: list[str | None]) -> None:
        for body_html in bodies_html:
            letter = next(letters)
            try:
                page = letter_page(cat, letter, letter_body_html(letter, body_html), site_url)
            except BodyFailed as exc:
                failed.extend(exc.diagnostics)  # every such letter is named, then it fails
                continue
            letter_pages[page.src] = text(page)

    with parallel.Chunks(render_bodies, [x.body for x in cat.letters]) as bodies:
        out: dict[str, str | bytes] = {p.src: text(p) for p in _head_pages(cat)}
        tail: dict[str, str | bytes] = {}
        for i, page in enumerate(_tail_pages(cat, site_url)):
            tail[page.src] = text(page)
            if i % 256 == 0:  # bodies converted meanwhile: their pages now, not all at the end
                for part in bodies.ready():
                    take(part)
        for part in bodies.rest():
            take(part)
    if failed:
        raise BodyFailed(failed)
    out.update(letter_pages)
    out.update(tail)
    if data:
        out.update(export.site_data_files(cat, site_url))
        out[f"data/{export.DATABASE_FILE}"] = database.database_bytes(cat)
        out.update(feeds.feed_files(cat, site_url))
    return out


def _pages(cat: Catalogue, render_body) -> Iterator[Page]:
    """Every page, in the site's order, bodies rendered one by one (`generate` makes
    the same pages, bodies converted in parallel)."""
    yield from _head_pages(cat)
    for letter in cat.letters:
        yield letter_page(cat, letter, letter_body_html(letter, render_body(letter.body)))
    yield from _tail_pages(cat)


def _head_pages(cat: Catalogue) -> Iterator[Page]:
    yield home_page(cat)
    yield from letters_index_pages(cat)


def _tail_pages(cat: Catalogue, site_url: str | None = None) -> Iterator[Page]:
    for sid in cat.signatories_az:
        yield from signatory_pages(cat, cat.signatories[sid])
    yield from signatory_index_pages(cat)
    yield recipients_index(cat)
    for rid in sorted(cat.recipients):
        yield from recipient_pages(cat, rid)
    yield tags_index(cat)
    for tid in cat.tags:
        yield from tag_pages(cat, tid)
    yield data_page(cat, site_url)
    yield search_page()
    yield network_map_page(cat)


# ---------------------------------------------------------------- shared pieces

def _sig_link(p: Page, cat: Catalogue, sid: str, text: str | None = None) -> str:
    view = cat.signatories.get(sid)
    label = text if text is not None else (view.signatory.name if view else sid)
    if view is None:
        return esc(label)
    return f'<a href="{p.link(signatory_src(sid))}">{esc(label)}</a>'


def _letter_link(p: Page, letter: Letter) -> str:
    return f'<a href="{p.link(letter_src(letter.id))}">{esc(letter.title)}</a>'


def _time(d) -> str:
    return f'<time datetime="{d.isoformat()}">{date_text(d)}</time>'


def _letters_table(p: Page, cat: Catalogue, letters: Iterable[Letter],
                   caption: str | None = None) -> str:
    # data-label: the column's name, shown before the cell where a phone stacks the table
    # (docs/assets/undersigned.css); the date and the title need none.
    rows = []
    for letter in letters:
        recipients = ", ".join(esc(_recipient_name(cat, r)) for r in letter.recipients)
        rows.append(
            f"<tr><td>{_time(letter.date)}</td><td>{_letter_link(p, letter)}</td>"
            f'<td data-label="{_t("to")}">{recipients}</td>'
            f'<td class="us-num" data-label="{_t("signatories")}">{cat.listed[letter.id]}</td>'
            f'<td data-label="{_t("language")}">'
            f"{esc(i18n.language_name(letter.language, i18n.current()))}"
            "</td></tr>\n")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (f'<table class="us-table us-letters">{cap}<thead><tr>'
            + "".join(f'<th scope="col">{_t(k)}</th>'
                      for k in ("date", "letter", "to", "signatories", "language"))
            + "</tr></thead>\n"
            f"<tbody>\n{''.join(rows)}</tbody></table>\n")


def _recipient_name(cat: Catalogue, ref: RecipientRef) -> str:
    record = cat.recipients.get(ref.id)
    return record.name if record else (ref.name or ref.printed)


def _feed_links(p: Page, directory: str) -> str:
    """Links to the feeds in `directory` ("" for the archive's)."""
    return (f'<a href="{p.link(directory + "feed.xml")}" type="application/atom+xml">Atom</a>'
            f' · <a href="{p.link(directory + "feed.json")}" '
            'type="application/feed+json">JSON Feed</a>')


def _follow(p: Page, directory: str) -> str:
    """The visible "Follow: Atom · JSON Feed" line (not search text)."""
    return (f'<p class="us-follow" data-pagefind-ignore>{_t("follow")}: '
            f"{_feed_links(p, directory)}"
            "</p>\n")


def _count(n: int, key: str) -> str:
    return i18n.count(n, key)


def _pager(p: Page, srcs: list[str], current: int, label: str) -> str:
    if len(srcs) < 2:
        return ""
    items = []
    for i, src in enumerate(srcs, 1):
        if i == current:
            items.append(f'<li><span aria-current="page">{i}</span></li>')
        else:
            items.append(f'<li><a href="{p.link(src)}">{i}</a></li>')
    return f'<nav class="us-pager" aria-label="{esc(label)}"><ul>{"".join(items)}</ul></nav>\n'


def _paged_letters(cat: Catalogue, first: Page, ids: tuple[str, ...], title: str,
                   ignore: bool = False) -> Iterator[Page]:
    """A letters table on `first`, continued on `<first>/2/`, `<first>/3/`... when long."""
    chunks = [ids[i:i + ROWS_PER_PAGE] for i in range(0, len(ids), ROWS_PER_PAGE)] or [()]
    stem = first.src[:-3]
    srcs = [first.src] + [f"{stem}/{n}.md" for n in range(2, len(chunks) + 1)]
    label = _t("pages_of", title=title)
    first.add('<div data-pagefind-ignore>\n' if ignore else "",
              _pager(first, srcs, 1, label),
              _letters_table(first, cat, (cat.letter_by_id[i] for i in chunks[0])),
              "</div>\n" if ignore else "")
    yield first
    for n, chunk in enumerate(chunks[1:], 2):
        q = Page(srcs[n - 1], _t("page_n", title=title, n=n), feed=first.feed)
        q.add(f"<h1>{_t('page_n', title=esc(title), n=n)}</h1>\n",
              _pager(q, srcs, n, label),
              _letters_table(q, cat, (cat.letter_by_id[i] for i in chunk)))
        yield q


# ---------------------------------------------------------------- home

def home_page(cat: Catalogue) -> Page:
    s = cat.stats
    p = Page("index.md", SITE_NAME, _t("site_description"))
    stats = (("letters/index.md", s.letters, "letter"),
             ("organizations/index.md", s.organizations, "organization"),
             ("people/index.md", s.people, "person"), ("networks/index.md", s.networks, "network"),
             ("data/index.md", s.signatures, "signature"))
    p.add(
        f"<h1>{SITE_NAME}</h1>\n",
        f"<p class=\"us-lead\">{_t('site_lead')}</p>\n",
        f'<form class="us-search-form" role="search" action="{p.link("search/index.md")}" '
        f'method="get"><label for="us-home-q">{_t("search_label")}</label>'
        f'<input id="us-home-q" name="q" type="search" placeholder="{_t("search_placeholder")}">'
        f'<button type="submit">{_t("search")}</button></form>\n',
        '<ul class="us-stats">',
        # "<strong>1,234</strong> letters": the number stands out from its noun.
        *(f'<li><a href="{p.link(src)}">'
          + _count(n, key).replace(i18n.number(n), f"<strong>{i18n.number(n)}</strong>", 1)
          + "</a></li>" for src, n, key in stats),
        "</ul>\n",
        f"<h2 id=\"latest\">{_t('latest_letters')}</h2>\n",
        _follow(p, ""),
        _letters_table(p, cat, (cat.letter_by_id[i] for i in cat.latest)),
        f'<p><a href="{p.link("letters/index.md")}">{_t("all_letters")}</a></p>\n',
        home_timeline_html(p, cat),
        f"<h2 id=\"frequent\">{_t('most_frequent')}</h2>\n",
        '<table class="us-table"><thead><tr>'
        + "".join(f'<th scope="col">{_t(k)}</th>' for k in ("signatory", "kind", "letters"))
        + "</tr></thead>\n<tbody>\n",
    )
    for sid in cat.top_signatories:
        view = cat.signatories[sid]
        p.add(f"<tr><td>{_sig_link(p, cat, sid)}</td>"
              f"<td>{esc(_t('kind_' + view.signatory.kind))}</td>"
              f'<td class="us-num">{view.letter_count}</td></tr>\n')
    p.add("</tbody></table>\n",
          f'<p><a href="{p.link("signatories/index.md")}">{_t("all_signatories_az")}</a> · '
          f'<a href="{p.link("data/index.md")}">{_t("download_data")}</a> · '
          f'<a href="{p.link("about.md")}">{_t("about_archive")}</a></p>\n')
    return p


# ---------------------------------------------------------------- letters

def letters_index_pages(cat: Catalogue) -> Iterator[Page]:
    p = Page("letters/index.md", _t("letters"), _t("letters_description"))
    total = len(cat.letters)
    p.add(f"<h1>{_t('letters')}</h1>\n",
          f"<p>{_t('letters_intro', count=_count(total, 'letter'))} "
          f'<a href="{p.link("data/letters.json")}">letters.json</a>.</p>\n')
    p.add(f'<nav aria-label="{_t("years")}"><ul class="us-inline">',
          *(f'<li><a href="{p.link(year_src(y))}">{y}</a> ({len(ids)})</li>'
            for y, ids in cat.years.items()),
          "</ul></nav>\n")
    inline = total <= SPLIT_INDEX_OVER
    for year, ids in cat.years.items():
        if inline:
            p.add(f'<h2 id="y{year}">{year}</h2>\n',
                  _letters_table(p, cat, (cat.letter_by_id[i] for i in ids)))
        title = _t("letters_of_year", year=year)
        yp = Page(year_src(year), title)
        yp.add(f"<h1>{title}</h1>\n",
               f"<p>{_t('newest_first', count=_count(len(ids), 'letter'))} "
               f'<a href="{yp.link("letters/index.md")}">{_t("all_years")}</a>.</p>\n')
        yield from _paged_letters(cat, yp, ids, title)
    yield p


def letter_page(cat: Catalogue, letter: Letter, body_html: str,
                site_url: str | None = None) -> Page:
    p = Page(letter_src(letter.id), letter.title, letter.summary, search=True)
    recipients_filter = [
        f'<span hidden data-pagefind-filter="recipient:{esc(_recipient_name(cat, r))}"></span>'
        for r in dict.fromkeys(letter.recipients)]
    p.add(f"<h1>{esc(letter.title)}</h1>\n",
          f'<p class="us-summary">{esc(letter.summary)}</p>\n',
          _translations_html(p, cat, letter),
          '<dl class="us-facts">\n',
          f'<dt>{_t("date")}</dt><dd data-pagefind-filter="year:{letter.year}">'
          f'{_time(letter.date)}{", " + esc(letter.place) if letter.place else ""}</dd>\n',
          f"<dt>{_t('to')}</dt><dd>{_recipient_list(p, cat, letter.recipients)}"
          f"{''.join(recipients_filter)}</dd>\n")
    if letter.cc:
        p.add(f"<dt>{_t('copy_to')}</dt><dd>{_recipient_list(p, cat, letter.cc)}</dd>\n")
    tags = []
    for t in letter.tags:
        label = cat.tags[t].label if t in cat.tags else t
        tags.append(f'<li><a href="{p.link(tag_src(t))}" data-pagefind-filter="tag">'
                    f"{esc(label)}</a></li>")
    stated = (" " + _t("stated", count=letter.stated_count)
              if letter.stated_count is not None else "")
    p.add(f'<dt>{_t("tags")}</dt><dd><ul class="us-inline">{"".join(tags)}</ul></dd>\n',
          f"<dt>{_t('language')}</dt><dd>{esc(i18n.language_name(letter.language, 'en'))}"
          "</dd>\n",
          f"<dt>{_t('signatories')}</dt><dd>{_count(cat.listed[letter.id], 'listed')}"
          f'{stated}; <a href="#signatories">{_t("list_as_printed")}</a></dd>\n',
          f"<dt>{_t('source')}</dt><dd>{esc(letter.source)}</dd>\n",
          '</dl>\n<span hidden data-pagefind-filter="kind:letter"></span>\n',
          f'<h2 id="text">{_t("text")}</h2>\n',
          f'<div class="us-body" lang="{esc(letter.language)}">\n{body_html}\n</div>\n',
          f'<h2 id="signatories">{_t("signatories")}</h2>\n',
          # Not search text: a name finds its signatory's page, which lists every letter.
          # Indexed here too, 10,000 lists of ~160 names would be most of the search
          # index, and a common word ("Institute") would download megabytes of it.
          "<div data-pagefind-ignore>\n"
          f"<p>{_t('signatures_as_printed', count=_count(cat.listed[letter.id], 'signature'))}"
          "</p>\n")
    for i, section in enumerate(letter.sections, 1):
        p.add(_section_html(p, cat, section, i))
    p.add("</div>\n", _cite_html(p, cat, letter, site_url))
    return p


def _translations_html(p: Page, cat: Catalogue, letter: Letter) -> str:
    """"Also in Español": the letter's other versions, each named in its own language and
    marked with it (`hreflang` on the link, `lang` on its text), or "" if none."""
    links = []
    for other_id in letter.translations:
        other = cat.letter_by_id.get(other_id)
        if other is None:  # refused by `check`; the page links no missing letter
            continue
        code = esc(other.language)
        links.append(f'<a href="{p.link(letter_src(other.id))}" hreflang="{code}" '
                     f'lang="{code}">{esc(i18n.language_name(other.language))}</a>')
    if not links:
        return ""
    return f'<p class="us-translations">{_t("also_in")} {", ".join(links)}</p>\n'


def _cite_html(p: Page, cat: Catalogue, letter: Letter, site_url: str | None) -> str:
    """The Cite section: the permanent address, the BibTeX shown, both formats as files
    beside the page (written by export.cite_files)."""
    url = cite.letter_url(letter, site_url)
    here = p.link(letter_src(letter.id))
    address = (f'<a href="{esc(url)}">{esc(url)}</a>' if url else
               f'<a href="{here}">this page\'s address</a> (it ends in '
               f"<code>/letters/{esc(letter.id)}/</code> and will not change)")
    files = f"letters/{letter.id}/"
    return ('<section class="us-cite" aria-labelledby="cite" data-pagefind-ignore>\n'
            '<h2 id="cite">Cite</h2>\n'
            f"<p>Permanent address: {address}.</p>\n"
            f'<p>Download the citation as <a href="{p.link(files + "cite.bib")}" '
            f'download>BibTeX</a> or <a href="{p.link(files + "cite.json")}" download>'
            "CSL-JSON</a> (Zotero, Pandoc); add the date you read it.</p>\n"
            f'<pre class="us-bibtex"><code>{esc(cite.bibtex(cat, letter, site_url))}'
            "</code></pre>\n</section>\n")


def _recipient_list(p: Page, cat: Catalogue, refs: tuple[RecipientRef, ...]) -> str:
    items = []
    for r in refs:
        name = _recipient_name(cat, r)
        if r.id in cat.recipients:
            text = f'<a href="{p.link(recipient_src(r.id))}">{esc(r.printed)}</a>'
        else:
            text = esc(r.printed)
        if name != r.printed and name not in r.printed:
            text += f' <span class="us-canonical">({esc(name)})</span>'
        items.append(f"<li>{text}</li>")
    return f'<ul class="us-plain">{"".join(items)}</ul>'


def _entry_html(p: Page, cat: Catalogue, e: Entry) -> str:
    view = cat.signatories.get(e.id)
    out = _sig_link(p, cat, e.id, e.printed)
    if view and view.signatory.name != e.printed:
        out += f' <span class="us-canonical">→ {esc(view.signatory.name)}</span>'
    if e.members:
        out += '<ol class="us-members">' + "".join(
            f"<li>{_entry_html(p, cat, m)}</li>" for m in e.members) + "</ol>"
    return out


def _section_html(p: Page, cat: Catalogue, section: Section, number: int) -> str:
    parts = []
    if section.heading:
        parts.append(f'<h3 id="section-{number}">{esc(section.heading)}</h3>\n')
    parts.append('<ol class="us-signatories">\n')
    entries = section.entries
    i = 0
    while i < len(entries):
        e = entries[i]
        if e.line:
            # One printed line naming several signatories: show the line, then each of them.
            j = i
            while j < len(entries) and entries[j].line == e.line:
                j += 1
            inner = "; ".join(_entry_html(p, cat, x) for x in entries[i:j])
            parts.append(f'<li><span class="us-line">Printed as one line: “{esc(e.line)}”'
                         f"</span><br>{inner}</li>\n")
            i = j
        else:
            parts.append(f"<li>{_entry_html(p, cat, e)}</li>\n")
            i += 1
    parts.append("</ol>\n")
    return "".join(parts)


# ---------------------------------------------------------------- signatories

def signatory_pages(cat: Catalogue, view: SignatoryView) -> Iterator[Page]:
    s = view.signatory
    rows = _signed_rows(view)
    chunks = [rows[i:i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    srcs = [signatory_src(s.id, n) for n in range(1, len(chunks) + 1)]

    p = Page(srcs[0], s.name,
             _t("signatory_description", name=s.name, count=_count(view.letter_count, "letter")),
             search=True, feed=f"signatories/{s.id}/")
    names = [s.name, *s.acronyms, *view.printed_forms,
             *(a for a in s.aliases if a not in view.printed_forms)]
    unseen = [a for a in s.aliases if a not in view.printed_forms and a != s.name]
    p.add(f"<h1>{esc(s.name)}</h1>\n",
          _search_terms(names),
          (f'<p class="us-names" data-pagefind-ignore>{_t("also_recorded_as")}: '
           f'{" · ".join(esc(n) for n in unseen)}</p>\n' if unseen else ""),
          # Facts are not search text (the names above are); the kind filter still applies.
          '<dl class="us-facts" data-pagefind-ignore>\n',
          f'<dt>{_t("kind")}</dt><dd><a href="{p.link(KIND_PAGES[s.kind] + "/index.md")}" '
          f'data-pagefind-filter="kind">{_t("kind_" + s.kind)}</a></dd>\n')
    if s.acronyms:
        p.add(f"<dt>{_t('acronym')}</dt><dd>{esc(', '.join(s.acronyms))}</dd>\n")
    if s.country:
        p.add(f"<dt>{_t('country')}</dt><dd>{esc(s.country)}</dd>\n")
    if s.affiliation:
        p.add(f"<dt>{_t('affiliation')}</dt><dd>{esc(s.affiliation)}</dd>\n")
    if s.website and s.website.startswith(("https://", "http://")):
        p.add(f'<dt>{_t("website")}</dt><dd><a href="{esc(s.website)}" rel="nofollow noopener">'
              f"{esc(s.website)}</a></dd>\n")
    p.add(f"<dt>{_t('letters_signed')}</dt><dd>{i18n.number(view.letter_count)}</dd>\n",
          f'<dt>{_t("data")}</dt><dd><a href="{p.link(f"signatories/{s.id}/signatures.csv")}">'
          f'signatures.csv</a> · <a href="{p.link(f"signatories/{s.id}/signatures.json")}">'
          "signatures.json</a></dd>\n",
          f'<dt>{_t("follow")}</dt><dd class="us-follow">'
          f'{_feed_links(p, f"signatories/{s.id}/")}</dd>\n',
          "</dl>\n")
    if s.note:
        p.add(f'<p class="us-note" data-pagefind-ignore>{esc(s.note)}</p>\n')
    if view.printed_forms:
        p.add(f'<h2 id="printed">{_t("printed_as")}</h2>\n<ul data-pagefind-ignore>',
              *(f"<li>{esc(f)}</li>" for f in view.printed_forms), "</ul>\n")

    p.add('<div data-pagefind-ignore>\n')
    p.add(f'<h2 id="letters">{_t("letters_signed")}</h2>\n',
          signatory_timeline_html(p, cat, view, srcs))
    if rows:
        p.add(_pager(p, srcs, 1, _t("pages_of", title=_t("letters_signed_lower"))),
              _signed_table(p, cat, chunks[0], view))
    else:
        p.add(f"<p>{_t('no_letter_yet')}</p>\n")
    if view.memberships:
        p.add(members_network_html(p, cat, view), _memberships_html(p, cat, view))
    if view.cosigners:
        p.add(f'<h2 id="cosigners">{_t("cosigners")}</h2>\n',
              f"<p>{_t('cosigners_intro')}</p>\n",
              '<table class="us-table" id="cosigners-table"><thead><tr>'
              + "".join(f'<th scope="col">{_t(k)}</th>' for k in ("signatory", "letters_together"))
              + "</tr></thead>\n<tbody>\n",
              *(f'<tr><td>{_sig_link(p, cat, o)}</td><td class="us-num">{n}</td></tr>\n'
                for o, n in view.cosigners),
              "</tbody></table>\n",
              cosigner_network_html(p, cat, view))
    if view.networks:
        p.add(f'<h2 id="networks">{_t("networks")}</h2>\n<ul>',
              *(f"<li>{_sig_link(p, cat, n)}</li>" for n in view.networks), "</ul>\n")
    if view.related:
        p.add(f'<h2 id="related">{_t("related")}</h2>\n<ul>')
        for r in view.related:
            relation = r.relation.replace("-", " ")
            if r.outgoing:
                text = f"{esc(relation)} {_sig_link(p, cat, r.id)}"
            else:
                text = f"{_sig_link(p, cat, r.id)} is {esc(relation)} this {esc(s.kind)}"
            if r.note:
                text += f' <span class="us-note">({esc(r.note)})</span>'
            p.add(f"<li>{text}</li>")
        p.add("</ul>\n")
    p.add("</div>\n")
    yield p

    for n, chunk in enumerate(chunks[1:], 2):
        q = Page(srcs[n - 1], _t("signed_page", name=s.name, n=n), feed=p.feed)
        q.add(f"<h1>{_t('signed_page', name=esc(s.name), n=n)}</h1>\n",
              f'<p><a href="{q.link(srcs[0])}">{_t("back_to", name=esc(s.name))}</a></p>\n',
              _pager(q, srcs, n, _t("pages_of", title=_t("letters_signed_lower"))),
              _signed_table(q, cat, chunk, view))
        yield q


def _search_terms(names: Iterable[str]) -> str:
    """Every word of every name a record goes by, once each, for Pagefind only.

    Weighted so the record's own page ranks first for any of its names or acronyms;
    each word counted once so that a record printed many ways (a chapter printed
    with its parent's name in five forms) does not outrank the exact name.
    Hidden from sight and from screen readers: the names are shown above.
    """
    words: dict[str, str] = {}  # casefolded -> first form seen, so excerpts read naturally
    for n in names:
        for w in re.findall(r"\w+", n):
            words.setdefault(w.casefold(), w)
    return ('<p class="us-search-terms" aria-hidden="true" data-pagefind-weight="10">'
            f'{esc(" ".join(words.values()))}</p>\n')


def _signed_rows(view: SignatoryView) -> list[tuple]:
    return list(view.signed)


def _signed_table(p: Page, cat: Catalogue, rows, view: SignatoryView) -> str:
    out = ['<table class="us-table us-signed"><thead><tr>'
           + "".join(f'<th scope="col">{_t(k)}</th>' for k in ("date", "letter", "printed_as"))
           + "</tr></thead>\n<tbody>\n"]
    for signed in rows:
        letter = cat.letter_by_id[signed.letter_id]
        printed = esc(signed.printed)
        if signed.via:
            via = _sig_link(p, cat, signed.via)
            printed += f' <span class="us-via">{_t("as_member_of")} {via}</span>'
        out.append(f"<tr><td>{_time(letter.date)}</td><td>{_letter_link(p, letter)}</td>"
                   f'<td data-label="{_t("printed_as")}">{printed}</td></tr>\n')
    out.append("</tbody></table>\n")
    return "".join(out)


def _memberships_html(p: Page, cat: Catalogue, view: SignatoryView) -> str:
    out = ['<h2 id="members">Members as printed</h2>\n',
           "<p>The members this network printed after its name, letter by letter.</p>\n"]
    shown = members_shown = 0
    for m in view.memberships:
        if members_shown >= MEMBER_ROWS:
            break
        shown += 1
        letter = cat.letter_by_id[m.letter_id]
        out.append(f'<h3>{_time(letter.date)}: {_letter_link(p, letter)}</h3>\n'
                   f"<p>Printed as “{esc(m.printed)}”, with "
                   f'{_count(len(m.members), "member")}:</p>\n'
                   '<ol class="us-members">')
        for printed, mid in m.members:
            out.append(f"<li>{_sig_link(p, cat, mid, printed)}</li>")
        out.append("</ol>\n")
        members_shown += len(m.members)
    if shown < len(view.memberships):
        out.append(f"<p>The latest {shown} of {len(view.memberships)} letters. Every member "
                   "printed under this network is in "
                   f'<a href="{p.link("data/signatures.csv")}">signatures.csv</a>, with '
                   f"<code>via</code> = <code>{esc(view.id)}</code>.</p>\n")
    return "".join(out)


def _initial(name: str) -> str:
    c = sort_key(name)[:1]
    return c if "a" <= c <= "z" else "0"


def _signatory_table(p: Page, cat: Catalogue, ids: Iterable[str]) -> str:
    rows = []
    for sid in ids:
        s = cat.signatories[sid].signatory
        # data-label: as in _letters_table
        rows.append(f'<tr><td>{_sig_link(p, cat, sid)}</td>'
                    f'<td data-label="{_t("kind")}">{_t("kind_" + s.kind)}</td>'
                    f'<td data-label="{_t("country")}">{esc(s.country or "")}</td>'
                    f'<td class="us-num" data-label="{_t("letters")}">'
                    f"{cat.signatories[sid].letter_count}</td></tr>\n")
    return ('<table class="us-table us-signatories-az"><thead><tr>'
            + "".join(f'<th scope="col">{_t(k)}</th>'
                      for k in ("name", "kind", "country", "letters"))
            + "</tr></thead>\n"
            f"<tbody>\n{''.join(rows)}</tbody></table>\n")


def signatory_index_pages(cat: Catalogue) -> Iterator[Page]:
    """The A–Z index of all signatories and one per kind, split by initial when long."""
    listings = [("signatories", _t("signatories"), None)] + [
        (KIND_PAGES[k], _t(KIND_TITLES[k]), k) for k in KIND_PAGES]
    for base, title, kind in listings:
        ids = [i for i in cat.signatories_az
               if kind is None or cat.signatories[i].signatory.kind == kind]
        p = Page(f"{base}/index.md", title, _t("az_description", title=title))
        kinds = " · ".join(
            f"<strong>{t}</strong>" if b == base
            else f'<a href="{p.link(b + "/index.md")}">{t}</a>'
            for b, t, _ in listings)
        p.add(f"<h1>{esc(title)}</h1>\n",
              f'<nav class="us-kinds" aria-label="{_t("filter_by_kind")}"><p>{_t("show")}: '
              f"{kinds}</p></nav>\n",
              f"<p>{_t('az_intro', count=_count(len(ids), 'record'))} "
              f'<a href="{p.link("data/signatories.json")}">signatories.json</a>.</p>\n')
        if len(ids) <= SPLIT_INDEX_OVER:
            p.add(_signatory_table(p, cat, ids))
            yield p
            continue
        # Too long for one page: one page per initial, the index links to them.
        groups: dict[str, list[str]] = {}
        for i in ids:
            groups.setdefault(_initial(cat.signatories[i].signatory.name), []).append(i)
        split_base = "a-z" if base == "signatories" else base
        p.add('<ul class="us-inline us-initials">',
              *(f'<li><a href="{p.link(f"{split_base}/{g}.md")}">'
                f'{_t("digits_and_others") if g == "0" else g.upper()}</a> ({len(v)})</li>'
                for g, v in sorted(groups.items())),
              "</ul>\n")
        yield p
        for g, v in sorted(groups.items()):
            label = _t("digits_and_others") if g == "0" else g.upper()
            # A common initial can still hold thousands: continue on numbered pages.
            chunks = [v[i:i + SPLIT_INDEX_OVER] for i in range(0, len(v), SPLIT_INDEX_OVER)]
            srcs = [f"{split_base}/{g}.md"] + [f"{split_base}/{g}/{n}.md"
                                               for n in range(2, len(chunks) + 1)]
            for n, chunk in enumerate(chunks, 1):
                page_label = label if n == 1 else _t("page_n", title=label, n=n)
                q = Page(srcs[n - 1], f"{title}: {page_label}")
                q.add(f"<h1>{esc(title)}: {page_label}</h1>\n",
                      f'<p><a href="{q.link(base + "/index.md")}">{_t("all_initials")}</a></p>\n',
                      _pager(q, srcs, n, _t("pages_of", title=f"{title}: {label}")),
                      _signatory_table(q, cat, chunk))
                yield q


# ---------------------------------------------------------------- recipients and tags

def recipients_index(cat: Catalogue) -> Page:
    p = Page("recipients/index.md", _t("recipients"), _t("recipients_description"))
    p.add(f"<h1>{_t('recipients')}</h1>\n",
          f"<p>{_t('recipients_intro')}</p>\n",
          '<table class="us-table"><thead><tr>'
          + "".join(f'<th scope="col">{_t(k)}</th>' for k in ("name", "role", "letters"))
          + "</tr></thead>\n<tbody>\n")
    for rid in sorted(cat.recipients, key=lambda r: (sort_key(cat.recipients[r].name), r)):
        r = cat.recipients[rid]
        p.add(f'<tr><td><a href="{p.link(recipient_src(rid))}">{esc(r.name)}</a></td>'
              f"<td>{esc(r.role or '')}</td>"
              f'<td class="us-num">{len(cat.recipient_letters.get(rid, ()))}</td></tr>\n')
    p.add("</tbody></table>\n")
    return p


def recipient_pages(cat: Catalogue, rid: str) -> Iterator[Page]:
    r = cat.recipients[rid]
    ids = cat.recipient_letters.get(rid, ())
    p = Page(recipient_src(rid), r.name, _t("letters_to_description", name=r.name), search=True,
             feed=f"recipients/{rid}/")
    p.add(f"<h1>{esc(r.name)}</h1>\n",
          '<p class="us-names" data-pagefind-weight="10">',
          " · ".join(esc(n) for n in dict.fromkeys((r.name, *r.aliases))), "</p>\n",
          '<span hidden data-pagefind-filter="kind:recipient"></span>\n')
    if r.role:
        p.add(f'<p>{esc(r.role)}</p>\n')
    p.add(f"<p>{_t('addressed_to', count=_count(len(ids), 'letter'), name=esc(r.name))}</p>\n",
          _follow(p, f"recipients/{rid}/"), recipient_timeline_html(p, cat, ids, r.name))
    yield from _paged_letters(cat, p, ids, _t("letters_to", name=r.name), ignore=True)


def tags_index(cat: Catalogue) -> Page:
    p = Page("tags/index.md", _t("tags"), _t("tags_description"))
    p.add(f"<h1>{_t('tags')}</h1>\n", '<table class="us-table"><thead><tr>'
          + "".join(f'<th scope="col">{_t(k)}</th>' for k in ("tag", "about", "letters"))
          + "</tr></thead>\n<tbody>\n")
    for tid, tag in cat.tags.items():
        p.add(f'<tr><td><a href="{p.link(tag_src(tid))}">{esc(tag.label)}</a></td>'
              f"<td>{esc(tag.description)}</td>"
              f'<td class="us-num">{len(cat.tag_letters.get(tid, ()))}</td></tr>\n')
    p.add("</tbody></table>\n")
    return p


def tag_pages(cat: Catalogue, tid: str) -> Iterator[Page]:
    tag = cat.tags[tid]
    ids = cat.tag_letters.get(tid, ())
    p = Page(tag_src(tid), _t("tag_title", label=tag.label), tag.description, search=True,
             feed=f"tags/{tid}/")
    p.add(f"<h1>{_t('tag_title', label=esc(tag.label))}</h1>\n",
          '<span hidden data-pagefind-filter="kind:tag"></span>\n',
          f"<p>{esc(tag.description)}</p>\n",
          f"<p>{_count(len(ids), 'letter')}. "
          f'<a href="{p.link("tags/index.md")}">{_t("all_tags")}</a>.</p>\n',
          _follow(p, f"tags/{tid}/"))
    yield from _paged_letters(cat, p, ids, _t("letters_tagged", label=tag.label), ignore=True)


# ---------------------------------------------------------------- data and search

def _fields_table(rows: Iterable[tuple[str, str]], head: str = "Column") -> str:
    return ('<table class="us-table"><thead><tr>'
            f'<th scope="col">{esc(head)}</th><th scope="col">Meaning</th></tr></thead>\n'
            "<tbody>\n"
            + "".join(f"<tr><td><code>{esc(name)}</code></td><td>{esc(text)}</td></tr>\n"
                      for name, text in rows)
            + "</tbody></table>\n")


def _code(text: str) -> str:
    return f"<pre><code>{esc(text)}</code></pre>\n"


def data_page(cat: Catalogue, site_url: str | None = None) -> Page:
    p = Page("data/index.md", "Data",
             "Every fact on the site as CSV, JSON and a SQLite database, described as a "
             "Data Package.")
    s = cat.stats
    base = (site_url.rstrip("/") if site_url else "https://ARCHIVE") + "/data"
    link = p.link
    p.add("<h1>Data</h1>\n",
          "<p>Everything the site shows can be downloaded. Ids and URLs are stable: a letter "
          "is <code>/letters/&lt;letter-id&gt;/</code>, a signatory "
          "<code>/signatories/&lt;id&gt;/</code>. Files are UTF-8 with <code>\\n</code> line "
          "endings; JSON keys are sorted. Every name is kept exactly as printed on the letter, "
          "beside the id of the record it is linked to.</p>\n",
          '<ul class="us-plain">',
          f'<li><a href="{link("data/signatures.csv")}">signatures.csv</a>: one row per '
          "signature</li>",
          f'<li><a href="{link("data/letters.json")}">letters.json</a> and '
          f'<a href="{link("data/signatories.json")}">signatories.json</a>: the records</li>',
          f'<li><a href="{link("data/undersigned.db")}">undersigned.db</a>: all of it as one '
          "SQLite database with full-text search, and its "
          f'<a href="{link("data/metadata.json")}">metadata.json</a> for Datasette</li>',
          f'<li><a href="{link("data/datapackage.json")}">datapackage.json</a>: a Frictionless '
          "Data Package describing every file, each column typed</li>",
          "</ul>\n")
    if not site_url:
        p.add("<p>In the commands below, <code>https://ARCHIVE</code> stands for this "
              "site's address.</p>\n")
    p.add('<h2 id="quick-start">In a terminal</h2>\n',
          "<p>Download the signatures as CSV, or the database and explore it in "
          "<a href=\"https://datasette.io/\">Datasette</a> (a browser opens on "
          "every table, with facets, full-text search and CSV export):</p>\n",
          _code(f"curl -O {base}/signatures.csv\n"
                f"curl -O {base}/undersigned.db -O {base}/metadata.json\n"
                "pip install datasette\n"
                "datasette undersigned.db -m metadata.json --open"),
          "<p>Or query it with <code>sqlite3</code> (here, every letter IMUMI signed):</p>\n",
          _code("sqlite3 -header -column undersigned.db \\\n"
                "  \"SELECT l.date, l.title, s.printed_name FROM signatures s\n"
                "   JOIN letters l ON l.id = s.letter_id\n"
                "   WHERE s.signatory_id = 'imumi' ORDER BY l.date DESC\""),
          "<p>Check the files against their description, or load them typed, with "
          "<a href=\"https://framework.frictionlessdata.io/\">Frictionless</a>:</p>\n",
          _code(f"pip install 'frictionless[json]'\n"
                f"frictionless validate {base}/datapackage.json"))

    p.add('<h2 id="signatures-csv">signatures.csv</h2>\n',
          f'<p><a href="{link("data/signatures.csv")}">signatures.csv</a>: one row per '
          f"signature ({s.signatures:,} rows), letters newest first, signatures in printed "
          "order; a network's members follow the network.</p>\n",
          _fields_table(export.SIGNATURE_COLUMNS),
          '<h2 id="letters-json">letters.json</h2>\n',
          f'<p><a href="{link("data/letters.json")}">letters.json</a>: a list of '
          f"{s.letters:,} letters, newest first, each an object with these keys (the text "
          "is the Markdown file at <code>path</code> in the repository):</p>\n",
          _fields_table(((n, m) for n, _, m in datapackage.LETTER_FIELDS), "Key"),
          '<h2 id="signatories-json">signatories.json</h2>\n',
          f'<p><a href="{link("data/signatories.json")}">signatories.json</a>: a list of '
          f"{s.signatories:,} canonical records, by id, each with these keys:</p>\n",
          _fields_table(((n, m) for n, _, m in datapackage.SIGNATORY_FIELDS), "Key"),
          '<h2 id="per-signatory">Per signatory</h2>\n',
          "<p>Each signatory page links its own rows of signatures.csv: "
          "<code>/signatories/&lt;id&gt;/signatures.csv</code> (same columns) and "
          "<code>/signatories/&lt;id&gt;/signatures.json</code> (a list of objects with the "
          "same keys).</p>\n")

    p.add('<h2 id="database">The SQLite database</h2>\n',
          f'<p><a href="{link("data/undersigned.db")}">undersigned.db</a> holds every file '
          "above as tables with foreign keys and indexes. Datasette opens it as it is; "
          f'<a href="{link("data/metadata.json")}">metadata.json</a> gives it titles, the '
          "meaning of every column, and names in place of ids. Full-text search (SQLite's "
          "FTS5, case and accents folded: <em>Mexico</em> finds <em>México</em>) covers "
          + ", ".join(f"<code>{esc(t)}</code> ({esc(', '.join(c))}) in "
                      f"<code>{esc(t)}_fts</code>" for t, c in database.FTS.items())
          + ". A signatory's <code>all_names</code> holds its canonical name, acronyms, "
          "aliases and printed forms, so any of them finds it.</p>\n")
    for t in database.TABLES:
        p.add(f'<h3 id="table-{esc(t.name)}"><code>{esc(t.name)}</code></h3>\n',
              f"<p>{esc(t.description)}</p>\n",
              _fields_table((n, m) for n, _, m in t.columns))
    p.add('<h3 id="queries">Example queries</h3>\n',
          "<p>Each runs in <code>sqlite3</code> (set a parameter with "
          "<code>.param set :id imumi</code>) and in Datasette's SQL box, which asks for "
          "the parameters.</p>\n")
    for question, sql in database.EXAMPLE_QUERIES:
        p.add(f"<p>{esc(question)}</p>\n", _code(sql + ";"))

    p.add('<h2 id="datapackage">Data Package</h2>\n',
          f'<p><a href="{link("data/datapackage.json")}">datapackage.json</a> describes '
          "signatures.csv, letters.json, signatories.json, the database and metadata.json "
          "in the <a href=\"https://datapackage.org/\">Frictionless Data Package</a> "
          "format: each column's type and meaning, the primary and foreign keys. "
          "<code>frictionless validate datapackage.json</code> checks every file against "
          "it; pandas, R and Open Data Editor load them through it.</p>\n",
          '<h2 id="cite">Citing a letter</h2>\n',
          "<p>Each letter page ends with a <em>Cite</em> section: its permanent address and "
          "its citation in BibTeX, also as files beside the page, "
          "<code>/letters/&lt;id&gt;/cite.bib</code> and "
          "<code>/letters/&lt;id&gt;/cite.json</code> (CSL-JSON, which Zotero and Pandoc "
          "read). A citation gives the title, the date, the recipients, the number of "
          "signatories and the archive as publisher; add the date you read it.</p>\n",
          '<h2 id="command">From the repository</h2>\n',
          "<p>The archive-wide files (the CSV, the JSON, the database and both descriptions) "
          "also come from <code>undersigned export DIR</code> in a clone of the "
          "repository.</p>\n")
    p.add(_feeds_html(p))
    return p


def _feeds_html(p: Page) -> str:
    """The Data page's section on the feeds (feeds.py makes them)."""
    return (
        '<h2 id="feeds">Feeds</h2>\n'
        "<p>Follow the archive, a signatory, a recipient or a tag in a feed reader: every "
        "feed comes as Atom and as JSON Feed 1.1, and every page links its own in its "
        "head (a reader finds it from the page's address) and under a <em>Follow</em> "
        "link.</p>\n"
        '<table class="us-table"><thead><tr><th scope="col">Feed</th>'
        '<th scope="col">Atom</th><th scope="col">JSON Feed</th>'
        '<th scope="col">Letters</th></tr></thead>\n<tbody>\n'
        f'<tr><td>The whole archive</td><td><a href="{p.link("feed.xml")}">/feed.xml</a>'
        f'</td><td><a href="{p.link("feed.json")}">/feed.json</a></td>'
        f'<td class="us-num">{feeds.ARCHIVE_ITEMS}</td></tr>\n'
        + "".join(
            f"<tr><td>{what}</td><td><code>/{kind}/&lt;id&gt;/feed.xml</code></td>"
            f"<td><code>/{kind}/&lt;id&gt;/feed.json</code></td>"
            f'<td class="us-num">{feeds.ENTITY_ITEMS}</td></tr>\n'
            for what, kind in (("Letters signed by a signatory", "signatories"),
                               ("Letters to a recipient", "recipients"),
                               ("Letters with a tag", "tags")))
        + "</tbody></table>\n"
        "<p>Each item is one letter, newest first: its id is the letter's permanent URL, "
        "its date the letter's date (at 00:00 UTC), its text the letter's summary (cut "
        f"at {feeds.ARCHIVE_SUMMARY_CHARS} characters in the archive's feed, "
        f"{feeds.SUMMARY_CHARS} in the others), the number of signatures listed and up "
        f"to {feeds.RECIPIENTS_SHOWN} recipients; the letter's text is on its page. "
        "JSON Feed items also give the count as <code>_undersigned.signatories</code>. "
        "A feed's date is its newest letter's, so the feeds change only when the "
        "letters do.</p>\n")


def search_page() -> Page:
    p = Page("search/index.md", _t("search"))
    p.add(f"<h1>{_t('search')}</h1>\n",
          f"<p>{_t('search_intro')}</p>\n",
          '<div id="us-search-page" class="us-search-page"></div>\n',
          f"<noscript><p>{_t('search_needs_js')} "
          f'<a href="../letters/">{_t("letters_lower")}</a> {_t("and_the")} '
          f'<a href="../signatories/">{_t("signatories_lower")}</a> {_t("instead")}.</p>'
          "</noscript>\n")
    return p


# ---------------------------------------------------------------- pictures (pictures.py)
# Each figure has a caption saying what it shows and where its data is in a table.

MAP_SRC = "network/index.md"
# Letters listed under each co-signer in "Letters signed together", and the fewest letters
# in common that a co-signer needs to be drawn and listed there.
TOGETHER_SHOWN = 3
MIN_TOGETHER = 2
# A signatory's timeline is drawn from this many letters (one point says nothing the page's
# facts do not).
PICTURE_FROM = 2
# A per-year table longer than this is folded in <details>.
OPEN_YEARS = 6


def _year_table(p: Page, counts: list[tuple[int, int]], caption: str,
                link_years: bool = False) -> str:
    def year(y: int, n: int) -> str:
        return f'<a href="{p.link(year_src(y))}">{y}</a>' if link_years and n else str(y)

    rows = "".join(f'<tr><td>{year(y, n)}</td><td class="us-num">{n:,}</td></tr>'
                   for y, n in counts)
    table = (f'<table class="us-table us-years"><caption>{esc(caption)}</caption><thead><tr>'
             '<th scope="col">Year</th><th scope="col">Letters</th></tr></thead>'
             f"<tbody>{rows}</tbody></table>\n")
    if len(counts) <= OPEN_YEARS:
        return table
    return f"<details class=\"us-data\"><summary>{esc(caption)}</summary>{table}</details>\n"


def _bars_figure(p: Page, days: list, uid: str, what: str, link_years: bool) -> str:
    if not days:
        return ""
    counts = pictures.year_counts(days)
    span = f"{counts[0][0]}" if len(counts) == 1 else f"{counts[0][0]} to {counts[-1][0]}"
    title = f"{what} over time"
    desc = f"{pictures.count_text(len(days))} from {span}, as bars by month or year."
    return (f'<figure class="us-figure" id="{uid}">'
            f"{pictures.bars_svg(days, uid, title, desc)}"
            f"<figcaption>{esc(title)}: {esc(desc)} The counts per year are in the table "
            "below.</figcaption></figure>\n"
            + _year_table(p, counts, f"{what} per year", link_years))


def home_timeline_html(p: Page, cat: Catalogue) -> str:
    return ('<h2 id="timeline">Letters over time</h2>\n'
            + _bars_figure(p, [x.date for x in cat.letters], "us-home-tl", "Letters", True)
            + f'<p><a href="{p.link(MAP_SRC)}">The map of the most connected signatories'
            "</a>: who signs with whom across the archive.</p>\n")


def recipient_timeline_html(p: Page, cat: Catalogue, ids: tuple[str, ...], name: str) -> str:
    days = [cat.letter_by_id[i].date for i in ids]
    # Not search text: months and counts would only dilute the recipient's names.
    figure = _bars_figure(p, days, "us-recipient-tl", f"Letters to {name}", False)
    return f"<div data-pagefind-ignore>\n{figure}</div>\n" if figure else ""


def signatory_timeline_html(p: Page, cat: Catalogue, view: SignatoryView,
                            srcs: list[str]) -> str:
    """When a signatory signed: each letter a point linking to it; when dense, one point
    per month linking to the page of the letters table where that month begins."""
    if view.letter_count < PICTURE_FROM:
        return ""
    name = view.signatory.name
    marks = []
    first_page: dict[tuple[int, int], int] = {}  # (year, month or 0) -> table page, 0-based
    for i, row in enumerate(view.signed_rows):
        d = cat.letter_by_id[row[0]].date
        first_page.setdefault((d.year, d.month), i // ROWS_PER_PAGE)
        first_page.setdefault((d.year, 0), i // ROWS_PER_PAGE)
    for lid in view.letter_ids:
        letter = cat.letter_by_id[lid]
        marks.append(pictures.Mark(letter.date, letter.title, p.link(letter_src(lid))))

    def month_href(year: int, month: int) -> str:
        n = first_page[(year, month)]
        return "#letters" if n == 0 else p.link(srcs[n]) + "#letters"

    counts = pictures.year_counts(m.day for m in marks)
    title = f"When {name} signed"
    desc = (f"{pictures.count_text(len(marks))} from {counts[0][0]} to {counts[-1][0]}"
            if len(counts) > 1 else f"{pictures.count_text(len(marks))} in {counts[0][0]}")
    svg = pictures.points_svg(marks, "us-sig-tl", title, desc + ".", month_href)
    unit = pictures.grouping(marks)
    how = ("Each point is a letter: hover or focus it (Tab) to see which, follow it to read it."
           if unit == "letter" else
           f"Each point is the letters of a {unit}, sized by their number; it leads to them "
           "in the table.")
    return (f'<figure class="us-figure" id="timeline">{svg}<figcaption>{how} The table '
            "below lists them all.</figcaption></figure>\n"
            # One point per letter: the table of letters signed is its data. Grouped: the
            # counts per year are.
            + ("" if unit == "letter" else _year_table(p, counts, "Letters signed per year")))


def cosigner_network_html(p: Page, cat: Catalogue, view: SignatoryView) -> str:
    """The top co-signers that signed at least MIN_TOGETHER letters with the signatory, as a
    star around it, then the letters signed with them, without script.

    Bytes are what this costs (one such section on every signatory page: ~20,000 pages at
    10,000 letters), so co-signers that share the same letters are listed together, once;
    those that signed every letter of the signatory are named without the letters (the
    table of letters signed lists them); each list shows the latest TOGETHER_SHOWN letters
    and points to the co-signer's signatures.csv for the rest. One letter in common says
    nothing the letter's own page does not.
    """
    strong = [(o, n) for o, n in view.cosigners if n >= MIN_TOGETHER]
    if not strong:
        return ""
    name = view.signatory.name
    nodes = [pictures.Node(cat.signatories[o].signatory.name, p.link(signatory_src(o)), n)
             for o, n in strong]
    title = f"{name} and its co-signers"
    desc = (f"The {_count(len(nodes), 'signatory')} that most often signed the "
            f"same letters as {name}, each line as thick as the letters signed together.")
    svg = pictures.star_svg(name, nodes, "us-sig-net", title, desc)
    groups: dict[tuple[str, ...], list[str]] = {}
    for o, _ in strong:
        other = cat.signatories[o]
        # Through the shorter list (newest first, as both are): a page costs the letters of
        # the signatory or of its co-signer, whichever signed fewer.
        short, long = ((view, other) if view.letter_count <= other.letter_count
                       else (other, view))
        shared = tuple(lid for lid in short.letter_ids if lid in long.letter_set)
        groups.setdefault(shared, []).append(o)
    out = ['<h3 id="together">Letters signed together</h3>\n']
    everything = groups.pop(view.letter_ids, None)
    if everything:
        out.append(f"<p>Signed every letter {esc(name)} signed: "
                   f"{', '.join(_sig_link(p, cat, o) for o in everything)}.</p>\n")
    if groups:
        out.append("<p>Open a co-signer to see the letters it signed with "
                   f"{esc(name)}, newest first.</p>\n")
    for shared, others in groups.items():
        # One more than the cap is shown rather than announced.
        shown = shared if len(shared) <= TOGETHER_SHOWN + 1 else shared[:TOGETHER_SHOWN]
        items = [f"<li>{date_text(cat.letter_by_id[lid].date)}: "
                 f"{_letter_link(p, cat.letter_by_id[lid])}</li>" for lid in shown]
        if len(shown) < len(shared):
            # Those in a group share the same letters: any one's signatures.csv will do.
            whose = "the co-signer’s" if len(others) == 1 else "a co-signer’s"
            items.append(f"<li>and {len(shared) - len(shown):,} more: the full lists are this "
                         f'page’s <a href="{p.link(f"signatories/{view.id}/signatures.csv")}">'
                         "signatures.csv</a> and "
                         f'<a href="{p.link(f"signatories/{others[0]}/signatures.csv")}">'
                         f"{whose}</a></li>")
        names = " · ".join(esc(cat.signatories[o].signatory.name) for o in others)
        out.append(f'<details class="us-together"><summary>{names}: '
                   f"{pictures.count_text(len(shared))}</summary>"
                   f'<ul class="us-plain">{"".join(items)}</ul></details>\n')
    return (f'<figure class="us-figure us-figure--net">{svg}<figcaption>Follow a name to its '
            'page; the numbers are in the <a href="#cosigners-table">co-signers table</a>.'
            "</figcaption></figure>\n" + "".join(out))


def members_network_html(p: Page, cat: Catalogue, view: SignatoryView) -> str:
    """For a network: the members most often printed under it, as a star."""
    counts: dict[str, int] = {}
    for m in view.memberships:
        for mid in dict.fromkeys(mid for _, mid in m.members):
            if mid in cat.signatories:
                counts[mid] = counts.get(mid, 0) + 1
    top = sorted(counts, key=lambda i: (-counts[i], sort_key(cat.signatories[i].signatory.name),
                                         i))[:10]
    if not top:
        return ""
    name = view.signatory.name
    nodes = [pictures.Node(cat.signatories[i].signatory.name, p.link(signatory_src(i)),
                           counts[i]) for i in top]
    title = f"Members of {name}"
    desc = (f"The {_count(len(nodes), 'member')} printed most often under {name}, "
            "each joined by a line as thick as the letters it was printed on as a member.")
    svg = pictures.star_svg(name, nodes, "us-members-net", title, desc,
                            ("letter as a member", "letters as a member"))
    rows = "".join(f'<tr><td>{_sig_link(p, cat, i)}</td><td class="us-num">{counts[i]:,}</td>'
                   "</tr>" for i in top)
    return ('<h2 id="members-most-often">Members most often printed</h2>\n'
            f'<figure class="us-figure us-figure--net">{svg}<figcaption>Follow a name to its '
            "page; the numbers are in the table below.</figcaption></figure>\n"
            '<table class="us-table"><caption>Members printed most often</caption><thead><tr>'
            '<th scope="col">Member</th><th scope="col">Letters as a member</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>\n")


def network_map_page(cat: Catalogue) -> Page:
    p = Page(MAP_SRC, "Network map",
             "The most connected signatories of the archive and the letters they signed "
             "together.")
    eligible = [i for i, v in cat.signatories.items() if v.signatory.kind != "person"]
    m = pictures.network_map({i: v.letter_ids for i, v in cat.signatories.items()}, eligible)
    names = {sid: cat.signatories[sid].signatory.name for sid, _, _ in m.nodes}
    hrefs = {sid: p.link(signatory_src(sid)) for sid, _, _ in m.nodes}
    title = "The most connected organizations and networks"
    desc = (f"The {len(m.nodes)} organizations and networks with the most co-signatures, on a "
            f"circle, most connected first from the top, clockwise; the {len(m.edges)} "
            "strongest pairs among them joined by lines as thick as the letters they signed "
            "together.")
    p.add("<h1>Network map</h1>\n",
          "<p>Who signs with whom: a signatory's co-signatures count every other name on "
          "every letter it signed (a letter with 30 signatories gives each 29). People are "
          "left out.</p>\n")
    if not m.nodes:
        p.add("<p>No letter has two signatories yet.</p>\n")
        return p
    p.add(f'<figure class="us-figure us-figure--map">'
          f'{pictures.map_svg(m, names, hrefs, "us-map", title, desc)}'
          f"<figcaption>{esc(title)}: {esc(desc)} Follow a name to its page. The data is in "
          "the two tables below.</figcaption></figure>\n",
          '<h2 id="signatories">The signatories on the map</h2>\n',
          '<table class="us-table"><thead><tr><th scope="col">Signatory</th>'
          '<th scope="col">Co-signatures</th><th scope="col">Letters</th></tr></thead><tbody>',
          *(f'<tr><td>{_sig_link(p, cat, sid)}</td><td class="us-num">{deg:,}</td>'
            f'<td class="us-num">{n:,}</td></tr>' for sid, deg, n in m.nodes),
          "</tbody></table>\n",
          '<h2 id="pairs">The pairs on the map</h2>\n'
          '<details class="us-data"><summary>The strongest pairs, by letters signed together'
          "</summary>"
          '<table class="us-table"><thead><tr><th scope="col">Signatory</th>'
          '<th scope="col">Signatory</th><th scope="col">Letters together</th></tr></thead>'
          "<tbody>",
          *(f"<tr><td>{_sig_link(p, cat, a)}</td><td>{_sig_link(p, cat, b)}</td>"
            f'<td class="us-num">{n:,}</td></tr>' for a, b, n in m.edges),
          "</tbody></table></details>\n")
    return p
