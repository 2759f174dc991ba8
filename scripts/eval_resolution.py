"""How well do the rules and suggestions find known signatories? Measured on the seeds.

    python scripts/eval_resolution.py [--root .] [--json] [--verbose]

Labelled set, built from the letters of the repository: for each letter, the
registry loses what only that letter taught it (the aliases printed only there,
an acronym printed only there, the decisions about those names, and any
signatory printed nowhere else, unless its curated name remains), then every
distinct printed name of the letter is matched against that registry. A name
whose signatory survives is a true variant and must find its way back; a name
whose signatory was removed must not resolve to anything.

Hard negatives: each signatory in turn is removed from the registry and each of
its printed forms matched: resolving to any other signatory is a false merge
("Asylum Access" must never become "Asylum Access Mexico"). The look-alike pairs
of the issue are also reported by name.

Names are matched list by list, as `undersigned import` matches them: two names
printed in one list are two entities (`Resolver.match_list`).

Goals: no false automatic resolution at all; at least 90% of the true variants of
organizations and networks resolved automatically (a person links only by an exact
alias or a decision, never by a rule, so people are counted apart); at least 97% of all
true variants resolved or correct as the top suggestion.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from undersigned.decisions import Decisions, load_decisions, node  # noqa: E402
from undersigned.load import load_archive  # noqa: E402
from undersigned.models import Archive, Signatory  # noqa: E402
from undersigned.names import acronym_fits, name_key, normalize_printed  # noqa: E402
from undersigned.resolve import Resolver  # noqa: E402

GOALS = {"false_auto": 0, "org_auto_recall": 0.90, "top1_recall": 0.97}
# Look-alikes from the issue, by printed name: each must stay apart from the other.
LOOK_ALIKES = (
    ("Asylum Access", "Asylum Access Mexico"),
    ("Save the Children México", "Save the Children US"),
    ("Universidad Iberoamericana", "Universidad Iberoamericana Puebla"),
    ("Universidad Iberoamericana", "Universidad Iberoamericana Mexico City/CDMX"),
    ("Peace Brigades International-Canada", "Peace Brigades International-USA"),
)


def _printed_by_letter(archive: Archive) -> dict[str, dict[str, set[str]]]:
    """entity id -> normalized printed form -> letters printing it for that entity."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for letter in archive.letters:
        for sig in letter.signatures:
            out[sig.signatory_id][normalize_printed(sig.printed)].add(letter.id)
    return out


def registry_without(archive: Archive, decisions: Decisions, letter_id: str
                     ) -> tuple[dict[str, Signatory], Decisions, set[str]]:
    """The registry as it was before `letter_id` taught it anything."""
    printed = _printed_by_letter(archive)
    out: dict[str, Signatory] = {}
    dropped_nodes: set[str] = set()
    for sid, sig in archive.signatories.items():
        only_here = {form for form, letters in printed.get(sid, {}).items()
                     if letters == {letter_id}}
        dropped_nodes |= {node(f) for f in only_here}
        aliases = tuple(a for a in sig.aliases if normalize_printed(a) not in only_here)
        name = sig.name
        if normalize_printed(name) in only_here:
            if not aliases:
                continue
            name = aliases[0]
        remaining = (name, *aliases)
        keys = [name_key(f) for f in remaining]
        # A curated acronym stays if a remaining form prints it or spells it (a curator
        # could add it without this letter); one only this letter taught is dropped.
        acronyms = tuple(a for a in sig.acronyms
                         if any(k.acronym == _acr(a) or k.key == a.casefold()
                                or acronym_fits(a, k.tokens, True) for k in keys))
        out[sid] = replace(sig, name=name, aliases=aliases, acronyms=acronyms)
    kept = [d for d in decisions.rows
            if node(d.left) not in dropped_nodes and node(d.right) not in dropped_nodes
            and all(not s.startswith("id:") or s[3:] in out for s in (d.left, d.right))]
    return out, Decisions.from_rows(kept), set(archive.signatories) - set(out)


