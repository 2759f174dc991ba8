"""Validate stage: checks across files, after every file has loaded.

A pure function of the loaded Archive: it returns Diagnostics and never
raises, so `undersigned check` can list every problem at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import decisions, parallel, safety
from .importer import is_placeholder, unfinished
from .models import Archive, Diagnostic, Letter, collection_paused
from .names import COUNTRIES, fold, person_name

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
    """One letter's references (tags, recipients, signatories), unfinished imports and
    entries that look like lines of the letter's text rather than signatories."""
    return [*_letter(letter, archive), *unfinished(letter), *artefact_warnings(letter)]


# ------------------------------------------------------------------ artefacts

# What a PDF or a web page puts among the signatories that signs nothing: contact
# details, copy lines, headings, a country above its organizations, a line of prose.
_PHONE_LABEL_RE = re.compile(r"(?:^|\s)(?:tel|phone|tel[eé]fono|fax|cel|m[oó]vil|mobile)\b",
                             re.I)
_PHONE_RE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_URL_RE = re.compile(r"https?://|\bwww\.", re.I)
_CC_RE = re.compile(r"^(?:c\.?\s?c\.?|copia|copy)\s*(?::|$)|^Cc\s", re.I)
_HEADING_RE = re.compile(
    r"^(?:(?:organizational|organisational|individual|institutional|civil society|"
    r"signing|endorsing|national|international|local|academic|faith)\s+)*"
    r"(?:signatories|signatory|signatures|signers|signed|signed by|endorsed by|"
    r"endorsements|firmantes|firmas|firman|suscriben|adherentes|adhesiones|"
    r"organizations|organisations|organizaciones|organizaciones firmantes|ngos|ongs|osc|"
    r"individuals|individuales|individuos|personas|people|persons|networks|redes|"
    r"coalitions|coaliciones|academics|academicos|academicas|institutions|instituciones|"
    r"sincerely|respectfully|atentamente|cordialmente|saludos)(?:\s+signatories)?$")
_SENTENCE_RE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|should|must|we|"
                          r"our|es|son|fue|fueron|ha|han|hemos|somos|nuestra|nuestro)\b")
# Longer than any name: the longest organization names of the seeds print sixteen words.
MAX_ENTRY_WORDS = 18


# The same names are printed in letter after letter (about a million entries at 10,000
# letters, a few tens of thousands of distinct ones): each is judged once. The answer
# depends on the printed text alone.
@functools.lru_cache(maxsize=1 << 17)
def entry_artefact(printed: str) -> str | None:
    """What a printed entry looks like if it is not a signatory ("a phone number"),
    or None. `check` warns; `review --new-all` creates no record from it."""
    text = " ".join(printed.split())
    plain = fold(text).casefold().strip(" .:;,*#-–—_")
    words = text.split()
    if _EMAIL_RE.search(text):
        return "an e-mail address"
    if _URL_RE.search(text):
        return "a web address"
    if _CC_RE.match(text):
        return 'a "Cc" line'
    phone = _PHONE_RE.search(text)
    digits = sum(c.isdigit() for c in phone.group()) if phone else 0
    if digits >= 7 or (digits >= 5 and _PHONE_LABEL_RE.search(text)):
        return "a phone number"
    if _HEADING_RE.match(plain):
        return "a heading"
    if plain in COUNTRIES and (len(plain) > 3 or text.isupper()):
        return "a country name"
    # A person's affiliation may run long ("Jane Doe | Professor at the School of ...").
    if len(words) > MAX_ENTRY_WORDS and person_name(text) is None:
        return f"a line of text ({len(words)} words)"
    if len(words) >= 6 and _SENTENCE_RE.search(text):
        return "a sentence"
    return None


