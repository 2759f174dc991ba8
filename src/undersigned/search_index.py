"""The search index: Pagefind run in shards, merged into one compact bundle.

Why not one Pagefind run over the whole site: Pagefind holds every page it reads
in memory until it writes (about 0.9 MB per letter page, 8 GB at 10,000
letters) and uses one core. Run over shards of the site (each a glob of whole
directories: a letter's, or a section's), two at a time, each shard stays near
1 GB and both cores work.
The shards' indexes are then merged into the bundle one run would have
written, word by word, so the browser loads one index as before.

The merge also makes the first query cheaper and the bundle byte-reproducible.
The metadata file every first query downloads lists every page by its
fragment's name and word count: Pagefind names fragments by a content hash (7
hex digits of entropy per page, 202 KB at 31,000 pages). Here pages are ordered
by word count and fragments named by their position in that order, under a
directory named from their contents (`fragment/en_<digest>/<n>.pf_fragment`):
the list compresses to a quarter, and a changed page still gets a new URL.
Filter values, filters and words are written in sorted order.

Pagefind's files are gzip-compressed CBOR after a `pagefind_dcd` signature
(formats read from Pagefind 1.5.2's output; pagefind_cbor.py is the
codec). Index postings are copied as raw CBOR: only page numbers are decoded,
so merging stays cheap. The format is private to Pagefind: a bundle written by
a Pagefind other than PAGEFIND_VERSION fails the build, naming both versions
(pyproject.toml pins the same minor version), rather than being merged by
guesswork or indexed again in one run that would need 8 GB at 10,000 letters.
A feature of that version the merge does not handle (sorts, say) makes it give
up, and the site is indexed by one plain Pagefind run instead (with a warning).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import heapq
import itertools
import json
import operator
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import parallel
from .pagefind_cbor import SIGNATURE, Unsupported, decode, encode, head
from .search_view import in_tag

# A shard holds at most this many bytes of letter pages (their bodies are what
# Pagefind indexes; ~20x their size in Pagefind's memory); other pages index a
# name or a title and count as OTHER_PAGE_BYTES each.
SHARD_BYTES = 48_000_000
OTHER_PAGE_BYTES = 1_000
# At most this many globs (letters' directories) per shard: Pagefind refuses a glob of
# twenty thousand alternatives, and takes a thousand.
MAX_GLOBS = 800
# A word chunk closes once it holds this many (location + page) entries: Pagefind's rule.
CHUNK_ENTRIES = 20_000
# The merge works on ranges of words of about this many of the shards' chunks each.
RANGE_CHUNKS = 64
# gzip level of the word chunks (most of the bundle's bytes): at 10,000 letters level 4
# compresses them in a third of level 6's time (3 s against 10 s) for 4% more bytes.
INDEX_GZIP_LEVEL = 4


# The Pagefind release series whose files the merge reads; pyproject.toml pins the same.
PAGEFIND_VERSION = "1.5"


class IndexFailed(Exception):
    pass


def check_version(found: object, where: str) -> None:
    """IndexFailed unless `found`, the version Pagefind wrote into a bundle (`where`
    says which file), is of the PAGEFIND_VERSION series."""
    if isinstance(found, str) and found.split(".")[:2] == PAGEFIND_VERSION.split("."):
        return
    stated = f"Pagefind {found}" if isinstance(found, str) else \
        f"a Pagefind that states no version ({where} has {found!r})"
    raise IndexFailed(
        f"{stated} wrote the search index ({where}), but undersigned merges the files of "
        f"Pagefind {PAGEFIND_VERSION}.x only: install the pinned version (`make install`, "
        f"or `pip install -c constraints.txt -e .`), or teach search_index.py the new "
        f"format and change its PAGEFIND_VERSION and pyproject.toml's pin together")


# --- planning and running the shards ---------------------------------------------

def _weight(site: Path, rel: str) -> int:
    """A letter page's size; OTHER_PAGE_BYTES for any other page (not read from disk)."""
    parts = rel.split("/")
    is_letter = len(parts) == 3 and parts[0] == "letters" and parts[2] == "index.html"
    return (site / rel).stat().st_size if is_letter else OTHER_PAGE_BYTES


