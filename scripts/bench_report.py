#!/usr/bin/env python3
"""Time `undersigned report` and `undersigned check --format github` on a pull request's
change to a synthetic archive.

    python scripts/bench_report.py [--letters N] [--seed S] [--work DIR]

Makes a git repository of N synthetic letters (scripts/synth_corpus.py), commits it,
adds one letter (a copy of an existing one under a new date, with a name no
registry file has), and prints the wall-clock seconds of each command and the size
of the report as JSON. The report loads and checks the archive twice (base and
head), so expect about twice the time of `undersigned check`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import synth_corpus  # noqa: E402


def undersigned(root: Path, *argv: str) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "undersigned", "--root", str(root), *argv],
                          capture_output=True, text=True, env=env)
    return round(time.perf_counter() - start, 2), proc


def git(root: Path, *argv: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=bench", "-c",
                    "user.email=bench@example.org", *argv], check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        root = Path(tmp) / "archive"
        synth_corpus.synth(args.letters, args.seed, root)
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "base")
        # The change: one more letter, with one name that links to nothing yet.
        first = sorted((root / "letters").glob("*.md"))[0]
        text = first.read_text(encoding="utf-8")
        date = first.name[:10]
        new_date = f"{int(date[:4]) + 50}{date[4:]}"
        text = text.replace(f"date: {date}", f"date: {new_date}", 1)
        text = text.replace("\n    entries:\n", "\n    entries:\n      - printed: A Brand New "
                            "Coalition\n        id: todo-a-brand-new-coalition\n", 1)
        (root / "letters" / f"{new_date}{first.name[10:]}").write_text(text, encoding="utf-8")
        check_s, _ = undersigned(root, "check")
        github_s, github = undersigned(root, "check", "--format", "github")
        report_s, report = undersigned(root, "report", "--base", "HEAD")
        if report.returncode != 0:
            print(report.stderr, file=sys.stderr)
            return 1
        print(json.dumps({
            "letters": args.letters, "seed": args.seed, "cpus": os.cpu_count(),
            "check_s": check_s, "check_github_s": github_s, "report_s": report_s,
            "annotations": len(github.stdout.splitlines()),
            "report_bytes": len(report.stdout.encode()),
        }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
