"""`undersigned review` on a copy of a repository with an imported letter to settle."""

import builtins
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from undersigned import cli
from undersigned.load import load_archive

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


def test_interactive_session(repo, monkeypatch, capsys):
    answers = iter([
        # Centro de Derechos Humanos Fray Matías de Córdova A.C.: no candidate; create it.
        "y",
        # Peace Brigades International-Mexico: not Canada, not USA, then create it.
        "n", "n", "y",
        # Universidad Iberoamericana Ciudad de México: the first candidate is the one.
        "y",
        # Look-alike pair Canada / USA: not the same.
        "n",
        # New look-alike pairs with the new record: quit.
        "q",
    ])
    asked = []

    def fake_input(prompt=""):
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", fake_input)
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
