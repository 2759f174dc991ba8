#!/usr/bin/env python3
"""Benchmark `undersigned review` on an archive: set-up once, then the cost of an answer.

    python scripts/synth_corpus.py 10000 1 --out /tmp/synth10k
    PYTHONPATH=src python scripts/bench_review.py /tmp/synth10k [--answers 60] [--json]

Works on a copy of ROOT made of hard links (instant, no space): review writes every
file through a temporary file and a rename, so ROOT itself is never modified. Prints
the seconds (wall and CPU) of loading the archive, building the session's indexes,
finding the pending names and the look-alike pairs, then of N answers (a third
`different`, a third new signatories, a third accepted aliases), each written as
`review` writes it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from undersigned.commands import review_cmd


class Clock:
    def __init__(self):
        self.figures: dict[str, dict[str, float]] = {}

    def __call__(self, name, fn, *args):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn(*args)
        self.figures[name] = {"wall_s": round(time.perf_counter() - wall, 3),
                              "cpu_s": round(time.process_time() - cpu, 3)}
        return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("root", help="a repository (e.g. one made by scripts/synth_corpus.py)")
    p.add_argument("--answers", type=int, default=60, help="answers to time (default 60)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    args = p.parse_args()
    clock = Clock()
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(args.root, root, copy_function=os.link)
        real_load = review_cmd.load_archive
        review_cmd.load_archive = lambda r: clock("load_archive", real_load, r)
        session = clock("session", review_cmd.Session, root, lambda line: None)
        names = clock("pending_names", session.pending_names)
        pairs = clock("pending_pairs", session.pending_pairs)
        ids = sorted(session.signatories)
        n = max(args.answers // 3, 1)

        def answer() -> None:
            for i in range(n):
                session.judge(f"Bench Printed Name {i}", ids[i % len(ids)], "different")
            for i in range(n):
                session.new(f"Organización de Prueba Número {i}", "organization")
            for i in range(n):
                sid = ids[(i + n) % len(ids)]
                session.accept(f"{session.signatories[sid].name} (variant {i})", sid)

        clock("answers", answer)
    figures = clock.figures
    result = {
        "letters": len(session.letters), "signatories": len(session.signatories) - n,
        "pending_names": len(names), "look_alike_pairs": len(pairs), "answers": 3 * n,
        "files_written": len(session.written), "stages": figures,
        "ms_per_answer_cpu": round(figures["answers"]["cpu_s"] / (3 * n) * 1000, 2),
        "ms_per_signatory_pairs_cpu": round(
            figures["pending_pairs"]["cpu_s"] / max(len(ids), 1) * 1000, 3),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
