"""`undersigned match NAME...`: how each printed name resolves against the registry."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..load import load_registry
from ..models import escape_controls
from ..resolve import Resolver

HELP = "resolve printed names against the signatory registry, or list ranked suggestions"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("names", nargs="*", metavar="NAME",
                   help="a name as printed on a letter (quote it); none: read one per line "
                        "from standard input")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object per name: query, status, id, how, suggestions")
    p.add_argument("--limit", type=int, default=5, metavar="N",
                   help="at most N suggestions per name (default: 5)")
    p.add_argument("--together", action="store_true",
                   help="the names are printed in one list of one letter, as `import` "
                        "matches them: two of them are two entities, so a signatory one "
                        "holds is neither linked to nor suggested for another")


def load_resolver(root: Path) -> Resolver:
    """The registry and decisions of a repository, letters unread (matching needs none);
    problems are `check`'s to report."""
    registry = load_registry(root)
    errors = [d for d in registry.diagnostics if d.level == "error"]
    if errors:
        print(f"warning: the registry has {len(errors)} errors; run `undersigned check`",
              file=sys.stderr)
    return Resolver(registry.signatories, registry.decisions)


def run(args: argparse.Namespace) -> int:
    names = list(args.names) or [line.strip() for line in sys.stdin if line.strip()]
    if not names:
        print("undersigned match: give at least one NAME", file=sys.stderr)
        return 2
    resolver = load_resolver(Path(args.root))
    limit = max(args.limit, 0)
    matches = (resolver.match_list(names, limit) if args.together
               else (resolver.match(name, limit=limit) for name in names))
    for name, m in zip(names, matches, strict=True):
        if args.json:
            print(json.dumps(m.as_dict(), ensure_ascii=False))
            continue
        if m.status == "resolved":
            print(escape_controls(f"{name}: resolved {m.id} (by {m.how})"))
            continue
        print(escape_controls(f"{name}: {m.status}"
                              + ("" if m.suggestions else ": not in the registry")))
        width = max((len(s.id) for s in m.suggestions), default=0)
        for s in m.suggestions:
            why = resolver.why_not(name, s.id)
            print(escape_controls(f"  {s.score:5.1f}  {s.id:<{width}}  {s.name}"
                                  + (f"  ({why})" if why else "")))
    return 0
