"""Export stage: every fact the site shows, as CSV, JSON and a SQLite database.

`export_files(catalogue)` is pure (relative path -> file text) so the site can
publish exactly the same bytes under `/data/` that `undersigned export DIR`
writes. Output is deterministic: stable row order, sorted JSON keys, `\\n` line
endings, UTF-8. Beside them: the database (`database`), its Datasette metadata, the
Data Package describing them all (`datapackage`) and each letter's citation (`cite`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import cite, database, datapackage, urls
from .catalogue import Catalogue
from .files import write_atomic
from .models import Entry, Letter, RecipientRef

# The columns of signatures.csv, in order, with what they mean (the Data page prints these).
SIGNATURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("letter_id", "the letter's id (its file name without .md); its page is /letters/<id>/"),
    ("letter_date", "the date printed on the letter, YYYY-MM-DD"),
    ("letter_title", "the letter's descriptive title"),
    ("section", "the heading the signature was printed under (\"NGO\", \"Individuals\"), "
                "empty when the letter prints none"),
    ("printed_name", "the name exactly as printed on the letter"),
    ("signatory_id", "the canonical signatory's id; its page is /signatories/<id>/"),
    ("signatory_name", "the canonical signatory's name"),
    ("kind", "organization, person or network"),
    ("via", "the network's id when the name was printed as a member of that network, "
            "else empty"),
)
COLUMNS = tuple(name for name, _ in SIGNATURE_COLUMNS)
# A signatory's own rows (/signatories/<id>/signatures.csv and .json) leave out the
# columns that would be the same in every row (signatory_id, signatory_name, kind: the
# page and signatories.json give them): at 10,000 letters a million rows, a third of
# their bytes.
SIGNATORY_COLUMNS = tuple(c for c in COLUMNS
                          if c not in ("signatory_id", "signatory_name", "kind"))

DATA_FILES = ("signatures.csv", "letters.json", "signatories.json")
# Written beside them: the database, and two descriptions of the files.
DATABASE_FILE = f"{database.DATABASE_NAME}.db"  # Datasette names it after its file
DESCRIPTION_FILES = ("metadata.json", "datapackage.json")


def signature_rows(cat: Catalogue, letters: Iterable[Letter] | None = None) -> list[list[str]]:
    """One row per signature, letters newest first, signatures in printed order."""
    return list(iter_signature_rows(cat, letters))


def iter_signature_rows(cat: Catalogue,
                        letters: Iterable[Letter] | None = None) -> Iterator[list[str]]:
    """`signature_rows` one row at a time: a million rows at 10,000 letters."""
    views = cat.signatories

    def row(head: list[str], section: str, e: Entry, via: str) -> list[str]:
        view = views.get(e.id)
        name, kind = (view.signatory.name, view.signatory.kind) if view else ("", "")
        return [*head, section, e.printed, e.id, name, kind, via]

    # Letter.signatures' order (members follow their network), without its records.
    for letter in cat.letters if letters is None else letters:
        head = [letter.id, letter.date.isoformat(), letter.title]
        for section in letter.sections:
            heading = section.heading or ""
            for entry in section.entries:
                yield row(head, heading, entry, "")
                for member in entry.members:
                    yield row(head, heading, member, entry.id)


# Rows or records per chunk of a streamed file: the C writers work on a batch at a time,
# and memory holds one batch, not the file.
BATCH = 2000


def csv_chunks(rows: Iterable[list[str]], columns: tuple[str, ...] = COLUMNS) -> Iterator[str]:
    """`to_csv`'s text in pieces: the header, then batches of rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for batch in _batches(rows):
        writer.writerows(batch)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.tell():  # no rows: the header alone
        yield out.getvalue()


def to_csv(rows: Iterable[list[str]], columns: tuple[str, ...] = COLUMNS) -> str:
    return "".join(csv_chunks(rows, columns))


def json_chunks(values: Iterable) -> Iterator[str]:
    """`to_json` of a list, in pieces: one record per line, batches of records."""
    first = True
    for batch in _batches(values):
        text = ",\n".join(_compact(v) for v in batch)
        yield ("[\n" if first else ",\n") + text
        first = False
    yield "[]\n" if first else "\n]\n"


def to_json(value) -> str:
    """A JSON list with one record per line: diffable, and written by json's C encoder
    (an `indent` falls back to the pure-Python one, several times slower)."""
    if isinstance(value, list):
        return "".join(json_chunks(value))
    return _compact(value) + "\n"


def _batches(items: Iterable) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _ref(r: RecipientRef) -> dict:
    return {"printed": r.printed, "id": r.id, "name": r.name, "role": r.role}


def _entry(e: Entry) -> dict:
    out = {"printed": e.printed, "id": e.id}
    if e.line:
        out["line"] = e.line
    if e.members:
        out["members"] = [_entry(m) for m in e.members]
    return out


