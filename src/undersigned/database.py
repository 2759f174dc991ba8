"""Export stage, the database: every fact the site shows as one SQLite file.

`/data/undersigned.db` opens as it is in Datasette (`datasette undersigned.db -m
metadata.json`), in `sqlite3` or in any SQLite client. Tables keep the printed
record beside the canonical one, as the CSV does: a signature holds the name exactly
as printed and the record it is linked to. The million signatures of 10,000 letters are
stored as `signature_rows`, the letter and the signatories by number (`letters.n`,
`signatories.n`); the `signatures` view gives every row back with the ids as text, the
columns the database had before (queries written against them still run).

Written with the stdlib `sqlite3` only, and byte-reproducible: rows are inserted in
the downloads' order, the page size is fixed, nothing records a time, and the file is
`VACUUM`ed at the end (which rewrites every page in one deterministic order). The
file is built beside its target and renamed into place: never half-written.

`metadata(cat)` is Datasette's metadata.json: titles, descriptions, the licence and
source, the meaning of every column (the same texts as the Data page) and the label
column of each table, so a foreign key shows a name rather than an id. Every description
is in English and in Spanish (i18n.DESCRIPTIONS): Datasette shows one description per
table, in one language of its own, so each says both (`description_html`, the Spanish
marked `lang="es"`; a column's meaning, plain text, ends with its Spanish); the plain
`description` stays English for tools that read it.
"""

from __future__ import annotations

import html
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import i18n, urls
from .catalogue import Catalogue

DATABASE_NAME = "undersigned"  # Datasette names a database after its file
PAGE_SIZE = 4096
# What the README says, no more: the archive has chosen no licence for the data itself.
LICENSE = "The letters are public documents of their signatories; the code is MIT-licensed"
SOURCE = "Undersigned: the letters' Markdown files and the signatory registry"

# Full-text search folds case and accents: "Mexico" finds "México", as the site's search.
TOKENIZE = "unicode61 remove_diacritics 2"


@dataclass(frozen=True)
class Table:
    """One table: its columns (name, SQL type and constraints, meaning), in order."""

    name: str
    description: str
    columns: tuple[tuple[str, str, str], ...]
    constraints: tuple[str, ...] = ()
    label: str | None = None  # the column Datasette shows for a foreign key to this table
    indexes: tuple[tuple[str, ...], ...] = ()
    # Columns mostly null, indexed where they are not: a query `col = ?` uses the index.
    sparse_indexes: tuple[str, ...] = ()
    view: str | None = None  # a view: its SELECT (it stores nothing)

    @property
    def without_rowid(self) -> bool:
        """A table keyed by several columns is stored as its primary key's b-tree alone
        (WITHOUT ROWID): not once as rows and again as the key's index."""
        return any(c.startswith("PRIMARY KEY (") for c in self.constraints)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c[0] for c in self.columns)

    def create_sql(self) -> str:
        if self.view:
            return f'CREATE VIEW "{self.name}" AS\n{self.view}'
        parts = [f'"{name}" {decl}' for name, decl, _ in self.columns] + list(self.constraints)
        tail = " WITHOUT ROWID" if self.without_rowid else ""
        return f'CREATE TABLE "{self.name}" (\n  ' + ",\n  ".join(parts) + "\n)" + tail

    def insert_sql(self) -> str:
        marks = ", ".join("?" for _ in self.columns)
        return f'INSERT INTO "{self.name}" VALUES ({marks})'


def _fk(column: str, table: str, key: str = "id") -> str:
    return f'FOREIGN KEY ("{column}") REFERENCES "{table}" ("{key}")'


# A million signatures at 10,000 letters: stored with the letter and the signatory as
# numbers (`n`), not their ids as text (58 and 31 characters on average, once in the row
# and again in each index: 60% of the file). The `signatures` view gives them back as ids.
_N_COLUMN = ("n", "INTEGER NOT NULL UNIQUE",
             "the row's number, from 1: what signature_rows refers to")


