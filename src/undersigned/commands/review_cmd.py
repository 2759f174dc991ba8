"""`undersigned review`: settle the names the archive could not resolve on its own.

Pending, in a repository:
- a printed name linked to no signatory yet (an importer placeholder `todo-...` or an
  unknown id), or linked to a signatory that does not list it as an alias;
- a pair of registry entities that look alike (score >= PAIR_CUTOFF) with no decision,
  unless the two are printed in one list of a letter (then they are two entities).

Two names printed in one list of a letter (its entries, or one network's members) are
two entities: a record one of them is linked to, or that a rule links it to, is never
linked to, suggested for or accepted for the other (`Resolver.match_list`).

A printed name that the rules resolve (alias, key, acronym, decision) is settled
without asking: its form is added to the entity's aliases and the letter relinked.
Everything else is a question for a person, asked once: on a terminal, letter by
letter in printed order (same / not the same / unsure / skip, with both names and
their letters; `a` at "create a new signatory?" makes every remaining name of the
letter that has no suggestion a new signatory), `q` at any prompt stops; in scripts,
with --accept, --reject, --unsure, --new and --new-all.

The repository is loaded once. Each answer updates the records in memory (the
resolver's index, the decisions, the one letter it relinks) and is written at
once, each file whole (temporary file, then rename): stopping at any point, even
with Ctrl-C, keeps every answer given so far and never leaves a half-written file.
The files one answer touches are written in an order that a later `review` can
finish if it is stopped in between (an alias added before its letters are relinked
resolves them by rule).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..decisions import load_decisions, record_decisions
from ..files import write_atomic
from ..load import ID_RE, load_archive, parse_letter, parse_signatory
from ..models import Diagnostic, Entry, Letter, Signatory, escape_controls
from ..names import (
    COUNTRIES,
    HONORIFICS,
    LEGAL_FORMS,
    ONE_WORD_COUNTRIES,
    ORG_WORDS,
    PLACES,
    REGIONS,
    STATE_CODES,
    fold,
    name_key,
    normalize_printed,
    person_name,
)
from ..resolve import Resolver
from ..safety import RESERVED_IDS
from ..validate import entry_artefact

HELP = "review pending names: accept or reject suggestions, record decisions, add signatories"

# Registry look-alikes worth a person's question.
PAIR_CUTOFF = 90.0
PLACEHOLDER = "todo-"
MAX_ID = 80  # the id rule (docs/format.md)
KINDS = ("organization", "person", "network")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--accept", action="append", default=[], metavar="'PRINTED NAME=ID'",
                   help="the printed name is signatory ID: add it to ID's aliases, record "
                        "`same`, link the letters that print it (repeatable)")
    p.add_argument("--reject", action="append", default=[], metavar="'PRINTED NAME=ID'",
                   help="the printed name is not signatory ID: record `different`; it is "
                        "never suggested again (repeatable)")
    p.add_argument("--unsure", action="append", default=[], metavar="'PRINTED NAME=ID'",
                   help="record `unsure` for the pair, so it is not asked again (repeatable)")
    p.add_argument("--new", action="append", default=[], metavar="'PRINTED NAME'",
                   help="create signatories/<id>.yml for the printed name and link the "
                        "letters that print it (repeatable)")
    p.add_argument("--new-all", action="append", default=[], metavar="LETTER",
                   help="create a signatory for every pending name of LETTER (its id or "
                        "path) that no rule resolves and nothing resembles, after listing "
                        "each record it creates (printed, kind guessed, new id); names with "
                        "suggestions stay pending, and entries `check` warns about "
                        "(phone numbers, headings, ...) are never created (repeatable)")
    p.add_argument("--kind", choices=KINDS, default=None,
                   help="kind of the signatories --new and --new-all create (default: "
                        "guessed per name: network if it prints members; the kind its "
                        "section heading names ('Individuals', 'Organizations', 'Networks'); "
                        "else person for an honorific or a name of two to four capitalised "
                        "words, with or without an affiliation, and organization otherwise)")
    p.add_argument("--list", action="store_true",
                   help="only list what is pending; write nothing")


# ------------------------------------------------------------------ what is pending

@dataclass
class Pending:
    """A printed name to settle: where it is printed and what it might be."""

    printed: str
    letters: list[str] = field(default_factory=list)
    linked: str | None = None  # the id a letter links it to, when that id exists
    rule: tuple[str, str] | None = None  # (id, how) when the rules resolve it
    candidates: list[tuple[str, float]] = field(default_factory=list)
    heading: str | None = None  # the section it is printed under, first time
    has_members: bool = False  # printed with members after a colon: a network
    # Records it cannot be, as another name of its list holds them; records it claims
    # exactly as strongly as another name (both aliases): suggested, never linked.
    exclude: set[str] = field(default_factory=set)
    contested: set[str] = field(default_factory=set)


@dataclass
class Pair:
    """Two registry entities that look alike and have no decision yet."""

    left: str
    right: str
    score: float


PERSON_HEADING = re.compile(r"\b(?:individual|individuals|individuales|individuos|people|"
                            r"persons|personas|academics?|acad[eé]mic[oa]s)\b", re.I)
NETWORK_HEADING = re.compile(r"\b(?:networks?|redes|coalitions?|coaliciones)\b", re.I)
ORG_HEADING = re.compile(r"\b(?:organi[sz]ations?|organizaciones|ngos?|ongs?|osc|"
                         r"institutions?|instituciones)\b", re.I)


def guess_kind(item: Pending) -> tuple[str, str]:
    """(kind, why) for a new signatory, from how the letter prints it: a network if it
    prints members, the kind its section heading names, else from the name's shape."""
    if item.has_members:
        return "network", "printed with members"
    # A person printed among organizations is still a person, when the print says so.
    kind, why = kind_of_name(item.printed)
    if why in ("an honorific", "a name and a role"):
        return kind, why
    heading = item.heading or ""
    found = [kind for kind, rx in (("person", PERSON_HEADING), ("network", NETWORK_HEADING),
                                   ("organization", ORG_HEADING)) if rx.search(heading)]
    if len(found) == 1:
        return found[0], f"section {heading!r}"
    return kind, why


