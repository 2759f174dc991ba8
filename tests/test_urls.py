"""urls.py: every URL of the site, and the generated site holds exactly what they name."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from undersigned import urls
from undersigned.catalogue import catalogue
from undersigned.generate import generate
from undersigned.load import load_archive

FIXTURE = Path(__file__).parent / "fixtures" / "site" / "archive"


def test_pages_have_directory_urls():
    assert urls.url_of("index.md") == ""
    assert urls.url_of("letters/index.md") == "letters/"
    assert urls.url_of(urls.letter_src("2022-07-11-x")) == "letters/2022-07-11-x/"
    assert urls.url_of(urls.signatory_src("imumi")) == "signatories/imumi/"
    assert urls.url_of(urls.signatory_src("imumi", 3)) == "signatories/imumi/letters/3/"
    assert urls.url_of(urls.year_src(2022)) == "letters/2022/"
    assert urls.url_of(urls.continued_src("tags/asylum.md", 2)) == "tags/asylum/2/"
    assert urls.url_of("data/signatures.csv") == "data/signatures.csv"  # a file is itself


def test_the_addresses_a_reader_bookmarks():
    assert urls.letter("x") == "letters/x/"
    assert urls.signatory("imumi") == "signatories/imumi/"
    assert urls.recipient("joseph-biden") == "recipients/joseph-biden/"
    assert urls.tag("asylum") == "tags/asylum/"
    assert urls.signatory_file("imumi", "signatures.csv") == "signatories/imumi/signatures.csv"
    assert urls.letter_file("x", "cite.bib") == "letters/x/cite.bib"
    assert urls.feeds("") == ("feed.xml", "feed.json")
    assert urls.feeds(urls.tag("asylum")) == ("tags/asylum/feed.xml", "tags/asylum/feed.json")
    assert urls.data_file("undersigned.db") == "data/undersigned.db"
    assert urls.site_path(urls.letter("x")) == "/letters/x/"
    assert urls.absolute("https://example.org/archive/", "letters/x/") == (
        "https://example.org/archive/letters/x/")
    assert urls.absolute("https://example.org/archive", "letters/x/") == (
        "https://example.org/archive/letters/x/")


def test_the_generated_tree_puts_each_page_in_its_url_directory():
    assert urls.tree_path("index.md") == "index.md"
    assert urls.tree_path("letters/index.md") == "letters/index.md"
    assert urls.tree_path("letters/x.md") == "letters/x/index.md"
    assert urls.tree_path("data/signatures.csv") == "data/signatures.csv"


@pytest.mark.parametrize("src", ["index.md", "letters/x.md", "signatories/imumi/letters/2.md",
                                 "a-z/b/2.md", "search/index.md"])
@pytest.mark.parametrize("to", ["index.md", "letters/y.md", "data/letters.json", "feed.xml",
                                "signatories/imumi.md"])
def test_a_relative_link_resolves_to_its_target_from_any_page(src, to):
    here = "/" + urls.url_of(src)
    resolved = posixpath.normpath(posixpath.join(here, urls.relative(src, to)))
    assert resolved == posixpath.normpath("/" + urls.url_of(to))


def test_every_url_the_pages_link_is_a_generated_page_or_file():
    """The links the templates write (through urls.py) name what generate writes."""
    files = generate(catalogue(load_archive(FIXTURE)))
    written = {"/" + urls.url_of(src) for src in files} | {"/about/"}  # about: docs/about.md
    for src, text in files.items():
        if not src.endswith(".md"):
            continue
        here = "/" + urls.url_of(src)
        for href in re.findall(r'href="([^"#]+)', text):
            if href.startswith(("https://", "http://", "mailto:")):
                continue
            path = posixpath.normpath(posixpath.join(here, href))
            assert path in written or path + "/" in written, (src, href)
