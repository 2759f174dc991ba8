"""`undersigned review` on a copy of a repository with an imported letter to settle."""

import builtins
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_importer import ROOT, curated, remove_letter, seed

from undersigned import cli
from undersigned.commands import review_cmd
from undersigned.load import ID_RE, load_archive, parse_letter

REPO = Path(__file__).parent / "fixtures" / "resolve" / "repo"
SRC = Path(__file__).parent.parent / "src"
LETTER = "letters/2023-12-18-imported.md"


@pytest.fixture
def repo(tmp_path):
    dest = tmp_path / "repo"
    shutil.copytree(REPO, dest)
    return dest


def run(repo, *argv, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(repo), *argv],
        capture_output=True, text=True, input=stdin,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})


def snapshot(repo):
    return {p.relative_to(repo).as_posix(): p.read_bytes()
            for p in sorted(repo.rglob("*")) if p.is_file()}


def test_list_shows_pending_and_writes_nothing(repo):
    before = snapshot(repo)
    proc = run(repo, "review", "--list")
    assert proc.returncode == 0, proc.stderr
    assert snapshot(repo) == before
    out = proc.stdout
    assert ("'Instituto para las Mujeres en la Migración AC (IMUMI)' (2023-12-18-imported): "
            "resolves by key to imumi") in out
    assert ("'Oficina en Washington para Asuntos Latinoamericanos (WOLA)' "
            "(2023-12-18-imported): resolves by acronym to wola") in out
    assert "'Peace Brigades International-Mexico' (2023-12-18-imported):\n" in out
    assert "peace-brigades-international-canada  Peace Brigades International-Canada" in out
    assert ("look-alikes peace-brigades-international-canada / "
            "peace-brigades-international-usa") in out
    # Pairs with a decision are not asked again.
    assert "save-the-children-mexico / save-the-children-us" not in out
    assert "pending: 3 names to link by rule" in proc.stderr


def test_rule_resolved_names_are_linked_without_a_question(repo):
    proc = run(repo, "review")  # not a terminal: settle what the rules settle, list the rest
    assert proc.returncode == 0, proc.stderr
    assert "linked by rule (acronym): 'Oficina en Washington para Asuntos Latinoamericanos " \
           "(WOLA)' -> wola" in proc.stdout
    archive = load_archive(repo)
    assert ("Oficina en Washington para Asuntos Latinoamericanos (WOLA)"
            in archive.signatories["wola"].aliases)
    assert "Sin Fronteras I.A.P." in archive.signatories["sin-fronteras"].aliases
    # The look-alikes were not touched.
    assert (repo / "signatories" / "decisions.csv").read_bytes() == (
        REPO / "signatories" / "decisions.csv").read_bytes()


def test_accept_reject_new_then_check_passes(repo):
    proc = run(repo, "review",
               "--accept", "Universidad Iberoamericana Ciudad de México=universidad-iberoamericana",
               "--reject", "Peace Brigades International-Mexico=peace-brigades-international-usa",
               "--new", "Peace Brigades International-Mexico",
               "--new", "Centro de Derechos Humanos Fray Matías de Córdova A.C.")
    assert proc.returncode == 0, proc.stderr
    archive = load_archive(repo)
    assert ("Universidad Iberoamericana Ciudad de México"
            in archive.signatories["universidad-iberoamericana"].aliases)
    new = archive.signatories["centro-de-derechos-humanos-fray-matias-de-cordova"]
    assert new.aliases == ("Centro de Derechos Humanos Fray Matías de Córdova A.C.",)
    assert new.kind == "organization"
    ids = {s.printed: s.signatory_id for lt in archive.letters for s in lt.signatures}
    assert ids["Peace Brigades International-Mexico"] == "peace-brigades-international-mexico"
    assert ids["Universidad Iberoamericana Ciudad de México"] == "universidad-iberoamericana"
    rows = (repo / "signatories" / "decisions.csv").read_text(encoding="utf-8").splitlines()
    assert rows[-2:] == [
        "Universidad Iberoamericana Ciudad de México,id:universidad-iberoamericana,same,",
        "Peace Brigades International-Mexico,id:peace-brigades-international-usa,different,"]
    # Then the rule-resolved names, and the repository checks clean.
    assert run(repo, "review").returncode == 0
    proc = run(repo, "check")
    assert proc.returncode == 0, proc.stderr
    # A rejected pair is not suggested again.
    m = json.loads(run(repo, "match", "--json", "Peace Brigades International-Mexico").stdout)
    assert (m["status"], m["id"]) == ("resolved", "peace-brigades-international-mexico")
    proc = run(repo, "review", "--list")
    assert "Peace Brigades International-Mexico" not in proc.stdout


