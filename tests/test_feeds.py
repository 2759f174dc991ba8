"""Feeds: Atom and JSON Feed for the archive, every signatory, recipient and tag.

Every feed of the seed site (built as `undersigned build` builds it) is read by a real
parser (feedparser) and checked against the letters it follows; the JSON Feeds against
the required fields of the JSON Feed 1.1 spec; every page links its feeds.
"""

import dataclasses
import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from undersigned import feeds
from undersigned.catalogue import catalogue
from undersigned.load import load_archive
from undersigned.sitebuild import build, site_url_of

ROOT = Path(__file__).parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture(scope="module")
def seeds():
    archive = load_archive(ROOT)
    return archive, catalogue(archive)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("feeds") / "site"
    build(ROOT, out)
    return out


def expected_feeds(cat) -> dict[str, tuple[str, ...]]:
    """{feed directory: the letter ids it must list, newest first}, from the catalogue."""
    out = {"": tuple(x.id for x in cat.letters)[:feeds.ARCHIVE_ITEMS]}
    for sid, view in cat.signatories.items():
        out[f"signatories/{sid}/"] = view.letter_ids[:feeds.ENTITY_ITEMS]
    for rid in cat.recipients:
        out[f"recipients/{rid}/"] = cat.recipient_letters.get(rid, ())[:feeds.ENTITY_ITEMS]
    for tid in cat.tags:
        out[f"tags/{tid}/"] = cat.tag_letters.get(tid, ())[:feeds.ENTITY_ITEMS]
    return out


def letter_of(item_id: str) -> str:
    """The letter id in an item's id: its permanent URL or the tag: URI of its path."""
    m = re.fullmatch(r"(?:tag:undersigned\.invalid,2026:|https://example\.org/archive)"
                     r"/letters/([a-z0-9-]+)/", item_id)
    assert m, item_id
    return m.group(1)


def check_json_feed(doc: dict) -> None:
    """The JSON Feed 1.1 spec's required fields, and the types of the ones we write."""
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(doc["title"], str) and doc["title"]
    assert isinstance(doc["items"], list)
    for key in ("home_page_url", "feed_url"):
        assert isinstance(doc.get(key, ""), str)
    for author in doc.get("authors", []):
        assert isinstance(author, dict) and author.get("name")
    for item in doc["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html", item.get("content_text")), str)
        assert RFC3339.match(item["date_published"]), item["date_published"]
        for key in ("url", "title", "content_text"):
            assert isinstance(item.get(key, ""), str)
        # Extensions start with an underscore: anything else must be the spec's.
        assert set(item) <= {"id", "url", "title", "content_text", "content_html",
                             "date_published", "_undersigned"}


