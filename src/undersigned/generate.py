"""Generate stage: the site's pages and downloads from a Catalogue, as text.

`generate(catalogue)` returns {relative path: content}: Markdown pages (front
matter plus one block of HTML that this module writes itself) and the CSV/JSON
downloads. It is pure and renderer-neutral: MkDocs renders the pages through a
thin hook (mkdocs_plugin), another generator could render the same dict.

The markup is in Jinja2 templates, one per page type, in `templates/` beside this
module; the functions here decide what goes on a page and hand the templates plain
values. Safety: the environment autoescapes every value a template prints, so escaping
cannot be forgotten; only three kinds of HTML are marked safe (`Markup`): the interface
strings of i18n.py (ours), letter bodies (body.py: Python-Markdown, then nh3) and the
SVG pictures (pictures.py escapes its own text). Front matter only carries escaped
text, because MkDocs' Jinja templates print `page.meta` without autoescaping.

Pages link to each other with relative URLs computed here (every page is a
directory URL), so the site works under any base path.
"""

from __future__ import annotations

import contextvars
import functools
import html
import json
import re
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import markupsafe
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from . import cite, database, datapackage, export, feeds, i18n, parallel, pictures, urls
from .body import BodyFailed, body_renderer, letter_body_html, render_bodies
from .catalogue import Catalogue, SignatoryView, sort_key
from .models import Diagnostic, Entry, Letter, RecipientRef, Section
from .urls import (
    continued_src,
    index_src,
    letter_src,
    recipient_src,
    signatory_src,
    tag_src,
    url_of,
    year_src,
)

# The body conversion lives in body.py; these names stay importable from here for the
# callers that have always found them here (live.py).
# Every URL is built in urls.py; the page sources and url_of stay importable from here too.
__all__ = ["BodyFailed", "body_renderer", "generate", "letter_body_html", "letter_src",
           "recipient_src", "render_bodies", "signatory_src", "tag_src", "url_of", "year_src"]

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
TEMPLATES = Path(__file__).parent / "templates"
# While spanish.py writes the hub pages a second time: where a page's path moves to
# (`es/…` for a hub page, unchanged for the others). A page's own path and every link
# between pages go through it, so a Spanish hub page links the Spanish hub pages and the
# one copy of every letter and signatory page. None: every path stays where it is.
MOVED: contextvars.ContextVar[Callable[[str], str] | None] = contextvars.ContextVar(
    "moved", default=None)


def _moved(src: str) -> str:
    move = MOVED.get()
    return src if move is None else move(src)


# What a template reads as `x.name` (a namespace: a dict would make Jinja try, and fail, an
# attribute first on every access).
Facts = types.SimpleNamespace


def esc(text: object) -> str:
    """Escape text for HTML content and double-quoted attributes."""
    return html.escape(str(text), quote=True)


# Jinja's autoescape (markupsafe) writes `"` and `'` as `&#34;` and `&#39;`; the pages have
# always had html.escape's `&quot;` and `&#x27;` (the same characters). A page's bytes stay
# what they were by swapping them after rendering: neither entity can come from anything
# else (escaped text writes `&` as `&amp;`; nh3 and pictures.py write neither).
_ENTITIES = (("&#34;", "&quot;"), ("&#39;", "&#x27;"))


class Interface:
    """The interface's words in one language, as the templates ask for them: `t.key` is
    the string `key`, `t("key", name=...)` the string with its placeholders filled.
    Interface strings are ours and may hold markup (`<em>`): they are Markup; the values
    filled into them are data, and are escaped."""

    def __init__(self, lang: str):
        self.strings = {key: versions[lang] for key, versions in i18n.STRINGS.items()}
        for key, s in self.strings.items():  # an attribute each: the templates' fast path
            setattr(self, key, Markup(s))

    def __call__(self, key: str, **values: object) -> Markup:
        return Markup(self.strings[key].format(
            **{k: html.escape(v) if type(v) is str else v for k, v in values.items()}))


