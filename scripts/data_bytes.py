"""Bytes of the feeds and downloads of an archive, without building its site.

    python scripts/data_bytes.py ARCHIVE_DIR [--json]

Loads and catalogues the archive as the build does, then produces every feed and every
download the site publishes (the same functions the build calls) and adds up their
bytes by kind, as `scripts/bench.py --site` names them: a step of trimming one of them
is measured in seconds rather than in a whole build. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from bench import bytes_table, file_kind  # noqa: E402

from undersigned import database, export, feeds  # noqa: E402
from undersigned.catalogue import catalogue  # noqa: E402
from undersigned.load import load_archive  # noqa: E402


def measure(root: Path) -> dict:
    cat = catalogue(load_archive(root))
    found: dict[str, list[int]] = {}

    def add(rel: str, size: int) -> None:
        entry = found.setdefault(file_kind(rel), [0, 0])
        entry[0] += 1
        entry[1] += size

    for rel, text in feeds.feed_files(cat):
        add(rel, len(text.encode("utf-8")))
    for rel, chunks in export.site_data_chunks(cat):
        add(rel, sum(len(c.encode("utf-8")) for c in chunks))
    with tempfile.TemporaryDirectory() as tmp:
        add(f"data/{export.DATABASE_FILE}",
            database.write_database(cat, Path(tmp) / export.DATABASE_FILE))
    out = {k: {"files": n, "bytes": b, "mb": round(b / 2**20, 1)}
           for k, (n, b) in sorted(found.items(), key=lambda kv: (-kv[1][1], kv[0]))}
    files, total = sum(v[0] for v in found.values()), sum(v[1] for v in found.values())
    out["total"] = {"files": files, "bytes": total, "mb": round(total / 2**20, 1)}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("archive", help="an archive directory (letters/, signatories/, ...)")
    p.add_argument("--json", action="store_true", help="print JSON")
    args = p.parse_args(argv)
    kinds = measure(Path(args.archive))
    print(json.dumps(kinds, indent=1) if args.json else bytes_table(kinds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
