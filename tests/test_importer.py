"""`undersigned import`: the splitting rules on real lines of the seed letters, and
the import of each seed against the curated letter in letters/.

tests/fixtures/import/<date>.txt are the five seed letters exactly as a PDF
converter printed them (copies of ../shared/seeds); letters/<date>-*.md are their
careful transcription. Importing a seed must reproduce its curated signatory list:
same sections, same printed names in the same order, same network members, and,
against the registry in signatories/, the same ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned import importer
from undersigned.cli import main
from undersigned.load import load_archive, parse_letter
from undersigned.validate import check

ROOT = Path(__file__).parent.parent
SEEDS = sorted((Path(__file__).parent / "fixtures" / "import").glob("*.txt"))
VALID = Path(__file__).parent / "fixtures" / "check" / "valid"


def lines(text: str) -> list[importer._Line]:
    return importer._lines(text)


def printed(sections) -> list[tuple[str | None, str, tuple[str, ...]]]:
    return [(s.heading, e.printed, tuple(m.printed for m in e.members))
            for s in sections for e in s.entries]


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("line, date, place", [
    ("July 11, 2022", dt.date(2022, 7, 11), None),
    (" November 18, 2021 ", dt.date(2021, 11, 18), None),
    ("Mexico City, June 7, 2021", dt.date(2021, 6, 7), "Mexico City"),
    ("11 de julio de 2022", dt.date(2022, 7, 11), None),
    ("Ciudad de México, a 18 de noviembre de 2021", dt.date(2021, 11, 18), "Ciudad de México"),
    ("Tijuana, B.C., 3 de marzo del 2020", dt.date(2020, 3, 3), "Tijuana, B.C."),
    ("**December 18, 2023**", dt.date(2023, 12, 18), None),
])
def test_dates_in_english_and_spanish(line, date, place):
    assert importer.find_date(line) == (date, place)


def test_impossible_date_is_not_a_date():
    assert importer.find_date("February 30, 2022") is None


# ------------------------------------------------------------------ splitting rules

def test_two_people_on_one_line_are_two_entries_sharing_the_line():
    # 2021-03-25, as printed.
    entries = importer.split_item("Guadalupe cepeda Aguilar y Raúl Reyes Covarrubias", 87)
    assert [(e.printed, e.line) for e in entries] == [
        ("Guadalupe cepeda Aguilar", "Guadalupe cepeda Aguilar y Raúl Reyes Covarrubias"),
        ("Raúl Reyes Covarrubias", "Guadalupe cepeda Aguilar y Raúl Reyes Covarrubias"),
    ]


@pytest.mark.parametrize("name", [
    "Alianza Binacional Migración y Desarrollo A.C. (ABIMyD)",
    "Dignidad y Justicia en el Camino A.C. (FM4 Paso Libre)",
    "Red Mesoamericana Mujer, Salud y Migración",
    "Inclusión y Equidad Consultora Latinoamericana",
    "Movilidades Libres y Elegidas, A.C. - CoLibres",
    "Colectivo justicia y esperanza de San Luis de la paz",
    "Kids in Need of Defense (KIND)",
    "Las Vanders (México y Honduras)",
])
def test_an_organization_with_y_or_and_stays_one_entry(name):
    assert [e.printed for e in importer.split_item(name, 1)] == [name]


def test_network_members_after_a_colon_are_split_on_semicolons():
    # 2021-06-07, "Networks": members separated by ';', legal forms kept with their name.
    text = ("Grupo de Trabajo Sobre Política Migratoria-GTPM: Aldeas Infantiles SOS México, "
            "I.A.P.; Alianza Américas; American Friends Services Committee; Asylum Access "
            "México (AAMX) A.C.; Casa del Migrante Saltillo (Frontera con Justicia A.C.)")
    [network] = importer.split_item(text, 301)
    assert network.printed == "Grupo de Trabajo Sobre Política Migratoria-GTPM"
    assert [m.printed for m in network.members] == [
        "Aldeas Infantiles SOS México, I.A.P.", "Alianza Américas",
        "American Friends Services Committee", "Asylum Access México (AAMX) A.C.",
        "Casa del Migrante Saltillo (Frontera con Justicia A.C.)"]


def test_comma_separated_members_keep_legal_forms_and_split_the_final_y():
    # 2023-12-18: a network whose members are separated by commas, ending "X y Y".
    text = ("Grupo de Identidad y Educación (GIE): Casa del Migrante Saltillo, Instituto Para "
            "las Mujeres en la Migración, AC (IMUMI), Red de Mujeres del Bajío, Sin Fronteras "
            "IAP y Migrantólogos.")
    [network] = importer.split_item(text, 60)
    assert network.printed == "Grupo de Identidad y Educación (GIE)"
    assert [m.printed for m in network.members] == [
        "Casa del Migrante Saltillo", "Instituto Para las Mujeres en la Migración, AC (IMUMI)",
        "Red de Mujeres del Bajío", "Sin Fronteras IAP", "Migrantólogos"]


def test_a_name_with_a_colon_but_no_list_is_not_a_network():
    assert [e.members for e in importer.split_item("SMR Scalabrinianas: Misión", 1)] == [()]


def test_a_name_broken_across_lines_is_joined():
    # 2022-07-11: the name ran over two lines of the PDF.
    text = ("Sincerely,\n\nConsejo de la crónica\n\nCuerpo académico Procesos Transnacionales y "
            "Migración. Benemérita Universidad  \nAutónoma de Puebla  \nEl Colegio de la "
            "Frontera Sur  \n")
    sections = importer.split_signatories(lines(text)[1:])
    assert [e.printed for e in sections[0].entries] == [
        "Consejo de la crónica",
        "Cuerpo académico Procesos Transnacionales y Migración. Benemérita Universidad "
        "Autónoma de Puebla",
        "El Colegio de la Frontera Sur"]


def test_a_continuation_in_lower_case_after_a_blank_line_is_joined():
    # 2023-12-18: "Clínica Jurídica de Migrantes" / blank / "y Refugiados de la Universidad...".
    text = ("Bloque Latinoamericano sobre Migración: Cáritas Brasileira, Clínica Jurídica de "
            "Migrantes\n\ny Refugiados de la Universidad Diego Portales-Chile, Cristosal\n\n"
            "Centro de Apoyo a las Identidades Trans\n")
    entries = importer.split_signatories(lines(text))[0].entries
    assert [e.printed for e in entries] == ["Bloque Latinoamericano sobre Migración",
                                            "Centro de Apoyo a las Identidades Trans"]
    assert [m.printed for m in entries[0].members] == [
        "Cáritas Brasileira",
        "Clínica Jurídica de Migrantes y Refugiados de la Universidad Diego Portales-Chile",
        "Cristosal"]


def test_an_acronym_between_hyphens_does_not_continue_the_line():
    # 2021-03-25: "-ACCI-" ends a name; the next line is the next signatory.
    text = ("Asamblea Ciudadana contra la Corrupción y la Impunidad -ACCI-\n\n"
            "Asociación Centro de Derechos Laborales sin Fronteras de Costa Rica\n")
    assert len(importer.split_signatories(lines(text))[0].entries) == 2


def test_urls_and_page_numbers_are_not_signatories():
    # 2021-11-18: a footnote URL and a page number printed inside the list.
    text = ("Casa del Migrante en Tijuana, A.C. \n\nhttps://www.wrapsnet.org/documents/Refugee"
            "%20Admissions.pdf\n Casa Monarca. Ayuda Humanitaria al Migrante, A.B.P.  \n\n\n2 \n"
            "Center for Democracy in the Americas \n")
    entries = importer.split_signatories(lines(text))[0].entries
    assert [e.printed for e in entries] == [
        "Casa del Migrante en Tijuana, A.C.",
        "Casa Monarca. Ayuda Humanitaria al Migrante, A.B.P.",
        "Center for Democracy in the Americas"]


def test_section_headings_as_printed():
    text = ("NGO\n\nAlbergue la Sagrada Familia A.C.\n\nNetworks\n\nCoalición Pro Defensa del "
            "Migrante\n\nIndividual\n\nDiana Martínez\n\n#### **Civil society Organizations**\n\n"
            "Alianza Americas\n\n**Individuals**\n\nAna Hurtado\n")
    assert [(s.heading, len(s.entries)) for s in importer.split_signatories(lines(text))] == [
        ("NGO", 1), ("Networks", 1), ("Individual", 1), ("Civil society Organizations", 1),
        ("Individuals", 1)]


# ------------------------------------------------------------------ body

def test_footnote_markers_become_markdown_footnotes():
    text = ("March 25, 2021\n\n**Joseph Biden, President of the United States,**\n\n"
            "We, the undersigned organizations and academics, are writing to express our hope "
            "for a change in the narrative of policies.<sup>1</sup> More text on their way to\n\n"
            "---\n\n<sup>1</sup> EFE. 19 January 2019. Mexico welcomes caravan migrants. "
            "Available at: <https://www.france24.com/es/x>.\n\n"
            "the U.S. border, where they were stopped.\n\nSincerely,\n\nAl Otro Lado TJ\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    assert "narrative of policies.[^1] More text on their way to the U.S. border" in letter.body
    assert letter.body.endswith("[^1]: EFE. 19 January 2019. Mexico welcomes caravan migrants. "
                                "Available at: <https://www.france24.com/es/x>.\n")
    assert "<sup>" not in letter.body and "---" not in letter.body


def test_unicode_superscript_marker_and_numbered_note():
    text = ("Mexico City, June 7, 2021\n\nHonorable Mrs. Kamala Harris\n\n"
            "As Mexican civil society organizations we welcome you and offer recommendations "
            "related to the strategies announced in recent months.¹\n\n"
            "1. Transnational Families\n\n"
            "1. Entre otros, Creating a Comprehensive Regional Framework to Address the Causes "
            "of Migration. Executive Order on the Reunification of Families.\n\n"
            "Sincerely,\n\nNGO\n\nSin Fronteras, IAP\n")
    letter, _ = importer.parse_letter_text(text, "x.txt")
    assert "recent months.[^1]" in letter.body
    assert "1. Transnational Families" in letter.body
    assert "[^1]: Entre otros, Creating" in letter.body
    assert letter.place == "Mexico City"
    assert letter.recipients[0].name == "Kamala Harris"


# ------------------------------------------------------------------ bad input

def test_no_date_is_an_error_at_the_first_line():
    letter, diags = importer.parse_letter_text("\n\nDear friends,\n\nSincerely,\n\nA\n", "a.txt")
    assert letter is None
    assert [str(d) for d in diags] == [
        "a.txt:3: error: no date printed in the letter's head or signature block; give it "
        "with --date YYYY-MM-DD"]


def test_no_signatory_section_is_an_error():
    text = "July 11, 2022\n\nDear friends,\n\nWe write to you about many things at once now.\n"
    letter, diags = importer.parse_letter_text(text, "a.txt")
    assert letter is None
    assert len(diags) == 1 and diags[0].level == "error"
    assert "no signatory list found" in diags[0].message


LETTER = ("9 January 2024\n\n{to}\n\nDear Minister,\n\nWe ask that you withdraw the "
          "proposal and open a public consultation before any new text is drafted.\n\n"
          "{closing}\n\nRed Sur\nCentro Norte\nFondo Este\n")


@pytest.mark.parametrize("closing", [
    "Yours faithfully, the founders of:", "Sincerely, the undersigned organizations:",
    "Atentamente, las organizaciones firmantes:"])
def test_a_closing_that_introduces_the_list_opens_it(closing):
    text = LETTER.format(to="Minister of Digital Affairs", closing=closing)
    letter, diags = importer.parse_letter_text(text, "a.txt")
    assert [str(d) for d in diags] == []
    assert [e.printed for s in letter.sections for e in s.entries] == [
        "Red Sur", "Centro Norte", "Fondo Este"]
    assert closing in importer.to_markdown(letter, None)


@pytest.mark.parametrize("closing", [
    "Yours faithfully, The Board:", "Sincerely, we remain at your disposal.",
    "Sincerely, the undersigned organizations: " + "x" * 70])
def test_a_closing_with_more_than_an_introduction_is_not_a_bare_closing(closing):
    assert not importer.CLOSING_RE.match(closing)


@pytest.mark.parametrize("printed, recipient", [
    ("To the Minister of Digital Affairs", "the Minister of Digital Affairs"),
    ("To Minister Helena Ward", "Minister Helena Ward"),
    ("A la Comisión Interamericana", "Comisión Interamericana"),
])
def test_the_preposition_before_an_address_line_is_not_the_addressee(printed, recipient):
    letter, diags = importer.parse_letter_text(
        LETTER.format(to=printed, closing="Sincerely,"), "a.txt")
    assert [str(d) for d in diags] == []
    assert [r.printed for r in letter.recipients] == [recipient]
    assert f"printed: {recipient}" in importer.to_markdown(letter, None)


# ------------------------------------------------------------------ the command

@pytest.fixture
def repo(tmp_path):
    dest = tmp_path / "repo"
    shutil.copytree(VALID, dest)
    return dest


def seed(date: str) -> Path:
    return Path(__file__).parent / "fixtures" / "import" / f"{date}.txt"


# ------------------------------------------------------------------ the seeds, end to end

@pytest.fixture(scope="module")
def archive():
    return load_archive(ROOT)


def curated(date: str):
    [path] = sorted((ROOT / "letters").glob(f"{date}-*.md"))
    letter, diags = parse_letter(path.read_text(encoding="utf-8"), f"letters/{path.name}")
    assert letter is not None, [str(d) for d in diags]
    return letter


def as_listed(sections) -> list[tuple]:
    """Each printed entry with its section, shared line and network members, in order."""
    return [(s.heading, e.printed, e.line, tuple((m.printed, m.line) for m in e.members))
            for s in sections for e in s.entries]


def test_the_five_seeds_are_fixtures():
    assert [p.stem for p in SEEDS] == ["2021-03-25", "2021-06-07", "2021-11-18", "2022-07-11",
                                       "2023-12-18"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_import_reproduces_the_curated_signatory_list(path):
    imported, diags = importer.parse_letter_text(path.read_text(encoding="utf-8"), path.name)
    assert [str(d) for d in diags] == []
    letter = curated(path.stem)
    assert imported.date == letter.date
    assert imported.signatory_count == letter.listed_count
    assert as_listed(imported.sections) == as_listed(letter.sections)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_import_resolves_every_seed_name_to_the_curated_id(path, archive):
    # Against the curated registry every printed name of a seed is known, so the
    # importer must write exactly the ids the curator chose, with no placeholder.
    from undersigned import resolve

    imported, _ = importer.parse_letter_text(path.read_text(encoding="utf-8"), path.name)
    found = importer.resolutions(imported, resolve.Resolver(archive.signatories, None))
    letter = curated(path.stem)
    assert [(r.printed, r.status, r.id) for r in found] == [
        (s.printed, "resolved", s.signatory_id) for s in letter.signatures]


def test_import_writes_a_letter_that_loads_and_check_lists_what_to_fill(repo, capsys):
    assert main(["--root", str(repo), "import", str(seed("2022-07-11")),
                 "--slug", "bilateral-meeting-two"]) == 0
    out = capsys.readouterr().out
    target = repo / "letters" / "2022-07-11-bilateral-meeting-two.md"
    assert f"wrote {target}" in out
    summary = re.search(r"^87 signatories: (\d+) resolved, (\d+) suggested, (\d+) new$", out,
                        re.M)
    resolved, suggested, new = map(int, summary.groups())
    assert resolved + suggested + new == 87
    assert resolved >= 1  # the fixture registry knows IMUMI as printed on this letter
    assert len(re.findall(r"\.md:\d+: (?:suggested|new): ", out)) == suggested + new
    assert sorted(p.name for p in (repo / "letters").iterdir()) == [  # no temporary file left
        "2022-07-11-bilateral-meeting-two.md", "2022-07-11-bilateral-meeting.md"]
    letter, diags = parse_letter(target.read_text(encoding="utf-8"),
                                 "letters/2022-07-11-bilateral-meeting-two.md")
    assert [str(d) for d in diags] == []
    assert letter.listed_count == 87 and letter.stated_count == 87
    found = [str(d) for d in check(load_archive(repo))
             if d.path.endswith("bilateral-meeting-two.md")]
    assert any("title is still the importer's placeholder" in d for d in found)
    assert any("unknown tag 'todo'" in d for d in found)
    assert any("is not linked to a signatory yet: run `undersigned review`" in d for d in found)


def test_import_refuses_to_overwrite_without_force(repo, capsys):
    args = ["--root", str(repo), "import", str(seed("2022-07-11")), "--slug", "bilateral-meeting"]
    existing = repo / "letters" / "2022-07-11-bilateral-meeting.md"
    before = existing.read_bytes()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err == (f"{existing}:1: error: a letter with this name exists; nothing written. Use "
                   "--force to overwrite it, or --slug to choose another name\n")
    assert existing.read_bytes() == before
    assert main(args + ["--force"]) == 0
    after = existing.read_text(encoding="utf-8")
    # The title, summary and tags a person wrote are kept; the list is re-imported.
    assert "title: Organizations ask two presidents to center migration on rights" in after
    assert "tags: [asylum, us-mexico]" in after
    assert "Save the Children US" in after


def test_bad_input_writes_nothing(repo, tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("Dear friends,\n\nWe write.\n\nSincerely,\n\nAl Otro Lado\n", encoding="utf-8")
    before = sorted(p.name for p in (repo / "letters").iterdir())
    assert main(["--root", str(repo), "import", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"{bad}:1: error: no date printed in the letter's "
                                              "head or signature block")
    assert sorted(p.name for p in (repo / "letters").iterdir()) == before


def test_not_utf8_is_an_error(repo, tmp_path, capsys):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("July 11, 2022\n\nM\xe9xico\n".encode("latin-1"))
    assert main(["--root", str(repo), "import", str(bad)]) == 1
    assert capsys.readouterr().err == (f"{bad}:3: error: file is not valid UTF-8; save it as "
                                       "UTF-8 (pdftotext -enc UTF-8)\n")


def test_relink_replaces_the_placeholder_of_one_printed_name():
    text = ("      - printed: Sin Fronteras, IAP\n        id: todo-sin-fronteras-iap  "
            "# new: not in the registry\n      - printed: Alianza Américas\n"
            "        id: todo-alianza-americas  # suggested: alianza-americas (95)\n")
    out = importer.relink(text, "Sin Fronteras, IAP", "sin-fronteras")
    assert out.split("\n")[1] == "        id: sin-fronteras"
    assert out.split("\n")[3].endswith("# suggested: alianza-americas (95)")


@pytest.mark.parametrize("value", ['"Como nacido entre nosotros"', "SMR Scalabrinianas: Misión",
                                   "- dash", "NO", "12:30", "a #b", "Pop No'j", "x\\y"])
def test_yaml_scalars_read_back_exactly(value):
    from undersigned import strictyaml

    assert strictyaml.load(f"k: {importer.yaml_str(value)}\n").value == {"k": value}


def registry_without(archive, letter) -> dict:
    """The registry as it was before `letter` was added: only entities other letters
    link, with only the aliases other letters print."""
    others = [x for x in archive.letters if x.id != letter.id]
    printed = {s.printed for x in others for s in x.signatures}
    used = {s.signatory_id for x in others for s in x.signatures}
    return {sid: dataclasses.replace(sig, aliases=tuple(a for a in sig.aliases if a in printed))
            for sid, sig in archive.signatories.items() if sid in used}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_importing_a_seed_as_a_new_letter_merges_nothing_wrongly(path, archive):
    # Each seed imported into the archive as it stood without it: names of entities
    # the archive already knows may resolve, but never to the wrong entity.
    from undersigned.resolve import Resolver

    letter = curated(path.stem)
    registry = registry_without(archive, letter)
    imported, _ = importer.parse_letter_text(path.read_text(encoding="utf-8"), path.name)
    found = importer.resolutions(imported, Resolver(registry, None))
    assert len(found) == letter.listed_count
    wrong = [(r.printed, r.id, s.signatory_id) for r, s in zip(found, letter.signatures,
                                                               strict=True)
             if r.status == "resolved" and r.id != s.signatory_id]
    assert wrong == []
    # And the importer wrote a placeholder for every name it could not resolve.
    assert all(importer.is_placeholder(r.id) for r in found if r.status != "resolved")


# ------------------------------------------------------------------ the contributor's guide

def test_the_site_page_is_the_contributing_guide():
    # One text, two places: GitHub shows CONTRIBUTING.md, the site docs/contributing.md.
    assert (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8") == (
        ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), (
        "docs/contributing.md differs: cp CONTRIBUTING.md docs/contributing.md")


def test_every_command_and_option_the_guide_uses_exists():
    import argparse

    from undersigned.cli import build_parser

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    used = re.findall(r"undersigned (\w+)((?: (?:--[\w-]+|\"[^\"]*\"|[\w./-]+))*)", guide)
    assert {c for c, _ in used} >= {"import", "check"}
    for command, rest in used:
        if command not in sub.choices:
            continue  # match and review are offered once their modules exist
        options = {o for a in sub.choices[command]._actions for o in a.option_strings}
        for option in re.findall(r"--[\w-]+", rest):
            assert option in options, f"`undersigned {command} {option}` in CONTRIBUTING.md"


def test_a_letter_in_spanish():
    text = ("Ciudad de México, a 18 de noviembre de 2021\n\n"
            "Lic. Andrés Manuel López Obrador\nPresidente de los Estados Unidos Mexicanos\n\n"
            "C.c.p. Marcelo Ebrard Casaubón, Secretario de Relaciones Exteriores\n\n"
            "Estimado señor Presidente:\n\n"
            "Las 2 organizaciones abajo firmantes nos dirigimos a usted para expresar nuestra "
            "preocupación por la situación de las personas migrantes en la frontera sur.\n\n"
            "Atentamente,\n\nOrganizaciones\n\n"
            "Instituto para las Mujeres en la Migración, AC (IMUMI)\nSin Fronteras IAP\n\n"
            "Personas\n\nLeticia Calderón Chelius y Manuel Ángel Castillo\n")
    letter, diags = importer.parse_letter_text(text, "carta.txt")
    assert diags == []
    assert (letter.date, letter.place, letter.language) == (
        dt.date(2021, 11, 18), "Ciudad de México", "es")
    assert [(r.printed, r.name, r.role) for r in letter.recipients] == [
        ("Lic. Andrés Manuel López Obrador", "Andrés Manuel López Obrador",
         "Presidente de los Estados Unidos Mexicanos")]
    assert [(r.name, r.role) for r in letter.cc] == [
        ("Marcelo Ebrard Casaubón", "Secretario de Relaciones Exteriores")]
    assert letter.stated_count == 2
    # The date line stays at the top of the text, as printed.
    assert letter.body.startswith("Ciudad de México, a 18 de noviembre de 2021\n\n"
                                  "Estimado señor Presidente:\n\n")
    assert letter.body.rstrip().endswith("Atentamente,")
    assert [(s.heading, [e.printed for e in s.entries]) for s in letter.sections] == [
        ("Organizaciones", ["Instituto para las Mujeres en la Migración, AC (IMUMI)",
                            "Sin Fronteras IAP"]),
        ("Personas", ["Leticia Calderón Chelius", "Manuel Ángel Castillo"])]


# ------------------------------------------------------------------ never a traceback

NAMES = st.one_of(
    st.sampled_from([
        "Instituto para las Mujeres en la Migración (IMUMI)", "Sin Fronteras, IAP",
        '"Como nacido entre nosotros"', "Pop No'j", "Red: A; B, C y D", "- dash",
        "# hash", "NO", "12:30", "x: y", "Guadalupe cepeda Aguilar y Raúl Reyes Covarrubias",
        "Grupo: Uno, Dos, Tres y Cuatro.", "https://example.org/x", "2", "NGO", "**Networks**",
        "A.C. /Red Mesoamericana", "Centro de", "y Refugiados", "<script>x</script>"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x85\u2028"
                          "\u2029"), min_size=1, max_size=40),
)


@settings(max_examples=80, deadline=None)
@given(recipients=st.lists(NAMES, max_size=3), body=st.lists(NAMES, min_size=1, max_size=4),
       names=st.lists(NAMES, min_size=1, max_size=12))
def test_any_import_is_a_loadable_letter_or_a_clean_error(recipients, body, names):
    text = "\n".join(["July 11, 2022", "", *recipients, "", "Dear friends,", "",
                      *[b + " we write to you today about the many things at hand." for b in body],
                      "", "Sincerely,", "", *names])
    imported, diags = importer.parse_letter_text(text, "x.txt")
    if imported is None:
        assert [d.level for d in diags] == ["error"]
        return
    written = importer.to_markdown(imported, None)
    letter, errors = parse_letter(written, "letters/2022-07-11-x.md")
    assert [str(d) for d in errors] == []
    assert letter.listed_count == imported.signatory_count
    assert [s.printed for s in letter.signatures] == [
        p for s in imported.sections for e in s.entries
        for p in (e.printed, *(m.printed for m in e.members))]


# ------------------------------------------------------------------ the contributor's path

def remove_letter(repo: Path, letter) -> set[str]:
    """Make a copy of the repository the archive as it stood before `letter`: the
    letter, the signatories only it links, the aliases only it prints and the
    relations and decisions that name removed signatories are taken out. Returns
    the ids that remain."""
    archive = load_archive(repo)
    (repo / letter.path).unlink()
    others = [x for x in archive.letters if x.id != letter.id]
    printed = {s.printed for x in others for s in x.signatures}
    kept = {s.signatory_id for x in others for s in x.signatures}
    for sid, sig in archive.signatories.items():
        if sid not in kept:
            (repo / sig.path).unlink()
    for sid in kept:
        path = repo / archive.signatories[sid].path
        out, section, skip = [], None, False
        for line in path.read_text(encoding="utf-8").split("\n"):
            if re.match(r"^\w+:", line):
                section, skip = line.split(":")[0], False
            elif section == "aliases" and line.startswith("  - "):
                value = line[4:].strip()
                if value.startswith('"'):
                    value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                if value not in printed and value != archive.signatories[sid].name:
                    continue
            elif section == "related" and line.startswith("  - id: "):
                skip = line[8:].strip() not in kept
            if not skip:
                out.append(line)
        for i, line in enumerate(out):  # a list left without items
            if line in ("related:", "aliases:") and (
                    i + 1 == len(out) or not out[i + 1].startswith(" ")):
                out[i] = line + " []"
        path.write_text("\n".join(out), encoding="utf-8")
    decisions = repo / "signatories" / "decisions.csv"
    rows = decisions.read_text(encoding="utf-8").split("\n")
    decisions.write_text("\n".join(
        [rows[0]] + [r for r in rows[1:] if r and all(
            i in kept for i in re.findall(r"id:([a-z0-9-]+)", r))]) + "\n", encoding="utf-8")
    return kept


def test_import_review_check_adds_a_seed_to_the_archive(tmp_path, capsys):
    # The path CONTRIBUTING.md describes, on the 2021-06-07 seed and the archive as it
    # stood without it: import, review (rules, then a person's answers), fill in the
    # TODOs, and check passes with every known signatory linked to its curated id.
    repo = tmp_path / "repo"
    for part in ("letters", "signatories", "recipients"):
        shutil.copytree(ROOT / part, repo / part)
    shutil.copy(ROOT / "tags.yml", repo / "tags.yml")
    letter = curated("2021-06-07")
    kept = remove_letter(repo, letter)
    assert [str(d) for d in check(load_archive(repo)) if d.level == "error"] == []

    root = ["--root", str(repo)]
    assert main(root + ["import", str(seed("2021-06-07")), "--slug", "harris-visit"]) == 0
    assert re.search(r"^68 signatories: \d+ resolved, \d+ suggested, \d+ new$",
                     capsys.readouterr().out, re.M)
    assert main(root + ["review"]) == 0  # not a terminal: links by rule, lists the rest
    # The person's answers: the curated link where the archive knew the entity,
    # a new record otherwise.
    target = repo / "letters" / "2021-06-07-harris-visit.md"
    imported, _ = parse_letter(target.read_text(encoding="utf-8"),
                               "letters/2021-06-07-harris-visit.md")
    answers: dict[tuple[str, str], None] = {}
    for mine, theirs in zip(imported.signatures, letter.signatures, strict=True):
        if importer.is_placeholder(mine.signatory_id):
            answers[("--accept", f"{mine.printed}={theirs.signatory_id}")
                    if theirs.signatory_id in kept else ("--new", mine.printed)] = None
    assert answers
    assert main(root + ["review", *(part for pair in answers for part in pair)]) == 0
    text = target.read_text(encoding="utf-8")
    text = text.replace(importer.TODO_TITLE, "Mexican civil society welcomes Kamala Harris")
    text = text.replace(importer.TODO_SUMMARY, "Organizations set out their recommendations.")
    text = re.sub(r"tags: \[todo\].*", "tags: [asylum]", text)
    text = re.sub(r'source: ".*"', "source: A test.", text)
    target.write_text(text, encoding="utf-8")

    errors = [str(d) for d in check(load_archive(repo)) if d.level == "error"]
    assert errors == []
    final, _ = parse_letter(target.read_text(encoding="utf-8"),
                            "letters/2021-06-07-harris-visit.md")
    assert [s.printed for s in final.signatures] == [s.printed for s in letter.signatures]
    assert [s.signatory_id for s in final.signatures if s.signatory_id in kept] == [
        s.signatory_id for s in letter.signatures if s.signatory_id in kept]


def test_a_signatory_heading_without_a_closing_starts_the_list():
    text = ("11 de julio de 2022\n\nA la opinión pública:\n\nLas organizaciones firmantes "
            "exigimos que se respete el derecho de las personas a solicitar asilo en el "
            "país.\n\nFirmantes:\n\nSin Fronteras IAP\nAlianza Américas\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    assert [(s.heading, [e.printed for e in s.entries]) for s in letter.sections] == [
        ("Firmantes", ["Sin Fronteras IAP", "Alianza Américas"])]
    assert "Firmantes" not in letter.body
    assert letter.recipients == ()
    assert letter.body.startswith("11 de julio de 2022\n\nA la opinión pública:\n\n"
                                  "Las organizaciones")


def test_what_pdftotext_adds_is_taken_out():
    # A page feed, a soft hyphen, a zero-width space, a ligature, bullets and numbers.
    text = ("July 11, 2022\n\nDear friends,\n\nWe write to you today about the ﬁrst of many "
            "things that matter to all of us.\n\nSincerely,\n\n• Alianza Am\u00e9ricas\n"
            "\f2. Sin Fron\u00adteras IAP\n3) IMU\u200bMI\n1 de 7 migrando\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    assert "the first of many" in letter.body
    assert [e.printed for e in letter.sections[0].entries] == [
        "Alianza Américas", "Sin Fronteras IAP", "IMUMI", "1 de 7 migrando"]
    assert [e.source_line for e in letter.sections[0].entries] == [9, 10, 11, 12]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_import_finds_the_curated_footnotes(path):
    # The body is the curator's to polish (headings, nested lists), but the footnotes
    # are the importer's: each reference in place, in order, and each note's text.
    imported, _ = importer.parse_letter_text(path.read_text(encoding="utf-8"), path.name)
    letter = curated(path.stem)

    def notes(body: str) -> tuple[list[str], list[tuple[str, str]]]:
        return (re.findall(r"\[\^(\d+)\](?!:)", body),
                re.findall(r"^\[\^(\d+)\]: (.*)$", body, flags=re.M))

    assert notes(imported.body) == notes(letter.body)


def test_a_list_printed_in_columns_is_read_column_after_column():
    # pdftotext -layout keeps columns side by side; the printed order goes down each.
    text = ("Sincerely,\n\n"
            "Alianza Américas                      Red Jesuita con Migrantes\n"
            "Asylum Access México (AAMX)           Sin Fronteras IAP\n"
            "Centro de Derechos Humanos Fray       Witness at the Border\n"
            "Matías de Córdova A.C.\n")
    entries = importer.split_signatories(lines(text)[1:])[0].entries
    assert [(e.printed, e.source_line) for e in entries] == [
        ("Alianza Américas", 3), ("Asylum Access México (AAMX)", 4),
        ("Centro de Derechos Humanos Fray Matías de Córdova A.C.", 5),
        ("Red Jesuita con Migrantes", 3), ("Sin Fronteras IAP", 4),
        ("Witness at the Border", 5)]


def test_a_name_wrapped_in_the_right_column_stays_in_that_column():
    # The wrapped end of a right-hand name is alone on its line, far from the margin.
    text = ("Respectfully,\n\n"
            "Farmworker Unity Fund                  Harvest Rights Project\n"
            "Migrant Health Circle                  United Field Workers of the Valley,\n"
            "                                       AFL-CIO\n")
    entries = importer.split_signatories(lines(text)[1:])[0].entries
    assert [e.printed for e in entries] == [
        "Farmworker Unity Fund", "Migrant Health Circle", "Harvest Rights Project",
        "United Field Workers of the Valley, AFL-CIO"]


def test_an_outline_with_sub_items_stays_one_numbered_list():
    # 2021-06-07: the outline printed as "1. Title" / "- a. sub" / "2. Title" blocks;
    # apart, Markdown would number every title 1. And "\$" is not a Markdown escape.
    text = ("Mexico City, June 7, 2021\n\nHonorable Mrs. Kamala Harris\n\n"
            "Below we explain ways in which your administration's proposals could have an "
            "impact on our work, paying up to \\$6,000 to reach the northern border:\n\n"
            "1. Transnational Families\n\n- a. Family reunification.\n- b. Integration of "
            "returnees.\n\n2. Migration in transit\n\n- a. Externalization of the borders.\n\n"
            "3. Strengthening the asylum system in Mexico\n\nSincerely,\n\nNGO\n\nSin Fronteras\n")
    letter, _ = importer.parse_letter_text(text, "x.txt")
    assert "paying up to $6,000" in letter.body
    assert ("1. Transnational Families\n    - a. Family reunification.\n    - b. Integration of "
            "returnees.\n2. Migration in transit\n    - a. Externalization of the borders.\n"
            "3. Strengthening the asylum system in Mexico\n") in letter.body


# ------------------------------------------------------------------ dates, head and list (issue 14)

@pytest.mark.parametrize("line, date, place", [
    ("4th February 2021", dt.date(2021, 2, 4), None),
    ("11 July 2022", dt.date(2022, 7, 11), None),
    ("30 de abril, 2020", dt.date(2020, 4, 30), None),
    ("7 de junio de 2021", dt.date(2021, 6, 7), None),
    ("Domingo, 22 de abril, 2012", dt.date(2012, 4, 22), None),
    ("Ciudad de México, a 7 de junio de 2021", dt.date(2021, 6, 7), "Ciudad de México"),
    ("Paris, le 1er mai 2020", dt.date(2020, 5, 1), "Paris"),
    ("São Paulo, 12 de março de 2019", dt.date(2019, 3, 12), "São Paulo"),
    ("Washington, D.C. – March 5, 2021", dt.date(2021, 3, 5), "Washington, D.C."),
    ("Dated: April 24, 2015", dt.date(2015, 4, 24), None),
    ("Monday, March 2, 2020", dt.date(2020, 3, 2), None),
    ("5th of May, 2020", dt.date(2020, 5, 5), None),
    ("Jan. 5, 2021", dt.date(2021, 1, 5), None),
    ("2019-12-17", dt.date(2019, 12, 17), None),
    ("June 20, 2023 / 20 de junio de 2023", dt.date(2023, 6, 20), None),
    ("Dated this 5th day of May, 2020", dt.date(2020, 5, 5), None),
])
def test_a_date_line_in_every_common_form(line, date, place):
    assert importer.date_line(line) == (date, place)


@pytest.mark.parametrize("line", [
    "The general transition period was originally due to expire on 31 December 2005, but",
    "As of January 2, 2007",
    "Philadelphia January 3 — The American Friends Service Committee urges",
    "Septiembre de 2020",
    "05/06/2021",
    "June 20, 2023 / 21 de junio de 2023",
    "Hearing on March 3, 2021",
    "Subject: Meeting of 5 May 2020",
])
def test_a_sentence_or_a_partial_date_is_not_a_date_line(line):
    assert importer.date_line(line) is None


def test_the_date_is_never_taken_from_the_body_or_the_list():
    text = ("Letter on the extension\n\nDear Members,\n\nThe period was due to expire on "
            "31 December 2005, and was extended to 1 July 2021 at our request.\n\n"
            "Sincerely,\n\nOrg Alpha\nAs of January 2, 2007\nOrg Beta\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert letter is None and [d.message for d in diags] == [importer.NO_DATE]
    letter, diags = importer.parse_letter_text(text, "x.txt", date=dt.date(2007, 1, 3))
    assert diags == [] and letter.date == dt.date(2007, 1, 3)
    assert [e.printed for s in letter.sections for e in s.entries] == ["Org Alpha", "Org Beta"]
    assert "As of January 2, 2007" in letter.body


def test_a_date_given_against_the_printed_one_says_both():
    _, diags = importer.parse_letter_text("4th February 2021\n\nDear all,\n\nSincerely,\n\nA B\n",
                                          "x.txt", date=dt.date(2021, 2, 5))
    assert [str(d) for d in diags] == [
        "x.txt:1: error: the letter prints the date 2021-02-04 ('4th February 2021') but --date "
        "gives 2021-02-05; leave out --date, or correct it"]


@pytest.mark.parametrize("heading", [
    "Signatories", "Signed by:", "Endorsers", "NATIONAL CAMPAIGN ENDORSERS", "Firman",
    "Firmantes:", "Organizaciones firmantes", "Signataires :", "Assinam:",
    "ORGANIZATIONS SUPPORTING THIS STATEMENT INCLUDE:", "Undersigned organizations",
    "Entidades signatárias", "Premiers signataires",
])
def test_a_list_heading_starts_the_list(heading):
    text = (f"July 11, 2022\n\nWe, the undersigned, ask the government to act on this matter "
            f"without delay.\n\n{heading}\n\nOrg Alpha\nOrg Beta\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    assert [e.printed for s in letter.sections for e in s.entries] == ["Org Alpha", "Org Beta"]


@pytest.mark.parametrize("closing", ["Sincerely,", "Respectfully,", "Thank you,", "Atentamente,",
                                     "Cordialement,", "Atenciosamente,", "Signed,",
                                     "Yours faithfully,", "In solidarity,"])
def test_any_closing_starts_the_list(closing):
    text = (f"July 11, 2022\n\nDear Minister,\n\nWe ask the government to act on this matter "
            f"without delay.\n\n{closing}\n\nOrg Alpha\nOrg Beta\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    assert [e.printed for s in letter.sections for e in s.entries] == ["Org Alpha", "Org Beta"]
    assert closing in letter.body


@pytest.mark.parametrize("heading", ["Global", "Regional", "National", "Organizaciones nacionales",
                                     "Organiciones Nacionales", "Individuals",
                                     "(in an individual capacity)", "Kenya", "A título personal"])
def test_a_sub_heading_is_a_section_never_a_signatory(heading):
    sections = importer.split_signatories(lines(f"Org Alpha\n\n{heading}\n\nOrg Beta\n"))
    assert [(s.heading, [e.printed for e in s.entries]) for s in sections] == [
        (None, ["Org Alpha"]), (heading.rstrip(":"), ["Org Beta"])]


@pytest.mark.parametrize("printed, country", [
    ("Public Citizen, USA", "USA"),
    ("Centro Presente (Massachusetts)", "Massachusetts"),
    ("Casa del Migrante – Guatemala", "Guatemala"),
    ("SEATINI-Uganda", "Uganda"),
    ("Umeedo Trust / Pakistan", "Pakistan"),
    ("Rivers Watch – Netherlands", "Netherlands"),
    ("ActionAid France - Peuples Solidaires, Paris, France", "France"),
    ("Treatment Watch Uganda", None),
    ("Center for Health, Human Rights and Development", None),
])
def test_a_country_printed_with_a_name_is_recorded_beside_it(printed, country):
    [entry] = importer.split_item(printed, 1)
    assert (entry.printed, entry.country) == (printed, country)


@pytest.mark.parametrize("printed, name, affiliation", [
    ("Ana Ruiz | Professor, University of the South", "Ana Ruiz",
     "Professor, University of the South"),
    ("Ana Ruiz / Red Sur", "Ana Ruiz", "Red Sur"),
    ("Dr. Ana Ruiz, Director, Instituto del Agua", "Dr. Ana Ruiz", "Director, Instituto del Agua"),
    ("Tzome Ixuk, Mujeres Organizadas A.C.", None, None),
    ("Both ENDS, Netherlands", None, None),
    ("Rivers Watch – Netherlands", None, None),  # a country after the mark: not a person
    ("Umeedo Trust / Pakistan", None, None),
    ("Hemispheric Social Alliance/Alianza Social Continental (HSA/ASC)", None, None),
])
def test_a_person_and_an_affiliation_are_one_entry(printed, name, affiliation):
    [entry] = importer.split_item(printed, 1)
    assert (entry.printed, entry.name, entry.affiliation) == (printed, name, affiliation)


def test_what_signs_nothing_stays_in_the_text():
    text = ("July 11, 2022\n\nDear Minister,\n\nWe ask the government to act on this matter "
            "without delay.\n\nSincerely,\n\nIn alphabetical order\nOrg Alpha\n"
            "Affiliations are listed for identification purposes only.\nAna Ruiz | Red Sur\n"
            "Concerned citizens\n\nCc: Deputy Minister Luis Gil\n\nFor more information:\n"
            "Jane Roe\n+1 202 555 0100\njane@example.org\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    assert [e.printed for s in letter.sections for e in s.entries] == [
        "Org Alpha", "Ana Ruiz | Red Sur"]
    assert [r.printed for r in letter.cc] == ["Deputy Minister Luis Gil"]
    for kept in ("In alphabetical order", "identification purposes only", "Concerned citizens",
                 "Cc: Deputy Minister Luis Gil", "Jane Roe", "+1 202 555 0100",
                 "jane@example.org"):
        assert kept in letter.body


def test_a_list_with_no_closing_and_no_heading_ends_the_text():
    text = ("Open letter on water\n\nDear Minister,\n\nWe write to ask you to restore the water "
            "supply of the northern districts before the summer.\n\nOrg Alpha\n"
            "Org Beta (Kenya)\nRed Gamma\nCasa Delta\n\nGeneva, 5 May 2020\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    # The date under the signatures is the signature block's.
    assert (letter.date, letter.place) == (dt.date(2020, 5, 5), "Geneva")
    assert [e.printed for s in letter.sections for e in s.entries] == [
        "Org Alpha", "Org Beta (Kenya)", "Red Gamma", "Casa Delta"]


def test_a_signature_block_after_the_text_is_not_a_list():
    text = ("July 11, 2022\n\nDear Minister,\n\nWe write to ask you to restore the water "
            "supply of the northern districts before the summer.\n\nAna Ruiz\nDirector\n"
            "Red Sur\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert letter is None and "no signatory list found" in diags[0].message


def test_two_short_lines_after_the_text_are_not_a_list():
    text = ("July 11, 2022\n\nDear Minister,\n\nWe write to ask you to restore the water "
            "supply of the northern districts before the summer.\n\nOrg Alpha\nRed Gamma\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert letter is None and "no signatory list found" in diags[0].message


def test_stacked_name_title_organization_blocks_are_one_person_each():
    text = ("Sincerely,\n\nDr. Ana Ruiz\nDirector\nInstituto del Agua\n\nJohn Roe\n"
            "Professor of Law, Northern University\n\nMary Major\nChair, Digital Rights Watch\n")
    entries = [e for s in importer.split_signatories(lines(text)[1:]) for e in s.entries]
    assert [(e.printed, e.name, e.affiliation) for e in entries] == [
        ("Dr. Ana Ruiz, Director, Instituto del Agua", "Dr. Ana Ruiz",
         "Director, Instituto del Agua"),
        ("John Roe, Professor of Law, Northern University", "John Roe",
         "Professor of Law, Northern University"),
        ("Mary Major, Chair, Digital Rights Watch", "Mary Major", "Chair, Digital Rights Watch")]


def test_organizations_in_blocks_are_not_stacked_people():
    text = "Access Now\nAmnesty International\n\nKarisma\nTEDIC\n\nFundación Vía Libre\n"
    entries = [e.printed for s in importer.split_signatories(lines(text)) for e in s.entries]
    assert entries == ["Access Now", "Amnesty International", "Karisma", "TEDIC",
                       "Fundación Vía Libre"]


def test_a_remark_inside_the_list_is_a_note_and_the_list_goes_on():
    names = [f"Org {w}" for w in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta")]
    text = ("Sincerely,\n\n" + names[0] + "\nOrganizations are listed in alphabetical order.\n"
            + "\n".join(names[1:]) + "\n")
    sections = importer.split_signatories(lines(text)[1:])
    assert [e.printed for s in sections for e in s.entries] == names


LIST_LINES = st.lists(st.one_of(
    st.sampled_from(["Org Alpha", "Red Beta, Kenya", "Ana Ruiz | Red Sur", "1. Casa Gamma",
                     "- Centro Delta (México)", "Signatories", "National", "cc: Minister Ho",
                     "For more information:", "jane@example.org", "+1 202 555 0100",
                     "As of May 2, 2020", "[^1]: A note of the list.", "Concerned citizens",
                     "Fundación\tKenya", "Org Eta   Uganda", "Alianza y", "de Mujeres", ""]),
    st.text(alphabet="abcdefghij KLMNOP,.:-()|", min_size=1, max_size=40)), min_size=1,
    max_size=25)


@given(list_lines=LIST_LINES, closing=st.sampled_from(["Sincerely,", "Firman", "Signed,"]))
@settings(max_examples=150, deadline=None)
def test_nothing_printed_is_lost_whatever_the_list(list_lines, closing):
    text = "\n".join(["Open letter", "July 11, 2022", "", "Dear Minister,", "",
                      "We ask the government to act on this matter without any delay.", "",
                      closing, "", *list_lines, ""])
    letter, diags = importer.parse_letter_text(text, "x.txt")
    if letter is None:
        assert diags and all(d.level == "error" for d in diags)
        return
    content = importer.to_markdown(letter, None)
    assert importer.unplaced_lines(text, content) == []
    loaded, problems = parse_letter(content, f"letters/{importer.letter_slug(letter)}.md")
    assert [str(d) for d in problems] == []


US_COALITION = """March 15, 2023

