import pytest

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
