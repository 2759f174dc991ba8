"""Screenshots of the pictures for the README and docs (docs/images/pictures-*.png).

    python scripts/picture_screenshots.py SITE_DIR

SITE_DIR is a site built from the seed letters (`undersigned build --site-dir SITE_DIR`).
Debian's Chromium draws each figure at the width a reader sees on a laptop; each PNG is
kept under 100 KB (a narrower shot of the map if needed) so the repository stays small.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "src"))

from browser_support import launch_chromium, serve  # noqa: E402

OUT = ROOT / "docs" / "images"
LIMIT = 100_000
# (file name, page, figure, viewport width)
SHOTS = [
    ("pictures-timeline.png", "/signatories/imumi/", "#timeline", 1280),
    ("pictures-cosigners.png", "/signatories/imumi/", ".us-figure--net", 1280),
    ("pictures-map.png", "/network/", ".us-figure--map svg", 760),
]
# Lines drawn without anti-aliasing: a PNG of a few colours, a third of the bytes.
CRISP = ".us-pic line { shape-rendering: crispEdges; }"


def main(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with serve(site) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        for name, path, selector, width in SHOTS:
            while True:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(url + path)
                page.add_style_tag(content=CRISP)
                out = OUT / name
                page.locator(selector).first.screenshot(path=str(out))
                page.close()
                size = out.stat().st_size
                if size <= LIMIT or width < 500:
                    break
                width -= 80
            print(f"{out.relative_to(ROOT)}: {size:,} bytes at {width} px")
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]))
