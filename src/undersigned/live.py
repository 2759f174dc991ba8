"""Incremental rebuilds for `undersigned serve`: an edited letter visible in a second.

`serve` runs the stages of `undersigned build`, the same functions, and keeps what
each made between rebuilds so that the next one redoes only what an edit changes:

- load: `load.load_archive` with the FileCache serve keeps: only files whose bytes
  changed are parsed again, and the cache names the files edited, added or removed;
- check: `validate.check_changes` checks again the letters those files can reach
  (the checks across files always run). On any error the last good site keeps being
  served, and the next rebuild applies every edit since it;
- catalogue: `catalogue.update_catalogue` rebuilds the views of the signatories the
  change reaches; when a letter's set of signatories changes, the co-signer lists are
  recomputed with `catalogue` after the rest is shown (~4 s at 1,000 letters);
- generate: `touched.pages_touched` says which pages the edit touches; those are
  generated (`touched.touched_pages`, the generate stage's own page functions) and
  compared with what was built; only pages whose content differs are rendered;
- render: MkDocs renders just those pages with the same configuration, theme and
  navigation as `undersigned build` (`mkdocs_speedups.PageRenderer`), so each page
  is byte for byte what a full build writes, and each file is replaced atomically.
  That goes through MkDocs internals: with another MkDocs version than the speed-ups
  were written for, serve rebuilds the whole site on every change (the plain path).

Not refreshed by an incremental rebuild: the search index (Pagefind), the archive-wide
downloads (data/: CSV, JSON, the database), the feeds and the sitemap keep their state
from the last full build (`make build`, or restarting `serve`): Pagefind alone takes
minutes at 10,000 letters, and would compete for the two cores with the next edit. A
letter's citation (cite.json, cite.bib) is written beside its page, and a signatory's
signatures.csv and signatures.json beside its own: a signatory page lists the letters
signed together from them (undersigned-together.js), so they are never stale. Edits to docs/,
overrides/ or mkdocs.yml (the renderer's own input) rebuild everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from . import export, spanish, urls
from .body import BodyFailed, body_renderer
from .catalogue import Catalogue, catalogue, update_catalogue
from .files import write_atomic
from .load import FileCache, load_archive
from .mkdocs_speedups import PageRenderer, versions_differ
from .models import Diagnostic
from .touched import Touched, owner, pages_touched, touched_pages
from .validate import Checked, check_changes

# What an incremental rebuild takes: the archive's data. Anything else (docs/,
# overrides/, mkdocs.yml) is the renderer's input and rebuilds everything.
INCREMENTAL = (("letters", ".md"), ("signatories", ".yml"), ("signatories", ".csv"),
               ("recipients", ".yml"))


def digest(text: str | bytes) -> bytes:
    """A page's fingerprint, the same for its text and its UTF-8 bytes."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.blake2b(data, digest_size=16).digest()


# ---------------------------------------------------------------- the live site

NAV_SOURCES = ("index.md", "letters/index.md", "signatories/index.md", "recipients/index.md",
               "tags/index.md", "data/index.md")


