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
    ],
)
def test_refuses(text, line, words):
    with pytest.raises(YamlError) as exc:
        load(text)
    assert exc.value.line == line
    assert words in exc.value.message


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
