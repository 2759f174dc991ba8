"""Print, as JSON, the bytes a first Pagefind search downloads on a built site.

    python tests/browser/measure_search.py SITE_DIR [QUERY ...]

Serves SITE_DIR on 127.0.0.1 as `undersigned serve` does (text files gzipped), opens the
home page in Debian's Chromium with an empty cache, types each query into the header search
box (a fresh browser context per query, so each is a first query) and prints one JSON object
per query: the search files loaded with the page and those the query fetched, file by file,
each as stored and on the wire. The benchmark (issue "Scale") and the
browser test `test_browser_search_bytes.py` share this measurement.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from browser_support import Traffic, guard_context, launch_chromium, measure_first_query, serve


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        return 2
    site, queries = Path(argv[0]), argv[1:] or ["Mexico"]
    if not (site / "pagefind").is_dir():
        print(f"{site}: no pagefind/ directory: build the site first", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    traffic = Traffic()
    with serve(site) as base_url, sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            for query in queries:
                context = guard_context(browser, base_url, traffic)
                try:
                    print(json.dumps(measure_first_query(context, query)))
                finally:
                    context.close()
        finally:
            browser.close()
    if traffic.outside:
        print(f"outside requests blocked: {traffic.outside}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
