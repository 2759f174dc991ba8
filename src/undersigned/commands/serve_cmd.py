from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from .build_cmd import build_and_report

HELP = "build the site, serve it at http://127.0.0.1:PORT and rebuild when the archive changes"

# What a rebuild depends on, relative to the repository root.
WATCHED = ("letters", "signatories", "recipients", "tags.yml", "docs", "overrides", "mkdocs.yml")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    p.add_argument("--site-dir", default="site",
                   help="where to put the built site, relative to --root (default: site)")
    p.add_argument("--interval", type=float, default=1.0,
                   help="seconds between checks for changed files (default: 1)")


def snapshot(root: Path) -> tuple:
    """Names, sizes and modification times of every watched file."""
    seen = []
    for name in WATCHED:
        path = root / name
        paths = sorted(path.rglob("*")) if path.is_dir() else [path]
        for p in paths:
            try:
                st = p.stat()
            except OSError:
                continue
            seen.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(seen)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        pass

    def end_headers(self) -> None:
        # Rebuilds replace the whole directory: never let the browser keep an old page.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    site = root / args.site_dir
    if build_and_report(root, args.site_dir) != 0 and not site.is_dir():
        return 1
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving {site} at http://127.0.0.1:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    last = snapshot(root)
    try:
        while True:
            time.sleep(args.interval)
            now = snapshot(root)
            if now != last:
                last = now
                print("change detected: rebuilding", file=sys.stderr)
                build_and_report(root, args.site_dir)
    finally:
        server.shutdown()
        server.server_close()
