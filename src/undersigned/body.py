"""Letter body conversion: a letter's Markdown as sanitised HTML.

Python-Markdown with footnotes and tables (and our `[text](#)` fix), then nh3 through
`sanitize.clean_html`: the only HTML of a page that comes from a contributor, so it is
made here, in one place, and the page templates print it as it is (generate.py marks
it safe where it meets them). Most of the generate stage's time is spent here, which
is why the inline stage is sped up (`_faster_inline`) and why `render_bodies` is a
module-level function that worker processes run on their share of the letters.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from .models import Diagnostic, Letter
from .sanitize import clean_html


class _LostLinks(Treeprocessor):
    """A link whose target was lost in conversion (`[text](#)`) becomes its text."""

    def run(self, root: ET.Element) -> None:
        for el in root.iter("a"):
            if el.get("href", "") == "#":
                el.tag = "span"  # the sanitiser drops the span and keeps the text
                el.attrib.clear()


# Python-Markdown's inline patterns, each with what any match of it contains. The
# inline stage (most of the time of a letter) tries every pattern on every text, and
# each pattern's regular expression from Python; a text without its trigger cannot match.
_INLINE_TRIGGERS = {
    "backtick": ("`", "\\"), "escape": ("\\",), "reference": ("[",), "link": ("[",),
    "image_link": ("[",), "image_reference": ("[",), "short_reference": ("[",),
    "short_image_ref": ("[",), "autolink": ("<",), "automail": ("<",),
    "linebreak": ("  \n",), "html": ("<",), "entity": ("&",), "em_strong": ("*", "_"),
    "footnote": ("[",),
}
_APPLY = "_InlineProcessor__applyPattern"  # the private method that tries one pattern
_HANDLE = "_InlineProcessor__handleInline"  # the private method that tries them all


class _TriggeredInline(InlineProcessor):
    """Python-Markdown's inline stage, skipping a pattern on a text that lacks its
    trigger: the same HTML (a pattern finds nothing there anyway), 35% less time per
    letter. Used only where the patterns are the ones known above.

    The loop over the patterns (`__handleInline`) is Python-Markdown 3.x's own, over the
    patterns in their order taken once (the stock loop looks each up in the registry, a
    million lookups at 1,000 letters) and with the trigger tested before the call."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.triggers = {id(md.inlinePatterns[name]): ts for name, ts in _INLINE_TRIGGERS.items()}
        self.ordered = [(p, self.triggers[id(p)]) for p in md.inlinePatterns]
        self.apply = getattr(super(), _APPLY)

    def _InlineProcessor__applyPattern(self, pattern, data, index, start=0):  # noqa: N802
        for trigger in self.triggers[id(pattern)]:
            if data.find(trigger, start) >= 0:
                return self.apply(pattern, data, index, start)
        return data, False, 0  # what the pattern returns when it finds nothing

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        if isinstance(data, markdown.util.AtomicString):
            return data
        start, ordered, apply = 0, self.ordered, self.apply
        count = len(ordered)
        while patternIndex < count:
            pattern, triggers = ordered[patternIndex]
            for trigger in triggers:
                if data.find(trigger, start) >= 0:
                    data, matched, start = apply(pattern, data, patternIndex, start)
                    break
            else:
                matched, start = False, 0  # what the pattern returns when it finds nothing
            if not matched:
                patternIndex += 1
        return data


class _LostLinksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_LostLinks(md), "lost_links", 1)


def _faster_inline(md: markdown.Markdown) -> None:
    """Put `_TriggeredInline` in the place of the stock inline stage, if it is sure to
    give the same HTML: this Python-Markdown has the method it overrides and exactly the
    patterns whose triggers are known (else the stock stage stays, only slower)."""
    if (set(md.inlinePatterns._data) == _INLINE_TRIGGERS.keys()
            and hasattr(InlineProcessor, _APPLY) and hasattr(InlineProcessor, _HANDLE)
            and type(md.treeprocessors["inline"]) is InlineProcessor):
        md.treeprocessors.register(_TriggeredInline(md), "inline", 20)


# Python-Markdown's block processors that search each block for a pattern which cannot
# match a block without one of its triggers: (the processor's class, its pattern, the
# method that searches, the triggers). A test that would search is answered "no" (a run:
# "not mine", the block left in place, as the run itself does) without the search.
_BLOCK_TRIGGERS = {
    "hashheader": ("HashHeaderProcessor",
                   r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)",
                   "test", ("#",)),
    "hr": ("HRProcessor", r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|"
                          r"(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$", "test", ("-", "_", "*")),
    "quote": ("BlockQuoteProcessor", r"(^|\n)[ ]{0,3}>[ ]?(.*)", "test", (">",)),
    "reference": ("ReferenceProcessor", r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)"
                  r"""[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""", "run", ("]:",)),
    "footnote": ("FootnoteBlockProcessor", r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$", "run",
                 ("[^",)),
}


def _guarded(method, triggers: tuple[str, ...], on_run: bool):
    if on_run:
        def run(parent, blocks):
            block = blocks[0]
            return any(t in block for t in triggers) and method(parent, blocks)
        return run

    def test(parent, block):
        return any(t in block for t in triggers) and method(parent, block)
    return test


def _faster_blocks(md: markdown.Markdown) -> None:
    """Skip the search of a block processor named in `_BLOCK_TRIGGERS` on a block without
    its trigger: the same HTML. Only where the processor is the known one, with the known
    pattern (a pattern of another Python-Markdown stays searched on every block)."""
    processors = md.parser.blockprocessors
    for name, (cls, pattern, method, triggers) in _BLOCK_TRIGGERS.items():
        if name not in processors:
            continue
        proc = processors[name]
        # HRProcessor keeps its pattern as text (RE) and compiled (SEARCH_RE).
        searches = [getattr(proc, "RE", None), getattr(proc, "SEARCH_RE", None)]
        if type(proc).__name__ != cls or any(getattr(r, "pattern", r) != pattern
                                              for r in searches if r is not None):
            continue
        setattr(proc, method, _guarded(getattr(proc, method), triggers, method == "run"))


class BodyFailed(Exception):
    """Letter bodies the Markdown renderer could not convert, each a Diagnostic (path:line).
    A last defence: the check refuses such bodies first (safety.MAX_NESTING); this keeps
    a body it missed from ending the build or `serve` with a RecursionError."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("; ".join(map(str, diagnostics)))


BODY_TOO_DEEP = ("the Markdown renderer ran out of stack converting this body (RecursionError): "
                 "lists or quotes are nested too deeply; flatten them")


def letter_body_html(letter: Letter, html: str | None) -> str:
    """`html`, a letter's converted body; BodyFailed naming the letter when it is None (the
    renderer failed on it)."""
    if html is None:
        raise BodyFailed([Diagnostic(letter.path, letter.body_line, "error", BODY_TOO_DEEP)])
    return html


def body_renderer():
    """Render a letter body: Markdown with footnotes and tables, then sanitised; None for a
    body Python-Markdown's recursive parser cannot convert (nested too deeply)."""
    md = markdown.Markdown(
        extensions=["footnotes", "tables", _LostLinksExtension()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    _faster_inline(md)
    _faster_blocks(md)

    def render(text: str) -> str | None:
        md.reset()
        try:
            return clean_html(md.convert(text))
        except RecursionError:
            md.reset()
            return None

    return render


def render_bodies(bodies: Sequence[str]) -> list[str | None]:
    """Each letter body as sanitised HTML, in order (`body_renderer` over a list; a
    module-level function, so that worker processes can run it on their share)."""
    render = body_renderer()
    return [render(b) for b in bodies]
