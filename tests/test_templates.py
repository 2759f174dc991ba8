"""The page templates (src/undersigned/templates/): contributed text is escaped on every
page type, never read as template code, and every template renders in both interfaces.

Runs on the committed fixture archive (tests/fixtures/site/archive) with its titles,
names, recipients, tags and printed lines replaced by hostile text.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from undersigned import generate as gen
from undersigned import i18n
from undersigned.catalogue import catalogue
from undersigned.load import load_archive

FIXTURE = Path(__file__).parent / "fixtures" / "site" / "archive"
# Markup, both quotes, an ampersand and template syntax (Jinja's and a format string's).
HOSTILE = "<script>alert(\"x\")</script> & 'q' {{ 7*7 }} {% if 1 %}{name}"
ESCAPED = html.escape(HOSTILE)


def hostile(text: str) -> str:
    return f"{text} {HOSTILE}"


@pytest.fixture(scope="module")
def hostile_pages() -> dict[str, str]:
    archive = load_archive(FIXTURE)
    letters = []
    for letter in archive.letters:
        sections = tuple(dataclasses.replace(
            s, heading=hostile(s.heading or "Section"),
            entries=tuple(dataclasses.replace(
                e, printed=hostile(e.printed), line=hostile(e.line) if e.line else None,
                members=tuple(dataclasses.replace(m, printed=hostile(m.printed))
                              for m in e.members))
                for e in s.entries)) for s in letter.sections)
        recipients = tuple(dataclasses.replace(r, printed=hostile(r.printed))
                           for r in letter.recipients)
        letters.append(dataclasses.replace(
            letter, title=hostile(letter.title), summary=hostile(letter.summary),
            source=hostile(letter.source), place=HOSTILE, sections=sections,
            recipients=recipients))
    changed = dataclasses.replace(
        archive, letters=tuple(letters),
        signatories={i: dataclasses.replace(s, name=hostile(s.name), note=HOSTILE,
                                            country=HOSTILE, acronyms=(HOSTILE,),
                                            aliases=(*s.aliases, hostile("alias")))
                     for i, s in archive.signatories.items()},
        recipients={i: dataclasses.replace(r, name=hostile(r.name), role=HOSTILE,
                                           aliases=(hostile("also"),))
                    for i, r in archive.recipients.items()},
        tags={i: dataclasses.replace(t, label=hostile(t.label), description=HOSTILE)
              for i, t in archive.tags.items()})
    return {src: text for src, text in gen.generate(catalogue(changed), data=False).items()
            if src.endswith(".md")}


# Every page type that shows contributed text, by the path of one page of it.
PAGE_TYPES = {
    "home": "index.md",
    "letters index": "letters/index.md",
    "year": "letters/2022.md",
    "letter": "letters/2022-07-11-bilateral-meeting.md",
    "signatory": "signatories/imumi.md",
    "network": "signatories/gtpm.md",
    "signatories A-Z": "signatories/index.md",
    "organizations A-Z": "organizations/index.md",
    "people A-Z": "people/index.md",
    "networks A-Z": "networks/index.md",
    "recipients index": "recipients/index.md",
    "recipient": "recipients/joseph-biden.md",
    "tags index": "tags/index.md",
    "tag": "tags/asylum.md",
    "network map": "network/index.md",
}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_hostile_text_appears_escaped_on_every_page_type(hostile_pages, kind):
    page = hostile_pages[PAGE_TYPES[kind]]
    body = page.split("---\n", 2)[2]
    assert ESCAPED in body, kind  # shown, as text
    assert "<script" not in page
    # Never evaluated as a template or a format string: the braces come through as typed.
    assert "{{ 7*7 }} {% if 1 %}{name}" in body and "49" not in body.replace(ESCAPED, "")


def test_hostile_text_is_escaped_on_every_page_and_in_every_attribute(hostile_pages):
    for src, page in hostile_pages.items():
        assert "<script" not in page, src
        # An attribute holding contributed text cannot be closed by it.
        for value in re.findall(r'="([^"]*)"', page):
            assert "<" not in value and ">" not in value, (src, value)
        # The pages escape as html.escape does, whatever the template engine writes.
        assert "&#39;" not in page and "&#34;" not in page, src


def test_interface_strings_are_markup_and_the_values_filled_in_are_escaped():
    t = gen.Interface("en")
    assert str(t.search_intro).count("<em>") == 2  # our own markup, kept
    assert t("addressed_to", count="2 letters", name=HOSTILE) == i18n.text(
        "addressed_to", count="2 letters", name=ESCAPED)


def pages_in(cat, lang: str) -> list[gen.Page]:
    """Every page of the site, in interface `lang`."""
    pages = [gen.home_page(cat, lang), *gen.letters_index_pages(cat, lang)]
    pages += [gen.letter_page(cat, letter, "<p>Text.</p>", None, lang) for letter in cat.letters]
    for sid in cat.signatories_az:
        pages += gen.signatory_pages(cat, cat.signatories[sid], lang)
    pages += [*gen.signatory_index_pages(cat, lang), gen.recipients_index(cat, lang)]
    for rid in cat.recipients:
        pages += gen.recipient_pages(cat, rid, lang)
    pages.append(gen.tags_index(cat, lang))
    for tid in cat.tags:
        pages += gen.tag_pages(cat, tid, lang)
    pages += [gen.data_page(cat, None, lang), gen.search_page(lang),
              gen.network_map_page(cat, lang)]
    return pages


def test_every_template_renders_in_both_interfaces(monkeypatch):
    # Small pages, so that the continued pages and the split A–Z indexes render too.
    monkeypatch.setattr(gen, "ROWS_PER_PAGE", 1)
    monkeypatch.setattr(gen, "SPLIT_INDEX_OVER", 1)
    cat = catalogue(load_archive(FIXTURE))
    templates = {p.name for p in gen.TEMPLATES.glob("*.html")}
    rendered = {}
    for lang in i18n.INTERFACES:
        used = set()
        original = gen.template

        def recording(name, lang=i18n.DEFAULT, used=used, original=original):
            used.add(name)
            return original(name, lang)

        monkeypatch.setattr(gen, "template", recording)
        rendered[lang] = {p.src: p.render() for p in pages_in(cat, lang)}
        monkeypatch.setattr(gen, "template", original)
        # _signed_table.html is included by the signatory pages, not asked for by name.
        assert used | {"_signed_table.html"} == templates, lang
    assert rendered["en"].keys() == rendered["es"].keys()
    en, es = rendered["en"], rendered["es"]
    assert "<dt>Date</dt>" in en["letters/2022-07-11-bilateral-meeting.md"]
    assert "<dt>Fecha</dt>" in es["letters/2022-07-11-bilateral-meeting.md"]
    assert "11 de julio de 2022" in es["letters/2022-07-11-bilateral-meeting.md"]
    assert "Cartas firmadas" in es["signatories/imumi.md"]
    # Column labels are headers (a phone shows them from CSS, in the reader's language).
    assert '<th scope="col">Para</th>' in es["index.md"]
    assert "Dirección permanente" in es["letters/2022-07-11-bilateral-meeting.md"]
    assert "Canales" in es["data/index.md"] and "Mapa de la red" in es["network/index.md"]
    # The Spanish pages say nothing in the English interface's words that has a Spanish one.
    for src, page in es.items():
        for word in ("Letters signed", "Co-signers", "Printed as", "Signatories</th>",
                     "over time", "per year", "Permanent address", "Download the citation",
                     "Members", "Network map", "Follow a name", "Feeds", "Each item is one",
                     "Everything the site shows", "The SQLite database", "Example queries"):
            assert word not in page, (src, word)