def artefact_warnings(letter: Letter) -> list[Diagnostic]:
    """A warning for every entry (network members included) that looks like an artefact."""
    out = []
    for section in letter.sections:
        for entry in section.entries:
            for e in (entry, *entry.members):
                what = entry_artefact(e.printed)
                if what:
                    out.append(Diagnostic(
                        letter.path, e.source_line, "warning",
                        f"signatory {e.printed!r} looks like {what}, not a signatory; if it "
                        "signs nothing, move the line into the letter's text (below the "
                        "front matter) and remove the entry"))
    return out


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
    # The entries themselves, in the order of letter.signatures (no Signature built).
    for entry, via in letter.printed_entries():
        target = archive.signatories.get(entry.id)
        if target is None and is_placeholder(entry.id):
            continue  # left by `undersigned import`: reported by importer.unfinished
        if target is None:
            err(entry.source_line, f"unknown signatory id {entry.id!r} for "
                                 f"{entry.printed!r}: add signatories/{entry.id}.yml or "
                                 "link an existing id (try `undersigned match`)")
            continue
        if entry.printed != target.name and entry.printed not in target.aliases:
            err(entry.source_line, f"printed name {entry.printed!r} is not linked: it is not among "
                                 f"the aliases of {target.id!r}; add it to {target.path} or "
                                 "link the right id")
        if via == entry.id:
            # The network's page would list itself among its members, and its count of
            # signatures would count it twice.
            err(entry.source_line, f"{via!r} is listed as a member of itself; a network's "
                                 "members are other signatories: link this member to its own "
                                 "id, or remove it")
            continue
        if via is not None:
            network = archive.signatories.get(via)
            if network is not None and network.kind != "network":
                err(entry.source_line, f"{network.id!r} lists members but its kind is "
                                     f"{network.kind!r}; set kind: network", "warning")
        key = (via, entry.id)
        if key in seen:
            err(entry.source_line, f"{entry.id!r} is linked twice in the same list "
                                 f"(also line {seen[key]}); two names printed in one letter "
                                 "are two entities")
        seen.setdefault(key, entry.source_line)
    out.extend(translation_problems(letter, archive))
    if stated_count_differs(letter):
        err(letter.lines.get(("stated_count",), 1),
            f"the letter states {letter.stated_count} signatories but lists "
            f"{letter.listed_count}", "warning")
    return out


def translation_problems(letter: Letter, archive: Archive) -> list[Diagnostic]:
    """A letter's `translations`: each names another letter of the archive, in another
    language than this one and the other translations, which lists this one back (both
    pages link each other, so both files say it)."""
    out = []
    languages = {letter.language: letter.id}
    for i, other_id in enumerate(letter.translations):
        line = letter.lines.get(("translations", i), 1)
        other = archive.letter_by_id.get(other_id)
        if other_id == letter.id:
            out.append(Diagnostic(letter.path, line, "error",
                                  "a letter cannot be its own translation; remove this id"))
        elif other is None:
            out.append(Diagnostic(letter.path, line, "error",
                                  f"translation {other_id!r} is not a letter: there is no "
                                  f"letters/{other_id}.md; fix the id or remove it"))
        elif other.language in languages:
            out.append(Diagnostic(letter.path, line, "error",
                                  f"translation {other_id!r} is in {other.language!r}, like "
                                  f"{languages[other.language]!r}: each version of a letter "
                                  "is in its own language; fix its `language` or remove it"))
        elif letter.id not in other.translations:
            out.append(Diagnostic(letter.path, line, "error",
                                  f"translation {other_id!r} does not list this letter back: "
                                  f"add `translations: [{letter.id}]` to {other.path}"))
        if other is not None:
            languages.setdefault(other.language, other_id)
    return out


def stated_count_differs(letter: Letter) -> bool:
    """Whether the letter's own count disagrees with its list. The count may count a
    network once ("73 organizations" where one of the 73 is a working group printed
    with its members) or count every member."""
    entries = sum(len(section.entries) for section in letter.sections)
    return letter.stated_count is not None and letter.stated_count not in (
        letter.listed_count, entries)


def check(archive: Archive) -> list[Diagnostic]:
    """Every diagnostic for an archive: load problems, then cross-file ones, sorted."""
    return check_changes(archive).diagnostics


@dataclass(frozen=True)
class Checked:
    """A check's diagnostics, with each letter's own kept for the next check."""

    diagnostics: list[Diagnostic]
    # letter id -> (the Letter checked, its reference diagnostics, its safety diagnostics)
    letters: dict[str, tuple[Letter, list[Diagnostic], list[Diagnostic]]]
    latest: dt.date  # the latest date a letter could have when it ran
    loaded: frozenset[str] = frozenset()  # the files that loaded (letters, records)
    files: list[Diagnostic] | None = None  # safety.file_problems, if it had a root


