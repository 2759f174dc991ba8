"""`undersigned report`: what a contributor's change does, read from a real git history.

Each test makes a git repository of the seed archive, commits it, makes the change a
contributor makes (a letter written in the shape of a real one, `undersigned review`
run on it, a record edited by hand), and reads the report's sections and rows."""

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src"
NEW = "letters/2024-02-01-border-shelters.md"
CHANGED = "letters/2021-06-07-harris-visit-to-mexico.md"
TITLE = "Shelters ask both governments to keep asylum open at the border"

# A letter as `undersigned import` leaves it: names it could not settle on a placeholder.
LETTER = """---
title: TITLE
date: 2024-02-01
language: en
summary: Shelters and networks along the border ask the two governments to keep asylum open.
tags: [asylum, us-mexico]
source: Written for the test suite in the shape of a sign-on letter.
stated_count: 7
recipients:
  - printed: President of the United States Joseph Biden
    id: joseph-biden
  - printed: Commissioner Jane Roe
    id: jane-roe
signatories:
  - section: Organizations
    entries:
      - printed: Al Otro Lado, Inc.
        id: todo-al-otro-lado-inc
      - printed: Kids in Need of Defense (KIND)
        id: kind
      - printed: Alianza Americas Red
        id: todo-alianza-americas-red
      - printed: The Washington Office
        id: wola
      - printed: Red Fronteriza de Acompañamiento Nuevo
        id: todo-red-fronteriza-de-acompanamiento-nuevo
      - printed: Alianza Américas Network
        id: todo-alianza-americas-network
---

We write to ask you to keep asylum open at the border.
"""


def undersigned(root, *argv, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(root), *argv],
        capture_output=True, text=True, cwd=cwd,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})


def git(repo, *argv):
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Contributor",
                           "-c", "user.email=contributor@example.org", *argv],
                          capture_output=True, text=True, check=True).stdout


def seed_repository(repo: Path, archive: Path | None = None) -> Path:
    """A git repository whose one commit holds the seed archive (at `archive`)."""
    archive = archive or repo
    archive.mkdir(parents=True)
    for name in ("letters", "signatories", "recipients"):
        shutil.copytree(ROOT / name, archive / name)
    shutil.copy(ROOT / "tags.yml", archive / "tags.yml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the archive before the change")
    return archive


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def contribute(repo: Path, title: str = TITLE) -> None:
    """A contributor's change: a new letter settled with `review`, a name linked by
    hand, a new recipient, and one more name on an existing letter."""
    (repo / NEW).write_text(LETTER.replace("TITLE", title), encoding="utf-8")
    (repo / "recipients" / "jane-roe.yml").write_text(
        "id: jane-roe\nname: Jane Roe\nrole: Commissioner\naliases:\n"
        "  - Commissioner Jane Roe\n", encoding="utf-8")
    proc = undersigned(repo, "review", "--accept", "Alianza Americas Red=alianza-americas",
                       "--new", "Red Fronteriza de Acompañamiento Nuevo")
    assert proc.returncode == 0, proc.stderr
    proc = undersigned(repo, "review")  # not a terminal: the rules settle what they can
    assert "linked by rule (key): 'Al Otro Lado, Inc.' -> al-otro-lado" in proc.stdout
    # Linked by hand: no rule and no decision says this is WOLA.
    edit(repo / "signatories" / "wola.yml",
         "  - Oficina en Washington para Asuntos Latinoamericanos (WOLA)\n",
         "  - Oficina en Washington para Asuntos Latinoamericanos (WOLA)\n"
         "  - The Washington Office\n")
    edit(repo / CHANGED, "      - printed: Alianza Américas\n        id: alianza-americas\n",
         "      - printed: Alianza Américas\n        id: alianza-americas\n"
         "      - printed: Hope Border Institute\n        id: hope-border-institute\n")


