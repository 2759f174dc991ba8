"""Validate stage: checks across files, after every file has loaded.

A pure function of the loaded Archive: it returns Diagnostics and never
raises, so `undersigned check` can list every problem at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from . import decisions, parallel, safety
from .importer import is_placeholder, unfinished
from .models import Archive, Diagnostic, Letter

# The dates a letter may have (docs/format.md says why): sign-on letters of civil society
# to governments are a twentieth-century form, and a letter is archived once it was sent
# (a year's margin for a letter dated for the summit it was written for). Outside them a
# date is a typo (2202 for 2022, 9999-12-31), which would also end the build: its
# sitemap's gzip header holds only 1970 to 2106.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_AHEAD = dt.timedelta(days=366)


def latest_date() -> dt.date:
    """The latest date a letter may have: a year after today (UTC)."""
    return dt.datetime.now(dt.UTC).date() + LATEST_AHEAD


def validate(archive: Archive, letters: list[list[Diagnostic]]) -> list[Diagnostic]:
    """Cross-file diagnostics: the registry's, then `letters`, which holds
    `letter_references` of each letter (computed on every core by `check`)."""
    out: list[Diagnostic] = []
    out.extend(_registry(archive))
    for found in letters:
        out.extend(found)
    return out


def letter_references(letter: Letter, archive: Archive) -> list[Diagnostic]:
    """One letter's references (tags, recipients, signatories) and unfinished imports."""
    return [*_letter(letter, archive), *unfinished(letter)]


def _check_letters(archive: Archive, indices) -> list[tuple[list, list]]:
    """(references, safety) diagnostics of the letters at `indices`: a worker's share."""
    return [(letter_references(archive.letters[i], archive),
             safety.letter_problems(archive.letters[i])) for i in indices]


def _registry(archive: Archive) -> list[Diagnostic]:
    out = []
    claimed: dict[str, str] = {}
    for sig in sorted(archive.signatories.values(), key=lambda s: s.id):
        for alias in dict.fromkeys((sig.name, *sig.aliases)):
            owner = claimed.get(alias)
            if owner is not None and owner != sig.id:
                out.append(Diagnostic(sig.path, _alias_line(sig, alias), "error",
                                      f"alias {alias!r} is also claimed by {owner!r}; an alias "
                                      "belongs to one signatory, remove it from one of them"))
            claimed.setdefault(alias, sig.id)
        for i, rel in enumerate(sig.related):
            line = sig.lines.get(("related", i), 1)
            if rel.id not in archive.signatories:
                out.append(Diagnostic(sig.path, line, "error", f"related id {rel.id!r} has no "
                                      f"file signatories/{rel.id}.yml"))
            elif rel.id == sig.id:
                out.append(Diagnostic(sig.path, line, "error",
                                      "a signatory cannot relate to itself"))
    claimed_r: dict[str, str] = {}
    for rec in sorted(archive.recipients.values(), key=lambda r: r.id):
        for alias in rec.aliases:
            owner = claimed_r.get(alias)
            if owner is not None and owner != rec.id:
                out.append(Diagnostic(rec.path, 1, "error",
                                      f"recipient alias {alias!r} is also claimed by {owner!r}"))
            claimed_r.setdefault(alias, rec.id)
    return out


def _alias_line(sig, alias: str) -> int:
    for i, value in enumerate(sig.aliases):
        if value == alias:
            return sig.lines.get(("aliases", i), 1)
    return sig.lines.get(("name",), 1)


def _letter(letter: Letter, archive: Archive) -> list[Diagnostic]:
    out = []

    def err(line: int, message: str, level: str = "error") -> None:
        out.append(Diagnostic(letter.path, line, level, message))

    if not EARLIEST_DATE <= letter.date <= latest_date():
        # (The latest date is not printed: the message, like the test expecting it, must
        # not change from one day to the next.)
        when = (f"before {EARLIEST_DATE.isoformat()}" if letter.date < EARLIEST_DATE
                else "more than a year from today")
        err(letter.lines.get(("date",), 1),
            f"date {letter.date.isoformat()} is {when}: no letter of the archive can have it; "
            "fix the year (and the file name with it)")
    for i, tag in enumerate(letter.tags):
        if tag not in archive.tags:
            known = ", ".join(sorted(archive.tags))
            err(letter.lines.get(("tags", i), 1),
                f"unknown tag {tag!r}; use one of: {known} (or add it to tags.yml)")
    for ref in (*letter.recipients, *letter.cc):
        rec = archive.recipients.get(ref.id)
        if rec is None:
            err(ref.line, f"unknown recipient id {ref.id!r}: add recipients/{ref.id}.yml")
        elif ref.printed not in rec.aliases and ref.printed != rec.name:
            err(ref.line, f"printed recipient {ref.printed!r} is not among the aliases of "
                          f"{ref.id!r}: add it to recipients/{ref.id}.yml")
    seen: dict[tuple[str | None, str], int] = {}
    for sig in letter.signatures:
        target = archive.signatories.get(sig.signatory_id)
        if target is None and is_placeholder(sig.signatory_id):
            continue  # left by `undersigned import`: reported by importer.unfinished
        if target is None:
            err(sig.source_line, f"unknown signatory id {sig.signatory_id!r} for "
                                 f"{sig.printed!r}: add signatories/{sig.signatory_id}.yml or "
                                 "link an existing id (try `undersigned match`)")
            continue
        if sig.printed != target.name and sig.printed not in target.aliases:
            err(sig.source_line, f"printed name {sig.printed!r} is not linked: it is not among "
                                 f"the aliases of {target.id!r}; add it to {target.path} or "
                                 "link the right id")
        if sig.via is not None:
            network = archive.signatories.get(sig.via)
            if network is not None and network.kind != "network":
                err(sig.source_line, f"{network.id!r} lists members but its kind is "
                                     f"{network.kind!r}; set kind: network", "warning")
        key = (sig.via, sig.signatory_id)
        if key in seen:
            err(sig.source_line, f"{sig.signatory_id!r} is linked twice in the same list "
                                 f"(also line {seen[key]}); two names printed in one letter "
                                 "are two entities")
        seen.setdefault(key, sig.source_line)
    # A letter's own count may count a network once ("73 organizations" where one of
    # the 73 is a working group printed with its members) or count every member.
    entries = sum(len(section.entries) for section in letter.sections)
    if letter.stated_count is not None and letter.stated_count not in (
            letter.listed_count, entries):
        err(letter.lines.get(("stated_count",), 1),
            f"the letter states {letter.stated_count} signatories but lists "
            f"{letter.listed_count}", "warning")
    return out


def check(archive: Archive) -> list[Diagnostic]:
    """Every diagnostic for an archive: load problems, then cross-file ones, sorted."""
    # Each letter is checked on its own: on every core (forked workers share the
    # archive), the same diagnostics in the same order as in one process.
    per_letter = parallel.map_shared(_check_letters, archive, len(archive.letters))
    found = defaultdict(list)
    for d in (*archive.diagnostics, *validate(archive, [refs for refs, _ in per_letter]),
              *safety.check_archive(archive, archive.root, [text for _, text in per_letter]),
              *decisions.check_decisions(archive)):
        found[d.path].append(d)
    return [d for path in sorted(found) for d in sorted(found[path], key=lambda d: d.line)]