def letter_record(letter: Letter) -> dict:
    """A letter's metadata and printed signatory list (its text is the Markdown file)."""
    return {
        "id": letter.id,
        "url": urls.site_path(urls.letter(letter.id)),
        "path": letter.path,
        "title": letter.title,
        "date": letter.date.isoformat(),
        "language": letter.language,
        "summary": letter.summary,
        "tags": list(letter.tags),
        "place": letter.place,
        "source": letter.source,
        "stated_count": letter.stated_count,
        "listed_count": letter.listed_count,
        "recipients": [_ref(r) for r in letter.recipients],
        "cc": [_ref(r) for r in letter.cc],
        "translations": list(letter.translations),
        "signatories": [{"section": s.heading, "entries": [_entry(e) for e in s.entries]}
                        for s in letter.sections],
    }


def signatory_record(cat: Catalogue, sid: str) -> dict:
    view = cat.signatories[sid]
    s = view.signatory
    return {
        "id": s.id,
        "url": urls.site_path(urls.signatory(s.id)),
        "name": s.name,
        "kind": s.kind,
        "acronyms": list(s.acronyms),
        "aliases": list(s.aliases),
        "country": s.country,
        "website": s.website,
        "affiliation": s.affiliation,
        "note": s.note,
        "related": [{"id": r.id, "relation": r.relation, "note": r.note} for r in s.related],
        "letter_count": view.letter_count,
        "printed_forms": list(view.printed_forms),
        "networks": list(view.networks),
    }


def signatory_rows(cat: Catalogue, sid: str) -> list[list[str]]:
    """The rows of signatures.csv that belong to one signatory, in the same order, in
    its columns (`SIGNATORY_COLUMNS`)."""
    out = []
    for signed in cat.signatories[sid].signed:
        letter = cat.letter_by_id[signed.letter_id]
        out.append([letter.id, letter.date.isoformat(), letter.title, signed.section or "",
                    signed.printed, signed.via or ""])
    return out


def rows_as_json(rows: list[list[str]]) -> str:
    """A signatory's rows as JSON: `{"columns": [...], "data": [[...], ...]}`, one row
    per line, the columns `SIGNATORY_COLUMNS` (pandas reads it with
    `read_json(url, orient="split")`). Not a list of records: their keys, repeated in
    each of a million rows at 10,000 letters, were a third of the file."""
    enc = _STR_JSON
    lines = ["[" + ",".join(map(enc, r)) + "]" for r in rows]
    return (_SPLIT_HEAD + ("\n" + ",\n".join(lines) + "\n" if lines else "") + "]}\n")


# Values are encoded by the encoder json.dumps uses for text with ensure_ascii=False
# (tests compare the two).
_STR_JSON = json.encoder.encode_basestring
_SPLIT_HEAD = '{"columns":' + _compact(list(SIGNATORY_COLUMNS)) + ',"data":['


# What makes csv's QUOTE_MINIMAL quote a field (and "\r", which it leaves alone in some
# Pythons): a field without any is written as it is.
_CSV_SPECIAL = re.compile(r'[,"\r\n]')


class CsvFields:
    """Fields encoded as csv.writer encodes them in a row of several, one at a time: most
    need nothing, and the rest are handed to csv.writer itself (the same bytes). A
    million rows at 10,000 letters repeat their letter's and signatory's columns: these
    are encoded once and the rows put together as text."""

    def __init__(self) -> None:
        self._out = io.StringIO()
        self._writer = csv.writer(self._out, lineterminator="\n")
        self._letters: dict[str, tuple[str, str]] = {}

    def field(self, text: str) -> str:
        if not _CSV_SPECIAL.search(text):
            return text
        self._writer.writerow((text, ""))  # two fields: a lone empty one is written ""
        value = self._out.getvalue()[:-2]
        self._out.seek(0)
        self._out.truncate()
        return value

    def line(self, values: Iterable[str]) -> str:
        return ",".join(map(self.field, values)) + "\n"

    def letter(self, letter: Letter) -> tuple[str, str]:
        """A letter's first three columns (id, date, title), as CSV and as JSON."""
        pieces = self._letters.get(letter.id)
        if pieces is None:
            values = (letter.id, letter.date.isoformat(), letter.title)
            pieces = self._letters[letter.id] = (",".join(map(self.field, values)),
                                                 ",".join(map(_STR_JSON, values)))
        return pieces


