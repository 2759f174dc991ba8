from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..catalogue import catalogue
from ..export import export
from ..sitebuild import load_checked

HELP = ("write the archive-wide downloads into a directory: signatures.csv, letters.json, "
        "signatories.json, the SQLite database undersigned.db, its Datasette metadata.json "
        "and datapackage.json (the site publishes the same bytes under /data/)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", help="directory to write the six files into")


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
