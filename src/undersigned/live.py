"""Incremental rebuilds for `undersigned serve`: an edited letter visible in seconds.

A full build at 10,000 letters takes minutes (load, check, the co-signer search,
every page through MkDocs, Pagefind). `serve` keeps what it built in memory and,
when letters or signatory records are edited in place, redoes only what the
edit can change:

- load: each file's parse result is kept, keyed by path, size and mtime; only
  changed files are parsed again (`CachedLoader`);
- check: the changed letters, plus the letters that print a changed signatory,
  are checked against the whole registry; the other letters' diagnostics are
  kept from the previous check. On any error the full check runs, to list every
  problem, and the last good site keeps being served;
- catalogue: the views of the signatories on the changed letters are patched
  (`update_catalogue`); co-signers are reused when no letter's set of signatories
  changed, else recomputed with the whole catalogue after the rest is shown;
- generate: the pages that can depend on the change (the letters, their
  signatories, every page that names a changed signatory, and the few dozen
  index, year, tag and recipient pages) are generated again and compared with
  what was built; only pages whose content differs are rendered;
- render: MkDocs renders just those pages with the same configuration, theme
  and navigation as `undersigned build` (`PageRenderer`), so each page is byte
  for byte what a full build writes, and each file is replaced atomically.

Not refreshed by an incremental rebuild: the search index (Pagefind), the
downloads (CSV, JSON, the database) and the feeds keep their state from the last
full build (`make build`, or restarting `serve`): Pagefind alone takes minutes at
10,000 letters, and would compete for the two cores with the next edit. A
regenerated letter's citation (cite.json, cite.bib) is written beside its page.
Added, deleted or renamed files and edits to recipients, tags.yml, decisions.csv,
docs/, overrides/ or mkdocs.yml trigger a full rebuild.

Slower paths, still incremental: an edit that adds or removes a signatory on a
letter is shown as fast as any other, with the co-signer lists as they were;
then every co-signer list is recomputed (the whole catalogue: ~4 s at 1,000
letters, ~45 s at 10,000) and the pages whose list changed are written. Renaming
a signatory re-renders every letter that prints it (about 10 ms per letter).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from . import decisions, export, spanish
from . import generate as gen
from .catalogue import (
    Catalogue,
    Membership,
    Related,
    SignatoryView,
    Signed,
    assemble,
    catalogue,
    sort_key,
)
from .files import write_atomic
from .load import _read_text, _rel, parse_letter, parse_signatory
from .models import Archive, Diagnostic, Letter
from .validate import check

# The files an incremental rebuild can take in place: edits to existing letters and
# signatory records. Any other change (a new or deleted file included) rebuilds fully.
INCREMENTAL = (("letters", ".md"), ("signatories", ".yml"))


def digest(text: str | bytes) -> bytes:
    """A page's fingerprint, the same for its text and its UTF-8 bytes."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.blake2b(data, digest_size=16).digest()


# ---------------------------------------------------------------- load

class CachedLoader:
    """`load.load_archive`, parsing again only the files whose size or mtime changed.

    Used only for incremental rebuilds of letters and signatories: the archive it
    returns shares the recipients, tags and load diagnostics of other files with the
    archive it started from (any change to those is a full rebuild).
    """

    def __init__(self, root: Path, archive: Archive):
        self.root = root
        self.archive = archive
        self.cache: dict[str, tuple[tuple[int, int], object, list[Diagnostic]]] = {}

    def _parse(self, path: Path, parse: Callable) -> tuple[object, list[Diagnostic]]:
        rel = _rel(path, self.root)
        st = path.stat()
        key = (st.st_size, st.st_mtime_ns)
        hit = self.cache.get(rel)
        if hit is not None and hit[0] == key:
            return hit[1], hit[2]
        diags: list[Diagnostic] = []
        record = None
        text = _read_text(path, self.root, diags)
        if text is not None:
            record, found = parse(text, rel)
            diags.extend(found)
        self.cache[rel] = (key, record, diags)
        return record, diags

    def reload(self, paths: Iterable[str]) -> tuple[Archive, list[Diagnostic]]:
        """The archive with the given (repository-relative, existing) files parsed again;
        returns it and the load diagnostics of those files."""
        letters = {x.path: x for x in self.archive.letters}
        signatories = {s.path: s for s in self.archive.signatories.values()}
        found: list[Diagnostic] = []
        for rel in sorted(paths):
            path = self.root / rel
            if rel.startswith("letters/"):
                record, diags = self._parse(path, parse_letter)
                letters.pop(rel, None)
                if record is not None:
                    letters[rel] = record
            else:
                record, diags = self._parse(path, parse_signatory)
                signatories.pop(rel, None)
                if record is not None:
                    signatories[rel] = record
            found.extend(diags)
        changed = set(paths)
        kept = tuple(d for d in self.archive.diagnostics if d.path not in changed)
        registry = {s.id: s for s in sorted(signatories.values(), key=lambda s: s.path)}
        archive = dataclasses.replace(
            self.archive,
            letters=tuple(sorted(letters.values(), key=lambda x: (x.date, x.id), reverse=True)),
            signatories=registry,
            diagnostics=tuple(sorted((*kept, *found), key=lambda d: (d.path, d.line))),
        )
        return archive, found


