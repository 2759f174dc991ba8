"""How well do `check`'s artefact warnings and `review`'s kind guesses read real letters?

    python scripts/eval_review_guesses.py ../shared/real-letters [--json]

Reads the hand-checked gold files (`*.gold.yml`) of a directory in place, never
copying them: each gold file lists a letter's signatories as printed, with their kind
and section, and the lines among them that sign nothing (`not_signatories`).

- artefacts: how many signatories `validate.entry_artefact` would warn about (false
  warnings: the goal is none) and how many of the lines that sign nothing it catches;
- kinds: how often `review`'s guess (person, organization or network) is the gold
  kind, from the printed name alone and with the section heading the letter prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from undersigned.commands.review_cmd import Pending, guess_kind, kind_of_name  # noqa: E402
from undersigned.validate import entry_artefact  # noqa: E402


def evaluate(directory: Path) -> dict:
    signatories = not_signatories = 0
    false_warnings, caught = [], 0
    by_name, with_heading = Counter(), Counter()
    wrong: list[dict] = []
    for path in sorted(directory.rglob("*.gold.yml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        for sig in gold.get("signatories") or []:
            signatories += 1
            what = entry_artefact(sig["printed"])
            if what:
                false_warnings.append({"file": path.name, "printed": sig["printed"],
                                       "what": what})
            kind, why = kind_of_name(sig["printed"])
            by_name[kind == sig["kind"]] += 1
            guessed, why_heading = guess_kind(Pending(sig["printed"], heading=sig.get("section")))
            with_heading[guessed == sig["kind"]] += 1
            if guessed != sig["kind"]:
                wrong.append({"file": path.name, "printed": sig["printed"], "gold": sig["kind"],
                              "guessed": guessed, "why": why_heading})
        for line in gold.get("not_signatories") or []:
            not_signatories += 1
            caught += entry_artefact(line) is not None
    return {
        "files": len(list(directory.rglob("*.gold.yml"))), "signatories": signatories,
        "false_warnings": len(false_warnings), "false_warning_cases": false_warnings,
        "not_signatories": not_signatories, "not_signatories_warned": caught,
        "kind_from_name": round(by_name[True] / max(signatories, 1), 4),
        "kind_with_heading": round(with_heading[True] / max(signatories, 1), 4),
        "wrong_kinds": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("directory", help="a directory of *.gold.yml files, read in place")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = p.parse_args(argv)
    r = evaluate(Path(args.directory))
    if args.json:
        print(json.dumps(r, ensure_ascii=False))
        return 0
    print(f"{r['files']} gold files, {r['signatories']} signatories, "
          f"{r['not_signatories']} lines that sign nothing")
    print(f"artefact warnings: {r['false_warnings']} on signatories (goal: 0), "
          f"{r['not_signatories_warned']}/{r['not_signatories']} lines that sign nothing")
    print(f"kind guessed right: {r['kind_from_name']:.1%} from the name alone, "
          f"{r['kind_with_heading']:.1%} with the section heading")
    for c in r["false_warning_cases"]:
        print(f"  FALSE WARNING: {c['printed']!r} ({c['file']}): {c['what']}")
    wrong = Counter((c["gold"], c["guessed"]) for c in r["wrong_kinds"])
    for (gold, guessed), n in sorted(wrong.items()):
        print(f"  {n} {gold} guessed {guessed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
