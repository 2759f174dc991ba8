"""`undersigned export DIR` and the CSV/JSON downloads, on the real seed letters."""

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned import cli
from undersigned.catalogue import catalogue
from undersigned.export import (
    COLUMNS,
    SIGNATORY_COLUMNS,
    CsvFields,
    export_files,
    iter_signature_rows,
    rows_as_json,
    signatory_files,
    signatory_files_encoded,
    signatory_rows,
    signature_csv_chunks,
    site_data_files,
    to_csv,
)
from undersigned.load import load_archive

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "archive"


@pytest.fixture(scope="module")
def seeds():
    archive = load_archive(ROOT)
    return archive, catalogue(archive)


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_columns_are_exactly_the_contract():
    assert COLUMNS == ("letter_id", "letter_date", "letter_title", "section", "printed_name",
                       "signatory_id", "signatory_name", "kind", "via")


def test_one_row_per_signature_as_printed(seeds):
    archive, cat = seeds
    text = export_files(cat)["signatures.csv"]
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = read_csv(text)
    assert len(rows) == sum(x.listed_count for x in archive.letters)
    by_letter = {}
    for r in rows:
        by_letter.setdefault(r["letter_id"], []).append(r)
    for letter in archive.letters:
        got = by_letter[letter.id]
        assert [r["printed_name"] for r in got] == [s.printed for s in letter.signatures]
        assert [r["via"] for r in got] == [s.via or "" for s in letter.signatures]
        assert {r["letter_date"] for r in got} == {letter.date.isoformat()}
    assert len(by_letter["2022-07-11-biden-lopez-obrador-meeting"]) == 87
    imumi = [r for r in rows if r["signatory_id"] == "imumi"]
    assert {r["letter_id"] for r in imumi} == {x.id for x in archive.letters}
    assert {r["signatory_name"] for r in imumi} == {"Instituto para las Mujeres en la Migración"}


def test_json_files_describe_letters_and_signatories(seeds):
    archive, cat = seeds
    files = export_files(cat)
    letters = json.loads(files["letters.json"])
    assert [x["id"] for x in letters] == [x.id for x in cat.letters]
    first = letters[0]
    assert first["url"] == f"/letters/{first['id']}/"
    assert first["listed_count"] == cat.letter_by_id[first["id"]].listed_count
    signatories = json.loads(files["signatories.json"])
    assert [s["id"] for s in signatories] == sorted(archive.signatories)
    wola = next(s for s in signatories if s["id"] == "wola")
    assert "Oficina en Washington para Asuntos Latinoamericanos (WOLA)" in wola["aliases"]
    assert wola["letter_count"] == cat.signatories["wola"].letter_count


def test_per_signatory_rows_are_its_rows_of_the_whole_file(seeds):
    _, cat = seeds
    whole = read_csv(export_files(cat)["signatures.csv"])
    assert SIGNATORY_COLUMNS == ("letter_id", "letter_date", "letter_title", "section",
                                 "printed_name", "via")
    for sid in ("imumi", "gtpm", "wola"):
        files = signatory_files(cat, sid)
        mine = [r for r in whole if r["signatory_id"] == sid]
        assert {(r["signatory_name"], r["kind"]) for r in mine} == {
            (cat.signatories[sid].signatory.name, cat.signatories[sid].signatory.kind)}
        # The same rows in the same order, less the columns that never change in them.
        own = read_csv(files["signatures.csv"])
        assert list(own[0]) == list(SIGNATORY_COLUMNS)
        assert own == [{c: r[c] for c in SIGNATORY_COLUMNS} for r in mine]
        doc = json.loads(files["signatures.json"])
        assert doc["columns"] == list(SIGNATORY_COLUMNS)
        assert [dict(zip(doc["columns"], r, strict=True)) for r in doc["data"]] == own


def test_per_signatory_json_is_what_json_dumps_writes(seeds):
    """rows_as_json writes rows from strings; json.dumps is the reference, with hostile
    text too."""
    archive, cat = seeds
    hostile = ["", "\"quoted\" \\ back", "tab\tnew\nline\x00\x1f", "é ñ “” \u2028 \U0001f600",
               "</script>", "\ud800"]
    rows = [row for sid in sorted(cat.signatories) for row in signatory_rows(cat, sid)]
    rows += [[hostile[(i + k) % len(hostile)] for k in range(len(SIGNATORY_COLUMNS))]
             for i in range(len(hostile))]
    for some in (rows, rows[:1], []):
        text = rows_as_json(some)
        assert json.loads(text) == {"columns": list(SIGNATORY_COLUMNS), "data": some}
        # One row per line, each written as json.dumps writes it.
        lines = text.split("\n")
        assert lines[1:1 + len(some)] == [
            json.dumps(r, ensure_ascii=False, separators=(",", ":")) + ("," if i < len(some) - 1
                                                                        else "")
            for i, r in enumerate(some)]
    # The count the downloads print is the number of signatures listed.
    assert all(x.listed_count == len(x.signatures) for x in archive.letters)


def test_output_is_deterministic_with_unix_line_endings(seeds):
    archive, cat = seeds
    first = export_files(cat)
    assert first == export_files(catalogue(load_archive(ROOT)))
    for text in first.values():
        assert "\r" not in text and text.endswith("\n")


def test_export_command_writes_the_files_and_the_database(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["--root", str(FIXTURE), "export", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "datapackage.json", "letters.json", "metadata.json", "signatories.json",
        "signatures.csv", "undersigned.db"]
    rows = read_csv((out / "signatures.csv").read_text(encoding="utf-8"))
    assert len(rows) == 7  # 5 on the first fixture letter, 2 on the second
    with sqlite3.connect(out / "undersigned.db") as db:
        printed = db.execute("SELECT printed_name FROM signatures ORDER BY id").fetchall()
    assert [p for (p,) in printed] == [r["printed_name"] for r in rows]
    described = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(r["path"] for r in described["resources"]) == sorted(
        p.name for p in out.iterdir() if p.name != "datapackage.json")


def test_each_letter_has_its_citation_beside_its_page(seeds):
    _, cat = seeds
    files = dict(site_data_files(cat))
    for letter in cat.letters:
        bib = files[f"letters/{letter.id}/cite.bib"]
        csl = json.loads(files[f"letters/{letter.id}/cite.json"])
        assert bib.startswith(f"@misc{{{letter.id},") and csl[0]["id"] == letter.id
    assert {"data/undersigned.db"} & set(files) == set()  # binary: written by the build


def test_export_refuses_an_invalid_archive(tmp_path, capsys):
    broken = tmp_path / "archive"
    shutil.copytree(FIXTURE, broken)
    (broken / "signatories" / "gtpm.yml").unlink()
    out = tmp_path / "out"
    assert cli.main(["--root", str(broken), "export", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "gtpm" in err
    assert not out.exists()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=2, max_size=6))
def test_encoded_csv_fields_are_what_csv_writer_writes(row):
    """The downloads put rows together from fields encoded one at a time (each letter's
    once): the text must be csv.writer's, with commas, quotes, line breaks and all."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    assert CsvFields().line(row) == out.getvalue()


def test_encoded_downloads_are_the_rows_written_by_csv_writer(seeds):
    _, cat = seeds
    whole = "".join(signature_csv_chunks(cat))
    assert whole == to_csv(iter_signature_rows(cat))
    assert '"' in whole  # the seeds print names with commas: quoted fields are covered
    fields = CsvFields()
    for sid in sorted(cat.signatories):
        assert signatory_files_encoded(cat, sid, fields) == signatory_files(cat, sid)
