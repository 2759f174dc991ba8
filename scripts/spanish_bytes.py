"""Bytes the Spanish interface adds to a built site: the hub pages rendered again under
/es/ (spanish.py), by kind of file.

    python scripts/spanish_bytes.py ARCHIVE_DIR [--keep DIR]
    python scripts/spanish_bytes.py --english-site SITE_DIR

Loads and catalogues the archive, writes its hub pages in Spanish and renders them with
the Spanish MkDocs configuration (a tree of their own) into a temporary directory (or
DIR), then prints the
count and bytes of its files: the pages, the theme's assets copied beside them, and the
sitemap. The pages built once (letters, signatories, recipients, tags) add nothing but
the CSS labels. Figures go to docs/performance.md ("Spanish interface").

`--english-site` instead counts the English hub pages of a site already built (of any
size, without building anything): what the Spanish copy of them weighs, near enough.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from undersigned import spanish  # noqa: E402
from undersigned import tree as tree_stage  # noqa: E402
from undersigned.sitebuild import config_file_for, prepare, render  # noqa: E402


def kind_of(rel: Path) -> str:
    if rel.parts[0] == "assets":
        return "theme assets (CSS, JavaScript)"
    if rel.suffix == ".html":
        return "pages"
    return "other (sitemap)"


def english_hubs(site: Path) -> int:
    """Print the count and bytes of the hub pages of a built English site."""
    files = size = 0
    for f in site.rglob("index.html"):
        rel = f.parent.relative_to(site).as_posix()
        srcs = ("index.md",) if rel == "." else (f"{rel}.md", f"{rel}/index.md")
        if rel.split("/")[0] != spanish.LANG and any(spanish.is_hub(s) for s in srcs):
            files += 1
            size += f.stat().st_size
    print(f"{site}: {files:,} English hub pages, {size / 1e6:.2f} MB")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", type=Path, nargs="?")
    ap.add_argument("--keep", type=Path, help="render into this directory and keep it")
    ap.add_argument("--english-site", type=Path, help="count a built site's English hub pages")
    args = ap.parse_args()
    if args.english_site:
        return english_hubs(args.english_site)
    if args.root is None:
        ap.error("give ARCHIVE_DIR or --english-site")
    root = args.root.resolve()
    start = time.perf_counter()
    cat = prepare(root)
    loaded = time.perf_counter()
    pages = spanish.hub_pages(cat, encode=True)
    generated = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="spanish-bytes-"))
    out = args.keep.resolve() if args.keep else work / "site"
    try:
        # A tree holding the Spanish rendering alone (the build adds it to the English one).
        tree = tree_stage.Tree(out=work / "tree", epoch="0")
        tree.out.mkdir()
        spanish.add_to_tree(tree, pages, config_file_for(root))
        render(tree, out)
        spanish.after_render(out)
        rendered = time.perf_counter()
        files: Counter = Counter()
        size: Counter = Counter()
        for f in (out / spanish.LANG).rglob("*"):
            if f.is_file():
                kind = kind_of(f.relative_to(out / spanish.LANG))
                files[kind] += 1
                size[kind] += f.stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(cat.letters):,} letters, {len(cat.signatories):,} signatories: "
          f"{len(pages):,} Spanish hub pages")
    print(f"{'kind':34} {'files':>8} {'MB':>9}")
    for kind in sorted(size):
        print(f"{kind:34} {files[kind]:>8,} {size[kind] / 1e6:>9.2f}")
    print(f"{'all':34} {sum(files.values()):>8,} {sum(size.values()) / 1e6:>9.2f}")
    print(f"load+catalogue {loaded - start:.1f} s, generate {generated - loaded:.1f} s, "
          f"render {rendered - generated:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
