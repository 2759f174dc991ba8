"""Typed records of the archive: what a letter, a signatory and a signature are.

Every record is immutable. The printed text of a letter is kept as printed
(`Entry.printed`, `RecipientRef.printed`); the link to a canonical record is a
separate field (`id`), so the printed record is never rewritten by resolution.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

Level = Literal["error", "warning"]
Kind = Literal["organization", "person", "network"]
KINDS: tuple[str, ...] = ("organization", "person", "network")


def escape_controls(text: str) -> str:
    """`text` safe to print on a terminal or a CI log: every control, format (bidi
    included), separator and unassigned character written as an escape (`\\n`,
    `\\x1b`, `\\u202e`), as `repr` writes it; everything else unchanged.

    Paths and values in diagnostics come from contributors: a newline in a file name
    would forge a line of output (`::error file=...::` is a GitHub workflow command),
    an escape sequence would rewrite the maintainer's terminal. Every printer of
    diagnostics (`Diagnostic.__str__`, `check --format github`) goes through this.
    """
    if text.isprintable():  # the common case: one C call, no copy
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """The garbage collector paused for a stage that makes millions of records without
    reference cycles (load, check, catalogue, and their workers): its passes over the
    growing heap found nothing to free, at a tenth to a fifth of those stages' CPU
    (1,000 letters, serially). Collection resumes, as it was, when the stage ends."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    o = ord(ch)
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    if unicodedata.category(ch) == "Zs":  # an unusual space stays visible as itself
        return ch
    if o < 0x100:
        return f"\\x{o:02x}"
    return f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in an input file, printed like a compiler's message."""

    path: str
    line: int
    level: Level
    message: str

    def __str__(self) -> str:
        # Path and message may carry a contributor's characters: escaped, one line always.
        return (f"{escape_controls(self.path)}:{self.line}: {self.level}: "
                f"{escape_controls(self.message)}")


@dataclass(frozen=True)
class Relation:
    """A distinct but related entity, e.g. a national chapter and its parent."""

    id: str
    relation: str
    note: str = ""


@dataclass(frozen=True)
class Signatory:
    """A canonical entity of the registry: one file `signatories/<id>.yml`."""

    id: str
    name: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    country: str | None = None
    website: str | None = None
    related: tuple[Relation, ...] = ()
    affiliation: str | None = None
    note: str | None = None
    path: str = ""
    lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Recipient:
    """A canonical recipient (a person in an office): one file `recipients/<id>.yml`."""

    id: str
    name: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    path: str = ""
    lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True, slots=True)
class RecipientRef:
    """A recipient as printed on one letter, linked to a Recipient record."""

    printed: str
    id: str
    name: str | None = None
    role: str | None = None
    line: int = 0

    def __reduce__(self):
        return RecipientRef, (self.printed, self.id, self.name, self.role, self.line)


@dataclass(frozen=True, slots=True)
class Entry:
    """One printed signatory entry in a letter's front matter.

    `line` holds the whole printed line when one line names several
    signatories ("X y Y"); each of them is its own Entry with the same `line`.
    `members` are the names a network printed after a colon.
    `name` and `affiliation` split a person printed with an affiliation ("Ana Ruiz |
    Professor, University X"): resolution uses `name`; an affiliation never becomes a
    signatory, an alias or a link. `country` is a country or state printed with the
    name ("Public Citizen, USA"), which `printed` keeps as printed.
    """

    printed: str
    id: str
    members: tuple[Entry, ...] = ()
    line: str | None = None
    source_line: int = 0
    name: str | None = None
    affiliation: str | None = None
    country: str | None = None

    def __reduce__(self):  # pickled by value: a slotted dataclass's state is slower
        return Entry, (self.printed, self.id, self.members, self.line, self.source_line,
                       self.name, self.affiliation, self.country)


@dataclass(frozen=True, slots=True)
class Section:
    """A printed heading of the signatory list ("NGO", "Individuals") and its entries."""

    heading: str | None
    entries: tuple[Entry, ...]

    def __reduce__(self):
        return Section, (self.heading, self.entries)


@dataclass(frozen=True, slots=True)
class Signature:
    """A signatory on a letter, with the name as printed there."""

    letter_id: str
    position: int
    section: str | None
    printed: str
    signatory_id: str
    via: str | None = None
    line: str | None = None
    source_line: int = 0


@dataclass(frozen=True, slots=True)
class Letter:
    id: str
    path: str
    title: str
    date: dt.date
    language: str
    summary: str
    tags: tuple[str, ...]
    recipients: tuple[RecipientRef, ...]
    cc: tuple[RecipientRef, ...]
    sections: tuple[Section, ...]
    source: str
    body: str
    stated_count: int | None = None
    place: str | None = None
    body_line: int = 1
    # Ids of the same letter published in other languages; each lists this one back
    # (validate checks it), so one file tells the whole link.
    translations: tuple[str, ...] = ()
    # {YAML path: file line} of the front matter, for diagnostics (load: computed lazily).
    lines: Mapping = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def signatures(self) -> tuple[Signature, ...]:
        """Every signature in printed order; network members follow their network."""
        out: list[Signature] = []
        for section in self.sections:
            for entry in section.entries:
                out.append(self._signature(len(out), section.heading, entry, None))
                for member in entry.members:
                    out.append(self._signature(len(out), section.heading, member, entry.id))
        return tuple(out)

    def printed_entries(self) -> Iterator[tuple[Entry, str | None]]:
        """(entry, the id of the network it is printed under, or None) in the order of
        `signatures`, without building a Signature for each: checks that read only the
        entries ask this of every letter (a million signatures at 10,000 letters)."""
        for section in self.sections:
            for entry in section.entries:
                yield entry, None
                for member in entry.members:
                    yield member, entry.id

    def _signature(self, pos: int, heading: str | None, e: Entry, via: str | None) -> Signature:
        return Signature(self.id, pos, heading, e.printed, e.id, via, e.line, e.source_line)

    @property
    def listed_count(self) -> int:
        """Signatures as listed, network members included (`len(signatures)`, counted
        without building them: the downloads ask it of every letter)."""
        return sum(1 + len(e.members) for section in self.sections for e in section.entries)

    @property
    def year(self) -> int:
        return self.date.year


@dataclass(frozen=True)
class Tag:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Archive:
    """Everything loaded from the repository, before any cross-linking."""

    letters: tuple[Letter, ...]
    signatories: dict[str, Signatory]
    recipients: dict[str, Recipient]
    tags: dict[str, Tag]
    diagnostics: tuple[Diagnostic, ...] = ()
    root: Path | None = None  # where it was loaded from: file-level safety rules need it

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level == "error")

    @cached_property
    def letter_by_id(self) -> dict[str, Letter]:
        """Letters by id, built once (checking a translation looks up its partner)."""
        return {x.id: x for x in self.letters}
