"""`undersigned check` on a small valid repository and one broken copy per kind of error.

Each case edits one file of tests/fixtures/check/valid and asserts the exact
path, line and message, as a contributor would read them.
"""

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from translation_support import ENGLISH, ENGLISH_ID, SPANISH, SPANISH_ID, bilingual_archive

from undersigned.load import load_archive
from undersigned.validate import check, latest_date

VALID = Path(__file__).parent / "fixtures" / "check" / "valid"
LETTER = "letters/2022-07-11-bilateral-meeting.md"


@pytest.fixture
def repo(tmp_path):
    dest = tmp_path / "repo"
    shutil.copytree(VALID, dest)
    return dest


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(root), "check"],
        capture_output=True, text=True, cwd=Path(__file__).parent.parent,
        env={"PYTHONPATH": str(Path(__file__).parent.parent / "src"), "PATH": "/usr/bin:/bin"},
    )


def test_valid_fixture_passes():
    archive = load_archive(VALID)
    assert [str(d) for d in check(archive)] == []
    letter = archive.letters[0]
    assert letter.listed_count == 5
    sigs = letter.signatures
    assert [s.signatory_id for s in sigs] == [
        "gtpm", "imumi", "guadalupe-cepeda-aguilar", "raul-reyes-covarrubias", "imumi"]
    assert sigs[1].via == "gtpm" and sigs[0].via is None
    assert sigs[2].line == sigs[3].line == "Guadalupe cepeda Aguilar y Raúl Reyes Covarrubias"
    assert letter.body_line == 36
    assert letter.body.splitlines()[1] == "Dear President Biden,"


def test_a_statement_with_no_addressee_passes(repo):
    # A statement, declaration or open letter printed with no addressee is a letter.
    edit(repo, LETTER, """recipients:
  - printed: President of the United States Joseph Biden
    id: joseph-biden
    name: Joseph Biden
    role: President of the United States
""", "recipients: []\n")
    archive = load_archive(repo)
    assert archive.letters[0].recipients == ()
    assert [str(d) for d in check(archive)] == []


def test_an_entry_name_affiliation_and_country_are_copied_from_what_was_printed(repo):
    edit(repo, LETTER, """      - printed: Raúl Reyes Covarrubias
""", """      - printed: Raúl Reyes Covarrubias
        name: Raúl Reyes
        affiliation: Universidad del Sur
        country: Mexico
""")
    found = [str(d) for d in check(load_archive(repo))]
    assert any("affiliation 'Universidad del Sur' is not part of the printed name" in d
               for d in found)
    assert any("country 'Mexico' is not part of the printed name" in d for d in found)
    assert not any("name 'Raúl Reyes' is not part" in d for d in found)


IMUMI_ENTRY = (
    "      - printed: Instituto para las Mujeres en la Migración (IMUMI)\n        id: imumi\n")
