"""The site build as a library: check, generate, write the tree, render it with MkDocs,
index with Pagefind, swap (docs/architecture.md draws the stages).

`build(root, site_dir, timings)` is what `undersigned build` and `serve` run and
what the benchmark times stage by stage; `generate_tree(root, out)` is what
`undersigned generate` runs: the same tree, downloads included, for any renderer.
Nothing is written into `site_dir` until every stage has succeeded: the site is
built in a temporary directory next to it and swapped in at the end, so an invalid
archive or a failed render leaves the previous site untouched.

Reproducible: two builds of the same input are byte-identical. MkDocs' only
clock (sitemap dates, the gzip header) reads SOURCE_DATE_EPOCH; when it is not
set we derive it from the input (the newest letter's date), not from the clock.
"""

from __future__ import annotations

import calendar
import contextlib
import itertools
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from . import database, export, feeds, mkdocs_speedups, parallel, search_index, search_view, spanish
from . import tree as tree_stage
from .body import BodyFailed
from .catalogue import Catalogue, catalogue
from .generate import generate
from .load import load_archive
from .models import Archive, Diagnostic
from .validate import check


class BuildFailed(Exception):
    """The archive has errors (each a Diagnostic) or a build stage failed."""

    def __init__(self, diagnostics: list[Diagnostic] | None = None, message: str = ""):
        self.diagnostics = list(diagnostics or [])
        super().__init__(message or f"{len(self.diagnostics)} problems")


def load_checked(root: Path) -> tuple[Archive | None, list[Diagnostic]]:
    """Load and check an archive: (archive, every diagnostic); archive is None on any error."""
    archive = load_archive(root)
    found = check(archive)
    if any(d.level == "error" for d in found):
        return None, found
    return archive, found


@contextlib.contextmanager
def _stage(timings: dict | None, name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    if timings is not None:
        timings[name] = round(time.perf_counter() - start, 3)


def prepare(root: Path, timings: dict | None = None,
            warnings: list[Diagnostic] | None = None, archive: Archive | None = None,
            checker: Callable[[Archive], list[Diagnostic]] | None = None) -> Catalogue:
    """Load, check and catalogue an archive; BuildFailed listing every error.
    `archive`, if given, is used instead of loading `root` (serve keeps its own copy);
    `checker`, instead of `check` (serve's keeps each letter's result for the next)."""
    with _stage(timings, "load"):
        if archive is None:
            archive = load_archive(root)
    with _stage(timings, "check"):
        found = (checker or check)(archive)
    if any(d.level == "error" for d in found):
        raise BuildFailed(found)
    if warnings is not None:
        warnings.extend(found)
    with _stage(timings, "catalogue"):
        return catalogue(archive)


def generate_pages(root: Path, timings: dict | None = None,
                   warnings: list[Diagnostic] | None = None,
                   site_url: str | None = None) -> dict[str, str]:
    """Load, check, catalogue and generate: {relative path: content}; BuildFailed on errors."""
    cat = prepare(root, timings, warnings)
    with _stage(timings, "generate"):
        return _generate(cat, site_url=site_url)


def _generate(cat: Catalogue, **options) -> dict:
    """`generate`, with a letter body the renderer fails on (BodyFailed) a BuildFailed
    like every other problem of the archive."""
    try:
        return generate(cat, **options)
    except BodyFailed as failed:
        raise BuildFailed(failed.diagnostics) from None


def _settings(config_file: Path) -> dict:
    """mkdocs.yml as MkDocs reads it; {} if it cannot be read (MkDocs reports a broken
    mkdocs.yml when it renders)."""
    from mkdocs.utils import yaml_load

    try:
        with open(config_file, encoding="utf-8") as f:
            config = yaml_load(f)
    except Exception:
        return {}
    return config if isinstance(config, dict) else {}


def site_url_of(config_file: Path) -> str | None:
    """mkdocs.yml's `site_url`, the site's address, if it sets one (letters' citations
    give their permanent URL only then: an address is never guessed)."""
    url = _settings(config_file).get("site_url")
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


# Where the build keeps files it writes only for Pagefind to read once (the searchable
# pages' views, Pagefind's shards: 60,000 small files at 10,000 letters): a RAM disk
# when there is one with room, where making a file costs the kernel a fiftieth of what
# it costs on a disk (5,000 directories of one file each: 0.09 s of system CPU on
# /dev/shm, 5.0 s on this machine's ext4); else beside the site. Room: about 60 KB a
# letter is used at 10,000 letters; SCRATCH_BYTES_PER_LETTER leaves three times that,
# so a small /dev/shm (a container's 64 MB) is never filled.
RAM_DISK = Path("/dev/shm")
SCRATCH_BYTES_PER_LETTER = 200_000
SCRATCH_PREFIX = ".undersigned-scratch-"


def scratch_dir(letters: int, beside: Path) -> Path:
    """A new directory for the build's scratch files (see RAM_DISK), for the caller to
    delete: on the RAM disk if it has room for `letters` letters, else in `beside`."""
    try:
        room = os.statvfs(RAM_DISK)
        if (os.access(RAM_DISK, os.W_OK | os.X_OK)
                and room.f_bavail * room.f_frsize >= (letters + 1000) * SCRATCH_BYTES_PER_LETTER):
            return Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=RAM_DISK))
    except OSError:  # no RAM disk here (not Linux), or not ours to write
        pass
    return Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=beside))