TABLES: tuple[Table, ...] = (
    Table("letters", "One row per letter, newest first. Its text is the Markdown file at "
          "path in the repository and on its page at url.", (
              ("id", "TEXT PRIMARY KEY NOT NULL",
               "the letter's id (its file name without .md); its page is /letters/<id>/"),
              _N_COLUMN,
              ("date", "TEXT NOT NULL", "the date printed on the letter, YYYY-MM-DD"),
              ("title", "TEXT NOT NULL", "the letter's descriptive title"),
              ("summary", "TEXT NOT NULL", "one or two sentences on what the letter asks"),
              ("language", "TEXT NOT NULL", "the letter's language, an ISO 639-1 code"),
              ("place", "TEXT", "where the letter was signed or sent, when it says"),
              ("source", "TEXT NOT NULL", "where the text was transcribed from"),
              ("stated_count", "INTEGER",
               "the number of signatories the letter itself states, or null"),
              ("listed_count", "INTEGER NOT NULL",
               "signatures listed, network members included"),
              ("url", "TEXT NOT NULL", "the letter's page, relative to the site's root"),
              ("path", "TEXT NOT NULL", "the letter's Markdown file in the repository"),
          ), label="title", indexes=(("date",), ("language",))),
    Table("signatories", "One row per canonical record of the registry (an organization, "
          "a person or a network), by id.", (
              ("id", "TEXT PRIMARY KEY NOT NULL",
               "the record's id; its page is /signatories/<id>/"),
              _N_COLUMN,
              ("name", "TEXT NOT NULL", "the canonical name"),
              ("kind", "TEXT NOT NULL", "organization, person or network"),
              ("country", "TEXT", "ISO 3166 alpha-2 country code, when known"),
              ("website", "TEXT", "the record's website, when known"),
              ("affiliation", "TEXT", "a person's affiliation, when printed"),
              ("note", "TEXT", "a maintainer's note on the record"),
              ("letter_count", "INTEGER NOT NULL", "letters it signed in the archive"),
              ("all_names", "TEXT NOT NULL",
               "every name it goes by, one per line: the canonical name, acronyms, aliases "
               "and every form printed on a letter (what the full-text search reads)"),
              ("url", "TEXT NOT NULL", "the record's page, relative to the site's root"),
          ), label="name", indexes=(("kind",), ("country",))),
    Table("signature_rows", "One row per signature as printed, the letter and the "
          "signatories by number: what the signatures view reads. Datasette shows each "
          "number as the letter's title or the signatory's name.", (
              ("id", "INTEGER PRIMARY KEY NOT NULL", "the row's number in this table"),
              ("letter", "INTEGER NOT NULL", "the letter signed (letters.n)"),
              ("position", "INTEGER NOT NULL",
               "the signature's place on the letter, from 0, network members counted"),
              ("section", "TEXT", "the heading it was printed under (\"NGO\", "
               "\"Individuals\"), or null when the letter prints none"),
              ("printed_name", "TEXT NOT NULL", "the name exactly as printed on the letter"),
              ("signatory", "INTEGER NOT NULL",
               "the canonical record the name is linked to (signatories.n)"),
              ("via", "INTEGER", "the network (signatories.n) when the name was printed as a "
               "member of that network, else null"),
              ("line", "TEXT", "the whole printed line when one line names several "
               "signatories, else null"),
          ), constraints=(_fk("letter", "letters", "n"), _fk("signatory", "signatories", "n"),
                          _fk("via", "signatories", "n")),
          label="printed_name",
          indexes=(("letter", "position"), ("signatory",)), sparse_indexes=("via",)),
    Table("recipients", "One row per canonical recipient: a person in an office.", (
        ("id", "TEXT PRIMARY KEY NOT NULL", "the recipient's id; its page is /recipients/<id>/"),
        ("name", "TEXT NOT NULL", "the canonical name"),
        ("role", "TEXT", "the office held when the letters were sent"),
        ("url", "TEXT NOT NULL", "the recipient's page, relative to the site's root"),
    ), label="name"),
    Table("letter_recipients", "Who each letter is addressed or copied to, as printed.", (
        ("letter_id", "TEXT NOT NULL", "the letter (letters.id)"),
        ("cc", "INTEGER NOT NULL", "1 when the letter copies the recipient, 0 when it is "
         "addressed to them"),
        ("position", "INTEGER NOT NULL", "the place in the letter's list, from 0"),
        ("printed", "TEXT NOT NULL", "the recipient exactly as printed on the letter"),
        ("recipient_id", "TEXT NOT NULL", "the canonical recipient (recipients.id)"),
    ), constraints=("PRIMARY KEY (letter_id, cc, position)", _fk("letter_id", "letters"),
                    _fk("recipient_id", "recipients")),
        label="printed", indexes=(("recipient_id",),)),
    Table("tags", "The tag vocabulary (tags.yml).", (
        ("id", "TEXT PRIMARY KEY NOT NULL", "the tag's id; its page is /tags/<id>/"),
        ("label", "TEXT NOT NULL", "the tag as shown"),
        ("description", "TEXT NOT NULL", "what the tag covers"),
        ("url", "TEXT NOT NULL", "the tag's page, relative to the site's root"),
    ), label="label"),
    Table("letter_tags", "The tags of each letter, in the letter's order.", (
        ("letter_id", "TEXT NOT NULL", "the letter (letters.id)"),
        ("tag_id", "TEXT NOT NULL", "the tag (tags.id)"),
        ("position", "INTEGER NOT NULL", "the tag's place in the letter's list, from 0"),
    ), constraints=("PRIMARY KEY (letter_id, tag_id)", _fk("letter_id", "letters"),
                    _fk("tag_id", "tags")),
        indexes=(("tag_id",),)),
    Table("network_members", "Each network's members: printed under the network on a "
          "letter, or said to be a member in the registry.", (
              ("network_id", "TEXT NOT NULL", "the network (signatories.id)"),
              ("member_id", "TEXT NOT NULL", "the member (signatories.id)"),
              ("letters_printed", "INTEGER NOT NULL",
               "letters on which the member was printed under the network"),
              ("in_registry", "INTEGER NOT NULL",
               "1 when the member's record says it is a member of the network"),
          ), constraints=("PRIMARY KEY (network_id, member_id)",
                          _fk("network_id", "signatories"), _fk("member_id", "signatories")),
        indexes=(("member_id",),)),
    Table("aliases", "Every other name a signatory goes by: its acronyms, its aliases in "
          "the registry and every form printed on a letter.", (
              ("signatory_id", "TEXT NOT NULL", "the record (signatories.id)"),
              ("kind", "TEXT NOT NULL", "acronym, alias or printed (a form printed on a "
               "letter)"),
              ("name", "TEXT NOT NULL", "the name"),
          ), constraints=("PRIMARY KEY (signatory_id, kind, name)",
                          _fk("signatory_id", "signatories")),
        label="name"),
    Table("related", "Distinct but related records, as the registry states them "
          "(a chapter and its parent, a member and its network).", (
              ("signatory_id", "TEXT NOT NULL", "the record that states it (signatories.id)"),
              ("relation", "TEXT NOT NULL", "the relation, e.g. member-of, chapter-of"),
              ("related_id", "TEXT NOT NULL", "the related record (signatories.id)"),
              ("note", "TEXT", "a note on the relation"),
          ), constraints=("PRIMARY KEY (signatory_id, relation, related_id)",
                          _fk("signatory_id", "signatories"), _fk("related_id", "signatories")),
        indexes=(("related_id",),)),
    Table("signatures", "One row per signature as printed: the letters newest first, "
          "signatures in printed order; a network's members follow the network. A view of "
          "signature_rows with the letters' and signatories' ids.", (
              ("id", "INTEGER", "the row's number (signature_rows.id)"),
              ("letter_id", "TEXT", "the letter signed (letters.id)"),
              ("position", "INTEGER",
               "the signature's place on the letter, from 0, network members counted"),
              ("section", "TEXT", "the heading it was printed under (\"NGO\", "
               "\"Individuals\"), or null when the letter prints none"),
              ("printed_name", "TEXT", "the name exactly as printed on the letter"),
              ("signatory_id", "TEXT",
               "the canonical record the name is linked to (signatories.id)"),
              ("via", "TEXT", "the network (signatories.id) when the name was printed as a "
               "member of that network, else null"),
              ("line", "TEXT", "the whole printed line when one line names several "
               "signatories, else null"),
          ), view=("SELECT s.id, l.id AS letter_id, s.position, s.section, s.printed_name,\n"
                   "  g.id AS signatory_id, v.id AS via, s.line\n"
                   "FROM signature_rows s\n"
                   "JOIN letters l ON l.n = s.letter\n"
                   "JOIN signatories g ON g.n = s.signatory\n"
                   "LEFT JOIN signatories v ON v.n = s.via")),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}