# ---------------------------------------------------------------- check

def check_changed(archive: Archive, previous: list[Diagnostic], letter_ids: set[str],
                  changed: set[str]) -> list[Diagnostic]:
    """Diagnostics after in-place edits of `changed` files: the given letters checked
    again against the whole registry (registry rules included, and the decisions file
    when a signatory changed); the other letters' diagnostics, and those of files an
    in-place edit cannot affect, kept from the previous check.

    Exact for errors when the previous archive had none (file-level rules depend on
    file names, which an in-place edit keeps); the caller runs the full `check` when
    this finds an error, to list every problem."""
    sub = dataclasses.replace(
        archive, letters=tuple(x for x in archive.letters if x.id in letter_ids), root=None)
    fresh = check(sub)
    registry_changed = any(p.startswith("signatories/") for p in changed)
    if registry_changed:
        fresh.extend(decisions.check_decisions(archive))
    checked = {x.path for x in sub.letters} | changed
    letter_paths = {x.path for x in archive.letters}

    def keep(d: Diagnostic) -> bool:
        if d.path in checked:
            return False
        if d.path in letter_paths:
            return True
        if d.path.startswith("signatories/"):  # registry rules and decisions: re-run
            return not d.path.endswith(".yml") and not registry_changed
        return True

    out = dict.fromkeys((*fresh, *(d for d in previous if keep(d))))
    return sorted(out, key=lambda d: (d.path, d.line))


# ---------------------------------------------------------------- catalogue

def _members(letter: Letter) -> frozenset[str]:
    return frozenset(s.signatory_id for s in letter.signatures)


