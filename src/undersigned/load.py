"""Load stage: read letters/, signatories/, recipients/ and tags.yml into typed records.

Each file is parsed strictly (see strictyaml) and converted by a small schema:
unknown keys, missing fields and malformed values become Diagnostics with the
file and line, collected for every file rather than raised one at a time.
Cross-file checks (unknown ids, duplicate aliases, counts) live in validate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import parallel, strictyaml
from .decisions import Decisions, load_decisions
from .models import (
    KINDS,
    Archive,
    Diagnostic,
    Entry,
    Letter,
    Recipient,
    RecipientRef,
    Relation,
    Section,
    Signatory,
    Tag,
    collection_paused,
)

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LETTER_FILE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")
MAX_FILE_BYTES = 2 * 1024 * 1024
# The documented file names (docs/format.md): the id is the file name.
FILE_PATTERNS = {
    "letters": (LETTER_FILE_RE, ".md", "YYYY-MM-DD-short-slug.md"),
    "signatories": (ID_RE, ".yml", "<id>.yml"),
    "recipients": (ID_RE, ".yml", "<id>.yml"),
}


def file_name_problem(rel: str) -> str | None:
    """Why the name of the archive file `rel` (`letters/x.md`, `signatories/x.yml`) is
    refused, or None. Only lowercase ASCII letters, digits and hyphens: a name with
    a newline or an escape sequence is a line forged into `check`'s output or a
    command to the maintainer's terminal. A name that is only uppercase is left to
    the case rules (safety), which say how to rename it."""
    sub, _, name = rel.partition("/")
    if sub not in FILE_PATTERNS or "/" in name:
        return None
    regex, ext, shape = FILE_PATTERNS[sub]
    stem = name[: -len(ext)] if name.endswith(ext) else None
    if stem is None or regex.match(stem.lower()):
        return None
    bad = next((c for c in stem if not (c.isascii() and (c.isalnum() or c == "-"))), None)
    if bad is None:
        return (f"file name {name!r} does not have the form {shape} (lowercase ASCII "
                "letters, digits and single hyphens); rename the file")
    what = unicodedata.name(bad, "") or "a control character"
    return (f"file name {name!r} contains U+{ord(bad):04X} ({what}) at character "
            f"{name.index(bad) + 1}; a file name must be {shape}, in lowercase ASCII letters, "
            "digits and single hyphens: rename the file")


class Schema:
    """Reads typed values out of a strictly loaded mapping, collecting problems."""

    def __init__(self, path: str, loaded: strictyaml.Loaded, offset: int = 0):
        self.path = path
        self.loaded = loaded
        self.offset = offset  # lines before the YAML text in the file
        self.diagnostics: list[Diagnostic] = []

    def line(self, *keys) -> int:
        return self.loaded.line(*keys) + self.offset

    def error(self, keys: tuple, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, self.line(*keys), "error", message))

    def get(self, keys: tuple):
        # Called for every field of every letter: exact type checks, no isinstance chains
        # (strictyaml only ever yields dict, list and str).
        value = self.loaded.value
        for k in keys:
            t = type(value)
            if t is dict:
                value = value.get(k)
            elif t is list and type(k) is int and k < len(value):
                value = value[k]
            else:
                return None
        return value

    def mapping(self, keys: tuple, allowed: set[str], required: set[str] = frozenset()) -> dict:
        value = self.get(keys)
        where = _where(keys)
        if not isinstance(value, dict):
            self.error(keys, f"{where} must be a mapping of fields")
            return {}
        for key in value:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.error(keys + (key,), f"unknown field {key!r} in {where}; allowed: {hint}")
        for key in sorted(required - value.keys()):
            self.error(keys, f"missing required field {key!r} in {where}")
        return value

    def text(self, keys: tuple, required: bool = True) -> str | None:
        value = self.get(keys)
        if value is None:
            if required and self._parent_has(keys):
                self.error(keys, f"field {_where(keys)} must not be empty")
            return None
        if not isinstance(value, str):
            self.error(keys, f"field {_where(keys)} must be text, not a list or mapping")
            return None
        if value.strip() == "":
            if required:
                self.error(keys, f"field {_where(keys)} must not be empty")
            return None
        return value

    def _parent_has(self, keys: tuple) -> bool:
        parent = self.get(keys[:-1])
        return isinstance(parent, dict) and keys[-1] in parent

    def items(self, keys: tuple, required: bool = False, non_empty: str = "") -> list:
        """The list at `keys`; `non_empty` (what the list holds) refuses `[]` as well."""
        value = self.get(keys)
        if value is None:
            if required and self._parent_has(keys):
                self.error(keys, f"field {_where(keys)} must be a non-empty list")
            return []
        if not isinstance(value, list):
            self.error(keys, f"field {_where(keys)} must be a list")
            return []
        if non_empty and not value:
            self.error(keys, f"field {_where(keys)} is an empty list; {non_empty}")
        return value

    def text_list(self, keys: tuple) -> tuple[str, ...]:
        out = []
        for i, _ in enumerate(self.items(keys)):
            v = self.text(keys + (i,))
            if v is not None:
                out.append(v)
        return tuple(out)

    def ident(self, keys: tuple, required: bool = True) -> str | None:
        value = self.text(keys, required)
        if value is not None and not ID_RE.match(value):
            self.error(
                keys,
                f"id {value!r} must be lowercase ASCII letters, digits and single hyphens",
            )
            return None
        return value


def _where(keys: tuple) -> str:
    if not keys:
        return "the document"
    out = ""
    for k in keys:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else k)
    return out


def _read_text(path: Path | str, root: Path, diags: list[Diagnostic],
               raw: bytes | None = None, rel: str | None = None) -> str | None:
    """A file's text, or None with the reason in `diags`; `raw`, its bytes if read already,
    `rel` its path relative to `root` if known."""
    rel = rel if rel is not None else _rel(path, root)
    try:
        if raw is None:
            raw = Path(path).read_bytes()
    except OSError as exc:
        diags.append(Diagnostic(rel, 1, "error", f"cannot read file: {exc.strerror}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        diags.append(Diagnostic(rel, 1, "error", "file larger than 2 MiB; split or shorten it"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diags.append(Diagnostic(rel, line, "error", "file is not valid UTF-8; save it as UTF-8"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _parse_yaml(text: str, rel: str, offset: int, diags: list[Diagnostic]):
    try:
        return strictyaml.load(text)
    except strictyaml.YamlError as exc:
        diags.append(Diagnostic(rel, exc.line + offset, "error", exc.message))
        return None


LETTER_FIELDS = {
    "title", "date", "language", "summary", "tags", "recipients", "cc",
    "signatories", "stated_count", "source", "place", "translations",
}
LETTER_REQUIRED = {"title", "date", "language", "summary", "tags", "recipients", "signatories",
                   "source"}


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    r"""(front matter, body, file line of the body's first line), or what is wrong.

    Our own split, not python-frontmatter's: its boundary regex `^-{3,}\s*$`
    swallows blank lines after the closing '---', so body line numbers drift.
    """
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return "a letter must start with a '---' line and YAML front matter"
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if close is None:
        return "front matter is not closed by a '---' line"
    return "\n".join(lines[1:close]), "\n".join(lines[close + 1:]), close + 2


def parse_letter(text: str, rel: str) -> tuple[Letter | None, list[Diagnostic]]:
    """Parse one letter file's text; `rel` is its repository-relative path."""
    diags: list[Diagnostic] = []
    bad_name = file_name_problem(rel)
    if bad_name:
        diags.append(Diagnostic(rel, 1, "error", bad_name))
    split = split_front_matter(text)
    if isinstance(split, str):
        diags.append(Diagnostic(rel, 1, "error", split))
        return None, diags
    fm_text, body, body_line = split
    loaded = _parse_yaml(fm_text, rel, 1, diags)
    if loaded is None:
        return None, diags
    s = Schema(rel, loaded, offset=1)
    s.mapping((), LETTER_FIELDS, LETTER_REQUIRED)
    letter_id = Path(rel).stem
    if not LETTER_FILE_RE.match(letter_id) and not bad_name:
        s.error((), "letter file name must be YYYY-MM-DD-short-slug.md in lowercase ASCII")
    title = s.text(("title",))
    date = _date(s, ("date",))
    if date and LETTER_FILE_RE.match(letter_id) and letter_id[:10] != date.isoformat():
        s.error(("date",), f"date {date.isoformat()} differs from the file name's "
                           f"{letter_id[:10]}; rename the file or fix the date")
    language = s.text(("language",))
    if language and not LANGUAGE_RE.match(language):
        s.error(("language",), f"language {language!r} must be an ISO 639 code such as en or es")
    summary = s.text(("summary",))
    tags = tuple(t for i, t in enumerate(s.text_list(("tags",))))
    recipients = _recipients(s, ("recipients",), required=True)
    cc = _recipients(s, ("cc",), required=False)
    sections = _sections(s)
    stated = s.text(("stated_count",), required=True)
    stated_count = None
    if stated is not None:
        if not (stated.isascii() and stated.isdigit()):
            s.error(("stated_count",), f"stated_count {stated!r} must be a whole number")
        elif int(stated) == 0:
            s.error(("stated_count",), "stated_count 0: a letter has at least one signatory; "
                                       "write the number the letter states of itself, or remove "
                                       "the field if it states none")
        elif int(stated) >= 100000:
            s.error(("stated_count",), f"stated_count {stated} is over 99,999, more "
                                       "signatories than any letter has; check the number")
        else:
            stated_count = int(stated)
    source = s.text(("source",))
    place = s.text(("place",), required=False)
    translations = s.text_list(("translations",))
    for i, other in enumerate(translations):
        if not LETTER_FILE_RE.match(other):
            s.error(("translations", i), f"translation {other!r} must be a letter id, the "
                                         "other letter's file name without .md")
    diags.extend(s.diagnostics)
    if any(d.level == "error" for d in diags) or None in (title, date, language, summary, source):
        return None, diags
    return Letter(
        id=letter_id, path=rel, title=title, date=date, language=language, summary=summary,
        tags=tags, recipients=recipients, cc=cc, sections=sections, source=source,
        body=body, stated_count=stated_count, place=place, body_line=body_line,
        translations=translations, lines=strictyaml.Lines(fm_text, 1),
    ), diags


def _date(s: Schema, keys: tuple) -> dt.date | None:
    value = s.text(keys)
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        s.error(keys, f"date {value!r} must be written YYYY-MM-DD")
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        s.error(keys, f"date {value!r} is not a real calendar date")
        return None


RECIPIENT_FIELDS = {"printed", "id", "name", "role"}


def _recipients(s: Schema, keys: tuple, required: bool) -> tuple[RecipientRef, ...]:
    out = []
    for i, _ in enumerate(s.items(keys, required=required)):
        k = keys + (i,)
        s.mapping(k, RECIPIENT_FIELDS, {"printed", "id"})
        printed, rid = s.text(k + ("printed",)), s.ident(k + ("id",))
        name, role = s.text(k + ("name",), False), s.text(k + ("role",), False)
        if printed and rid:
            out.append(RecipientRef(printed, rid, name, role, s.line(*k)))
    return tuple(out)


SECTION_FIELDS = {"section", "entries"}
ENTRY_FIELDS = {"printed", "id", "members", "line", "name", "affiliation", "country"}


def _sections(s: Schema) -> tuple[Section, ...]:
    out = []
    for i, _ in enumerate(s.items(("signatories",), required=True,
                                  non_empty="a letter lists at least one signatory as printed "
                                            "(a section with `entries`)")):
        k = ("signatories", i)
        s.mapping(k, SECTION_FIELDS, {"entries"})
        heading = s.text(k + ("section",), required=False)
        entries = tuple(_entries(s, k + ("entries",), allow_members=True))
        out.append(Section(heading, entries))
    return tuple(out)


def _entries(s: Schema, keys: tuple, allow_members: bool) -> list[Entry]:
    out = []
    # Sections need entries; an empty `members` list says nothing and is let be.
    what = "list the entries printed under this section, or remove the section" \
        if allow_members else ""
    allowed = ENTRY_FIELDS if allow_members else ENTRY_FIELDS - {"members"}
    lines = s.loaded.lines
    for i, value in enumerate(s.items(keys, required=True, non_empty=what)):
        k = keys + (i,)
        # A million entries at 10,000 letters, nearly all well formed: read each mapping
        # once (_plain_entry); anything unusual takes the generic path below, which words
        # every diagnostic.
        fast = _plain_entry(value, allowed)
        if fast is not None and k in lines:
            printed, sid, line, name, affiliation, country = fast
            members = tuple(_entries(s, k + ("members",), False)) \
                if "members" in value else ()
            out.append(Entry(sys.intern(printed), sys.intern(sid), members, line,
                             lines[k] + s.offset, name, affiliation, country))
            continue
        s.mapping(k, allowed, {"printed", "id"})
        printed, sid = s.text(k + ("printed",)), s.ident(k + ("id",))
        line = s.text(k + ("line",), required=False)
        if printed and line and printed not in line:
            s.error(k + ("line",), f"printed name {printed!r} is not part of its line {line!r}")
        name = s.text(k + ("name",), required=False)
        affiliation = s.text(k + ("affiliation",), required=False)
        country = s.text(k + ("country",), required=False)
        # The split-out parts are read from what was printed (the name, or the table row
        # kept as `line`), never written in its place.
        for key, part in (("name", name), ("affiliation", affiliation), ("country", country)):
            if printed and part and part not in printed and part not in (line or ""):
                s.error(k + (key,), f"{key} {part!r} is not part of the printed name "
                                    f"{printed!r} or its line; copy it from them as printed")
        members = tuple(_entries(s, k + ("members",), False)) if allow_members else ()
        if printed and sid:
            # A million entries at 10,000 letters name 20,000 ids in fewer printed forms:
            # one string each, not one per entry.
            out.append(Entry(sys.intern(printed), sys.intern(sid), members, line,
                             s.line(*k), name, affiliation, country))
    return out


def _plain_entry(value, allowed: set[str]) -> tuple | None:
    """(printed, id, line, name, affiliation, country) of an entry mapping the generic
    path would accept without a word, or None: then the generic path reads it (and says
    what is wrong). Only for plain text values that are not blank, known fields, an id of
    the right form and parts found in the printed name or its line."""
    if type(value) is not dict or not allowed.issuperset(value):
        return None
    get = value.get
    printed, sid = get("printed"), get("id")
    if type(printed) is not str or type(sid) is not str or not printed.strip() \
            or not ID_RE.match(sid):
        return None
    line, name, affiliation, country = get("line"), get("name"), get("affiliation"), \
        get("country")
    for part in (line, name, affiliation, country):
        if part is not None and (type(part) is not str or not part.strip()):
            return None
    if line is not None and printed not in line:
        return None
    for part in (name, affiliation, country):
        if part is not None and part not in printed and part not in (line or ""):
            return None
    return printed, sid, line, name, affiliation, country


SIGNATORY_FIELDS = {"id", "name", "kind", "aliases", "acronyms", "country", "website",
                    "related", "affiliation", "note"}


def parse_signatory(text: str, rel: str) -> tuple[Signatory | None, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    bad_name = file_name_problem(rel)
    if bad_name:
        diags.append(Diagnostic(rel, 1, "error", bad_name))
    loaded = _parse_yaml(text, rel, 0, diags)
    if loaded is None:
        return None, diags
    s = Schema(rel, loaded)
    s.mapping((), SIGNATORY_FIELDS, {"id", "name", "kind"})
    sid = s.ident(("id",))
    if sid and sid != Path(rel).stem and not bad_name:
        s.error(("id",), f"id {sid!r} must equal the file name {Path(rel).stem!r}")
    name = s.text(("name",))
    kind = s.text(("kind",))
    if kind and kind not in KINDS:
        s.error(("kind",), f"kind {kind!r} must be one of: {', '.join(KINDS)}")
    country = s.text(("country",), required=False)
    if country and not COUNTRY_RE.match(country):
        s.error(("country",), f"country {country!r} must be an ISO 3166 alpha-2 code such as MX")
    website = s.text(("website",), required=False)
    if website and not re.match(r"^https?://[^\s<>\"]+$", website):
        s.error(("website",), f"website {website!r} must be an http or https URL")
    related = []
    for i, _ in enumerate(s.items(("related",))):
        k = ("related", i)
        s.mapping(k, {"id", "relation", "note"}, {"id", "relation"})
        rid, relation = s.ident(k + ("id",)), s.text(k + ("relation",))
        if rid and relation:
            related.append(Relation(rid, relation, s.text(k + ("note",), False) or ""))
    sig = Signatory(
        id=sid or "", name=name or "", kind=kind or "organization",
        aliases=s.text_list(("aliases",)), acronyms=s.text_list(("acronyms",)),
        country=country, website=website, related=tuple(related),
        affiliation=s.text(("affiliation",), False), note=s.text(("note",), False),
        path=rel, lines=dict(loaded.lines),
    )
    diags.extend(s.diagnostics)
    if any(d.level == "error" for d in diags):
        return None, diags
    return sig, diags


def parse_recipient(text: str, rel: str) -> tuple[Recipient | None, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    bad_name = file_name_problem(rel)
    if bad_name:
        diags.append(Diagnostic(rel, 1, "error", bad_name))
    loaded = _parse_yaml(text, rel, 0, diags)
    if loaded is None:
        return None, diags
    s = Schema(rel, loaded)
    s.mapping((), {"id", "name", "role", "aliases"}, {"id", "name"})
    rid = s.ident(("id",))
    if rid and rid != Path(rel).stem and not bad_name:
        s.error(("id",), f"id {rid!r} must equal the file name {Path(rel).stem!r}")
    rec = Recipient(rid or "", s.text(("name",)) or "", s.text(("role",), False),
                    s.text_list(("aliases",)), rel, dict(loaded.lines))
    diags.extend(s.diagnostics)
    return (None if any(d.level == "error" for d in diags) else rec), diags


def parse_tags(text: str, rel: str) -> tuple[dict[str, Tag], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    loaded = _parse_yaml(text, rel, 0, diags)
    if loaded is None:
        return {}, diags
    s = Schema(rel, loaded)
    tags: dict[str, Tag] = {}
    for i, _ in enumerate(s.items(("tags",), required=True)):
        k = ("tags", i)
        s.mapping(k, {"id", "label", "description"}, {"id", "label"})
        tid, label = s.ident(k + ("id",)), s.text(k + ("label",))
        if tid and label:
            if tid in tags:
                s.error(k + ("id",), f"tag {tid!r} is defined twice")
            tags[tid] = Tag(tid, label, s.text(k + ("description",), False) or "")
    diags.extend(s.diagnostics)
    return tags, diags


class FileCache:
    """What each file parsed to, kept between loads of one repository (`undersigned
    serve` keeps one for as long as it runs; `build` makes one per load): a file is
    parsed again only when its bytes change.

    A file whose size, mtime and inode are as last seen is taken as it was without
    being read; otherwise it is read, and parsed only if its bytes differ (an editor
    saving the same text, a `git checkout` back and forth). An unchanged file gives
    the very same record object, so later stages can tell it apart by identity.
    """

    def __init__(self) -> None:
        # {path relative to the root: (stat key, digest of the bytes, record, diagnostics)}
        self.files: dict[str, tuple[tuple[int, int, int], bytes, object, list[Diagnostic]]] = {}
        self.changed: set[str] = set()  # files parsed again, added or gone at the last load
        self.parsed = 0  # files parsed in all (what the tests count)
        self.seen: set[str] = set()  # files read by the load under way

    def begin(self) -> set[str]:
        """Start a load: returns the paths known before it."""
        self.changed = set()
        self.seen = set()
        return set(self.files)


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.lstat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _load_dir(root: Path, sub: str, pattern: str, parse: Callable, diags: list[Diagnostic],
              cache: FileCache):
    """Every file of `sub` parsed, in name order, through `cache`; the files to parse are
    read and parsed on every core when there are many (parallel.map_chunks: the same
    records and diagnostics, in the same order)."""
    out = []
    if (root / sub).is_symlink():  # would read files from outside the repository
        diags.append(Diagnostic(sub, 1, "error", f"{sub}/ is a link; it must be a directory"))
        return out
    ext = pattern.removeprefix("*")
    # os.scandir rather than Path.glob: serve lists 20,000 files on every rebuild, and
    # a DirEntry carries its name and lstat without a Path made for each.
    try:
        with os.scandir(root / sub) as found:
            entries = sorted((e for e in found if e.name.endswith(ext)), key=lambda e: e.name)
    except OSError:
        entries = []
    for record, found in _load_cached(root, parse, entries, cache, sub):
        diags.extend(found)
        if record is not None:
            out.append(record)
    return out


def _load_cached(root: Path, parse: Callable, files: list, cache: FileCache,
                 sub: str | None = None) -> list[tuple[object, list[Diagnostic]]]:
    """(record or None, diagnostics) of each file, from `cache` where its bytes are known.
    `files` are Paths, or the DirEntries of directory `sub`."""
    if sub is None:
        rels = [_rel(p, root) for p in files]
        paths = [os.fspath(p) for p in files]
        stat_key = _stat_key
    else:
        rels = [f"{sub}/{e.name}" for e in files]
        paths = [e.path for e in files]
        stat_key = _entry_key
    cache.seen.update(rels)
    files_known = cache.files
    # (A file the cache does not know is read whatever its stat: none is asked for it,
    # which is every file of a build.)
    missed = [i for i, rel in enumerate(rels)
              if rel not in files_known or (key := stat_key(files[i])) is None
              or files_known[rel][0] != key]
    if missed:
        # Only the digests of the missed files travel to the workers: an unchanged text
        # is recognised there and not parsed. Paths travel as strings with their
        # relative form: no Path is made for each file.
        known = {rels[i]: files_known[rels[i]][1] for i in missed if rels[i] in files_known}
        results = parallel.map_chunks(partial(_load_files, root, parse, known),
                                      [(paths[i], rels[i]) for i in missed])
        for i, (key, digest, parsed) in zip(missed, results, strict=True):
            rel = rels[i]
            before = files_known.get(rel)
            if parsed is None and before is not None:  # same bytes: the same record
                files_known[rel] = (key, digest, before[2], before[3])
                continue
            cache.parsed += 1
            cache.changed.add(rel)
            files_known[rel] = (key, digest, *parsed)
    # The cached lists themselves: callers only read them.
    return [files_known[rel][2:] for rel in rels]


def _entry_key(entry: os.DirEntry) -> tuple[int, int, int] | None:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _load_files(root: Path, parse: Callable, known: dict[str, bytes],
                files: list[tuple[str, str]],
                ) -> list[tuple[tuple[int, int, int], bytes, tuple | None]]:
    """(stat key, digest, (record or None, diagnostics)) of each file (its path and its
    path relative to `root`); None in place of the parse when the file's digest is
    `known[rel]` (its bytes did not change)."""
    with collection_paused():
        return _read_files(root, parse, known, files)


def _read_files(root: Path, parse: Callable, known: dict[str, bytes],
                files: list[tuple[str, str]],
                ) -> list[tuple[tuple[int, int, int], bytes, tuple | None]]:
    out: list[tuple[tuple[int, int, int], bytes, tuple | None]] = []
    for path, rel in files:
        try:
            st = os.lstat(path)
        except OSError:
            st = None
        key = (st.st_size, st.st_mtime_ns, st.st_ino) if st is not None else (0, 0, 0)
        diags: list[Diagnostic] = []
        # lstat: a link (to a file or not) is refused, as is anything but a plain file.
        if st is None or not stat.S_ISREG(st.st_mode):
            diags.append(Diagnostic(rel, 1, "error", "not a regular file; links are not allowed"))
            out.append((key, b"", (None, diags)))
            continue
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError:
            raw = None
        digest = _digest(raw) if raw is not None else b""
        if raw is not None and known.get(rel) == digest:
            out.append((key, digest, None))
            continue
        text = _read_text(path, root, diags, raw, rel)
        if text is None:
            out.append((key, digest, (None, diags)))
            continue
        record, found = parse(text, rel)
        diags.extend(found)
        out.append((key, digest, (record, diags)))
    return out


@dataclass(frozen=True)
class Registry:
    """The signatory registry and the decisions about it, without the letters."""

    signatories: dict[str, Signatory]
    decisions: Decisions
    diagnostics: tuple[Diagnostic, ...] = ()


def load_registry(root: Path | str) -> Registry:
    """Read signatories/ and signatories/decisions.csv only: what matching a name needs,
    at a fraction of `load_archive`'s cost (no letter is read). Never raises on bad
    input: problems are diagnostics."""
    root = Path(root)
    diags: list[Diagnostic] = []
    signatories = _load_dir(root, "signatories", "*.yml", parse_signatory, diags, FileCache())
    decisions, found = load_decisions(root)
    return Registry({s.id: s for s in signatories}, decisions, (*diags, *found))


def load_archive(root: Path | str, cache: FileCache | None = None) -> Archive:
    """Read a whole repository. Never raises on bad input: problems are diagnostics.

    `cache`, if given, is the FileCache of the previous loads of `root`: only the files
    whose bytes changed are parsed, and `cache.changed` names them (with the files
    added and removed) afterwards. `build` loads with a new one, `serve` keeps one."""
    with collection_paused():  # (the workers' records are unpickled here)
        return _load_archive(Path(root), cache)


def _load_archive(root: Path, cache: FileCache | None) -> Archive:
    cache = cache if cache is not None else FileCache()
    before = cache.begin()
    diags: list[Diagnostic] = []
    letters = _load_dir(root, "letters", "*.md", parse_letter, diags, cache)
    signatories = _load_dir(root, "signatories", "*.yml", parse_signatory, diags, cache)
    recipients = _load_dir(root, "recipients", "*.yml", parse_recipient, diags, cache)
    tags: dict[str, Tag] = {}
    tags_path = root / "tags.yml"
    if tags_path.is_symlink():
        diags.append(Diagnostic("tags.yml", 1, "error",
                                "not a regular file; links are not allowed"))
    elif tags_path.is_file():
        [(tags, found)] = _load_cached(root, _parse_tags_file, [tags_path], cache)
        tags = tags or {}
        diags.extend(found)
    else:
        diags.append(Diagnostic("tags.yml", 1, "error", "tags.yml is missing: it defines the "
                                "vocabulary of letter tags"))
    for rel in before - cache.seen:  # gone since the last load
        cache.files.pop(rel, None)
        cache.changed.add(rel)
    letters.sort(key=lambda x: (x.date, x.id), reverse=True)
    return Archive(
        letters=tuple(letters),
        signatories={s.id: s for s in signatories},
        recipients={r.id: r for r in recipients},
        tags=tags,
        diagnostics=tuple(diags),
        root=root,
    )


def _parse_tags_file(text: str, rel: str) -> tuple[dict[str, Tag] | None, list[Diagnostic]]:
    tags, diags = parse_tags(text, rel)
    return tags, diags
