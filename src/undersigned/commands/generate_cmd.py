from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sitebuild import BuildFailed, generate_tree
from ..tree import EPOCH_FILE

HELP = ("write the site as a plain tree into DIR: DIR/docs (every page, download and feed) "
        "and DIR/mkdocs.yml, which `mkdocs build` or `zensical build` renders with no "
        "Python of ours (docs/renderers.md)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR",
                   help="a new directory, or a tree this command wrote before (replaced "
                        "whole once the new one is written)")


def _refuses(out: Path) -> str | None:
    """Why `out` may not be replaced: only a tree written by this command may be."""
    if not out.exists():
        return None
    if not out.is_dir():
        return f"{out}: error: not a directory; name a new directory"
    if any(out.iterdir()) and not (out / EPOCH_FILE).is_file():
        return (f"{out}: error: not empty and not a tree written by `undersigned generate`; "
                "name a new or empty directory")
    return None


def run(args: argparse.Namespace) -> int:
    out = Path(args.dir)
    refused = _refuses(out)
    if refused:
        print(refused, file=sys.stderr)
        return 1
    warnings: list = []
    try:
        tree = generate_tree(Path(args.root), out, warnings=warnings)
    except BuildFailed as failed:
        for d in failed.diagnostics:
            print(d, file=sys.stderr)
        detail = "the archive has errors" if failed.diagnostics else str(failed)
        print(f"undersigned: generate: {detail}; nothing written", file=sys.stderr)
        return 1
    for d in warnings:
        print(d, file=sys.stderr)
    print(f"wrote {tree.page_count} pages and {out}/mkdocs.yml; render with:\n"
          f"  SOURCE_DATE_EPOCH=$(cat {out}/{EPOCH_FILE}) mkdocs build -f {out}/mkdocs.yml "
          "-d SITE", file=sys.stderr)
    return 0
