from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sitebuild import BuildFailed, generate_pages

HELP = "write the generated pages (Markdown) and downloads into DIR, for inspection"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", help="an empty or new directory to write the pages into")


def run(args: argparse.Namespace) -> int:
    try:
        pages = generate_pages(Path(args.root))
    except BuildFailed as failed:
        for d in failed.diagnostics:
            print(d, file=sys.stderr)
        print("undersigned: generate: the archive has errors; nothing written", file=sys.stderr)
        return 1
    out = Path(args.dir)
    for rel, text in sorted(pages.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(pages)} files into {out}/", file=sys.stderr)
    return 0