The Honorable Chuck Example
Majority Leader
United States Senate
Washington, DC 20510

The Honorable Mitch Sample
Minority Leader
United States Senate
Washington, DC 20510

Dear Leader Example and Leader Sample:

On behalf of the undersigned 6 organizations, we write to urge you to pass the Voting
Access Act without delay. The bill restores protections that millions of voters rely on.

We look forward to working with you.

Sincerely,

National Organizations
AFL-CIO
American Civil Liberties Union
League of Women Voters of the United States

State and Local Organizations
Alabama Appleseed Center for Law and Justice (AL)
Arizona Center for Economic Progress (AZ)
Voters Organized for Trust, Education and Reform – VOTER (CA)
"""
DEBT_STATEMENT = """JOINT STATEMENT

Civil society calls on the G20 to cancel the debt of low-income countries

12 October 2020

The COVID-19 pandemic has pushed dozens of countries into debt distress. The undersigned
organisations call on G20 finance ministers, meeting on 14 October 2020, to cancel the
debt payments of all low-income countries due in 2020 and 2021.

Signed:

ActionAid International
Christian Aid
Eurodad – European Network on Debt and Development
Jubilee Debt Campaign (UK)
LATINDADD – Red Latinoamericana por Justicia Económica y Social
Third World Network
...and 180 organisations from 60 countries. Full list at www.example.org/debt
"""
CARTA_LIMA = """Carta abierta al Presidente de la República

