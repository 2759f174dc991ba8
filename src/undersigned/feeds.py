"""Feeds stage: Atom (RFC 4287) and JSON Feed 1.1 from a Catalogue, as text.

`feed_files(catalogue, site_url)` is pure: (path in the site, text) for every feed,
one at a time. A feed sits beside the page it follows, in that page's directory:

- `/feed.xml`, `/feed.json`: the whole archive, its `ARCHIVE_ITEMS` newest letters;
- `/signatories/<id>/feed.xml` and `feed.json` (beside the signatory's downloads),
  `/recipients/<id>/...` and `/tags/<id>/...`: the `ENTITY_ITEMS` newest letters
  signed by that signatory, addressed or copied to that recipient, or tagged so.

An item is a letter: its id is the letter's permanent URL, its date the letter's
date at 00:00:00Z, its text the letter's summary, signatory count and recipients,
each bounded (never the letter's body). A feed's `updated` is its newest letter's
date (the archive's newest for a feed with no letter yet): no build timestamp, so
two builds of the same archive give the same bytes.

Ids: with `site_url` set in mkdocs.yml, the absolute URL of the letter's page. Without
it the site does not know where it lives, so ids are `tag:` URIs (RFC 4151) of the
page's path under a fixed tagging entity, `TAG_ENTITY`: stable across builds and
hosts. Links are then relative to the feed, as RFC 4287 and feed readers resolve
them, and a JSON Feed leaves out its optional `feed_url` and `home_page_url` (its
address is its id for readers: a relative one would name nothing). Setting
`site_url` later changes every id: readers would see each letter again once. Set it
before announcing the feeds.

Contributed text is untrusted: the XML is written as xml.sax's XMLGenerator writes it,
by its escaping functions (every `&`, `<`, `>` and quote escaped), JSON by json.dumps;
characters XML 1.0 cannot hold (controls, lone surrogates; `check` refuses them in
letters anyway) become U+FFFD.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from . import urls
from .catalogue import Catalogue
from .models import Letter

SITE_NAME = "Undersigned"
ARCHIVE_ITEMS = 50  # letters in /feed.xml and /feed.json
# Letters in a signatory's, recipient's or tag's feed. A feed is for following: a reader
# polls it and keeps what it saw; the page lists every letter. At 10,000 letters 20,000
# signatories' feeds hold 290,000 items at 20 each, 160,000 at 10.
ENTITY_ITEMS = 10
# Longer text is cut at a word, with "…". A signatory's, recipient's or tag's feed
# carries a shorter summary: 20,000 signatories' feeds at 10,000 letters add up.
TITLE_CHARS = 200
ARCHIVE_SUMMARY_CHARS = 300
SUMMARY_CHARS = 140
RECIPIENTS_SHOWN = 3  # then "and N more"
# The tagging entity of `tag:` ids when no site_url is configured: a domain under the
# reserved `.invalid` TLD (RFC 2606), which no one else can mint tags under, and the
# year the scheme was fixed. Never change it: every id of every feed would change.
TAG_ENTITY = "undersigned.invalid,2026"
ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# Everything XML 1.0 allows in text, except that whitespace is folded separately.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Feed:
    """One followable listing: where its page and files are, what it is called, and
    its letters (ids, newest first, already bounded)."""

    directory: str  # "" for the archive, else "signatories/<id>/" and the like
    title: str
    letter_ids: tuple[str, ...]


def feeds(cat: Catalogue) -> Iterator[Feed]:
    """Every feed of the site, the archive's first."""
    yield Feed("", f"{SITE_NAME}: latest letters",
               tuple(x.id for x in cat.letters[:ARCHIVE_ITEMS]))
    for sid in sorted(cat.signatories):
        view = cat.signatories[sid]
        yield Feed(urls.signatory(sid), f"{SITE_NAME}: letters signed by "
                   f"{view.signatory.name}", view.letter_ids[:ENTITY_ITEMS])
    for rid in sorted(cat.recipients):
        yield Feed(urls.recipient(rid), f"{SITE_NAME}: letters to {cat.recipients[rid].name}",
                   cat.recipient_letters.get(rid, ())[:ENTITY_ITEMS])
    for tid in sorted(cat.tags):
        yield Feed(urls.tag(tid), f"{SITE_NAME}: letters tagged {cat.tags[tid].label}",
                   cat.tag_letters.get(tid, ())[:ENTITY_ITEMS])


def feed_files(cat: Catalogue, site_url: str | None = None) -> Iterator[tuple[str, str]]:
    """Every feed file of the site: (path in the site, text), Atom then JSON Feed."""
    base = _base(site_url)
    newest = _stamp(cat.letters[0].date) if cat.letters else _EPOCH
    # A letter's entry is the same in every feed at the same depth (its links are
    # relative to the feed) with the same bound: written once and reused, not once per
    # signatory.
    written: dict[tuple[str, str, int], tuple[str, str, str]] = {}
    for feed in feeds(cat):
        top = ARCHIVE_SUMMARY_CHARS if feed.directory == "" else SUMMARY_CHARS
        up = "../" * feed.directory.count("/")
        entries = []
        for lid in feed.letter_ids:
            entry = written.get((lid, up, top))
            if entry is None:
                item = _item(cat, cat.letter_by_id[lid], up, base, top)
                entry = written[lid, up, top] = (item.date, atom_entry(item), json_item(item))
            entries.append(entry)
        head = _head(feed, base, entries[0][0] if entries else newest)
        xml_path, json_path = urls.feeds(feed.directory)
        yield xml_path, atom(head, [e[1] for e in entries])
        yield json_path, json_feed(head, [e[2] for e in entries])