@dataclass
class Shard:
    """Part of the site indexed by one Pagefind run: Pagefind globs (relative to the site)
    and the HTML files they match."""
    globs: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def glob(self) -> str:
        return self.globs[0] if len(self.globs) == 1 else "{" + ",".join(self.globs) + "}"


# A name Pagefind's globs take literally (every id is a slug; so are the guides' names).
_GLOB_SAFE = re.compile(r"^[A-Za-z0-9._-]+$")


def _units(site: Path) -> Iterator[tuple[str, list[str]]]:
    """(glob, HTML files) of the site's parts, in path order: each letter's directory,
    each other top-level directory, each top-level file. Unsupported if a name would
    not be literal in a glob."""
    def html_under(rel: str) -> list[str]:
        found = []
        for directory, _dirs, names in os.walk(site / rel):
            prefix = Path(directory).relative_to(site).as_posix() + "/"
            found += [prefix + n for n in names if n.endswith(".html")]
        return sorted(found)

    def unit(rel: str, is_dir: bool) -> tuple[str, list[str]]:
        if not all(_GLOB_SAFE.match(part) for part in rel.split("/")):
            raise Unsupported(f"a name Pagefind's globs would not take literally: {rel!r}")
        files = html_under(rel) if is_dir else [rel]
        glob = files[0] if len(files) == 1 else f"{rel}/**/*.html"
        return glob, files

    for entry in sorted(os.scandir(site), key=lambda e: e.name):
        if entry.name == "pagefind":
            continue
        if entry.is_dir() and entry.name == "letters":
            for sub in sorted(os.scandir(entry.path), key=lambda e: e.name):
                if sub.is_dir() or sub.name.endswith(".html"):
                    yield unit(f"letters/{sub.name}", sub.is_dir())
        elif entry.is_dir() or entry.name.endswith(".html"):
            yield unit(entry.name, entry.is_dir())


def plan_shards(site: Path, shard_bytes: int = SHARD_BYTES,
                max_globs: int = MAX_GLOBS) -> list[Shard]:
    """The site's HTML files cut into consecutive shards of whole directories (every
    letter's, each other section's) of at most `shard_bytes` and `max_globs` globs."""
    shards = [Shard()]
    load = 0
    for glob, files in _units(site):
        if not files:
            continue
        weight = sum(_weight(site, rel) for rel in files)
        if shards[-1].globs and (load + weight > shard_bytes
                                 or len(shards[-1].globs) >= max_globs):
            shards.append(Shard())
            load = 0
        shards[-1].globs.append(glob)
        shards[-1].files += files
        load += weight
    # Pagefind skips pages without data-pagefind-body when any page of its run has one,
    # and indexes them whole when none has: a shard of such pages alone is left out.
    return [s for s in shards if any(_has_body((site / rel).read_bytes())
                                     for rel in s.files)] or shards


def _has_body(html: bytes) -> bool:
    """Whether a page marks an element data-pagefind-body (in a tag, not in its text)."""
    i = html.find(b"data-pagefind-body")
    while i >= 0:
        if in_tag(html, i):
            return True
        i = html.find(b"data-pagefind-body", i + 1)
    return False


def _pagefind(site: Path, shard: Shard, output: Path, work: Path) -> subprocess.Popen:
    """Pagefind over the shard's files, read in place (its globs in a configuration file:
    a command line could not hold a thousand letters' directories)."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "pagefind.json").write_text(json.dumps(
        {"site": str(site), "glob": shard.glob(), "output_path": str(output)}),
        encoding="utf-8")
    with open(work / "log", "wb") as log:
        return subprocess.Popen([sys.executable, "-m", "pagefind", "--silent"], cwd=work,
                                stdout=log, stderr=subprocess.STDOUT)


def index_shards(site: Path, shards: list[Shard], work: Path, jobs: int) -> list[Path]:
    """Pagefind over each shard, `jobs` at a time, those with the most pages first
    (Pagefind's time follows pages more than bytes, so the big shard of names does not
    run alone at the end); a run starts as soon as any other ends. The bundles, in the
    shards' order, stay under `work`, for the caller to delete."""
    todo = sorted(range(len(shards)), key=lambda k: -len(shards[k].files))
    running: dict[subprocess.Popen, int] = {}
    failures = []
    while todo or running:
        while todo and len(running) < jobs:
            k = todo.pop(0)
            running[_pagefind(site, shards[k], work / f"bundle{k}", work / f"run{k}")] = k
        done = [proc for proc in running if proc.poll() is not None]
        if not done:
            time.sleep(0.02)
        for proc in done:
            k = running.pop(proc)
            if proc.returncode != 0:
                failures.append(f"pagefind failed ({proc.returncode}):\n"
                                f"{(work / f'run{k}' / 'log').read_text(errors='replace')}")
    if failures:
        raise IndexFailed("\n".join(failures))
    return [work / f"bundle{k}" for k in range(len(shards))]