def check_atom(text: str) -> None:
    """RFC 4287's required elements: a feed's id, title, updated and author (no entry has
    its own), and each entry's id, title, updated and alternate link (no content)."""
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == ATOM + "feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(ATOM + name)) == 1, name
    assert feed.find(ATOM + "author").findtext(ATOM + "name")
    assert RFC3339.match(feed.findtext(ATOM + "updated"))
    for entry in feed.findall(ATOM + "entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(ATOM + name)) == 1, name
        assert RFC3339.match(entry.findtext(ATOM + "updated"))
        assert entry.find(ATOM + "content") is None
        assert [x.get("rel", "alternate") for x in entry.findall(ATOM + "link")] == ["alternate"]


def parse_atom(text: str):
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


# ---------------------------------------------------------------- the built site

def test_every_feed_of_the_site_parses_and_lists_its_letters(site, seeds):
    archive, cat = seeds
    wanted = expected_feeds(cat)
    found = {p.parent.relative_to(site).as_posix() for p in site.rglob("feed.xml")}
    assert {d.rstrip("/") or "." for d in wanted} == found
    for directory, ids in wanted.items():
        atom_text = (site / directory / "feed.xml").read_text(encoding="utf-8")
        check_atom(atom_text)
        parsed = parse_atom(atom_text)
        assert [letter_of(e.id) for e in parsed.entries] == list(ids), directory
        doc = json.loads((site / directory / "feed.json").read_text(encoding="utf-8"))
        check_json_feed(doc)
        # Without site_url the feed's own address is unknown: not given (it is optional).
        assert "feed_url" not in doc and "home_page_url" not in doc
        assert [letter_of(i["id"]) for i in doc["items"]] == list(ids), directory
        newest = cat.letter_by_id[ids[0]].date if ids else cat.letters[0].date
        assert parsed.feed.updated == f"{newest.isoformat()}T00:00:00Z"
        for entry, item, lid in zip(parsed.entries, doc["items"], ids, strict=True):
            letter = cat.letter_by_id[lid]
            day = f"{letter.date.isoformat()}T00:00:00Z"
            assert entry.updated == item["date_published"] == day
            assert entry.title == item["title"] == letter.title
            assert entry.summary == item["content_text"]
            assert letter.summary[:60] in entry.summary  # the summary, bounded
            count = cat.listed[lid]
            assert f"{count:,} signator" in entry.summary
            assert item["_undersigned"] == {"signatories": count}
            # The link, resolved against the feed's own URL, is the letter's page.
            here = f"https://host/x/{directory}feed.xml"
            for link in (entry.link, item["url"]):
                assert urljoin(here, link) == f"https://host/x/letters/{lid}/"
                assert (site / "letters" / lid / "index.html").is_file()
        # Newest first.
        dates = [cat.letter_by_id[i].date for i in ids]
        assert dates == sorted(dates, reverse=True)


def test_feed_ids_are_the_pages_permanent_urls_as_tag_uris(site):
    """Without site_url in mkdocs.yml (the seed's), ids are tag: URIs of the paths."""
    doc = ET.parse(site / "signatories" / "imumi" / "feed.xml").getroot()
    assert doc.findtext(ATOM + "id") == "tag:undersigned.invalid,2026:/signatories/imumi/"
    first = doc.find(ATOM + "entry")
    assert first.findtext(ATOM + "id").startswith("tag:undersigned.invalid,2026:/letters/")
    assert doc.find(ATOM + "author").findtext(ATOM + "name") == "Undersigned"


def alternate_links(page: str) -> list[tuple[str, str]]:
    head = page[:page.index("</head>")]
    return [(m.group(1), m.group(2)) for m in re.finditer(
        r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">', head)]


def test_every_page_links_the_archive_feeds_and_its_own(site):
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 300
    for page in pages:
        links = alternate_links(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site).as_posix()
        assert links[:2] == [("application/atom+xml", _up(rel) + "feed.xml"),
                             ("application/feed+json", _up(rel) + "feed.json")], rel
        own = re.fullmatch(r"(signatories|recipients|tags)/([a-z0-9-]+)/"
                           r"(?:letters/)?(?:\d+/)?index\.html", rel)
        if own:
            up = "../" * (rel.count("/") - 2)
            assert links[2:] == [("application/atom+xml", up + "feed.xml"),
                                 ("application/feed+json", up + "feed.json")], rel
            feed_dir = site / own.group(1) / own.group(2)
            assert (feed_dir / "feed.xml").is_file() and (feed_dir / "feed.json").is_file()
        else:
            assert len(links) == 2, rel


def test_continuation_pages_link_the_same_feed(seeds, monkeypatch):
    """A signatory's, recipient's or tag's letters continued on page 2, 3...: each page
    names its feed (overrides/main.html links it), the first page's."""
    from undersigned import generate as generate_module

    _, cat = seeds
    monkeypatch.setattr(generate_module, "ROWS_PER_PAGE", 2)
    pages = generate_module.generate(cat, data=False)
    tid = max(cat.tags, key=lambda t: len(cat.tag_letters.get(t, ())))
    rid = max(cat.recipients, key=lambda r: len(cat.recipient_letters.get(r, ())))
    continued = {"signatories/imumi/letters/2.md": "signatories/imumi/",
                 f"tags/{tid}/2.md": f"tags/{tid}/", f"recipients/{rid}/2.md": f"recipients/{rid}/"}
    for src, directory in continued.items():
        front = pages[src].split("---\n")[1]
        assert f'feed: "{directory}"' in front.splitlines(), src
    year = next(s for s in pages if re.fullmatch(r"letters/\d{4}/2\.md", s))
    assert "feed:" not in pages[year].split("---\n")[1]


def _up(rel: str) -> str:
    if rel == "404.html":
        return "/"  # MkDocs gives the error page root-relative URLs: it is served anywhere
    return "../" * rel.count("/")


def test_home_and_each_followed_page_show_a_follow_link(site, seeds):
    _, cat = seeds
    # A line of its own, or a row of a signatory's facts beside its downloads.
    follow = re.compile(r'Follow(?::|</dt><dd class="us-follow">) ?<a href="([^"]+)" '
                        r'type="application/atom\+xml">Atom</a> · <a href="([^"]+)" '
                        r'type="application/feed\+json">JSON Feed</a>')
    pages = {"index.html": ""}
    pages.update({f"signatories/{i}/index.html": f"signatories/{i}/" for i in cat.signatories})
    pages.update({f"recipients/{i}/index.html": f"recipients/{i}/" for i in cat.recipients})
    pages.update({f"tags/{i}/index.html": f"tags/{i}/" for i in cat.tags})
    for rel, directory in pages.items():
        m = follow.search((site / rel).read_text(encoding="utf-8"))
        assert m, rel
        for href, name in zip(m.groups(), ("feed.xml", "feed.json"), strict=True):
            assert (site / rel).parent.joinpath(href).resolve() == \
                (site / directory / name).resolve()
    data = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert 'id="feeds"' in data and "/signatories/&lt;id&gt;/feed.xml" in data


# ---------------------------------------------------------------- the writer itself

def many_letters(archive, n: int):
    """The seed archive with each letter repeated under new ids and dates, n in all:
    the same signatories, recipients and tags, as real letters repeat them."""
    out = []
    for i in range(n):
        src = archive.letters[i % len(archive.letters)]
        day = dt.date(2000, 1, 1) + dt.timedelta(days=7 * i)
        out.append(dataclasses.replace(src, id=f"{day.isoformat()}-copy-{i}", date=day))
    return dataclasses.replace(archive, letters=tuple(out))


def test_feeds_are_bounded_newest_first(seeds):
    archive, _ = seeds
    cat = catalogue(many_letters(archive, 70))
    files = dict(feeds.feed_files(cat))
    top = parse_atom(files["feed.xml"])
    assert len(top.entries) == feeds.ARCHIVE_ITEMS == 50
    assert [letter_of(e.id) for e in top.entries] == [x.id for x in cat.letters[:50]]
    imumi = cat.signatories["imumi"]
    assert imumi.letter_count > feeds.ENTITY_ITEMS  # it signed every seed letter
    mine = parse_atom(files["signatories/imumi/feed.xml"])
    assert [letter_of(e.id) for e in mine.entries] == list(imumi.letter_ids[:10])
    doc = json.loads(files["signatories/imumi/feed.json"])
    check_json_feed(doc)
    assert len(doc["items"]) == feeds.ENTITY_ITEMS == 10
    assert mine.feed.updated == f"{cat.letters[0].date.isoformat()}T00:00:00Z"
    # Never the body: each item's text is at most a bounded summary and a short tail.
    for text in files.values():
        for s in re.findall(r"<summary>(.*?)</summary>", text):
            assert len(s) < feeds.ARCHIVE_SUMMARY_CHARS + 200


def test_absolute_ids_and_links_when_the_site_url_is_known(seeds):
    _, cat = seeds
    files = dict(feeds.feed_files(cat, "https://example.org/archive"))
    top = parse_atom(files["feed.xml"])
    assert top.feed.id == "https://example.org/archive/"
    assert {(link.rel, link.href) for link in top.feed.links} == {
        ("alternate", "https://example.org/archive/"),
        ("self", "https://example.org/archive/feed.xml")}
    for e in top.entries:
        assert e.id == e.link == f"https://example.org/archive/letters/{letter_of(e.id)}/"
    tid = max(cat.tags, key=lambda t: len(cat.tag_letters.get(t, ())))
    doc = json.loads(files[f"tags/{tid}/feed.json"])
    check_json_feed(doc)
    assert doc["feed_url"] == f"https://example.org/archive/tags/{tid}/feed.json"
    assert doc["home_page_url"] == f"https://example.org/archive/tags/{tid}/"
    assert [i["id"] for i in doc["items"]] == [
        f"https://example.org/archive/letters/{lid}/" for lid in cat.tag_letters[tid]]
    assert all(i["id"] == i["url"] for i in doc["items"])
    # A site_url that is not a web address (MkDocs accepts "/") leaves the tag: ids.
    for odd in ("/", "", None):
        top = parse_atom(dict(feeds.feed_files(cat, odd))["feed.xml"])
        assert top.feed.id == "tag:undersigned.invalid,2026:/"


def test_the_site_url_is_read_from_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nsite_url: https://example.org/archive/\n")
    assert site_url_of(config) == "https://example.org/archive/"
    config.write_text("site_name: X\n")
    assert site_url_of(config) is None
    config.write_text("site_name: [unclosed\n")  # MkDocs reports it when rendering
    assert site_url_of(config) is None
    assert site_url_of(tmp_path / "missing.yml") is None


HOSTILE = ("<script>alert(1)</script> & ]]> <![CDATA[ x ]]> \"q\" 'a' &amp; "
           "\x00\x08\x0b\x1b[31m\ud800\ufffe end")


def test_hostile_text_is_escaped_and_never_breaks_a_feed(seeds):
    """`check` refuses most of this; the writer must still write well-formed feeds."""
    archive, _ = seeds
    first = archive.letters[0]
    letter = dataclasses.replace(first, title=HOSTILE, summary=HOSTILE * 20)
    hostile = dataclasses.replace(archive, letters=(letter, *archive.letters[1:]))
    cat = catalogue(hostile)
    for rel, text in feeds.feed_files(cat):
        text.encode("utf-8")  # no lone surrogate left to fail the write
        if rel.endswith(".xml"):
            ET.fromstring(text.encode("utf-8"))  # well-formed XML
            assert "<script>" not in text and "]]>" not in text
            if first.id in text:
                parsed = parse_atom(text)
                entry = next(e for e in parsed.entries if first.id in e.id)
                assert entry.title.startswith("<script>alert(1)</script> & ]]> <![CDATA[")
                assert "\x1b" not in entry.title and "\x00" not in entry.title
        else:
            doc = json.loads(text)
            check_json_feed(doc)
            for item in doc["items"]:
                if first.id in item["id"]:
                    assert item["title"].startswith("<script>alert(1)</script> & ]]>")
                    assert "\ufffd[31m" in item["title"]


def test_clean_folds_bounds_and_replaces():
    assert feeds.clean("  a\n\tb  ") == "a b"
    assert feeds.clean("a\x00b\ud800c") == "a\ufffdb\ufffdc"
    cut = feeds.clean("word " * 100, 50)
    assert len(cut) <= 50 and cut.endswith("word…")
    assert feeds.clean("x" * 60, 50) == "x" * 49 + "…"  # no space to cut at


def test_an_archive_without_letters_still_has_valid_feeds(seeds):
    archive, _ = seeds
    empty = catalogue(dataclasses.replace(archive, letters=()))
    for rel, text in feeds.feed_files(empty):
        if rel.endswith(".xml"):
            parsed = parse_atom(text)
            assert parsed.entries == [] and parsed.feed.updated == "1970-01-01T00:00:00Z"
        else:
            check_json_feed(json.loads(text))


def test_a_plain_mkdocs_build_publishes_the_feeds_too(tmp_path):
    """The generated tree (`undersigned generate`) rendered by plain `mkdocs build`
    publishes the same feeds, with absolute ids under mkdocs.yml's site_url."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from undersigned import cli

    work = tmp_path / "repo"
    for name in ("letters", "signatories", "recipients", "docs", "docs-es", "overrides"):
        shutil.copytree(ROOT / name, work / name, symlinks=True)
    shutil.copy(ROOT / "tags.yml", work / "tags.yml")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (work / "mkdocs.yml").write_text("site_url: https://example.org/archive/\n" + text)
    tree = tmp_path / "tree"
    assert cli.main(["--root", str(work), "generate", str(tree)]) == 0
    out = tmp_path / "site"
    mkdocs_build(load_config(str(tree / "mkdocs.yml"), site_dir=str(out)))
    parsed = parse_atom((out / "signatories" / "imumi" / "feed.xml").read_text("utf-8"))
    assert parsed.feed.id == "https://example.org/archive/signatories/imumi/"
    assert parsed.entries and all(e.id.startswith("https://example.org/archive/letters/")
                                  for e in parsed.entries)
    check_json_feed(json.loads((out / "feed.json").read_text("utf-8")))


@pytest.mark.browser
def test_a_reader_finds_and_reads_a_signatory_feed_in_chromium(site, seeds, browser):
    """In Chromium at a phone's width: the page's head announces its feeds, the visible
    Follow link leads to the Atom feed, and every item's link, resolved as a feed reader
    resolves it against the feed's URL, opens that letter's page."""
    from browser_support import Traffic, guard_context
    from browser_support import serve as serve_site

    _, cat = seeds
    traffic = Traffic()
    with serve_site(site) as base:
        ctx = guard_context(browser, base, traffic)
        try:
            requested: list[str] = []
            ctx.on("request", lambda r: requested.append(r.url))
            page = ctx.new_page()
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto("/signatories/imumi/")
            # In the page as served: rel="alternate" (test above); in the browser the
            # relation keeps its "alternate" token (undersigned-feeds.js says why).
            found = page.eval_on_selector_all(
                'head link[rel~="alternate"]', "els => els.map(e => [e.type, e.href])")
            assert found == [
                ["application/atom+xml", f"{base}/feed.xml"],
                ["application/feed+json", f"{base}/feed.json"],
                ["application/atom+xml", f"{base}/signatories/imumi/feed.xml"],
                ["application/feed+json", f"{base}/signatories/imumi/feed.json"]]
            follow = page.locator(".us-follow a", has_text="Atom")
            assert follow.is_visible()
            box = follow.bounding_box()
            assert box and box["x"] + box["width"] <= 390
            feed_url = follow.evaluate("a => a.href")
            assert feed_url == f"{base}/signatories/imumi/feed.xml"
            body = ctx.request.get(feed_url)
            assert body.ok
            # As a reader gets it: with the server's type (an XML one, or feedparser
            # complains) and its URL, against which the relative links resolve.
            parsed = feedparser.parse(body.text(), response_headers={
                "content-location": feed_url, "content-type": body.headers["content-type"]})
            assert not parsed.bozo and parsed.entries
            assert [e.link for e in parsed.entries] == [
                f"{base}/letters/{lid}/" for lid in cat.signatories["imumi"].letter_ids[:10]]
            for entry in parsed.entries:
                page.goto(entry.link)
                assert page.locator("h1").inner_text() == entry.title
            doc = ctx.request.get(f"{base}/signatories/imumi/feed.json").json()
            check_json_feed(doc)
        finally:
            ctx.close()
    assert traffic.outside == [] and traffic.broken == [], (traffic.outside, traffic.broken)
    # Material fetches a sitemap beside the target of every link it takes for a
    # translation: none is fetched for the feeds (nor for anything: no translations).
    assert not [u for u in requested if "sitemap" in u], requested


def test_a_checked_letter_with_ampersands_and_quotes_is_escaped_once(tmp_path):
    """What `check` lets through to a title and a summary (`&`, an apostrophe, an
    entity's text, brackets; it refuses `<`, `>` and `"`, which the writer's own test
    covers) arrives in every feed as the same text, escaped once."""
    from undersigned.validate import check

    for name in ("letters", "signatories", "recipients"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "tags.yml", tmp_path / "tags.yml")
    path = tmp_path / "letters" / "2021-06-07-harris-visit-to-mexico.md"
    text = path.read_text(encoding="utf-8")
    title = "Rights & protection ]] “now” &amp; 'here'"
    text = re.sub(r"(?m)^title: .*$", "title: '" + title.replace("'", "''") + "'", text, count=1)
    text = re.sub(r"(?m)^summary: .*$", "summary: 'A & B ]] C'", text, count=1)
    path.write_text(text, encoding="utf-8")
    archive = load_archive(tmp_path)
    assert [d for d in check(archive) if d.level == "error"] == []
    files = dict(feeds.feed_files(catalogue(archive)))
    lid = path.stem
    seen = 0
    for rel, body in files.items():
        if lid not in body:
            continue
        seen += 1
        if rel.endswith(".xml"):
            assert " & " not in body and "&amp;amp;" in body
            entry = next(e for e in parse_atom(body).entries if lid in e.id)
            assert entry.title == title and entry.summary.startswith("A & B ]] C ")
        else:
            item = next(i for i in json.loads(body)["items"] if lid in i["id"])
            assert item["title"] == title and item["content_text"].startswith("A & B ]] C ")
    assert seen > 10  # the archive's feed and every signatory's, recipient's and tag's


XML_HOSTILE = ["", "Smith & Jones <b>", 'say "no"', "it's", "both ' and \"", "tab\there\nnew\rline",
           "é ñ “” \U0001f600", "]]>", "&amp;"]


def _reference(build_doc) -> str:
    """What xml.sax's XMLGenerator writes (the feeds are written as text, by its escaping
    functions, to spend less time per feed: they must be its bytes)."""
    import io
    from xml.sax.saxutils import XMLGenerator
    out = io.StringIO()
    build_doc(XMLGenerator(out, encoding="utf-8", short_empty_elements=True))
    return out.getvalue()


@pytest.mark.parametrize("text", XML_HOSTILE)
def test_feed_xml_is_what_xmlgenerator_writes(text):
    def element(x, name, value=None, **attrs):
        x.startElement(name, attrs)
        if value is not None:
            x.characters(value)
        x.endElement(name)

    head = feeds._Head(id=text, title=text, updated=text, page=text, atom_url=text,
                       json_url=text)
    item = feeds._Item(id=text, url=text, title=text, date=text, text=text, count=1)

    def entry(x):
        x.startElement("entry", {})
        for name in ("id", "title", "updated"):
            element(x, name, text)
        element(x, "link", href=text)
        element(x, "summary", text)
        x.endElement("entry")
        x.ignorableWhitespace("\n")

    def document(x):
        x.startDocument()
        x.startElement("feed", {"xmlns": feeds.ATOM_NS})
        x.ignorableWhitespace("\n")
        for name in ("id", "title", "updated"):
            element(x, name, text)
        x.startElement("author", {})
        element(x, "name", feeds.SITE_NAME)
        x.endElement("author")
        element(x, "link", rel="alternate", type="text/html", href=text)
        element(x, "link", rel="self", type="application/atom+xml", href=text)
        x.ignorableWhitespace("\n")

    assert feeds.atom_entry(item) == _reference(entry)
    entries = [feeds.atom_entry(item)] * 2
    assert feeds.atom(head, entries) == _reference(document) + "".join(entries) + "</feed>\n"
    ET.fromstring(feeds.atom(head, entries).encode())  # and it parses
