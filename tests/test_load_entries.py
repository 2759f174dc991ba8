"""A letter's signatory entries, read by the loader's fast path (a well-formed entry's
mapping read once) or by its generic path (anything unusual), and checked by `check`'s
shortcuts (a text judged once per value, a plain body skipping the per-line rules):
each unusual entry, text or body line still gets its diagnostic, word for word, at its
line. The letters are written here in the shapes real letters take."""

from __future__ import annotations

import pytest
from edit_support import seed_copy

from undersigned.load import load_archive, parse_letter
from undersigned.models import Entry
from undersigned.validate import check

REL = "letters/2024-01-15-a-letter.md"
HEAD = """---
title: Organizations ask for safe pathways
date: 2024-01-15
language: en
summary: Organizations ask for safe pathways.
tags: [asylum]
source: Written for the test.
recipients:
  - printed: Alejandro Mayorkas
    id: alejandro-mayorkas
signatories:
  - section: Organizations
    entries:
      - printed: American Friends Service Committee
        id: afsc
"""
# HEAD's lines: the first entry is at line 14, the next one written after it at 16.
AFTER = "---\nDear Secretary,\n\nWe write to ask for safe pathways.\n"


def letter(*entries: str, body: str = AFTER) -> str:
    return HEAD + "".join(entries) + body


def diagnostics(text: str) -> list[tuple[int, str]]:
    found, diags = parse_letter(text, REL)
    return [(d.line, d.message) for d in diags]


# (the entry as written, what the loader says, or None when it says nothing)
UNUSUAL = [
    ("      - printed: AFSC\n        id: afsc\n        extra: x\n",
     (18, "unknown field 'extra' in signatories[0].entries[1]; allowed: affiliation, "
          "country, id, line, members, name, printed")),
    ('      - printed: ""\n        id: afsc\n',
     (16, "field signatories[0].entries[1].printed must not be empty")),
    ('      - printed: "   "\n        id: afsc\n',
     (16, "field signatories[0].entries[1].printed must not be empty")),
    ("      - printed: [AFSC]\n        id: afsc\n",
     (16, "field signatories[0].entries[1].printed must be text, not a list or mapping")),
    ("      - printed: AFSC\n        id: Bad_Id\n",
     (17, "id 'Bad_Id' must be lowercase ASCII letters, digits and single hyphens")),
    ("      - printed: AFSC\n        id: afsc\n        line: AFS and others\n",
     (18, "printed name 'AFSC' is not part of its line 'AFS and others'")),
    ("      - printed: Ana Ruiz, Profesora\n        id: afsc\n        name: Ana Ruíz\n",
     (18, "name 'Ana Ruíz' is not part of the printed name 'Ana Ruiz, Profesora' or its "
          "line; copy it from them as printed")),
    ("      - printed: AFSC, USA\n        id: afsc\n        country: [US]\n",
     (18, "field signatories[0].entries[1].country must be text, not a list or mapping")),
    # (An empty value is the empty text in strict YAML, not a missing list.)
    ("      - printed: AFSC\n        id: afsc\n        members:\n",
     (18, "field signatories[0].entries[1].members must be a list")),
    ("      - printed: AFSC\n        id: afsc\n        members: GTPM\n",
     (18, "field signatories[0].entries[1].members must be a list")),
    ("      - printed: GTPM\n        id: gtpm\n        members:\n"
     "          - printed: AFSC\n            id: afsc\n            members: []\n",
     (21, "unknown field 'members' in signatories[0].entries[1].members[0]; allowed: "
          "affiliation, country, id, line, name, printed")),
    ("      - printed: AFSC\n", (16, "missing required field 'id' in signatories[0].entries[1]")),
    ("      - American Friends Service Committee\n",
     (16, "signatories[0].entries[1] must be a mapping of fields")),
    # Blank optional parts are let be, as they always were: no entry part, no error.
    ("      - printed: AFSC\n        id: afsc\n        line: '  '\n", None),
    ("      - printed: AFSC\n        id: afsc\n        affiliation: ''\n", None),
]


@pytest.mark.parametrize(("entry", "expected"), UNUSUAL)
def test_an_unusual_entry_gets_the_diagnostic_of_the_generic_path(entry, expected):
    found = diagnostics(letter(entry))
    assert found == ([expected] if expected else [])


