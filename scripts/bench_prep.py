"""The build's first stages (load, check, catalogue): their CPU, and proof that a change
to them gives the same results.

    python scripts/bench_prep.py time ARCHIVE [--runs 3] [--stages load,check,catalogue]
    python scripts/bench_prep.py snapshot ARCHIVE OUT.pickle
    python scripts/bench_prep.py compare A.pickle B.pickle
    python scripts/bench_prep.py hostile ARCHIVE OUT_DIR

`hostile` copies an archive and adds letters whose entries, texts and bodies are each
wrong or unusual in one way (the shapes `check` must word exactly): an archive with
diagnostics to compare, where the seeds and the synthetic archives have none.

`time` runs the stages serially (parallel.workers patched to 1: every CPU second in this
process) and prints the median CPU seconds of each. `snapshot` writes what the stages
produced (the Archive's records with their line maps, check's diagnostics in order, the
catalogue); `compare` says whether two snapshots (say, of main's code and of a branch's,
run with PYTHONPATH pointing at each) are equal, and where they first differ.
"""

from __future__ import annotations

import argparse
import json
import pickle
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _serial() -> None:
    from undersigned import parallel

    parallel.workers = lambda: 1


def _stages(root: Path, wanted: set[str]) -> dict[str, float]:
    from undersigned.catalogue import catalogue
    from undersigned.load import load_archive
    from undersigned.validate import check

    cpu: dict[str, float] = {}
    start = time.process_time()
    archive = load_archive(root)
    cpu["load"] = time.process_time() - start
    if "check" in wanted or "catalogue" in wanted:
        start = time.process_time()
        check(archive)
        cpu["check"] = time.process_time() - start
    if "catalogue" in wanted:
        start = time.process_time()
        catalogue(archive)
        cpu["catalogue"] = time.process_time() - start
    return {k: v for k, v in cpu.items() if k in wanted}


def time_stages(root: Path, runs: int, wanted: set[str]) -> None:
    # Each run in a fresh process: the stages' caches by value (lru_cache) would make
    # a second run in the same process cheaper than any build's.
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "once", str(root), ",".join(wanted)],
                              check=True, capture_output=True, text=True)
        for stage, seconds in json.loads(done.stdout).items():
            found.setdefault(stage, []).append(seconds)
    for stage, seconds in found.items():
        print(f"{stage:10} median {statistics.median(seconds):7.2f} s CPU "
              f"(runs: {', '.join(f'{s:.2f}' for s in seconds)})")


def snapshot(root: Path, out: Path) -> None:
    from undersigned.catalogue import catalogue
    from undersigned.load import load_archive
    from undersigned.validate import check

    _serial()
    archive = load_archive(root)
    diagnostics = check(archive)
    cat = catalogue(archive)
    data = {
        "archive": archive,
        # Line maps compare unequal by design (compare=False): compared here by value.
        "letter_lines": {x.id: dict(x.lines) for x in archive.letters},
        "signatory_lines": {k: dict(v.lines) for k, v in archive.signatories.items()},
        "recipient_lines": {k: dict(v.lines) for k, v in archive.recipients.items()},
        "diagnostics": [(d.path, d.line, d.level, d.message) for d in diagnostics],
        "catalogue": cat,
    }
    out.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"{out}: {len(archive.letters)} letters, {len(diagnostics)} diagnostics")


def compare(a: Path, b: Path) -> int:
    left, right = pickle.loads(a.read_bytes()), pickle.loads(b.read_bytes())
    same = True
    for key in left:
        if left[key] == right[key]:
            print(f"{key}: equal")
            continue
        same = False
        print(f"{key}: DIFFERENT")
        x, y = left[key], right[key]
        if isinstance(x, list):
            for i, (p, q) in enumerate(zip(x, y, strict=False)):
                if p != q:
                    print(f"  first difference at {i}:\n    {p}\n    {q}")
                    break
            print(f"  lengths {len(x)} and {len(y)}")
        elif key == "archive":
            for i, (p, q) in enumerate(zip(x.letters, y.letters, strict=False)):
                if p != q:
                    print(f"  letter {i} {p.id}:\n    {p}\n    {q}")
                    break
    print("SAME" if same else "DIFFERENT")
    return 0 if same else 1