def index(site: Path, jobs: int | None = None, shard_bytes: int = SHARD_BYTES,
          run_during: Callable[[], None] | None = None, work: Path | None = None,
          source: Path | None = None) -> int:
    """Index the built site into `site/pagefind/`; returns the number of shards.
    IndexFailed if Pagefind fails, or is not of the PAGEFIND_VERSION series.

    `source`, if given, is what Pagefind reads instead of the site's pages: the pages
    cut down to what it indexes, at the same paths (search_view.py), which give the
    same index for less of Pagefind's time.

    `run_during`, if given, runs in this thread while Pagefind works (the build writes
    its downloads meanwhile: they are CSV and JSON, which Pagefind's globs never match).
    `work`, if given, is where the shards are made, left for the caller to delete (the
    build deletes it with the previous site, after the new one is in place); else a
    temporary directory deleted here."""
    jobs = jobs or min(2, os.cpu_count() or 1)
    pages = source or site
    try:
        shards = plan_shards(pages, shard_bytes)
    except Unsupported as exc:
        print(f"undersigned: warning: {exc}; indexing the site in one run", file=sys.stderr)
        shards = [Shard(["**/*.html"])]
    own = work is None
    work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site.parent)) if own else work
    try:
        result: dict = {}

        def run() -> None:
            try:
                result["bundles"] = index_shards(pages, shards, work, jobs)
            except BaseException as exc:  # noqa: BLE001 (re-raised below, in this thread)
                result["error"] = exc

        worker = threading.Thread(target=run)
        worker.start()
        try:
            if run_during is not None:
                run_during()
        finally:
            worker.join()
        if "error" in result:
            raise result["error"]
        try:
            merge(result["bundles"], site / "pagefind", jobs)
        except (Unsupported, ValueError, KeyError, IndexError, TypeError) as exc:
            # A Pagefind whose format we do not know: its own single run, as it wrote it.
            print(f"undersigned: warning: Pagefind's shards could not be merged ({exc}); "
                  "indexing the site in one run", file=sys.stderr)
            bundle, = index_shards(pages, [Shard(["**/*.html"])], work / "whole", 1)
            shutil.rmtree(site / "pagefind", ignore_errors=True)
            shutil.move(bundle, site / "pagefind")
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
    return len(shards)


# --- reading Pagefind's files -------------------------------------------------------

def _read_raw(path: Path) -> bytes:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise Unsupported(f"{path.name}: no signature")
    return raw[len(SIGNATURE):]


def _read(path: Path):
    body = _read_raw(path)
    value, end = decode(body)
    if end != len(body):
        raise Unsupported(f"{path.name}: trailing bytes")
    return value


def _digest(body: bytes) -> str:
    """A file's content hash, from which its name is made (as Pagefind names them)."""
    return hashlib.sha1(SIGNATURE + body).hexdigest()


def _write(path: Path, body: bytes, level: int = 9) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name: the gzip header carries no build-specific bytes.
    path.write_bytes(gzip.compress(SIGNATURE + body, compresslevel=level, mtime=0))


def _arg(data: bytes, i: int, major: int) -> tuple[int, int]:
    head = data[i]
    if head >> 5 != major:
        raise Unsupported(f"major type {head >> 5} where {major} was expected at {i}")
    info = head & 31
    if info < 24:
        return info, i + 1
    if info > 27:
        raise Unsupported(f"length {info} at {i}")
    size = 1 << (info - 24)
    return int.from_bytes(data[i + 1:i + 1 + size], "big"), i + 1 + size


def _text(data: bytes, i: int) -> tuple[str, int]:
    n, i = _arg(data, i, 3)
    return data[i:i + n].decode("utf-8"), i + n