# Full-text indexes, external content (the text is stored once, in its table): Datasette
# finds each through `content="<table>"` and offers a search box on that table. Without
# a column-size table (`columnsize=0`): ranking reads the sizes from the text instead,
# and the file is a tenth of the signatures' index smaller.
FTS: dict[str, tuple[str, ...]] = {
    "letters": ("title", "summary"),
    "signatories": ("name", "all_names"),
    "signature_rows": ("printed_name",),
}
# Views searched through a table's index: Datasette is told which (metadata.json).
VIEW_FTS = {"signatures": "signature_rows"}


# Facets Datasette shows on opening a table: indexed columns with a few values each.
FACETS: dict[str, tuple[str, ...]] = {
    "letters": ("language",),
    "signatories": ("kind", "country"),
    "letter_recipients": ("recipient_id",),
    "letter_tags": ("tag_id",),
}


def _none(text: str | None) -> str | None:
    return text if text else None


def _letter_rows(cat: Catalogue) -> Iterator[tuple]:
    for n, x in enumerate(cat.letters, 1):
        yield (x.id, n, x.date.isoformat(), x.title, x.summary, x.language, _none(x.place),
               x.source, x.stated_count, cat.listed[x.id], urls.site_path(urls.letter(x.id)),
               x.path)


def _signatory_numbers(cat: Catalogue) -> dict[str, int]:
    """Each signatory's `n`: its place in id order, from 1."""
    return {sid: n for n, sid in enumerate(sorted(cat.signatories), 1)}