CASES = [
    # (file, old, new, expected "path:line: level: message" prefix)
    (LETTER, "id: raul-reyes-covarrubias", "id: raul-reyes",
     f"{LETTER}:30: error: unknown signatory id 'raul-reyes' for 'Raúl Reyes Covarrubias'"),
    (LETTER, "printed: Instituto para las Mujeres en la Migración (IMUMI)",
     "printed: Instituto de las Mujeres (IMUMI)",
     f"{LETTER}:33: error: printed name 'Instituto de las Mujeres (IMUMI)' is not linked"),
    (LETTER, "printed: Raúl Reyes Covarrubias", "printed: Raul Reyes C.",
     f"{LETTER}:32: error: printed name 'Raul Reyes C.' is not part of its line"),
    ("signatories/gtpm.yml", "  - Grupo de Trabajo Sobre Política Migratoria-GTPM",
     "  - Grupo de Trabajo Sobre Política Migratoria-GTPM\n"
     "  - IMUMI Instituto para las Mujeres en la Migración",
     "signatories/imumi.yml:8: error: alias 'IMUMI Instituto para las Mujeres en la Migración'"
     " is also claimed by 'gtpm'"),
    (LETTER, "title: Organizations ask two presidents to center migration on rights\n", "",
     f"{LETTER}:2: error: missing required field 'title'"),
    (LETTER, "stated_count: 5", "stated_count: many",
     f"{LETTER}:8: error: stated_count 'many' must be a whole number"),
    (LETTER, "stated_count: 5", "stated_count: 0",
     f"{LETTER}:8: error: stated_count 0: a letter has at least one signatory"),
    (LETTER, "stated_count: 5", "stated_count: 100000",
     f"{LETTER}:8: error: stated_count 100000 is over 99,999"),
    (LETTER, "date: 2022-07-11", "date: 2022-02-30",
     f"{LETTER}:3: error: date '2022-02-30' is not a real calendar date"),
    (LETTER, "date: 2022-07-11", "date: 11/07/2022",
     f"{LETTER}:3: error: date '11/07/2022' must be written YYYY-MM-DD"),
    (LETTER, "stated_count: 5", "stated_count: 87",
     f"{LETTER}:8: warning: the letter states 87 signatories but lists 5"),
    (LETTER, "tags: [asylum, us-mexico]", "tags: [asylum, walls]",
     f"{LETTER}:6: error: unknown tag 'walls'"),
    (LETTER, "    id: joseph-biden\n    name", "    id: joe-biden\n    name",
     f"{LETTER}:10: error: unknown recipient id 'joe-biden'"),
    (LETTER, "source: Written", "sauce: Written",
     f"{LETTER}:7: error: unknown field 'sauce' in the document"),
    ("signatories/gtpm.yml", "kind: network", "kind: company",
     "signatories/gtpm.yml:3: error: kind 'company' must be one of"),
    ("signatories/gtpm.yml", "id: gtpm", "id: gtpm-mx",
     "signatories/gtpm.yml:1: error: id 'gtpm-mx' must equal the file name 'gtpm'"),
    ("signatories/imumi.yml", "country: MX", "country: Mexico",
     "signatories/imumi.yml:5: error: country 'Mexico' must be an ISO 3166 alpha-2 code"),
    (LETTER, IMUMI_ENTRY, IMUMI_ENTRY * 2,
     f"{LETTER}:35: error: 'imumi' is linked twice in the same list (also line 33)"),
    # A network among its own members: an error, not a warning.
    (LETTER, "          - printed: IMUMI Instituto para las Mujeres en la Migración\n"
             "            id: imumi",
     "          - printed: Grupo de Trabajo Sobre Política Migratoria-GTPM\n"
     "            id: gtpm",
     f"{LETTER}:23: error: 'gtpm' is listed as a member of itself; a network's members are "
     "other signatories: link this member to its own id, or remove it"),
    # Required lists given empty (`recipients: []` is left to the statements' rule).
    (LETTER, "    entries:\n      - printed: Guadalupe",
     "    entries: []\n  - entries:\n      - printed: Guadalupe",
     f"{LETTER}:26: error: field signatories[1].entries is an empty list; list the entries "
     "printed under this section, or remove the section"),
    (LETTER, "signatories:\n  - section: Networks", "signatories: []\nx:\n  - section: Networks",
     f"{LETTER}:17: error: field signatories is an empty list; a letter lists at least one "
     "signatory as printed (a section with `entries`)"),
]


@pytest.mark.parametrize("rel, old, new, expected", CASES, ids=[c[3].split(": ", 2)[2][:40]
                                                                for c in CASES])
def test_each_error_has_its_message_and_line(repo, rel, old, new, expected):
    edit(repo, rel, old, new)
    found = [str(d) for d in check(load_archive(repo))]
    assert any(line.startswith(expected) for line in found), found
    result = run_check(repo)
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert result.returncode == (0 if ": warning: " in expected else 1)


def test_a_letter_may_be_dated_up_to_a_year_ahead_and_no_later(repo):
    # The latest date moves with the clock; the message does not name it, so that the
    # hostile fixtures' expected lines stay the same from day to day.
    latest = latest_date()
    old = repo / LETTER
    for day, error in ((latest, False), (latest + dt.timedelta(days=1), True),
                       (dt.date(1900, 1, 1), False)):
        letter = repo / "letters" / f"{day.isoformat()}{old.name[10:]}"
        letter.write_text(re.sub(r"^date: .*$", f"date: {day.isoformat()}",
                                 old.read_text(encoding="utf-8"), count=1, flags=re.M),
                          encoding="utf-8")
        old.unlink()
        found = [str(d) for d in check(load_archive(repo)) if d.level == "error"]
        rel = letter.relative_to(repo).as_posix()
        assert found == ([f"{rel}:3: error: date {day.isoformat()} is more than a year from "
                          "today: no letter of the archive can have it; fix the year (and the "
                          "file name with it)"] if error else []), found
        old = letter


def test_every_problem_is_listed_at_once(repo):
    edit(repo, LETTER, "date: 2022-07-11", "date: 2022-02-30")
    edit(repo, "signatories/gtpm.yml", "kind: network", "kind: company")
    edit(repo, "recipients/joseph-biden.yml", "name: Joseph Biden", "nom: Joseph Biden")
    result = run_check(repo)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert {e.split(":")[0] for e in errors} == {
        LETTER, "signatories/gtpm.yml", "recipients/joseph-biden.yml"}


def test_check_modifies_nothing(repo):
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    edit(repo, LETTER, "stated_count: 5", "stated_count: many")
    before[repo / LETTER] = (repo / LETTER).read_bytes()
    run_check(repo)
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    assert after == before


# ------------------------------------------------------------------ artefacts among signatories