def _acr(text: str) -> str:
    return name_key(text).acronym or text.upper()


def evaluate(root: Path) -> dict:
    archive = load_archive(root)
    decisions, _ = load_decisions(root)
    cases = []
    for letter in sorted(archive.letters, key=lambda x: x.id):
        registry, kept, removed = registry_without(archive, decisions, letter.id)
        resolver = Resolver(registry, kept)
        seen = set()
        for sig, m in _matched_by_list(resolver, letter):
            key = normalize_printed(sig.printed)
            if key in seen:
                continue
            seen.add(key)
            expected = sig.signatory_id if sig.signatory_id in registry else None
            cases.append({"letter": letter.id, "printed": sig.printed, "expected": expected,
                          "kind": registry[expected].kind if expected else None,
                          "status": m.status, "id": m.id, "how": m.how,
                          "top": m.suggestions[0].id if m.suggestions else None})
    positives = [c for c in cases if c["expected"]]
    org_positives = [c for c in positives if c["kind"] != "person"]
    org_auto_ok = [c for c in org_positives
                   if c["status"] == "resolved" and c["id"] == c["expected"]]
    auto = [c for c in cases if c["status"] == "resolved"]
    auto_ok = [c for c in auto if c["id"] == c["expected"]]
    false_auto = [c for c in auto if c["id"] != c["expected"]]
    top1_ok = [c for c in positives
               if (c["status"] == "resolved" and c["id"] == c["expected"])
               or (c["status"] != "resolved" and c["top"] == c["expected"])]
    with_top1 = [c for c in cases if c["status"] == "resolved" or c["top"]]
    top1_right = [c for c in with_top1 if (c["id"] or c["top"]) == c["expected"]]
    missed = [c for c in positives if c not in top1_ok]
    hard = hard_negatives(archive, decisions)
    result = {
        "letters": len(archive.letters), "signatories": len(archive.signatories),
        "names": len(cases), "true_variants": len(positives),
        "unknown_names": len(cases) - len(positives),
        "auto_resolved": len(auto), "auto_correct": len(auto_ok),
        "false_auto": len(false_auto),
        "auto_precision": _ratio(len(auto_ok), len(auto)),
        "auto_recall": _ratio(len(auto_ok), len(positives)),
        "org_true_variants": len(org_positives), "org_auto_correct": len(org_auto_ok),
        "org_auto_recall": _ratio(len(org_auto_ok), len(org_positives)),
        "person_true_variants": len(positives) - len(org_positives),
        "person_auto_correct": len(auto_ok) - len(org_auto_ok),
        "top1_precision": _ratio(len(top1_right), len(with_top1)),
        "top1_recall": _ratio(len(top1_ok), len(positives)),
        "hard_negative_forms": hard["forms"], "hard_negative_false": len(hard["false"]),
        "look_alikes": hard["look_alikes"],
        "false_auto_cases": false_auto + hard["false"],
        "missed_cases": missed,
        "suggested_not_auto": [c for c in positives if c["status"] != "resolved"],
    }
    result["goals_met"] = (result["false_auto"] + result["hard_negative_false"] == 0
                           and result["org_auto_recall"] >= GOALS["org_auto_recall"]
                           and result["top1_recall"] >= GOALS["top1_recall"])
    return result


def _matched_by_list(resolver: Resolver, letter) -> list:
    """(signature, match) in printed order, each list of the letter matched together."""
    lists: dict[str | None, list] = defaultdict(list)
    for sig in letter.signatures:
        lists[sig.via].append(sig)
    out = []
    for sigs in lists.values():
        out.extend(zip(sigs, resolver.match_list([s.printed for s in sigs]), strict=True))
    return sorted(out, key=lambda pair: pair[0].position)