# One entry each, written as a letter's YAML would hold it (flow style), between two
# well-formed entries.
HOSTILE_ENTRIES = [
    '{printed: American Friends Service Committee, id: afsc, extra: x}',
    '{printed: "", id: afsc}',
    '{printed: "   ", id: afsc}',
    '{printed: [American Friends Service Committee], id: afsc}',
    '{printed: American Friends Service Committee, id: Bad_Id}',
    '{printed: American Friends Service Committee, id: "bad id"}',
    '{printed: American Friends Service Committee, id: afsc, line: "AFSC and others"}',
    '{printed: American Friends Service Committee, id: afsc, name: Quakers}',
    '{printed: American Friends Service Committee, id: afsc, affiliation: ""}',
    '{printed: American Friends Service Committee, id: afsc, line: "  "}',
    '{printed: American Friends Service Committee, id: afsc, country: {a: b}}',
    '{printed: American Friends Service Committee, id: afsc, country: [US]}',
    '{printed: American Friends Service Committee, id: afsc, name: ""}',
    '{printed: American Friends Service Committee, id: afsc, members: []}',
    '{printed: American Friends Service Committee, id: afsc, members: }',
    '{printed: American Friends Service Committee, id: afsc, members: x}',
    '{printed: Red, id: bloque-latinoamericano-sobre-migracion, members: '
    '[{printed: ACAI, id: acai, members: [{printed: x, id: afsc}]}]}',
    '{printed: Red, id: bloque-latinoamericano-sobre-migracion, members: '
    '[{printed: ACAI, id: "Not An Id"}, {printed: "", id: acai}, x]}',
    '{printed: Red, id: bloque-latinoamericano-sobre-migracion, members: '
    '[{printed: Red, id: bloque-latinoamericano-sobre-migracion}]}',
    '{printed: American Friends Service Committee}',
    '{id: afsc}',
    'just a string',
    '[a, list]',
    '{printed: "American Friends Service Committee\\n", id: afsc}',
    '{printed: "American Friends\\u202eService Committee", id: afsc}',
    '{printed: " American Friends Service Committee", id: afsc}',
    '{printed: "American  Friends Service Committee", id: afsc}',
    '{printed: "=HYPERLINK(x)", id: afsc}',
    '{printed: "American Friends Service <b>Committee", id: afsc}',
    '{printed: "AFSC, USA", id: afsc, country: USA}',
    '{printed: "AFSC, USA", id: afsc, country: "USA\\u200b"}',
    '{printed: "Ana | Prof", id: no-such-signatory, name: Ana, affiliation: Prof}',
    '{printed: "Tel. +52 55 1234 5678", id: afsc}',
    '{printed: American Friends Service Committee, id: afsc, line: '
    '"American Friends Service Committee y ACAI"}',
    '{printed: Somebody Else, id: afsc}',
    '{printed: American Friends Service Committee, id: afsc}',
    '{printed: "Cafe\\u0301", id: afsc}',
]
HOSTILE_BODIES = [
    "A line with <script>alert(1)</script> in it.",
    "An attribute list { onclick=x } here.",
    "![a picture](https://example.org/x.png)",
    "--8<-- \"/etc/passwd\"",
    "Zero\u200bwidth and a bidi \u202e control.",
    "<!-- a comment -->",
    "[a link](javascript:alert(1)) and [another](#nowhere)",
    "A footnote [^1] cited.\n\n[^2]: never cited.",
    "Cafe\u0301 in a body.",
    "[" * 150,
    "\n".join("# heading" for _ in range(30)),
]


def hostile(source: Path, out: Path) -> None:
    """`source` copied to `out` with a letter per hostile entry and per hostile body."""
    shutil.copytree(source, out)
    good = "{printed: ACAI, id: acai}"
    head = ("---\ntitle: A hostile letter\ndate: 2024-01-{day:02d}\nlanguage: en\n"
            "summary: One thing in it is wrong or unusual.\ntags: [asylum]\n"
            "source: Written for the test.\nrecipients:\n"
            "  - printed: Alejandro Mayorkas\n    id: alejandro-mayorkas\n"
            "signatories:\n  - section: Organizations\n    entries:\n")
    for n, entry in enumerate(HOSTILE_ENTRIES):
        text = head.format(day=1 + n % 28) + "".join(
            f"      - {e}\n" for e in (good, entry, good)) + "---\nThe letter.\n"
        (out / "letters" / f"2024-01-{1 + n % 28:02d}-hostile-entry-{n}.md").write_text(
            text, encoding="utf-8")
    for n, body in enumerate(HOSTILE_BODIES):
        text = head.format(day=1 + n % 28) + f"      - {good}\n---\n{body}\n"
        (out / "letters" / f"2024-01-{1 + n % 28:02d}-hostile-body-{n}.md").write_text(
            text, encoding="utf-8")
    print(f"{out}: {len(HOSTILE_ENTRIES)} hostile entries, {len(HOSTILE_BODIES)} bodies")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("time")
    t.add_argument("archive", type=Path)
    t.add_argument("--runs", type=int, default=3)
    t.add_argument("--stages", default="load,check,catalogue")
    s = sub.add_parser("snapshot")
    s.add_argument("archive", type=Path)
    s.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    o = sub.add_parser("once")  # one run of `time`, in its own process
    o.add_argument("archive", type=Path)
    o.add_argument("stages")
    h = sub.add_parser("hostile")
    h.add_argument("archive", type=Path)
    h.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "once":
        _serial()
        print(json.dumps(_stages(args.archive, set(args.stages.split(",")))))
    elif args.command == "hostile":
        hostile(args.archive, args.out)
    elif args.command == "time":
        time_stages(args.archive, args.runs, set(args.stages.split(",")))
    elif args.command == "snapshot":
        snapshot(args.archive, args.out)
    else:
        return compare(args.a, args.b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
