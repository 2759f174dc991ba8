from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sitebuild import BuildFailed, build

HELP = "check the archive and build the static site (MkDocs + Pagefind) into site/"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site-dir", default="site",
                   help="where to put the built site, relative to --root (default: site)")
    p.add_argument("--timings", action="store_true",
                   help="print the seconds each stage took")
    p.add_argument("--plain", action="store_true",
                   help="render the generated tree as `mkdocs build` alone would, without "
                        "the MkDocs speed-ups (mkdocs_speedups.py): the same site, slower")


def build_and_report(root: Path, site_dir: str, show_timings: bool = False,
                     plain: bool = False) -> int:
    timings: dict[str, float] = {}
    warnings: list = []
    notes: list[str] = []
    try:
        pages = build(root, site_dir, timings, warnings, speedups=not plain, notes=notes)
    except BuildFailed as failed:
        for d in failed.diagnostics:
            print(d, file=sys.stderr)
        errors = sum(d.level == "error" for d in failed.diagnostics)
        detail = f"{errors} errors" if failed.diagnostics else str(failed)
        print(f"undersigned: build failed: {detail}; {site_dir}/ left as it was",
              file=sys.stderr)
        return 1
    for d in warnings:
        print(d, file=sys.stderr)
    for note in notes:
        print(f"undersigned: build: note: {note}", file=sys.stderr)
    print(f"built {pages} pages into {site_dir}/ in {timings.get('total', 0):.1f} s",
          file=sys.stderr)
    if show_timings:
        print("  " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()), file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    return build_and_report(Path(args.root), args.site_dir, args.timings, args.plain)
