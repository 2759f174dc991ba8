"""signatories/decisions.csv: reading, contradictions with the registry, writing."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from undersigned.decisions import (
    DECISIONS_PATH,
    Decisions,
    check_against_registry,
    load_decisions,
    node,
    parse_decisions,
    record_decisions,
)
from undersigned.load import load_archive

REPO = Path(__file__).parent / "fixtures" / "resolve" / "repo"
HEADER = "left,right,judgement,note\n"


@pytest.fixture
def repo(tmp_path):
    dest = tmp_path / "repo"
    shutil.copytree(REPO, dest)
    return dest


def messages(diags):
    return [str(d) for d in diags]


def test_fixture_decisions_load_clean():
    decisions, diags = load_decisions(REPO)
    assert diags == []
    assert len(decisions) == 3
    assert decisions.judgement({"id:save-the-children-us"},
                               {"id:save-the-children-mexico"}) == "different"


def test_missing_file_is_no_decisions(tmp_path):
    decisions, diags = load_decisions(tmp_path)
    assert (len(decisions), diags) == (0, [])


def test_malformed_rows_are_reported_with_their_lines():
    text = HEADER + "\n".join([
        "Asylum Access,id:asylum-access-mexico,different,the US parent",   # 2 ok
        "Asylum Access,id:asylum-access-mexico,yes,",                      # 3 judgement
        "Asylum Access,id:Asylum_Access,different,",                       # 4 bad id
        ",id:wola,same,",                                                  # 5 empty side
        "Save the Children México,Save The Children Mexico,same,",         # 6 same name
        "a,b,c,d,e",                                                       # 7 fields
        "ASYLUM ACCESS,id:asylum-access-mexico,different,again",           # 8 duplicate
        "Asylum Access,id:asylum-access-mexico,same,",                     # 9 conflict
    ]) + "\n"
    decisions, diags = parse_decisions(text)
    got = messages(diags)
    assert got[0].startswith(f"{DECISIONS_PATH}:3: error: judgement 'yes' must be one of")
    assert got[1].startswith(f"{DECISIONS_PATH}:4: error: right 'id:Asylum_Access' is not a "
                             "valid id")
    assert got[2].startswith(f"{DECISIONS_PATH}:5: error: left is empty")
    assert got[3].startswith(f"{DECISIONS_PATH}:6: error: 'Save the Children México' and "
                             "'Save The Children Mexico' are the same name")
    assert got[4].startswith(f"{DECISIONS_PATH}:7: error: expected 4 fields")
    assert got[5].startswith(f"{DECISIONS_PATH}:8: warning: duplicate of the decision on line 2")
    assert got[6].startswith(f"{DECISIONS_PATH}:9: warning: contradicts the decision on line 2")
    assert len(got) == 7
    # Negative beats positive, whatever the order.
    assert decisions.judgement({node("Asylum Access")}, {"id:asylum-access-mexico"}) == (
        "different")


def test_bad_header_and_bad_csv():
    _, diags = parse_decisions("a,b,c,d\nx,id:wola,same,\n")
    assert messages(diags) == [f"{DECISIONS_PATH}:1: error: the first line must be the header "
                               "left,right,judgement,note"]
    _, diags = parse_decisions(HEADER + 'x,"id:wola,same\n')
    assert diags and diags[0].level == "error"


def test_printed_decisions_cover_every_spelling_of_the_name():
    decisions, _ = parse_decisions(HEADER + "Asylum Access México,id:asylum-access,different,\n")
    assert decisions.judgement({node("ASYLUM ACCESS MEXICO")}, {"id:asylum-access"}) == (
        "different")
    assert decisions.judgement({node("Asylum Access")}, {"id:asylum-access"}) is None


def test_registry_contradicting_a_decision():
    archive = load_archive(REPO)
    decisions, _ = parse_decisions(HEADER + "\n".join([
        # An alias of imumi, decided different from imumi.
        "Instituto para las Mujeres en la Migración (IMUMI),id:imumi,different,",
        # A variant (same key) of an alias of asylum-access-mexico.
        "Asylum Access México,id:asylum-access-mexico,different,",
        # Decided the same, kept apart by the registry.
        "Save the Children US,id:save-the-children-mexico,same,",
        "id:universidad-iberoamericana,id:universidad-iberoamericana-puebla,same,",
        # Unknown id.
        "id:no-such-org,id:wola,different,",
        # Consistent decisions: no diagnostic.
        "Asylum Access,id:asylum-access-mexico,different,",
        "Sin Fronteras I.A.P.,id:sin-fronteras,same,",
    ]) + "\n")
    got = messages(check_against_registry(archive, decisions))
    assert got[0].startswith(
        f"{DECISIONS_PATH}:2: error: decided 'Instituto para las Mujeres en la Migración "
        "(IMUMI)' is different from 'id:imumi', but 'imumi' lists 'Instituto para las Mujeres "
        "en la Migración', 'Instituto para las Mujeres en la Migración (IMUMI)', ")
    assert got[0].endswith("(signatories/imumi.yml); move the alias to the right signatory or "
                           "change the decision")
    assert got[1].startswith(f"{DECISIONS_PATH}:3: error: decided 'Asylum Access México' is "
                             "different from 'id:asylum-access-mexico', but "
                             "'asylum-access-mexico' lists 'Asylum Access México', 'Asylum Access "
                             "México (AAMX) AC', 'Asylum Access Mexico' "
                             "(signatories/asylum-access-mexico.yml)")
    assert got[2].startswith(f"{DECISIONS_PATH}:4: error: decided 'Save the Children US' is "
                             "the same as 'id:save-the-children-mexico', but the registry keeps "
                             "them apart")
    assert got[3].startswith(f"{DECISIONS_PATH}:5: error: decided "
                             "'id:universidad-iberoamericana' is the same as")
    assert got[4].startswith(f"{DECISIONS_PATH}:6: error: unknown signatory 'id:no-such-org'")
    assert len(got) == 5


def test_two_ids_decided_different_yet_one_lists_the_others_name(repo):
    path = repo / "signatories" / "asylum-access.yml"
    path.write_text(path.read_text(encoding="utf-8") + '  - "ASYLUM ACCESS MEXICO"\n',
                    encoding="utf-8")
    archive = load_archive(repo)
    decisions, _ = load_decisions(repo)
    got = messages(check_against_registry(archive, decisions))
    assert got == [f"{DECISIONS_PATH}:2: error: decided 'id:asylum-access' is different from "
                   "'id:asylum-access-mexico', but 'asylum-access' lists 'ASYLUM ACCESS MEXICO' "
                   "and 'asylum-access-mexico' lists 'Asylum Access México', the same name; "
                   "remove it from one of them"]


def test_check_fails_on_a_contradiction(repo):
    with (repo / DECISIONS_PATH).open("a", encoding="utf-8") as f:
        f.write("Washington Office on Latin America (WOLA),id:wola,different,\n")
    proc = subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(repo), "check"],
        capture_output=True, text=True,
        env={"PYTHONPATH": str(Path(__file__).parent.parent / "src"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1
    assert (f"{DECISIONS_PATH}:5: error: decided 'Washington Office on Latin America (WOLA)' "
            "is different from 'id:wola'") in proc.stderr
    assert "Traceback" not in proc.stderr


def test_recording_appends_sorted_rows_and_keeps_existing_ones(repo):
    path = repo / DECISIONS_PATH
    before = path.read_text(encoding="utf-8")
    n = record_decisions(repo, [
        ("id:wola", "Washington Office, Latin America", "unsure", "typo? \"check\""),
        ("Peace Brigades International-Mexico", "id:peace-brigades-international-usa",
         "different", ""),
        ("Asylum Access Mexico", "id:asylum-access", "different", ""),
    ])
    assert n == 3
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before):].splitlines() == [
        "Asylum Access Mexico,id:asylum-access,different,",
        "Peace Brigades International-Mexico,id:peace-brigades-international-usa,different,",
        '"Washington Office, Latin America",id:wola,unsure,"typo? ""check"""',
    ]
    decisions, diags = load_decisions(repo)
    assert diags == [] and len(decisions) == 6
    # The same decisions again change nothing, in any spelling or orientation.
    assert record_decisions(repo, [("id:asylum-access", "ASYLUM ACCESS MÉXICO", "different",
                                    "")]) == 0
    assert path.read_text(encoding="utf-8") == after
    # A new judgement on a decided pair replaces its row in place.
    assert record_decisions(repo, [("Asylum Access Mexico", "id:asylum-access", "unsure",
                                    "")]) == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[4] == "Asylum Access Mexico,id:asylum-access,unsure,"
    assert len(lines) == 7
    assert [p.name for p in (repo / "signatories").iterdir() if p.name.endswith(".tmp")] == []