ARTEFACTS = Path(__file__).parent / "fixtures" / "check" / "artefacts" / "2023-05-02-artefacts.md"
ARTEFACT_LETTER = "letters/2023-05-02-artefacts.md"


def add_artefact_letter(repo):
    shutil.copy(ARTEFACTS, repo / ARTEFACT_LETTER)
    # The person printed with a long affiliation is a known signatory, printed so before.
    sig = repo / "signatories" / "raul-reyes-covarrubias.yml"
    person = next(ln.split("printed: ", 1)[1].strip('"') for ln in
                  ARTEFACTS.read_text(encoding="utf-8").splitlines() if "Raúl Reyes" in ln)
    sig.write_text(sig.read_text(encoding="utf-8").rstrip("\n")
                   + f'\naliases:\n  - Raúl Reyes Covarrubias\n  - "{person}"\n',
                   encoding="utf-8")


@pytest.mark.parametrize("printed, what", [
    ("Individuals", "a heading"),
    ("Firmantes", "a heading"),
    ("Guatemala", "a country name"),
    ("Contact: Tel. +1 (202) 555-0143", "a phone number"),
    ("prensa@coalicion-fronteriza.example.org", "an e-mail address"),
    ("https://coalicion-fronteriza.example.org/carta", "a web address"),
    ("Cc: Secretary of Homeland Security Alejandro Mayorkas", 'a "Cc" line'),
    ("The undersigned organizations are members of the coalition and have worked at the "
     "border since 2019", "a sentence"),
    ("4 See the report of the Inter-American Commission on Human Rights on migrants at the "
     "northern border of Mexico, December 2022, pages 14 to 19", "a line of text (25 words)"),
])
def test_entries_that_look_like_artefacts_are_warnings_at_their_line(repo, printed, what):
    add_artefact_letter(repo)
    text = ARTEFACTS.read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1)
                if ln.strip().startswith("- printed:") and printed in ln)
    expected = (f"{ARTEFACT_LETTER}:{line}: warning: signatory {printed!r} looks like {what}, "
                "not a signatory; if it signs nothing, move the line into the letter's text "
                "(below the front matter) and remove the entry")
    result = run_check(repo)
    assert expected in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_real_signatories_beside_the_artefacts_are_not_warned_about(repo):
    add_artefact_letter(repo)
    found = [d for d in check(load_archive(repo)) if d.path == ARTEFACT_LETTER]
    warned = {d.message.split("'")[1] for d in found if d.level == "warning"}
    assert len(warned) == 9
    # A person with a long affiliation, an organization and a name in lower case are not
    # artefacts; the placeholders left for review are errors, as after an import.
    assert not warned & {"Instituto para las Mujeres en la Migración (IMUMI)",
                         "Guadalupe cepeda Aguilar"}
    assert not any(w.startswith("Raúl Reyes Covarrubias") for w in warned)
    assert {d.line for d in found if d.level == "error"} == {
        d.line for d in found if d.level == "warning"}
    # Moved into the letter's text, as the hint says, the lines are no longer warned about.
    moved = ARTEFACTS.read_text(encoding="utf-8")
    for printed in sorted(warned):
        entry = next(ln for ln in moved.splitlines() if "- printed:" in ln and printed in ln)
        at = moved.index(entry)
        end = moved.index("\n", moved.index("\n", at) + 1) + 1
        moved = moved[:at] + moved[end:] + printed + "\n"
    (repo / ARTEFACT_LETTER).write_text(moved, encoding="utf-8")
    result = run_check(repo)
    assert result.returncode == 0, result.stderr
    assert ": warning: " not in result.stderr


# ---------------------------------------------------------------- translations

def test_a_letter_and_its_translation_linked_both_ways_pass(tmp_path):
    archive = load_archive(bilingual_archive(tmp_path / "repo"))
    assert [str(d) for d in check(archive)] == []
    assert archive.letter_by_id[ENGLISH_ID].translations == (SPANISH_ID,)
    assert archive.letter_by_id[SPANISH_ID].translations == (ENGLISH_ID,)


def test_a_translation_must_link_back(tmp_path):
    root = bilingual_archive(tmp_path / "repo", back_link=False)
    assert [str(d) for d in check(load_archive(root))] == [
        f"{ENGLISH}:5: error: translation '{SPANISH_ID}' does not list this letter back: "
        f"add `translations: [{ENGLISH_ID}]` to {SPANISH}"]


