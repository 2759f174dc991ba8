#!/usr/bin/env python3
"""How the time to convert a letter body grows with the body, construct by construct.

    python scripts/bench_body.py [--sizes 10,20,40] [--only setext-h1,escapes]

Each construct (a setext heading, a backslash escape, ...) is repeated to fill a body
of each size (in KB), and the body is converted exactly as the build converts it
(`generate.body_renderer`: Python-Markdown with our extensions, then nh3). Printed:
seconds per size, the growth factor per doubling of the last two sizes (about 2 is
linear, about 4 quadratic), and what `undersigned check` says of the largest body
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

from undersigned.generate import body_renderer  # noqa: E402 (after the path fix)
from undersigned.safety import body_problems  # noqa: E402

# name: the unit repeated to fill the body.
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
    "nested-list": "- ",
    "nested-quote": "> ",
}


def body_of(unit: str, size_kb: float) -> str:
    return unit * max(1, int(size_kb * 1000) // len(unit)) + "\n"


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
            start = time.perf_counter()
            html = render(body)  # None: nested too deeply (the build reports it)
            seconds.append(time.perf_counter() - start if html is not None else float("nan"))
        growth = seconds[-1] / seconds[-2] if len(seconds) > 1 and seconds[-2] > 0 else 0
        cells = " ".join(f"{t:8.3f}s" for t in seconds)
        said = verdict(body_of(CONSTRUCTS[name], sizes[-1]))
        print(f"{name:18s} {cells}  x{growth:4.1f}  {said}", flush=True)


if __name__ == "__main__":
    main()
