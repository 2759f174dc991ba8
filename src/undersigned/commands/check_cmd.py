from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..load import load_archive
from ..validate import check

HELP = "validate letters/, signatories/, recipients/ and tags.yml; list every problem"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run(args: argparse.Namespace) -> int:
    archive = load_archive(Path(args.root))
    found = check(archive)
    for d in found:
        print(d, file=sys.stderr)
    errors = sum(d.level == "error" or args.strict for d in found)
    warnings = len(found) - sum(d.level == "error" for d in found)
    letters, signatories = len(archive.letters), len(archive.signatories)
    print(f"checked {letters} letters and {signatories} signatories: "
          f"{sum(d.level == 'error' for d in found)} errors, {warnings} warnings",
          file=sys.stderr)
    return 1 if errors else 0