Lima, 3 de agosto de 2021

Señor
Pedro Ejemplo Castillo
Presidente de la República del Perú
Presente.-

De nuestra mayor consideración:

Las organizaciones de la sociedad civil que suscribimos la presente nos dirigimos a usted
para expresar nuestra preocupación por la propuesta de reforma de la ley de consulta
previa.

Sin otro particular, nos despedimos.

Atentamente,

1.- Asociación Pro Derechos Humanos – APRODEH
2.- Centro de Políticas Públicas y Derechos Humanos – Perú EQUIDAD
3.- Coordinadora Nacional de Derechos Humanos (CNDDHH)
4.- Derecho, Ambiente y Recursos Naturales – DAR
5.- Instituto de Defensa Legal (IDL)
"""


def test_a_us_coalition_letter_with_address_blocks_and_joined_section_words():
    letter, diags = importer.parse_letter_text(US_COALITION, "x.txt")
    assert diags == []
    assert [(r.printed, r.role) for r in letter.recipients] == [
        ("The Honorable Chuck Example", "Majority Leader, United States Senate, Washington, DC "
                                        "20510"),
        ("The Honorable Mitch Sample", "Minority Leader, United States Senate, Washington, DC "
                                       "20510")]
    assert [(s.heading, len(s.entries)) for s in letter.sections] == [
        ("National Organizations", 3), ("State and Local Organizations", 3)]


def test_a_headline_over_the_date_is_not_the_body_and_a_full_list_link_is_a_note():
    letter, diags = importer.parse_letter_text(DEBT_STATEMENT, "x.txt")
    assert diags == [] and letter.date == dt.date(2020, 10, 12) and letter.recipients == ()
    assert [e.printed for s in letter.sections for e in s.entries][-1] == "Third World Network"
    assert "...and 180 organisations from 60 countries" in letter.body


def test_a_spanish_address_block_with_senor_and_presente():
    letter, diags = importer.parse_letter_text(CARTA_LIMA, "x.txt")
    assert diags == []
    assert [(r.printed, r.name) for r in letter.recipients] == [
        ("Señor Pedro Ejemplo Castillo", "Pedro Ejemplo Castillo")]
    assert [e.printed for s in letter.sections for e in s.entries][0] == (
        "Asociación Pro Derechos Humanos – APRODEH")
    assert "Presente.-" in letter.body and "De nuestra mayor consideración:" in letter.body


CARTA_CONGRESO = """Carta abierta al Congreso de la Unión sobre la Ley de Migración
Diputadas y diputados del Congreso de la Unión
Presentes
Las organizaciones abajo firmantes nos dirigimos a ustedes para expresar nuestra preocupación por la reforma aprobada el 20 de abril de 2021 en comisiones.
Atentamente,
Ciudad de México, a 7 de junio de 2021
Organizaciones firmantes
1. Colectivo Ribereño de Apoyo Migrante (CORAM)
2. Casa Albergue del Norte, A.C.
"""  # noqa: E501 (a web copy: one paragraph a line)


def test_the_lines_above_presentes_address_the_letter_dated_below_the_closing():
    letter, diags = importer.parse_letter_text(CARTA_CONGRESO, "x.txt")
    assert diags == []
    assert letter.date == dt.date(2021, 6, 7)  # the dateline under the closing
    assert [r.printed for r in letter.recipients] == [
        "Diputadas y diputados del Congreso de la Unión"]
    assert [e.printed for s in letter.sections for e in s.entries] == [
        "Colectivo Ribereño de Apoyo Migrante (CORAM)", "Casa Albergue del Norte, A.C."]
    assert "Presentes" in letter.body


@pytest.mark.parametrize("paragraph, names", [
    ("Access Now, Amnesty International, ARTICLE 19, Derechos Digitales, EFF, Karisma.",
     ["Access Now", "Amnesty International", "ARTICLE 19", "Derechos Digitales", "EFF",
      "Karisma"]),
    ("Red Sur; Casa Norte, A.C.; Colectivo Este", ["Red Sur", "Casa Norte, A.C.",
                                                   "Colectivo Este"]),
    ("Center for Health Policy and Law, Northeastern U. School of Law, USA",
     ["Center for Health Policy and Law, Northeastern U. School of Law, USA"]),
])
def test_a_paragraph_of_names_is_split_only_when_plainly_a_list(paragraph, names):
    sections = importer.split_signatories(lines(f"{paragraph}\n"))
    assert [e.printed for s in sections for e in s.entries] == names


LETTRE_BRUXELLES = """Bruxelles, le 3 mars 2021

