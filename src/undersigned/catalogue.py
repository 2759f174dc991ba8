"""Catalogue stage: cross-link a loaded archive into everything the site shows.

Pure function of an `Archive`: who signed what, printed forms, co-signers,
networks and their members as printed, recipients, tags and years. Everything
is computed in one pass over the signatures (plus the co-signer count, see
`_cosigners`) so that 10,000 letters cost about ten times 1,000.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from .models import (
    Archive,
    Letter,
    Recipient,
    RecipientRef,
    Signatory,
    Tag,
    collection_paused,
)

# How many co-signers and frequent signatories the pages list.
TOP_COSIGNERS = 10
TOP_SIGNATORIES = 20
LATEST_LETTERS = 10


class Signed(NamedTuple):
    """One signature seen from the signatory's side: which letter, printed how."""

    letter_id: str
    printed: str
    section: str | None
    via: str | None  # the network it was printed under, if any


@dataclass(frozen=True, slots=True)
class Membership:
    """A network's members as printed on one letter."""

    letter_id: str
    printed: str  # the network as printed
    members: tuple[tuple[str, str], ...]  # (printed, signatory id), in printed order


@dataclass(frozen=True)
class Related:
    """A related entity seen from one side: `outgoing` is this record's own claim."""

    id: str
    relation: str
    outgoing: bool
    note: str = ""


@dataclass(frozen=True)
class SignatoryView:
    signatory: Signatory
    # Its signatures as plain (letter_id, printed, section, via) tuples, newest letter
    # first, printed order within a letter: `signed` names their fields. Plain tuples of
    # strings leave the garbage collector's view once checked; a million named tuples or
    # dataclasses (one per signature at 10,000 letters) stay in it, and every full
    # collection for the rest of the build walks them (2-4 s of full collections in
    # the catalogue alone).
    signed_rows: tuple[tuple[str, str, str | None, str | None], ...]
    letter_ids: tuple[str, ...]  # distinct, newest first
    printed_forms: tuple[str, ...]  # every distinct printed form seen, sorted
    cosigners: tuple[tuple[str, int], ...]  # (id, letters in common), most first
    networks: tuple[str, ...]  # networks it belongs to (via or member-of), sorted by id
    related: tuple[Related, ...]
    memberships: tuple[Membership, ...]  # for a network: its members on each letter

    @property
    def id(self) -> str:
        return self.signatory.id

    @property
    def signed(self) -> tuple[Signed, ...]:
        return tuple(map(Signed._make, self.signed_rows))

    @property
    def letter_count(self) -> int:
        return len(self.letter_ids)

    @cached_property
    def letter_set(self) -> frozenset[str]:
        """Its letter ids as a set, made on first use (for letters signed together)."""
        return frozenset(self.letter_ids)


@dataclass(frozen=True)
class Stats:
    letters: int
    signatures: int
    organizations: int
    people: int
    networks: int
    signatories: int
    recipients: int


@dataclass(frozen=True)
class Catalogue:
    letters: tuple[Letter, ...]  # newest first
    letter_by_id: dict[str, Letter]
    listed: dict[str, int]  # letter id -> signatures listed (Letter.listed_count, computed once)
    signatories: dict[str, SignatoryView]  # by id, every registry record
    signatories_az: tuple[str, ...]  # ids sorted by folded name
    recipients: dict[str, Recipient]
    recipient_letters: dict[str, tuple[str, ...]]  # recipient id -> letter ids, newest first
    tags: dict[str, Tag]
    tag_letters: dict[str, tuple[str, ...]]
    years: dict[int, tuple[str, ...]]  # year -> letter ids, newest year first
    stats: Stats
    top_signatories: tuple[str, ...]  # most letters first
    latest: tuple[str, ...]

    def recipient_name(self, ref: RecipientRef) -> str:
        """A recipient's name: its record's, else the name or text printed on the letter."""
        record = self.recipients.get(ref.id)
        return record.name if record else (ref.name or ref.printed)

    def recipient_names(self, refs: Iterable[RecipientRef]) -> list[str]:
        """The recipients' names in printed order, each once."""
        return list(dict.fromkeys(map(self.recipient_name, refs)))