_EPOCH = "1970-01-01T00:00:00Z"  # an empty archive: nothing else to date it by


@dataclass(frozen=True)
class _Head:
    id: str
    title: str
    updated: str
    page: str  # the followed page's URL (absolute, or relative to the feed)
    atom_url: str
    json_url: str


@dataclass(frozen=True)
class _Item:
    id: str
    url: str
    title: str
    date: str
    text: str
    count: int


def _base(site_url: str | None) -> str | None:
    """The site's URL ending in "/", if it is a web address; else None (tag: ids)."""
    if not site_url or not site_url.startswith(("https://", "http://")):
        return None
    return site_url if site_url.endswith("/") else site_url + "/"


def permanent_id(path: str, base: str | None) -> str:
    """The id of the page at `path` (a directory URL relative to the site root, "" for
    the home page): its absolute URL, or its `tag:` URI when the site's URL is unknown."""
    return base + path if base else f"tag:{TAG_ENTITY}:/{path}"


def _href(path: str, up: str, base: str | None) -> str:
    """A link to `path` from a feed `up` ("../" per level) below the site root: absolute
    if the site's URL is known, else relative to the feed."""
    if base:
        return base + path
    return up + path or "./"


def _stamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def clean(text: str, limit: int | None = None) -> str:
    """One line of text a feed can hold: whitespace runs folded to a space, characters
    XML 1.0 cannot carry replaced by U+FFFD, cut at a word boundary past `limit`."""
    text = " ".join(_NOT_XML.sub("\ufffd", text).split())
    if limit is not None and len(text) > limit:
        cut = text[:limit - 1]
        space = cut.rfind(" ")
        text = (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"
    return text


def _item(cat: Catalogue, letter: Letter, up: str, base: str | None, limit: int) -> _Item:
    names = cat.recipient_names(letter.recipients)
    to = ", ".join(clean(n, TITLE_CHARS) for n in names[:RECIPIENTS_SHOWN])
    if len(names) > RECIPIENTS_SHOWN:
        to += f" and {len(names) - RECIPIENTS_SHOWN} more"
    count = cat.listed[letter.id]
    summary = clean(letter.summary, limit)
    tail = f"{count:,} {'signatory' if count == 1 else 'signatories'}. To: {to}."
    path = urls.letter(letter.id)
    return _Item(
        id=permanent_id(path, base),
        url=_href(path, up, base),
        title=clean(letter.title, TITLE_CHARS),
        date=_stamp(letter.date),
        text=f"{summary} {tail}" if summary else tail,
        count=count,
    )


def _head(feed: Feed, base: str | None, updated: str) -> _Head:
    # The feed's files sit in its page's directory: links to them are that simple.
    return _Head(
        id=permanent_id(feed.directory, base),
        title=clean(feed.title, TITLE_CHARS),
        updated=updated,
        page=base + feed.directory if base else "./",
        atom_url=base + feed.directory + urls.FEED_FILES[0] if base else urls.FEED_FILES[0],
        json_url=base + feed.directory + urls.FEED_FILES[1] if base else urls.FEED_FILES[1],
    )


def _element(name: str, text: str = "", **attrs: str) -> str:
    """An element as xml.sax's XMLGenerator (short_empty_elements=True) writes it, with
    the same escaping functions (tests compare the two): built as text, since a feed's
    head is written for each of 20,000 signatories at 10,000 letters."""
    start = "<" + name + "".join(f" {key}={quoteattr(value)}" for key, value in attrs.items())
    return f"{start}>{escape(text)}</{name}>" if text else start + "/>"


def atom_entry(item: _Item) -> str:
    """One Atom entry, on one line."""
    # No <published>: it would repeat <updated> (a letter's only date) in every entry.
    return ("<entry>" + _element("id", item.id) + _element("title", item.title)
            + _element("updated", item.date) + _element("link", href=item.url)
            + _element("summary", item.text) + "</entry>\n")


_ATOM_START = f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns={quoteattr(ATOM_NS)}>\n'
_AUTHOR = "<author>" + _element("name", SITE_NAME) + "</author>"


def atom(head: _Head, entries: list[str]) -> str:
    """An Atom 1.0 feed document around its entries (`atom_entry`), newest first."""
    return (_ATOM_START + _element("id", head.id) + _element("title", head.title)
            + _element("updated", head.updated) + _AUTHOR
            + _element("link", rel="alternate", type="text/html", href=head.page)
            + _element("link", rel="self", type="application/atom+xml", href=head.atom_url)
            + "\n" + "".join(entries) + "</feed>\n")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_item(item: _Item) -> str:
    """One JSON Feed item. `_undersigned` (an extension, as the spec names them) carries
    the signatory count for a program, without parsing the text."""
    return _dumps({"id": item.id, "url": item.url, "title": item.title,
                   "content_text": item.text, "date_published": item.date,
                   "_undersigned": {"signatories": item.count}})


def json_feed(head: _Head, items: list[str]) -> str:
    """A JSON Feed 1.1 document around its items (`json_item`), one item per line."""
    top: dict = {"version": JSON_FEED_VERSION, "title": head.title}
    if head.json_url.startswith(("https://", "http://")):
        # The feed's address is its id for readers: given only when it is known (an item's
        # url, relative otherwise, resolves against wherever the feed was fetched from).
        top.update(home_page_url=head.page, feed_url=head.json_url)
    top["authors"] = [{"name": SITE_NAME}]
    listed = "\n" + ",\n".join(items) + "\n" if items else ""
    return _dumps(top)[:-1] + ',"items":[' + listed + "]}\n"
