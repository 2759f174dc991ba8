"""`undersigned check --format github`: GitHub workflow commands that a contributor's
file names and text cannot forge, and terminal output without control characters."""

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned.load import load_archive
from undersigned.models import escape_controls
from undersigned.validate import check
from undersigned.workflow_commands import escape_data, escape_property, github_command

VALID = Path(__file__).parent / "fixtures" / "check" / "valid"
SRC = Path(__file__).parent.parent / "src"
LETTER = "letters/2022-07-11-bilateral-meeting.md"

# File names a contributor can commit: each must stay inside its own command.
NEWLINE_NAME = "line\n::error file=forged.md,line=1::forged.md"
COMMA_NAME = "a,b::warning file=forged::x.md"
ESCAPE_NAME = "esc\x1b[2J100%0A\r.md"
BIDI_NAME = "bidi\u202egpj.md"


def read_back(text: str) -> str:
    """What GitHub shows for `text` sent as command data or property: its line breaks
    as they were, every other control character escaped as a terminal shows it."""
    return "".join(part if part in ("\r", "\n") else escape_controls(part)
                   for part in re.split(r"([\r\n])", text))


def shows_as_is(text: str) -> bool:
    """No character that acts on a terminal or a log instead of showing: controls,
    format characters (bidi), line and paragraph separators."""
    return all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
               for c in text)


def run(cwd, *argv):
    return subprocess.run(
        [sys.executable, "-m", "undersigned", *argv], cwd=cwd, capture_output=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})


def parse_command(line: str):
    """A workflow command read as GitHub's runner reads it (actions/runner,
    ActionCommand.TryParseV2): None when the line is not a command."""
    line = line.lstrip()
    if not line.startswith("::"):
        return None
    end = line.find("::", 2)
    if end < 0:
        return None
    info, data = line[2:end], line[end + 2:]
    name, _, props = info.partition(" ")
    properties = {}
    for prop in filter(None, props.strip().split(",")):
        key, sep, value = prop.partition("=")
        if sep and key and value:
            properties[key] = (value.replace("%0D", "\r").replace("%0A", "\n")
                               .replace("%3A", ":").replace("%2C", ",").replace("%25", "%"))
    data = data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    return name, properties, data


@pytest.fixture
def hostile_repo(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo)
    for name in (NEWLINE_NAME, COMMA_NAME, ESCAPE_NAME, BIDI_NAME):
        (repo / "letters" / name).write_text("not a letter\n", encoding="utf-8")
    text = (repo / LETTER).read_text(encoding="utf-8")
    # A printed name carrying a line break and `::`, linked to no signatory, and a
    # count the list does not match (a warning).
    text = text.replace("stated_count: 5", "stated_count: 9").replace(
        "      - printed: Raúl Reyes Covarrubias\n",
        '      - printed: "Forged\\n::error file=x.md,line=1::owned"\n'
        "        id: nobody\n"
        "      - printed: Raúl Reyes Covarrubias\n")
    (repo / LETTER).write_text(text, encoding="utf-8")
    return repo


def test_escaping_follows_githubs_rules():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"
    # An escape written by the contributor is escaped again: it reads back as written.
    assert escape_data("%0A") == "%250A"
    assert github_command("warning", "letters/x,y.md", 7, "it says ::error") == (
        "::warning file=letters/x%2Cy.md,line=7::it says ::error")
    # Other control characters show as escapes; a runner sees no control character.
    assert escape_data("red\x1b[31m\u202e") == "red\\x1b[31m\\u202e"
    assert github_command("error", "a", 0, "m") == "::error file=a,line=1::m"


NASTY = ["::", "::error file=x,line=1::", "%", "%0A", "%25", "%3A", "%2C", ",", ":", "=", "\n",
         "\r", "\r\n", "\x1b[2J", "\x00", "\x85", "\u2028", "\u202e", "##[error]", " "]
texts = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=6)), min_size=1,
                 max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts, st.sampled_from(["error", "warning"]), st.integers(0, 10**6))
