from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..catalogue import catalogue
from ..export import export
from ..sitebuild import load_checked

HELP = "write signatures.csv, letters.json and signatories.json into a directory"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", help="directory to write the three files into")


def run(args: argparse.Namespace) -> int:
    archive, problems = load_checked(Path(args.root))
    if archive is None:
        for d in problems:
            print(d, file=sys.stderr)
        print(f"undersigned: export: {len(problems)} problems; nothing written", file=sys.stderr)
        return 1
    for d in problems:  # warnings only
        print(d, file=sys.stderr)
    for path in export(catalogue(archive), Path(args.dir)):
        print(path)
    return 0