@pytest.mark.parametrize("old, new, expected", [
    (f"[{SPANISH_ID}]", "[2022-07-11-no-such-letter]",
     "translation '2022-07-11-no-such-letter' is not a letter: there is no "
     "letters/2022-07-11-no-such-letter.md; fix the id or remove it"),
    (f"[{SPANISH_ID}]", f"[{ENGLISH_ID}]",
     "a letter cannot be its own translation; remove this id"),
    (f"[{SPANISH_ID}]", "[Reunion Bilateral]",
     "translation 'Reunion Bilateral' must be a letter id, the other letter's file name "
     "without .md"),
])
def test_a_wrong_translation_id_is_an_error_at_its_line(tmp_path, old, new, expected):
    root = bilingual_archive(tmp_path / "repo")
    edit(root, ENGLISH, old, new)
    found = [str(d) for d in check(load_archive(root)) if d.path == ENGLISH]
    assert found == [f"{ENGLISH}:5: error: {expected}"]


def test_a_translation_in_the_same_language_is_an_error(tmp_path):
    root = bilingual_archive(tmp_path / "repo")
    edit(root, SPANISH, "language: es", "language: en")
    found = [str(d) for d in check(load_archive(root))]
    assert f"{ENGLISH}:5: error: translation '{SPANISH_ID}' is in 'en', like " \
           f"'{ENGLISH_ID}': each version of a letter is in its own language; fix its " \
           "`language` or remove it" in found


# ---------------------------------------------------------------- incremental check
# `serve` checks again only what the changed files can change (check_changes); after
# every kind of edit the result is the full check's, and letters nothing touched keep
# their diagnostics from the previous check without being checked again.

def test_checking_only_what_changed_gives_the_full_check_after_every_kind_of_edit(tmp_path):
    from edit_support import seed_copy

    from undersigned.load import FileCache
    from undersigned.validate import check_changes

    root = seed_copy(tmp_path, "seeds")
    cache = FileCache()
    state = {"checked": check_changes(load_archive(root, cache))}

    def step() -> tuple[set[str], set[str]]:
        """Check again; returns (the letters checked again, every letter)."""
        archive = load_archive(root, cache)
        before = state["checked"]
        checked = check_changes(archive, before, cache.changed)
        assert checked.diagnostics == check(load_archive(root))
        redone = {lid for lid, (_, refs, _) in checked.letters.items()
                  if lid not in before.letters or refs is not before.letters[lid][1]}
        state["checked"] = checked
        return redone, set(checked.letters)

    assert step() == (set(), {p.stem for p in (root / "letters").glob("*.md")})
    # A signatory record loses the alias one letter prints: that letter, and only the
    # letters printing the record, are checked again; the error is the full check's.
    archive = load_archive(root)
    letter = archive.letters[0]
    entry = next(e for s in letter.sections for e in s.entries
                 if e.printed != archive.signatories[e.id].name
                 and e.printed in archive.signatories[e.id].aliases)
    record = root / archive.signatories[entry.id].path
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace(f"  - {entry.printed}\n", "", 1), encoding="utf-8")
    assert good != record.read_text(encoding="utf-8")
    printing = {x.id for x in archive.letters
                if any(s.signatory_id == entry.id for s in x.signatures)}
    redone, _ = step()
    assert redone == printing and letter.id in printing
    assert any(d.level == "error" and d.path == letter.path for d in check(load_archive(root)))
    record.write_text(good, encoding="utf-8")
    assert step()[0] == printing
    # A letter edited: it alone.
    path = root / letter.path
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nA paragraph added.\n", encoding="utf-8")
    assert step()[0] == {letter.id}
    # A letter the loader refuses (its body still checked, by the file-level rules),
    # then fixed.
    path.write_text(text.replace("\ntitle: ", "\ntitle: [", 1) + "\n<script>x</script>\n",
                    encoding="utf-8")
    step()
    assert any(d.path == letter.path and d.line > 20 for d in state["checked"].diagnostics)
    path.write_text(text, encoding="utf-8")
    assert step()[0] == {letter.id}
    # A letter added, then removed; decisions.csv edited (checked on every call).
    added = root / "letters" / f"{letter.id[:10]}-a-copy-of-it.md"
    added.write_text(text, encoding="utf-8")
    assert step()[0] == {added.stem}
    added.unlink()
    assert step()[0] == set()
    decisions_csv = root / "signatories" / "decisions.csv"
    decisions_csv.write_text(decisions_csv.read_text(encoding="utf-8")
                             + "id:no-such-record,id:acai,different,\n", encoding="utf-8")
    step()
    assert any(d.path == "signatories/decisions.csv" for d in state["checked"].diagnostics)
    # tags.yml: every letter, and the letters using a tag removed from it have an error.
    tags = root / "tags.yml"
    first_tag = letter.tags[0]
    kept = tags.read_text(encoding="utf-8")
    tags.write_text(kept.replace(f"  - id: {first_tag}\n", "  - id: renamed-tag\n", 1),
                    encoding="utf-8")
    redone, every = step()
    assert redone == every
    assert any(f"unknown tag {first_tag!r}" in d.message for d in state["checked"].diagnostics)
