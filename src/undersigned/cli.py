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

from .models import escape_controls

# Order is the order of `undersigned --help`.
COMMANDS = ("check", "report", "export", "match", "import", "review", "build", "serve",
            "generate")


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


def reference_markdown() -> str:
    """docs/cli.md, generated from the parser so the reference cannot drift from the code."""
    parser = build_parser()
    out = ["# Command reference", "",
           "Generated from the code by `python -m undersigned.cli_reference > docs/cli.md`;",
           "`tests/test_docs.py` fails when it is out of date.", "",
           "Every command takes the global option `--root DIR` (the repository root, default",
           "`.`), given before the command: `undersigned --root path/to/repo check`.", ""]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, p in sub.choices.items():
        # A fixed width: the terminal's width must not change the committed file.
        p.formatter_class = lambda prog: argparse.HelpFormatter(prog, width=100)
        out += [f"## undersigned {name}", "", p.description or "", "", "```text",
                p.format_usage().strip().replace("usage: ", ""), "```", ""]
        rows = [a for a in p._actions if not isinstance(a, argparse._HelpAction)]
        if rows:
            out += ["| argument | meaning |", "| --- | --- |"]
            for a in rows:
                label = ", ".join(a.option_strings) or a.metavar or a.dest
                if a.option_strings and a.nargs != 0:
                    label += " " + (a.metavar or a.dest.upper())
                meaning = (a.help or "").replace("|", "\\|")
                if a.default not in (None, False, argparse.SUPPRESS, [], ()):
                    meaning += f" (default: `{a.default}`)"
                out.append(f"| `{label}` | {meaning} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


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
        print(f"undersigned: internal error: {type(exc).__name__}: {escape_controls(str(exc))} "
              "(set UNDERSIGNED_DEBUG=1 for details, and please report it)", file=sys.stderr)
        return 2