Objet : Directive sur le devoir de vigilance

Madame la Présidente de la Commission,

Nous, organisations de la société civile européenne, vous demandons de présenter sans
délai une proposition de directive ambitieuse sur le devoir de vigilance des entreprises.

Veuillez agréer, Madame la Présidente, l'expression de notre haute considération.

Liste des signataires :

Organisations

Amis de la Terre Europe
Collectif Éthique sur l'étiquette
Sherpa

Personnalités

Marie Dupont, avocate, Paris
Jean Martin, professeur, Université de Lyon
"""
BOARD_LETTER = """An Open Letter to the Board of Directors of MegaCorp

January 10th, 2022

To the Board of Directors:

We, the undersigned investors, scholars and civil society organizations, urge the Board to
adopt a human rights due diligence policy covering its entire supply chain, as recommended
by the UN Guiding Principles.

Sincerely,

Organizations
Responsible Investors Network
Shareholders for Change
Supply Chain Accountability Project

Individual Signatories*
Prof. Laura Chen, Columbia Law School
John Smith, Senior Researcher, Human Rights Watch
Dr. Amina Yusuf, University of Lagos

*Institutional affiliations are listed for identification purposes only.
"""
LAYOUT_NUMBERED_COLUMNS = """                                  JOINT STATEMENT
         ON THE PROTECTION OF HUMAN RIGHTS DEFENDERS IN HONDURAS

                                                           Tegucigalpa, 15 de marzo de 2016

      Las organizaciones abajo firmantes condenamos el asesinato de la defensora