_PLACE_WORDS = frozenset({*PLACES, *COUNTRIES, *REGIONS})
_STATE_CODES = frozenset(code.upper() for code in STATE_CODES)
# First words of a person's role after the name ("..., Executive Director, ...").
ROLE_WORDS = frozenset("""
    director directora executive coordinator coordinador coordinadora fundador fundadora
    founder cofounder co-founder president presidente presidenta chair secretary secretaria
    secretario professor profesor profesora profesor-investigador profesora-investigadora
    investigador investigadora researcher lecturer fellow member miembro integrante
    journalist periodista abogada abogado attorney lawyer ceo officer manager adviser
    advisor consultant activist activista defensora defensor laica laico phd md jd esq in en
    """.split())


def kind_of_name(printed: str) -> tuple[str, str]:
    """(kind, why) from the printed name alone: an honorific, or two to four capitalised
    words with no organization word (alone, or before an affiliation: "Name, title,
    organization", "Name / organization") make a person; an organization word
    (Association, Fundación, Red, Coalition, Center...) or a legal form (A.C., Inc.) an
    organization; anything else is an organization too, the kind most letters list."""
    words = [fold(w).casefold().strip(".,;:()[]|/") for w in printed.split()]
    words = [w for w in words if w]
    if words and words[0].replace(".", "") in HONORIFICS and person_name(printed):
        return "person", "an honorific"
    legal = _legal_form_ends(printed)
    head = person_name(printed, max_words=4)
    if head is not None and not legal and normalize_printed(printed) != head:
        rest = normalize_printed(printed)[len(head):].lstrip(" ,/|;([-–—")
        first = fold(rest.split()[0]).casefold().strip(",;:()").replace(".", "")
        if first in ROLE_WORDS:
            return "person", "a name and a role"
        # "Familia Latina Unida, Chicago": a place says nothing of the kind.
        parts = [fold(x).casefold().strip(" .") for x in re.split(r"[,/|;()]", rest)]
        if not all(x in _PLACE_WORDS or x.upper() in _STATE_CODES for x in parts if x):
            return "person", "a name and an affiliation"
    org = next((w for w in words if w in ORG_WORDS), None)
    if org:
        return "organization", f"the word {org!r}"
    if legal:
        return "organization", "a legal form"
    if head is not None and not set(words) & _MORE_COUNTRIES:
        return "person", "a name of two to four words"
    return "organization", "default"


def _legal_form_ends(printed: str) -> bool:
    """Whether the name, brackets aside, ends with an organization's legal form (A.C.,
    Inc., S.A. de C.V.); a religious order after a person's name (O.P.) is none."""
    text = re.sub(r"[(\[][^()\[\]]*[)\]]", " ", printed)
    text = re.sub(r"(?<![^\W\d_])((?:[^\W\d_]\.\s?)+[^\W\d_])\.?(?![^\W\d_])",
                  lambda m: re.sub(r"[.\s]", "", m.group(1)), fold(text))
    words = re.findall(r"[^\W_]+", text.casefold())
    return any(tuple(words[-n:]) in _ORG_LEGAL_FORMS for n in range(1, 5) if len(words) > n)


_RELIGIOUS_ORDERS = frozenset({"op", "mscs", "ofm", "cmf", "msps", "osb", "osf", "csj", "rscj",
                               "ssnd", "sscc", "mccj"})
_ORG_LEGAL_FORMS = frozenset(f for f in LEGAL_FORMS if " ".join(f) not in _RELIGIOUS_ORDERS)
# Country names beyond the qualifiers of names.COUNTRIES (which change name keys): here they
# only say that "Attac Austria" is not a person called Austria.
_MORE_COUNTRIES = frozenset("""
    india austria scotland greece malaysia norway finland philippines malawi switzerland
    france netherlands tuvalu asia pacific africa europe sweden denmark iceland poland
    hungary romania bulgaria serbia croatia slovenia slovakia czech ukraine russia turkey
    lebanon israel palestine egypt morocco tunisia algeria nigeria ghana kenya uganda
    tanzania zambia zimbabwe mozambique namibia botswana ethiopia senegal cameroon
    pakistan bangladesh nepal lanka indonesia thailand vietnam cambodia myanmar china
    korea taiwan singapore zealand fiji samoa tonga wales england britain luxembourg
    estonia latvia lithuania belarus georgia armenia iran iraq syria yemen oman qatar
    emirates arabia sudan congo liberia
    """.split()) | ONE_WORD_COUNTRIES


