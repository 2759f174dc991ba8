"""Property tests: whatever a stranger's pull request contains, loading and checking it
yields diagnostics or a pass, never an exception.

Random bytes, random YAML (dumped by PyYAML in every style, with YAML's dangerous
tokens spliced in) and random front-matter documents go through `parse_letter`,
`parse_signatory`, `parse_recipient`, `parse_tags`, and a whole `load_archive` +
`check` of a repository holding them.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from undersigned import safety
from undersigned.load import (
    load_archive,
    parse_letter,
    parse_recipient,
    parse_signatory,
    parse_tags,
)
from undersigned.models import Diagnostic
from undersigned.validate import check

VALID = Path(__file__).parent / "fixtures" / "check" / "valid"
SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Tokens that mean something to YAML, Markdown or HTML, spliced into generated text.
NASTY = ["&a ", "*a", "!!python/object:os.system", "!tag ", "<<: ", "? ", "- ", ": ", "{", "}",
         "[", "]", "|", ">", "'", '"', "#", "%YAML 1.1\n", "---\n", "...\n", "\t", "\x00",
         "\ufeff", "\u200b", "\u202e", "e\u0301", "\r\n", "NO", "on", "12:30", "012345",
         "1.10", "~", "null", ".inf", "<script>", "--8<--", "{: onclick=x }", "[x](javascript:1)",
         "![i](data:x)", "<!--", "\\", "\n  ", "\n", "\udcff"]

text = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(NASTY)
scalars = st.one_of(text, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
                    st.dates())
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.one_of(text, st.sampled_from(["title", "date", "id", "name", "on",
                                                         "signatories", "entries", "printed",
                                                         "members", "tags", "kind"])),
                      inner, max_size=5),
    max_leaves=20,
)


@st.composite
def yaml_texts(draw) -> str:
    value = draw(documents)
    flow = draw(st.sampled_from([None, True, False]))
    try:
        dumped = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=draw(st.booleans()))
    except yaml.YAMLError:
        dumped = ""
    # Splice a few hostile tokens at random places.
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(dumped)))
        dumped = dumped[:at] + draw(st.sampled_from(NASTY)) + dumped[at:]
    return dumped


@st.composite
def letter_texts(draw) -> str:
    front = draw(yaml_texts())
    body = draw(st.lists(text, max_size=6))
    closing = draw(st.sampled_from(["---\n", "---", "--- \n", "", "----\n"]))
    return f"---\n{front}{closing}" + "\n".join(body)


def assert_diagnostics(found) -> None:
    assert isinstance(found, list)
    for d in found:
        assert isinstance(d, Diagnostic)
        assert d.level in ("error", "warning") and d.line >= 1 and d.message
        assert "\n" not in str(d).rstrip("\n") or "\n" in d.message


def _safe(text: str) -> str:
    # A text file is UTF-8: lone surrogates cannot be written, bytes tests cover them.
    return text.encode("utf-8", "replace").decode("utf-8")


@SETTINGS
@given(st.one_of(letter_texts(), yaml_texts(), text))
def test_parsers_never_raise(doc):
    doc = _safe(doc)
    for parse, rel in ((parse_letter, "letters/2022-07-11-x.md"),
                       (parse_signatory, "signatories/x.yml"),
                       (parse_recipient, "recipients/x.yml"),
                       (parse_tags, "tags.yml")):
        record, found = parse(doc, rel)
        assert_diagnostics(found)
        if record is None and parse is not parse_tags:
            assert any(d.level == "error" for d in found)


def _check_repo(files: dict[str, bytes]) -> list[Diagnostic]:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(VALID, repo)
        for rel, data in files.items():
            (repo / rel).write_bytes(data)
        archive = load_archive(repo)
        found = check(archive)
        assert_diagnostics(found)
        assert_diagnostics(safety.check_archive(archive, repo))
        return found


@SETTINGS
@given(st.binary(max_size=2000), st.binary(max_size=500), st.binary(max_size=300))
def test_random_bytes_never_raise(letter, signatory, decisions):
    found = _check_repo({"letters/2022-07-11-random.md": letter,
                         "signatories/random.yml": signatory,
                         "signatories/decisions.csv": decisions})
    assert any(d.path == "letters/2022-07-11-random.md" for d in found)


@SETTINGS
@given(letter_texts(), yaml_texts(), yaml_texts(), st.one_of(st.none(), yaml_texts()))
def test_random_documents_in_a_repository_never_raise(letter, signatory, recipient, tags):
    files = {"letters/2022-07-11-random.md": _safe(letter).encode(),
             "signatories/random.yml": _safe(signatory).encode(),
             "recipients/random.yml": _safe(recipient).encode()}
    if tags is not None:
        files["tags.yml"] = _safe(tags).encode()
    found = _check_repo(files)
    # The random letter can never be valid (it signs nobody the registry knows
    # under a printed name it lists), so it is always reported.
    assert any(d.path == "letters/2022-07-11-random.md" and d.level == "error" for d in found)


@SETTINGS
@given(st.text(max_size=200))
def test_body_and_text_rules_never_raise(value):
    value = _safe(value)
    assert isinstance(safety.text_problems(value), list)
    for n, message in safety.body_problems(value):
        assert 0 <= n <= value.count("\n") and message


@SETTINGS
@given(st.one_of(yaml_texts(), letter_texts(), text))
def test_libyaml_fast_path_agrees_with_the_python_loader(doc):
    # strictyaml takes libyaml's event parser for speed and falls back to the pure
    # Python reader on any refusal. Whatever the Python loader accepts must come out
    # of the fast path with the same values and lines, and every refusal must carry
    # the Python loader's message. (libyaml accepts a few flow-context plain scalars
    # that the Python parser refuses, such as "[0? ]": those read as text either way.)
    from undersigned import strictyaml

    doc = _safe(doc)

    def outcome():
        try:
            loaded = strictyaml.load(doc)
        except strictyaml.YamlError as exc:
            return ("refused", exc.line, exc.message)
        return ("read", loaded.value, loaded.lines)

    fast_path = strictyaml.CParser
    strictyaml.CParser = None  # load() exactly as on a machine without libyaml
    try:
        expected = outcome()
    finally:
        strictyaml.CParser = fast_path
    got = outcome()
    if expected[0] == "refused" and got[0] == "read":
        return  # the known flow-scalar leniency of libyaml: text either way
    assert got == expected


# -- valid archives with arbitrary text: what passes the check renders safely -----

NASTY_TEXT = [
    "[click](https://evil.example)", "![x](https://evil.example/p.gif)",
    "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;img src=x onerror=1&#62;", "*a* **b** `c`",
    "{: onclick=x }", "--8<-- 'mkdocs.yml'", "a\n\nb", "\n    indented", "'single' & amp",
    "=1+1", "\n# heading", "[^1]", "javascript:alert(1)", "\u202e", "</title><script>",
    "{{ config }}", "{% include 'x' %}", "|a|b|\n|-|-|", "<!-- c -->", "\\", "_x_", "~~s~~",
    "\n> quote", "\n1. item", "\n---\n", "https://evil.example/x", "<https://evil.example>",
]
# Mostly text the check accepts (Latin letters, punctuation), with Markdown, template
# and HTML fragments spliced in, so a good share of examples reach the renderer.
benign = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x24F,
                               exclude_categories=("Cc", "Cs", "Cf")), min_size=1, max_size=30)
free_text = st.lists(st.one_of(benign, st.sampled_from(NASTY_TEXT)), min_size=1,
                     max_size=4).map("".join)


def _quoted(value: str) -> str:
    # A JSON string is a YAML double-quoted scalar (the reader refuses what YAML
    # cannot hold, and the check reports it: that is a valid outcome too).
    import json
    return json.dumps(value, ensure_ascii=False)


@SETTINGS
@given(title=free_text, summary=free_text, printed=free_text, name=free_text, body=free_text,
       note=free_text)
def test_whatever_passes_the_check_renders_without_markup(title, summary, printed, name, body,
                                                          note):
    import markdown

    from undersigned.catalogue import catalogue
    from undersigned.generate import generate
    from undersigned.sanitize import clean_html  # noqa: F401 (the generator's net)

    letter_rel = "letters/2022-07-11-bilateral-meeting.md"
    letter = (VALID / letter_rel).read_text(encoding="utf-8")
    letter = letter.replace(
        "title: Organizations ask two presidents to center migration on rights",
        f"title: {_quoted(title)}").replace(
        "summary: A small fixture letter with a network, a shared line and a cc.",
        f"summary: {_quoted(summary)}").replace(
        "      - printed: Instituto para las Mujeres en la Migración (IMUMI)",
        f"      - printed: {_quoted(printed)}")
    letter += "\n" + body + "\n"
    imumi = (VALID / "signatories/imumi.yml").read_text(encoding="utf-8")
    imumi = imumi.replace("name: Instituto para las Mujeres en la Migración",
                          f"name: {_quoted(name)}\nnote: {_quoted(note)}")
    imumi += f"  - {_quoted(printed)}\n  - Instituto para las Mujeres en la Migración\n"
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(VALID, repo)
        (repo / letter_rel).write_text(_safe(letter), encoding="utf-8")
        (repo / "signatories/imumi.yml").write_text(_safe(imumi), encoding="utf-8")
        archive = load_archive(repo)
        found = check(archive)
    assert_diagnostics(found)
    if any(d.level == "error" for d in found):
        event("refused by the check")
        return
    event("passed the check and rendered")
    pages = generate(catalogue(archive))
    for src, content in pages.items():
        if not src.endswith(".md"):
            continue
        # What MkDocs does with a generated page: front matter off, Markdown on.
        text = content.split("\n---\n", 1)[1] if content.startswith("---\n") else content
        html = markdown.markdown(text, extensions=["footnotes", "tables", "toc"])
        lowered = html.lower()
        for bad in ("<script", "<img", "<iframe", "<object", "<embed", "<style",
                    "<base", "<meta"):
            assert bad not in lowered, (src, bad)
        # The only SVG is the pictures' own (pictures.py), never one from contributed text.
        assert lowered.count("<svg") == lowered.count('<svg class="us-pic'), src
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", lowered), src
        assert not re.search(r"(href|src)=\"\s*(javascript|data|vbscript):", lowered), src
        # Links the body makes are allowed (http, https, mailto); links hidden in a
        # name, title, summary or note are not: those are text.
        for field in (title, summary, printed, name, note):
            if "evil.example" in field and "evil.example" not in body:
                assert 'href="https://evil.example' not in lowered, (src, field)
        head = content.split("\n---\n", 1)[0]
        assert "<" not in head and ">" not in head, src  # front matter reaches <head>
