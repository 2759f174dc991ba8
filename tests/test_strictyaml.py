import pytest

from undersigned import strictyaml
from undersigned.strictyaml import YamlError, load


def test_every_scalar_is_text():
    loaded = load("a: NO\nb: 012345\nc: 12:30\nd: 1.10\non: x\n")
    assert loaded.value == {"a": "NO", "b": "012345", "c": "12:30", "d": "1.10", "on": "x"}


def test_lines_point_at_keys():
    loaded = load("a: 1\nb:\n  - x\n  - y\n")
    assert loaded.line("b", 1) == 4
    assert loaded.line("a") == 1


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("a: &x 1\nb: *x\n", 1, "anchors"),
        ("a: !!int 3\n", 1, "tag"),
        ("a: 1\n<<: {b: 2}\n", 2, "merge keys"),
        ("[" * 60000, 1, "nesting deeper"),
        ("a: [1\n", 2, "invalid YAML"),
        # Line breaks for YAML and str.splitlines(), not for git: refused where they are.
        ("a: 1\nb: x\u2028y\nc: 3\n", 2, "the character U+2028 LINE SEPARATOR is not "
                                         "allowed: YAML reads it as a line break where git "
                                         "and editors see none"),
        ("a: 1\nb: 2\n# note\x85\n", 3, "U+0085 NEXT LINE (NEL)"),
        ("a: \"x\u2029\"\nb: \u2028\n", 1, "U+2029 PARAGRAPH SEPARATOR"),
        ("a: 1\r\nb: 2\rc: 3\n", 2, "U+000D CARRIAGE RETURN"),  # a lone CR, not CRLF
    ],
)
def test_refuses(text, line, words):
    with pytest.raises(YamlError) as exc:
        load(text)
    assert exc.value.line == line
    assert words in exc.value.message


def test_the_line_of_a_value_is_git_s_line():
    # Both parsers would count U+2028 as a line: every later line number would drift.
    text = "a: 1\nb: x\u2028y\nc: 3\n"
    with pytest.raises(YamlError) as exc:
        load(text)
    assert exc.value.line == text[: text.index("\u2028")].count("\n") + 1
    assert load("a: 1\nb: xy\nc: 3\n").line("c") == 3


def test_an_escaped_line_separator_is_text_for_the_safety_rules():
    # Written as an escape it breaks no line of the file; names refuse it as a character.
    assert load('a: "x\\Ly"\n').value == {"a": "x\u2028y"}


def test_fast_path_reads_the_real_archive_exactly_as_the_python_path():
    # libyaml's events build the values at scale; the pure-Python path is the reference.
    from pathlib import Path

    root = Path(__file__).parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("signatories/*.yml"))]
    texts += [p.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n")
              for p in sorted(root.glob("letters/*.md"))]
    assert len(texts) > 300
    for text in texts:
        fast = strictyaml.load(text)
        slow = strictyaml._load_python(text)
        assert (fast.value, fast.lines) == (slow.value, slow.lines)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!int 1\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "? [a]\n: b\n",
    "a: 1\n---\nb: 2\n", "[" * 30 + "]" * 30 + "\n",
])
def test_fast_path_refusals_are_worded_by_the_python_path(text):
    with pytest.raises(strictyaml.YamlError) as fast:
        strictyaml.load(text)
    with pytest.raises(strictyaml.YamlError) as slow:
        strictyaml._load_python(text)
    assert (fast.value.line, fast.value.message) == (slow.value.line, slow.value.message)
