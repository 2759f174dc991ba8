"""Benchmark the data downloads that issue 16 added: the SQLite database, its two
descriptions and the letters' citations, on a synthetic archive.

    python scripts/bench_data.py [--letters 1000] [--seed 1] [--archive DIR] [--json]

Prints the database's size (and its largest tables and indexes, from SQLite's
dbstat), the wall and CPU seconds each takes to write, and the same for the CSV
of the same signatures, for comparison. The full build writes all of them in the
process that writes the downloads while MkDocs renders (sitebuild.write_data):
these seconds are CPU that process spends, not seconds added to the build's wall
time one for one.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from synth_corpus import synth  # noqa: E402

from undersigned import database, export  # noqa: E402
from undersigned.catalogue import catalogue  # noqa: E402
from undersigned.load import load_archive  # noqa: E402


def timed(func):
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    return result, round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--letters", type=int, default=1000, help="letters in the synthetic archive")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic archive")
    p.add_argument("--archive", default=None,
                   help="an archive already on disk (e.g. one synth_corpus.py wrote)")
    p.add_argument("--json", action="store_true", help="print only JSON")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.archive) if args.archive else Path(tmp) / "archive"
        if not args.archive:
            synth(args.letters, args.seed, root)
        cat = catalogue(load_archive(root))
        out = Path(tmp) / "data"
        size, db_wall, db_cpu = timed(lambda: database.write_database(cat, out / "x.db"))
        csv_text, csv_wall, csv_cpu = timed(lambda: export.export_files(cat)["signatures.csv"])
        cites, cite_wall, cite_cpu = timed(lambda: sum(
            len(t) for x in cat.letters for t in export.cite_files(cat, x).values()))
        _, desc_wall, desc_cpu = timed(lambda: export.description_files(cat))
        with sqlite3.connect(out / "x.db") as conn:
            largest = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name "
                                   "ORDER BY 2 DESC LIMIT 8").fetchall()
    result = {
        "letters": len(cat.letters), "signatures": cat.stats.signatures,
        "signatories": cat.stats.signatories,
        "db_bytes": size, "db_wall_s": db_wall, "db_cpu_s": db_cpu,
        "db_largest": {name: n for name, n in largest},
        "signatures_csv_bytes": len(csv_text.encode("utf-8")),
        "signatures_csv_wall_s": csv_wall, "signatures_csv_cpu_s": csv_cpu,
        "cite_bytes": cites, "cite_wall_s": cite_wall, "cite_cpu_s": cite_cpu,
        "descriptions_wall_s": desc_wall, "descriptions_cpu_s": desc_cpu,
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for key, value in result.items():
        print(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