def _signatory_rows(cat: Catalogue) -> Iterator[tuple]:
    for n, sid in enumerate(sorted(cat.signatories), 1):
        view = cat.signatories[sid]
        s = view.signatory
        names = dict.fromkeys((s.name, *s.acronyms, *s.aliases, *view.printed_forms))
        yield (s.id, n, s.name, s.kind, s.country, s.website, s.affiliation, s.note,
               view.letter_count, "\n".join(names), urls.site_path(urls.signatory(s.id)))


def _signature_rows(cat: Catalogue) -> Iterator[tuple]:
    number = _signatory_numbers(cat)
    n = 0
    for letter_n, letter in enumerate(cat.letters, 1):
        position = 0
        for section in letter.sections:
            for entry in section.entries:
                n += 1
                yield (n, letter_n, position, section.heading, entry.printed, number[entry.id],
                       None, entry.line)
                position += 1
                for m in entry.members:
                    n += 1
                    yield (n, letter_n, position, section.heading, m.printed, number[m.id],
                           number[entry.id], m.line)
                    position += 1


def _letter_recipient_rows(cat: Catalogue) -> Iterator[tuple]:
    for letter in cat.letters:
        for cc, refs in ((0, letter.recipients), (1, letter.cc)):
            for i, r in enumerate(refs):
                yield (letter.id, cc, i, r.printed, r.id)


def _letter_tag_rows(cat: Catalogue) -> Iterator[tuple]:
    for letter in cat.letters:
        for i, tag in enumerate(dict.fromkeys(letter.tags)):
            yield (letter.id, tag, i)


def _network_member_rows(cat: Catalogue) -> list[tuple]:
    printed: dict[tuple[str, str], set[str]] = {}
    for view in cat.signatories.values():
        for m in view.memberships:
            for _, mid in m.members:
                printed.setdefault((view.id, mid), set()).add(m.letter_id)
    registry = {(r.id, view.id) for view in cat.signatories.values()
                for r in view.signatory.related if r.relation == "member-of"}
    pairs = sorted(set(printed) | registry)
    return [(net, mem, len(printed.get((net, mem), ())), int((net, mem) in registry))
            for net, mem in pairs]


def _alias_rows(cat: Catalogue) -> Iterator[tuple]:
    for sid in sorted(cat.signatories):
        view = cat.signatories[sid]
        s = view.signatory
        rows = {("acronym", a) for a in s.acronyms} | {("alias", a) for a in s.aliases}
        rows |= {("printed", f) for f in view.printed_forms}
        for kind, name in sorted(rows):
            yield (sid, kind, name)