def check_changes(archive: Archive, previous: Checked | None = None,
                  changed: Iterable[str] | None = None) -> Checked:
    """Check an archive, redoing only what the files `changed` since `previous` (paths
    relative to the root: edited, added or removed) can change. Without `previous`
    or `changed` everything is checked: `check`, which `build` runs, is this call.

    A letter's own checks (its references, its text) are done again when it was
    parsed again (a new Letter object: the loader's cache keeps an unchanged file's),
    when a signatory it prints or a letter it names as a translation changed, and for
    every letter when tags.yml or a recipient changed. The checks across the registry,
    the files and decisions.csv are quick and always run. The result is the same list,
    in the same order, as checking everything."""
    with collection_paused():
        return _check_changes(archive, previous, changed)


def _check_changes(archive: Archive, previous: Checked | None,
                   changed: Iterable[str] | None) -> Checked:
    changed = set(changed) if changed is not None else None
    latest = latest_date()
    if previous is None or changed is None or previous.latest != latest or any(
            p == "tags.yml" or p.startswith("recipients/") for p in changed):
        stale = range(len(archive.letters))
    else:
        letters_changed = {Path(p).stem for p in changed if p.startswith("letters/")}
        registry_changed = {Path(p).stem for p in changed
                            if p.startswith("signatories/") and p.endswith(".yml")}
        stale = [i for i, letter in enumerate(archive.letters)
                 if _needs_check(letter, previous, letters_changed, registry_changed)]
    kept = previous.letters if previous is not None else {}
    fresh = parallel.map_shared(_check_some, (archive, list(stale)), len(stale))
    redone = {archive.letters[i].id: found for i, found in zip(stale, fresh, strict=True)}
    per_letter = {}
    for letter in archive.letters:
        refs, text = redone[letter.id] if letter.id in redone else kept[letter.id][1:]
        per_letter[letter.id] = (letter, refs, text)
    loaded = frozenset((*(x.path for x in archive.letters),
                        *(s.path for s in archive.signatories.values()),
                        *(r.path for r in archive.recipients.values())))
    # The file-level rules read every name in the archive's directories (a second at
    # 20,000 files): kept while the changes are edits of files that loaded before and do
    # now (the names are the same, and no letter refused by the loader changed).
    files = None
    if archive.root is not None and previous is not None and changed is not None and all(
            (p in loaded and p in previous.loaded) or p in _NOT_NAMED for p in changed):
        files = previous.files
    elif archive.root is not None:
        files = safety.file_problems(archive, archive.root)
    found = defaultdict(list)
    for d in (*archive.diagnostics,
              *validate(archive, [refs for _, refs, _ in per_letter.values()]),
              *safety.check_archive(archive, archive.root,
                                    [text for *_, text in per_letter.values()], files),
              *decisions.check_decisions(archive)):
        found[d.path].append(d)
    diagnostics = [d for path in sorted(found) for d in sorted(found[path], key=lambda d: d.line)]
    return Checked(diagnostics, per_letter, latest, loaded, files)


# Files the file-level rules do not name: their edits keep those rules' result.
_NOT_NAMED = ("tags.yml", "signatories/decisions.csv")


def _needs_check(letter: Letter, previous: Checked, letters_changed: set[str],
                 registry_changed: set[str]) -> bool:
    before = previous.letters.get(letter.id)
    if before is None or before[0] is not letter or letter.id in letters_changed:
        return True
    if any(t in letters_changed for t in letter.translations):
        return True
    return bool(registry_changed) and any(
        e.id in registry_changed or m.id in registry_changed
        for section in letter.sections for e in section.entries for m in (e, *e.members))


def _check_some(shared: tuple[Archive, list[int]], positions) -> list[tuple[list, list]]:
    """`_check_letters` of the letters at `shared[1][i]` for each i in `positions`."""
    archive, indices = shared
    with collection_paused():  # (in a worker too)
        return _check_letters(archive, [indices[i] for i in positions])
