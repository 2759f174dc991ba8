"""Export stage, the description: `/data/datapackage.json`, a Frictionless Data Package.

It describes every archive-wide download (signatures.csv, letters.json,
signatories.json, the SQLite database and Datasette's metadata.json), each column
typed and documented, so that `frictionless validate datapackage.json` checks the
files and a newsroom's tools (Frictionless, Open Data Editor, pandas through
frictionless) load them typed. The column meanings are the ones the Data page and
the database's metadata print: one list each, here and in `export` and `database`.
"""

from __future__ import annotations

import json

from . import database, export  # export imports this module too: used at call time only
from .catalogue import Catalogue
from .models import KINDS

# letters.json and signatories.json: each record's keys, typed, with their meaning. JSON
# records are written with sorted keys, and a table's columns are read in that order.
LETTER_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("cc", "array", "recipients copied, each {printed, id, name, role}"),
    ("date", "date", "the date printed on the letter"),
    ("id", "string", "the letter's id (its file name without .md)"),
    ("language", "string", "the letter's language, an ISO 639-1 code"),
    ("listed_count", "integer", "signatures listed, network members included"),
    ("path", "string", "its Markdown file in the repository, which holds the text"),
    ("place", "string", "the place printed with the date, or null"),
    ("recipients", "array", "the recipients addressed, each {printed, id, name, role}: "
     "printed as on the letter, id and name of the canonical record"),
    ("signatories", "array", "the printed sections, each {section, entries}: the heading "
     "(or null) and its entries {printed, id, line?, members?}; line is the whole printed "
     "line when it names several signatories, members a network's members (same shape)"),
    ("source", "string", "where the text was transcribed from"),
    ("stated_count", "integer", "the number of signatories the letter states, or null"),
    ("summary", "string", "one or two sentences on what the letter asks"),
    ("tags", "array", "tag ids (see /tags/)"),
    ("title", "string", "the letter's descriptive title"),
    ("translations", "array", "ids of the same letter published in other languages"),
    ("url", "string", "the letter's page, relative to the site's root"),
)
SIGNATORY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("acronyms", "array", "the acronyms it goes by"),
    ("affiliation", "string", "a person's affiliation, or null"),
    ("aliases", "array", "other names recorded for it"),
    ("country", "string", "ISO 3166 alpha-2 country code, or null"),
    ("id", "string", "the record's id"),
    ("kind", "string", "organization, person or network"),
    ("letter_count", "integer", "letters it signed in the archive"),
    ("name", "string", "the canonical name"),
    ("networks", "array", "ids of the networks it signed through or is a member of"),
    ("note", "string", "a maintainer's note, or null"),
    ("printed_forms", "array", "every form of its name printed on a letter"),
    ("related", "array", "related records, each {id, relation, note}"),
    ("url", "string", "the record's page, relative to the site's root"),
    ("website", "string", "its website, or null"),
)

REQUIRED = {"id", "date", "title", "name", "kind", "letter_id", "letter_date",
            "printed_name", "signatory_id"}


def _field(name: str, type_: str, meaning: str) -> dict:
    field: dict = {"name": name, "type": type_, "description": meaning}
    constraints: dict = {}
    if name in REQUIRED:
        constraints["required"] = True
    if name == "kind":
        constraints["enum"] = list(KINDS)
    if constraints:
        field["constraints"] = constraints
    return field


def _signature_type(name: str) -> str:
    return "date" if name == "letter_date" else "string"


def package(cat: Catalogue) -> dict:
    """The datapackage.json descriptor of the archive-wide downloads."""
    s = cat.stats
    signatures = {
        "name": "signatures", "path": "signatures.csv", "type": "table", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "title": "Signatures as printed",
        "description": (f"One row per signature ({s.signatures:,} rows): letters newest first, "
                        "signatures in printed order, a network's members after the network. "
                        "Each signatory's own rows are at /signatories/<id>/signatures.csv "
                        "with these columns less signatory_id, signatory_name and kind (the "
                        "same in every row), and at .../signatures.json as "
                        '{"columns": [...], "data": [[...], ...]} (pandas: '
                        'read_json(url, orient="split")).'),
        "schema": {
            "fields": [_field(n, _signature_type(n), m) for n, m in export.SIGNATURE_COLUMNS],
            "foreignKeys": [
                {"fields": "letter_id", "reference": {"resource": "letters", "fields": "id"}},
                {"fields": "signatory_id",
                 "reference": {"resource": "signatories", "fields": "id"}},
            ],
        },
    }
    letters = {
        "name": "letters", "path": "letters.json", "type": "table", "format": "json",
        "mediatype": "application/json", "encoding": "utf-8",
        "title": "Letters",
        "description": (f"A list of {s.letters:,} letters, newest first: metadata and the "
                        "printed signatory list (the text is the Markdown file at path)."),
        "schema": {"fields": [_field(*f) for f in LETTER_FIELDS], "primaryKey": ["id"]},
    }
    signatories = {
        "name": "signatories", "path": "signatories.json", "type": "table", "format": "json",
        "mediatype": "application/json", "encoding": "utf-8",
        "title": "Signatories",
        "description": (f"A list of {s.signatories:,} canonical records (organizations, people, "
                        "networks), by id."),
        "schema": {"fields": [_field(*f) for f in SIGNATORY_FIELDS], "primaryKey": ["id"]},
    }
    db = {
        "name": "undersigned-db", "path": export.DATABASE_FILE, "type": "file",
        "format": "sqlite",
        "mediatype": "application/vnd.sqlite3",
        "title": "SQLite database",
        "description": ("Everything above as one SQLite database with foreign keys and "
                        "full-text search: tables " + ", ".join(t.name for t in database.TABLES)
                        + ". Open it with `datasette undersigned.db -m metadata.json` or "
                        "`sqlite3 undersigned.db`."),
    }
    meta = {
        "name": "datasette-metadata", "path": "metadata.json", "type": "json",
        "format": "json", "mediatype": "application/json", "encoding": "utf-8",
        "title": "Datasette metadata",
        "description": "Titles, descriptions and column meanings of the database's tables, "
                       "for Datasette (`-m metadata.json`).",
    }
    return {
        "name": "undersigned",
        "title": "Undersigned: an open archive of sign-on letters",
        "description": ("Sign-on letters from civil society, every signatory exactly as "
                        "printed and linked to one canonical record. " + database.LICENSE
                        + "."),
        "resources": [signatures, letters, signatories, db, meta],
    }


def package_json(cat: Catalogue) -> str:
    return json.dumps(package(cat), ensure_ascii=False, indent=2) + "\n"