def test_a_refused_entry_among_good_ones_refuses_the_letter_and_says_it_once():
    text = letter("      - printed: AFSC\n        id: afsc\n        extra: x\n",
                  "      - printed: ACAI\n        id: acai\n")
    record, diags = parse_letter(text, REL)
    assert record is None
    assert [d.line for d in diags] == [18]  # the line of the unknown field


def test_a_blank_part_is_read_as_absent():
    record, diags = parse_letter(letter(
        "      - printed: AFSC\n        id: afsc\n        line: '  '\n"
        "        affiliation: ''\n"), REL)
    assert diags == []
    assert record.sections[0].entries[1] == Entry("AFSC", "afsc", (), None, 16)


def test_well_formed_entries_keep_every_part_and_their_lines():
    record, diags = parse_letter(letter(
        "      - printed: Ana Ruiz | Profesora, Universidad X\n        id: ana-ruiz\n"
        "        name: Ana Ruiz\n        affiliation: Profesora, Universidad X\n",
        "      - printed: Public Citizen\n        id: public-citizen\n"
        "        line: Public Citizen y Global Exchange, USA\n        country: USA\n",
        "      - printed: GTPM\n        id: gtpm\n        members:\n"
        "          - printed: AFSC\n            id: afsc\n"
        "          - {printed: ACAI, id: acai}\n"), REL)
    assert diags == []
    entries = record.sections[0].entries
    assert entries[1] == Entry("Ana Ruiz | Profesora, Universidad X", "ana-ruiz", (), None,
                               16, "Ana Ruiz", "Profesora, Universidad X")
    assert entries[2] == Entry("Public Citizen", "public-citizen", (),
                               "Public Citizen y Global Exchange, USA", 20, None, None, "USA")
    assert entries[3] == Entry("GTPM", "gtpm", (
        Entry("AFSC", "afsc", (), None, 27), Entry("ACAI", "acai", (), None, 29)), None, 24)
    # The entries in the order of the signatures, members after their network.
    assert [(e.printed, via) for e, via in record.printed_entries()] == [
        (s.printed, s.via) for s in record.signatures]
    assert [via for _, via in record.printed_entries()] == [None] * 4 + ["gtpm"] * 2


@pytest.fixture()
def repo(tmp_path):
    return seed_copy(tmp_path)


def write(repo, name: str, text: str) -> str:
    rel = f"letters/{name}.md"
    (repo / rel).write_text(text.replace("2024-01-15", name[:10]), encoding="utf-8")
    return rel


def test_a_bad_name_is_reported_in_every_letter_that_prints_it(repo):
    # The text of each name is judged once: the second letter printing the same bad name,
    # and a network member printing it, are told as the first was.
    bad = "American Friends\u202eService Committee"
    entry = f'      - printed: "{bad}"\n        id: afsc\n'
    first = write(repo, "2024-01-15-first", letter(entry))
    second = write(repo, "2024-01-16-second", letter(
        "      - printed: GTPM\n        id: gtpm\n        members:\n"
        f'          - printed: "{bad}"\n            id: afsc\n'))
    found = [(d.path, d.line) for d in check(load_archive(repo))
             if "bidirectional control U+202E" in d.message]
    assert found == [(first, 16), (second, 19)]


BODY_CASES = [
    ("We ask for <b>safe</b> pathways.", "raw HTML '<b'... is not allowed"),
    ("We ask { onclick=x } for pathways.", "attribute list '{ onclick=x }' is not allowed"),
    ("![a picture](https://example.org/x.png)", "images are not allowed"),
    ("--8<-- \"notes.md\"", "snippet marker '--8<--' is not allowed"),
    ("We ask for safe\u200bpathways.", "ZERO WIDTH SPACE"),
    ("We ask for " + "[" * 120 + " pathways.", "this paragraph has 120 '[' characters"),
]


@pytest.mark.parametrize(("line", "expected"), BODY_CASES)
def test_one_unusual_line_in_a_plain_body_is_found_at_its_line(repo, line, expected):
    body = ("---\nDear Secretary,\n\nWe write to ask for safe pathways, and for the "
            "protection of every person who asks for asylum.\n\n" + line +
            "\n\nSincerely,\n")
    rel = write(repo, "2024-01-15-a-letter", letter(body=body))
    found = [(d.line, d.message) for d in check(load_archive(repo)) if d.path == rel]
    # HEAD has 15 lines and the body starts after the closing '---' at 16.
    assert [line_no for line_no, message in found if expected in message] == [21]
    assert all(message.startswith(("body line", "this paragraph", "raw", "attribute",
                                   "images", "snippet", "printed name"))
               for _, message in found), found
