"""Where the bytes of a built site's signatory pages are, by part of the page.

    python scripts/signatory_page_bytes.py SITE_DIR [--json]

Reads every `signatories/**/index.html` (pages of letters signed included) and adds up,
by the markup the templates write around them: the theme's shell outside the article,
the letters-signed table (and, inside it, its `<time>` markup, `data-label` attributes
and "as a member of" spans), the timeline and network figures, the co-signers table,
the letters signed together and the per-year tables. Prints figures; asserts nothing.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

PARTS = {
    "letters signed table": re.compile(r'<table class="us-table us-signed">.*?</table>', re.S),
    "timeline figure": re.compile(r'<figure class="us-figure" id="timeline">.*?</figure>',
                                  re.S),
    "network figure": re.compile(r'<figure class="us-figure us-figure--net">.*?</figure>',
                                 re.S),
    "co-signers table": re.compile(r'<table class="us-table" id="cosigners-table"[^>]*>.*?</table>',
                                   re.S),
    # Up to the co-signers table where it follows (the letters are listed in the page by
    # undersigned-together.js), else to the next section (the lists the pages once held).
    "letters signed together": re.compile(
        r'<h3 id="together">.*?(?=<h2|<table|</div>\s*</div>)', re.S),
    "per-year tables": re.compile(r'<details class="us-data">.*?</details>', re.S),
}
# Inside the letters-signed rows.
ROW_PARTS = {
    "  rows: <time> markup": re.compile(r'<time datetime="[^"]*">|</time>'),
    "  rows: data-label attributes": re.compile(r' data-label="[^"]*"'),
    "  rows: as a member of": re.compile(r'<span class="us-via">.*?</span>', re.S),
}


def measure(site: Path) -> dict:
    found = dict.fromkeys(["pages", "bytes", "shell outside the article", *PARTS, *ROW_PARTS], 0)
    for dirpath, _, names in os.walk(site / "signatories"):
        if "index.html" not in names or Path(dirpath) == site / "signatories":
            continue
        text = (Path(dirpath) / "index.html").read_text(encoding="utf-8")
        found["pages"] += 1
        found["bytes"] += len(text.encode("utf-8"))
        start, end = text.find("<article"), text.find("</article>")
        article = text[start:end]
        found["shell outside the article"] += len(text.encode("utf-8")) - len(
            article.encode("utf-8"))
        for name, pattern in PARTS.items():
            found[name] += sum(len(m.encode("utf-8")) for m in pattern.findall(article))
        for table in PARTS["letters signed table"].findall(article):
            for name, pattern in ROW_PARTS.items():
                found[name] += sum(len(m.encode("utf-8")) for m in pattern.findall(table))
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    found = measure(Path(args[0]))
    if "--json" in args:
        print(json.dumps(found, indent=1))
        return 0
    print(f"{found['pages']:,} signatory pages, {found['bytes'] / 2**20:,.1f} MB")
    for name, value in found.items():
        if name not in ("pages", "bytes"):
            print(f"{name}: {value / 2**20:,.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