# One page posting of a word: [page delta, [locations...], [meta locations...]], all
# integers. Integer heads take 0, 1, 2, 4 or 8 following bytes; array heads of up to
# 65,535 items. Integer and array heads are disjoint byte ranges, so a posting parses
# one way only (possessive quantifiers: no backtracking state is kept).
# (The commonest heads first: a 2-byte location, a 1-byte one or a weight, a small one.)
_INT = rb"(?:\x19..|[\x18\x38].|[\x00-\x17\x20-\x37]|\x39..|[\x1a\x3a]....|[\x1b\x3b]........)"
_ARRAY = rb"(?:[\x80-\x97]|\x98.|\x99..)"


def _posting(group: Callable[[bytes], bytes]) -> bytes:
    return (b"\x83" + group(_INT)
            + group(group(_ARRAY) + _INT + rb"*+" + _ARRAY + _INT + rb"*+"))


# A word's page list is a run of postings: what follows it (a variants' array head, a
# variant's or a word's array head then a text head) can never continue it.
_RUN = re.compile(b"(?:" + _posting(lambda x: b"(?:" + x + b")") + b")*+", re.S)
# Each posting's (delta, locations, head of the locations' array), found by C all at once
# in one pass: findall matches posting after posting, then the last alternative takes
# the rest of the data in one step (a repeated "any byte" jumps to the end) and stops it.
_ONE = re.compile(_posting(lambda x: b"(" + x + b")"), re.S)
_EACH = re.compile(_ONE.pattern + b"|()(?s:.+)", re.S)


class _Heads(dict):
    """CBOR head bytes -> the number they carry, decoded once per distinct head (a page
    delta, or the length of an array: a few hundred distinct values at most), so that
    the postings are decoded by map() in C rather than one by one in Python."""

    def __init__(self, major: int):
        super().__init__()
        self.major = major

    def __missing__(self, raw: bytes) -> int:
        if raw[0] >> 5 != self.major:  # a negative page number, say
            raise Unsupported(f"major type {raw[0] >> 5} where {self.major} was expected")
        value = raw[0] & 31 if len(raw) == 1 else int.from_bytes(raw[1:], "big")
        self[raw] = value
        return value


_DELTA = _Heads(0)
_LENGTH = _Heads(4)


def _postings(data: bytes, i: int, pages: list[int]) -> tuple[dict[int, bytes], int, int]:
    """A word's page list at `i`: ({our page number: raw locations}, its entries (one per
    location and one per page: Pagefind's size unit), where it ends). Page numbers are
    delta-coded; `pages` maps the shard's numbers to ours."""
    n, start = _arg(data, i, 4)
    if n == 1:  # most words: one page (a name, say)
        one = _ONE.match(data, start)
        if one is None:
            raise Unsupported(f"a page posting of another shape at {start}")
        delta, locs, length = one.groups()
        return {pages[_DELTA[delta]]: locs}, _LENGTH[length] + 1, one.end()
    found = _EACH.findall(data, start)
    if found and not found[-1][0]:
        found.pop()  # the rest of the data, past the last posting
    if len(found) != n:
        raise Unsupported(f"a page posting of another shape after {start}")
    if not n:
        return {}, 0, start
    deltas, locs, heads, _rest = zip(*found, strict=True)
    numbers = map(pages.__getitem__, itertools.accumulate(map(_DELTA.__getitem__, deltas)))
    postings = dict(zip(numbers, locs, strict=True))
    if len(postings) != n:
        raise Unsupported(f"a page listed twice for one word after {start}")
    end = start + n + sum(map(len, deltas)) + sum(map(len, locs))  # each posting's \x83
    return postings, sum(map(_LENGTH.__getitem__, heads)) + n, end


def _skip_postings(data: bytes, i: int) -> int:
    """Past a word's page list, unread (a word of another range)."""
    _n, start = _arg(data, i, 4)
    return _RUN.match(data, start).end()


@dataclass
class _Word:
    word: str
    postings: dict[int, bytes]
    entries: int  # of `postings`: what closes a chunk
    variants: dict[str, dict[int, bytes]] = field(default_factory=dict)