@functools.cache
def _environment(lang: str) -> Environment:
    """One environment per interface language (its globals say the interface's words),
    built once; templates are compiled once each and never reloaded. Every template sees
    `t` (Interface), `count`, `number`, `date`, `lang`, `urls` (every URL of the site is
    built there: a template names a page or file with it and links to it with `link`),
    and `shared`: the macros of
    templates/_shared.html (a global rather than an `{% import %}` in each page, which
    costs a lookup per page rendered)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.globals.update({
        "t": Interface(lang), "count": functools.partial(_count, lang=lang),
        "number": functools.partial(i18n.number, lang=lang),
        "date": functools.partial(i18n.date_text, lang=lang), "lang": lang, "urls": urls})
    env.globals["shared"] = env.get_template("_shared.html").module
    _print_markup_as_is(env)
    return env


def _markup_as_is(value: object) -> Markup:
    """markupsafe.escape, but a Markup value is returned itself rather than as a copy of
    itself (the same text: Markup is already escaped). Most values our templates print are
    Markup (interface strings, rendered fragments): 1.3 million copies at 1,000 letters."""
    return value if type(value) is Markup else markupsafe.escape(value)


# The name by which a template that Jinja 3 compiled calls markupsafe.escape on every
# value it prints (its module's global; Jinja's code generator imports it from
# jinja2.runtime). Private to Jinja: the switch below only replaces it where it finds it.
_JINJA_ESCAPE = "escape"


def _print_markup_as_is(env: Environment) -> None:
    """Have every template of `env` print through `_markup_as_is` (the same bytes, a tenth
    less time on a signatory page). Where a template does not call markupsafe.escape by
    that name (another Jinja), it keeps its own escaping: slower, never wrong;
    test_generate checks that the switch is on with the Jinja installed."""
    for name in env.list_templates():
        namespace = env.get_template(name).root_render_func.__globals__
        if namespace.get(_JINJA_ESCAPE) is markupsafe.escape:
            namespace[_JINJA_ESCAPE] = _markup_as_is


@functools.cache
def template(name: str, lang: str = i18n.DEFAULT) -> Template:
    """The compiled template `name` (a file of templates/) for interface `lang`."""
    return _environment(lang).get_template(name)


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
    lang: str = i18n.DEFAULT  # the interface's language (a letter keeps its own)
    together: bool = False  # lists letters signed together in the page (signatory_pages)

    def __post_init__(self) -> None:
        self.src = _moved(self.src)
        self.parts: list[str] = []
        self.up = urls.up(self.src)  # from this page to the site's root

    def link(self, src: str) -> str:
        """Relative href from this page to another generated path (urls.relative; the
        templates escape it, as every value)."""
        target = url_of(_moved(src))
        if MOVED.get() is None:
            return self.up + target
        # A Spanish hub page to another: stay inside es/ rather than climb out and back.
        depth, here = self.up.count("/"), url_of(self.src).split("/")
        while depth and target.startswith(here[0] + "/"):
            target, depth, here = target[len(here[0]) + 1:], depth - 1, here[1:]
        return "../" * depth + target

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def render_template(self, name: str, **context: object) -> str:
        """`name` rendered for this page: `link` in it links from here."""
        text = template(name, self.lang).render(link=self.link, **context)
        if "&#3" in text:  # one scan of the page where most have neither entity
            for entity, written in _ENTITIES:
                text = text.replace(entity, written)
        return text

    def render(self) -> str:
        meta: dict[str, object] = {"title": esc(self.title)}
        if self.description:
            meta["description"] = esc(self.description)
        if self.search:
            meta["pagefind"] = True  # overrides/main.html marks the content for Pagefind
        if self.feed is not None:
            meta["feed"] = esc(self.feed)  # overrides/main.html links it in the head
        if self.together:
            meta["together"] = True  # overrides/main.html loads undersigned-together.js
        front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        # One raw HTML block: Python-Markdown passes it through untouched.
        body = "".join(self.parts)
        return (f"---\n{front}---\n\n<div class=\"us-page\">\n{HTML_OPEN}\n{body}{HTML_CLOSE}\n"
                "</div>\n")


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

    Letter bodies (Python-Markdown) are converted on every core (parallel.Chunks)
    while this process writes the other pages, and each letter's page is made as soon
    as its body is back; the signatories' pages (the most pages, and most of the time
    once the bodies are done) are made by worker processes too, while this process
    makes the indexes and the recipient and tag pages. The result is the same dict,
    in the same order, as making every page one by one.

    `site_url` (mkdocs.yml's, if set) is the site's address: letters' citations give
    their permanent URL only when it is known.
    """
    def text(page: Page) -> str | bytes:
        return _page_text(page, encode)

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

    with parallel.Chunks(render_bodies, [x.body for x in cat.letters]) as bodies, \
            parallel.shared_chunks(_signatory_page_texts, (cat, encode),
                                   len(cat.signatories_az)) as signatory_texts:
        out: dict[str, str | bytes] = {p.src: text(p) for p in _head_pages(cat)}
        rest: dict[str, str | bytes] = {}
        for i, page in enumerate(_tail_pages(cat, site_url, signatories=False)):
            rest[page.src] = text(page)
            if i % 256 == 0:  # bodies converted meanwhile: their pages now, not all at the end
                for part in bodies.ready():
                    take(part)
        for part in bodies.rest():
            take(part)
        tail: dict[str, str | bytes] = {}
        for part in signatory_texts.rest():
            for texts in part:
                tail.update(texts)
    if failed:
        raise BodyFailed(failed)
    out.update(letter_pages)
    out.update(tail)
    out.update(rest)
    if data:
        out.update(export.site_data_files(cat, site_url))
        out[urls.data_file(export.DATABASE_FILE)] = database.database_bytes(cat)
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


def _page_text(page: Page, encode: bool) -> str | bytes:
    t = page.render()
    return t.encode("utf-8", "surrogatepass") if encode else t


def _signatory_page_texts(shared: tuple[Catalogue, bool],
                          positions) -> list[list[tuple[str, str | bytes]]]:
    """The pages of the signatories at `positions` of the A–Z order, as (path, text):
    a worker's share of `generate` (parallel.shared_chunks)."""
    cat, encode = shared
    return [[(p.src, _page_text(p, encode))
             for p in signatory_pages(cat, cat.signatories[cat.signatories_az[i]])]
            for i in positions]


def _tail_pages(cat: Catalogue, site_url: str | None = None,
                signatories: bool = True) -> Iterator[Page]:
    """The pages after the letters'; `signatories=False` leaves out the signatories' own
    pages (which `generate` has made elsewhere), not their indexes."""
    for sid in cat.signatories_az if signatories else ():
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
# What goes in a row, as plain values; the templates say how it looks.