def _related_rows(cat: Catalogue) -> Iterator[tuple]:
    for sid in sorted(cat.signatories):
        seen = set()
        for r in cat.signatories[sid].signatory.related:
            if (r.relation, r.id) not in seen:
                seen.add((r.relation, r.id))
                yield (sid, r.relation, r.id, _none(r.note))


def table_rows(cat: Catalogue) -> Iterator[tuple[str, Iterator[tuple] | list[tuple]]]:
    """Each table's rows, in the order they are inserted (and listed by a plain select)."""
    yield "letters", _letter_rows(cat)
    yield "signatories", _signatory_rows(cat)
    yield "signature_rows", _signature_rows(cat)
    yield "recipients", ((r.id, r.name, r.role, urls.site_path(urls.recipient(r.id)))
                         for _, r in sorted(cat.recipients.items()))
    yield "letter_recipients", _letter_recipient_rows(cat)
    yield "tags", ((t.id, t.label, t.description, urls.site_path(urls.tag(t.id)))
                   for _, t in sorted(cat.tags.items()))
    yield "letter_tags", _letter_tag_rows(cat)
    yield "network_members", _network_member_rows(cat)
    yield "aliases", _alias_rows(cat)
    yield "related", _related_rows(cat)


def _fill(conn: sqlite3.Connection, cat: Catalogue) -> None:
    for table in TABLES:
        if not table.view:
            conn.execute(table.create_sql())
    for name, rows in table_rows(cat):
        conn.executemany(TABLE_BY_NAME[name].insert_sql(), rows)
    for table in TABLES:
        for cols in table.indexes:
            conn.execute(f'CREATE INDEX "idx_{table.name}_{"_".join(cols)}" '
                         f'ON "{table.name}" ({", ".join(cols)})')
        for col in table.sparse_indexes:
            conn.execute(f'CREATE INDEX "idx_{table.name}_{col}" ON "{table.name}" ({col}) '
                         f"WHERE {col} IS NOT NULL")
        if table.view:
            conn.execute(table.create_sql())
    for table, cols in FTS.items():
        fts = f"{table}_fts"
        conn.execute(f'CREATE VIRTUAL TABLE "{fts}" USING fts5({", ".join(cols)}, '
                     f"content=\"{table}\", columnsize=0, tokenize='{TOKENIZE}')")
        conn.execute(f"INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('rebuild')")
    conn.execute("ANALYZE")  # query plans use the indexes at once; stats are counts, no time


def write_database(cat: Catalogue, path: Path | str) -> int:
    """Write the database to `path` (atomically); returns its size in bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            # A scratch file until renamed: no journal, no fsync (a crash leaves only the
            # temporary file, deleted below or by the next build).
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("BEGIN")
            _fill(conn, cat)
            conn.execute("COMMIT")
            conn.execute("VACUUM")
        finally:
            conn.close()
        size = os.path.getsize(tmp)
        os.chmod(tmp, 0o644)  # mkstemp's file is private; a download is for everyone
        os.replace(tmp, path)
        return size
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def database_bytes(cat: Catalogue) -> bytes:
    """The database file's bytes (for `generate(data=True)`, which holds every download)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{DATABASE_NAME}.db"
        write_database(cat, path)
        return path.read_bytes()


