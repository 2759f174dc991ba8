"""The `undersigned` command: a thin layer over the pipeline modules.

Each subcommand lives in `undersigned/commands/<name>.py` and exposes
`HELP`, `add_arguments(parser)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys

# Order is the order of `undersigned --help`.
COMMANDS = ("check", "export", "match", "import", "review", "build", "serve", "generate")


def _module_name(command: str) -> str:
    return f"undersigned.commands.{command.replace('-', '_')}_cmd"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="undersigned",
        description="Tools for the Undersigned archive of sign-on letters.",
    )
    parser.add_argument("--root", default=".", help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        name = _module_name(command)
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        p = sub.add_parser(command, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("undersigned: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours, not the user's input: say so without a traceback
        if os.environ.get("UNDERSIGNED_DEBUG"):
            raise
        print(f"undersigned: internal error: {type(exc).__name__}: {exc} "
              "(set UNDERSIGNED_DEBUG=1 for details, and please report it)", file=sys.stderr)
        return 2
