"""What the import tests compare: a corpus letter's gold file against the letter that
`importer.parse_letter_text` makes of its text, whether the text is the contributor's own
(tests/test_import_corpus.py) or the one the PDF reader takes from a printed letter
(tests/test_import_pdf_corpus.py). One set of helpers, so that both say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

from undersigned import importer


def gold(path: Path) -> dict:
    """NN-name.gold.yml beside NN-name.txt, .md or .html."""
    return yaml.safe_load(path.with_name(path.stem + ".gold.yml").read_text(encoding="utf-8"))


def imported_text(text: str, name: str, g: dict):
    """The letter import makes of `text`; where the gold says the letter prints no date,
    import must ask for it, and the letter is the one made with the gold date given."""
    letter, diags = importer.parse_letter_text(text, name)
    if not g["date_printed"]:
        assert letter is None, f"{name}: import must ask for the date, not guess one"
        assert [d.message for d in diags] == [importer.NO_DATE]
        letter, diags = importer.parse_letter_text(
            text, name, date=dt.date.fromisoformat(str(g["date"])))
    assert letter is not None, [str(d) for d in diags]
    return letter


def assert_date(text: str, name: str, g: dict) -> None:
    """The printed date, read with no diagnostic, or the question when none is printed."""
    letter, diags = importer.parse_letter_text(text, name)
    if g["date_printed"]:
        assert [str(d) for d in diags] == []
        assert letter.date == dt.date.fromisoformat(str(g["date"]))
    else:
        assert letter is None
        assert [d.message for d in diags] == [importer.NO_DATE]


def found_signatories(letter) -> list[dict]:
    return [{"printed": e.printed, "section": s.heading, "name": e.name,
             "affiliation": e.affiliation, "country": e.country}
            for s in letter.sections for e in s.entries]


def wanted_signatories(g: dict) -> list[dict]:
    return [{"printed": x["printed"], "section": x.get("section"), "name": x.get("name"),
             "affiliation": x.get("affiliation"), "country": x.get("country")}
            for x in g["signatories"]]


def assert_signatories(letter, g: dict, given_only: bool = False) -> None:
    """Every signatory in printed order, with its section, and name, affiliation and
    country where the gold gives them (None where it does not); no `not_signatories`.

    `given_only`: a name, affiliation or country the gold leaves out is not compared (the
    PDF corpus's golds, like ../shared/real-letters', give them only where the letter
    sets them apart); the printed list and the sections are compared exactly all the same."""
    found = found_signatories(letter)
    wanted = wanted_signatories(g)
    if given_only:
        def given(entry: dict, gold_entry: dict) -> dict:
            return {k: v for k, v in entry.items() if k in ("printed", "section")
                    or k in gold_entry}

        found = [given(f, x) for f, x in zip(found, g["signatories"], strict=False)
                 ] + found[len(wanted):]
        wanted = [given(w, x) for w, x in zip(wanted, g["signatories"], strict=True)]
    assert found == wanted
    printed = {e["printed"] for e in found}
    assert not printed & set(g.get("not_signatories") or [])


def assert_recipients(letter, g: dict) -> None:
    assert [r.printed for r in letter.recipients] == (g.get("recipients") or [])
    assert [r.printed for r in letter.cc] == (g.get("cc") or [])


def words(text: str) -> list[str]:
    # Words of three letters or more, case-folded: list numbers, bullets, a "Para:" or
    # "c.c.p." label and the "and" before the last name of a list printed on one line
    # are the layout of the letter, not its text.
    return [w for w in re.findall(r"[^\W\d_]{3,}", unicodedata.normalize("NFC", text).casefold())
            if w not in {"para", "ccp", "and"}]


def lost_lines(text: str, letter) -> list:
    """Lines of the input with a word that is not in the letter file written, and lines
    the importer placed nowhere: both must be empty (nothing printed is lost)."""
    content = importer.to_markdown(letter, None)
    have = set(words(content))
    lost = [line for line in text.splitlines() if any(w not in have for w in words(line))]
    return lost + importer.unplaced_lines(text, content)
