"""/data/undersigned.db on the seed letters: its tables against the catalogue, its bytes
across rebuilds, and Datasette itself opening it with its metadata.json."""

import asyncio
import concurrent.futures
import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from datasette.app import Datasette

from undersigned import database
from undersigned.catalogue import catalogue
from undersigned.load import load_archive

ROOT = Path(__file__).parent.parent
IMUMI = "Instituto para las Mujeres en la Migración"


@pytest.fixture(scope="module")
def seeds():
    archive = load_archive(ROOT)
    return archive, catalogue(archive)


@pytest.fixture(scope="module")
def db(seeds, tmp_path_factory):
    _, cat = seeds
    path = tmp_path_factory.mktemp("db") / "undersigned.db"
    size = database.write_database(cat, path)
    assert size == path.stat().st_size
    (path.parent / "metadata.json").write_text(database.metadata_json(cat), encoding="utf-8")
    return path


@pytest.fixture()
def conn(db):
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    yield c
    c.close()


def test_every_signature_as_printed_in_printed_order(seeds, conn):
    archive, cat = seeds
    assert conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == cat.stats.signatures
    for letter in archive.letters:
        rows = conn.execute("SELECT printed_name, signatory_id, via, section FROM signatures "
                            "WHERE letter_id = ? ORDER BY position", (letter.id,)).fetchall()
        assert rows == [(s.printed, s.signatory_id, s.via, s.section)
                        for s in letter.signatures]
    got = conn.execute("SELECT id, title, date, listed_count, stated_count FROM letters "
                       "ORDER BY date DESC").fetchall()
    assert got == [(x.id, x.title, x.date.isoformat(), x.listed_count, x.stated_count)
                   for x in cat.letters]


def test_recipients_tags_networks_and_aliases(seeds, conn):
    archive, cat = seeds
    for letter in archive.letters:
        for cc, refs in ((0, letter.recipients), (1, letter.cc)):
            rows = conn.execute("SELECT printed, recipient_id FROM letter_recipients WHERE "
                                "letter_id = ? AND cc = ? ORDER BY position",
                                (letter.id, cc)).fetchall()
            assert rows == [(r.printed, r.id) for r in refs]
        tags = conn.execute("SELECT tag_id FROM letter_tags WHERE letter_id = ? "
                            "ORDER BY position", (letter.id,)).fetchall()
        assert [t for (t,) in tags] == list(letter.tags)
    # GTPM printed its members under its name: each is a member, counted per letter.
    gtpm = cat.signatories["gtpm"]
    printed = {mid for m in gtpm.memberships for _, mid in m.members}
    rows = dict(conn.execute("SELECT member_id, letters_printed FROM network_members "
                             "WHERE network_id = 'gtpm'").fetchall())
    assert printed and printed <= set(rows)
    assert rows["imumi"] == sum(1 for m in gtpm.memberships
                                if "imumi" in {mid for _, mid in m.members})
    wola = {n for (n,) in conn.execute("SELECT name FROM aliases WHERE signatory_id = 'wola' "
                                       "AND kind = 'alias'")}
    assert set(archive.signatories["wola"].aliases) == wola
    printed_forms = {n for (n,) in conn.execute(
        "SELECT name FROM aliases WHERE signatory_id = 'imumi' AND kind = 'printed'")}
    assert printed_forms == set(cat.signatories["imumi"].printed_forms)