# The pieces of markup printed in row after row of table after table (a signatory's
# name linked, a letter's date and title cells) are rendered once per value and page
# depth by their macro in templates/_shared.html, and kept: at 1,000 letters the
# signatory pages print 160,000 co-signer links and 100,000 letters-signed rows, but
# only 16,000 distinct names and 1,000 letters. The key holds every input of the
# markup, so an edited name or title (under `serve`) is a new entry, never a stale one.
_FRAGMENTS = 1 << 17


@functools.lru_cache(maxsize=_FRAGMENTS)
def _sig_link(up: str, sid: str | None, label: str, lang: str) -> Markup:
    href = None if sid is None else up + url_of(signatory_src(sid))
    return template("_shared.html", lang).module.sig_link(href, label)


@functools.lru_cache(maxsize=_FRAGMENTS)
def _letter_cells(up: str, lid: str, day, title: str, lang: str) -> Markup:
    return template("_shared.html", lang).module.letter_cells(
        day.isoformat(), i18n.date_text(day, lang), up + url_of(letter_src(lid)), title)


@functools.lru_cache(maxsize=_FRAGMENTS)
def _count_row(up: str, sid: str | None, label: str, n: int, lang: str) -> Markup:
    href = None if sid is None else up + url_of(signatory_src(sid))
    return template("_shared.html", lang).module.count_row(href, label, n)


@functools.lru_cache(maxsize=_FRAGMENTS)
def _letter_row(up: str, lid: str, day, title: str, recipients: str, listed: int,
                language: str, lang: str) -> Markup:
    return template("_shared.html", lang).module.letter_row(
        _letter_cells(up, lid, day, title, lang), recipients, listed, language)


@functools.lru_cache(maxsize=_FRAGMENTS)
def _entry_item(up: str, sid: str | None, printed: str, canonical: str | None,
                lang: str) -> Markup:
    return template("_shared.html", lang).module.entry_item(
        _sig_link(up, sid, printed, lang), canonical)


def _joined(fragments: Iterable[Markup]) -> Markup:
    """Fragments our templates rendered, as one: each is Markup, escaped where it was
    made, and safe HTML put end to end is safe HTML. Anything else is refused, so no text
    reaches a page unescaped this way. (A template printing a list of them pays Jinja's
    loop and escape per item: 2 µs a row, 300,000 rows at 1,000 letters.)"""
    parts = list(fragments)
    if not all(type(f) is Markup for f in parts):
        raise TypeError("_joined takes fragments rendered by a template (Markup) only")
    return Markup("".join(parts))


def _sig(p: Page, cat: Catalogue, sid: str, text: str | None = None) -> Markup:
    """A signatory's name (or `text`) linked to its page; no link for an id with no record."""
    view = cat.signatories.get(sid)
    label = text if text is not None else (view.signatory.name if view else sid)
    return _sig_link(p.up, sid if view is not None else None, label, p.lang)


def _cells(p: Page, letter: Letter) -> Markup:
    """A letter's date and title cells, linked from `p`."""
    return _letter_cells(p.up, letter.id, letter.date, letter.title, p.lang)


def _letter_rows(p: Page, cat: Catalogue, letters: Iterable[Letter]) -> Markup:
    """The rows of a letters table (templates/_shared.html, letters_table)."""
    up, lang = p.up, p.lang
    return _joined(_letter_row(up, x.id, x.date, x.title,
                        ", ".join(_recipient_name(cat, r) for r in x.recipients),
                        cat.listed[x.id], i18n.language_name(x.language, lang), lang)
                   for x in letters)


def _recipient_name(cat: Catalogue, ref: RecipientRef) -> str:
    record = cat.recipients.get(ref.id)
    return record.name if record else (ref.name or ref.printed)


def _feeds(p: Page, directory: str) -> tuple[str, str]:
    """The hrefs of the feeds in `directory` ("" for the archive's)."""
    return tuple(p.link(f) for f in urls.feeds(directory))


def _count(n: int, key: str, lang: str = i18n.DEFAULT) -> str:
    return i18n.count(n, key, lang)


def _pager(p: Page, srcs: list[str], current: int) -> list[str | None]:
    """The hrefs of a pager's pages, None for the current one; none for a single page."""
    if len(srcs) < 2:
        return []
    return [None if i == current else p.link(src) for i, src in enumerate(srcs, 1)]


def _paged_letters(cat: Catalogue, first: Page, ids: tuple[str, ...], title: str,
                   ignore: bool = False) -> tuple[Facts, list[Page]]:
    """A letters table on `first`, continued on `<first>/2/`, `<first>/3/`... when long:
    what `first`'s template shows of it (shared.paged_first), and the other pages."""
    chunks = [ids[i:i + ROWS_PER_PAGE] for i in range(0, len(ids), ROWS_PER_PAGE)] or [()]
    srcs = [first.src] + [continued_src(first.src, n) for n in range(2, len(chunks) + 1)]
    lang = first.lang
    label = i18n.text("pages_of", lang, title=title)
    paged = Facts(ignore=ignore, pages=_pager(first, srcs, 1), label=label,
             rows=_letter_rows(first, cat, (cat.letter_by_id[i] for i in chunks[0])))
    more = []
    for n, chunk in enumerate(chunks[1:], 2):
        q = Page(srcs[n - 1], i18n.text("page_n", lang, title=title, n=n), feed=first.feed,
                 lang=lang)
        q.add(q.render_template(
            "letters_more.html", title=title, n=n, pages=_pager(q, srcs, n), label=label,
            rows=_letter_rows(q, cat, (cat.letter_by_id[i] for i in chunk))))
        more.append(q)
    return paged, more


