from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..load import load_archive
from ..validate import check
from ..workflow_commands import github_command

HELP = "validate letters/, signatories/, recipients/ and tags.yml; list every problem"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="text: `path:line: error: message` lines on standard error; github: "
                        "GitHub workflow commands (`::error file=...,line=...::message`) on "
                        "standard output, which a pull request shows on the changed lines "
                        "(with --strict, warnings are printed as errors)")


def run(args: argparse.Namespace) -> int:
    archive = load_archive(Path(args.root))
    found = check(archive)
    for d in found:
        if args.format == "github":
            level = "error" if args.strict else d.level
            print(github_command(level, _workspace_path(args.root, d.path), d.line, d.message))
        else:
            print(d, file=sys.stderr)
    errors = sum(d.level == "error" or args.strict for d in found)
    warnings = len(found) - sum(d.level == "error" for d in found)
    letters, signatories = len(archive.letters), len(archive.signatories)
    print(f"checked {letters} letters and {signatories} signatories: "
          f"{sum(d.level == 'error' for d in found)} errors, {warnings} warnings",
          file=sys.stderr)
    return 1 if errors else 0


def _workspace_path(root: str, path: str) -> str:
    """A diagnostic's path as GitHub wants it, relative to the checkout (the current
    directory in a workflow), when the archive is not at its top (`--root site-data`)."""
    if root in ("", "."):
        return path
    return Path(os.path.relpath(Path(root) / path)).as_posix()
