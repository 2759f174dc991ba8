"""Catalogue stage: cross-link a loaded archive into everything the site shows.

Pure function of an `Archive`: who signed what, printed forms, co-signers,
networks and their members as printed, recipients, tags and years. Everything
is computed in one pass over the signatures (plus a bounded co-signer search)
so that 10,000 letters cost about ten times 1,000.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from .models import Archive, Letter, Recipient, Signatory, Signature, Tag

# How many co-signers and frequent signatories the pages list.
TOP_COSIGNERS = 10
TOP_SIGNATORIES = 20
LATEST_LETTERS = 10
# A signatory with more letters than this has its co-signers counted with bit sets
# (see _cosigners); below it, counting over its letters directly is cheaper.
BITSET_THRESHOLD = 48


@dataclass(frozen=True, slots=True)
class Signed:
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
    signed: tuple[Signed, ...]  # newest letter first, printed order within a letter
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
    def letter_count(self) -> int:
        return len(self.letter_ids)


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


def sort_key(name: str) -> str:
    """A name's place in an A–Z list: accents and case folded."""
    decomposed = unicodedata.normalize("NFKD", name)
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
    letters = tuple(sorted(archive.letters, key=lambda x: (x.date, x.id), reverse=True))
    registry = archive.signatories

    signed: dict[str, list[Signed]] = defaultdict(list)
    letter_ids: dict[str, list[str]] = defaultdict(list)
    forms: dict[str, set[str]] = defaultdict(set)
    networks: dict[str, set[str]] = defaultdict(set)
    memberships: dict[str, list[Membership]] = defaultdict(list)
    members_of_letter: list[tuple[str, ...]] = []  # distinct ids per letter, by letter index
    listed: dict[str, int] = {}
    signature_count = 0

    for letter in letters:
        sigs: tuple[Signature, ...] = letter.signatures
        signature_count += len(sigs)
        listed[letter.id] = len(sigs)
        seen: dict[str, None] = {}
        for s in sigs:
            signed[s.signatory_id].append(Signed(letter.id, s.printed, s.section, s.via))
            forms[s.signatory_id].add(s.printed)
            if s.via:
                networks[s.signatory_id].add(s.via)
            if s.signatory_id not in seen:
                seen[s.signatory_id] = None
                letter_ids[s.signatory_id].append(letter.id)
        members_of_letter.append(tuple(seen))
        for section in letter.sections:
            for entry in section.entries:
                if entry.members:
                    memberships[entry.id].append(Membership(
                        letter.id, entry.printed, tuple((m.printed, m.id) for m in entry.members)))

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
            signed=tuple(signed.get(sid, ())),
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
    """Top co-signers of each signatory: letters in common, most first.

    Counting every pair on every letter costs the sum of squared list lengths
    (10,000 letters of ~160 names: ~3e8 increments). Instead, a signatory with
    few letters counts over its own letters; a prolific one scans candidates
    from the most prolific down, with letter sets as bit sets, and stops as
    soon as no remaining candidate can enter its top list (a candidate never
    shares more letters than it signed). Ties go to the more prolific, then by id.
    """
    index = {lid: i for i, lid in enumerate(x.id for x in letters)}
    total = {i: len(letter_ids[i]) for i in ids}
    order = sorted(ids, key=lambda i: (-total[i], i))
    rank = {sid: r for r, sid in enumerate(order)}
    masks: dict[str, int] = {}

    def mask(sid: str) -> int:
        m = masks.get(sid)
        if m is None:
            bits = bytearray((len(letters) + 8) // 8)
            for lid in letter_ids[sid]:
                i = index[lid]
                bits[i >> 3] |= 1 << (i & 7)
            m = masks[sid] = int.from_bytes(bits, "little")
        return m

    # Each letter's signatories in tie-break order, computed once: a signatory on a
    # single letter (most of them) takes its co-signers straight from here.
    unknown = len(rank)
    by_rank = [sorted(m, key=lambda i: rank.get(i, unknown)) for m in members_of_letter]

    out: dict[str, tuple[tuple[str, int], ...]] = {}
    for sid in ids:
        if total[sid] == 1:
            members = by_rank[index[letter_ids[sid][0]]]
            best = [(o, 1) for o in members[:TOP_COSIGNERS + 1] if o != sid and o in rank]
            best = best[:TOP_COSIGNERS]
        elif total[sid] <= BITSET_THRESHOLD:
            counts: Counter[str] = Counter()
            for lid in letter_ids[sid]:
                counts.update(members_of_letter[index[lid]])
            del counts[sid]
            # Only those reaching the tenth-highest count can be in the list: sort those.
            values = sorted(counts.values(), reverse=True)
            floor = values[TOP_COSIGNERS - 1] if len(values) >= TOP_COSIGNERS else 1
            best = sorted(((o, n) for o, n in counts.items() if n >= floor and o in rank),
                          key=lambda kv: (-kv[1], rank[kv[0]]))[:TOP_COSIGNERS]
        else:
            mine = mask(sid)
            heap: list[tuple[int, int, str]] = []  # (count, -rank, id): the smallest is worst
            for other in order:
                if other == sid:
                    continue
                if len(heap) == TOP_COSIGNERS and total[other] <= heap[0][0]:
                    break
                n = (mine & mask(other)).bit_count()
                if not n:
                    continue
                item = (n, -rank[other], other)
                if len(heap) < TOP_COSIGNERS:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heapreplace(heap, item)
            best = [(o, n) for n, _, o in sorted(heap, reverse=True)]
        out[sid] = tuple(best)
    return out
