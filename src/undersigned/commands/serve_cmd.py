from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import re
import sys
import threading
import time
import urllib.parse
from http import HTTPStatus
from pathlib import Path

from ..live import LiveSite
from ..sitebuild import BuildFailed

HELP = ("build the site, serve it at http://127.0.0.1:PORT and rebuild the pages an edit "
        "changes, with the signatories' signatures.csv and .json (search index and the "
        "Data page's downloads: at the next full build)")

# What a rebuild depends on, relative to the repository root.
WATCHED = ("letters", "signatories", "recipients", "tags.yml", "docs", "overrides", "mkdocs.yml")


def port_number(text: str) -> int:
    """An argparse type: a TCP port, 0 included (the system picks a free one)."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give 0 to 65535")
    return port


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=port_number, default=8000,
                   help="port on 127.0.0.1; 0 takes a free one, named in the URL printed "
                        "once the site is served (default: 8000)")
    p.add_argument("--site-dir", default="site",
                   help="where to put the built site, relative to --root (default: site)")
    p.add_argument("--interval", type=float, default=1.0,
                   help="seconds between checks for changed files when no file event "
                        "arrives (default: 1)")
    p.add_argument("--full", action="store_true",
                   help="rebuild the whole site on every change, as `undersigned build` does "
                        "(slow on a large archive; refreshes the search index and downloads)")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """{path relative to root: (size, mtime)} of every watched file. os.scandir, not
    Path.rglob: polled every second over tens of thousands of files."""
    seen: dict[str, tuple[int, int]] = {}

    def walk(directory: str, rel: str) -> None:
        try:
            entries = list(os.scandir(directory))
        except OSError:
            return
        for entry in entries:
            name = f"{rel}/{entry.name}"
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, name)
                    continue
                st = entry.stat()
            except OSError:
                continue
            seen[name] = (st.st_size, st.st_mtime_ns)

    for name in WATCHED:
        path = root / name
        if path.is_dir() and not path.is_symlink():
            walk(str(path), name)
        else:
            try:
                st = path.stat()
            except OSError:
                continue
            seen[name] = (st.st_size, st.st_mtime_ns)
    return seen


def _report(diagnostics) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def _full(live: LiveSite, site_dir: str) -> bool:
    timings: dict[str, float] = {}
    try:
        warnings = live.full_build(timings)
    except BuildFailed as failed:
        _report(failed.diagnostics)
        errors = sum(d.level == "error" for d in failed.diagnostics)
        detail = f"{errors} errors" if failed.diagnostics else str(failed)
        print(f"undersigned: build failed: {detail}; {site_dir}/ left as it was",
              file=sys.stderr)
        return False
    _report(warnings)
    print(f"built the site into {site_dir}/ in {timings.get('total', 0):.1f} s",
          file=sys.stderr)
    return True


def rebuild(live: LiveSite, site_dir: str, changed: set[str], added: set[str],
            removed: set[str], full: bool = False) -> None:
    """Rebuild after a change: only the changed pages when the edit allows it."""
    if (full or not live.ready or not live.incremental
            or not live.can_update(changed, added, removed)):
        what = ("" if full or not live.ready else f" ({live.speedups_off})"
                if live.speedups_off else " (docs/, overrides/ or mkdocs.yml changed)")
        print(f"change detected: rebuilding the whole site{what}", file=sys.stderr)
        _full(live, site_dir)
        return
    timings: dict[str, float] = {}
    try:
        warnings = live.update(changed | added | removed, timings)
    except BuildFailed as failed:
        _report(failed.diagnostics)
        errors = sum(d.level == "error" for d in failed.diagnostics)
        print(f"undersigned: {errors} errors; still serving the last good site",
              file=sys.stderr)
        return
    _report(d for d in warnings if d.path in changed | added)
    shown = (f"visible after {timings['visible']:.1f} s, co-signer lists recomputed; "
             if "visible" in timings else "")
    print(f"updated {timings['pages_changed']} pages in {timings['total']:.1f} s ({shown}"
          "search index and the Data page's downloads: at the next full build)",
          file=sys.stderr)
    print("  " + ", ".join(f"{k} {v}" for k, v in timings.items()), file=sys.stderr)


def changes(last: dict[str, tuple[int, int]], now: dict[str, tuple[int, int]]
            ) -> tuple[set[str], set[str], set[str]]:
    """(changed, added, removed) paths between two snapshots."""
    changed = {p for p in now.keys() & last.keys() if now[p] != last[p]}
    return changed, now.keys() - last.keys(), last.keys() - now.keys()


def run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    site = root / args.site_dir
    # Listen before the first build, which takes minutes on a large archive: a port in use
    # is said at once. Requests wait in the socket's queue until the site is served.
    try:
        server = SiteServer(("127.0.0.1", args.port),
                            functools.partial(_Handler, directory=str(site)))
    except OSError as exc:
        print(f"undersigned: cannot listen on 127.0.0.1:{args.port}: "
              f"{exc.strerror or exc}; choose another port with --port "
              "(--port 0 takes a free one)", file=sys.stderr)
        return 1
    observer = None
    serving = False
    try:
        wake = threading.Event()
        observer = _watch(root, wake)
        # The first snapshot is taken before the first build reads a file: an edit saved
        # while that build runs differs from it and is rebuilt next, never lost.
        last = snapshot(root)
        live = LiveSite(root, site)
        if not _full(live, args.site_dir) and not site.is_dir():
            return 1
        threading.Thread(target=server.serve_forever, daemon=True).start()
        serving = True
        print(f"serving {site} at http://127.0.0.1:{server.server_address[1]}/ "
              "(Ctrl-C to stop)", file=sys.stderr)
        while True:
            # File events wake the loop at once; polling every --interval is the fallback.
            # An event during a rebuild leaves `wake` set, so the next check is immediate.
            if wake.wait(args.interval):
                time.sleep(0.1)  # let an editor finish writing the file
            wake.clear()
            now = snapshot(root)
            if now != last:
                # Snapshot first, rebuild after: a file saved during the rebuild differs
                # from `now` and is rebuilt on the next turn.
                changed, added, removed = changes(last, now)
                last = now
                rebuild(live, args.site_dir, changed, added, removed, args.full)
    finally:
        if observer is not None:
            observer.stop()
        if serving:  # shutdown() waits for serve_forever, which would never return
            server.shutdown()
        server.server_close()


def _watch(root: Path, wake: threading.Event):
    """Set `wake` on any change under the watched paths, with watchdog (which MkDocs
    depends on): inotify on Linux, no polling cost. None if it cannot start."""
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return None

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type not in ("opened", "closed_no_write"):
                wake.set()

    observer = Observer()
    handler = Handler()
    try:
        for name in WATCHED:
            path = root / name
            if path.is_dir():
                observer.schedule(handler, str(path), recursive=True)
        observer.schedule(handler, str(root), recursive=False)  # tags.yml, mkdocs.yml
        observer.daemon = True
        observer.start()
    except OSError:
        return None
    return observer


# Text files a browser gets gzipped from GitHub Pages (where deploy.yml publishes), so from
# us too. Pagefind's index files (.pf_*) and wasm (.pagefind) are gzip files already and
# are sent as stored.
COMPRESSED = frozenset((".html", ".htm", ".js", ".mjs", ".css", ".json", ".csv", ".svg",
                        ".xml", ".txt", ".md", ".map", ".webmanifest"))


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (`gzip;q=0` refuses it)."""
    allowed = {}
    for part in (header or "").split(","):
        name, _, params = part.partition(";")
        q = re.search(r"q=([01](?:\.\d*)?)", params)
        allowed[name.strip().lower()] = not q or float(q.group(1)) > 0
    return allowed.get("gzip", allowed.get("*", False))


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site, gzipping text files when the browser accepts it."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        pass

    def sent(self, path: str, stored: int, body: int) -> None:
        """Called for each file sent: its URL path, its size on disk and the bytes of the
        response body. Does nothing; the benchmark overrides it to log what it serves."""

    def send_head(self):
        url_path = urllib.parse.urlsplit(self.path).path
        if "\x00" in urllib.parse.unquote(url_path):
            # No file name holds a NUL byte; the stdlib would raise on it, not answer.
            self.send_error(HTTPStatus.BAD_REQUEST, explain="A URL's path cannot hold %00.")
            return None
        path = Path(self.translate_path(self.path))
        try:
            if path.is_dir() and url_path.endswith("/"):
                path = path / "index.html"
            is_file = path.is_file()
        except OSError:  # a name too long for the file system, among others: no such file
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")  # the stdlib's words
            return None
        if (path.suffix.lower() not in COMPRESSED or not is_file
                or not accepts_gzip(self.headers.get("Accept-Encoding"))):
            f = super().send_head()
            try:
                size = os.fstat(f.fileno()).st_size
            except (AttributeError, OSError):  # None, or a directory listing in memory
                return f
            self.sent(url_path, size, size)
            return f
        try:
            data = path.read_bytes()
        except OSError:
            return super().send_head()  # let the stdlib word the error
        body = gzip.compress(data, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.sent(url_path, len(data), len(body))
        return io.BytesIO(body)


class SiteServer(http.server.ThreadingHTTPServer):
    """One thread per request; a request that fails is a line on stderr, not a traceback."""

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError):  # the browser went away (a reload, a tab closed)
            return
        print(f"undersigned serve: answering {client_address[0]}: {type(exc).__name__}: "
              f"{exc}", file=sys.stderr)


class _Handler(SiteHandler):
    def end_headers(self) -> None:
        # Rebuilds replace pages in place: never let the browser keep an old one.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()
