"""Hostile input: every case in tests/fixtures/hostile/ through the real `undersigned check`.

Each case directory is an overlay on the small valid repository
(tests/fixtures/check/valid): its files are added to (or replace files of) a
copy, and `expected.txt` holds the exact `path:line: level: message` lines the
contributor must see. A new directory is a new test. The check must exit 1 on
any error, print no traceback, and leave every input file as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from undersigned import safety
from undersigned.generate import body_renderer
from undersigned.load import load_archive
from undersigned.validate import check

TESTS = Path(__file__).parent
VALID = TESTS / "fixtures" / "check" / "valid"
HOSTILE = TESTS / "fixtures" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
DIAGNOSTIC = re.compile(r"^\S+:\d+: (error|warning): ")


def make_repo(tmp_path: Path, case: str) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo, symlinks=True)
    shutil.copytree(HOSTILE / case, repo, dirs_exist_ok=True, symlinks=True,
                    ignore=shutil.ignore_patterns("expected.txt"))
    return repo


def tree_digest(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(root), "check"],
        capture_output=True, text=True, cwd=TESTS.parent, timeout=60,
        env={"PYTHONPATH": str(TESTS.parent / "src"), "PATH": "/usr/bin:/bin"},
    )


def test_every_case_of_the_issue_has_a_fixture():
    required = {
        "script-tag", "img-onerror", "iframe", "svg-onload", "javascript-link", "data-link",
        "attr-list-onclick", "jinja-title", "description-field", "snippet-include",
        "yaml-norway", "yaml-sexagesimal", "yaml-octal", "yaml-float", "yaml-duplicate-key",
        "yaml-on-key", "yaml-alias-bomb", "yaml-nested-brackets", "nfd-printed-name",
        "zero-width-name", "cyrillic-a-in-name", "dir-collision", "case-collision",
        "reserved-id", "too-long-id", "path-traversal-id",
    }
    assert required <= set(CASES), required - set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(case, tmp_path):
    repo = make_repo(tmp_path, case)
    before = tree_digest(repo)
    expected = (HOSTILE / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    result = run_check(repo)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    found = [line for line in result.stderr.splitlines() if DIAGNOSTIC.match(line)]
    assert found == expected
    has_error = any(": error: " in line for line in expected)
    assert result.returncode == (1 if has_error else 0), result.stderr
    assert tree_digest(repo) == before, "check modified its input"


def test_the_billion_laughs_never_expands(tmp_path):
    # The anchor is refused on the first line, before any alias could be walked.
    repo = make_repo(tmp_path, "yaml-alias-bomb")
    assert (repo / "signatories/lol.yml").stat().st_size < 500
    archive = load_archive(repo)
    assert "lol" not in archive.signatories


def test_typed_values_stay_text(tmp_path):
    # What PyYAML would turn into False, 750, 5349 and 1.1 reaches the schema unchanged.
    archive = load_archive(make_repo(tmp_path, "yaml-octal"))
    letter = next(x for x in archive.letters if x.id.endswith("yaml-octal"))
    assert letter.stated_count == 12345
    archive = load_archive(make_repo(tmp_path / "f", "yaml-float"))
    letter = next(x for x in archive.letters if x.id.endswith("yaml-float"))
    assert letter.tags == ("1.10",)


def test_the_valid_fixture_has_no_safety_problem():
    archive = load_archive(VALID)
    assert safety.check_archive(archive, VALID) == []
    assert check(archive) == []


@pytest.mark.parametrize("value, words", [
    ("IMU\u200bMI", "U+200B ZERO WIDTH SPACE"),
    ("IMUMI\u2060", "U+2060 WORD JOINER"),
    ("Org\u00adname", "U+00AD SOFT HYPHEN"),
    ("\ufeffIMUMI", "U+FEFF"),
    ("Good \u202eOGN", "U+202E"),
    ("a\u2066b\u2069", "U+2066"),
    ("IMUMI\u200d", "U+200D ZERO WIDTH JOINER"),
    ("Wide\u3000space", "unusual space"),
    ("\u3164", "U+3164 HANGUL FILLER"),
    (unicodedata.normalize("NFD", "México"), "NFC"),
    ("Instituto p\u0430ra", "mixes scripts in the word 'pаra'"),
    ("\u0391mnesty International", "mixes scripts"),  # Greek capital alpha
    ("\U0001d408\U0001d40c\U0001d414\U0001d40c\U0001d408 Instituto", "styled letters"),
    ("=HYPERLINK(\"https://evil.example\")", "formula"),
    ("@SUM(A1)", "formula"),
    ("Save the Children \u041c\u0435\u0445\u0456\u0441\u043e", "look like Latin"),
])
def test_text_problems(value, words):
    problems = safety.text_problems(value)
    assert problems and any(words in p for p in problems), problems


@pytest.mark.parametrize("value", [
    "Instituto para las Mujeres en la Migración",
    "Мемориал (Memorial)",  # a bilingual name: each word in one script
    "Правозащитный центр «Мемориал»",
    "Δίκτυο Αλληλεγγύης",
    "خانه\u200cی مهر",  # Persian ZWNJ inside a word
    "क्\u200dष",  # Devanagari ZWJ
    "日本のNPO法人",  # Japanese mixes Han, Hiragana and Latin by design
    "Comité\u00a0de\u202fDéfense",  # no-break spaces of French typography
    "Sin Fronteras, I.A.P.",
])
def test_text_accepted(value):
    assert safety.text_problems(value) == []


@pytest.mark.parametrize("line, words", [
    ("<b>bold</b>", "raw HTML '<b'"),
    ("< script>alert(1)</script>", "raw HTML"),
    ("</p>", "raw HTML"),
    ("<?php echo 1; ?>", "raw HTML"),
    ("<!DOCTYPE html>", "raw HTML"),
    ("<javascript:alert(1)>", "raw HTML"),
    ("[x](vbscript:msgbox(1))", "scheme 'vbscript'"),
    ("[x](file:///etc/passwd)", "scheme 'file'"),
    ("[x](<javascript:alert(1)>)", "scheme 'javascript'"),
    ("[x](java\\script:alert(1))", "scheme 'javascript'"),
    ("[x](https&#58;//example.org)", "entities or escapes"),
    ("[x](../../mkdocs.yml)", "not an http, https or mailto"),
    ("[x](/etc/passwd)", "not an http, https or mailto"),
    ("   [ref]: data:text/html,hi", "scheme 'data'"),
    ("![x][img]", "images are not allowed"),
    ("Read more {.md-button}", "attribute list"),
    ("# Heading {#__drawer}", "attribute list"),
    (";--8<-- 'x'", "snippet marker"),
    ("-8<- 'x'", "snippet marker"),
    # What makes Python-Markdown quadratic (bench_body.py) or recurse past Python's stack.
    ("a\n=\n" * 21, "has 21 headings, underlines (=== or ---) and rules"),
    ("a\n---\n" * 21, "has 21 headings"),
    ("# a\n" * 21, "has 21 headings"),
    ("#a\n" * 21, "has 21 headings"),  # a heading to Python-Markdown, space or not
    ("We ask.\n" + "***\n" * 21, "has 21 headings"),
    ("_ _ _\n" * 21, "has 21 headings"),
    ("\\*" * 1001, "has 1001 inline marks"),
    ("&amp;" * 1001, "has 1001 inline marks"),
    ("`a` " * 501, "has 1002 inline marks"),
    ("*a* " * 501, "has 1002 inline marks"),
    ("<https://a.example> " * 1001, "has 1001 inline marks"),
    ("a  \n" * 1001 + "a", "has 1001 inline marks"),
    ("a\n\n" * 5001, "more than 5000 blocks"),
    ("- a\n" * 5001, "more than 5000 blocks"),  # each list item is parsed on its own
    ("We ask. " * 62_501, "the body is 500008 characters long, more than 500000"),
    ("- " * 21 + "a", "nested 21 levels deep"),
    ("* " * 1000 + "a", "nested 1000 levels deep"),
    ("1. " * 21 + "a", "nested 21 levels deep"),
    ("> " * 21 + "a", "nested 21 levels deep"),
    (">" * 21 + "a", "nested 21 levels deep"),
    ("- > " * 11 + "a", "nested 22 levels deep"),
    ("".join("    " * i + "- a\n" for i in range(21)), "nested 21 levels deep"),
    ("\t" * 20 + "- a", "nested 21 levels deep"),
    ("x[^1]\n\n[^1]: " + "- " * 21 + "a", "nested 21 levels deep"),
    # In-page anchors: a letter's page has only its footnotes' ids.
    ("[our demands](#demands)", "link target '#demands' points at nothing"),
    ("[x](#fn:1)", "link target '#fn:1' points at nothing"),
    ("[x](#__search)", "points at nothing"),
    ("[r]: #top", "link target '#top' points at nothing"),
    ("See[^1].\n\n[^1]: A [loop](#fn:2).", "link target '#fn:2' points at nothing"),
    ("See[^a b].\n\n[^a b]: x", "footnote label 'a b' must be"),
    ("See[^é].\n\n[^é]: x", "footnote label 'é' must be"),
    ("See[^a:b].\n\n[^a:b]: x", "footnote label 'a:b' must be"),
    ("See[^].\n\n[^]: x", "footnote label '' must be"),
    (f"See[^{'n' * 81}].\n\n[^{'n' * 81}]: x", "footnote label 'nnn"),
    ("See[^1].\n\n[^1]: x\n[^2]: y", "footnote [^2] is defined but never cited"),
    ("See \\[^1].\n\n[^1]: x", "footnote [^1] is defined but never cited"),
])
def test_body_problems(line, words):
    problems = safety.body_problems(line)
    assert problems and any(words in m for _, m in problems), problems


@pytest.mark.parametrize("text", [
    "Dear President Biden,",
    "See <https://example.org/report> and <info@example.org> and <mailto:a@b.org>.",
    "Read [the report](https://example.org/a_(b)) and [write](mailto:x@example.org).",
    "Our [four pillars](#) and [note](#fn:1).[^1]\n\n[^1]: The note.",
    "We, the undersigned[^1], ask; 3 < 5 and 7 > 2.",
    "Cited.[^1]\n\n[^1]: The Los Angeles Declaration, June 10, 2022.",
    "[report]: https://example.org/report \"Title\"",
    "1. *First*, **second**, `third`.",
    "| a | b |",
    "> quoted <= text",
    "# Our demands\nFirst, ...\n## Second\nThen ...\n***\nSincerely,",
    "* * * * * * * * * * * * * * * * * * * * * * * *",  # a rule, not 24 list markers
    "".join("    " * i + "- a\n" for i in range(20)),  # 20 levels: the most allowed
    "> " * 20 + "a",
    "a  \n" * 200,  # a poem's hard line breaks
    "x[^1] and [back](#fnref:1).\n\n[^1]: The note; [up](#fn:1).",
    "x[^note-2.b]\n\n[^note-2.b]: A label of letters, digits, '-' and '.'.",
    # The importer's shape: notes cited in the text, defined one per line at the end.
    "".join(f"Point {n}.[^{n}]\n\n" for n in range(1, 61))
    + "".join(f"[^{n}]: Note {n}.\n" for n in range(1, 61)),
    "We ask.\n\n" * 4000,
    "\\* escaped, &amp; entity, `code`, *em* " * 100,
])
def test_body_accepted(text):
    assert safety.body_problems(text) == []


@pytest.mark.parametrize("unit", ["- ", "* ", "+ ", "1. ", "> ", ">", "- > "])
def test_the_deepest_nesting_the_check_accepts_renders(unit):
    # The nesting limit is tied to the renderer: the deepest body the check accepts
    # converts, and far deeper ones (what the limit stops) fail in Python-Markdown.
    render = body_renderer()
    depth = max(k for k in range(1, 60) if not safety.body_problems(unit * k + "a"))
    assert depth * max(1, unit.count(">") + unit.count("-")) >= safety.MAX_NESTING - 1
    assert render(unit * depth + "a") is not None
    indented = "".join("    " * i + unit.strip() + " a\n" for i in range(depth))
    assert safety.body_problems(indented) == [] and render(indented) is not None
    if ">" not in unit:  # Python-Markdown stops nesting quotes by itself
        assert render(unit * 1000 + "a") is None  # the build names the letter (generate)


def test_links_across_lines_are_found_on_their_destination_line():
    # Python-Markdown makes a link of text spanning lines, and of a destination on the
    # line after "](" or "]:"; checking line by line would miss them.
    assert safety.body_problems("Read [our\nletter](javascript:x).")[0][0] == 1
    assert safety.body_problems("[x](\n  data:text/html,x)")[0][0] == 1
    assert safety.body_problems("a\n\n[r]:\n    javascript:x")[0][0] == 3


def test_body_lines_are_file_lines():
    body = "Dear all,\n\nFine.\n\n<script>x</script>\n"
    problems = safety.body_problems(body)
    assert [n for n, _ in problems] == [4]


def test_output_paths():
    assert safety.check_output_paths(["index.md", "letters/a.md", "signatories/b.md"]) == []
    problems = safety.check_output_paths(["letters/foo.md", "letters/foo/index.md"])
    assert problems == ["'letters/foo/index.md' and 'letters/foo.md' build to the same file "
                        "'letters/foo/index.html'"]
    assert safety.check_output_paths(["Letters/A.md", "letters/a.md"])
    assert safety.check_output_paths(["../x.md"]) and safety.check_output_paths(["/x.md"])
    assert safety.check_output_paths(["a/./b.md"]) and safety.check_output_paths(["a\\b.md"])


def test_rules_stay_linear_on_pathological_bodies():
    # `check` runs on every pull request: a 2 MiB body must not stall it. Each of these
    # took seconds to hours with a quadratic rule (a regex retrying from every "{", a
    # line number counted from the start for every link); linear, all take well under
    # a second. The subprocess timeout turns a regression into a failure, not a hang.
    script = """
import sys
sys.path.insert(0, "src")
from undersigned import safety
n = 200_000
for unit in ["{", "{:", "-", "](", "[x](", "[", "![", "<a", "<a@", "&#", "\\u200b", "a\\n",
             "[^1]", "[^1]:", "[^", "[^a[", "- ", "> ", "\\t- ", "a\\n=\\n", "\\\\*", "*",
             "\\\\" + " " * 99_000 + "x", "-" * 99_000 + "x", "* " * 49_000 + "x"]:
    body = unit * (n // len(unit))
    safety.body_problems(body)
    safety.text_problems(body, multiline=True)
print("done")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=TESTS.parent, timeout=120)
    assert result.stdout.strip() == "done", result.stderr