# ---------------------------------------------------------------- home

def home_page(cat: Catalogue, lang: str = i18n.DEFAULT) -> Page:
    s = cat.stats
    p = Page("index.md", SITE_NAME, i18n.text("site_description", lang), lang=lang)
    stats = []
    for src, n, key in ((index_src("letters"), s.letters, "letter"),
                        (index_src(KIND_PAGES["organization"]), s.organizations, "organization"),
                        (index_src(KIND_PAGES["person"]), s.people, "person"),
                        (index_src(KIND_PAGES["network"]), s.networks, "network"),
                        (index_src("data"), s.signatures, "signature")):
        number = i18n.number(n, lang)
        before, _, after = _count(n, key, lang).partition(number)
        stats.append((p.link(src), before, number, after))
    frequent = [(_sig(p, cat, sid), i18n.text("kind_" + cat.signatories[sid].signatory.kind, lang),
                 cat.signatories[sid].letter_count) for sid in cat.top_signatories]
    p.add(p.render_template(
        "home.html", site_name=SITE_NAME, stats=stats, feeds=_feeds(p, ""),
        latest=_letter_rows(p, cat, (cat.letter_by_id[i] for i in cat.latest)),
        timeline=_bars_figure(p, [x.date for x in cat.letters], "us-home-tl",
                              i18n.text("letters", lang), True),
        map_src=MAP_SRC, frequent=frequent))
    return p


# ---------------------------------------------------------------- letters

def letters_index_pages(cat: Catalogue, lang: str = i18n.DEFAULT) -> Iterator[Page]:
    p = Page(index_src("letters"), i18n.text("letters", lang),
             i18n.text("letters_description", lang), lang=lang)
    total = len(cat.letters)
    inline = []
    for year, ids in cat.years.items():
        if total <= SPLIT_INDEX_OVER:
            inline.append((year, _letter_rows(p, cat, (cat.letter_by_id[i] for i in ids))))
        title = i18n.text("letters_of_year", lang, year=year)
        yp = Page(year_src(year), title, lang=lang)
        paged, more = _paged_letters(cat, yp, ids, title)
        yp.add(yp.render_template("letters_year.html", title=title, n=len(ids), paged=paged))
        yield yp
        yield from more
    p.add(p.render_template(
        "letters_index.html", total=total, inline=inline,
        years=[(p.link(year_src(y)), y, len(ids)) for y, ids in cat.years.items()]))
    yield p


def letter_page(cat: Catalogue, letter: Letter, body_html: str,
                site_url: str | None = None, lang: str = i18n.DEFAULT) -> Page:
    p = Page(letter_src(letter.id), letter.title, letter.summary, search=True, lang=lang)
    translations = []  # "Also in Español": the letter's other versions
    for other_id in letter.translations:
        other = cat.letter_by_id.get(other_id)
        if other is None:  # refused by `check`; the page links no missing letter
            continue
        translations.append((p.link(letter_src(other.id)), other.language,
                             i18n.language_name(other.language)))
    url = cite.letter_url(letter, site_url)
    p.add(p.render_template(
        "letter.html", letter=letter, translations=translations,
        recipients=_recipient_rows(p, cat, letter.recipients),
        recipient_filters=[_recipient_name(cat, r) for r in dict.fromkeys(letter.recipients)],
        cc=_recipient_rows(p, cat, letter.cc),
        tags=[(p.link(tag_src(t)), cat.tags[t].label if t in cat.tags else t)
              for t in letter.tags],
        language=i18n.language_name(letter.language, lang), listed=cat.listed[letter.id],
        # Our own conversion's HTML (body.py: Python-Markdown, then nh3): safe to print.
        body=Markup(body_html),
        sections=[(i, section.heading, _section_items(p, cat, section))
                  for i, section in enumerate(letter.sections, 1)],
        cite=Facts(url=url, here=p.link(letter_src(letter.id)),
              bib=p.link(urls.letter_file(letter.id, urls.CITE_FILES[0])),
              json=p.link(urls.letter_file(letter.id, urls.CITE_FILES[1])),
              bibtex=cite.bibtex(cat, letter, site_url))))
    return p


def _recipient_rows(p: Page, cat: Catalogue, refs: tuple[RecipientRef, ...]) -> list[tuple]:
    """(href or None, printed, the record's name where the printed form lacks it)."""
    rows = []
    for r in refs:
        name = _recipient_name(cat, r)
        href = p.link(recipient_src(r.id)) if r.id in cat.recipients else None
        rows.append((href, r.printed,
                     name if name != r.printed and name not in r.printed else None))
    return rows


def _entry_row(p: Page, cat: Catalogue, e: Entry) -> tuple:
    """(the printed form linked, the record's name where it differs, the members' rows)."""
    view = cat.signatories.get(e.id)
    canonical = view.signatory.name if view and view.signatory.name != e.printed else None
    return (_sig(p, cat, e.id, e.printed), canonical,
            [_entry_row(p, cat, m) for m in e.members])


