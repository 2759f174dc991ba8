#!/usr/bin/env python3
"""How the time to convert a letter body grows with the body, construct by construct.

    python scripts/bench_body.py [--sizes 10,20,40] [--only setext-h1,escapes]
    python scripts/bench_body.py --sizes 120,240,480 --only prose,max-breaks,max-inline

Each construct (a setext heading, a backslash escape, ...) is repeated to fill a body
of each size (in KB), and the body is converted exactly as the build converts it
(`body.body_renderer`: Python-Markdown with our extensions, then nh3). Printed:
CPU seconds per size (the conversion is single-threaded; CPU time, unlike the wall
clock, does not move with the other work of a shared machine), the growth factor per
doubling of the last two sizes (about 2 is linear, about 4 quadratic; `nan` when the
renderer gave up, nested too deeply), and what `undersigned check` says of the largest body
(`ok`, or the first words of its error). A construct that grows quadratically must
be refused by the check before it is large enough to stall a build.

A benchmark, not a test: it prints figures and asserts nothing (timings belong here,
never in tests/).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from undersigned.body import body_renderer  # noqa: E402 (after the path fix)
from undersigned.safety import (  # noqa: E402
    MAX_BLOCKS,
    MAX_BREAKS_PER_BLOCK,
    MAX_INLINE_PER_PARAGRAPH,
    MAX_NESTING,
    body_problems,
)

# name: the unit repeated to fill the body, or a function of the size in characters.
CONSTRUCTS = {
    "prose": "We ask the governments to act now. ",
    "paragraphs": "We ask.\n\n",
    "setext-h1": "a\n=\n",
    "setext-h2": "a\n-\n",
    "atx-headings": "# a\n",
    "rules": "***\n",
    "rules-in-text": "a\n___\n",
    "escapes": "\\*",
    "entities": "&amp;",
    "emphasis": "*a* ",
    "code-spans": "`a` ",
    "autolinks": "<https://a.example> ",
    "hard-breaks": "a  \n",
    "list-items": "- a\n",
    "quote-interleaved": "a\n> b\n",
    "table-rows": "|a|b|\n",
    "nested-list": lambda n: "- " * (n // 2) + "a",
    "nested-quote": lambda n: "> " * (n // 2) + "a",
    # The worst the check accepts, to show its limits keep the time linear: the most
    # headings per block, inline marks per paragraph, blocks, nesting it allows.
    "max-breaks": lambda n: _blocks("# a\n" * MAX_BREAKS_PER_BLOCK + "a\n" * 980, n),
    "max-inline": lambda n: "\\*" * MAX_INLINE_PER_PARAGRAPH + " word" * (n // 5),
    "max-inline-each": lambda n: _blocks("\\*" * MAX_INLINE_PER_PARAGRAPH, n),
    "max-blocks": lambda n: _blocks("word " * max(1, n // MAX_BLOCKS // 5), n, MAX_BLOCKS),
    "max-list-items": lambda n: "".join(f"- {'word ' * max(1, n // MAX_BLOCKS // 5)}\n"
                                        for _ in range(MAX_BLOCKS)),
    "max-nesting": lambda n: _blocks("".join("    " * i + "- a\n" for i in range(MAX_NESTING))
                                     + "a" * (n // (MAX_BLOCKS // MAX_NESTING)), n,
                                     MAX_BLOCKS // MAX_NESTING),
}


def _blocks(block: str, n: int, most: int = MAX_BLOCKS) -> str:
    """`block` repeated to about `n` characters, blank lines between, at most `most` times."""
    return (block.rstrip("\n") + "\n\n") * max(1, min(most, n // (len(block) + 1)))


def body_of(construct, size_kb: float) -> str:
    n = int(size_kb * 1000)
    if callable(construct):
        return construct(n)
    return construct * max(1, n // len(construct)) + "\n"


def verdict(body: str) -> str:
    problems = body_problems(body)
    return "ok" if not problems else "refused: " + problems[0][1][:70]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,20,40", help="body sizes in KB, comma-separated")
    parser.add_argument("--only", default="", help="constructs to run, comma-separated")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    names = args.only.split(",") if args.only else list(CONSTRUCTS)
    render = body_renderer()
    head = " ".join(f"{s:>7g}KB" for s in sizes)
    print(f"{'construct':18s} {head}  growth  check of the largest")
    for name in names:
        seconds = []
        for size in sizes:
            body = body_of(CONSTRUCTS[name], size)
            start = time.process_time()
            html = render(body)  # None: nested too deeply (the build reports it)
            seconds.append(time.process_time() - start if html is not None else float("nan"))
        growth = (f"x{seconds[-1] / seconds[-2]:4.1f}" if len(seconds) > 1 and seconds[-2] > 0
                  else "   -")  # (nan > 0 is false: the renderer gave up)
        cells = " ".join(f"{t:8.3f}s" for t in seconds)
        said = verdict(body_of(CONSTRUCTS[name], sizes[-1]))
        print(f"{name:18s} {cells}  {growth}  {said}", flush=True)


if __name__ == "__main__":
    main()
