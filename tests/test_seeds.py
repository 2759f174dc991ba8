"""The five seed letters and the curated registry, loaded from the repository itself.

These assert properties of the real data: it passes `undersigned check`, each
letter lists what it printed (its own stated count included), every printed
name resolves to one canonical record, look-alikes stay apart, recipients and
footnotes survive the transcription, and no PDF artefact became a signatory.
"""

import csv
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import markdown
import pytest

from undersigned.load import load_archive
from undersigned.validate import check

ROOT = Path(__file__).parent.parent

# Counted by hand against the PDF conversions in ../shared/seeds: top-level
# entries as printed (a network once) and signatures with network members.
EXPECTED = {
    "2021-03-25-human-dignity-at-the-center-of-migration-policy": (87, 87),
    "2021-06-07-harris-visit-to-mexico": (39, 68),
    "2021-11-18-north-american-leaders-summit": (73, 101),
    "2022-07-11-biden-lopez-obrador-meeting": (87, 87),
    "2023-12-18-us-border-negotiations-and-mexico": (32, 134),
}


@pytest.fixture(scope="module")
def archive():
    return load_archive(ROOT)


@pytest.fixture(scope="module")
def letters(archive):
    return {letter.id: letter for letter in archive.letters}


def entries(letter):
    return sum(len(section.entries) for section in letter.sections)


def test_check_reports_no_errors_and_no_warnings(archive):
    found = check(archive)
    assert [str(d) for d in found] == []


def test_the_five_seed_letters_are_there(letters):
    assert sorted(letters) == sorted(EXPECTED)


@pytest.mark.parametrize("letter_id", sorted(EXPECTED))
def test_listed_counts(letters, letter_id):
    letter = letters[letter_id]
    assert (entries(letter), letter.listed_count) == EXPECTED[letter_id]


def test_stated_counts_match_what_is_printed(letters):
    # "We, the undersigned 87 organizations": 87 printed lines, no network.
    bilateral = letters["2022-07-11-biden-lopez-obrador-meeting"]
    assert bilateral.stated_count == 87 == bilateral.listed_count
    # "We, the 73 undersigned organizations": the GTPM counts once, its 28
    # printed members and secretariat are listed under it.
    summit = letters["2021-11-18-north-american-leaders-summit"]
    assert summit.stated_count == 73 == entries(summit)
    gtpm = [e for s in summit.sections for e in s.entries if e.id == "gtpm"]
    assert len(gtpm) == 1 and len(gtpm[0].members) == 28
    assert summit.listed_count == 73 + 28


def test_imumi_signs_all_five_letters(archive):
    signed = {s.letter_id for letter in archive.letters for s in letter.signatures
              if s.signatory_id == "imumi"}
    assert signed == set(EXPECTED)
    imumi = archive.signatories["imumi"]
    printed = {s.printed for letter in archive.letters for s in letter.signatures
               if s.signatory_id == "imumi"}
    assert len(printed) >= 5
    assert printed <= set(imumi.aliases)


def test_wola_in_english_and_spanish_is_one_organization(archive):
    wola = archive.signatories["wola"]
    assert "Washington Office on Latin America (WOLA)" in wola.aliases
    assert "Oficina en Washington para Asuntos Latinoamericanos (WOLA)" in wola.aliases


@pytest.mark.parametrize("letter_id, left, right", [
    ("2021-11-18-north-american-leaders-summit", "Asylum Access", "Asylum Access Mexico"),
    ("2022-07-11-biden-lopez-obrador-meeting", "Save the Children México",
     "Save the Children US"),
    ("2021-11-18-north-american-leaders-summit", "Peace Brigades International-Canada",
     "Peace Brigades International-USA"),
    ("2022-07-11-biden-lopez-obrador-meeting", "Universidad Iberoamericana",
     "Universidad Iberoamericana Puebla"),
    ("2021-11-18-north-american-leaders-summit", "National Immigration Law Center",
     "National Immigrant Justice Center"),
])
def test_look_alikes_in_one_letter_are_distinct(letters, letter_id, left, right):
    ids = {s.printed: s.signatory_id for s in letters[letter_id].signatures if s.via is None}
    assert ids[left] != ids[right]


def test_two_top_level_names_in_one_letter_are_two_entities(letters):
    for letter in letters.values():
        top = [e.id for s in letter.sections for e in s.entries]
        assert len(top) == len(set(top)), letter.id


def test_every_printed_name_resolves_to_its_signatory(archive):
    for letter in archive.letters:
        for sig in letter.signatures:
            target = archive.signatories[sig.signatory_id]
            assert sig.printed == target.name or sig.printed in target.aliases, sig


def test_aliases_are_exactly_the_forms_printed(archive):
    printed = defaultdict(set)
    for letter in archive.letters:
        for sig in letter.signatures:
            printed[sig.signatory_id].add(sig.printed)
    for sid, sig in archive.signatories.items():
        assert set(sig.aliases) == printed[sid], sid