# The combining marks of Latin, Greek and Cyrillic accents (U+0300 to U+036F, less the
# grapheme joiner, which combines nothing): what NFKD leaves of nearly every accent.
_ACCENTS_RE = re.compile("[" + "".join(
    chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]+")


def sort_key(name: str) -> str:
    """A name's place in an A–Z list: accents and case folded."""
    if name.isascii():  # nothing to decompose (most names): 10 times faster
        return name.casefold()
    decomposed = _ACCENTS_RE.sub("", unicodedata.normalize("NFKD", name))
    if decomposed.isascii():  # the accents were all (no other mark is left to find)
        return decomposed.casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def letter_groups(letters) -> tuple[dict[str, list[str]], dict[str, list[str]],
                                   dict[int, list[str]]]:
    """Letter ids by recipient (cc included), by tag and by year, in the letters' order."""
    recipient_letters: dict[str, list[str]] = defaultdict(list)
    tag_letters: dict[str, list[str]] = defaultdict(list)
    years: dict[int, list[str]] = defaultdict(list)
    for letter in letters:
        for rid in dict.fromkeys(r.id for r in (*letter.recipients, *letter.cc)):
            recipient_letters[rid].append(letter.id)
        for tag in letter.tags:
            tag_letters[tag].append(letter.id)
        years[letter.year].append(letter.id)
    return recipient_letters, tag_letters, years


def catalogue(archive: Archive) -> Catalogue:
    with collection_paused():
        return _catalogue(archive)


def _catalogue(archive: Archive) -> Catalogue:
    letters = tuple(sorted(archive.letters, key=lambda x: (x.date, x.id), reverse=True))
    registry = archive.signatories

    signed: dict[str, list[tuple[str, str, str | None, str | None]]] = defaultdict(list)
    letter_ids: dict[str, list[str]] = defaultdict(list)
    forms: dict[str, set[str]] = defaultdict(set)
    networks: dict[str, set[str]] = defaultdict(set)
    memberships: dict[str, list[Membership]] = defaultdict(list)
    members_of_letter: list[tuple[str, ...]] = []  # distinct ids per letter, by letter index
    listed: dict[str, int] = {}
    signature_count = 0

    for letter in letters:
        lid = letter.id
        seen: dict[str, None] = {}
        count = 0
        # Letter.signatures in the same order, without building its Signature records
        # (4 s at 10,000 letters): each entry, then the network members printed under it.
        for section in letter.sections:
            heading = section.heading
            for entry in section.entries:
                eid = entry.id
                count += 1 + len(entry.members)
                signed[eid].append((lid, entry.printed, heading, None))
                forms[eid].add(entry.printed)
                if eid not in seen:
                    seen[eid] = None
                    letter_ids[eid].append(lid)
                if entry.members:
                    memberships[eid].append(Membership(
                        lid, entry.printed, tuple((m.printed, m.id) for m in entry.members)))
                    for m in entry.members:
                        mid = m.id
                        signed[mid].append((lid, m.printed, heading, eid))
                        forms[mid].add(m.printed)
                        if eid:
                            networks[mid].add(eid)
                        if mid not in seen:
                            seen[mid] = None
                            letter_ids[mid].append(lid)
        members_of_letter.append(tuple(seen))
        listed[lid] = count
        signature_count += count

    related: dict[str, list[Related]] = defaultdict(list)
    for sig in registry.values():
        for rel in sig.related:
            related[sig.id].append(Related(rel.id, rel.relation, True, rel.note))
            related[rel.id].append(Related(sig.id, rel.relation, False, rel.note))
            if rel.relation == "member-of":
                networks[sig.id].add(rel.id)

    ids_with_letters = [i for i in letter_ids if i in registry]
    cosigners = _cosigners(ids_with_letters, letter_ids, letters, members_of_letter)

    views = {}
    for sid, sig in registry.items():
        views[sid] = SignatoryView(
            signatory=sig,
            signed_rows=tuple(signed.get(sid, ())),
            letter_ids=tuple(letter_ids.get(sid, ())),
            printed_forms=tuple(sorted(forms.get(sid, ()), key=lambda f: (sort_key(f), f))),
            cosigners=cosigners.get(sid, ()),
            networks=tuple(sorted(n for n in networks.get(sid, ()) if n in registry)),
            related=tuple(sorted((r for r in related.get(sid, ()) if r.id in registry),
                                 key=lambda r: (not r.outgoing, r.relation, r.id))),
            memberships=tuple(memberships.get(sid, ())),
        )

    az = tuple(sorted(registry, key=lambda i: (sort_key(registry[i].name), i)))
    return assemble(archive, letters, {x.id: x for x in letters}, listed, views, az,
                    signature_count)


def assemble(archive: Archive, letters: tuple[Letter, ...], letter_by_id: dict[str, Letter],
             listed: dict[str, int], views: dict[str, SignatoryView],
             az: tuple[str, ...], signatures: int) -> Catalogue:
    """The Catalogue from its per-letter and per-signatory parts: the groupings, counts
    and rankings derived from them (shared by the full and the incremental catalogue)."""
    recipient_letters, tag_letters, years = letter_groups(letters)
    kinds = Counter(s.kind for s in archive.signatories.values())
    top = heapq.nsmallest(
        TOP_SIGNATORIES, (v for v in views.values() if v.letter_count),
        key=lambda v: (-v.letter_count, sort_key(v.signatory.name), v.id))
    return Catalogue(
        letters=letters,
        letter_by_id=letter_by_id,
        listed=listed,
        signatories=views,
        signatories_az=az,
        recipients=dict(archive.recipients),
        recipient_letters={k: tuple(v) for k, v in recipient_letters.items()},
        tags=dict(archive.tags),
        tag_letters={k: tuple(v) for k, v in tag_letters.items()},
        years={y: tuple(years[y]) for y in sorted(years, reverse=True)},
        stats=Stats(
            letters=len(letters),
            signatures=signatures,
            organizations=kinds["organization"],
            people=kinds["person"],
            networks=kinds["network"],
            signatories=len(archive.signatories),
            recipients=len(archive.recipients),
        ),
        top_signatories=tuple(v.id for v in top),
        latest=tuple(x.id for x in letters[:LATEST_LETTERS]),
    )


def _cosigners(
    ids: list[str],
    letter_ids: dict[str, list[str]],
    letters: tuple[Letter, ...],
    members_of_letter: list[tuple[str, ...]],
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Top co-signers of each signatory: letters in common, most first; ties go to the
    more prolific, then by id.

    Counting pairs one by one costs the sum of squared list lengths (10,000 letters:
    ~1.6e8 increments in Python). Instead every signatory is a bit, placed by its tie
    rank (most letters first, then id), and every letter a big int of its signatories'
    bits; a signatory's counts with everyone are the column sums of its letters' ints,
    kept as binary digit planes (plane k holds bit k of each count) and added with
    carry-save adders, a few whole-int operations (C loops over machine words) per
    letter. The top list is then read off the planes from the highest down.
    """
    total = {i: len(letter_ids[i]) for i in ids}
    order = sorted(ids, key=lambda i: (-total[i], i))
    rank = {sid: r for r, sid in enumerate(order)}
    width = (len(order) + 8) // 8
    masks: list[int] = []  # letter index -> its registry signatories, as bits by rank
    for members in members_of_letter:
        bits = bytearray(width)
        for m in members:
            r = rank.get(m)
            if r is not None:
                bits[r >> 3] |= 1 << (r & 7)
        masks.append(int.from_bytes(bits, "little"))
    index = {x.id: i for i, x in enumerate(letters)}
    return {sid: _top(_count_planes([masks[index[lid]] for lid in letter_ids[sid]]),
                      rank[sid], order)
            for sid in ids}


def _count_planes(masks: list[int]) -> list[int]:
    """The column sums of `masks` in binary: bit j of plane k is bit k of the number of
    masks with bit j set. Inputs are paired with carry-save adders (a + b + c = sum +
    2 * carry, five operations) so that each level receives half as many carries as the
    one below: about five operations per input whatever the counts grow to."""
    planes: list[int] = []
    pending: list[int] = []  # an unpaired carry waiting at each level, or 0
    for x in masks:
        level = 0
        while x:
            if level == len(planes):
                planes.append(0)
                pending.append(0)
            p = pending[level]
            if not p:
                pending[level] = x
                break
            pending[level] = 0
            a = planes[level]
            u = a ^ p
            planes[level] = u ^ x
            x = (a & p) | (u & x)
            level += 1
    for level, x in enumerate(pending):  # ripple the leftovers in
        while x:
            if level == len(planes):
                planes.append(0)
            a = planes[level]
            planes[level] = a ^ x
            x &= a
            level += 1
    return planes


def _top(planes: list[int], own: int, order: list[str]) -> tuple[tuple[str, int], ...]:
    """The TOP_COSIGNERS highest counts in `planes` other than bit `own`, as (id, count),
    most first, ties by bit (= tie rank). Radix select from the highest plane down:
    `above` holds bits whose count is known to exceed the threshold being built, `tied`
    those equal to it so far; the threshold keeps a 1 wherever enough bits remain."""
    tied = 0
    for plane in planes:
        tied |= plane
    tied &= ~(1 << own)
    above = 0
    n_above = 0
    if tied.bit_count() > TOP_COSIGNERS:
        for plane in reversed(planes):
            hi = tied & plane
            n = hi.bit_count()
            if n_above + n >= TOP_COSIGNERS:
                tied = hi
            else:
                above |= hi
                n_above += n
                tied ^= hi
    best = []
    for x, n in ((above, n_above), (tied, TOP_COSIGNERS - n_above)):
        for _ in range(n):
            if not x:
                break
            low = x & -x
            x ^= low
            bit = low.bit_length() - 1
            # `plane & low` is at most as long as `low`: cheaper than shifting the plane.
            best.append((-sum(1 << k for k, plane in enumerate(planes) if plane & low), bit))
    best.sort()
    return tuple((order[bit], -n) for n, bit in best)


# ---------------------------------------------------------------- incremental update

class Update(NamedTuple):
    """What `update_catalogue` gives: the catalogue, the signatories whose views it
    rebuilt (or that are gone), and whether the co-signer lists are left stale."""

    catalogue: Catalogue
    views_changed: frozenset[str]
    cosigners_stale: bool


def _members(letter: Letter | None) -> frozenset[str]:
    return frozenset(s.signatory_id for s in letter.signatures) if letter else frozenset()


def update_catalogue(old: Catalogue, archive: Archive, letters_changed: Iterable[str],
                     signatories_changed: Iterable[str], cosigners_later: bool = False,
                     ) -> Update:
    """`catalogue(archive)`, computed from `old` (the catalogue of the archive before)
    after the given letters and signatory records were edited, added or removed (ids);
    recipients and tags are taken as they are in `archive`.

    Only the views of the signatories the change can reach are built again: those
    printed on a changed letter (before or after), the changed records, and the
    records that relate to them. The co-signer search (most of `catalogue`'s time)
    is reused when no letter changed its set of signatories and the registry kept its
    ids; otherwise everything is computed again, or, with `cosigners_later`, the old
    co-signer lists are kept and said to be stale (the caller shows the rest first,
    then runs `catalogue`). Apart from stale co-signers, the result equals
    `catalogue(archive)` (tests/test_catalogue.py checks it on random edits)."""
    letters_changed = set(letters_changed)
    signatories_changed = set(signatories_changed)
    registry = archive.signatories
    letters = tuple(sorted(archive.letters, key=lambda x: (x.date, x.id), reverse=True))
    by_id = {x.id: x for x in letters}
    stale = set(registry) != set(old.signatories) or any(
        _members(old.letter_by_id.get(i)) != _members(by_id.get(i)) for i in letters_changed)
    if stale and not cosigners_later:
        cat = catalogue(archive)
        changed = {s for s in cat.signatories.keys() | old.signatories.keys()
                   if cat.signatories.get(s) != old.signatories.get(s)}
        return Update(cat, frozenset(changed), False)
    index = {x.id: i for i, x in enumerate(letters)}

    affected: set[str] = set(signatories_changed)
    for lid in letters_changed:
        for letter in (old.letter_by_id.get(lid), by_id.get(lid)):
            if letter is not None:
                affected.update(s.signatory_id for s in letter.signatures)
    for sid in signatories_changed:
        before = old.signatories.get(sid)
        for record in (before.signatory if before else None, registry.get(sid)):
            if record is not None:
                affected.update(r.id for r in record.related)
    # A record added, removed or renamed changes the lists of the records relating to it.
    affected.update(sig.id for sig in registry.values()
                    if any(rel.id in signatories_changed for rel in sig.related))
    incoming: dict[str, list[Related]] = defaultdict(list)
    for sig in registry.values():
        for rel in sig.related:
            if rel.id in affected:
                incoming[rel.id].append(Related(sig.id, rel.relation, False, rel.note))

    new_signed: dict[str, list[tuple]] = defaultdict(list)
    new_members: dict[str, list[Membership]] = defaultdict(list)
    for lid in sorted((i for i in letters_changed if i in by_id), key=index.__getitem__):
        for s in by_id[lid].signatures:
            new_signed[s.signatory_id].append((lid, s.printed, s.section, s.via))
        for section in by_id[lid].sections:
            for entry in section.entries:
                if entry.members:
                    new_members[entry.id].append(Membership(
                        lid, entry.printed, tuple((m.printed, m.id) for m in entry.members)))

    rebuilt: dict[str, SignatoryView] = {}
    for sid in affected:
        record = registry.get(sid)
        if record is None:
            continue
        before = old.signatories.get(sid)
        signed = [x for x in (before.signed_rows if before else ())
                  if x[0] not in letters_changed]
        signed.extend(new_signed.get(sid, ()))
        signed.sort(key=lambda x: index[x[0]])  # stable: printed order kept
        memberships = [m for m in (before.memberships if before else ())
                       if m.letter_id not in letters_changed]
        memberships.extend(new_members.get(sid, ()))
        memberships.sort(key=lambda m: index[m.letter_id])
        related = [Related(r.id, r.relation, True, r.note) for r in record.related]
        related.extend(incoming.get(sid, ()))
        networks = {x[3] for x in signed if x[3]} | {
            r.id for r in record.related if r.relation == "member-of"}
        rebuilt[sid] = SignatoryView(
            signatory=record,
            signed_rows=tuple(signed),
            letter_ids=tuple(dict.fromkeys(x[0] for x in signed)),
            printed_forms=tuple(sorted({x[1] for x in signed}, key=lambda f: (sort_key(f), f))),
            cosigners=before.cosigners if before else (),
            networks=tuple(sorted(n for n in networks if n in registry)),
            related=tuple(sorted((r for r in related if r.id in registry),
                                 key=lambda r: (not r.outgoing, r.relation, r.id))),
            memberships=tuple(memberships),
        )
    # In the registry's order, as `catalogue` makes them.
    views = {sid: rebuilt.get(sid) or old.signatories[sid] for sid in registry}

    listed = {x.id: old.listed[x.id] for x in letters if x.id not in letters_changed}
    signatures = old.stats.signatures - sum(old.listed.get(i, 0) for i in letters_changed)
    for lid in letters_changed:
        if lid in by_id:
            listed[lid] = by_id[lid].listed_count
            signatures += listed[lid]
    listed = {x.id: listed[x.id] for x in letters}
    az = (tuple(sorted(registry, key=lambda i: (sort_key(registry[i].name), i)))
          if signatories_changed else old.signatories_az)
    cat = assemble(archive, letters, by_id, listed, views, az, signatures)
    gone = {s for s in affected if s in old.signatories and s not in registry}
    return Update(cat, frozenset({*rebuilt, *gone}), stale)