def _tuple(data: bytes, i: int, size: int, what: str) -> int:
    """Past the head of an array that must hold `size` items."""
    n, i = _arg(data, i, 4)
    if n != size:
        raise Unsupported(f"{what} of {n} items")
    return i


def _chunk_words(data: bytes, pages: list[int], lo: str | None = None,
                 hi: str | None = None) -> Iterator[_Word]:
    """A chunk's words w with lo <= w < hi; the others' page lists are skipped unread."""
    i = _tuple(data, 0, 1, "an index chunk")
    n, i = _arg(data, i, 4)
    for _ in range(n):
        word, i = _text(data, _tuple(data, i, 3, "a word"))
        if (lo is not None and word < lo) or (hi is not None and word >= hi):
            i = _skip_postings(data, i)
            count, i = _arg(data, i, 4)
            for _ in range(count):
                _form, i = _text(data, _tuple(data, i, 2, "a word variant"))
                i = _skip_postings(data, i)
            continue
        postings, entries, i = _postings(data, i, pages)
        entry = _Word(word, postings, entries)
        count, i = _arg(data, i, 4)
        for _ in range(count):
            form, i = _text(data, _tuple(data, i, 2, "a word variant"))
            entry.variants[form], _entries, i = _postings(data, i, pages)
        yield entry
    if i != len(data):
        raise Unsupported("trailing bytes in an index chunk")


def _shard_words(bundle: Path, chunks: list, pages: list[int], lo: str | None,
                 hi: str | None) -> Iterator[_Word]:
    """A shard's words w with lo <= w < hi, in order. Chunk i holds words from its `from`
    up to before chunk i+1's `from` (Pagefind's boundaries are distinguishing prefixes),
    so only the chunks that can hold such words are read."""
    for i, (start, _end, name) in enumerate(chunks):
        following = chunks[i + 1][0] if i + 1 < len(chunks) else None
        if hi is not None and start >= hi:
            break
        if lo is not None and following is not None and following <= lo:
            continue
        yield from _chunk_words(_read_raw(bundle / "index" / f"{name}.pf_index"), pages,
                                lo, hi)


# --- writing the merged bundle --------------------------------------------------------

class _DeltaHeads(dict):
    """Page delta -> a posting's array head and the delta's head, made once per distinct
    delta (for map() in C)."""

    def __missing__(self, delta: int) -> bytes:
        self[delta] = value = b"\x83" + head(0, delta)
        return value


_DELTA_HEAD = _DeltaHeads()


def _encode_postings(postings: dict[int, bytes]) -> bytes:
    if len(postings) == 1:
        (page, locs), = postings.items()
        return b"\x81" + _DELTA_HEAD[page] + locs
    pages = sorted(postings)
    deltas = map(operator.sub, pages, itertools.chain((0,), pages))
    # [delta, locations...] per page, in page order, joined in C.
    return head(4, len(pages)) + b"".join(itertools.chain.from_iterable(zip(
        map(_DELTA_HEAD.__getitem__, deltas), map(postings.__getitem__, pages),
        strict=True)))


def _encode_word(word: _Word) -> bytes:
    variants = sorted(word.variants.items())
    return b"".join([b"\x83", encode(word.word), _encode_postings(word.postings),
                     head(4, len(variants)),
                     *(b"\x82" + encode(form) + _encode_postings(p) for form, p in variants)])


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's chunk boundaries: the shortest prefixes that still tell a from b."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


