"""The report's Markdown (report.md, report.render), rendered by GitHub's own renderer
(cmark-gfm) with raw HTML allowed: whatever a contributor writes stays text in its cell.
The report of a real change is tested in test_cli_report.py."""

from __future__ import annotations

import html
import re

import cmarkgfm
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned.models import Diagnostic, escape_controls
from undersigned.report import (
    CUT_NOTE,
    MAX_CELL,
    SUMMARY_BUDGET,
    Markdown,
    Report,
    md,
    render,
    row,
)

# What means something to GitHub's Markdown, HTML, or a terminal.
NASTY = ["|", "\\|", "`", "```", "<script>", "</td>", "<!--", "-->", "<details>", "&amp;",
         "&#124;", "[x](javascript:alert(1))", "![i](https://t.example/p.gif)", "@octocat",
         "#12", ":smile:", "$x$", "~~s~~", "**b**", "_i_", "\n", "\r\n", "\n\n| a | b |\n",
         "\x1b[2J", "\x00", "\u202e", "\u2028", "\t", "www.example.org", "https://e.org",
         "<https://e.org>", "\\", "[^1]", "{: #x }", "<img src=x onerror=alert(1)>", '"', "'",
         # Left unescaped: they must stay as inert as the rest.
         "-", "---", "- [ ] ", "1. ", "= ", "a,b", "http://x.org/a?b=c;d%20", "mailto:a@b.org",
         "www.x.org/a-b", "x@y.org", "%0A", "&#x3C;", "/"]

texts = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=12).map(
    "".join)


def rendered_cells(markdown_row: str) -> list[str]:
    """The text of each cell of a one-row table, as GitHub would show it."""
    page = cmarkgfm.github_flavored_markdown_to_html(
        "| a | b |\n| --- | --- |\n" + markdown_row + "\n", options=Options.CMARK_OPT_UNSAFE)
    # GitHub links an e-mail address whatever escapes it (its autolink extension reads
    # the text after escapes and entities are resolved): the one kind of link text can
    # make, to `mailto:`, `xmpp:` or a relative address, harmless; the text reads as
    # printed.
    for href, text in re.findall(r'<a href="([^"<>]*)">([^<]*)</a>', page):
        scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href)
        assert "@" in text and href in (text, "mailto:" + text), page
        assert not scheme or scheme[0].lower().endswith(("mailto:", "xmpp:")), page
    page = re.sub(r'<a href="[^"<>]*">([^<]*)</a>', r"\1", page)
    tags = set(re.findall(r"</?([a-zA-Z][\w-]*)", page))
    assert tags <= {"table", "thead", "tbody", "tr", "th", "td"}, page
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    assert len(rows) == 2, page
    return [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", rows[1], flags=re.S)]


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_contributed_text_stays_one_cell_of_plain_text(left, right):
    cells = rendered_cells(f"| {md(left)} | {md(right)} |")
    expected = []
    for text in (left, right):
        one_line = " ".join(text.split())
        if len(one_line) > MAX_CELL:
            one_line = one_line[:MAX_CELL] + "…"
        expected.append(escape_controls(one_line))
    assert cells == expected
    assert all(c.isprintable() for c in cells)


def test_examples_read_as_written():
    assert rendered_cells(f"| {md('A | B')} | {md('<script>x</script>')} |") == [
        "A | B", "<script>x</script>"]
    two, esc = md("two\nlines"), md("esc \x1b[31m red")
    assert rendered_cells(f"| {two} | {esc} |") == ["two lines", "esc \\x1b[31m red"]
    assert md("x" * 400).endswith("x…") and len(md("x" * 400)) == MAX_CELL + 1
    # A row escapes every cell but the module's own Markdown.
    assert row("a|b", 7, Markdown("**x**")) == "| a\\|b | 7 | **x** |"


def test_a_report_too_large_for_github_is_cut_between_rows():
    # 3,000 problems whose messages escape to four times their length: 13 MB of rows.
    problems = tuple(Diagnostic(f"letters/2024-01-01-letter-{i}.md", i + 1, "error", "&<" * 600)
                     for i in range(3000))
    report = Report(base="main", head="the working tree", letters=(), links=(), pending=(),
                    records=(), decisions=(), tags_added=(), problems=problems,
                    old_problems=0)
    text = render(report, max_rows=3000)
    assert SUMMARY_BUDGET - 10_000 < len(text.encode()) <= SUMMARY_BUDGET
    assert text.endswith(CUT_NOTE + "\n")
    rows = [line for line in text.splitlines() if line.startswith("| letters/")]
    assert 100 < len(rows) < 3000 and all(row.endswith(" |") for row in rows)
    everything = render(report, max_rows=0, max_bytes=0)
    assert sum(line.startswith("| letters/") for line in everything.splitlines()) == 3000
    assert CUT_NOTE not in everything
    # At most 200 rows a table by default, the rest counted.
    capped = render(report)
    assert sum(line.startswith("| letters/") for line in capped.splitlines()) == 200
    assert "…and 2800 more." in capped