def hard_negatives(archive: Archive, decisions: Decisions) -> dict:
    """Every signatory removed in turn: none of its printed forms may resolve elsewhere."""
    printed = _printed_by_letter(archive)
    false = []
    forms = 0
    for sid in sorted(archive.signatories):
        sig = archive.signatories[sid]
        own = {node(f) for f in (sig.name, *sig.aliases)}
        registry = {k: v for k, v in archive.signatories.items() if k != sid}
        kept = Decisions.from_rows(
            d for d in decisions.rows
            if f"id:{sid}" not in (d.left, d.right) and node(d.left) not in own
            and node(d.right) not in own)
        resolver = Resolver(registry, kept)
        for form in sorted({normalize_printed(f) for f in (sig.name, *sig.aliases)}
                           | set(printed.get(sid, {}))):
            forms += 1
            m = resolver.match(form)
            if m.status == "resolved":
                false.append({"printed": form, "expected": None, "removed": sid,
                              "id": m.id, "how": m.how})
    look = []
    by_form = {normalize_printed(f): s.id for s in archive.signatories.values()
               for f in (s.name, *s.aliases)}
    for a, b in LOOK_ALIKES:
        ia, ib = by_form.get(a), by_form.get(b)
        if not ia or not ib:
            look.append({"pair": [a, b], "present": False})
            continue
        apart = []
        for printed_form, other in ((a, ib), (b, ia)):
            registry = {k: v for k, v in archive.signatories.items()
                        if k != by_form[printed_form]}
            m = Resolver(registry).match(printed_form)
            apart.append(m.status != "resolved" or m.id != other)
        look.append({"pair": [a, b], "present": True, "ids": [ia, ib], "distinct": ia != ib,
                     "never_resolved_to_each_other": all(apart)})
    return {"forms": forms, "false": false, "look_alikes": look}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--root", default=".", help="repository root (default: .)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.add_argument("--verbose", action="store_true",
                   help="also list every name that was suggested rather than resolved")
    args = p.parse_args(argv)
    r = evaluate(Path(args.root))
    if args.json:
        print(json.dumps(r, ensure_ascii=False))
        return 0 if r["goals_met"] else 1
    print(f"{r['letters']} letters, {r['signatories']} signatories, {r['names']} distinct "
          f"printed names per letter ({r['true_variants']} true variants, "
          f"{r['unknown_names']} names the reduced registry has never seen)")
    print(f"automatic resolution: precision {r['auto_precision']:.1%}, recall "
          f"{r['auto_recall']:.1%} ({r['auto_correct']}/{r['true_variants']}), "
          f"{r['false_auto']} false (goal: 0 false)")
    print(f"  organizations and networks: recall {r['org_auto_recall']:.1%} "
          f"({r['org_auto_correct']}/{r['org_true_variants']}; goal >= 90%); people: "
          f"{r['person_auto_correct']}/{r['person_true_variants']} (by alias or decision "
          "only)")
    print(f"resolved or top-1 suggestion: precision {r['top1_precision']:.1%}, recall "
          f"{r['top1_recall']:.1%} (goal: >= 97%)")
    print(f"hard negatives: {r['hard_negative_forms']} printed forms matched with their own "
          f"signatory removed: {r['hard_negative_false']} false resolutions (goal: 0)")
    for item in r["look_alikes"]:
        a, b = item["pair"]
        if not item["present"]:
            print(f"  look-alikes {a!r} / {b!r}: not both in the registry")
        else:
            ok = item["distinct"] and item["never_resolved_to_each_other"]
            print(f"  look-alikes {a!r} / {b!r}: {'kept apart' if ok else 'MERGED'}")
    for c in r["false_auto_cases"]:
        print(f"  FALSE: {c['printed']!r} -> {c['id']} ({c['how']}), expected "
              f"{c.get('expected') or 'nothing'}")
    for c in r["missed_cases"]:
        print(f"  missed: {c['printed']!r} ({c['letter']}): expected {c['expected']}, got "
              f"{c['status']} {c['id'] or c['top']}")
    if args.verbose:
        for c in r["suggested_not_auto"]:
            print(f"  suggested: {c['printed']!r} ({c['letter']}): top {c['top']}, "
                  f"expected {c['expected']}")
    print("goals met" if r["goals_met"] else "GOALS NOT MET")
    return 0 if r["goals_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
