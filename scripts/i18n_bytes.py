"""What a Spanish interface would cost in bytes: prints figures, asserts nothing.

    python scripts/i18n_bytes.py ARCHIVE_DIR

Generates the site's pages and downloads (`generate.generate`, no MkDocs, no Pagefind)
and prints, by kind of file: how many, their bytes, and the bytes of interface text in
them (every occurrence of an English string of `i18n.STRINGS` without placeholders,
counted at the length of its Spanish version). A second build in Spanish repeats the
pages (and MkDocs' theme around each, and their search index); one build with both
languages in each page adds about the interface column. docs/performance.md reads it.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from undersigned import i18n
from undersigned.catalogue import catalogue
from undersigned.generate import generate
from undersigned.load import load_archive


def kind_of(path: str) -> str:
    if path.endswith(".md"):
        top = path.split("/", 1)[0]
        return {"letters": "letter pages" if re.match(r"letters/\d{4}-\d\d-\d\d-", path)
                else "other pages", "signatories": "signatory pages"}.get(top, "other pages")
    if path.endswith(("feed.xml", "feed.json")):
        return "feeds"
    return "downloads"


def main() -> None:
    root = Path(sys.argv[1])
    files = generate(catalogue(load_archive(root)))
    # Longest first, so that "Letters signed" is not also counted as "Letters".
    strings = sorted(((v["en"], len(v["es"].encode())) for v in i18n.STRINGS.values()
                      if "{" not in v["en"]), key=lambda s: -len(s[0]))
    count: dict[str, int] = defaultdict(int)
    size: dict[str, int] = defaultdict(int)
    interface: dict[str, int] = defaultdict(int)
    for path, content in files.items():
        kind = kind_of(path)
        data = content if isinstance(content, bytes) else content.encode()
        count[kind] += 1
        size[kind] += len(data)
        if kind.endswith("pages"):
            text = content
            for en, es_bytes in strings:
                pattern = re.compile(rf"(?<![\w-]){re.escape(en)}(?![\w-])")
                hits = len(pattern.findall(text))
                if hits:
                    interface[kind] += hits * es_bytes
                    text = pattern.sub("", text)
    print(f"{'files':<16} {'count':>8} {'MB':>9} {'interface (es) MB':>18}")
    for kind in sorted(size):
        print(f"{kind:<16} {count[kind]:>8,} {size[kind] / 1e6:>9.1f} "
              f"{interface[kind] / 1e6:>18.2f}")
    print(f"{'all':<16} {sum(count.values()):>8,} {sum(size.values()) / 1e6:>9.1f} "
          f"{sum(interface.values()) / 1e6:>18.2f}")


if __name__ == "__main__":
    main()