def site_language(config_file: Path) -> str:
    """The language of the site's pages (`<html lang>`): mkdocs.yml's theme.language,
    else Material's own default, English."""
    theme = _settings(config_file).get("theme")
    lang = theme.get("language") if isinstance(theme, dict) else None
    return lang if isinstance(lang, str) and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*",
                                                          lang) else "en"


def write_data(cat: Catalogue, out_dir: Path, site_url: str | None = None) -> int:
    """Write the downloads into a built site, each as it is produced: the CSV/JSON files,
    the descriptions, the letters' citations, the feeds (whose ids are absolute URLs
    under `site_url`, if given), then the SQLite database."""
    count = 0
    made: set[str] = set()  # each signatory has four files in one directory: made once
    files = itertools.chain(export.site_data_chunks(cat, site_url),
                            ((rel, (text,)) for rel, text in feeds.feed_files(cat, site_url)))
    # Paths as text (a hundred thousand files at 10,000 letters: no path objects to make
    # and hash); `rel` is a URL path, "/"-separated.
    base = str(out_dir)
    for rel, chunks in files:
        path = f"{base}/{rel}"
        parent = path.rpartition("/")[0]
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.writelines(chunks)
        count += 1
    database.write_database(cat, out_dir / "data" / export.DATABASE_FILE)
    return count + 1


# MkDocs writes the build time into the gzip header of sitemap.xml.gz, an unsigned 32-bit
# field: a time before 1970 or after 2106-02-07 ends the build with a struct.error.
GZIP_MTIME_MAX = 2**32 - 1


def _clamped(epoch: int) -> str:
    return str(min(max(epoch, 0), GZIP_MTIME_MAX))


def source_date_epoch(pages: dict, root: Path) -> str:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the newest letter date in the archive;
    either clamped to what a gzip header holds (1970 to 2106: the check refuses letter
    dates after that, and a letter before 1970 is dated 1970 in the sitemap)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        given = os.environ["SOURCE_DATE_EPOCH"]
        try:
            return _clamped(int(given))
        except ValueError:
            return given  # MkDocs reports it
    dates = sorted(p.name[:10] for p in (root / "letters").glob("*.md"))
    if not dates:
        return "0"
    try:
        y, m, d = (int(x) for x in dates[-1].split("-"))
        return _clamped(calendar.timegm((y, m, d, 0, 0, 0)))
    except ValueError:
        return "0"


