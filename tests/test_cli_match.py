"""`undersigned match`, driven as a user would, on a registry of names from the seeds."""

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from undersigned import cli
from undersigned.decisions import load_decisions
from undersigned.load import load_archive, load_registry

REPO = Path(__file__).parent / "fixtures" / "resolve" / "repo"


def match(capsys, *argv):
    if argv[:1] != ("--root",):
        argv = ("--root", str(REPO), *argv)
    code = cli.main([*argv[:2], "match", *argv[2:]])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_human_output_for_each_status(capsys):
    code, out, err = match(capsys, "IMUMI",
                           "Instituto Para las Mujeres en la Migración, AC (IMUMI)",
                           "Save the Children", "Centro de Derechos Humanos Fray Matías A.C.")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[:3] == [
        "IMUMI: resolved imumi (by acronym)",
        "Instituto Para las Mujeres en la Migración, AC (IMUMI): resolved imumi (by key)",
        "Save the Children: suggested",
    ]
    # Both look-alikes, equally likely, ranked with their scores; neither chosen.
    rows = [re.match(r"^ +(\d+\.\d)  (\S+) +(.+?)  \((.+)\)$", line).groups()
            for line in lines[3:5]]
    # Each says why it was not resolved.
    assert [(sid, name, why) for _, sid, name, why in rows] == [
        ("save-the-children-mexico", "Save the Children México",
         "qualifier MX only in the registry"),
        ("save-the-children-us", "Save the Children US", "qualifier US only in the registry")]
    assert rows[0][0] == rows[1][0] and 70 <= float(rows[0][0]) < 100
    assert lines[5:] == ["Centro de Derechos Humanos Fray Matías A.C.: new: not in the registry"]


def test_json_one_object_per_line(capsys):
    code, out, _ = match(capsys, "--json", "Oficina en Washington para Asuntos Latinoamericanos "
                         "(WOLA)", "Peace Brigades International-Mexico", "--limit", "1")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0] == {"query": "Oficina en Washington para Asuntos Latinoamericanos (WOLA)",
                       "status": "resolved", "id": "wola", "how": "acronym", "suggestions": []}
    assert rows[1]["status"] == "suggested" and rows[1]["id"] is None
    assert rows[1]["how"] is None and len(rows[1]["suggestions"]) == 1
    assert set(rows[1]["suggestions"][0]) == {"id", "name", "score"}
    assert rows[1]["suggestions"][0]["id"].startswith("peace-brigades-international-")


def test_look_alikes_never_resolve(capsys):
    _, out, _ = match(capsys, "--json", "Asylum Access Mexico", "Asylum Access",
                      "Universidad Iberoamericana Puebla", "Universidad Iberoamericana Mexico "
                      "City/CDMX", "Save the Children US", "Save the Children Honduras")
    got = [(r["status"], r["id"]) for r in map(json.loads, out.splitlines())]
    assert got == [("resolved", "asylum-access-mexico"), ("resolved", "asylum-access"),
                   ("resolved", "universidad-iberoamericana-puebla"), ("suggested", None),
                   ("resolved", "save-the-children-us"), ("suggested", None)]


def test_names_from_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Sin Fronteras I.A.P.\n\nKIND\n"))
    code, out, _ = match(capsys)
    assert code == 0
    assert out.splitlines() == ["Sin Fronteras I.A.P.: resolved sin-fronteras (by key)",
                                "KIND: resolved kids-in-need-of-defense (by acronym)"]


def test_as_a_subprocess_without_traceback():
    proc = subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(REPO), "match", "--json",
         "Asylum Access México. (AAMX) – México"],
        capture_output=True, text=True,
        env={"PYTHONPATH": str(Path(__file__).parent.parent / "src"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "asylum-access-mexico"


def test_match_reads_the_registry_only(tmp_path, capsys):
    # A letter that cannot even be parsed is `check`'s business: match neither reads
    # nor reports it; problems of the registry itself are counted in one warning.
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    (repo / "letters" / "2023-12-18-imported.md").write_bytes(b"\xff\xfe not a letter")
    code, out, err = match(capsys, "--root", str(repo), "IMUMI")
    assert (code, out, err) == (0, "IMUMI: resolved imumi (by acronym)\n", "")
    (repo / "signatories" / "broken.yml").write_bytes(b"id: [broken\n")
    (repo / "signatories" / "decisions.csv").write_text(
        "left,right,judgement,note\nX,id:wola,maybe,\n", encoding="utf-8")
    code, out, err = match(capsys, "--root", str(repo), "IMUMI")
    assert (code, out) == (0, "IMUMI: resolved imumi (by acronym)\n")
    assert err == "warning: the registry has 2 errors; run `undersigned check`\n"


def test_load_registry_is_the_archive_s_registry(tmp_path):
    registry = load_registry(REPO)
    archive = load_archive(REPO)
    decisions, _ = load_decisions(REPO)
    assert registry.signatories == archive.signatories
    assert registry.decisions.rows == decisions.rows and len(registry.decisions) > 0
    assert registry.diagnostics == ()
    # Never raises: a missing repository is an empty registry.
    empty = load_registry(tmp_path / "nowhere")
    assert (empty.signatories, len(empty.decisions)) == ({}, 0)


def test_a_name_with_control_characters_is_printed_on_one_escaped_line(capsys):
    # The name may come from a pasted PDF: it must not drive the terminal.
    code, out, err = match(capsys, "IMUMI\x1b[2J\nforged: resolved x", "Sa\u202eve")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("IMUMI\\x1b[2J\\nforged: resolved x: ")
    assert lines[1].startswith("Sa\\u202eve: ")
    assert "\x1b" not in out and "\u202e" not in out and len(lines) == 2


def test_names_of_one_list_together_are_two_entities(capsys):
    # Alone, each spelling is IMUMI; printed in one list, they are two organizations: the
    # exact alias holds the record, the other is neither linked to it nor offered it.
    names = ["Instituto Para las Mujeres en la Migración, AC (IMUMI)",
             "Instituto para las Mujeres en la Migración (IMUMI)"]
    code, out, _ = match(capsys, "--json", *names)
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["imumi", "imumi"]
    code, out, _ = match(capsys, "--json", "--together", *names)
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert (first["status"], first["id"]) == ("new", None)
    assert (second["status"], second["id"], second["how"]) == ("resolved", "imumi", "alias")
    assert "imumi" not in {s["id"] for s in first["suggestions"]}
