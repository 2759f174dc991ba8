#!/usr/bin/env python3
"""Does the built site fit GitHub Pages? Run by deploy.yml before the upload.

    python scripts/site_size.py SITE_DIR [--limit-mb 1024]

Prints the site's files and bytes, its bytes by kind (the table of
`scripts/bench.py --site`) and its size as GitHub uploads it: one tar that
`actions/upload-pages-artifact` hands to `actions/upload-artifact`, which stores
it deflated (level 6). That upload is the size `actions/deploy-pages` compares
with Pages' 1 GB ("Uploaded artifact size of N bytes exceeds the allowed size
of 1 GB"), the one limit GitHub checks by machine. Over the limit, this prints
an error naming the largest kinds of file and exits 1, so the deploy stops
here with a reason rather than at GitHub with a warning. Over 1 GB of files
unpacked (GitHub's documentation says "published sites may be no larger than
1 GB" without saying packed or unpacked), a warning: docs/performance.md
"Fitting the host" has the figures at 10,000 letters and why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (scripts/ is not a package)

MB = 2**20


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("site", help="the built site's directory (make build writes site/)")
    p.add_argument("--limit-mb", type=float, default=1024,
                   help="the most the upload may be, in MiB (GitHub Pages: 1 GB)")
    args = p.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: error: no built site here (no index.html): run `make build` first",
              file=sys.stderr)
        return 2
    kinds = bench.bytes_by_kind(site)
    total = kinds["total"]
    packed = bench.artifact_bytes(site)
    print(bench.bytes_table(kinds))
    print(f"\n{site}: {total['files']:,} files, {total['bytes'] / MB:,.1f} MB; "
          f"{packed / MB:,.1f} MB as GitHub Pages uploads it (tar, deflated), "
          f"limit {args.limit_mb:,.0f} MB")
    largest = ", ".join(f"{k} {v['bytes'] / MB:,.0f} MB" for k, v in kinds.items()
                        if k != "total")
    largest = ", ".join(largest.split(", ")[:3])
    if packed > args.limit_mb * MB:
        print(f"{site}: error: the site is {packed / MB:,.1f} MB as uploaded, over GitHub "
              f"Pages' {args.limit_mb:,.0f} MB; the largest kinds: {largest}. See "
              "docs/performance.md \"Fitting the host\" for what can be cut", file=sys.stderr)
        return 1
    if total["bytes"] > args.limit_mb * MB:
        print(f"{site}: warning: {total['bytes'] / MB:,.1f} MB of files unpacked, over "
              f"{args.limit_mb:,.0f} MB; GitHub checks the upload ({packed / MB:,.1f} MB), "
              "see docs/performance.md \"Fitting the host\"", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