def _short_name(lang: str, digest: str, taken: set[str], length: int = 7) -> str:
    name = f"{lang}_{digest[:length]}"
    while name in taken and length < len(digest):
        length += 1
        name = f"{lang}_{digest[:length]}"
    taken.add(name)
    return name


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def _merge_words(shards: list[tuple[Path, list]], maps: list[list[int]], out: Path,
                 lo: str | None, hi: str | None, chunk_entries: int) -> list[tuple[str, str, str]]:
    """Merge the shards' words w with lo <= w < hi into chunk files named by their full
    digest; returns (first word, last word, digest) per chunk, in order.

    A chunk never ends on a word that begins the next chunk's first word ("a" before
    "aa"): Pagefind's browser side finds a word's chunk by the boundaries' distinguishing
    prefixes, and such a boundary ("a" | "aa") would send every later a-word to the
    earlier chunk when its exact bounds miss (the last word of each chunk)."""
    streams = [_shard_words(bundle, meta[2], maps[k], lo, hi)
               for k, (bundle, meta) in enumerate(shards)]
    written: list[tuple[str, str, str]] = []
    chunk: list[bytes] = []
    size = 0
    first = last = ""

    def flush() -> None:
        body = head(4, 1) + head(4, len(chunk)) + b"".join(chunk)
        digest = _digest(body)
        _write(out / "index" / f"{digest}.pf_index", body, level=INDEX_GZIP_LEVEL)
        written.append((first, last, digest))

    group: _Word | None = None
    for word in [*heapq.merge(*streams, key=lambda w: w.word), None]:
        if word is not None and group is not None and word.word == group.word:
            # The shards' page numbers are disjoint: their lists only add up.
            group.postings.update(word.postings)
            group.entries += word.entries
            for form, postings in word.variants.items():
                if form in group.variants:
                    group.variants[form].update(postings)
                else:
                    group.variants[form] = postings
            continue
        if group is not None:
            if chunk and size >= chunk_entries and not group.word.startswith(last):
                flush()
                chunk, size = [], 0
            first = first if chunk else group.word
            chunk.append(_encode_word(group))
            size += group.entries
            last = group.word
        group = word
    if chunk:
        flush()
    return written


def _merge_ranges(shards: list[tuple[Path, list]], maps: list[list[int]], out: Path,
                  chunk_entries: int, ranges: list[tuple[str | None, str | None]]) -> list:
    """_merge_words for each (lo, hi) range, in order (parallel.map_chunks' unit)."""
    return [_merge_words(shards, maps, out, lo, hi, chunk_entries) for lo, hi in ranges]


def _merge_language(lang: str, shards: list[tuple[Path, list]], out: Path, taken: set[str],
                    jobs: int, range_chunks: int, chunk_entries: int) -> tuple[str, int]:
    """Merge one language's indexes of every shard into `out`; (meta name, page count)."""
    version, meta_fields = shards[0][1][0], shards[0][1][5]
    listed = []  # (word count, original fragment name, shard, shard page number)
    for k, (_bundle, meta) in enumerate(shards):
        if len(meta) != 6 or meta[0] != version or meta[4]:
            raise Unsupported("a metadata file of another shape (or with sorts)")
        listed += [(count, name, k, p) for p, (name, count) in enumerate(meta[1])]
        meta_fields = meta_fields + [f for f in meta[5] if f not in meta_fields]
    # Shorter pages first, ties by content: the word counts form runs that compress.
    order = sorted(range(len(listed)), key=lambda n: listed[n][:2])
    new_number = [0] * len(listed)
    for new, old in enumerate(order):
        new_number[old] = new
    starts, start = [], 0
    for _bundle, meta in shards:
        starts.append(start)
        start += len(meta[1])
    maps = [new_number[s:s + len(m[1])] for s, (_b, m) in zip(starts, shards, strict=True)]

    # Fragments: named by position under a directory named by all their contents.
    pages = []
    digest = hashlib.sha1("\n".join(listed[n][1] for n in order).encode()).hexdigest()
    directory = _short_name(lang, digest, taken, 10)
    (out / "fragment" / directory).mkdir(parents=True, exist_ok=True)
    # Thirty thousand links at 10,000 letters: made relative to open directories (no
    # path objects, no walk of the whole path by the kernel for each).
    fds: list[int] = []
    try:
        fds += [os.open(bundle / "fragment", os.O_RDONLY) for bundle, _meta in shards]
        fds.append(os.open(out / "fragment" / directory, os.O_RDONLY))
        sources, target_dir = fds[:-1], fds[-1]
        for new, old in enumerate(order):
            count, name, k, _p = listed[old]
            number = _b36(new)
            target = f"{directory}/{number}"
            try:  # the shards are deleted after: in effect a move
                os.link(f"{name}.pf_fragment", f"{number}.pf_fragment",
                        src_dir_fd=sources[k], dst_dir_fd=target_dir)
            except FileExistsError:
                pass
            except OSError:
                shutil.copyfile(shards[k][0] / "fragment" / f"{name}.pf_fragment",
                                out / "fragment" / f"{target}.pf_fragment")
            pages.append([target, count])
    finally:
        for fd in fds:
            os.close(fd)

    # Words: a k-way merge of the shards' sorted word lists, rechunked. The alphabet is
    # cut into ranges of about `range_chunks` of the shards' chunks, merged side by side
    # by `jobs` forked processes (the work is Python). The cuts depend on the data only,
    # so the bundle is the same bytes whatever the number of cores; they are single
    # characters, which no word ending a range can begin (see _merge_words).
    starts = sorted(c[0] for _b, meta in shards for c in meta[2])
    cuts = sorted({c[0] for c in starts[range_chunks::range_chunks] if c} - {starts[0][:1]}) \
        if starts else []
    ranges = list(zip([None, *cuts], [*cuts, None], strict=True))
    written = parallel.map_chunks(
        functools.partial(_merge_ranges, shards, maps, out, chunk_entries), ranges,
        serial_below=2, processes=jobs)
    chunks_meta = []
    for first, last, digest in (c for part in written for c in part):
        name = _short_name(lang, digest, taken)
        (out / "index" / f"{digest}.pf_index").rename(out / "index" / f"{name}.pf_index")
        chunks_meta.append([first, last, name])
    for a, b in zip(chunks_meta, chunks_meta[1:], strict=False):
        a[1], b[0] = _prefixes(a[1], b[0])

    # Filters: page lists renumbered; values, then filters, sorted.
    merged: dict[str, dict[str, list[int]]] = {}
    for k, (bundle, meta) in enumerate(shards):
        for fname, fhash in meta[3]:
            name, values = _read(bundle / "filter" / f"{fhash}.pf_filter")
            target = merged.setdefault(name, {})
            for value, page_list in values:
                target.setdefault(value, []).extend(maps[k][p] for p in page_list)
            if name != fname:
                raise Unsupported("a filter file named differently from its listing")
    filters = []
    for name in sorted(merged):
        value = [name, [[v, sorted(p)] for v, p in sorted(merged[name].items())]]
        body = encode(value)
        fname = _short_name(lang, _digest(body), taken)
        _write(out / "filter" / f"{fname}.pf_filter", body)
        filters.append([name, fname])

    meta = [version, pages, chunks_meta, filters, [], meta_fields]
    body = encode(meta)
    meta_name = f"{lang}_{_digest(body)[:10]}"
    _write(out / f"pagefind.{meta_name}.pf_meta", body)
    return meta_name, len(pages)