ambiental ocurrido el 3 de marzo de 2016 y exigimos una investigación independiente.

      Exigimos también la protección inmediata de las personas defensoras de la
comunidad.

Organizaciones firmantes:

 1. Centro de Estudios de la Mujer – Honduras           7. Red de Defensoras de Honduras
 2. Comité de Familiares de Detenidos                    8. Movimiento Amplio por la Dignidad
 3. Equipo de Reflexión, Investigación y                 9. Consejo Cívico de Organizaciones
    Comunicación (ERIC)                                      Populares e Indígenas
 4. Asociación para una Sociedad más Justa              10. Radio Progreso
 5. Colectivo Unidad Color Rosa                         11. Centro de Derechos de Mujeres
 6. Foro Social de la Deuda Externa
"""


def test_a_french_letter_keeps_its_form_of_address_and_people_with_roles():
    letter, diags = importer.parse_letter_text(LETTRE_BRUXELLES, "x.txt")
    assert diags == [] and (letter.date, letter.place) == (dt.date(2021, 3, 3), "Bruxelles")
    assert [r.printed for r in letter.recipients] == ["Madame la Présidente de la Commission"]
    assert [(s.heading, e.printed, e.name) for s in letter.sections for e in s.entries][-2:] == [
        ("Personnalités", "Marie Dupont, avocate, Paris", "Marie Dupont"),
        ("Personnalités", "Jean Martin, professeur, Université de Lyon", "Jean Martin")]
    assert "Objet : Directive sur le devoir de vigilance" in letter.body


def test_a_heading_with_a_marker_and_the_note_it_points_at():
    letter, diags = importer.parse_letter_text(BOARD_LETTER, "x.txt")
    assert diags == [] and letter.date == dt.date(2022, 1, 10)
    assert [(s.heading, len(s.entries)) for s in letter.sections] == [
        ("Organizations", 3), ("Individual Signatories*", 3)]
    assert "*Institutional affiliations are listed for identification purposes only." in (
        letter.body.replace("\\*", "*"))


def test_numbered_columns_with_wrapped_names_read_down_each_column():
    letter, diags = importer.parse_letter_text(LAYOUT_NUMBERED_COLUMNS, "x.txt")
    assert diags == [] and letter.recipients == ()
    names = [e.printed for s in letter.sections for e in s.entries]
    assert len(names) == 11
    assert names[2] == "Equipo de Reflexión, Investigación y Comunicación (ERIC)"
    assert names[5:9] == ["Foro Social de la Deuda Externa", "Red de Defensoras de Honduras",
                          "Movimiento Amplio por la Dignidad",
                          "Consejo Cívico de Organizaciones Populares e Indígenas"]


def test_a_country_or_reach_heading_with_its_names_on_the_same_line():
    text = ("Sincerely,\n\nInternational: Third World Network, Public Services International\n"
            "Argentina: Fundación Grupo Efecto Positivo, Red de Ambiente y Salud\n"
            "Kenya: Haki Ardhi Coalition\n")
    sections = importer.split_signatories(lines(text)[1:])
    assert [(s.heading, [e.printed for e in s.entries]) for s in sections] == [
        ("International", ["Third World Network", "Public Services International"]),
        ("Argentina", ["Fundación Grupo Efecto Positivo", "Red de Ambiente y Salud"]),
        ("Kenya", ["Haki Ardhi Coalition"])]


def test_a_markdown_link_in_the_list_is_the_name_and_its_target_is_kept():
    text = ("July 1, 2020\n\nDear Minister,\n\nWe ask the government to act on this matter "
            "without delay.\n\nSincerely,\n\n- [Access Now](https://www.accessnow.org)\n"
            "- [Derechos Digitales](https://derechosdigitales.org), Chile\n- Karisma\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    assert [(e.printed, e.country) for s in letter.sections for e in s.entries] == [
        ("Access Now", None), ("Derechos Digitales, Chile", "Chile"), ("Karisma", None)]
    assert "Access Now: <https://www.accessnow.org>" in letter.body
    assert importer.unplaced_lines(text, importer.to_markdown(letter, None)) == []


def test_an_address_block_is_one_recipient_with_its_office():
    text = ("March 3, 2024\n\nMinister Helena Ward\nMinistry of the Interior\n1 Parliament Square"
            "\n\nCommissioner Ruth Abernathy\nDepartment of Water Resources\n\n"
            "Dear Minister Ward and Commissioner Abernathy,\n\nWe ask you to withdraw the "
            "proposal and to open a public consultation.\n\nSincerely,\n\nOrg A\nOrg B\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == []
    assert [(r.printed, r.role) for r in letter.recipients] == [
        ("Minister Helena Ward", "Ministry of the Interior, 1 Parliament Square"),
        ("Commissioner Ruth Abernathy", "Department of Water Resources")]


def test_a_table_header_notes_and_a_description_paragraph_sign_nothing():
    text = ("Supporting organizations:\n\nNo. Organization Country\n1\tRed Sur\tKenya\n"
            "2\tCasa Norte\tUganda\nThe Red Sur defends renters in eleven provinces. Casa Norte "
            "was founded in 1990.\nNotes\n\n[^1]: A report of 2019.\n")
    letter_lines = lines(text)
    sections, notes, _ = importer.split_list(letter_lines)
    assert [(s.heading, [(e.printed, e.country) for e in s.entries]) for s in sections] == [
        ("Supporting organizations", [("Red Sur", "Kenya"), ("Casa Norte", "Uganda")])]
    assert [n.text for n in notes] == [
        "No. Organization Country", "The Red Sur defends renters in eleven provinces. Casa "
        "Norte was founded in 1990.", "Notes", "[^1]: A report of 2019."]


def test_a_title_written_as_a_sentence_over_the_date_is_the_head():
    text = ("Civil society organizations call on the WTO to extend the TRIPS waiver now.\n\n"
            "4 March 2022\n\nDear Members,\n\nWe ask you to extend the waiver to all health "
            "products and technologies.\n\nSincerely,\n\nOrg A\nOrg B\n")
    letter, diags = importer.parse_letter_text(text, "x.txt")
    assert diags == [] and letter.date == dt.date(2022, 3, 4)
    assert [r.printed for r in letter.recipients] == ["Members"]
