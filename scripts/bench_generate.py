#!/usr/bin/env python3
"""The generate stage alone: how long it takes to write the pages of an archive.

    python scripts/bench_generate.py ROOT [--repeat 3] [--out DIR]

Loads, checks and catalogues ROOT once, then runs `generate.generate` (the pages, the
way the site build asks for them: no downloads) `--repeat` times and prints, per run,
the wall time, the CPU time of this process and the CPU time with its worker processes
(letter bodies and signatory pages are made in workers, the other pages here). The CPU
time with the workers is the figure to compare between two versions of the code on a
shared machine.

`--out DIR` also writes every generated file (pages and downloads, as
`generate(data=True)` gives them) into DIR, so that two versions of the code can be
compared with `diff -r`.

A benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from undersigned.generate import generate  # noqa: E402 (after the path fix)
from undersigned.sitebuild import prepare  # noqa: E402


def write_tree(files: dict[str, str | bytes], out: Path) -> None:
    for rel, content in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", type=Path, help="the archive (a directory with letters/)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the stage (default 3)")
    ap.add_argument("--out", type=Path, help="write every generated file into this directory")
    args = ap.parse_args()
    cat = prepare(args.root)
    walls, cpus, totals = [], [], []
    for _ in range(args.repeat):
        wall, cpu, before = time.perf_counter(), time.process_time(), os.times()
        pages = generate(cat, data=False, encode=True)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        after = os.times()  # the worker processes' CPU too, once they are joined
        totals.append(sum(after[:4]) - sum(before[:4]))
        print(f"generate: {len(pages):,} pages, {walls[-1]:.2f} s wall, "
              f"{cpus[-1]:.2f} s CPU (this process), {totals[-1]:.2f} s CPU with its workers")
    if args.repeat:
        print(f"median: {statistics.median(walls):.2f} s wall, "
              f"{statistics.median(cpus):.2f} s CPU, {statistics.median(totals):.2f} s with "
              f"the workers; best {min(cpus):.2f} s CPU, {min(totals):.2f} s with the workers")
    if args.out:
        files = generate(cat, data=True)
        write_tree(files, args.out)
        print(f"wrote {len(files):,} files into {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