def _section_items(p: Page, cat: Catalogue, section: Section) -> list[tuple]:
    """A section's list items: (the item rendered, for a signatory printed alone and with
    no members: the common case, kept; else None, the printed line naming several
    signatories or None, and the rows of the signatories it names)."""
    items = []
    entries = section.entries
    i = 0
    while i < len(entries):
        e = entries[i]
        j = i + 1
        if e.line:
            while j < len(entries) and entries[j].line == e.line:
                j += 1
        elif not e.members:
            view = cat.signatories.get(e.id)
            canonical = view.signatory.name if view and view.signatory.name != e.printed else None
            items.append((_entry_item(p.up, e.id if view is not None else None, e.printed,
                                      canonical, p.lang), None, None))
            i = j
            continue
        items.append((None, e.line,
                      [(k == i, *_entry_row(p, cat, entries[k])) for k in range(i, j)]))
        i = j
    return items


# ---------------------------------------------------------------- signatories

def signatory_pages(cat: Catalogue, view: SignatoryView,
                    lang: str = i18n.DEFAULT) -> Iterator[Page]:
    s = view.signatory
    rows = _signed_rows(view)
    chunks = [rows[i:i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    srcs = [signatory_src(s.id, n) for n in range(1, len(chunks) + 1)]

    p = Page(srcs[0], s.name,
             i18n.text("signatory_description", lang, name=s.name,
                       count=_count(view.letter_count, "letter", lang)),
             search=True, feed=urls.signatory(s.id), lang=lang,
             together=_lists_together(view))
    names = [s.name, *s.acronyms, *view.printed_forms,
             *(a for a in s.aliases if a not in view.printed_forms)]
    pages_label = i18n.text("pages_of", lang, title=i18n.text("letters_signed_lower", lang))
    p.add(p.render_template(
        "signatory.html", s=s, search_terms=_search_terms(names),
        unseen=" · ".join(a for a in s.aliases if a not in view.printed_forms and a != s.name),
        acronyms=", ".join(s.acronyms),
        kind=i18n.text("kind_" + s.kind, lang), kind_href=p.link(index_src(KIND_PAGES[s.kind])),
        website=s.website if s.website and s.website.startswith(("https://", "http://")) else None,
        letter_count=view.letter_count,
        data=tuple(p.link(urls.signatory_file(s.id, f)) for f in urls.SIGNATORY_FILES),
        feeds=_feeds(p, urls.signatory(s.id)), printed_forms=view.printed_forms,
        timeline=signatory_timeline(p, cat, view, srcs),
        signed=_signed_table_rows(p, cat, chunks[0]), pages=_pager(p, srcs, 1),
        pages_label=pages_label,
        members_net=members_network(p, cat, view) if view.memberships else None,
        memberships=_memberships(p, cat, view) if view.memberships else None,
        cosigners=_joined(_count_row(p.up, o, cat.signatories[o].signatory.name, n, lang)
                          for o, n in view.cosigners),  # a co-signer has a record
        together=cosigner_network(p, cat, view) if view.cosigners else None,
        # Named, not linked: the table below links them (bytes on ~20,000 pages).
        everything=[cat.signatories[o].signatory.name for o, n in view.cosigners
                    if n == view.letter_count] if p.together else [],
        pick=p.together, letter_href=p.link(letter_src(LETTER_ID)),
        networks=[_sig(p, cat, n) for n in view.networks],
        related=_related_items(p, cat, view)))
    yield p

    for n, chunk in enumerate(chunks[1:], 2):
        q = Page(srcs[n - 1], i18n.text("signed_page", lang, name=s.name, n=n), feed=p.feed,
                 lang=lang)
        q.add(q.render_template("signatory_more.html", s=s, n=n, first=q.link(srcs[0]),
                                pages=_pager(q, srcs, n), pages_label=pages_label,
                                signed=_signed_table_rows(q, cat, chunk)))
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
    return " ".join(words.values())


def _signed_rows(view: SignatoryView) -> list[tuple]:
    return list(view.signed)


def _signed_table_rows(p: Page, cat: Catalogue, rows) -> list[tuple]:
    """The rows of a signatory's letters signed (templates/_signed_table.html)."""
    letter_by_id = cat.letter_by_id
    return [(_cells(p, letter_by_id[signed.letter_id]), signed.printed,
             _sig(p, cat, signed.via) if signed.via else None) for signed in rows]


def _memberships(p: Page, cat: Catalogue, view: SignatoryView) -> Facts:
    """A network's members as printed, letter by letter, up to about MEMBER_ROWS names."""
    shown = []
    members_shown = 0
    for m in view.memberships:
        if members_shown >= MEMBER_ROWS:
            break
        letter = cat.letter_by_id[m.letter_id]
        shown.append((letter.date.isoformat(), i18n.date_text(letter.date, p.lang),
                      p.link(letter_src(letter.id)), letter.title, m.printed, len(m.members),
                      [_sig(p, cat, mid, printed) for printed, mid in m.members]))
        members_shown += len(m.members)
    more = (len(shown), len(view.memberships)) if len(shown) < len(view.memberships) else None
    return Facts(shown=shown, more=more)


@functools.lru_cache(maxsize=_FRAGMENTS)  # each name is filed in two listings: all, its kind
def _initial(name: str) -> str:
    c = sort_key(name)[:1]
    return c if "a" <= c <= "z" else "0"


def _signatory_rows(p: Page, cat: Catalogue, ids: Iterable[str]) -> list[tuple]:
    """The rows of an A–Z table of signatories (shared.signatory_table)."""
    rows = []
    kinds = {k: i18n.text("kind_" + k, p.lang) for k in KIND_PAGES}
    for sid in ids:
        view = cat.signatories[sid]
        s = view.signatory
        rows.append((_sig(p, cat, sid), kinds[s.kind], s.country or "", view.letter_count))
    return rows


def signatory_index_pages(cat: Catalogue, lang: str = i18n.DEFAULT) -> Iterator[Page]:
    """The A–Z index of all signatories and one per kind, split by initial when long."""
    listings = [("signatories", i18n.text("signatories", lang), None)] + [
        (KIND_PAGES[k], i18n.text(KIND_TITLES[k], lang), k) for k in KIND_PAGES]
    for base, title, kind in listings:
        ids = [i for i in cat.signatories_az
               if kind is None or cat.signatories[i].signatory.kind == kind]
        p = Page(index_src(base), title, i18n.text("az_description", lang, title=title),
                 lang=lang)
        kinds = [(None if b == base else p.link(index_src(b)), t) for b, t, _ in listings]
        context = {"title": title, "kinds": kinds, "total": len(ids)}
        if len(ids) <= SPLIT_INDEX_OVER:
            p.add(p.render_template("signatory_index.html", rows=_signatory_rows(p, cat, ids),
                                    **context))
            yield p
            continue
        # Too long for one page: one page per initial, the index links to them.
        groups: dict[str, list[str]] = {}
        for i in ids:
            groups.setdefault(_initial(cat.signatories[i].signatory.name), []).append(i)
        split_base = "a-z" if base == "signatories" else base

        def label_of(g: str) -> str:
            return i18n.text("digits_and_others", lang) if g == "0" else g.upper()

        p.add(p.render_template(
            "signatory_index.html", rows=None, **context,
            initials=[(p.link(f"{split_base}/{g}.md"), label_of(g), len(v))
                      for g, v in sorted(groups.items())]))
        yield p
        for g, v in sorted(groups.items()):
            label = label_of(g)
            # A common initial can still hold thousands: continue on numbered pages.
            chunks = [v[i:i + SPLIT_INDEX_OVER] for i in range(0, len(v), SPLIT_INDEX_OVER)]
            srcs = [f"{split_base}/{g}.md"]
            srcs += [continued_src(srcs[0], n) for n in range(2, len(chunks) + 1)]
            for n, chunk in enumerate(chunks, 1):
                page_label = label if n == 1 else i18n.text("page_n", lang, title=label, n=n)
                q = Page(srcs[n - 1], f"{title}: {page_label}", lang=lang)
                q.add(q.render_template(
                    "signatory_initial.html", title=title, page_label=page_label,
                    index=q.link(index_src(base)), pages=_pager(q, srcs, n),
                    pages_label=i18n.text("pages_of", lang, title=f"{title}: {label}"),
                    rows=_signatory_rows(q, cat, chunk)))
                yield q


# ---------------------------------------------------------------- recipients and tags

def recipients_index(cat: Catalogue, lang: str = i18n.DEFAULT) -> Page:
    p = Page(index_src("recipients"), i18n.text("recipients", lang),
             i18n.text("recipients_description", lang), lang=lang)
    rows = []
    for rid in sorted(cat.recipients, key=lambda r: (sort_key(cat.recipients[r].name), r)):
        r = cat.recipients[rid]
        rows.append((p.link(recipient_src(rid)), r.name, r.role or "",
                     len(cat.recipient_letters.get(rid, ()))))
    p.add(p.render_template("recipients.html", rows=rows))
    return p


def recipient_pages(cat: Catalogue, rid: str, lang: str = i18n.DEFAULT) -> Iterator[Page]:
    r = cat.recipients[rid]
    ids = cat.recipient_letters.get(rid, ())
    p = Page(recipient_src(rid), r.name, i18n.text("letters_to_description", lang, name=r.name),
             search=True, feed=urls.recipient(rid), lang=lang)
    days = [cat.letter_by_id[i].date for i in ids]
    paged, more = _paged_letters(cat, p, ids, i18n.text("letters_to", lang, name=r.name),
                                 ignore=True)
    p.add(p.render_template(
        "recipient.html", r=r, names=list(dict.fromkeys((r.name, *r.aliases))), n=len(ids),
        feeds=_feeds(p, urls.recipient(rid)),
        timeline=_bars_figure(p, days, "us-recipient-tl",
                              i18n.text("letters_to", lang, name=r.name), False),
        paged=paged))
    yield p
    yield from more


def tags_index(cat: Catalogue, lang: str = i18n.DEFAULT) -> Page:
    p = Page(index_src("tags"), i18n.text("tags", lang), i18n.text("tags_description", lang),
             lang=lang)
    p.add(p.render_template("tags.html", rows=[
        (p.link(tag_src(tid)), tag.label, tag.description, len(cat.tag_letters.get(tid, ())))
        for tid, tag in cat.tags.items()]))
    return p


def tag_pages(cat: Catalogue, tid: str, lang: str = i18n.DEFAULT) -> Iterator[Page]:
    tag = cat.tags[tid]
    ids = cat.tag_letters.get(tid, ())
    p = Page(tag_src(tid), i18n.text("tag_title", lang, label=tag.label), tag.description,
             search=True, feed=urls.tag(tid), lang=lang)
    paged, more = _paged_letters(cat, p, ids, i18n.text("letters_tagged", lang, label=tag.label),
                                 ignore=True)
    p.add(p.render_template("tag.html", tag=tag, n=len(ids), feeds=_feeds(p, urls.tag(tid)),
                            paged=paged))
    yield p
    yield from more


# ---------------------------------------------------------------- data and search

def data_page(cat: Catalogue, site_url: str | None = None, lang: str = i18n.DEFAULT) -> Page:
    p = Page(index_src("data"), i18n.text("data", lang), i18n.text("data_description", lang),
             lang=lang)
    base = (site_url.rstrip("/") if site_url else "https://ARCHIVE") + "/data"

    def said(text: str) -> str:  # the downloads' descriptions, in the page's language
        return i18n.described(text, lang)

    p.add(p.render_template(
        "data.html", site_url=site_url, stats=cat.stats, feeds=feeds,
        datasette_commands=(f"curl -O {base}/signatures.csv\n"
                            f"curl -O {base}/undersigned.db -O {base}/metadata.json\n"
                            "pip install datasette\n"
                            "datasette undersigned.db -m metadata.json --open"),
        sqlite_example=("sqlite3 -header -column undersigned.db \\\n"
                        "  \"SELECT l.date, l.title, s.printed_name FROM signatures s\n"
                        "   JOIN letters l ON l.id = s.letter_id\n"
                        "   WHERE s.signatory_id = 'imumi' ORDER BY l.date DESC\""),
        frictionless_commands=(f"pip install 'frictionless[json]'\n"
                               f"frictionless validate {base}/datapackage.json"),
        signature_columns=[(n, said(m)) for n, m in export.SIGNATURE_COLUMNS],
        letter_fields=[(n, said(m)) for n, _, m in datapackage.LETTER_FIELDS],
        signatory_fields=[(n, said(m)) for n, _, m in datapackage.SIGNATORY_FIELDS],
        fts=[(table, ", ".join(columns)) for table, columns in database.FTS.items()],
        tables=[{"name": t.name, "description": said(t.description),
                 "fields": [(n, said(m)) for n, _, m in t.columns]} for t in database.TABLES],
        queries=[(said(question), sql + ";") for question, sql in database.EXAMPLE_QUERIES]))
    return p


def search_page(lang: str = i18n.DEFAULT) -> Page:
    p = Page(index_src("search"), i18n.text("search", lang), lang=lang)
    p.add(p.render_template("search.html"))
    return p


def _related_items(p: Page, cat: Catalogue, view: SignatoryView) -> list[tuple]:
    """The related records of a signatory page, each with its relation in both interface
    languages: the page is built once and the reader's choice shows one (`us-in-en`,
    `us-in-es` in docs/assets/undersigned.css), as the stacked tables' labels do.
    Outgoing: "member of X"; incoming: "X is member of this organization"."""
    kind = view.signatory.kind
    items = []
    for r in view.related:
        words = {}
        for lang in i18n.INTERFACES:
            relation = i18n.relation_name(r.relation, lang)
            words[lang] = relation if r.outgoing else i18n.text(
                "related_incoming", lang, relation=relation,
                kind=i18n.text("kind_" + kind, lang))
        items.append((r.outgoing, words, _sig(p, cat, r.id), r.note))
    return items


# ---------------------------------------------------------------- pictures (pictures.py)
# Each figure has a caption saying what it shows and where its data is in a table. The
# SVG is pictures.py's, which escapes its own text: the templates print it as it is.

MAP_SRC = index_src("network")
# The fewest letters in common that a co-signer needs to be drawn in the star.
MIN_TOGETHER = 2
# A signatory's timeline is drawn from this many letters (one point says nothing the page's
# facts do not).
PICTURE_FROM = 2
# A per-year table longer than this is folded in <details>.
OPEN_YEARS = 6


def _year_rows(p: Page, counts: list[tuple[int, int]], link_years: bool) -> list[tuple]:
    return [(y, p.link(year_src(y)) if link_years and n else None, n) for y, n in counts]


def _bars_figure(p: Page, days: list, uid: str, what: str, link_years: bool) -> Facts | None:
    """Letters over time as bars, and their counts per year (shared.bars_figure)."""
    if not days:
        return None
    lang = p.lang
    counts = pictures.year_counts(days)
    span = (f"{counts[0][0]}" if len(counts) == 1 else
            i18n.text("span", lang, first=counts[0][0], last=counts[-1][0]))
    title = i18n.text("over_time", lang, what=what)
    desc = i18n.text("bars_desc", lang, count=_count(len(days), "letter", lang), span=span)
    # pictures.py's SVG escapes its own text: Markup, printed as it is.
    return Facts(uid=uid, svg=Markup(pictures.bars_svg(days, uid, title, desc, lang)),
            title=title, desc=desc, years=_year_rows(p, counts, link_years),
            years_caption=i18n.text("per_year", lang, what=what),
            folded=len(counts) > OPEN_YEARS)


def signatory_timeline(p: Page, cat: Catalogue, view: SignatoryView,
                       srcs: list[str]) -> Facts | None:
    """When a signatory signed: each letter a point linking to it; when dense, one point
    per month linking to the page of the letters table where that month begins."""
    if view.letter_count < PICTURE_FROM:
        return None
    name = view.signatory.name
    marks = []
    first_page: dict[tuple[int, int], int] = {}  # (year, month or 0) -> table page, 0-based
    for i, row in enumerate(view.signed_rows if len(srcs) > 1 else ()):  # else all on page 0
        d = cat.letter_by_id[row[0]].date
        first_page.setdefault((d.year, d.month), i // ROWS_PER_PAGE)
        first_page.setdefault((d.year, 0), i // ROWS_PER_PAGE)
    # Beyond MAX_POINTS letters a point stands for a month or a year (pictures.py): no
    # letter's own link or title is drawn, so none is made.
    each = len(view.letter_ids) <= pictures.MAX_POINTS
    for lid in view.letter_ids:
        letter = cat.letter_by_id[lid]
        marks.append(pictures.Mark(letter.date, letter.title,
                                   p.link(letter_src(lid)) if each else ""))

    def month_href(year: int, month: int) -> str:
        n = first_page[(year, month)] if len(srcs) > 1 else 0
        return "#letters" if n == 0 else p.link(srcs[n]) + "#letters"

    lang = p.lang
    counts = pictures.year_counts(m.day for m in marks)
    title = i18n.text("when_signed", lang, name=name)
    n = _count(len(marks), "letter", lang)
    desc = (i18n.text("signed_from", lang, count=n, first=counts[0][0], last=counts[-1][0])
            if len(counts) > 1 else i18n.text("signed_in", lang, count=n, year=counts[0][0]))
    # unit: "letter", "month" or "year", what a point stands for
    svg, unit = pictures.points_figure(marks, "us-sig-tl", title, desc, month_href, lang)
    return Facts(svg=Markup(svg), unit=unit,
            years=_year_rows(p, counts, False), folded=len(counts) > OPEN_YEARS)


def cosigner_network(p: Page, cat: Catalogue, view: SignatoryView) -> Facts | None:
    """The top co-signers that signed at least MIN_TOGETHER letters with the signatory, as a
    star around it (one letter in common says nothing the letter's own page does not).

    The letters signed with each are not listed here: undersigned-together.js computes
    them in the page, for any co-signer of the table (templates/signatory.html).
    """
    strong = [(o, n) for o, n in view.cosigners if n >= MIN_TOGETHER]
    if not strong:
        return None
    name, lang = view.signatory.name, p.lang
    nodes = [pictures.Node(cat.signatories[o].signatory.name, p.link(signatory_src(o)), n)
             for o, n in strong]
    title = i18n.text("cosigners_title", lang, name=name)
    desc = i18n.text("cosigners_desc", lang, count=_count(len(nodes), "signatory", lang),
                     name=name)
    return Facts(svg=Markup(pictures.star_svg(name, nodes, "us-sig-net", title, desc)))


def _lists_together(view: SignatoryView) -> bool:
    """Whether a signatory's page lists letters signed together (undersigned-together.js):
    when it has co-signers and signed at least MIN_TOGETHER letters. A signatory of one
    letter shares that letter with every co-signer, and its letters table shows it."""
    return bool(view.cosigners) and view.letter_count >= MIN_TOGETHER


# Where a letter's id goes in the link to a letter that a signatory page gives
# undersigned-together.js (`data-us-letter`): ids are lowercase (validate.py), this is not.
LETTER_ID = "ID"


def members_network(p: Page, cat: Catalogue, view: SignatoryView) -> Facts | None:
    """For a network: the members most often printed under it, as a star."""
    counts: dict[str, int] = {}
    for m in view.memberships:
        for mid in dict.fromkeys(mid for _, mid in m.members):
            if mid in cat.signatories:
                counts[mid] = counts.get(mid, 0) + 1
    top = sorted(counts, key=lambda i: (-counts[i], sort_key(cat.signatories[i].signatory.name),
                                         i))[:10]
    if not top:
        return None
    name, lang = view.signatory.name, p.lang
    nodes = [pictures.Node(cat.signatories[i].signatory.name, p.link(signatory_src(i)),
                           counts[i]) for i in top]
    title = i18n.text("members_title", lang, name=name)
    desc = i18n.text("members_desc", lang, count=_count(len(nodes), "member", lang), name=name)
    svg = pictures.star_svg(name, nodes, "us-members-net", title, desc,
                            ("letter as a member", "letters as a member"))
    return Facts(svg=Markup(svg), rows=[(_sig(p, cat, i), counts[i]) for i in top])


def network_map_page(cat: Catalogue, lang: str = i18n.DEFAULT) -> Page:
    p = Page(MAP_SRC, i18n.text("network_map", lang), i18n.text("map_description", lang),
             lang=lang)
    eligible = [i for i, v in cat.signatories.items() if v.signatory.kind != "person"]
    m = pictures.network_map({i: v.letter_ids for i, v in cat.signatories.items()}, eligible)
    names = {sid: cat.signatories[sid].signatory.name for sid, _, _ in m.nodes}
    hrefs = {sid: p.link(signatory_src(sid)) for sid, _, _ in m.nodes}
    title = i18n.text("map_title", lang)
    desc = i18n.text("map_desc", lang, nodes=len(m.nodes), edges=len(m.edges))
    p.add(p.render_template(
        "network_map.html", title=title, desc=desc,
        svg=(Markup(pictures.map_svg(m, names, hrefs, "us-map", title, desc, lang))
             if m.nodes else ""),
        nodes=[(_sig(p, cat, sid), deg, n) for sid, deg, n in m.nodes],
        pairs=[(_sig(p, cat, a), _sig(p, cat, b), n) for a, b, n in m.edges]))
    return p