def test_bad_arguments_are_clean_errors_and_write_nothing(repo):
    before = snapshot(repo)
    proc = run(repo, "review", "--accept", "IMUMI=no-such-id")
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("<command line>:1: error: unknown signatory id 'no-such-id': "
                                   "no file signatories/no-such-id.yml (try `undersigned match`)")
    proc = run(repo, "review", "--reject", "no equals sign")
    assert proc.returncode == 1 and "write it as \"PRINTED NAME=ID\"" in proc.stderr
    assert snapshot(repo) == before


def test_malformed_decisions_stop_the_review(repo):
    (repo / "signatories" / "decisions.csv").write_text(
        "left,right,judgement,note\nX,id:wola,maybe,\n", encoding="utf-8")
    before = snapshot(repo)
    proc = run(repo, "review")
    assert proc.returncode == 1
    assert "signatories/decisions.csv:2: error: judgement 'maybe'" in proc.stderr
    assert snapshot(repo) == before


def answering(monkeypatch, answer):
    """Drive the interactive prompt like a person at a terminal: `answer(prompt)` gives
    the reply to each question. Returns the prompts asked, in order."""
    asked = []

    def fake_input(prompt=""):
        asked.append(prompt)
        reply = answer(prompt)
        print(prompt + reply)
        return reply

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", fake_input)
    return asked


def counting_loads(monkeypatch):
    """How many times the review reads the archive (it reads it once)."""
    calls = []
    real = review_cmd.load_archive

    def load(root):
        calls.append(root)
        return real(root)

    monkeypatch.setattr(review_cmd, "load_archive", load)
    return calls


def test_interactive_session(repo, monkeypatch, capsys):
    answers = iter([
        # Universidad Iberoamericana Ciudad de México: the first candidate is the one.
        "y",
        # Peace Brigades International-Mexico: not Canada, not USA, then create it.
        "n", "n", "y",
        # Centro de Derechos Humanos Fray Matías de Córdova A.C.: no candidate; create it.
        "y",
        # Look-alike pair Canada / USA: not the same. The new Mexico record looks like
        # both, but its printed name was just judged different from each: not asked.
        "n",
    ])
    asked = answering(monkeypatch, lambda prompt: next(answers))
    loads = counting_loads(monkeypatch)
    assert cli.main(["--root", str(repo), "review"]) == 0
    out = capsys.readouterr().out
    assert "printed: 'Peace Brigades International-Mexico'\n  on: 2023-12-18-imported" in out
    assert "signed: 2022-07-11-bilateral-meeting" in out  # the candidate's letters are shown
    archive = load_archive(repo)
    ids = {s.printed: s.signatory_id for lt in archive.letters for s in lt.signatures}
    assert ids["Peace Brigades International-Mexico"] == "peace-brigades-international-mexico"
    assert ids["Universidad Iberoamericana Ciudad de México"] == "universidad-iberoamericana"
    assert (ids["Centro de Derechos Humanos Fray Matías de Córdova A.C."]
            == "centro-de-derechos-humanos-fray-matias-de-cordova")
    text = (repo / "signatories" / "decisions.csv").read_text(encoding="utf-8")
    assert ("Peace Brigades International-Mexico,id:peace-brigades-international-canada,"
            "different,") in text
    assert ("id:peace-brigades-international-canada,id:peace-brigades-international-usa,"
            "different,") in text
    assert all(p.startswith(("same?", "  create")) for p in asked)
    assert next(answers, None) is None  # every answer was asked for
    # Seven answers and three names linked by rule, one reading of the archive; every
    # file written whole, no temporary file left behind.
    assert len(loads) == 1
    assert not [p for p in repo.rglob("*") if p.name.endswith(".tmp")]
    assert run(repo, "check").returncode == 0