def test_recording_creates_the_file_with_its_header(tmp_path):
    record_decisions(tmp_path, [("Save the Children", "id:save-the-children-us", "unsure", "")])
    assert (tmp_path / DECISIONS_PATH).read_text(encoding="utf-8") == (
        HEADER + "Save the Children,id:save-the-children-us,unsure,\n")


def test_from_rows_strongest_judgement_wins():
    from undersigned.decisions import Decision
    d = Decisions.from_rows([Decision("X", "id:y", "unsure"), Decision("X", "id:y", "same")])
    assert d.judgement({node("X")}, {"id:y"}) == "same"
    d = Decisions.from_rows([*d.rows, Decision("id:y", "x", "different")])
    assert d.judgement({"id:y"}, {node("X")}) == "different"


def test_adding_in_memory_agrees_with_the_file_written(repo):
    # What `review` keeps in memory after each answer is what reading the file back gives.
    decisions, _ = load_decisions(repo)
    answers = [
        ("Asylum Access Mexico", "id:asylum-access", "different"),
        ("id:wola", "Washington Office, Latin America", "unsure"),
        ("ASYLUM ACCESS MÉXICO", "id:asylum-access", "unsure"),  # replaces the first
        ("Save the Children", "id:save-the-children-us", "same"),
        ("id:save-the-children-us", "Save the Children", "different"),  # replaces it too
    ]
    for left, right, judgement in answers:
        record_decisions(repo, [(left, right, judgement, "")])
        decisions.add(left, right, judgement)
        reread, diags = load_decisions(repo)
        assert diags == []
        assert decisions.edges == reread.edges
        assert len(decisions.rows) == len(reread.rows)
    assert decisions.judgement({node("Asylum Access Mexico")}, {"id:asylum-access"}) == "unsure"
    assert decisions.judgement({"id:save-the-children-us"},
                               {node("Save the Children")}) == "different"
    with pytest.raises(ValueError):
        decisions.add("X", "id:y", "maybe")