def test_decisions_agree_with_the_registry(archive):
    with (ROOT / "signatories" / "decisions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and set(rows[0]) == {"left", "right", "judgement", "note"}

    def resolve(side: str) -> str:
        if side.startswith("id:"):
            assert side[3:] in archive.signatories, side
            return side[3:]
        owners = [s.id for s in archive.signatories.values() if side in s.aliases]
        assert len(owners) == 1, side
        return owners[0]

    for row in rows:
        assert row["note"].strip(), row
        left, right = resolve(row["left"]), resolve(row["right"])
        if row["judgement"] == "different":
            assert left != right, row
        else:
            assert row["judgement"] == "same" and left == right, row
    different = {frozenset((r["left"], r["right"])) for r in rows if r["judgement"] == "different"}
    assert frozenset(("id:asylum-access", "id:asylum-access-mexico")) in different
    assert frozenset(("id:save-the-children-mexico", "id:save-the-children-us")) in different


def test_relations_point_both_ways(archive):
    inverse = {"chapter-of": "parent-of", "campus-of": "parent-of", "part-of": "parent-of",
               "parent-of": "chapter-of", "sibling-of": "sibling-of"}
    for sig in archive.signatories.values():
        for rel in sig.related:
            if rel.relation in inverse:
                back = {(r.id, r.relation) for r in archive.signatories[rel.id].related}
                expected = {inverse[rel.relation]} | (
                    {"campus-of", "part-of"} if rel.relation == "parent-of" else set())
                assert any((sig.id, r) in back for r in expected), (sig.id, rel)


def test_network_members_are_members_of_their_network(archive):
    for letter in archive.letters:
        for sig in letter.signatures:
            if sig.via is not None:
                assert archive.signatories[sig.via].kind == "network"
                member = archive.signatories[sig.signatory_id]
                assert (sig.via, "member-of") in {(r.id, r.relation) for r in member.related}


def test_one_line_naming_several_people_is_several_entries(letters):
    letter = letters["2021-03-25-human-dignity-at-the-center-of-migration-policy"]
    shared = [s for s in letter.signatures if s.line]
    assert [s.printed for s in shared] == ["Guadalupe cepeda Aguilar", "Raúl Reyes Covarrubias"]
    assert {s.line for s in shared} == {"Guadalupe cepeda Aguilar y Raúl Reyes Covarrubias"}
    summit = letters["2021-11-18-north-american-leaders-summit"]
    secretariat = [s.printed for s in summit.signatures if s.line]
    assert secretariat == ["Claudia Martínez Medrano", "Jocelín Mariscal Agreda",
                           "Melissa A. Vértiz Hernández"]


def test_no_pdf_artefacts_in_printed_names(archive):
    for letter in archive.letters:
        for sig in letter.signatures:
            p = sig.printed
            assert not re.search(r"https?://|www\.", p), p
            assert not re.fullmatch(r"[\d\s]+", p), p
            assert p == p.strip() and "\n" not in p and "  " not in p, p
            assert "**" not in p and not p.startswith("#"), p
            assert unicodedata.normalize("NFC", p) == p, p


def test_names_broken_across_lines_are_joined(letters):
    printed = {s.printed for letter in letters.values() for s in letter.signatures}
    assert ("Cuerpo académico Procesos Transnacionales y Migración. Benemérita Universidad "
            "Autónoma de Puebla") in printed
    assert ("Clínica Jurídica de Migrantes y Refugiados de la Universidad Diego "
            "Portales-Chile") in printed


def test_biden_printed_two_ways_is_one_recipient(archive, letters):
    printed = {ref.printed: ref.id for letter in archive.letters for ref in letter.recipients}
    assert printed["President of the United States Joseph Biden"] == "joseph-biden"
    assert printed["Joseph Biden, President of the United States"] == "joseph-biden"
    blinken = {ref.id for letter in archive.letters for ref in (*letter.recipients, *letter.cc)
               if "Blinken" in ref.printed}
    assert blinken == {"antony-blinken"}
    for letter in archive.letters:
        for ref in (*letter.recipients, *letter.cc):
            rec = archive.recipients[ref.id]
            assert ref.printed in rec.aliases


FOOTNOTES = {
    "2021-03-25-human-dignity-at-the-center-of-migration-policy": [str(n) for n in range(1, 15)],
    "2021-06-07-harris-visit-to-mexico": ["1", "4"],
}


@pytest.mark.parametrize("letter_id", sorted(EXPECTED))
def test_footnotes_are_markdown_footnotes(letters, letter_id):
    body = letters[letter_id].body
    refs = re.findall(r"\[\^(\w+)\](?!:)", body)
    defs = re.findall(r"(?m)^\[\^(\w+)\]:", body)
    assert refs == defs == FOOTNOTES.get(letter_id, [])
    assert "<sup>" not in body and "¹" not in body and "⁴" not in body
    html = markdown.markdown(body, extensions=["footnotes"])
    assert html.count('class="footnote-ref"') == len(refs)


def test_lost_links_keep_their_text(letters):
    body = letters["2022-07-11-biden-lopez-obrador-meeting"].body
    assert "[four pillars](#)" in body
    assert "[Los Angeles Declaration on Migration and Protection](#)" in body


def test_bodies_have_no_page_artefacts(letters):
    for letter in letters.values():
        body = letter.body
        assert not re.search(r"(?m)^\s*\d+\s*$", body), letter.id
        assert "\\$" not in body
        # PDF page breaks split sentences; every paragraph is whole again.
        for para in re.split(r"\n\s*\n", body.strip()):
            text = re.sub(r"^(#+ |- |\d+\. |\[\^\d+\]: )?[*\[]*", "", para)
            assert not re.match(r"(?![a-c]\. )[a-z]", text), (letter.id, para[:60])


def test_2021_11_18_link_targets_are_kept(letters):
    body = letters["2021-11-18-north-american-leaders-summit"].body
    urls = re.findall(r"<(https?://[^>]+)>", body)
    assert len(urls) == len(set(urls)) == 14
    assert urls[-1].startswith("https://www.wrapsnet.org/")


def test_every_registry_record_is_signed_somewhere(archive):
    linked = {s.signatory_id for letter in archive.letters for s in letter.signatures}
    assert set(archive.signatories) == linked


def test_check_command_exits_zero_on_the_repository():
    result = subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(ROOT), "check"],
        capture_output=True, text=True, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout + result.stderr