@pytest.mark.parametrize("script, asked_last", [
    (["y", "n", "n", "q"], "  create a new signatory for 'Peace Brigades International-Mexico'"),
    (["y", "q"], "same?"),
    (["y", "n", "n", "y", "y", "q"], "same?"),  # the first look-alike pair
])
def test_q_quits_at_every_prompt_keeping_the_answers_given(repo, monkeypatch, capsys, script,
                                                           asked_last):
    answers = iter(script)
    asked = answering(monkeypatch, lambda prompt: next(answers))
    assert cli.main(["--root", str(repo), "review"]) == 0
    assert next(answers, None) is None and len(asked) == len(script)  # nothing asked after q
    assert asked[-1].startswith(asked_last)
    out = capsys.readouterr().out
    assert "stopped; every answer given is saved" in out
    archive = load_archive(repo)
    ids = {s.printed: s.signatory_id for lt in archive.letters for s in lt.signatures}
    # The first answer, given before quitting, is in the files.
    assert ids["Universidad Iberoamericana Ciudad de México"] == "universidad-iberoamericana"
    decided = (repo / "signatories" / "decisions.csv").read_text(encoding="utf-8")
    assert ("Peace Brigades International-Mexico,id:peace-brigades-international-usa,different"
            in decided) == (len(script) > 2)
    assert ids["Peace Brigades International-Mexico"].startswith("todo-") == (len(script) < 6)
    assert not [p for p in repo.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("stop", [EOFError, KeyboardInterrupt])  # Ctrl-D, Ctrl-C
def test_end_of_input_quits_like_q(repo, monkeypatch, stop):
    def eof(prompt):
        raise stop

    asked = answering(monkeypatch, eof)
    before = (repo / "signatories" / "decisions.csv").read_bytes()
    assert cli.main(["--root", str(repo), "review"]) == 0
    assert len(asked) == 1
    assert (repo / "signatories" / "decisions.csv").read_bytes() == before


# ------------------------------------------------------------------ new ids

@pytest.mark.parametrize("printed, expected", [
    ("Servicio Jesuita a Refugiados – Ecuador", "servicio-jesuita-a-refugiados-ecuador"),
    ("Servicio Jesuita a Refugiados Ecuador (SJR-Ecuador)",
     "servicio-jesuita-a-refugiados-ecuador"),
    ("Organismo Cristiano de Desarrollo Integral de Honduras (OCDIH)- Honduras",
     "organismo-cristiano-de-desarrollo-integral-de-honduras"),
    ("Coalición de Derechos Humanos, Tucson, Arizona",
     "coalicion-de-derechos-humanos-tucson-arizona"),
    ("Centro de Derechos Humanos Fray Matías de Córdova A.C.",
     "centro-de-derechos-humanos-fray-matias-de-cordova"),
    ("Asociación Comité de Familiares de Migrantes Fallecidos y Desaparecidos de El Salvador "
     "(COFAMIDE) – El Salvador",
     "asociacion-comite-de-familiares-de-migrantes-fallecidos-y-desaparecidos-de-el"),
])
def test_new_ids_keep_whole_words(printed, expected):
    sid = review_cmd.slug_for(printed)
    assert sid == expected
    assert len(sid) <= 80 and ID_RE.match(sid)


def test_new_ids_are_unique_case_insensitively_and_cut_at_a_word(repo):
    long = ("Asociación Comité de Familiares de Migrantes Fallecidos y Desaparecidos de El "
            "Salvador (COFAMIDE) – El Salvador")
    # A file another helper left with capitals (it does not load: ids are lowercase) still
    # takes its name on a case-insensitive file system.
    (repo / "signatories" / "Servicio-Jesuita-A-Refugiados-Ecuador.yml").write_text(
        "id: x\n", encoding="utf-8")
    proc = run(repo, "review", "--new", "Servicio Jesuita a Refugiados – Ecuador",
               "--new", "Servicio Jesuita a Refugiados Ecuador (SJR-Ecuador)",
               "--new", long, "--new", long.replace("Salvador", "Salvador."),
               "--new", "Data")
    assert proc.returncode == 0, proc.stderr
    made = re.findall(r"^new: signatories/(\S+)\.yml \((\w+): ([^)]*)\) for", proc.stdout,
                      re.M)
    assert [sid for sid, _, _ in made] == [
        "servicio-jesuita-a-refugiados-ecuador-2", "servicio-jesuita-a-refugiados-ecuador-3",
        "asociacion-comite-de-familiares-de-migrantes-fallecidos-y-desaparecidos-de-el",
        "asociacion-comite-de-familiares-de-migrantes-fallecidos-y-desaparecidos-de-el-2",
        "data-2"]  # `data` is the site's own page
    assert all(len(sid) <= 80 and ID_RE.match(sid) for sid, _, _ in made)
    # Printed in no letter: the kind is guessed from the name alone.
    assert {(kind, why) for _, kind, why in made} == {
        ("organization", "the word 'servicio'"), ("organization", "the word 'asociacion'"),
        ("organization", "default")}
    archive = load_archive(repo)
    assert {sid for sid, _, _ in made} <= set(archive.signatories)
    # A suffix that would pass 80 characters takes the place of a whole word.
    words = "-".join(["palabra"] * 10)
    assert review_cmd.unique_id(words, {words}) == "-".join(["palabra"] * 9) + "-2"
    # The same printed name again is no new entity.
    proc = run(repo, "review", "--new", long)
    assert proc.returncode == 1
    assert "is already a name of asociacion-comite-de-familiares" in proc.stderr


# ------------------------------------------------------------------ a seed letter, end to end

@pytest.fixture(scope="module")
def border_letter(tmp_path_factory):
    """The archive as it stood before the 2023-12-18 seed, with that seed imported:
    134 signatories, 60 of them new to the archive."""
    repo = tmp_path_factory.mktemp("border") / "repo"
    for part in ("letters", "signatories", "recipients"):
        shutil.copytree(ROOT / part, repo / part)
    shutil.copy(ROOT / "tags.yml", repo / "tags.yml")
    remove_letter(repo, curated("2023-12-18"))
    assert cli.main(["--root", str(repo), "import", str(seed("2023-12-18")),
                     "--slug", "border"]) == 0
    return repo


@pytest.fixture
def border(border_letter, tmp_path):
    dest = tmp_path / "border"
    shutil.copytree(border_letter, dest)
    return dest


def placeholders(repo):
    letter, _ = parse_letter((repo / BORDER).read_text(encoding="utf-8"), BORDER)
    return [s.printed for s in letter.signatures if s.signatory_id.startswith("todo-")]


BORDER = "letters/2023-12-18-border.md"


def test_all_remaining_names_of_a_letter_are_new_in_one_answer(border, monkeypatch, capsys):
    todo = placeholders(border)
    # Skip every name that resembles a signatory; at the first name that resembles
    # nothing, answer "all".
    asked = answering(monkeypatch, lambda p: "a" if p.startswith("  create") else "s")
    assert cli.main(["--root", str(border), "review"]) == 0
    out = capsys.readouterr().out
    creates = [p for p in asked if p.startswith("  create")]
    assert len(creates) == 1 and "[a]ll" in creates[0]
    made = re.findall(r"^new: signatories/(\S+)\.yml \((\w+): ([^)]*)\) for '(.*)'; relinked "
                      r"2023-12-18-border$", out, re.M)
    left = placeholders(border)
    # Every name is either new or still waiting for its look-alike to be judged: the
    # one answer created records only for names that resemble nothing.
    assert len(made) >= 50 and len(made) + len(left) == len(todo)
    kinds = {printed: kind for _, kind, _, printed in made}
    assert kinds["Patricia Zamudio"] == "person"  # printed under "Individuals"
    assert kinds["Bloque Latinoamericano sobre Migración"] == "network"  # prints members
    assert kinds["Latinas en el Poder"] == "organization"
    assert {why for _, _, why, _ in made} <= {"section 'Individuals'", "printed with members",
                                              "section 'Civil society Organizations'",
                                              "a name and a role", "an honorific"}
    # A person printed among the organizations, with her role, is a person all the same.
    person = "Gloria Ciria Valdéz Gardea, fundadora y coordinadora del Seminario Niñez Migrante"
    assert kinds[person] == "person"
    archive = load_archive(border)
    assert archive.signatories["patricia-zamudio"].kind == "person"
    for name in left:  # each still has a look-alike to judge
        assert json.loads(run(border, "match", "--json", name).stdout)["suggestions"]
    # "Red de Mujeres del Bajío" resembles the record just made for "Red de Mujeres del
    # Bajío AC-México": a person decides, not the "all" answer.
    assert "Red de Mujeres del Bajío" in left


def test_new_all_for_scripts(border):
    proc = run(border, "review", "--new-all", "letters/2023-12-18-border.md", "--kind",
               "organization")
    assert proc.returncode == 0, proc.stderr
    made = re.findall(r"^new: signatories/\S+\.yml \((\w+): --kind\)", proc.stdout, re.M)
    assert made and set(made) == {"organization"}
    left = placeholders(border)
    assert proc.stdout.splitlines()[-1] == (
        f"2023-12-18-border: {len(made)} new signatories; {len(left)} names with suggestions "
        "left for a person (`undersigned review`)")
    listed = run(border, "review", "--list")
    assert "no suggestion" not in listed.stdout
    assert run(border, "review", "--new-all", "no-such-letter").returncode == 1


# ------------------------------------------------------------------ no merge without a person

def write_letter(repo, lid, sections, date="2024-03-01"):
    """A letter as `undersigned import` leaves it: every name a `todo-` placeholder unless
    an id is given. `sections`: [(heading, [printed or (printed, id) or
    (printed, id, [members])])]."""
    from undersigned.importer import placeholder_id, yaml_str

    out = ["---", "title: Organizations and people write to the Congress", f"date: {date}",
           "language: en", "summary: A test letter in the shapes real letters take.",
           "tags: [asylum]", "source: Written for the test suite.", "recipients:",
           "  - printed: President of the United States Joseph Biden", "    id: joseph-biden",
           "signatories:"]
    for heading, entries in sections:
        out.append(f"  - section: {yaml_str(heading)}" if heading else "  -")
        out.append("    entries:")
        for entry in entries:
            printed, sid, members = (entry, None, []) if isinstance(entry, str) else (
                (*entry, []) if len(entry) == 2 else entry)
            out += [f"      - printed: {yaml_str(printed)}",
                    f"        id: {sid or placeholder_id(printed)}"]
            if members:
                out.append("        members:")
                for m in members:
                    out += [f"          - printed: {yaml_str(m)}",
                            f"            id: {placeholder_id(m)}"]
    out += ["---", "", "We write to you.", ""]
    (repo / "letters" / f"{lid}.md").write_text("\n".join(out), encoding="utf-8")


def linked(repo, lid):
    letter, _ = parse_letter((repo / "letters" / f"{lid}.md").read_text(encoding="utf-8"),
                             f"letters/{lid}.md")
    return {s.printed: s.signatory_id for s in letter.signatures}


def test_two_members_of_parliament_stay_two_people_in_one_letter_and_in_two(repo):
    write_letter(repo, "2024-03-01-mps", [("Members of Parliament", [
        "Alice Brown (MP)", "Carlos Díaz (MP)"])])
    proc = run(repo, "review", "--new-all", "2024-03-01-mps")
    assert proc.returncode == 0, proc.stderr
    ids = linked(repo, "2024-03-01-mps")
    assert ids == {"Alice Brown (MP)": "alice-brown", "Carlos Díaz (MP)": "carlos-diaz"}
    archive = load_archive(repo)
    assert {archive.signatories[i].kind for i in ids.values()} == {"person"}
    # A second letter: one of them printed as before, a third MP, and the first printed
    # another way.
    write_letter(repo, "2024-04-02-mps", [(None, [
        "Carlos Díaz (MP)", "Dana Evans (MP)", "Alice Brown, MP"])], date="2024-04-02")
    proc = run(repo, "review")  # not a terminal: what the rules settle, then the list
    assert proc.returncode == 0, proc.stderr
    assert "linked by rule (alias): 'Carlos Díaz (MP)' -> carlos-diaz" in proc.stdout
    assert not [ln for ln in proc.stdout.splitlines() if ln.startswith("linked by rule")
                and ("Dana" in ln or "Alice" in ln)]
    ids = linked(repo, "2024-04-02-mps")
    assert ids["Carlos Díaz (MP)"] == "carlos-diaz"
    assert ids["Dana Evans (MP)"].startswith("todo-")  # no rule links a person by "(MP)"
    assert ids["Alice Brown, MP"].startswith("todo-")  # her, maybe: a person decides
    listed = run(repo, "review", "--list").stdout
    dana = listed.split("'Dana Evans (MP)' (2024-04-02-mps):\n")[1].split("\n'")[0]
    assert "alice-brown" not in dana and "carlos-diaz" not in dana
    alice = listed.split("'Alice Brown, MP' (2024-04-02-mps):\n")[1].split("\n")[0]
    assert alice.split()[1] == "alice-brown"  # first suggestion, not a link
    # The aliases are the forms a person confirmed, nothing else.
    archive = load_archive(repo)
    assert archive.signatories["alice-brown"].aliases == ("Alice Brown (MP)",)
    assert archive.signatories["carlos-diaz"].aliases == ("Carlos Díaz (MP)",)


def test_a_person_printed_with_a_known_organization_is_not_that_organization(repo):
    imumi_before = (repo / "signatories" / "imumi.yml").read_bytes()
    printed = "María López Ortega, Instituto para las Mujeres en la Migración (IMUMI)"
    write_letter(repo, "2024-03-01-people", [("Individuals", [
        printed, "Dr. Pedro Gómez Lara / IMUMI"])])
    proc = run(repo, "review", "--list")
    for name in (printed, "Dr. Pedro Gómez Lara / IMUMI"):
        block = proc.stdout.split(f"{name!r} (2024-03-01-people):")[1].split("\n'")[0]
        assert "imumi" not in block and "no suggestion" in block
    proc = run(repo, "review", "--new-all", "2024-03-01-people")
    assert proc.returncode == 0, proc.stderr
    ids = linked(repo, "2024-03-01-people")
    assert ids == {printed: "maria-lopez-ortega",
                   "Dr. Pedro Gómez Lara / IMUMI": "pedro-gomez-lara"}
    archive = load_archive(repo)
    assert archive.signatories["maria-lopez-ortega"].kind == "person"
    assert (repo / "signatories" / "imumi.yml").read_bytes() == imumi_before
    assert "IMUMI" in archive.signatories["imumi"].acronyms


def test_two_look_alike_organizations_in_one_list_stay_two(repo):
    write_letter(repo, "2024-03-01-bajio", [("Organizations", [
        "Red de Mujeres del Bajío AC-México", "Casa Monarca", "Red de Mujeres del Bajío"])])
    proc = run(repo, "review", "--new-all", "2024-03-01-bajio")
    assert proc.returncode == 0, proc.stderr
    ids = linked(repo, "2024-03-01-bajio")
    # The record made for the first is no suggestion for the third: two records.
    assert ids["Red de Mujeres del Bajío AC-México"] == "red-de-mujeres-del-bajio-mexico"
    assert ids["Red de Mujeres del Bajío"] == "red-de-mujeres-del-bajio"
    assert proc.stdout.splitlines()[-1] == "2024-03-01-bajio: 3 new signatories"
    # Nor is the pair asked about as look-alikes of the registry.
    listed = run(repo, "review", "--list")
    assert "red-de-mujeres-del-bajio" not in listed.stdout
    # And a person cannot accept one as the other.
    before = snapshot(repo)
    proc = run(repo, "review", "--accept",
               "Red de Mujeres del Bajío=red-de-mujeres-del-bajio-mexico")
    assert proc.returncode == 1
    line = next(i for i, ln in enumerate(
        (repo / "letters" / "2024-03-01-bajio.md").read_text(encoding="utf-8").splitlines(), 1)
        if ln.endswith("printed: Red de Mujeres del Bajío"))
    assert proc.stderr.startswith(f"letters/2024-03-01-bajio.md:{line}: error: 'Red de Mujeres "
                                  "del Bajío' is printed in the same list as 'Red de Mujeres "
                                  "del Bajío AC-México'")
    assert "Traceback" not in proc.stderr
    assert snapshot(repo) == before


def test_new_all_guesses_each_kind_and_shows_every_record_before_writing(repo):
    entries = [
        "Dra. Ana Ruiz Soto",
        "Pedro Gómez Lara, Investigador, Universidad Veracruzana",
        "Brian Holt | Executive Director, Border Rights Project",
        "Fundación Esperanza Viva",
        ("Red Fronteriza de Albergues", None, ["Albergue Uno", "Casa de Paso Dos"]),
        "Colectivo Puentes A.C.",
        "Miguel Ángel Torres",
        "Coalición Pro Refugio",
        "Tel. +52 55 1234 5678",
        "Firmantes",
    ]
    write_letter(repo, "2024-03-01-mixed", [(None, entries)])
    before = snapshot(repo)
    proc = run(repo, "review", "--new-all", "2024-03-01-mixed")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    start = out.index("2024-03-01-mixed: 10 new signatories to create:")
    header = out[start + 1].split()
    assert header == ["printed", "kind", "guessed", "new", "id"]
    table = {}
    for row in out[start + 2:start + 12]:
        printed, rest = re.match(r"^  ('.*?'|\".*?\")\s+(.*)$", row).groups()
        kind, why, sid = re.match(r"^(\w+) \((.*?)\)\s+(\S+)$", rest).groups()
        table[printed[1:-1]] = (kind, why, sid)
    assert {p: k for p, (k, _, _) in table.items()} == {
        "Dra. Ana Ruiz Soto": "person",
        "Pedro Gómez Lara, Investigador, Universidad Veracruzana": "person",
        "Brian Holt | Executive Director, Border Rights Project": "person",
        "Fundación Esperanza Viva": "organization",
        "Red Fronteriza de Albergues": "network",
        "Albergue Uno": "organization",
        "Casa de Paso Dos": "organization",
        "Colectivo Puentes A.C.": "organization",
        "Miguel Ángel Torres": "person",
        "Coalición Pro Refugio": "organization",
    }  # and no record from the artefacts: they are left for a person to move
    assert table["Dra. Ana Ruiz Soto"][1:] == ("an honorific", "ana-ruiz-soto")
    assert table["Brian Holt | Executive Director, Border Rights Project"][1:] == (
        "a name and a role", "brian-holt")  # a person's id is the name alone
    assert table["Red Fronteriza de Albergues"][1] == "printed with members"
    # Shown first, then written: every record listed is the one created, in that order.
    made = re.findall(r"^new: signatories/(\S+)\.yml \((\w+): ([^)]*)\) for '(.*)'", proc.stdout,
                      re.M)
    assert [(p, k, sid) for sid, k, _, p in made] == [(p, k, sid) for p, (k, _, sid)
                                                     in table.items()]
    assert max(i for i, ln in enumerate(out) if ln.startswith("  '")) < min(
        i for i, ln in enumerate(out) if ln.startswith("new: "))
    archive = load_archive(repo)
    for printed, (kind, _, sid) in table.items():
        assert archive.signatories[sid].kind == kind
        assert archive.signatories[sid].aliases == (printed,)
    # The phone number and the heading: no record, still placeholders, said why.
    ids = linked(repo, "2024-03-01-mixed")
    assert ids["Tel. +52 55 1234 5678"].startswith("todo-")
    assert ids["Firmantes"].startswith("todo-")
    assert "  not created: 'Tel. +52 55 1234 5678' looks like a phone number" in proc.stdout
    assert "  not created: 'Firmantes' looks like a heading" in proc.stdout
    assert out[-1] == ("2024-03-01-mixed: 10 new signatories; 2 entries that look like "
                       "artefacts left as printed")
    listed = run(repo, "review", "--list").stdout
    assert ("'Firmantes' (2024-03-01-mixed):\n  looks like a heading: if it signs nothing, "
            "move the line into the letter's text (--new-all leaves it)\n") in listed
    new_files = set(snapshot(repo)) - set(before)
    assert new_files == {f"signatories/{sid}.yml" for _, (_, _, sid) in table.items()}


def test_the_guess_evaluation_script_reads_gold_files(tmp_path):
    # The shape of the hand-checked gold files the script reads in place (written here:
    # the tests never use the real ones).
    (tmp_path / "letter.gold.yml").write_text("\n".join([
        "signatories:",
        '  - {printed: "Fundación Esperanza Viva", kind: organization, section: "Firmantes"}',
        '  - {printed: "Dra. Ana Ruiz Soto", kind: person}',
        '  - {printed: "Ana Ruiz Soto | Investigadora, El Colegio", kind: person}',
        '  - {printed: "Border Kindness", kind: organization}',
        "not_signatories:",
        '  - "Contact: Tel. +1 (202) 555-0143"',
        '  - "Page 3 of 4"',
        ""]), encoding="utf-8")
    import importlib.util

    path = Path(__file__).parent.parent / "scripts" / "eval_review_guesses.py"
    spec = importlib.util.spec_from_file_location("eval_review_guesses", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    r = module.evaluate(tmp_path)
    assert (r["signatories"], r["false_warnings"]) == (4, 0)
    assert (r["not_signatories"], r["not_signatories_warned"]) == (2, 1)
    assert r["kind_from_name"] == r["kind_with_heading"] == 1.0


def test_two_aliases_of_one_record_in_one_list_are_asked_not_linked(repo):
    # The registry holds both spellings as one record, the letter prints both in one
    # list: the letter says two entities, the registry one. A person settles it.
    write_letter(repo, "2024-03-01-twice", [("Organizations", [
        "Instituto para las Mujeres en la Migración (IMUMI)",
        "IMUMI Instituto para las Mujeres en la Migración"])])
    proc = run(repo, "review")
    assert proc.returncode == 0, proc.stderr
    ids = linked(repo, "2024-03-01-twice")
    assert not [ln for ln in proc.stdout.splitlines()
                if ln.startswith("linked by rule") and any(f"{p!r}" in ln for p in ids)]
    assert all(sid.startswith("todo-") for sid in ids.values())
    listed = run(repo, "review", "--list").stdout
    for printed in ids:
        block = listed.split(f"{printed!r} (2024-03-01-twice):\n")[1].split("\n")[0]
        assert block.split()[:2] == ["100.0", "imumi"]
        assert "another name printed in the same list is also its alias" in block