class LiveSite:
    """What serve built, kept in memory so that an edit rebuilds only what it changes."""

    def __init__(self, root: Path, site_dir: Path, config_file: Path | None = None,
                 log: Callable[[str], None] | None = None):
        from .sitebuild import config_file_for

        self.root = root
        self.site_dir = site_dir
        self.config_file = config_file or config_file_for(root)
        self.site_url: str | None = None  # read by each full build, as `build` reads it
        self.log = log or (lambda msg: print(msg, file=sys.stderr))
        self.files = FileCache()  # the loader's, kept between rebuilds
        self.catalogue: Catalogue | None = None  # of the last good site
        self.checked: Checked | None = None
        self.digests: dict[str, bytes] = {}
        self.nav_pages: dict[str, str | bytes] = {}
        self.es_digests: dict[str, bytes] = {}
        self.es_nav_pages: dict[str, str | bytes] = {}
        self.es_work: Path | None = None  # the Spanish site's configuration (spanish.py)
        self.epoch = "0"
        self.pending: set[str] = set()  # files changed since the last good site
        self.render_body = body_renderer()
        # Rendering a few pages alone goes through MkDocs internals (mkdocs_speedups):
        # with another MkDocs than they were written for, every change is a full build.
        self.speedups_off: str | None = versions_differ()

    @property
    def incremental(self) -> bool:
        """Whether edits can be rebuilt page by page (else each is a full build)."""
        return self.speedups_off is None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.checked.diagnostics if self.checked else []

    # -- full builds

    def full_build(self, timings: dict | None = None) -> list[Diagnostic]:
        """Build everything (as `undersigned build`) and remember it. BuildFailed on errors."""
        from .sitebuild import build, site_url_of, source_date_epoch

        # Again at each full build: an edit of mkdocs.yml (its site_url) comes with one,
        # and the incremental rebuilds after it write the pages and citations it would.
        self.site_url = site_url_of(self.config_file)
        archive = load_archive(self.root, self.files)
        # Said once every file is read: the rest takes minutes on a large archive.
        self.log(f"read {len(archive.letters)} letters and {len(archive.signatories)} "
                 "signatory records; building the site")
        warnings: list[Diagnostic] = []  # build's check fills it: every diagnostic
        checked: list[Checked] = []

        def checker(a) -> list[Diagnostic]:
            checked.append(check_changes(a))
            return checked[-1].diagnostics

        def observe(cat: Catalogue, pages: dict[str, bytes]) -> None:
            self.catalogue = cat
            # The Spanish hub pages (spanish.py, under es/) are kept apart: `_publish`
            # deletes what it no longer generates among its own.
            self.digests = {src: digest(text) for src, text in pages.items()
                            if not src.startswith(spanish.PREFIX)}
            self.es_digests = {src: digest(text) for src, text in pages.items()
                               if src.startswith(spanish.PREFIX)}
            self.nav_pages = {src: pages[src] for src in NAV_SOURCES if src in pages}
            self.es_nav_pages = {src: pages[src] for src in spanish.NAV_SOURCES if src in pages}
            self.epoch = source_date_epoch(pages, self.root)

        self.catalogue = self.checked = None
        try:
            build(self.root, self.site_dir, timings, warnings, self.config_file,
                  archive=archive, observe=observe, checker=checker)
        except BaseException:
            self.catalogue = None
            raise
        self.checked = checked[-1]
        self.pending = set()
        return warnings

    @property
    def ready(self) -> bool:
        return self.catalogue is not None and self.checked is not None

    # -- incremental

    @staticmethod
    def can_update(changed: Iterable[str], added: Iterable[str], removed: Iterable[str]) -> bool:
        """Whether these changes are the archive's data only (files edited, added or
        removed under letters/, signatories/, recipients/, and tags.yml)."""
        for rel in (*changed, *added, *removed):
            parts = rel.split("/")
            if rel == "tags.yml":
                continue
            if len(parts) != 2 or (parts[0], Path(parts[1]).suffix) not in INCREMENTAL:
                return False
        return True

    def update(self, changed: Iterable[str] = (), timings: dict | None = None,
               ) -> list[Diagnostic]:
        """Rebuild what the files changed since the last good site touch (the loader
        finds them; `changed` may name more): returns check's diagnostics (warnings)
        once the changed pages are written. BuildFailed (every diagnostic) leaves the
        site untouched; the next call applies every edit since the last good site."""
        from .sitebuild import BuildFailed, source_date_epoch

        assert self.catalogue is not None and self.checked is not None
        t = timings if timings is not None else {}
        start = time.perf_counter()
        old = self.catalogue
        archive = load_archive(self.root, self.files)
        self.pending |= self.files.changed | set(changed)
        changed = set(self.pending)
        t["load"] = round(time.perf_counter() - start, 3)

        mark = time.perf_counter()
        checked = check_changes(archive, self.checked, changed)
        if any(d.level == "error" for d in checked.diagnostics):
            raise BuildFailed(checked.diagnostics)
        t["check"] = round(time.perf_counter() - mark, 3)

        mark = time.perf_counter()
        letters = {Path(p).stem for p in changed if p.startswith("letters/")}
        records = {Path(p).stem for p in changed
                   if p.startswith("signatories/") and p.endswith(".yml")}
        cat, _, stale = update_catalogue(old, archive, letters, records, cosigners_later=True)
        t["catalogue"] = round(time.perf_counter() - mark, 3)

        if any(p == "tags.yml" or p.startswith("recipients/") for p in changed):
            # Tags and recipients are named on most pages: every page is made again
            # (and only those whose bytes differ are rendered).
            touched = Touched(frozenset(old.letter_by_id.keys() | cat.letter_by_id.keys()),
                              frozenset(old.signatories.keys() | cat.signatories.keys()), True)
        else:
            touched = pages_touched(old, cat, letters, records)
        if old.letter_by_id.keys() != cat.letter_by_id.keys():
            self.epoch = source_date_epoch({}, self.root)  # the newest date may have moved
        try:
            self._publish(cat, touched, t)
        except BodyFailed as failed:  # nothing written: the site stays as it was
            raise BuildFailed(failed.diagnostics) from None
        self.catalogue = cat
        self.checked = checked
        self.pending = set()
        t["total"] = round(time.perf_counter() - start, 3)
        if stale:
            # A letter gained or lost a signatory: the edit is visible; now every
            # co-signer list, which needs the whole catalogue (~40 s at 10,000 letters).
            t["visible"] = t["total"]
            self.log(f"edit shown after {t['visible']:.1f} s; now recomputing every "
                     "co-signer list")
            mark = time.perf_counter()
            full = catalogue(archive)
            t["cosigners"] = round(time.perf_counter() - mark, 3)
            self._publish(full, pages_touched(cat, full), {})
            self.catalogue = full
            t["total"] = round(time.perf_counter() - start, 3)
        return checked.diagnostics

    def _publish(self, cat: Catalogue, touched: Touched, t: dict) -> None:
        """Generate the pages touched, render those that differ from what was built,
        write them and delete the pages that are gone."""
        mark = time.perf_counter()
        pages = touched_pages(cat, touched, self.render_body, self.site_url)
        removed = [src for src in self.digests if touched.covers(src) and src not in pages]
        digests = {src: digest(text) for src, text in pages.items()}
        dirty = {src: pages[src] for src, d in digests.items() if self.digests.get(src) != d}
        t["generate"] = round(time.perf_counter() - mark, 3)
        t["pages_generated"] = len(pages)
        t["pages_changed"] = len(dirty)

        mark = time.perf_counter()
        nav_pages = {src: pages.get(src, self.nav_pages.get(src)) for src in NAV_SOURCES
                     if src in pages or src in self.nav_pages}
        rendered = PageRenderer(self.config_file, self.epoch).render(
            dirty, nav_pages, self.site_dir) if dirty else {}
        t["render"] = round(time.perf_counter() - mark, 3)

        mark = time.perf_counter()
        for dest, data in rendered.items():
            write_atomic(self.site_dir / dest, data, mode=0o644)
        for src in sorted(removed, key=len, reverse=True):  # a directory's pages before it
            _remove_page(self.site_dir / urls.url_of(src), owner(src)[:2] in ("L:", "S:"))
        # A regenerated letter's citation beside its page, as the full build writes it.
        for lid in sorted(touched.letters):
            letter = cat.letter_by_id.get(lid)
            if letter is not None:
                for name, text in export.cite_files(cat, letter, self.site_url).items():
                    write_atomic(self.site_dir / urls.letter_file(lid, name), text, mode=0o644)
        self._write_signatory_files(cat, touched.signatories)
        t["write"] = round(time.perf_counter() - mark, 3)
        for src in removed:
            self.digests.pop(src, None)
        self.digests.update(digests)
        self.nav_pages = nav_pages
        self._publish_spanish(cat, touched.indexes, t)

    def _write_signatory_files(self, cat: Catalogue, ids: Iterable[str]) -> None:
        """The signatures.csv and signatures.json of the signatories whose pages the edit
        touches (touched.py: every signatory printed on an edited letter among them), as
        the full build writes them: a signatory page lists the letters signed together
        from these files in the reader's browser (undersigned-together.js)."""
        fields = export.CsvFields()  # the full build's writer of these files
        for sid in sorted(ids):
            if sid in cat.signatories:
                for name, text in export.signatory_files_encoded(cat, sid, fields).items():
                    write_atomic(self.site_dir / urls.signatory_file(sid, name), text,
                                 mode=0o644)

    def _publish_spanish(self, cat: Catalogue, indexes: bool, t: dict) -> None:
        """The Spanish hub pages (spanish.py) that the edit changed, rendered under es/
        with the Spanish configuration (written once per serve into a directory of its
        own). Spanish hub pages come and go only with a full build (a year, an initial)."""
        import shutil
        import tempfile
        import weakref

        mark = time.perf_counter()
        pages = spanish.hub_pages(cat, self.site_url, indexes=indexes)
        digests = {src: digest(text) for src, text in pages.items()}
        dirty = {src: pages[src] for src, d in digests.items() if self.es_digests.get(src) != d}
        if dirty:
            if self.es_work is None:
                self.es_work = Path(tempfile.mkdtemp(prefix="undersigned-es-"))
                weakref.finalize(self, shutil.rmtree, self.es_work, True)
            config_file = spanish.write_config(self.config_file, self.es_work)
            nav_pages = {src: pages.get(src, self.es_nav_pages.get(src))
                         for src in spanish.NAV_SOURCES
                         if src in pages or src in self.es_nav_pages}
            rendered = PageRenderer(config_file, self.epoch).render(
                spanish.unprefixed(dirty), spanish.unprefixed(nav_pages),
                self.site_dir / spanish.LANG)
            for dest, data in rendered.items():
                write_atomic(self.site_dir / spanish.LANG / dest, data, mode=0o644)
            self.es_nav_pages = nav_pages
        self.es_digests.update(digests)
        t["spanish"] = round(time.perf_counter() - mark, 3)


def _remove_page(directory: Path, with_files: bool) -> None:
    """Delete a page that is gone: its index.html and, for a letter's or a signatory's
    page, the files beside it (a letter's citation, a signatory's downloads and feeds,
    which a full build would not write either); its directory too once empty."""
    with contextlib.suppress(OSError):
        for path in (directory.iterdir() if with_files else [directory / "index.html"]):
            if path.is_file() and not path.is_symlink():
                path.unlink()
        directory.rmdir()