def update_catalogue(old: Catalogue, archive: Archive, letters_changed: set[str],
                     signatories_changed: set[str], cosigners_later: bool = False,
                     ) -> tuple[Catalogue, set[str], bool]:
    """`catalogue(archive)` computed from `old` after in-place edits of the given letters
    and signatory records (same letter ids, same registry ids, same recipients and tags).

    Returns the catalogue, the ids of the signatories whose views were rebuilt, and
    whether the co-signer lists are stale. The co-signer search (most of `catalogue`'s
    time) is reused when every changed letter keeps its set of signatories; otherwise
    everything is recomputed, or, with `cosigners_later`, the old co-signer lists are
    kept (stale: the caller recomputes them with `catalogue` once the rest is shown).
    """
    registry = archive.signatories
    letters = tuple(sorted(archive.letters, key=lambda x: (x.date, x.id), reverse=True))
    by_id = {x.id: x for x in letters}
    stale = any(_members(old.letter_by_id[i]) != _members(by_id[i]) for i in letters_changed)
    if stale and not cosigners_later:
        cat = catalogue(archive)
        changed = {s for s in cat.signatories if cat.signatories[s] != old.signatories.get(s)}
        return cat, changed, False
    index = {x.id: i for i, x in enumerate(letters)}

    affected: set[str] = set(signatories_changed)
    for lid in letters_changed:
        for letter in (old.letter_by_id[lid], by_id[lid]):
            for s in letter.signatures:
                affected.add(s.signatory_id)
    old_registry = {sid: v.signatory for sid, v in old.signatories.items()}
    for sid in signatories_changed:
        for record in (old_registry.get(sid), registry.get(sid)):
            if record is not None:
                affected.update(r.id for r in record.related)

    incoming: dict[str, list[Related]] = defaultdict(list)
    member_of: dict[str, set[str]] = defaultdict(set)
    if affected:
        for sig in registry.values():
            for rel in sig.related:
                if rel.id in affected:
                    incoming[rel.id].append(Related(sig.id, rel.relation, False, rel.note))
                if rel.relation == "member-of":
                    member_of[sig.id].add(rel.id)

    new_signed: dict[str, list[Signed]] = defaultdict(list)
    new_members: dict[str, list[Membership]] = defaultdict(list)
    for lid in sorted(letters_changed, key=index.__getitem__):
        letter = by_id[lid]
        for s in letter.signatures:
            new_signed[s.signatory_id].append(Signed(lid, s.printed, s.section, s.via))
        for section in letter.sections:
            for entry in section.entries:
                if entry.members:
                    new_members[entry.id].append(Membership(
                        lid, entry.printed, tuple((m.printed, m.id) for m in entry.members)))

    views = dict(old.signatories)
    for sid in affected:
        if sid not in registry:
            continue
        before = old.signatories[sid]
        signed = [x for x in before.signed if x.letter_id not in letters_changed]
        signed.extend(new_signed.get(sid, ()))
        signed.sort(key=lambda x: index[x.letter_id])  # stable: printed order kept
        memberships = [m for m in before.memberships if m.letter_id not in letters_changed]
        memberships.extend(new_members.get(sid, ()))
        memberships.sort(key=lambda m: index[m.letter_id])
        record = registry[sid]
        related = [Related(r.id, r.relation, True, r.note) for r in record.related]
        related.extend(incoming.get(sid, ()))
        networks = {x.via for x in signed if x.via} | member_of.get(sid, set())
        forms = {x.printed for x in signed}
        views[sid] = SignatoryView(
            signatory=record,
            signed_rows=tuple(tuple(x) for x in signed),
            letter_ids=tuple(dict.fromkeys(x.letter_id for x in signed)),
            printed_forms=tuple(sorted(forms, key=lambda f: (sort_key(f), f))),
            cosigners=before.cosigners,
            networks=tuple(sorted(n for n in networks if n in registry)),
            related=tuple(sorted((r for r in related if r.id in registry),
                                 key=lambda r: (not r.outgoing, r.relation, r.id))),
            memberships=tuple(memberships),
        )

    listed = dict(old.listed)
    signatures = old.stats.signatures
    for lid in letters_changed:
        signatures -= listed[lid]
        listed[lid] = len(by_id[lid].signatures)
        signatures += listed[lid]
    az = (tuple(sorted(registry, key=lambda i: (sort_key(registry[i].name), i)))
          if signatories_changed else old.signatories_az)
    cat = assemble(archive, letters, by_id, listed, views, az, signatures)
    return cat, {s for s in affected if s in registry}, stale


# ---------------------------------------------------------------- generate

# The signatory indexes list names, kinds, countries and letter counts: generated
# again only when a signatory record or a letter count changes (at 20,000
# signatories they are most of the time an incremental rebuild would spend).
INDEX_DIRS = ("signatories", "a-z", *gen.KIND_PAGES.values())


def owner(src: str) -> str:
    """Which record a generated page belongs to: `L:<id>`, `S:<id>`, `I` for the
    signatory indexes (A to Z, by kind), or `A` for the other index, year, tag,
    recipient, data and search pages (regenerated on every change); `ES` for the Spanish
    hub pages under es/."""
    parts = src[:-3].split("/")
    if parts[0] == spanish.LANG:
        return "ES"  # the Spanish hub pages: LiveSite._publish_spanish keeps them
    if parts[0] in INDEX_DIRS and (parts[0] != "signatories" or src == "signatories/index.md"):
        return "I"
    if parts[0] == "signatories" and len(parts) == 2:
        return "S:" + parts[1]
    if parts[0] == "signatories" and len(parts) == 4 and parts[2] == "letters":
        return "S:" + parts[1]
    if parts[0] == "letters" and len(parts) == 2 and len(parts[1]) > 10:
        return "L:" + parts[1]
    return "A"