def merge(bundles: list[Path], out: Path, jobs: int = 1,
          range_chunks: int = RANGE_CHUNKS, chunk_entries: int = CHUNK_ENTRIES) -> None:
    """Merge Pagefind bundles (one per shard, in order) into one bundle at `out`."""
    entries = [json.loads((b / "pagefind-entry.json").read_text(encoding="utf-8"))
               for b in bundles]
    # Before anything of the format is read: another version fails loudly (IndexFailed,
    # which index() does not catch), whatever it would have parsed as.
    for entry in entries:
        check_version(entry.get("version") if isinstance(entry, dict) else None,
                      "pagefind-entry.json")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    # Pagefind's scripts, styles and wasm are the same in every shard: take them once.
    for bundle in bundles:
        for f in sorted(bundle.iterdir()):
            if f.is_file() and not f.name.endswith(".pf_meta") and f.name != \
                    "pagefind-entry.json" and not (out / f.name).exists():
                shutil.copyfile(f, out / f.name)
    languages = sorted({lang for e in entries for lang in e["languages"]})
    entry = {key: value for key, value in entries[0].items() if key != "languages"}
    entry["languages"] = {}
    taken: set[str] = set()
    for lang in languages:
        shards = []
        for bundle, e in zip(bundles, entries, strict=True):
            info = e["languages"].get(lang)
            if info is not None:
                meta_file = bundle / f"pagefind.{info['hash']}.pf_meta"
                meta = _read(meta_file)
                check_version(meta[0] if isinstance(meta, list) and meta else None,
                              meta_file.name)
                shards.append((bundle, meta))
        wasm = next(e["languages"][lang]["wasm"] for e in entries if lang in e["languages"])
        name, count = _merge_language(lang, shards, out, taken, jobs, range_chunks,
                                      chunk_entries)
        entry["languages"][lang] = {"hash": name, "wasm": wasm, "page_count": count}
    (out / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