def run_check(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(repo), "check"],
        capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(Path(__file__).parent.parent / "src"), "PATH": "/usr/bin:/bin"})


def test_more_rows_than_the_cap_is_one_clear_error_and_no_decision_used(repo):
    from undersigned.decisions import MAX_ROWS

    path = repo / DECISIONS_PATH
    rows = "".join(f"id:org-{i},id:other-{i},different,\n" for i in range(MAX_ROWS + 5))
    path.write_text(HEADER + rows, encoding="utf-8")
    decisions, diags = load_decisions(repo)
    assert len(decisions) == 0
    assert [str(d) for d in diags] == [
        f"{DECISIONS_PATH}:{MAX_ROWS + 2}: error: more than 50,000 decisions; decisions are "
        "made one by one by a person: remove rows that are not (no decision of this file is "
        "used)"]
    # Exactly at the cap is read (check then reports the unknown ids, not the count).
    path.write_text(HEADER + rows.split("\n", 5)[5], encoding="utf-8")
    decisions, diags = load_decisions(repo)
    assert diags == [] and len(decisions) == MAX_ROWS


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(repo):
    from undersigned.decisions import MAX_BYTES

    path = repo / DECISIONS_PATH
    path.write_text(HEADER + "X,id:wola,different," + "n" * MAX_BYTES + "\n", encoding="utf-8")
    proc = run_check(repo)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert (f"{DECISIONS_PATH}:1: error: file larger than 10 MiB; decisions are one short row "
            "each: remove rows that are not decisions a person made") in proc.stderr


@pytest.mark.parametrize("row, message", [
    ("IMUMI\x00,id:wola,different,", "left 'IMUMI\\x00' contains the invisible or control "
                                     "character U+0000 CONTROL CHARACTER; delete it"),
    ("Grupo \u202eMPTG,id:wola,different,", "left 'Grupo \\u202eMPTG' contains the "
                                            "bidirectional control U+202E RIGHT-TO-LEFT "
                                            "OVERRIDE, which can reorder how the text "
                                            "displays; delete it"),
    ("id:wola,W\u200bOLA,same,", "right 'W\\u200bOLA' contains the invisible or control "
                                  "character U+200B ZERO WIDTH SPACE; delete it"),
    ("WOL\u0410,id:wola,same,", "left 'WOLА' mixes scripts in the word 'WOLА'"),
    ("WOLA,id:wola,same,a note\u2028on two lines", "note 'a note\\u2028on two lines' contains "
                                                    "the invisible or control character "
                                                    "U+2028 LINE SEPARATOR; delete it"),
])
def test_names_and_notes_follow_the_archive_text_rules(row, message):
    decisions, diags = parse_decisions(HEADER + row + "\n")
    assert len(decisions) == 0
    assert [str(d) for d in diags][0].startswith(f"{DECISIONS_PATH}:2: error: {message}")


def test_a_byte_order_mark_and_crlf_as_spreadsheets_save_them(repo):
    path = repo / DECISIONS_PATH
    text = path.read_text(encoding="utf-8")
    path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    decisions, diags = load_decisions(repo)
    assert diags == [] and len(decisions) == len(parse_decisions(text)[0]) > 0
    assert decisions.rows[0].left == "id:asylum-access"
    # Recording keeps the mark and the other rows as they were.
    assert record_decisions(repo, [("Asylum Access Mexico", "id:asylum-access", "different",
                                    "")]) == 1
    after = path.read_bytes().decode("utf-8")
    assert after == ("\ufeff" + text + "Asylum Access Mexico,id:asylum-access,different,\n"
                     ).replace("\n", "\r\n")
    assert load_decisions(repo)[1] == []


def test_recording_replaces_the_right_row_after_a_line_separator_in_a_note(repo):
    # str.splitlines() breaks at U+2028 where the CSV reader and git do not: the row
    # replaced would be the one above the decided pair.
    path = repo / DECISIONS_PATH
    path.write_text(HEADER + "A,id:wola,unsure,one\u2028note\nB,id:wola,unsure,\n",
                    encoding="utf-8")
    assert record_decisions(repo, [("B", "id:wola", "different", "")]) == 1
    assert path.read_text(encoding="utf-8") == (
        HEADER + "A,id:wola,unsure,one\u2028note\nB,id:wola,different,\n")
