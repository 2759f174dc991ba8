"""Cite this letter: BibTeX read back by a BibTeX parser and a LaTeX decoder, hostile
titles included; CSL-JSON formatted by citeproc-py; the Cite section of a letter page."""

import dataclasses
import html
import json
import re
from pathlib import Path

import bibtexparser
import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from pylatexenc.latex2text import LatexNodes2Text

from undersigned import cite
from undersigned.catalogue import catalogue
from undersigned.export import cite_files
from undersigned.generate import letter_page
from undersigned.load import load_archive

ROOT = Path(__file__).parent.parent
SITE = "https://example.org/archive/"

HOSTILE_TITLES = [
    "Organizations ask for 100% of funds & more #now",
    "Under_scored $money$ and a \\backslash \\textbf{bold} \\end{document}",
    "Unbalanced } closes the field { opens one",
    "}, note = {injected}, title = {forged",
    "Tilde ~ and caret ^ and @misc{other,",
    "Saltos\nde línea\ty tabulación, acentos: México, Bogotá",
    "\\\\{}%&#_$~^",
    "\\input{/etc/passwd} \\immediate\\write18{rm -rf ~}",
]
# The types a CSL-JSON item may have (CSL 1.0.2).
CSL_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
}


@pytest.fixture(scope="module")
def cat():
    return catalogue(load_archive(ROOT))


def latex_to_text(value: str) -> str:
    # pylatexenc prints \textasciicircum as the modifier letter; TeX prints the caret.
    return LatexNodes2Text().latex_to_text(value).replace("\u02c6", "^")


def parse_bib(text: str):
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and len(library.entries) == 1, text
    return library.entries[0]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_bibtex_keeps_a_hostile_title_inside_its_field(cat, title):
    letter = dataclasses.replace(cat.letters[0], title=title)
    text = cite.bibtex(cat, letter, SITE)
    entry = parse_bib(text)
    assert entry.key == letter.id and entry.entry_type == "misc"
    assert set(entry.fields_dict) == {"title", "date", "year", "month", "howpublished", "note",
                                      "publisher", "url"}  # nothing injected, nothing lost
    value = entry.fields_dict["title"].value  # the parser takes off the field's braces
    assert value.startswith("{") and value.endswith("}")
    assert latex_to_text(value[1:-1]) == " ".join(title.split())
    assert "\n" not in value
    # No TeX special is left bare: each one is escaped or part of an escape's command.
    bare = re.sub(r"\\(?:[{}%&#_$]|textbackslash\{\}|textasciitilde\{\}|"
                  r"textasciicircum\{\})", "", value[1:-1])
    assert not re.search(r"[\\{}%&#_$~^]", bare), bare


def test_bibtex_of_every_seed_letter(cat):
    for letter in cat.letters:
        fields = {k: v.value for k, v in parse_bib(cite.bibtex(cat, letter, SITE))
                  .fields_dict.items()}
        assert latex_to_text(fields["title"][1:-1]) == letter.title
        assert fields["date"] == letter.date.isoformat() and fields["year"] == str(letter.year)
        assert fields["note"].startswith(f"{cat.listed[letter.id]} signator")
        assert fields["publisher"] == "Undersigned"
        assert fields["url"] == f"{SITE}letters/{letter.id}/"
        recipients = latex_to_text(fields["howpublished"])
        for r in letter.recipients:
            assert cat.recipients[r.id].name in recipients
        assert "urldate" not in fields  # the access date is the reader's


def test_a_url_that_cannot_stand_in_bibtex_is_encoded(cat):
    letter = cat.letters[0]
    entry = parse_bib(cite.bibtex(cat, letter, "https://e.org/a b/{x}%#\\y"))
    assert entry.fields_dict["url"].value == (
        r"https://e.org/a\%20b/\%7Bx\%7D\%\#\%5Cy/letters/" + letter.id + "/")


def test_csl_json_has_the_required_fields_and_formats(cat):
    for letter in cat.letters:
        items = json.loads(cite.csl_json(cat, letter, SITE))
        assert isinstance(items, list) and len(items) == 1
        item = items[0]
        assert {"type", "id", "title", "issued"} <= set(item)
        assert item["type"] in CSL_TYPES and item["id"] == letter.id
        assert item["title"] == letter.title
        assert item["issued"] == {"date-parts": [[letter.year, letter.date.month,
                                                  letter.date.day]]}
        assert [r["literal"] for r in item["recipient"]] == list(dict.fromkeys(
            cat.recipients[r.id].name for r in letter.recipients))
        assert item["note"].startswith(f"{cat.listed[letter.id]} signator")
        assert item["publisher"] == "Undersigned" and item["URL"].endswith(f"/{letter.id}/")
        assert "accessed" not in item
        # A real CSL processor formats it.
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        bib.register(Citation([CitationItem(letter.id)]))
        (entry,) = [str(x) for x in bib.bibliography()]
        assert letter.title in entry and str(letter.year) in entry and "Undersigned" in entry


def test_without_the_site_address_no_url_is_guessed(cat):
    letter = cat.letters[0]
    files = cite_files(cat, letter)
    assert "URL" not in json.loads(files["cite.json"])[0]
    assert "url" not in parse_bib(files["cite.bib"]).fields_dict
    assert cite.letter_url(letter, None) is None


def test_the_letter_page_shows_its_citation_escaped(cat):
    letter = dataclasses.replace(cat.letters[0], title="<script>alert(1)</script> & {x}")
    page = letter_page(cat, letter, "<p>text</p>", SITE).render()
    section = page[page.index('<section class="us-cite"'):]
    section = section[:section.index("</section>")]
    assert '<h2 id="cite">Cite</h2>' in section and "data-pagefind-ignore" in section
    assert f'<a href="{SITE}letters/{letter.id}/">' in section
    assert 'href="../../letters/' + letter.id + '/cite.bib"' in section
    assert 'href="../../letters/' + letter.id + '/cite.json"' in section
    assert "<script>" not in section
    code = re.search(r'<pre class="us-bibtex"><code>(.*)</code></pre>', section, re.S).group(1)
    assert html.unescape(code) == cite.bibtex(cat, letter, SITE)
    plain = letter_page(cat, cat.letters[0], "<p>text</p>").render()
    assert "this page's address" in plain and "https://" not in plain.split(
        '<section class="us-cite"')[1].split("</section>")[0]
