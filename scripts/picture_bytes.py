"""Bytes the pictures add to a built site: figures, their data tables, letters signed
together and the network map page, summed over every page, with the largest of each.

    python scripts/picture_bytes.py SITE_DIR [--json]

Read from the built HTML, so one build (say `scripts/bench.py --letters 1000 --work W`,
then W/synth-1000-1/site) gives the figures without a second build to compare with.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

# What pictures.py and generate.py's picture functions write, by the markup around it.
PARTS = {
    "svg": re.compile(r'<svg class="us-pic.*?</svg>', re.S),
    "figure_captions": re.compile(r"<figcaption>.*?</figcaption>", re.S),
    "year_tables": re.compile(r'(?:<details class="us-data"><summary>[^<]*</summary>)?'
                              r'<table class="us-table us-years">.*?</table>(?:</details>)?',
                              re.S),
    # Up to the co-signers table where it follows (undersigned-together.js lists the
    # letters in the page), else to the next section (the lists the pages once held).
    "together": re.compile(r'<h3 id="together">.*?(?=<h2|<table|</div>\s*</article>|$)',
                           re.S),
    "members_table": re.compile(r'<table class="us-table"><caption>Members printed most often'
                                r".*?</table>", re.S),
}


def measure(site: Path) -> dict:
    pages = ((p.relative_to(site).as_posix(), p.read_text(encoding="utf-8"))
             for p in sorted(site.rglob("*.html")) if "pagefind" not in p.parts)
    result = measure_pages(pages)
    map_page = site / "network" / "index.html"
    result["map_page_bytes"] = map_page.stat().st_size if map_page.is_file() else 0
    result["site_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return result


def measure_pages(pages: Iterable[tuple[str, str]]) -> dict:
    """The same figures over (path, HTML) pairs: built pages, or generate()'s output."""
    totals = {k: 0 for k in PARTS}
    largest_svg = (0, "")
    largest_page = (0, "")
    pictured_pages = 0
    for rel, text in pages:
        size = len(text.encode())
        largest_page = max(largest_page, (size, rel))
        found = False
        for name, pattern in PARTS.items():
            for m in pattern.finditer(text):
                n = len(m.group(0).encode())
                totals[name] += n
                found = True
                if name == "svg":
                    largest_svg = max(largest_svg, (n, rel))
        pictured_pages += found
    return {
        "pages_with_pictures": pictured_pages,
        "bytes_by_part": totals,
        "bytes_added": sum(totals.values()),
        "largest_svg": {"bytes": largest_svg[0], "page": largest_svg[1]},
        "largest_page": {"bytes": largest_page[0], "page": largest_page[1]},
    }


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--json"]
    if len(args) != 1:
        raise SystemExit(__doc__)
    result = measure(Path(args[0]))
    if "--json" in sys.argv:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")