def referencing(cat: Catalogue, ids: set[str]) -> set[str]:
    """Signatories whose pages name any of `ids` (co-signers, networks, related,
    members, printed-as-a-member-of)."""
    if not ids:
        return set()
    out = set()
    for sid, v in cat.signatories.items():
        if (any(o in ids for o, _ in v.cosigners) or any(n in ids for n in v.networks)
                or any(r.id in ids for r in v.related)
                or any(mid in ids for m in v.memberships for _, mid in m.members)
                or any(via in ids for *_, via in v.signed_rows if via)):
            out.add(sid)
    return out


def pages_for(cat: Catalogue, letter_ids: Iterable[str], signatory_ids: Iterable[str],
              render_body: Callable[[str], str | None], indexes: bool = True,
              site_url: str | None = None) -> dict[str, str]:
    """The generated pages of the given letters and signatories, every `A` page, and
    the signatory indexes (`I`) if `indexes`."""
    out: dict[str, str] = {}
    pages = [gen.home_page(cat), *gen.letters_index_pages(cat)]
    for lid in letter_ids:
        letter = cat.letter_by_id[lid]
        pages.append(gen.letter_page(cat, letter,
                                     gen.letter_body_html(letter, render_body(letter.body)),
                                     site_url))
    for sid in signatory_ids:
        pages.extend(gen.signatory_pages(cat, cat.signatories[sid]))
    if indexes:
        pages.extend(gen.signatory_index_pages(cat))
    pages.append(gen.recipients_index(cat))
    for rid in sorted(cat.recipients):
        pages.extend(gen.recipient_pages(cat, rid))
    pages.append(gen.tags_index(cat))
    for tid in cat.tags:
        pages.extend(gen.tag_pages(cat, tid))
    pages.append(gen.data_page(cat, site_url))
    pages.append(gen.search_page())
    pages.append(gen.network_map_page(cat))
    for page in pages:
        out[page.src] = page.render()
    return out


# ---------------------------------------------------------------- render

