"""Letter body conversion (body.py): the sped-up inline stage gives stock Python-Markdown's
HTML, and a body the renderer cannot convert is named, not a traceback."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned import body as body_module
from undersigned.body import BODY_TOO_DEEP, BodyFailed, body_renderer, letter_body_html
from undersigned.load import load_archive

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "archive"


def test_a_body_converts_to_sanitised_html():
    render = body_renderer()
    html = render("We ask *you*.\n\n<script>alert(1)</script>[x](javascript:alert(2))")
    assert html is not None and "<em>you</em>" in html
    assert "<script" not in html and "javascript:" not in html


def test_a_body_too_deeply_nested_is_named_by_its_letter():
    letter = load_archive(FIXTURE).letters[0]
    assert body_renderer()("- " * 1000 + "a\n") is None
    try:
        letter_body_html(letter, None)
    except BodyFailed as failed:
        assert [(d.path, d.line, d.message) for d in failed.diagnostics] == [
            (letter.path, letter.body_line, BODY_TOO_DEEP)]
    else:
        raise AssertionError("no BodyFailed for a body the renderer gave up on")
    assert letter_body_html(letter, "<p>a</p>") == "<p>a</p>"


# A text for each inline pattern, beside texts that only nearly trigger one.
INLINE_CASES = [
    "`code` and \\`not code\\` and \\*escaped\\*",
    "[link](https://example.org) and [ref][r]\n\n[r]: https://e.org",
    "![image](x.png) ![ref][r] [short] ![short]",
    "<https://example.org> <someone@example.org> <b>raw</b>",
    "two spaces  \nbreak", "&amp; &#233; &copy; & alone", "*em* **strong** a * b",
    "_em_ __strong__ snake_case",
    "note[^1] and [^missing]\n\n[^1]: The note, *emphasised*.",
    "- item with `code`\n    - nested *em*",
    "| a | b |\n|:--|--:|\n| *x* | [y](z) |", "plain text, nothing to find: 100% (¿sí?) — “quoted”",
]


def test_letter_bodies_render_as_stock_python_markdown_does():
    """The inline stage that skips patterns lacking their trigger gives the stock
    stage's HTML, on the seed letters and on a text for each pattern."""
    bodies = [letter.body for letter in load_archive(ROOT).letters]
    bodies += [letter.body for letter in load_archive(FIXTURE).letters] + INLINE_CASES
    md = body_module.markdown.Markdown(extensions=["footnotes", "tables"])
    assert type(md.treeprocessors["inline"]) is body_module.InlineProcessor
    body_module._faster_inline(md)
    assert type(md.treeprocessors["inline"]) is body_module._TriggeredInline, (
        "Python-Markdown's inline patterns changed: update body._INLINE_TRIGGERS")
    stock = body_module.markdown.Markdown(extensions=["footnotes", "tables"])
    for body in bodies:
        md.reset(), stock.reset()
        assert md.convert(body) == stock.convert(body)
    # Another set of patterns (here one more, for ~~deleted~~) keeps the stock stage.
    other = body_module.markdown.Markdown(extensions=["footnotes", "tables"])
    other.inlinePatterns.register(body_module.markdown.inlinepatterns.SimpleTagInlineProcessor(
        r"(~~)(.+?)~~", "del"), "del", 65)
    body_module._faster_inline(other)
    assert type(other.treeprocessors["inline"]) is body_module.InlineProcessor


# Texts made of the characters that start or end an inline pattern, and a few others.
MARKDOWN_BITS = st.text(alphabet="`\\[]()<>&*_!#:;^|- \n\taé1@./\"'", max_size=120)


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKDOWN_BITS | st.sampled_from(INLINE_CASES), min_size=1, max_size=4))
def test_any_text_renders_as_stock_python_markdown_does(parts):
    md = body_module.markdown.Markdown(extensions=["footnotes", "tables"])
    body_module._faster_inline(md)
    body_module._faster_blocks(md)
    stock = body_module.markdown.Markdown(extensions=["footnotes", "tables"])
    text = "".join(parts)
    assert md.convert(text) == stock.convert(text)


# Blocks in the shapes letters take: with a heading, a rule, a quote, a link reference or a
# footnote definition, and blocks that only nearly are one (a hyphen, a "#" in a line).
BLOCK_CASES = [
    "# Open letter\n\nTo the Minister,\n\n## Our demands\n\nWe ask for #3 and # not a heading.",
    "Heading\n=======\n\nSub\n---\n\nA well-known, long-term ask.\n\n---\n\n* * *\n\n___",
    "> We quote the law:\n> it says so.\n\nNo quote here: 3 > 2.\n\n   > indented quote",
    "See [the report][r] and [this].\n\n[r]: https://example.org/r \"Title\"\n[this]: <https://e.org>",
    "[Not a reference] : x\n\n[x]:no-space-needed",
    "A claim.[^1] Another.[^note]\n\n[^1]: First note.\n[^note]: Second,\n    continued.\n\n"
    "Text after.", "A [^ bracket caret ]: mid-line, and [^x] with no definition.",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\nNot | a table.",
    "1. first\n2. second - with a hyphen\n\n- item > with a sign\n- # not a heading",
]


def test_blocks_render_as_stock_python_markdown_does():
    """The block processors that skip their search on a block without its trigger give
    the stock parser's HTML, on the seed letters and on blocks of every kind; another
    pattern of a processor keeps its search on every block."""
    bodies = [letter.body for letter in load_archive(ROOT).letters] + BLOCK_CASES
    md = body_module.markdown.Markdown(extensions=["footnotes", "tables"])
    body_module._faster_blocks(md)
    processors = md.parser.blockprocessors
    for name, (_, _, method, _) in body_module._BLOCK_TRIGGERS.items():
        assert method in vars(processors[name]), (
            f"Python-Markdown's {name} processor changed: update body._BLOCK_TRIGGERS")
    stock = body_module.markdown.Markdown(extensions=["footnotes", "tables"])
    for body in bodies:
        md.reset(), stock.reset()
        assert md.convert(body) == stock.convert(body)
    other = body_module.markdown.Markdown(extensions=["footnotes", "tables"])
    other.parser.blockprocessors["quote"].RE = re.compile(r"(^|\n)[ ]{0,3}%[ ]?(.*)")
    body_module._faster_blocks(other)
    assert "test" not in vars(other.parser.blockprocessors["quote"])
    assert "test" in vars(other.parser.blockprocessors["hashheader"])