def test_foreign_keys_are_declared_and_hold(conn, db, tmp_path):
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = {(t, r[3], r[2]) for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE "
                                                     "type = 'table'")
           for r in conn.execute(f"PRAGMA foreign_key_list('{t}')")}
    assert {("signature_rows", "letter", "letters"),
            ("signature_rows", "signatory", "signatories"),
            ("signature_rows", "via", "signatories"),
            ("letter_recipients", "recipient_id", "recipients"),
            ("letter_tags", "tag_id", "tags"), ("aliases", "signatory_id", "signatories"),
            ("network_members", "member_id", "signatories")} <= fks
    # Declared, so SQLite refuses a signature of a letter that does not exist.
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    c = sqlite3.connect(copy)
    c.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        c.execute("INSERT INTO signature_rows (letter, position, printed_name, signatory) "
                  "VALUES (999999, 0, 'X', 1)")
    c.close()
    # The view's rows by a signatory's id or a letter's id are found through indexes, the
    # signatures' own included: no scan of the million rows of 10,000 letters.
    for where in ("signatory_id = 'imumi'", "letter_id = '2022-07-11-biden-lopez-obrador-"
                  "meeting'", "via = 'gtpm'"):
        plans = [r[3] for r in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT * FROM signatures WHERE {where}")]
        assert not [p for p in plans if p.startswith("SCAN")], (where, plans)
        assert any("idx_signature_rows" in p for p in plans), (where, plans)


def test_the_signatures_view_reads_the_numbered_rows(seeds, conn):
    """signature_rows stores numbers; the view gives back every id, nulls kept."""
    _, cat = seeds
    rows = conn.execute("SELECT s.id, l.id, s.position, s.section, s.printed_name, g.id, v.id, "
                        "s.line FROM signature_rows s JOIN letters l ON l.n = s.letter "
                        "JOIN signatories g ON g.n = s.signatory "
                        "LEFT JOIN signatories v ON v.n = s.via ORDER BY s.id").fetchall()
    assert rows == conn.execute("SELECT * FROM signatures ORDER BY id").fetchall()
    assert len(rows) == sum(x.listed_count for x in cat.letters)
    assert [n for (n,) in conn.execute("SELECT n FROM letters ORDER BY n")] == list(
        range(1, len(cat.letters) + 1))
    assert conn.execute("SELECT count(*) FROM signatures WHERE via IS NOT NULL").fetchone()[0]


def test_full_text_search_folds_accents_and_finds_every_name(conn):
    def search(table, words):
        return [r[0] for r in conn.execute(
            f"SELECT {'name' if table == 'signatories' else 'printed_name'} FROM {table} "
            f"WHERE rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)",
            (words,))]

    mexico = search("signatories", "mexico")
    for name in mexico:  # each found by one of its names, with or without the accent
        (names,) = conn.execute("SELECT all_names FROM signatories WHERE name = ?",
                                (name,)).fetchone()
        assert "mexico" in names.casefold().replace("é", "e"), name
    assert any("México" in n for n in mexico)
    # An alias and a printed form find their record, not only the canonical name.
    assert "Washington Office on Latin America" in search("signatories",
                                                          '"Oficina en Washington"')
    assert IMUMI in search("signatories", "IMUMI")
    printed = search("signature_rows", "imumi")
    assert printed and all("imumi" in p.casefold() for p in printed)
    titles = [t for (t,) in conn.execute(
        "SELECT title FROM letters WHERE rowid IN "
        "(SELECT rowid FROM letters_fts WHERE letters_fts MATCH 'lopez')")]
    assert titles and all("López" in t for t in titles)


def test_example_queries_of_the_data_page_run(seeds, conn):
    _, cat = seeds
    params = {"id": "imumi", "words": "migrante", "recipient": "joseph-biden"}
    results = [conn.execute(sql, params).fetchall() for _, sql in database.EXAMPLE_QUERIES]
    assert all(results)
    signed, together, *_ = results
    view = cat.signatories["imumi"]
    assert sorted(r[2] for r in signed) == sorted(s.printed for s in view.signed)
    assert [n for *_, n in together] == [n for _, n in view.cosigners]
    assert len(results[4]) == len(cat.recipient_letters["joseph-biden"])


def test_two_builds_are_byte_identical(seeds, db, tmp_path):
    again = tmp_path / "undersigned.db"
    database.write_database(catalogue(load_archive(ROOT)), again)
    assert again.read_bytes() == db.read_bytes()
    assert again.read_bytes()[16:18] == database.PAGE_SIZE.to_bytes(2, "big")
    assert list(tmp_path.iterdir()) == [again]  # no temporary file left beside it


def test_metadata_describes_every_table_and_column(conn, db):
    meta = json.loads((db.parent / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["undersigned"]["tables"]
    names = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE '%fts_%' AND name NOT LIKE 'sqlite%'")]
    for t in names:
        if t.endswith("_fts"):
            assert tables[t]["hidden"] is True
            continue
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info('{t}')")]
        assert sorted(tables[t]["columns"]) == sorted(columns), t
        assert all(tables[t]["columns"].values()) and tables[t]["description"]
    views = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
    assert views == ["signatures"]
    columns = [r[1] for r in conn.execute("PRAGMA table_info('signatures')")]
    assert sorted(tables["signatures"]["columns"]) == sorted(columns)
    assert tables["signatures"]["fts_table"] == "signature_rows_fts"
    assert meta["title"] and meta["license"] and meta["source"]


def _run(coroutine) -> None:
    """Run Datasette's client in a thread of its own: Playwright's sync API, used by
    browser tests earlier in the same session, keeps an event loop in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def test_datasette_opens_it_as_it_is(seeds, db):
    _, cat = seeds
    meta = json.loads((db.parent / "metadata.json").read_text(encoding="utf-8"))
    ds = Datasette([str(db)], metadata=meta)

    async def get(path):
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response

    async def run():
        letters = (await get("/undersigned/letters.json?_shape=array")).json()
        assert [x["date"] for x in letters] == sorted((x["date"] for x in letters),
                                                      reverse=True)
        found = (await get("/undersigned/signatories.json?_search=mexico&_shape=array")).json()
        assert any("México" in x["name"] for x in found)
        kinds = (await get("/undersigned/signatories.json")).json()["facet_results"]["kind"]
        assert {v["value"]: v["count"] for v in kinds["results"]} == {
            k: n for k, n in Counter(x.signatory.kind for x in cat.signatories.values()).items()}
        signed = (await get("/undersigned/signatures.json?signatory_id=imumi"
                            "&_shape=array")).json()
        assert sorted(x["printed_name"] for x in signed) == sorted(
            s.printed for s in cat.signatories["imumi"].signed)
        # The numbered rows show each number as a name or a title, through the keys.
        (imumi,) = (await get("/undersigned/signatories.json?id=imumi&_shape=array")).json()
        numbered = (await get(f"/undersigned/signature_rows.json?signatory={imumi['n']}"
                              "&_labels=on&_shape=array")).json()
        assert len(numbered) == len(signed)
        assert {x["signatory"]["label"] for x in numbered} == {IMUMI}
        titles = {x["letter"]["value"]: x["letter"]["label"] for x in numbered}
        assert titles == {x["n"]: x["title"] for x in letters if x["n"] in titles}
        for table in ("signatures", "signature_rows"):
            page = (await get(f"/undersigned/{table}")).text
            assert "the name exactly as printed on the letter" in page  # a column's meaning
            assert 'name="_search"' in page  # the full-text search box
        found = (await get("/undersigned/signatures.json?_search=imumi&_shape=array")).json()
        assert found and all("imumi" in x["printed_name"].casefold() for x in found)
        for t in database.TABLES:  # every table browses, keyed by rowid or by its key
            rows = (await get(f"/undersigned/{t.name}.json?_shape=array&_size=3")).json()
            assert len(rows) == 3 and set(rows[0]) >= set(t.column_names), t.name
        sql = await get("/undersigned.json?sql=select+count(*)+as+n+from+signatures"
                        "&_shape=array")
        assert sql.json()[0]["n"] > 400

    _run(run())

    # Without its metadata too: Datasette finds the full-text index by itself.
    async def bare():
        response = await Datasette([str(db)]).client.get(
            "/undersigned/signatories.json?_search=IMUMI&_shape=array")
        assert response.status_code == 200
        assert IMUMI in [x["name"] for x in response.json()]

    _run(bare())


def test_datasette_shows_every_description_in_english_and_in_spanish(db):
    """Datasette shows one description per table: each says both languages, the Spanish
    marked as such, and each column's meaning ends with its Spanish (i18n.DESCRIPTIONS)."""
    import html

    from undersigned import i18n

    meta = json.loads((db.parent / "metadata.json").read_text(encoding="utf-8"))
    ds = Datasette([str(db)], metadata=meta)

    async def get(path):
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return html.unescape(response.text)

    async def run():
        home = await get("/")
        assert '<p lang="es">Un archivo abierto de cartas colectivas: ' in home
        assert "An open archive of sign-on letters: " in home
        assert "La búsqueda de texto completo no distingue" in await get("/undersigned")
        for t in database.TABLES:
            page = await get(f"/undersigned/{t.name}")
            assert f"<p>{t.description}</p>" in page, t.name
            assert f'<p lang="es">{i18n.described(t.description, "es")}</p>' in page, t.name
            for name, _, meaning in t.columns:
                assert f"{meaning} (es: {i18n.described(meaning, 'es')})" in page, (t.name, name)

    _run(run())


def test_a_failed_write_leaves_nothing_behind(seeds, tmp_path):
    _, cat = seeds
    target = tmp_path / "undersigned.db"
    target.mkdir()  # cannot be replaced by a file: the write fails at the last step
    (target / "keep").write_text("previous", encoding="utf-8")
    with pytest.raises(OSError):
        database.write_database(cat, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["undersigned.db"]
    assert (target / "keep").read_text(encoding="utf-8") == "previous"