def _walk(letter: Letter) -> Iterator[tuple[str | None, Entry, bool, int | None]]:
    """(heading, entry, has members, list) for every entry, in printed order. `list` is
    None for the letter's entries, the position of their network for its members."""
    position = 0
    for section in letter.sections:
        for entry in section.entries:
            network = position
            yield section.heading, entry, bool(entry.members), None
            position += 1
            for member in entry.members:
                yield section.heading, member, False, network
                position += 1


# ------------------------------------------------------------------ new ids

_QUALIFIER_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _phrase, _q in {**PLACES, **REGIONS, **COUNTRIES}.items():
    _QUALIFIER_PHRASES.setdefault(_q, []).append(tuple(_phrase.split()))


def _ascii_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text).casefold())


def _cut(slug: str, limit: int) -> str:
    """At most `limit` characters, cut between words (inside a word only when the
    first word alone is longer)."""
    if len(slug) <= limit:
        return slug
    return slug[:limit + 1].rsplit("-", 1)[0] or slug[:limit]


def slug_for(printed: str, kind: str | None = None) -> str:
    """An id for a printed name: the words that identify it (legal form and bracketed
    acronym left out), then its qualifiers spelled as printed and in printed order
    ("... - Ecuador" gives `-ecuador`, not the code `-ec`), ASCII, cut at a word
    boundary. A person's affiliation or role (after a comma, bracket, slash or bar) is
    left out: the id names the person."""
    if kind == "person":
        printed = person_name(printed) or printed.split(",", 1)[0]
    k = name_key(printed)
    words = [w for t in k.tokens for w in _ascii_words(t)]
    printed_words = _ascii_words(printed)
    found: list[tuple[int, tuple[str, ...]]] = []
    for q in k.qualifiers:
        best: tuple[int, tuple[str, ...]] | None = None
        for phrase in _QUALIFIER_PHRASES.get(q, ()):
            n = len(phrase)
            for end in range(len(printed_words), n - 1, -1):
                if tuple(printed_words[end - n:end]) == phrase:
                    if best is None or (end, n) > (best[0], len(best[1])):
                        best = (end, phrase)
                    break
        found.append(best or (len(printed_words) + 1, tuple(_ascii_words(q))))
    for _, phrase in sorted(found):
        # "Organismo ... de Honduras (OCDIH)- Honduras": the name already says it.
        if not any(tuple(words[i:i + len(phrase)]) == phrase for i in range(len(words))):
            words += phrase
    slug = "-".join(words) or "signatory"
    return _cut(slug, MAX_ID)


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... : unused (case-insensitively), not reserved,
    never an importer placeholder, at most MAX_ID characters."""
    sid, n = base, 2
    while (sid.casefold() in taken or sid in RESERVED_IDS or sid.startswith(PLACEHOLDER)
           or sid == PLACEHOLDER.rstrip("-")):
        suffix = f"-{n}"
        stem = _cut(base, MAX_ID - len(suffix))
        if stem.startswith(PLACEHOLDER) or stem == PLACEHOLDER.rstrip("-"):
            stem = "signatory-" + stem
            stem = _cut(stem, MAX_ID - len(suffix))
        sid, n = stem + suffix, n + 1
    return sid


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _with_alias(text: str, sig: Signatory, printed: str) -> str:
    """The text of signatories/<id>.yml with one more alias, the rest kept as written."""
    lines = text.split("\n")
    item = f"  - {_quote(printed)}"
    at = next((i for i, line in enumerate(lines) if re.match(r"^aliases\s*:", line)), None)
    if at is None:
        while lines and lines[-1] == "":
            lines.pop()
        lines += ["aliases:", item, ""]
    elif re.match(r"^aliases\s*:\s*(#.*)?$", lines[at]):
        end = at + 1
        while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
            end += 1
        while end > at + 1 and not lines[end - 1].strip():
            end -= 1
        indent = re.match(r"^(\s*)-", lines[at + 1]) if end > at + 1 else None
        lines.insert(end, f"{indent.group(1) if indent else '  '}- {_quote(printed)}")
    else:  # flow style: rewrite the list as a block, from the values as loaded
        lines[at:at + 1] = ["aliases:", *(f"  - {_quote(a)}" for a in sig.aliases), item]
    return "\n".join(lines)


def _set_entry_id(lines: list[str], start: int, sid: str) -> bool:
    """Set `id:` of the YAML list item starting at lines[start] (`- printed: ...`)."""
    m = re.match(r"^(\s*)-\s", lines[start])
    item_indent = len(m.group(1)) if m else len(lines[start]) - len(lines[start].lstrip())
    for i in range(start, min(start + 20, len(lines))):
        line = lines[i]
        if i > start and (line.strip() == "---" or (
                line.strip() and len(line) - len(line.lstrip()) <= item_indent)):
            break
        idm = re.match(r"^(\s*-?\s*)id:\s*\S+.*$", line)
        if idm and (i == start or len(idm.group(1)) == item_indent + 2):
            lines[i] = f"{idm.group(1)}id: {sid}"
            return True
    return False


class ReviewError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


# ------------------------------------------------------------------ the session

class Session:
    """One review: the repository loaded once, kept up to date in memory as answers are
    written, so an answer costs the files it changes, not a reload of the archive."""

    def __init__(self, root: Path, out: Callable[[str], None] = print):
        self.root = root
        self.out = out
        self.archive = load_archive(root)
        self.signatories = self.archive.signatories  # shared with the resolver
        self.decisions, self.problems = load_decisions(root)
        self.resolver = Resolver(self.signatories, self.decisions)
        self.letters: dict[str, Letter] = {lt.id: lt for lt in sorted(
            self.archive.letters, key=lambda x: x.id)}
        # Per letter, its entries as (normalized printed, printed, id, source line, heading,
        # has members, list): plain tuples, built once (Signature records for 10,000 letters
        # cost more than the rest of the review's set-up).
        self._entries: dict[str, list[tuple[str, str, str, int, str | None, bool,
                                            int | None]]] = {}
        self._printed_in: dict[str, list[str]] = {}  # normalized printed -> letter ids
        self._signed: dict[str, set[str]] = {}  # signatory id -> letter ids
        self._norm: dict[str, str] = {}
        for lt in self.letters.values():
            self._index(lt)
        self._forms: dict[str, frozenset[str]] = {}
        # Ids in use, case-insensitively, including files that failed to load.
        self.taken = {s.casefold() for s in self.signatories}
        self.taken |= {p.stem.casefold() for p in (root / "signatories").glob("*.yml")}
        self.written: set[str] = set()

    # ------------------------------------------------------------ indexes

    def norm(self, printed: str) -> str:
        """normalize_printed, remembered: the same names recur across letters."""
        found = self._norm.get(printed)
        if found is None:
            found = self._norm[printed] = normalize_printed(printed)
        return found

    def _index(self, letter: Letter) -> None:
        entries = self._entries[letter.id] = [
            (self.norm(e.printed), e.printed, e.id, e.source_line, heading, members, in_list)
            for heading, e, members, in_list in _walk(letter)]
        lid = letter.id
        for key, _, sid, *_ in entries:
            seen = self._printed_in.setdefault(key, [])
            if not seen or seen[-1] != lid:
                seen.append(lid)
            signed = self._signed.get(sid)
            if signed is None:
                signed = self._signed[sid] = set()
            signed.add(lid)

    def _replace_letter(self, letter: Letter) -> None:
        for _, _, sid, *_ in self._entries[letter.id]:
            self._signed.get(sid, set()).discard(letter.id)
        for key in {e[0] for e in self._entries[letter.id]}:
            self._printed_in[key].remove(letter.id)
        self.letters[letter.id] = letter
        self._index(letter)

    def forms(self, sid: str) -> frozenset[str]:
        found = self._forms.get(sid)
        if found is None:
            sig = self.signatories[sid]
            found = self._forms[sid] = frozenset(
                normalize_printed(f) for f in (sig.name, *sig.aliases))
        return found

    def is_unlinked(self, printed: str, sid: str) -> bool:
        if sid not in self.signatories:
            return True
        return self.norm(printed) not in self.forms(sid)

    def letters_of(self, sid: str) -> list[str]:
        return sorted(self._signed.get(sid, ()))

    # ------------------------------------------------------------ what is pending

    def pending_names(self) -> list[Pending]:
        """Every unsettled printed name, once, in the order a person walks them: letter
        by letter (by id), in printed order; each assessed against the registry."""
        found: dict[str, Pending] = {}
        for lid, entries in self._entries.items():
            for key, printed, sid, _, heading, members, _ in entries:
                if sid in self.signatories and key in self.forms(sid):
                    continue  # linked
                item = found.get(key)
                if item is None:
                    item = found[key] = Pending(printed, heading=heading, has_members=members)
                if lid not in item.letters:
                    item.letters.append(lid)
                if sid in self.signatories:
                    item.linked = sid
        self._claims(found)
        for item in found.values():
            self.assess(item)
        return list(found.values())

    def _claims(self, found: dict[str, Pending]) -> None:
        """Who holds which record in each list that prints a pending name: two names of
        one list are two entities, so what one holds the other cannot be."""
        for lid in sorted({lid for item in found.values() for lid in item.letters}):
            lists: dict[int | None, list[tuple]] = {}
            for entry in self._entries[lid]:
                lists.setdefault(entry[6], []).append(entry)
            for members in lists.values():
                if len(members) < 2 or not any(e[0] in found for e in members):
                    continue
                _, exclude, contested = self.resolver.list_claims(
                    [e[1] for e in members], 5,
                    [e[2] if e[2] in self.signatories else None for e in members])
                for e in members:
                    item = found.get(e[0])
                    if item is not None:
                        item.exclude |= exclude[self.norm(e[1])]
                        item.contested |= contested[self.norm(e[1])]

    def siblings(self, key: str) -> Iterator[tuple[str, tuple]]:
        """(letter id, entry) of every other name printed in a list that prints `key`."""
        for lid in self._printed_in.get(key, ()):
            entries = self._entries[lid]
            lists = {e[6] for e in entries if e[0] == key}
            for e in entries:
                if e[6] in lists and e[0] != key:
                    yield lid, e

    def _held(self, key: str, planned: dict[str, str] | None = None
              ) -> tuple[set[str], set[str]]:
        """The records other names of its lists are linked to (or, in a plan, are about to
        be created for), and those of them that list that name as an alias."""
        linked, settled = set(), set()
        for _, e in self.siblings(key):
            sid = (planned or {}).get(e[0], e[2])
            if sid in self.signatories or (planned and e[0] in planned):
                linked.add(sid)
                if sid in self.signatories and e[0] in self.forms(sid):
                    settled.add(sid)
        return linked, settled

    def assess(self, item: Pending, resolver: Resolver | None = None,
               planned: dict[str, str] | None = None) -> Pending:
        """Fill in how the rules resolve the name, or what it might be, as the registry
        and decisions now stand (or as `resolver` and `planned`, a plan's new records by
        normalized printed name, would have them)."""
        resolver = resolver or self.resolver
        linked, settled = self._held(self.norm(item.printed), planned)
        contested = item.contested - settled
        exclude = item.exclude | (linked - contested)
        m = resolver.match(item.printed, limit=5, exclude=exclude, contested=contested)
        item.rule, item.candidates = None, []
        if m.status == "resolved" and (item.linked in (None, m.id)):
            item.rule = (m.id, m.how)
            return item
        cands: dict[str, float] = {}
        if item.linked and item.linked not in exclude and resolver.judgement(
                item.printed, item.linked) is None:
            cands[item.linked] = 100.0
        for s in m.suggestions:
            if resolver.judgement(item.printed, s.id) is None:
                cands.setdefault(s.id, s.score)
        item.candidates = list(cands.items())
        return item

    def why(self, item: Pending, sid: str) -> str | None:
        """Why a candidate was not linked by rule, in words, when it can be said."""
        if sid in item.contested:
            return "another name printed in the same list is also its alias"
        return self.resolver.why_not(item.printed, sid)

    def is_settled(self, item: Pending) -> bool:
        key = self.norm(item.printed)
        return not any(self.is_unlinked(printed, sid)
                       for lid in self._printed_in.get(key, ())
                       for k, printed, sid, *_ in self._entries[lid] if k == key)

    def pending_pairs(self) -> list[Pair]:
        pairs: dict[tuple[str, str], float] = {}
        for a, b, score in self.resolver.look_alike_pairs(PAIR_CUTOFF):
            pairs[(a, b)] = max(pairs.get((a, b), 0.0), score)
        out = []
        for (a, b), score in sorted(pairs.items()):
            if self.decisions.judgement(self._nodes(a), self._nodes(b)) is None and not (
                    self.in_one_list(a, b)):
                out.append(Pair(a, b, score))
        return out

    def in_one_list(self, a: str, b: str) -> bool:
        """Whether a and b are printed in one list of some letter."""
        for lid in self._signed.get(a, set()) & self._signed.get(b, set()):
            entries = self._entries[lid]
            lists_a = {e[6] for e in entries if e[2] == a}
            if any(e[2] == b and e[6] in lists_a for e in entries):
                return True
        return False

    def _nodes(self, sid: str) -> set[str]:
        return self.resolver._nodes_of.get(sid, {"id:" + sid})

    # ------------------------------------------------------------ writing

    def _write(self, rel: str, text: str) -> None:
        write_atomic(self.root / rel, text)
        self.written.add(rel)

    def _record(self, left: str, right: str, judgement: str) -> None:
        if record_decisions(self.root, [(left, right, judgement, "")]):
            self.written.add("signatories/decisions.csv")
        self.decisions.add(left, right, judgement)

    def add_alias(self, sid: str, printed: str) -> bool:
        """Append a printed form to signatories/<sid>.yml, keeping the rest of the file."""
        sig = self.signatories[sid]
        if not self.is_unlinked(printed, sid):
            return False
        text = (self.root / sig.path).read_text(encoding="utf-8")
        new_text = _with_alias(text, sig, printed)
        parsed, problems = parse_signatory(new_text, sig.path)
        if parsed is None or printed not in parsed.aliases or any(
                d.level == "error" for d in problems):
            raise ReviewError(Diagnostic(sig.path, 1, "error",
                                         f"cannot add {printed!r} to the aliases safely; add "
                                         "it by hand"))
        self._write(sig.path, new_text)
        self._forms.pop(sid, None)
        self.resolver.add_alias(parsed, printed)
        return True

    def new_signatory(self, printed: str, kind: str, sid: str | None = None) -> str:
        """Create signatories/<id>.yml for a printed name; returns the new id."""
        sid = sid or unique_id(slug_for(printed, kind), self.taken)
        name = printed.strip()
        text = (f"id: {sid}\nname: {_quote(name)}\nkind: {kind}\naliases:\n"
                f"  - {_quote(name)}\n")
        rel = f"signatories/{sid}.yml"
        parsed, problems = parse_signatory(text, rel)
        if parsed is None or not ID_RE.match(sid) or any(d.level == "error" for d in problems):
            raise ReviewError(Diagnostic(rel, 1, "error",
                                         f"cannot write a record for {printed!r}"))
        self._write(rel, text)
        self.taken.add(sid.casefold())
        self.resolver.add_signatory(parsed)
        return sid

    def plan_relink(self, printed: str, sid: str) -> list[tuple[Letter, str]]:
        """The new text of every letter whose unlinked entries print `printed`, with
        them linked to `sid`, each checked by parsing it: nothing is written, so an
        answer that cannot be carried out stops before its first file."""
        target = self.norm(printed)
        plans = []
        for lid in sorted(self._printed_in.get(target, ())):
            letter = self.letters[lid]
            lines_to_fix = [line for k, p, linked, line, *_ in self._entries[lid]
                            if k == target and linked != sid and self.is_unlinked(p, linked)]
            if not lines_to_fix:
                continue
            lines = (self.root / letter.path).read_text(encoding="utf-8").split("\n")
            for line_no in lines_to_fix:
                if not _set_entry_id(lines, line_no - 1, sid):
                    raise ReviewError(Diagnostic(
                        letter.path, line_no, "error", f"cannot find the `id:` of {printed!r} "
                        f"to set it to {sid!r}; write `id: {sid}` by hand"))
            text = "\n".join(lines)
            parsed, _ = parse_letter(text, letter.path)
            if parsed is None or any(
                    normalize_printed(s.printed) == target and s.source_line in lines_to_fix
                    and s.signatory_id != sid for s in parsed.signatures):
                raise ReviewError(Diagnostic(letter.path, lines_to_fix[0], "error",
                                             f"cannot link {printed!r} to {sid!r} safely; "
                                             f"write `id: {sid}` by hand"))
            plans.append((parsed, text))
        return plans

    def relink(self, plans: list[tuple[Letter, str]]) -> list[str]:
        for letter, text in plans:
            self._write(letter.path, text)
            self._replace_letter(letter)
        return [letter.id for letter, _ in plans]

    # ------------------------------------------------------------ answers

    def settle_by_rule(self, items: list[Pending] | None = None) -> int:
        """Link what the rules resolve: alias added, letters relinked, no question."""
        n = 0
        for item in self.pending_names() if items is None else items:
            if item.rule is None:
                continue
            sid, how = item.rule
            plans = self.plan_relink(item.printed, sid)
            self.add_alias(sid, item.printed)
            self.relink(plans)
            self.out(f"linked by rule ({how}): {item.printed!r} -> {sid}")
            n += 1
        return n

    def accept(self, printed: str, sid: str) -> None:
        self._known(sid)
        key = self.norm(printed)
        for lid, e in self.siblings(key):
            if e[2] == sid:
                line = next(x[3] for x in self._entries[lid] if x[0] == key)
                raise ReviewError(Diagnostic(
                    self.letters[lid].path, line, "error",
                    f"{printed!r} is printed in the same list as {e[1]!r} (line {e[3]}), "
                    f"which is {sid}: two names printed in one letter are two entities; "
                    "record this name as new (--new) or accept another signatory"))
        plans = self.plan_relink(printed, sid)
        self.add_alias(sid, printed)
        self._record(printed, "id:" + sid, "same")
        letters = self.relink(plans)
        self.out(f"same: {printed!r} is {sid}" + (f"; relinked {', '.join(letters)}"
                                                  if letters else ""))

    def judge(self, printed: str, sid: str, judgement: str) -> None:
        self._known(sid)
        self._record(printed, "id:" + sid, judgement)
        self.out(f"{judgement}: {printed!r} / {sid}")

    def judge_pair(self, a: str, b: str, judgement: str) -> None:
        self._record("id:" + a, "id:" + b, judgement)
        self.out(f"{judgement}: {a} / {b}")
        if judgement == "same":
            self.out(f"  now merge signatories/{b}.yml into {a} (or the reverse) and relink "
                     "the letters; `undersigned check` reports the pair until then")

    def new(self, printed: str, kind: str | None, item: Pending | None = None,
            sid: str | None = None, why: str | None = None) -> str:
        """A new signatory for a printed name; its kind given, or guessed from how the
        letter prints it (and said)."""
        named = self.resolver.named(printed)
        if named:
            raise ReviewError(Diagnostic("<command line>", 1, "error",
                                         f"{printed!r} is already a name of "
                                         f"{', '.join(sorted(named))}: nothing to create"))
        if kind is None:
            item = item or self._item(printed)
            kind, why = guess_kind(item) if item else kind_of_name(printed)
        else:
            why = why or "--kind"
        sid = sid or unique_id(slug_for(printed, kind), self.taken)
        plans = self.plan_relink(printed, sid)  # can it be linked? then create, then link
        self.new_signatory(printed, kind, sid)
        letters = self.relink(plans)
        self.out(f"new: signatories/{sid}.yml ({kind}: {why}) for {printed!r}"
                 + (f"; relinked {', '.join(letters)}" if letters else ""))
        return sid

    def new_all(self, letter_ref: str, kind: str | None) -> int:
        """A new signatory for every pending name of one letter that no rule resolves and
        that resembles nothing; returns how many. Names with suggestions stay pending;
        entries that look like artefacts are never created. Every record is listed
        (printed, kind guessed, new id) before the first is written."""
        lid = Path(letter_ref).stem if letter_ref.endswith(".md") else letter_ref
        if lid not in self.letters:
            raise ReviewError(Diagnostic("<command line>", 1, "error",
                                         f"--new-all {letter_ref!r}: no letter "
                                         f"letters/{lid}.md"))
        items = [item for item in self.pending_names() if lid in item.letters]
        return self.create_all(lid, kind, items)

    def create_all(self, lid: str, kind: str | None, items: list[Pending]) -> int:
        """Plan, show, then create the records of `new_all` for these names of `lid`."""
        plan, left, skipped = self.plan_new(items, kind)
        if plan:
            width = min(max(len(repr(item.printed)) for item, *_ in plan), 60)
            kinds = [f"{k} ({why})" for _, k, why, _ in plan]
            kwidth = max(len(k) for k in kinds)
            self.out(f"{lid}: {len(plan)} new signatories to create:")
            self.out(f"  {'printed':<{width}}  {'kind guessed':<{kwidth}}  new id")
            for (item, _, _, sid), k in zip(plan, kinds, strict=True):
                self.out(f"  {item.printed!r:<{width}}  {k:<{kwidth}}  {sid}")
        for printed, what in skipped:
            self.out(f"  not created: {printed!r} looks like {what}; if it signs nothing, "
                     "move the line into the letter's text (`undersigned check` warns)")
        for item, k, why, sid in plan:
            self.new(item.printed, k, item, sid=sid, why=why)
        self.out(f"{lid}: {len(plan)} new signatories"
                 + (f"; {len(left)} names with suggestions left for a person "
                    "(`undersigned review`)" if left else "")
                 + (f"; {len(skipped)} entries that look like artefacts left as printed"
                    if skipped else ""))
        return len(plan)

    def plan_new(self, items: list[Pending], kind: str | None
                 ) -> tuple[list[tuple[Pending, str, str, str]], list[str], list[tuple[str, str]]]:
        """What `new_all` would create, in printed order, as (name, kind, why, new id);
        the names left for a person; the entries skipped as artefacts. Each name is judged
        as the registry will stand when it is reached, the records planned before it
        included (one made for "Red de Mujeres del Bajío AC-México" makes "Red de Mujeres
        del Bajío" a question), on a copy of the index: nothing is written."""
        scratch = Resolver(dict(self.signatories), self.decisions)
        planned: dict[str, str] = {}
        taken = set(self.taken)
        plan, left, skipped = [], [], []
        for item in items:
            if self.is_settled(item):
                continue
            what = entry_artefact(item.printed)
            if what:
                skipped.append((item.printed, what))
                continue
            self.assess(item, scratch, planned)
            if item.rule is not None:
                continue
            if item.candidates:
                left.append(item.printed)
                continue
            k, why = (kind, "--kind") if kind else guess_kind(item)
            sid = unique_id(slug_for(item.printed, k), taken)
            name = item.printed.strip()
            scratch.add_signatory(Signatory(sid, name, k, (name,)))
            taken.add(sid.casefold())
            planned[self.norm(item.printed)] = sid
            plan.append((item, k, why, sid))
        return plan, left, skipped

    def _item(self, printed: str) -> Pending | None:
        key = self.norm(printed)
        for lid in self._printed_in.get(key, ()):
            for k, p, _, _, heading, members, _ in self._entries[lid]:
                if k == key:
                    return Pending(p, [lid], heading=heading, has_members=members)
        return None

    def _known(self, sid: str) -> None:
        if sid not in self.signatories:
            raise ReviewError(Diagnostic("<command line>", 1, "error",
                                         f"unknown signatory id {sid!r}: no file "
                                         f"signatories/{sid}.yml (try `undersigned match`)"))


def _pair_arg(value: str, option: str) -> tuple[str, str]:
    printed, sep, sid = value.rpartition("=")
    printed, sid = printed.strip(), sid.strip()
    if not sep or not printed or not ID_RE.match(sid):
        raise ReviewError(Diagnostic("<command line>", 1, "error",
                                     f"{option} {value!r}: write it as \"PRINTED NAME=ID\""))
    return printed, sid


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        session = Session(root)
        bad = [d for d in session.problems if d.level == "error"]
        if bad:
            for d in bad:
                print(d, file=sys.stderr)
            print("fix signatories/decisions.csv first", file=sys.stderr)
            return 1
        actions = bool(args.accept or args.reject or args.unsure or args.new or args.new_all)
        if args.list:
            return _list(session)
        if actions:
            for value in args.accept:
                session.accept(*_pair_arg(value, "--accept"))
            for value in args.reject:
                session.judge(*_pair_arg(value, "--reject"), "different")
            for value in args.unsure:
                session.judge(*_pair_arg(value, "--unsure"), "unsure")
            for printed in args.new:
                what = entry_artefact(printed)
                if what:  # a person asked for it by name: say what `check` says, then do it
                    print(f"note: {printed!r} looks like {what}; if it signs nothing, move the "
                          "line into the letter's text instead", file=sys.stderr)
                session.new(printed, args.kind)
            for letter in args.new_all:
                session.new_all(letter, args.kind)
            return 0
        items = session.pending_names()
        session.settle_by_rule(items)
        if sys.stdin.isatty():
            return _interactive(session, args.kind, [i for i in items if i.rule is None])
        return _list(session)
    except ReviewError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return 1


def _list(session: Session) -> int:
    names = session.pending_names()
    pairs = session.pending_pairs()
    for item in names:
        where = ", ".join(item.letters)
        if item.rule:
            print(f"{item.printed!r} ({where}): resolves by {item.rule[1]} to {item.rule[0]}")
            continue
        print(f"{item.printed!r} ({where}):")
        for sid, score in item.candidates:
            why = session.why(item, sid)
            print(escape_controls(f"  {score:5.1f}  {sid}  {session.signatories[sid].name}"
                                  + (f"  ({why})" if why else "")))
        what = entry_artefact(item.printed)
        if what:
            print(f"  looks like {what}: if it signs nothing, move the line into the letter's "
                  "text (--new-all leaves it)")
        elif not item.candidates:
            print("  no suggestion: --new to add it (--new-all LETTER for all such names)")
    for pair in pairs:
        print(f"look-alikes {pair.left} / {pair.right} ({pair.score:.1f}): no decision")
    rule = sum(item.rule is not None for item in names)
    print(f"pending: {rule} names to link by rule (run `undersigned review`), "
          f"{len(names) - rule} names and {len(pairs)} look-alike pairs to review",
          file=sys.stderr)
    return 0


SAME = {"y": "same", "n": "different", "u": "unsure", "s": "skip", "q": "quit"}
PROMPT = "same? [y]es / [n]ot the same / [u]nsure / [s]kip / [q]uit: "
CREATE = {"y": "yes", "n": "no", "a": "all", "q": "quit"}
CREATE_PROMPT = ("  create a new signatory for {printed!r}? [y]es / [n]o / "
                 "[a]ll: this and every later name of this letter that resembles nothing / "
                 "[q]uit: ")


class Quit(Exception):
    """The person asked to stop: every answer so far is already written."""


def _ask(prompt: str = PROMPT, answers: dict[str, str] = SAME) -> str:
    while True:
        try:
            answer = input(prompt).strip().lower()[:1]
        except (EOFError, KeyboardInterrupt):
            print()
            raise Quit from None
        if answer in answers:
            if answers[answer] == "quit":
                raise Quit
            return answers[answer]
        print(f"answer {', '.join(answers)}")


def _interactive(session: Session, kind: str | None, items: list[Pending]) -> int:
    try:
        _ask_names(session, kind, items)
        _ask_pairs(session)
    except (Quit, KeyboardInterrupt):  # Ctrl-C between questions too: files are whole
        print(f"stopped; every answer given is saved ({len(session.written)} files written)")
    return 0


def _ask_names(session: Session, kind: str | None, items: list[Pending]) -> None:
    for i, item in enumerate(items):
        if session.is_settled(item):
            continue  # settled by an earlier answer (an alias, a new record)
        session.assess(item)  # earlier answers may have changed what it resembles
        if item.rule:
            session.settle_by_rule([item])
            continue
        letter = item.letters[0]
        print(f"\nprinted: {item.printed!r}\n  on: {', '.join(item.letters)}")
        settled = False
        for sid, score in item.candidates:
            sig = session.signatories[sid]
            why = session.why(item, sid)
            print(escape_controls(f"  candidate {sid} ({score:.1f}): {sig.name}"
                                  + (f"  ({why})" if why else "")))
            print(escape_controls(f"    aliases: {'; '.join(sig.aliases) or '-'}"))
            print(f"    signed: {', '.join(session.letters_of(sid)) or '-'}")
            answer = _ask()
            if answer == "skip":
                settled = True
                break
            if answer == "same":
                session.accept(item.printed, sid)
                settled = True
                break
            session.judge(item.printed, sid, answer)
        if settled:
            continue
        what = entry_artefact(item.printed)
        if what:
            print(f"  this looks like {what}, not a signatory: if it signs nothing, answer "
                  "n and move the line into the letter's text (`undersigned check` warns)")
        answer = _ask(CREATE_PROMPT.format(printed=item.printed), CREATE)
        if answer in ("yes", "all"):
            session.new(item.printed, kind, item)
        if answer == "all":
            rest = [x for x in items[i + 1:] if x.letters[0] == letter]
            session.create_all(letter, kind, rest)
            asked = sum(1 for x in rest if not session.is_settled(x))
            if asked:
                print(f"  {asked} names of {letter} resemble a signatory: asking about those")


def _ask_pairs(session: Session) -> None:
    for pair in session.pending_pairs():
        a, b = (session.signatories[x] for x in (pair.left, pair.right))
        print(f"\nlook-alikes ({pair.score:.1f}):")
        for sig in (a, b):
            signed = ", ".join(session.letters_of(sig.id)) or "-"
            print(escape_controls(f"  {sig.id}: {sig.name} (signed: {signed})"))
        answer = _ask()
        if answer != "skip":
            session.judge_pair(a.id, b.id, answer)