def signature_csv_chunks(cat: Catalogue, fields: CsvFields | None = None) -> Iterator[str]:
    """`csv_chunks(iter_signature_rows(cat))`, the same text, in batches of rows."""
    fields = fields or CsvFields()
    field, views = fields.field, cat.signatories
    signers: dict[str, str] = {}  # a signatory's three columns: id, name, kind

    def signer(sid: str) -> str:
        text = signers.get(sid)
        if text is None:
            view = views.get(sid)
            name, kind = (view.signatory.name, view.signatory.kind) if view else ("", "")
            text = signers[sid] = f"{field(sid)},{field(name)},{field(kind)}"
        return text

    yield fields.line(COLUMNS)
    lines: list[str] = []
    for letter in cat.letters:
        head = fields.letter(letter)[0]
        for section in letter.sections:
            start = f"{head},{field(section.heading or '')},"
            for entry in section.entries:
                lines.append(f"{start}{field(entry.printed)},{signer(entry.id)},\n")
                if entry.members:
                    via = field(entry.id)
                    lines += [f"{start}{field(m.printed)},{signer(m.id)},{via}\n"
                              for m in entry.members]
        if len(lines) >= BATCH:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def export_chunks(cat: Catalogue,
                  fields: CsvFields | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """The three archive-wide downloads, by file name, each as its text in pieces (at
    10,000 letters they are hundreds of MB as Python strings: written as produced)."""
    yield "signatures.csv", signature_csv_chunks(cat, fields)
    yield "letters.json", json_chunks(letter_record(x) for x in cat.letters)
    yield "signatories.json", json_chunks(signatory_record(cat, i)
                                          for i in sorted(cat.signatories))


def export_files(cat: Catalogue) -> dict[str, str]:
    """The three archive-wide downloads, by file name."""
    return {name: "".join(chunks) for name, chunks in export_chunks(cat)}


def description_files(cat: Catalogue) -> dict[str, str]:
    """Datasette's metadata.json for the database, and the Data Package of every download."""
    return {"metadata.json": database.metadata_json(cat),
            "datapackage.json": datapackage.package_json(cat)}


def cite_files(cat: Catalogue, letter: Letter, site_url: str | None = None) -> dict[str, str]:
    """A letter's citation, as `cite.json` (CSL-JSON) and `cite.bib` (BibTeX)."""
    return {"cite.json": cite.csl_json(cat, letter, site_url),
            "cite.bib": cite.bibtex(cat, letter, site_url)}


def signatory_files(cat: Catalogue, sid: str) -> dict[str, str]:
    """One signatory's rows, as `signatures.csv` and `signatures.json`: the plain
    reference `signatory_files_encoded` (what the build and serve write) is tested against."""
    rows = signatory_rows(cat, sid)
    return {"signatures.csv": to_csv(rows, SIGNATORY_COLUMNS),
            "signatures.json": rows_as_json(rows)}


def signatory_files_encoded(cat: Catalogue, sid: str, fields: CsvFields) -> dict[str, str]:
    """`signatory_files`, the same text, with each letter's columns encoded once (in
    `fields`) for all its signatories."""
    field, enc = fields.field, _STR_JSON
    csv_lines, json_lines = [_SIGNATORY_CSV_HEAD], []
    for letter_id, printed, section, via in cat.signatories[sid].signed_rows:
        as_csv, as_json = fields.letter(cat.letter_by_id[letter_id])
        section, via = section or "", via or ""
        csv_lines.append(f"{as_csv},{field(section)},{field(printed)},{field(via)}\n")
        json_lines.append(f"[{as_json},{enc(section)},{enc(printed)},{enc(via)}]")
    return {"signatures.csv": "".join(csv_lines),
            "signatures.json": _SPLIT_HEAD + ("\n" + ",\n".join(json_lines) + "\n"
                                              if json_lines else "") + "]}\n"}


_SIGNATORY_CSV_HEAD = ",".join(SIGNATORY_COLUMNS) + "\n"  # names that need no quoting


def site_data_chunks(cat: Catalogue,
                     site_url: str | None = None) -> Iterator[tuple[str, Iterable[str]]]:
    """Every text download the site publishes, one at a time: (path in the site, text
    in pieces). Nothing is held beyond the file being written. (The database is binary:
    `database.write_database` writes it.)"""
    fields = CsvFields()  # each letter's columns encoded once, for every file
    for name, chunks in export_chunks(cat, fields):
        yield urls.data_file(name), chunks
    for name, text in description_files(cat).items():
        yield urls.data_file(name), (text,)
    for sid in sorted(cat.signatories):
        for name, text in signatory_files_encoded(cat, sid, fields).items():
            yield urls.signatory_file(sid, name), (text,)
    for letter in cat.letters:
        for name, text in cite_files(cat, letter, site_url).items():
            yield urls.letter_file(letter.id, name), (text,)


def site_data_files(cat: Catalogue,
                    site_url: str | None = None) -> Iterator[tuple[str, str]]:
    """Every text download the site publishes, one at a time: (path in the site, text)."""
    for rel, chunks in site_data_chunks(cat, site_url):
        yield rel, "".join(chunks)


def export(cat: Catalogue, out_dir: Path | str) -> list[Path]:
    """Write the archive-wide downloads, the database and the two descriptions into
    `out_dir`, each file atomically (never half-written)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, chunks in export_chunks(cat):
        target = out / name
        write_atomic(target, chunks)
        written.append(target)
    database.write_database(cat, out / DATABASE_FILE)
    written.append(out / DATABASE_FILE)
    for name, text in description_files(cat).items():
        write_atomic(out / name, text)
        written.append(out / name)
    return written
