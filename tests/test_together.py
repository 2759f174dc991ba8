"""Letters signed together on a signatory page: the page's script
(overrides/assets/javascripts/undersigned-together.js) adds to every co-signer of the table a
control listing the letters both signed, from the two signatories' signatures.json, which
the page names (its own in the table, the co-signer's beside the page its row links);
without script the page says to compare the two signatures.csv, and links this
signatory's. No list of letters is written into the page. The script's words are i18n.py's.
(It runs in Chromium: tests/browser/test_browser_together.py.)"""

import dataclasses
import datetime as dt
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from undersigned import export, i18n, urls
from undersigned import generate as gen
from undersigned.catalogue import catalogue
from undersigned.generate import generate
from undersigned.load import load_archive

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "undersigned-together.js"
HOSTILE = '</td><script>alert(1)</script>"\'&<a href="javascript:x">'


class Rows(HTMLParser):
    """The co-signers table of a page: per row, the co-signer's link and name, the count,
    the control's summary and the links inside the control."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.letter: str | None = None
        self.own: str | None = None
        self.in_table = False
        self.cell = -1
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id") == "cosigners-table":
            self.in_table, self.letter = True, a.get("data-us-letter")
            self.own = a.get("data-us-own")
        elif not self.in_table:
            return
        elif tag == "tr":
            self.rows.append({"links": []})
            self.cell = -1
        elif tag == "td":
            self.cell += 1
            self.text = ""
        elif tag == "a" and self.rows:
            self.rows[-1]["links"].append((self.cell, a["href"]))

    def handle_endtag(self, tag):
        if not self.in_table:
            return
        if tag == "table":
            self.in_table = False
        elif tag == "td" and self.rows and self.cell in (0, 1):
            self.rows[-1]["name" if self.cell == 0 else "n"] = self.text

    def handle_data(self, data):
        self.text += data


def table_of(page: str) -> Rows:
    parser = Rows()
    parser.feed(page)
    return parser


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def check_pages(cat, pages) -> int:
    """Every signatory page against its catalogue view; returns the co-signer rows seen."""
    seen = 0
    for sid, view in cat.signatories.items():
        page = pages[gen.signatory_src(sid)]
        table = table_of(page)
        if not view.cosigners:
            assert "cosigners-table" not in page and 'id="together"' not in page
            assert "together" not in front_matter(page)
            continue
        body = table.rows[1:]  # the header row first
        assert [r["name"] for r in body] == [
            cat.signatories[o].signatory.name for o, _ in view.cosigners]
        assert [int(r["n"]) for r in body] == [n for _, n in view.cosigners]
        if view.letter_count == 1:
            # Every co-signer shares its one letter, which its letters table shows.
            assert 'id="together"' not in page and table.own is None
            assert "together" not in front_matter(page)
            continue
        # The page asks for the script (overrides/main.html loads it on such pages only).
        assert front_matter(page)["together"] is True
        own = "../../" + urls.signatory_file(sid, "signatures.csv")
        for row, (other, _) in zip(body, view.cosigners, strict=True):
            # The co-signer's page, beside which the script finds its signatures.json; no
            # control written (the script adds it).
            assert row["links"] == [(0, f"../../signatories/{other}/")]
            assert urls.signatory_file(other, "signatures.json") == (
                urls.signatory(other) + "signatures.json")
            seen += 1
        # This signatory's signatures.json for the script, its CSV for a reader without.
        assert table.own == "../../" + urls.signatory_file(sid, "signatures.json")
        hint = re.search(r"<p>Open “See the letters” .*?</p>", page).group(0)
        assert (f'Without script: compare this page’s <a href="{own}">signatures.csv</a> with '
                "the co-signer’s, on its page.") in hint
        # The script's link to a letter is the generator's, with the id in place of ID.
        lid = view.letter_ids[0]
        assert table.letter.replace(gen.LETTER_ID, lid) == "../../" + urls.letter(lid)
        # No list of letters written in the section: the script computes it.
        section = page[page.index('id="cosigners"'):]
        section = section[:section.index("</table>")]
        assert not re.search(r"href=\"[^\"]*/letters/", section)
        assert "<details" not in section
        # Those that signed every letter of this signatory are named (from counts alone).
        every = [o for o, n in view.cosigners if n == view.letter_count]
        said = "<p>" + i18n.text("signed_every", name=gen.esc(view.signatory.name)) + " "
        named = re.search(re.escape(said) + r"(.*?)\.</p>", section)
        if every:
            assert named.group(1) == ", ".join(
                gen.esc(cat.signatories[o].signatory.name) for o in every)
        else:
            assert named is None
    return seen


@pytest.fixture(scope="module")
def seeds():
    cat = catalogue(load_archive(ROOT))
    return cat, generate(cat, data=False)


def test_every_cosigner_of_the_seed_letters_has_a_control(seeds):
    assert check_pages(*seeds) > 100


def test_every_cosigner_of_a_synthetic_archive_has_a_control(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import synth_corpus

    synth_corpus.synth(40, 3, tmp_path / "archive")
    cat = catalogue(load_archive(tmp_path / "archive"))
    assert check_pages(cat, generate(cat, data=False)) > 500


def test_the_files_the_script_reads_list_the_letters_both_signed(seeds):
    """What the script intersects: the two signatures.json the row links hold, by letter
    id, exactly the letters both signed (the catalogue's count in the table)."""
    cat, pages = seeds
    data = generate(cat)
    checked = 0
    for sid, view in cat.signatories.items():
        for other, n in view.cosigners:
            files = [json.loads(data[urls.signatory_file(x, "signatures.json")])
                     for x in (sid, other)]
            ids = [{row[f["columns"].index("letter_id")] for row in f["data"]} for f in files]
            assert len(ids[0] & ids[1]) == n
            assert ids[0] & ids[1] == set(view.letter_ids) & cat.signatories[other].letter_set
            checked += 1
    assert checked > 100


def test_a_hostile_name_is_escaped_in_the_table(seeds):
    archive = load_archive(ROOT)
    cat = catalogue(archive)
    # A co-signer that signed every letter: named twice, in the table and the sentence.
    sid = next(s for s, v in cat.signatories.items()
               if v.letter_count > 1 and v.cosigners and v.cosigners[0][1] == v.letter_count)
    other = cat.signatories[sid].cosigners[0][0]
    evil = dataclasses.replace(archive.signatories[other], name=HOSTILE)
    pages = generate(catalogue(dataclasses.replace(
        archive, signatories={**archive.signatories, other: evil})), data=False)
    page = pages[gen.signatory_src(sid)]
    assert "<script" not in page and "href=\"javascript:" not in page
    row = next(r for r in table_of(page).rows[1:] if r["links"][0][1].endswith(f"/{other}/"))
    assert row["name"] == HOSTILE  # printed as it is, as text
    assert f"signed: {gen.esc(HOSTILE)}" in page


def test_spanish_signatory_pages_say_it_in_spanish(seeds):
    cat, _ = seeds
    view = next(v for v in cat.signatories.values() if v.cosigners and v.letter_count > 1)
    page = next(gen.signatory_pages(cat, view, "es")).render()
    assert "Abra «Ver las cartas» bajo el nombre de un cofirmante" in page
    assert table_of(page).own == "../../" + urls.signatory_file(view.id, "signatures.json")


def script_text() -> dict:
    source = SCRIPT.read_text(encoding="utf-8")
    found = re.search(r"var TEXT = (\{.*?\n  \});", source, re.S)
    return json.loads(found.group(1))


def test_the_scripts_words_are_i18n_s():
    text = script_text()
    assert set(text) == set(i18n.INTERFACES)
    for lang, words in text.items():
        own = {k: v for k, v in words.items() if k not in ("letter", "months", "date")}
        assert own == {k: i18n.STRINGS[k][lang] for k in own}, lang
        assert {k for k in own if k.startswith("together_")} == {
            k for k in i18n.STRINGS if k.startswith("together_")}
        assert tuple(words["letter"]) == i18n.COUNTS["letter"][lang]
        assert tuple(words["months"]) == i18n.MONTHS[lang]
        # Its date pattern writes what i18n.date_text writes.
        for day in (dt.date(2021, 3, 25), dt.date(2024, 12, 1)):
            assert words["date"].format(day=day.day, month=words["months"][day.month - 1],
                                        year=day.year) == i18n.date_text(day, lang)


def test_the_script_is_csp_friendly_and_writes_text_not_markup():
    source = SCRIPT.read_text(encoding="utf-8")
    for unsafe in ("eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML",
                   "document.write", "setTimeout(\"", "http://", "https://"):
        assert unsafe not in source, unsafe
    # It reads the columns export.py writes, by name.
    for column in ("letter_id", "letter_date", "letter_title"):
        assert column in export.SIGNATORY_COLUMNS and f'"{column}"' in source