@contextlib.contextmanager
def build_epoch(epoch: str) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to `epoch` (MkDocs' only clock) while rendering, then restored."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def config_file_for(root: Path) -> Path:
    """The archive's own mkdocs.yml, else this checkout's (a data-only archive, e.g. a
    synthetic one for the benchmark, is rendered with the project's site configuration)."""
    own = root / "mkdocs.yml"
    return own if own.is_file() else Path(__file__).resolve().parents[2] / "mkdocs.yml"


def write_tree(root: Path, pages: dict[str, str | bytes], out: Path,
               config_file: Path | None = None, in_memory: bool = False,
               es_pages: dict[str, str | bytes] | None = None) -> tree_stage.Tree:
    """The tree stage (tree.py) with its failures a BuildFailed; `es_pages`, the hub
    pages in Spanish (spanish.py), a second rendering of it into the site's es/."""
    config_file = config_file or config_file_for(root)
    epoch = source_date_epoch(pages, root)
    try:
        tree = tree_stage.write_tree(pages, out, config_file, epoch, in_memory)
        if es_pages:
            spanish.add_to_tree(tree, es_pages, config_file)
        return tree
    except tree_stage.TreeFailed as exc:
        raise BuildFailed(message=str(exc)) from None


def render(tree: tree_stage.Tree, out_dir: Path, speedups: bool = True,
           notes: list[str] | None = None,
           after_clean: Callable[[], None] | None = None) -> None:
    """Run MkDocs (strict) over each rendering of a written tree into `out_dir`: what
    `mkdocs build -f TREE/mkdocs.yml` does, with the speed-ups of mkdocs_speedups
    unless `speedups` is false (or the installed MkDocs is not the version they were
    written for: a note saying so goes into `notes`). Pages a rendering keeps in
    memory are handed to MkDocs as they would be read from its docs directory.
    `after_clean`, if given, is called once MkDocs will delete nothing more in
    `out_dir` (as soon as it has emptied it with the speed-ups, else once rendered):
    other files may be written into it from then on."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    try:
        for rendering in tree.renderings:
            config = load_config(str(rendering.config_file),
                                 site_dir=str(out_dir / rendering.site_subdir), strict=True)
            # Only the rendering into out_dir itself empties it (the others, a subdirectory).
            clean_hook = after_clean if not rendering.site_subdir else None
            if speedups or rendering.pages is not None:
                note = mkdocs_speedups.install(config, rendering.pages, speedups, clean_hook)
                rendering.pages = None  # MkDocs holds them now
                clean_hook = None  # called by the speed-ups' `files` event
                if note and notes is not None:
                    notes.append(note)
            with build_epoch(tree.epoch):
                mkdocs_build(config)
            if clean_hook is not None:
                clean_hook()
    except MkDocsException as exc:
        raise BuildFailed(message=f"mkdocs: {exc}") from None
    finally:
        logger.removeHandler(handler)


def generate_tree(root: Path, out: Path, config_file: Path | None = None,
                  warnings: list[Diagnostic] | None = None) -> tree_stage.Tree:
    """`undersigned generate`: load, check, catalogue, generate, then the complete tree
    (pages, downloads and feeds in its docs/) written beside `out` and put in its place.
    BuildFailed on errors, with nothing written."""
    root = Path(root).resolve()
    config_file = config_file or config_file_for(root)
    cat = prepare(root, None, warnings)
    site_url = site_url_of(config_file)
    pages = _generate(cat, data=False, encode=True, site_url=site_url)
    es_pages = spanish.hub_pages(cat, site_url, encode=True)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        tree = write_tree(root, pages, tmp, config_file, es_pages=es_pages)
        write_data(cat, tmp / "docs", site_url)
        tree_stage.replace_dir(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    tree.out = out
    tree.renderings = [tree_stage.Rendering(out / r.config_file.relative_to(tmp),
                                            out / r.docs_dir.relative_to(tmp), r.site_subdir)
                       for r in tree.renderings]
    return tree


def index(out_dir: Path, during: Callable[[], None] | None = None,
          work: Path | None = None, source: Path | None = None) -> None:
    """Index the rendered site with Pagefind (search_index: sharded, then merged);
    `during` runs meanwhile (the downloads are written while Pagefind works); the
    shards are made in `work`, if given, left for the caller to delete. `source`, if
    given, holds the searchable pages' views (search_view.py), read instead of the
    rendered pages."""
    try:
        search_index.index(out_dir, run_during=during, work=work, source=source)
    except search_index.IndexFailed as exc:
        raise BuildFailed(message=str(exc)) from None


def replaceable(site_dir: Path) -> str | None:
    """Why the build may not put its site at `site_dir`, or None if it may.

    The swap renames whatever is at site_dir into the trash and deletes it: given
    `--site-dir /dev/null` as root, or a home directory, that would destroy it (a
    benchmark once did the first). So only a new path, an empty directory or a site an
    earlier build wrote (its index.html and pagefind/, which a swap always brings) is
    replaced; anything else is refused before any work, and left as it is."""
    if not os.path.lexists(site_dir):
        return None
    if site_dir.is_symlink() or not site_dir.is_dir():
        return (f"{site_dir}: error: it exists and is not a directory; give --site-dir "
                "a new path or the directory of an earlier build")
    if not any(site_dir.iterdir()):
        return None
    if (site_dir / "index.html").is_file():
        return None
    return (f"{site_dir}: error: a directory that holds no site (no index.html), and "
            "the build replaces it whole; give "
            "--site-dir a new or empty directory, or the directory of an earlier build")


def _swap(new: Path, site_dir: Path, trash: Path) -> None:
    """Replace site_dir by new: two renames, so the site is never half-written.
    The previous site goes into `trash`, deleted by the caller."""
    if site_dir.exists():
        os.rename(site_dir, trash / "previous")
    os.rename(new, site_dir)


def build(root: Path | str, site_dir: Path | str, timings: dict | None = None,
          warnings: list[Diagnostic] | None = None, config_file: Path | None = None,
          archive: Archive | None = None,
          observe: Callable[[Catalogue, dict[str, bytes]], None] | None = None,
          speedups: bool = True, notes: list[str] | None = None,
          checker: Callable[[Archive], list[Diagnostic]] | None = None) -> int:
    """Build the whole site into site_dir; returns the number of pages. BuildFailed on errors.

    One pipeline: load, check, catalogue, generate, the tree (tree.py: the pages and a
    generated mkdocs.yml on disk), render it (MkDocs, with mkdocs_speedups unless
    `speedups` is false), index (Pagefind), swap. `timings`, if given, receives seconds
    per stage (load, check, catalogue, generate, tree, render, data, search_index, swap)
    and the total; `warnings` receives check's warnings; `notes` a line if the speed-ups
    were asked for but are off (another MkDocs version).
    `archive` replaces loading `root`; `observe(catalogue, pages)` is called with the
    generated pages (UTF-8 bytes; the Spanish ones under es/) before they are rendered
    (serve remembers what it built from them); `checker` replaces `check` (the same
    check, its result kept).
    """
    root = Path(root).resolve()
    site_dir = Path(site_dir)
    if not site_dir.is_absolute():
        site_dir = root / site_dir
    if (refused := replaceable(site_dir)) is not None:
        raise BuildFailed(message=refused)
    total_start = time.perf_counter()
    cat = prepare(root, timings, warnings, archive, checker)
    config_file = config_file or config_file_for(root)
    site_url = site_url_of(config_file)
    with _stage(timings, "generate"):
        pages = _generate(cat, data=False, encode=True, site_url=site_url)
        es_pages = spanish.hub_pages(cat, site_url, encode=True)
    if observe is not None:
        observe(cat, {**pages, **es_pages})
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    # The CSV/JSON downloads need only the catalogue: at scale a forked process writes
    # them while MkDocs renders on the other core, straight into the site MkDocs renders
    # (no second tree to move file by file), once MkDocs has emptied it: the gate.
    # (The tree of `undersigned generate` holds them in its docs/; MkDocs would only
    # copy them.)
    out = tmp / "site"
    writer = parallel.Background(write_data, (cat, out, site_url), len(cat.letters),
                                 gated=True)
    scratch = None
    try:
        # The speed-ups take the generated pages from memory: the same bytes as from
        # the tree's docs/ (test_build), without writing and reading them back.
        in_memory = speedups and mkdocs_speedups.versions_differ() is None
        with _stage(timings, "views"):
            # What Pagefind reads: the searchable pages cut to their indexed part
            # (search_view.py), from the generated pages, before the tree takes them.
            scratch = scratch_dir(len(cat.letters), tmp)
            views = scratch / "search"
            if search_view.write_views(pages, views, site_language(config_file)) is None:
                views = None  # a page the cut cannot vouch for: index the rendered site
        with _stage(timings, "tree"):
            tree = write_tree(root, pages, tmp / "tree", config_file, in_memory,
                              es_pages=es_pages)
        del pages, es_pages  # the files (or the tree's renderings) hold them now
        with _stage(timings, "render"):
            render(tree, out, speedups, notes, after_clean=writer.open)
            spanish.after_render(out)

        def data() -> None:
            with _stage(timings, "data"):
                try:
                    writer.wait()  # forked: done by now, most often; else written here
                except RuntimeError as exc:
                    raise BuildFailed(message=f"writing the downloads: {exc}") from None

        # Pagefind reads the HTML while the downloads are written (or finished) beside it:
        # the two stages overlap, so their times add up to more than their share of total.
        with _stage(timings, "search_index"):
            # Pagefind's shards are deleted with the previous site, after the swap.
            index(out, during=data, work=scratch / "pagefind", source=views)
        with _stage(timings, "swap"):
            _swap(out, site_dir, tmp)
        if timings is not None:  # the new site is in place: what a reader waits for
            timings["total"] = round(time.perf_counter() - total_start, 3)
    finally:
        writer.cancel()
        # The previous site (or a failed attempt) is deleted last, outside `total`:
        # tens of thousands of files can take longer to delete than to write.
        with _stage(timings, "cleanup"):
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
            shutil.rmtree(tmp, ignore_errors=True)
    return tree.page_count
