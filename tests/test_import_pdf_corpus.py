"""`undersigned import` on the corpus's PDF letters, end to end, asserted exactly.

Each HTML letter of tests/fixtures/import/corpus/ is printed to PDF by Chromium
(tests/pdf_support.py) and read as a contributor's file: `pdftext.read_pdf`, then the
same `importer.parse_letter_text` a pasted text goes through. Its gold file says what
must come out: the date (or that import asks for it), the recipients and copies, and
every signatory in printed order with its section, and a person's name and affiliation
and a country where the gold gives them. A few go through the real command, `undersigned import
X.pdf` into a copy of the archive, then `undersigned check`, which must load the letter
written and report only what a person still has to do.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from corpus_support import (
    assert_date,
    assert_recipients,
    assert_signatories,
    gold,
    imported_text,
    lost_lines,
)
from pdf_support import PdfCache, corpus_letters

from undersigned.cli import main
from undersigned.load import parse_letter
from undersigned.pdftext import read_pdf

LETTERS = corpus_letters()
ROOT = Path(__file__).parent.parent

# Two columns with no room between the entries: a name that fills its line, then one
# whose first word would not have fit, reads exactly as a wrapped name (see
# test_pdftext.py). Strict, so that a fix is noticed.
TIGHT = pytest.mark.xfail(strict=True, reason="a full line then an entry reads as a wrap")


def params(letters: list[Path]) -> list:
    return [pytest.param(p, marks=TIGHT, id=p.stem) if p.stem == "16-two-columns-tight"
            else pytest.param(p, id=p.stem) for p in letters]


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> PdfCache:
    return PdfCache(tmp_path_factory.mktemp("import-pdf"))


def pdf_text(html: Path, pdfs: PdfCache) -> tuple[str, str]:
    """The text the PDF reader takes from the printed letter, and the PDF's name."""
    pdf = pdfs.pdf(html)
    text, diags = read_pdf(pdf.read_bytes(), pdf.name)
    assert [str(d) for d in diags] == []
    assert text is not None
    return text, pdf.name


def test_every_html_letter_has_its_gold():
    assert len(LETTERS) >= 20
    for html in LETTERS:
        g = gold(html)
        assert g["file"] == f"{html.stem}.pdf" and g["signatories"]


@pytest.mark.parametrize("html", LETTERS, ids=lambda p: p.stem)
def test_date_is_the_printed_one_or_a_question(html, pdfs):
    text, name = pdf_text(html, pdfs)
    assert_date(text, name, gold(html))


@pytest.mark.parametrize("html", params(LETTERS))
def test_signatories_as_printed(html, pdfs):
    g = gold(html)
    text, name = pdf_text(html, pdfs)
    assert_signatories(imported_text(text, name, g), g, given_only=True)


@pytest.mark.parametrize("html", LETTERS, ids=lambda p: p.stem)
def test_recipients_and_copies(html, pdfs):
    g = gold(html)
    text, name = pdf_text(html, pdfs)
    assert_recipients(imported_text(text, name, g), g)


@pytest.mark.parametrize("html", LETTERS, ids=lambda p: p.stem)
def test_nothing_the_reader_gives_is_lost(html, pdfs):
    """Every word of the PDF's text is in the letter file written (what the reader
    itself keeps is tested in test_pdftext.py)."""
    g = gold(html)
    text, name = pdf_text(html, pdfs)
    assert lost_lines(text, imported_text(text, name, g)) == []


# ------------------------------------------------------------------ the command

@pytest.fixture
def archive(tmp_path) -> Path:
    """A copy of the project's archive: its letters, signatories, recipients and tags."""
    root = tmp_path / "archive"
    for sub in ("letters", "signatories", "recipients"):
        shutil.copytree(ROOT / sub, root / sub)
    shutil.copy(ROOT / "tags.yml", root / "tags.yml")
    return root


# What `check` says of a letter import has just written, and nothing else: the
# placeholders a person fills in, and names and recipients not yet linked.
UNFINISHED = re.compile(
    r"error: (?:title is still the importer's placeholder|summary is still the importer's "
    r"placeholder|unknown tag 'todo'|source still says TODO|unknown recipient id '[a-z0-9-]+'|"
    r"(?P<name>'[^\n]*'|\"[^\n]*\") is not linked to a signatory yet)")

# Sections and people (01), running headers (08), three recipients (09), an
# organization | country table (17), a closing that introduces the list (21), no date
# printed and copies after the list (22).
COMMAND = [p for p in LETTERS if p.stem[:2] in {"01", "08", "09", "17", "21", "22"}]


@pytest.mark.parametrize("html", COMMAND, ids=lambda p: p.stem)
def test_import_then_check(html, pdfs, archive, capsys):
    g = gold(html)
    pdf = pdfs.pdf(html)
    before = set((archive / "letters").iterdir())
    command = ["--root", str(archive), "import", str(pdf)]
    if not g["date_printed"]:
        # No date printed: import asks for it, and writes nothing until it is given.
        assert main(command) == 1
        out, err = capsys.readouterr()
        assert re.fullmatch(rf"{re.escape(str(pdf))}:\d+: error: no date printed in the "
                            r"letter's head or signature block; give it with --date "
                            r"YYYY-MM-DD\n", err)
        assert set((archive / "letters").iterdir()) == before
        command += ["--date", str(g["date"])]
    assert main(command) == 0
    out, err = capsys.readouterr()
    assert err == "" and "not placed" not in out
    written = set((archive / "letters").iterdir()) - before
    assert len(written) == 1
    letter_file = written.pop()
    assert letter_file.name.startswith(str(g["date"]))

    # The letter written is the one the gold describes.
    relative = f"letters/{letter_file.name}"
    loaded, diags = parse_letter(letter_file.read_text(encoding="utf-8"), relative)
    assert [str(d) for d in diags] == []
    assert_signatories(loaded, g, given_only=True)
    assert_recipients(loaded, g)
    assert str(loaded.date) == str(g["date"])

    # `check` loads it with the others and reports only the work left to a person.
    assert main(["--root", str(archive), "check"]) == 1
    out, err = capsys.readouterr()
    report = (out + err).strip().splitlines()
    assert report[-1].startswith(f"checked {len(before) + 1} letters")
    errors = report[:-1]
    assert errors and all(e.startswith(f"{relative}:") for e in errors), errors
    assert all(UNFINISHED.search(e) for e in errors), [e for e in errors
                                                       if not UNFINISHED.search(e)]
    unlinked = [m.group("name")[1:-1] for e in errors if (m := UNFINISHED.search(e))
                and m.group("name")]
    assert len(unlinked) == len(g["signatories"])