class PageRenderer:
    """Render some generated pages with MkDocs exactly as `mkdocs build` would.

    Follows `mkdocs.commands.build.build` (config, theme files, the pages handed over
    by mkdocs_speedups, navigation, `_populate_page`, `_build_page`) but with only the
    pages to render plus the pages the navigation names, and returns each page's HTML
    instead of writing a whole site. The output is the same bytes: same config, theme, navigation,
    SOURCE_DATE_EPOCH and speed-ups (mkdocs_speedups).
    """

    def __init__(self, config_file: Path, epoch: str):
        self.config_file = config_file
        self.epoch = epoch

    def render(self, pages: dict[str, str], nav_pages: dict[str, str | bytes],
               site_dir: Path) -> dict[str, bytes]:
        """{dest path relative to the site: HTML bytes} for `pages` (plus nothing else)."""
        from mkdocs.commands.build import _populate_page, get_context
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        from . import mkdocs_speedups
        from .sitebuild import build_epoch

        with build_epoch(self.epoch):
            mkdocs_log = logging.getLogger("mkdocs")
            level = mkdocs_log.level
            # Link checks of docs/ pages against generated pages not handed over this time
            # would warn: the full build has checked them.
            mkdocs_log.setLevel(logging.ERROR)
            try:
                config = load_config(str(self.config_file), site_dir=str(site_dir), strict=True)
                config = config.plugins.on_config(config)
                config.plugins.on_pre_build(config=config)
                files = get_files(config)
                env = config.theme.get_env()
                files.add_files_from_theme(env, config)
                # The pages from memory, with the speed-ups `undersigned build` renders with.
                mkdocs_speedups.install(config, {**nav_pages, **pages})
                files = config.plugins.on_files(files, config=config)
                set_exclusions(files, config)
                nav = get_navigation(files, config)
                nav = config.plugins.on_nav(nav, config=config, files=files)
                wanted = set(pages)
                doc_files = files.documentation_pages()
                for file in doc_files:
                    if file.src_uri in wanted or file.inclusion.is_in_nav():
                        if file.page is None:
                            Page(None, file, config)
                        _populate_page(file.page, config, files)
                env = config.plugins.on_env(env, config=config, files=files)
                out: dict[str, bytes] = {}
                for file in doc_files:
                    if file.src_uri not in wanted:
                        continue
                    page = file.page
                    config._current_page = page
                    page.active = True
                    try:
                        context = get_context(nav, doc_files, config, page)
                        template = env.get_template(page.meta.get("template", "main.html"))
                        context = config.plugins.on_page_context(context, page=page, config=config,
                                                                 nav=nav)
                        output = template.render(context)
                        output = config.plugins.on_post_page(output, page=page, config=config)
                    finally:
                        page.active = False
                        config._current_page = None
                    out[file.dest_uri] = output.encode("utf-8", errors="xmlcharrefreplace")
                return out
            finally:
                mkdocs_log.setLevel(level)


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
        self.loader: CachedLoader | None = None
        self.catalogue: Catalogue | None = None
        self.diagnostics: list[Diagnostic] = []
        self.digests: dict[str, bytes] = {}
        self.nav_pages: dict[str, str | bytes] = {}
        self.es_nav_pages: dict[str, str | bytes] = {}
        self.es_work: Path | None = None  # the Spanish site's configuration (spanish.py)
        self.epoch = "0"
        self.pending: set[str] = set()  # edited since the last successful rebuild
        self.render_body = gen.body_renderer()

    # -- full builds

    def full_build(self, timings: dict | None = None) -> list[Diagnostic]:
        """Build everything (as `undersigned build`) and remember it. BuildFailed on errors."""
        from .load import load_archive
        from .sitebuild import build, site_url_of, source_date_epoch

        # Again at each full build: an edit of mkdocs.yml (its site_url) comes with one,
        # and the incremental rebuilds after it write the pages and citations it would.
        self.site_url = site_url_of(self.config_file)
        archive = load_archive(self.root)
        # Said once every file is read: the rest takes minutes on a large archive.
        self.log(f"read {len(archive.letters)} letters and {len(archive.signatories)} "
                 "signatory records; building the site")
        warnings: list[Diagnostic] = []  # build's check fills it: every diagnostic

        def observe(cat: Catalogue, pages: dict[str, bytes]) -> None:
            self.catalogue = cat
            self.digests = {src: digest(text) for src, text in pages.items()}
            self.nav_pages = {src: pages[src] for src in NAV_SOURCES if src in pages}
            self.es_nav_pages = {src: pages[src] for src in spanish.NAV_SOURCES if src in pages}
            self.epoch = source_date_epoch(pages, self.root)

        self.catalogue = None
        try:
            build(self.root, self.site_dir, timings, warnings, self.config_file,
                  archive=archive, observe=observe)
        except BaseException:
            self.catalogue = None
            raise
        self.loader = CachedLoader(self.root, archive)
        self.diagnostics = list(warnings)
        self.pending = set()
        return warnings

    @property
    def ready(self) -> bool:
        return self.catalogue is not None and self.loader is not None

    # -- incremental

    @staticmethod
    def can_update(changed: Iterable[str], added: Iterable[str], removed: Iterable[str]) -> bool:
        if list(added) or list(removed):
            return False
        for rel in changed:
            parts = rel.split("/")
            if len(parts) != 2 or (parts[0], Path(parts[1]).suffix) not in INCREMENTAL:
                return False
        return True

    def update(self, changed: set[str], timings: dict | None = None) -> list[Diagnostic] | None:
        """Rebuild after in-place edits of `changed` letters/signatory files (paths
        relative to the root): returns check's diagnostics (warnings) once the changed
        pages are written. BuildFailed (every diagnostic) leaves the site untouched;
        NeedsFullBuild when the edit turns out to be structural.

        Edits since the last successful rebuild are applied together, so a letter
        fixed after another one broke the check is not forgotten."""
        from .sitebuild import BuildFailed

        assert self.loader is not None and self.catalogue is not None
        t = timings if timings is not None else {}
        start = time.perf_counter()
        old = self.catalogue
        self.pending |= set(changed)
        changed = set(self.pending)
        archive, _ = self.loader.reload(changed)
        t["load"] = round(time.perf_counter() - start, 3)

        letters_changed = {Path(p).stem for p in changed if p.startswith("letters/")}
        sigs_changed = {Path(p).stem for p in changed if p.startswith("signatories/")}
        to_check = set(letters_changed)
        for sid in sigs_changed:
            view = old.signatories.get(sid)
            if view is not None:
                to_check.update(view.letter_ids)
        mark = time.perf_counter()
        diagnostics = check_changed(archive, self.diagnostics, to_check, changed)
        ids_same = ({x.id for x in archive.letters} == set(old.letter_by_id)
                    and set(archive.signatories) == set(old.signatories))
        if any(d.level == "error" for d in diagnostics) or not ids_same:
            diagnostics = check(archive)  # every problem, listed as `check` lists them
            if any(d.level == "error" for d in diagnostics):
                raise BuildFailed(diagnostics)
        t["check"] = round(time.perf_counter() - mark, 3)
        if not ids_same:
            raise _NeedsFullBuild()

        mark = time.perf_counter()
        cat, views_changed, stale = update_catalogue(
            old, archive, letters_changed, sigs_changed, cosigners_later=True)
        t["catalogue"] = round(time.perf_counter() - mark, 3)

        letter_pages = set(letters_changed)
        for sid in sigs_changed:
            for c in (old, cat):
                view = c.signatories.get(sid)
                if view is not None:
                    letter_pages.update(view.letter_ids)
        sig_pages = set(views_changed) | (referencing(cat, sigs_changed) if sigs_changed
                                          else set())
        indexes = bool(sigs_changed) or any(
            old.signatories[s].letter_count != cat.signatories[s].letter_count
            for s in views_changed if s in old.signatories)
        try:
            self._publish(cat, letter_pages, sig_pages, indexes, t)
        except gen.BodyFailed as failed:  # nothing written: the site stays as it was
            raise BuildFailed(failed.diagnostics) from None
        self.loader.archive = archive
        self.catalogue = cat
        self.diagnostics = diagnostics
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
            late = {s for s in full.signatories if full.signatories[s] != cat.signatories[s]}
            self._publish(full, set(), late, False, {})
            self.catalogue = full
            t["total"] = round(time.perf_counter() - start, 3)
        return diagnostics

    def _publish(self, cat: Catalogue, letter_pages: set[str], sig_pages: set[str],
                 indexes: bool, t: dict) -> None:
        """Generate the given pages (and the `A` ones), render those that differ from
        what was built, write them and delete the pages that are gone."""
        mark = time.perf_counter()
        sig_pages = sig_pages & set(cat.signatories)
        pages = pages_for(cat, sorted(letter_pages), sorted(sig_pages), self.render_body,
                          indexes, self.site_url)
        owners = {"A"} | {"L:" + i for i in letter_pages} | {"S:" + i for i in sig_pages}
        if indexes:
            owners.add("I")
        removed = [src for src in self.digests if owner(src) in owners and src not in pages]
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
        for src in removed:
            target = self.site_dir / (gen.url_of(src) + "index.html")
            with contextlib.suppress(OSError):
                target.unlink()
                target.parent.rmdir()
        # A regenerated letter's citation beside its page, as the full build writes it.
        for lid in sorted(letter_pages):
            letter = cat.letter_by_id.get(lid)
            if letter is not None:
                for name, text in export.cite_files(cat, letter, self.site_url).items():
                    write_atomic(self.site_dir / "letters" / lid / name, text, mode=0o644)
        t["write"] = round(time.perf_counter() - mark, 3)
        for src in removed:
            self.digests.pop(src, None)
        self.digests.update(digests)
        self.nav_pages = nav_pages
        self._publish_spanish(cat, indexes, t)

    def _publish_spanish(self, cat: Catalogue, indexes: bool, t: dict) -> None:
        """The Spanish hub pages (spanish.py) that the edit changed, rendered under es/
        with the Spanish configuration (written once per serve, beside nothing else)."""
        import shutil
        import tempfile
        import weakref

        mark = time.perf_counter()
        pages = spanish.hub_pages(cat, self.site_url, indexes=indexes)
        digests = {src: digest(text) for src, text in pages.items()}
        dirty = {src: pages[src] for src, d in digests.items() if self.digests.get(src) != d}
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
        self.digests.update(digests)
        t["spanish"] = round(time.perf_counter() - mark, 3)


class _NeedsFullBuild(Exception):
    """The change is structural (ids added or removed): serve rebuilds everything."""


NeedsFullBuild = _NeedsFullBuild
