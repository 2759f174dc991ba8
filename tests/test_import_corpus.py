"""`undersigned import` on the corpus of letters we wrote in the shapes real letters take.

tests/fixtures/import/corpus/NN-name.txt (or .md) is a letter as a contributor brings it:
pasted from a web page (one block per line), pdftotext's default and -layout output,
Markdown; English, Spanish, French, Portuguese. NN-name.gold.yml says, by hand, what
must come out: the date (or, where the letter prints none, that import asks for it),
the recipients and copies, and every signatory in printed order with its section and,
where printed, its country and a person's name and affiliation. `not_signatories`
are lines that must not become signatories. Every line of the input must end up in
the letter file (nothing lost).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from undersigned import importer
from undersigned.cli import main
from undersigned.load import parse_letter

CORPUS = Path(__file__).parent / "fixtures" / "import" / "corpus"
LETTERS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))


def gold(path: Path) -> dict:
    return yaml.safe_load(path.with_name(path.stem + ".gold.yml").read_text(encoding="utf-8"))


def imported(path: Path):
    """The letter as import reads it, given the gold date where it prints none."""
    g = gold(path)
    text = path.read_text(encoding="utf-8")
    letter, diags = importer.parse_letter_text(text, path.name)
    if not g["date_printed"]:
        assert letter is None, f"{path.name}: import must ask for the date, not guess one"
        letter, diags = importer.parse_letter_text(
            text, path.name, date=dt.date.fromisoformat(str(g["date"])))
    assert letter is not None, [str(d) for d in diags]
    return letter


def test_the_corpus_is_large_and_varied():
    assert len(LETTERS) >= 22
    golds = [gold(p) for p in LETTERS]
    assert sum(not g["date_printed"] for g in golds) >= 2
    assert sum(not g["recipients"] for g in golds) >= 2
    languages = {p.stem for p in LETTERS}
    assert any("-es-" in s for s in languages) and any("-fr-" in s for s in languages)
    assert any(p.suffix == ".md" for p in LETTERS)


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_date_is_the_printed_one_or_a_question(path):
    g = gold(path)
    letter, diags = importer.parse_letter_text(path.read_text(encoding="utf-8"), path.name)
    if g["date_printed"]:
        assert [str(d) for d in diags] == []
        assert letter.date == dt.date.fromisoformat(str(g["date"]))
    else:
        assert letter is None
        assert [d.message for d in diags] == [importer.NO_DATE]


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_signatories_as_printed(path):
    g = gold(path)
    letter = imported(path)
    found = [{"printed": e.printed, "section": s.heading, "name": e.name,
              "affiliation": e.affiliation, "country": e.country}
             for s in letter.sections for e in s.entries]
    want = [{"printed": x["printed"], "section": x.get("section"), "name": x.get("name"),
             "affiliation": x.get("affiliation"), "country": x.get("country")}
            for x in g["signatories"]]
    assert found == want
    printed = {e["printed"] for e in found}
    assert not printed & set(g.get("not_signatories") or [])


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_recipients_and_copies(path):
    g = gold(path)
    letter = imported(path)
    assert [r.printed for r in letter.recipients] == (g.get("recipients") or [])
    assert [r.printed for r in letter.cc] == (g.get("cc") or [])


def words(text: str) -> list[str]:
    # Words of three letters or more, case-folded: list numbers, bullets, a "Para:" or
    # "c.c.p." label and the "and" before the last name of a list printed on one line
    # are the layout of the letter, not its text.
    return [w for w in re.findall(r"[^\W\d_]{3,}", unicodedata.normalize("NFC", text).casefold())
            if w not in {"para", "ccp", "and"}]


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_nothing_printed_is_lost(path):
    letter = imported(path)
    content = importer.to_markdown(letter, None)
    have = set(words(content))
    lost = [line for line in path.read_text(encoding="utf-8").splitlines()
            if any(w not in have for w in words(line))]
    assert lost == []
    assert importer.unplaced_lines(path.read_text(encoding="utf-8"), content) == []


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_the_written_letter_loads(path):
    letter = imported(path)
    content = importer.to_markdown(letter, None)
    loaded, diags = parse_letter(content, f"letters/{importer.letter_slug(letter)}.md")
    assert [str(d) for d in diags] == []
    assert [e.printed for s in loaded.sections for e in s.entries] == [
        e.printed for s in letter.sections for e in s.entries]
    assert [(e.name, e.affiliation, e.country) for s in loaded.sections for e in s.entries] == [
        (e.name, e.affiliation, e.country) for s in letter.sections for e in s.entries]


# ------------------------------------------------------------------ the command

@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    for sub in ("letters", "signatories", "recipients"):
        (root / sub).mkdir(parents=True)
    (root / "tags.yml").write_text("[]\n", encoding="utf-8")
    return root


def undated() -> Path:
    return next(p for p in LETTERS if not gold(p)["date_printed"])


def dated() -> Path:
    return next(p for p in LETTERS if gold(p)["date_printed"])


def test_no_printed_date_asks_and_writes_nothing(repo, capsys):
    path = undated()
    assert main(["--root", str(repo), "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+: error: no date printed in the letter's "
                        r"head or signature block; give it with --date YYYY-MM-DD\n", err)
    assert list((repo / "letters").iterdir()) == []


def test_the_date_given_is_written(repo, capsys):
    path = undated()
    day = str(gold(path)["date"])
    assert main(["--root", str(repo), "import", str(path), "--date", day]) == 0
    written = list((repo / "letters").iterdir())
    assert len(written) == 1 and written[0].name.startswith(day)
    assert f"date: {day}\n" in written[0].read_text(encoding="utf-8")


def test_a_date_given_against_the_printed_one_is_an_error(repo, capsys):
    path = dated()
    printed = str(gold(path)["date"])
    assert main(["--root", str(repo), "import", str(path), "--date", "1999-01-02"]) == 1
    err = capsys.readouterr().err
    assert f"the letter prints the date {printed}" in err and "--date gives 1999-01-02" in err
    assert "Traceback" not in err
    assert list((repo / "letters").iterdir()) == []


def test_a_date_that_is_not_a_date(repo, capsys):
    assert main(["--root", str(repo), "import", str(dated()), "--date", "2021-02-30"]) == 1
    assert "is not a date; give it as YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("content, message", [
    (b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 40, "binary data, not text"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 64 + b"July 11, 2022\n" * 10,
     "binary data, not text"),
    ("July 11, 2022\n\nDear Minister,\n\nSincerely,\n\nNiñas Libres\n".encode("latin-1"),
     "file is not valid UTF-8"),
])
def test_bad_text_is_one_line_and_writes_nothing(repo, tmp_path, capsys, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert main(["--root", str(repo), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith(f"{bad}:")
    assert list((repo / "letters").iterdir()) == []


def test_a_50_mb_text_file_is_refused(repo, tmp_path, capsys):
    big = tmp_path / "big.txt"
    line = "Asociación de Productores Orgánicos del Valle Alto, Bolivia\n".encode()
    with big.open("wb") as f:
        f.write(b"July 11, 2022\n\nDear Minister,\n\nSincerely,\n\n")
        for _ in range(50_000_000 // len(line) // 1000 + 1):
            f.write(line * 1000)
    assert big.stat().st_size > 50_000_000
    assert main(["--root", str(repo), "import", str(big)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "far more than a letter" in err
    assert list((repo / "letters").iterdir()) == []


def test_a_statement_with_no_addressee_passes_check(repo, capsys):
    from undersigned.importer import unfinished

    path = next(p for p in LETTERS if gold(p)["date_printed"] and not gold(p)["recipients"])
    letter = imported(path)
    loaded, _ = parse_letter(importer.to_markdown(letter, None),
                             f"letters/{importer.letter_slug(letter)}.md")
    assert loaded.recipients == ()
    assert not [d for d in unfinished(loaded) if "recipient" in d.message]


def test_eval_import_scores_the_corpus(capsys):
    # The evaluation script agrees with the tests above: every date right or asked,
    # every signatory right, nothing extra.
    import runpy
    import sys

    script = Path(__file__).parent.parent / "scripts" / "eval_import.py"
    argv = sys.argv
    sys.argv = ["eval_import.py", str(CORPUS)]
    try:
        with pytest.raises(SystemExit) as done:
            runpy.run_path(str(script), run_name="__main__")
    finally:
        sys.argv = argv
    assert done.value.code == 0
    out = capsys.readouterr().out
    total = sum(len(gold(p)["signatories"]) for p in LETTERS)
    assert f"signatories: {total}/{total} correct (100.0%), 0 missing, 0 extra" in out
    asked = sum(not gold(p)["date_printed"] for p in LETTERS)
    assert f"dates: right {len(LETTERS) - asked}, asked {asked}, wrong 0" in out


def test_import_lists_what_it_kept_in_the_text(repo, capsys):
    path = CORPUS / "22-en-contact-block.txt"
    assert main(["--root", str(repo), "import", str(path)]) == 0
    out = capsys.readouterr().out
    kept = re.findall(rf"^{re.escape(str(path))}:(\d+): kept in the text, not a signatory: (.*)$",
                      out, re.M)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [(int(no), text) for no, text in kept] == [
        (no, lines[no - 1]) for no in range(17, 22)]
    assert "not placed" not in out