def metadata(cat: Catalogue) -> dict:
    """Datasette's metadata.json for the database."""
    s = cat.stats
    tables: dict[str, dict] = {}
    for t in TABLES:
        entry: dict = {"description": t.description,
                       "description_html": _both(t.description, i18n.described(t.description,
                                                                                "es")),
                       "columns": {name: f"{meaning} (es: {i18n.described(meaning, 'es')})"
                                   for name, _, meaning in t.columns}}
        if t.label:
            entry["label_column"] = t.label
        if t.name in FTS:
            entry["fts_table"] = f"{t.name}_fts"
            entry["fts_pk"] = "rowid"
        if t.name in VIEW_FTS:
            entry["fts_table"] = f"{VIEW_FTS[t.name]}_fts"
            entry["fts_pk"] = "id"
        if t.name == "letters":
            entry["sort_desc"] = "date"
        if t.name in FACETS:
            entry["facets"] = list(FACETS[t.name])
        tables[t.name] = entry
    for table, cols in FTS.items():
        en = f"full-text index of {table}: {', '.join(cols)}"
        tables[f"{table}_fts"] = {
            "hidden": True, "description": en,
            "description_html": _both(en, f"índice de texto completo de {table}: "
                                          f"{', '.join(cols)}")}
    n = {k: i18n.number(getattr(s, k)) for k in ("letters", "signatures", "signatories")}
    archive = (f"An open archive of sign-on letters: {n['letters']} letters, "
               f"{n['signatures']} signatures as printed, {n['signatories']} canonical "
               "signatories. Every signatory keeps the name exactly as printed; the "
               "link to a canonical record is a separate column.")
    database = ("Letters, signatures as printed, signatories, recipients, tags, "
                "networks' members and aliases. Full-text search folds case and "
                "accents (Mexico finds México).")
    return {
        "title": "Undersigned",
        "description": archive,
        "description_html": _both(archive, (
            f"Un archivo abierto de cartas colectivas: {n['letters']} cartas, "
            f"{n['signatures']} firmas tal como se imprimieron, {n['signatories']} firmantes "
            "canónicos. Cada firmante conserva el nombre exactamente como se imprimió; el "
            "enlace a un registro canónico es una columna aparte.")),
        "license": LICENSE,
        "source": SOURCE,
        "databases": {DATABASE_NAME: {
            "description": database,
            "description_html": _both(database, (
                "Cartas, firmas tal como se imprimieron, firmantes, destinatarios, etiquetas, "
                "miembros de las redes y alias. La búsqueda de texto completo no distingue "
                "mayúsculas ni acentos (Mexico encuentra México).")),
            "tables": tables,
        }},
    }


def _both(en: str, es: str) -> str:
    """A description in both languages, as Datasette shows `description_html`."""
    return f'<p>{html.escape(en)}</p><p lang="es">{html.escape(es)}</p>'


def metadata_json(cat: Catalogue) -> str:
    return json.dumps(metadata(cat), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# The questions a reader asks first, as SQL: printed on the Data page, and run on the
# seed archive by the tests, so that none of them goes stale. `:id` and `:words` are
# parameters (sqlite3's `.param set :id imumi`; Datasette asks for them).
EXAMPLE_QUERIES: tuple[tuple[str, str], ...] = (
    ("Which letters did a signatory sign, and as what name?",
     "SELECT l.date, l.title, s.printed_name, s.via\n"
     "FROM signatures s JOIN letters l ON l.id = s.letter_id\n"
     "WHERE s.signatory_id = :id\n"
     "ORDER BY l.date DESC, s.position"),
    ("With whom does it sign most often?",
     "SELECT o.signatory_id, g.name, COUNT(DISTINCT o.letter_id) AS letters_together\n"
     "FROM signatures s\n"
     "JOIN signatures o ON o.letter_id = s.letter_id AND o.signatory_id != s.signatory_id\n"
     "JOIN signatories g ON g.id = o.signatory_id\n"
     "WHERE s.signatory_id = :id\n"
     "GROUP BY o.signatory_id ORDER BY letters_together DESC, o.signatory_id LIMIT 10"),
    ("Find a signatory by any name it goes by (accents and case do not matter)",
     "SELECT id, name, kind, letter_count FROM signatories\n"
     "WHERE rowid IN (SELECT rowid FROM signatories_fts WHERE signatories_fts MATCH :words)\n"
     "ORDER BY letter_count DESC"),
    ("Every name as printed that matches some words, with its letter",
     "SELECT s.printed_name, s.signatory_id, s.letter_id FROM signatures s\n"
     "WHERE s.id IN (SELECT rowid FROM signature_rows_fts\n"
     "               WHERE signature_rows_fts MATCH :words)"),
    ("Letters addressed to a recipient, with how many signed",
     "SELECT l.date, l.title, l.listed_count FROM letter_recipients r\n"
     "JOIN letters l ON l.id = r.letter_id\n"
     "WHERE r.recipient_id = :recipient AND r.cc = 0 ORDER BY l.date DESC"),
)