def test_any_path_and_message_make_one_command_that_reads_back(path, message, level, line):
    command = github_command(level, path, line, message)
    assert len(command.splitlines()) == 1 and shows_as_is(command)
    # An empty property is dropped by the runner; every path the loader makes has a name.
    properties = {"file": read_back(path)} if path else {}
    assert parse_command(command) == (level, {**properties, "line": str(max(line, 1))},
                                      read_back(message))


def test_every_problem_is_one_command_on_its_file_and_line(hostile_repo):
    proc = run(hostile_repo, "check", "--format", "github")
    assert proc.returncode == 1
    out = proc.stdout.decode("utf-8")
    lines = out.splitlines()
    expected = check(load_archive(hostile_repo))
    assert len(lines) == len(expected) and len(expected) >= 7
    assert {d.level for d in expected} == {"error", "warning"}
    for line, d in zip(lines, expected, strict=True):
        assert shows_as_is(line), line
        name, properties, data = parse_command(line)
        assert (name, properties) == (d.level, {"file": read_back(d.path),
                                                "line": str(d.line)})
        assert data == read_back(d.message)
    # The forged names are data of the real commands, never commands of their own.
    assert [parse_command(x)[1]["file"] for x in lines].count("forged.md") == 0
    assert ("::error file=letters/line%0A%3A%3Aerror file=forged.md%2Cline=1%3A%3Aforged.md,"
            "line=1::a letter must start with a '---' line and YAML front matter") in lines
    assert ("::error file=letters/a%2Cb%3A%3Awarning file=forged%3A%3Ax.md,line=1::"
            "a letter must start with a '---' line and YAML front matter") in lines
    assert ("::error file=letters/esc\\x1b[2J100%250A%0D.md,line=1::"
            "a letter must start with a '---' line and YAML front matter") in lines
    assert ("::error file=letters/bidi\\u202egpj.md,line=1::"
            "a letter must start with a '---' line and YAML front matter") in lines
    assert ("::warning file=letters/2022-07-11-bilateral-meeting.md,line=8::the letter "
            "states 9 signatories but lists 6") in lines
    forged = next(x for x in lines if "nobody" in x)
    assert forged.startswith(f"::error file={LETTER},line=")
    assert parse_command(forged)[2].startswith(
        "unknown signatory id 'nobody' for 'Forged\\n::error file=x.md,line=1::owned'")
    assert "checked 1 letters" in proc.stderr.decode()


def test_strict_makes_warnings_errors_and_paths_follow_root(hostile_repo):
    (hostile_repo / LETTER).write_text((hostile_repo / LETTER).read_text().replace(
        '      - printed: "Forged\\n::error file=x.md,line=1::owned"\n        id: nobody\n', ""))
    for name in (NEWLINE_NAME, COMMA_NAME, ESCAPE_NAME, BIDI_NAME):
        (hostile_repo / "letters" / name).unlink()
    warning = f"::warning file={LETTER},line=8::the letter states 9 signatories but lists 5"
    proc = run(hostile_repo, "check", "--format", "github")
    assert (proc.returncode, proc.stdout.decode()) == (0, warning + "\n")
    proc = run(hostile_repo, "check", "--format", "github", "--strict")
    assert (proc.returncode, proc.stdout.decode()) == (1, warning.replace(
        "::warning", "::error") + "\n")
    # Run from the checkout's top with the archive in a directory: GitHub wants the
    # path from the top.
    proc = run(hostile_repo.parent, "--root", "repo", "check", "--format", "github")
    assert proc.stdout.decode() == warning.replace("file=", "file=repo/") + "\n"


def test_text_format_prints_no_control_character(hostile_repo):
    proc = run(hostile_repo, "check")
    assert proc.returncode == 1 and proc.stdout == b""
    err = proc.stderr.decode("utf-8").splitlines()
    expected = check(load_archive(hostile_repo))
    # One line per problem and the summary: a newline in a file name breaks no line.
    assert len(err) == len(expected) + 1
    assert all(shows_as_is(line) for line in err)
    assert ("letters/line\\n::error file=forged.md,line=1::forged.md:1: error: a letter must "
            "start with a '---' line and YAML front matter") in err
    assert any(line.startswith("letters/esc\\x1b[2J100%0A\\r.md:1: error: ") for line in err)
    assert any(line.startswith("letters/bidi\\u202egpj.md:1: error: ") for line in err)