def sections(markdown: str) -> dict[str, list[list[str]]]:
    """{heading: table rows as lists of plain-text cells}; the list at the top is
    under "summary", a folded table under "details"."""
    out: dict[str, list[list[str]]] = {"summary": []}
    current = "summary"
    for line in markdown.splitlines():
        if line.startswith("### ") or line.startswith("<details>"):
            current = line[4:] if line.startswith("### ") else "details"
            out[current] = []
        elif line.startswith("- ") and current == "summary":
            out[current].append([line[2:]])
        elif line.startswith("| ") and not line.startswith("| ---"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            out[current].append([html.unescape(re.sub(r"\\(.)", r"\1", c.strip()))
                                 for c in cells])
    for rows in out.values():  # without the tables' header rows
        if rows and rows[0] and rows[0][0] in ("", "printed", "left", "file"):
            rows.pop(0)
    return out


@pytest.fixture(scope="module")
def contribution(tmp_path_factory):
    repo = tmp_path_factory.mktemp("contribution") / "repo"
    seed_repository(repo)
    contribute(repo)
    return repo


def test_report_shows_what_the_change_does(contribution):
    proc = undersigned(contribution, "report", "--base", "HEAD")
    assert proc.returncode == 0, proc.stderr
    report = sections(proc.stdout)
    assert report["summary"] == [
        ["letters: 1 added, 1 changed, 0 removed"],
        ["names linked: 2 by rule, 1 to new records, 1 by hand, 2 as already registered"],
        ["names pending review: 1"],
        ["signatories: 1 added, 3 changed, 0 removed; recipients: 1 added, 0 changed, "
         "0 removed"],
        ["decisions recorded: 1"],
        ["`undersigned check`: 1 error and 1 warning new in this change "
         "(0 already at the base)"],
    ]
    listed = sum(1 for line in (ROOT / CHANGED).read_text().splitlines()
                 if line.lstrip().startswith("- printed:") and not line.startswith("  - "))
    assert report["Letters"] == [
        ["changed", "2021-06-07-harris-visit-to-mexico", "2021-06-07",
         "Mexican civil society welcomes Vice President Harris to Mexico with "
         "recommendations on migration", f"{listed} → {listed + 1}", "–"],
        ["added", "2024-02-01-border-shelters", "2024-02-01", TITLE, "6", "7 ⚠️ differs"],
    ]
    assert report["Names linked"] == [
        ["The Washington Office", "2024-02-01-border-shelters:23",
         "wola (Washington Office on Latin America)",
         "**by hand**: no rule links this name to this entity; is it the same one?"],
        ["Alianza Americas Red", "2024-02-01-border-shelters:21",
         "alianza-americas (Alianza Americas)", "decision (signatories/decisions.csv)"],
        ["Al Otro Lado, Inc.", "2024-02-01-border-shelters:17", "al-otro-lado (Al Otro Lado)",
         "key (the same name but for accents, case, punctuation or legal form)"],
        ["Red Fronteriza de Acompañamiento Nuevo", "2024-02-01-border-shelters:25",
         "red-fronteriza-de-acompanamiento-nuevo (Red Fronteriza de Acompañamiento Nuevo)",
         "new record"],
    ]
    # Names already registered, the one added to an existing letter included; the
    # existing letter's other names are not new links.
    assert report["details"] == [
        ["Hope Border Institute", "2021-06-07-harris-visit-to-mexico:21",
         "hope-border-institute (Hope Border Institute)"],
        ["Kids in Need of Defense (KIND)", "2024-02-01-border-shelters:19",
         "kind (Kids in Need of Defense)"],
    ]
    assert report["Names pending"] == [
        ["Alianza Américas Network", "2024-02-01-border-shelters:27",
         "todo-alianza-americas-network", "alianza-americas (Alianza Americas, 82)"]]
    assert report["Registry records"] == [
        ["changed", "signatories/al-otro-lado.yml", "Al Otro Lado",
         "aliases + 'Al Otro Lado, Inc.'"],
        ["changed", "signatories/alianza-americas.yml", "Alianza Americas",
         "aliases + 'Alianza Americas Red'"],
        ["added", "signatories/red-fronteriza-de-acompanamiento-nuevo.yml",
         "Red Fronteriza de Acompañamiento Nuevo",
         "kind: organization; alias 'Red Fronteriza de Acompañamiento Nuevo'"],
        ["changed", "signatories/wola.yml", "Washington Office on Latin America",
         "aliases + 'The Washington Office'"],
        ["added", "recipients/jane-roe.yml", "Jane Roe",
         "role: Commissioner; alias 'Commissioner Jane Roe'"],
    ]
    assert report["Decisions recorded"] == [
        ["Alianza Americas Red", "id:alianza-americas", "same", ""]]
    assert report["Problems"] == [
        [NEW, "8", "warning", "the letter states 7 signatories but lists 6"],
        [NEW, "27", "error", "'Alianza Américas Network' is not linked to a signatory yet: "
                             "run `undersigned review` to accept a suggestion or record it "
                             "as new"],
    ]


def test_a_committed_change_reads_the_same_and_rows_can_be_capped(contribution, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(contribution, repo)
    working_tree = undersigned(repo, "report", "--base", "HEAD").stdout
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Add the 2024-02-01 letter")
    proc = undersigned(repo, "report", "--base", "HEAD~1", "--head", "HEAD")
    assert proc.returncode == 0, proc.stderr
    head = git(repo, "rev-parse", "HEAD")[:12]
    base = git(repo, "rev-parse", "HEAD~1")[:12]
    assert sections(proc.stdout) == sections(working_tree)
    assert f"Base: HEAD\\~1 \\({base}\\). Head: HEAD \\({head}\\)." in proc.stdout
    # Nothing changed between a revision and itself; a name left pending still is.
    same = sections(undersigned(repo, "report", "--base", "HEAD").stdout)
    assert same["summary"][0] == ["letters: 0 added, 0 changed, 0 removed"]
    assert set(same) == {"summary", "Names pending"}
    capped = undersigned(repo, "report", "--base", "HEAD~1", "--max-rows", "1").stdout
    assert len(sections(capped)["Letters"]) == 1
    assert "…and 1 more." in capped and "…and 4 more." in capped


HOSTILE_TITLE = ("Shelters | ask <script>alert(1)</script>\n`both` \x1b[2J @octocat "
                 "[x](javascript:alert(1)) <img src=x onerror=alert(1)> &amp; $x$ ~~s~~ "
                 "<!-- hide --> | extra | cells |")


def test_contributed_text_cannot_break_the_report_or_add_html(contribution, tmp_path):
    repo = tmp_path / "repo"
    seed_repository(repo)
    quoted = (HOSTILE_TITLE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
              .replace("\x1b", "\\x1b"))
    contribute(repo, title=f'"{quoted}"')
    proc = undersigned(repo, "report", "--base", "HEAD")
    assert proc.returncode == 0, proc.stderr
    assert all(line.isprintable() for line in proc.stdout.splitlines())
    # Rendered as GitHub renders it, raw HTML allowed: only the escaping stands
    # between the title and the page.
    page = cmarkgfm.github_flavored_markdown_to_html(proc.stdout,
                                                     options=Options.CMARK_OPT_UNSAFE)
    clean = cmarkgfm.github_flavored_markdown_to_html(
        undersigned(contribution, "report", "--base", "HEAD").stdout,
        options=Options.CMARK_OPT_UNSAFE)
    # The same elements as the report of a plain title: the title adds none.
    assert set(re.findall(r"<(\w+)", page)) == set(re.findall(r"<(\w+)", clean)) == {
        "h2", "h3", "p", "ul", "li", "code", "strong", "table", "thead", "tbody", "tr", "th",
        "td", "details", "summary"}
    assert page.count("<code>") == clean.count("<code>")
    assert "<!--" not in page and "javascript:" not in re.sub(r"<td>[^<]*</td>", "", page)
    tables = re.findall(r"<table>.*?</table>", page, flags=re.S)
    letters = tables[0]
    rows = re.findall(r"<tr>(.*?)</tr>", letters, flags=re.S)
    assert [len(re.findall(r"<t[dh]", row)) for row in rows] == [6, 6, 6]
    cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", rows[2], flags=re.S)]
    # The title as written, on one line, with the escape character made visible.
    assert cells[3] == " ".join(HOSTILE_TITLE.replace("\x1b", "\\x1b").split())
    # The problem quoting the title is escaped the same way.
    assert "'&lt;', which is not allowed here" in page


def test_removed_letters_and_an_archive_in_a_directory(tmp_path):
    repo = tmp_path / "repo"
    # A directory whose name is a pattern to git (`data*`) is read as a name: the
    # letters of `data2` beside it are not the archive's.
    archive = seed_repository(repo, repo / "data*")
    (repo / "data2" / "letters").mkdir(parents=True)
    shutil.copy(ROOT / NEW.replace("2024-02-01-border-shelters", "2022-07-11-biden-lopez-"
                                   "obrador-meeting"), repo / "data2" / "letters")
    # A link in the base tree is never followed, at the base as in a checkout.
    (archive / "letters" / "2020-01-01-link.md").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a link")
    (archive / CHANGED).unlink()
    # A letter broken by the change is not removed: it is there and does not load.
    broken = "letters/2021-11-18-north-american-leaders-summit.md"
    edit(archive / broken, "\ndate: 2021-11-18\n", "\ndate: [2021-11-18\n")
    proc = undersigned("data*", "report", "--base", "HEAD", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    report = sections(proc.stdout)
    assert report["Letters"] == [
        ["removed", "2021-06-07-harris-visit-to-mexico", "2021-06-07",
         "Mexican civil society welcomes Vice President Harris to Mexico with "
         "recommendations on migration", report["Letters"][0][4], "–"],
        ["does not load", "2021-11-18-north-american-leaders-summit.md", "–",
         "see the problems below", "–", "–"]]
    assert report["Letters"][0][4].isdigit()
    assert report["summary"][0] == [
        "letters: 0 added, 0 changed, 1 removed, 1 that do not load"]
    assert ["`undersigned check`: 1 error and 0 warnings new in this change "
            "(1 already at the base)"] in report["summary"]
    assert [[row[0], row[2]] for row in report["Problems"]] == [[broken, "error"]]
    assert "root:" not in proc.stdout


@pytest.mark.parametrize("rev, message", [
    ("no-such-branch", "cannot read revision 'no-such-branch'; with a shallow clone, fetch "
                       "it first"),
    ("--output=/tmp/x", "'--output=/tmp/x' is not a revision"),
    ("HEAD\n--all", "'HEAD\\n--all' is not a revision"),
])
def test_a_revision_that_cannot_be_read_is_an_error_not_a_traceback(tmp_path, rev, message):
    repo = tmp_path / "repo"
    seed_repository(repo)
    proc = undersigned(repo, "report", f"--base={rev}")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"undersigned report: error: {message}")
    assert "Traceback" not in proc.stderr


def test_outside_a_git_repository(tmp_path):
    proc = undersigned(tmp_path, "report", "--base", "HEAD")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("undersigned report: error: ")
    assert "not a git repository" in proc.stderr

