"""Hostile input: every case in tests/fixtures/hostile/ through the real `undersigned check`.

Each case directory is an overlay on the small valid repository
(tests/fixtures/check/valid): its files are added to (or replace files of) a
copy, and `expected.txt` holds the exact `path:line: level: message` lines the
contributor must see. A new directory is a new test. The check must exit 1 on
any error, print no traceback, and leave every input file as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned import safety
from undersigned.body import body_renderer
from undersigned.load import file_name_problem, load_archive
from undersigned.models import Diagnostic, escape_controls
from undersigned.validate import check

TESTS = Path(__file__).parent
VALID = TESTS / "fixtures" / "check" / "valid"
HOSTILE = TESTS / "fixtures" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
DIAGNOSTIC = re.compile(r"^.+?:\d+: (error|warning): ")


def make_repo(tmp_path: Path, case: str) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo, symlinks=True)
    shutil.copytree(HOSTILE / case, repo, dirs_exist_ok=True, symlinks=True,
                    ignore=shutil.ignore_patterns("expected.txt", "rename.json"))
    # File names git should not hold (a newline, an escape sequence) are given in
    # rename.json, as JSON strings, and made here.
    renames = HOSTILE / case / "rename.json"
    if renames.exists():
        for old, new in json.loads(renames.read_text(encoding="utf-8")).items():
            (repo / old).rename(repo / new)
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
        # issue 17, item 6: names, file names, decisions, front matter
        "lisu-in-name", "lisu-word-in-alias", "roman-numeral-in-name", "fullwidth-alias",
        "fullwidth-title", "variation-selector-recipient", "variation-selector-in-title",
        "trailing-space-name", "double-space-alias", "stacked-marks-name",
        "repeated-mark-recipient", "newline-in-file-name", "escape-in-file-name",
        "bidi-in-file-name", "decisions-nul-bidi", "pass-decisions-bom",
        "line-separator-in-front-matter", "nel-in-signatory", "empty-signatories",
        "empty-entries", "self-member",
        # issue 17, item 6: the body and the build
        "markdown-setext-bomb", "markdown-heading-bomb", "markdown-rule-bomb",
        "markdown-escape-bomb", "markdown-entity-bomb", "markdown-paragraph-bomb",
        "deep-nested-list", "deep-indented-list", "deep-blockquote", "date-far-future",
        "date-9999", "date-before-1900", "anchor-missing", "footnote-label-space",
        "footnote-label-non-ascii", "footnote-label-colon", "footnote-label-too-long",
        "footnote-uncited", "stated-count-zero",
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
    # Nothing a contributor wrote reaches the terminal or the CI log raw: every line is
    # a diagnostic or the summary (a newline in a file name cannot forge a line such as
    # `::error file=...::`), and no escape sequence or bidi control is printed.
    others = [line for line in result.stderr.splitlines()
              if not DIAGNOSTIC.match(line) and not line.startswith("checked ")]
    assert others == [] and result.stdout == ""
    assert not any(ch in result.stderr for ch in "\x1b\r\x85\u2028\u202e\x00")
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
    # Lisu letters were made from Latin capitals: inside a Latin word, and a whole word.
    ("IMU\ua4dfI", "mixes scripts in the word 'IMU\ua4dfI' (LATIN, LISU: U+A4DF LISU LETTER MA)"),
    ("\ua4f2\ua4df\ua4f4\ua4df\ua4f2 Instituto", "written in LISU letters that look like Latin"),
    ("Amnesty Internati\u13a0nal", "LATIN"),  # a Cherokee letter in a Latin word
    ("\u2160MUMI", "U+2160 ROMAN NUMERAL ONE at character 1, a compatibility form that reads "
                  "as 'I' but makes a different name; write '\u2160MUMI' as 'IMUMI'"),
    ("\uff29\uff2d\uff35\uff2d\uff29", "write '\uff29\uff2d\uff35\uff2d\uff29' as 'IMUMI'"),
    ("IMUMI\uff01", "U+FF01 FULLWIDTH EXCLAMATION MARK at character 6"),
    ("\ufb01nance", "U+FB01 LATIN SMALL LIGATURE FI"),
    ("\u65e5\u672c\u306e\uff2e\uff30\uff2f", "U+FF2E FULLWIDTH LATIN CAPITAL LETTER N"),
    ("IMUMI\ufe0f", "invisible U+FE0F VARIATION SELECTOR-16 at character 6"),
    ("IMU\ufe00MI", "U+FE00 VARIATION SELECTOR-1"),
    ("IMU\u180bMI", "U+180B MONGOLIAN FREE VARIATION SELECTOR ONE at character 4"),
    ("IMUMI\U000e01ef", "U+E01EF VARIATION SELECTOR-256"),
    ("IMUMI ", "ends with a space"),
    ("\u00a0IMUMI", "begins with a space"),
    ("IMU  MI", "has 2 spaces in a row at character 4"),
    ("IMU \u00a0MI", "has 2 spaces in a row at character 4"),
    ("Z" + "".join(chr(0x300 + i) for i in range(300)), "stacks more than 4 combining marks on "
                                                        "one letter at character 6"),
    ("Bide\u0301\u0301n", "repeats the combining mark U+0301 COMBINING ACUTE ACCENT at "
                         "character 6"),
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
    "\ua4d3\ua4f1\ua4e1 \ua4e2\ua4f2",  # Lisu written in Lisu
    "Asociaci\u00f3n N\u00ba 5 y 1\u00aa Brigada",  # ordinal indicators of Spanish
    "\u2116 5 \u041c\u0435\u043c\u043e\u0440\u0438\u0430\u043b",  # the numero sign
    "\u4e2d\u56fd\uff08\u5317\u4eac\uff09\uff1a\uff11",  # fullwidth punctuation beside Chinese
    "10 km\u00b2 of forest",
    "\u182e\u1823\u1829\u182d\u1823\u182f\u180b",  # Mongolian's own variation selector
    "Ti\u1ebfng Vi\u1ec7t",  # Vietnamese: two marks, precomposed
    "\u0f66\u0f90\u0fb1\u0f7c",  # Tibetan stack: three marks on one letter
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


_MARKERS = st.sampled_from(["- ", "* ", "+ ", "1. ", "> ", ">", "- > ", "\t- ", "[^1]: "])
# (indentation, a pattern of markers, how many markers: the pattern repeated to that count)
# (Mostly unindented: a first line indented by 4 after the blank line is a code block.)
_NESTED_LINE = st.tuples(st.sampled_from([0, 0, 0, 2, 4, 8, 40]),
                         st.lists(_MARKERS, min_size=1, max_size=3),
                         st.sampled_from([1, 5, 19, 20, 21, 300, 5000]))


@settings(max_examples=100, deadline=None)
@given(st.lists(_NESTED_LINE, min_size=1, max_size=4))
def test_every_body_the_check_accepts_renders(lines):
    # "If check passes, the build passes": a body the check accepts never makes the
    # renderer give up (it returns None on a RecursionError, which the build reports).
    # Without the nesting limit, lines of 5,000 markers fail here (Hypothesis gives its
    # tests 2,000 more frames of stack: 500 markers, too many outside it, pass inside).
    body = "x[^1]\n\n" + "\n".join(
        " " * indent + "".join(pattern[i % len(pattern)] for i in range(count)) + "a"
        for indent, pattern, count in lines) + "\n"
    if safety.body_problems(body) == []:
        assert _RENDER(body) is not None


_RENDER = body_renderer()


def test_links_across_lines_are_found_on_their_destination_line():
    # Python-Markdown makes a link of text spanning lines, and of a destination on the
    # line after "](" or "]:"; checking line by line would miss them.
    assert safety.body_problems("Read [our\nletter](javascript:x).")[0][0] == 1
    assert safety.body_problems("[x](\n  data:text/html,x)")[0][0] == 1
    assert safety.body_problems("a\n\n[r]:\n    javascript:x")[0][0] == 3


def test_an_emoji_selector_in_running_text_is_kept_and_one_in_a_word_is_not():
    assert safety.body_problems("Signed \u2714\ufe0f by all.") == []
    assert safety.body_problems("IMU\ufe0fMI") == [
        (0, "body line contains the invisible U+FE0F VARIATION SELECTOR-16 at character 4: it "
            "changes nothing visible but makes a different name; delete it")]


@pytest.mark.parametrize("text, shown", [
    ("letters/a.md", "letters/a.md"),
    ("letters/x\n::error file=README.md::forged.md",
     "letters/x\\n::error file=README.md::forged.md"),
    ("evil\x1b[2J\x1b[31m", "evil\\x1b[2J\\x1b[31m"),
    ("a\rb\tc\x00\x7f\x85", "a\\rb\\tc\\x00\\x7f\\x85"),
    ("re\u202ec \u2066x\u200b", "re\\u202ec \\u2066x\\u200b"),
    ("line\u2028sep\u2029", "line\\u2028sep\\u2029"),
    ("tag\U000e0041", "tag\\U000e0041"),
    ("M\u00e9xico \u65e5\u672c \u00a0", "M\u00e9xico \u65e5\u672c \u00a0"),
])
def test_escape_controls_prints_one_safe_line(text, shown):
    assert escape_controls(text) == shown
    d = Diagnostic(text, 3, "error", f"file name {text} is wrong")
    assert str(d) == f"{shown}:3: error: file name {shown} is wrong"
    assert str(d).isprintable() or "\u00a0" in str(d)


@pytest.mark.parametrize("rel, words", [
    ("letters/2023-05-01-x\n::error::x.md", "contains U+000A (a control character) at "
                                            "character 13; a file name must be "
                                            "YYYY-MM-DD-short-slug.md"),
    ("letters/notes.md", "does not have the form YYYY-MM-DD-short-slug.md"),
    ("signatories/evil\x1b[31m.yml", "contains U+001B (a control character) at character 5; "
                                      "a file name must be <id>.yml"),
    ("recipients/c\u202ere.yml", "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 2"),
    ("signatories/caf\u00e9.yml", "U+00E9 (LATIN SMALL LETTER E WITH ACUTE)"),
    ("signatories/a--b.yml", "does not have the form <id>.yml"),
])
def test_file_name_problem(rel, words):
    assert words in file_name_problem(rel)


@pytest.mark.parametrize("rel", [
    "letters/2023-05-01-a-b.md", "signatories/imumi.yml", "recipients/joseph-biden.yml",
    "signatories/IMUMI.yml",  # case only: the case rules say how to rename it
    "signatories/decisions.csv", "tags.yml", "letters/x/index.md",
])
def test_file_name_accepted(rel):
    assert file_name_problem(rel) is None


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
