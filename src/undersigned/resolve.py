"""Resolve stage: which registry entity a printed name stands for.

Only rules resolve, and only to exactly one entity:
- alias: the printed form is the name or an alias of one entity;
- decision: a person decided this name is that entity (signatories/decisions.csv);
- key: the NameKey matches a form of one organization or network (accents, case,
  punctuation, legal forms, a bracketed acronym) with compatible qualifiers;
- acronym: the acronym printed (alone or in brackets), of three letters or more, is
  one organization's or network's acronym.

A person links only by alias or decision: the key and acronym rules never link to a
person's record, and never link a printed name shaped like a person's (`names.
person_name`: "Jane Doe (MP)", "Gus Hosein, Executive Director, Privacy
International") to anything. Such a name is compared by its name part alone, so an
affiliation never becomes a link: "(MP)" is not an acronym the two MPs share, and
the organization a person works for is not the person.

Two names printed in one list of one letter (its entries, or one network's members)
are two entities (`match_list`): they never link to the same record and are never
suggested against each other.

Everything else is a suggestion, ranked by rapidfuzz on the keys and never
applied: only a person turns a suggestion into a decision (`undersigned review`).

Qualifiers keep look-alikes apart: a country, place, campus or chapter word on
one side only ("Asylum Access" / "Asylum Access Mexico", "Universidad
Iberoamericana" / "... Puebla", "Peace Brigades International-Canada" / "-USA")
sends the pair to review. The one exception is a printed country suffix that
is the entity's own registered country ("Instituto para las Mujeres en la
Migración (IMUMI)- México" for IMUMI, country MX): it adds nothing that could
tell two entities apart. The reverse never resolves: "Asylum Access" is not
the Mexican office just because the registry only knows that one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace
from typing import Literal

from rapidfuzz import fuzz, process

from .decisions import Decisions
from .models import Signatory
from .names import (
    COUNTRIES,
    STOPWORDS,
    NameKey,
    acronym_fits,
    fold,
    initials,
    name_key,
    normalize_printed,
    person_name,
)

Status = Literal["resolved", "suggested", "new"]
How = Literal["alias", "key", "acronym", "decision"]

# Below this score a look-alike is not worth a person's time.
SUGGEST_CUTOFF = 70.0
# Score given to a full name whose words spell the printed acronym (IMUMI).
ACRONYM_SCORE = 90.0
# With a printed name its acronym spells, an acronym resolves only to an entity whose
# name scores at least this much (typos, not another organization's initials).
ACRONYM_NAME_CUTOFF = 80.0
# Fuzzy matching scores at most this many registry forms per name (see _candidates).
BLOCKING_BUDGET = 3000
# Score given to an entity named by one part of the printed name ("Cristosal, ...").
PART_SCORE = 95.0
# An acronym shorter than this never links on its own ("MP", "AI" name many things).
ACRONYM_MIN = 3
# Strength of a claim on a record within one list: the letter's own link, then the rules.
_CLAIM_RANK = {"linked": 0, "alias": 1, "decision": 2, "key": 3, "acronym": 4}


@dataclass(frozen=True)
class Suggestion:
    id: str
    name: str
    score: float


@dataclass(frozen=True)
class Match:
    query: str
    status: Status
    id: str | None = None
    how: How | None = None
    suggestions: list[Suggestion] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"query": self.query, "status": self.status, "id": self.id, "how": self.how,
                "suggestions": [{"id": s.id, "name": s.name, "score": s.score}
                                for s in self.suggestions]}


@dataclass(frozen=True)
class _Form:
    id: str
    key: NameKey


def compatible(query: NameKey, form: NameKey, country: str | None) -> bool:
    """Whether a query may resolve to a registry form with the same key.

    Equal qualifiers are compatible; a qualifier only on the registry's side never
    is; a qualifier only on the printed side is compatible when it is nothing but
    the entity's own country. A country that both names already spell out ("Foro
    Nacional para las Migraciones en Honduras (FONAMIH)- Honduras") tells nothing.
    """
    q, f = set(query.qualifiers), set(form.qualifiers)
    if q == f:
        return True
    named = _countries_named(query.tokens) & _countries_named(form.tokens)
    q, f = q - named, f - named
    if q == f:
        return True
    if f - q:
        return False
    return country is not None and q - f == {country}


def _countries_named(words: tuple[str, ...]) -> set[str]:
    """Countries whose name appears among the words."""
    text = f" {' '.join(words)} "
    return {code for phrase, code in COUNTRIES.items()
            if len(phrase) > 3 and f" {phrase} " in text}


class Resolver:
    """Matches printed names against the registry; build once, match many."""

    def __init__(self, signatories: dict[str, Signatory], decisions: Decisions | None = None):
        self.signatories = signatories
        self.decisions = decisions or Decisions()
        self._alias: dict[str, set[str]] = defaultdict(set)
        self._key: dict[str, list[_Form]] = defaultdict(list)
        self._acronym: dict[str, set[str]] = defaultdict(set)
        self._acronyms_of: dict[str, set[str]] = defaultdict(set)
        self._nodes_of: dict[str, set[str]] = {}
        self._full_of: dict[str, set[str]] = {}
        self._forms_of: dict[str, list[NameKey]] = defaultdict(list)
        # People by their first word, for "Name, affiliation" and "Name Title of Org".
        self._people: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self._by_node: dict[str, set[str]] = defaultdict(set)
        # Fuzzy corpus: one string per distinct (entity, full key).
        self._choices: list[str] = []
        self._choice_ids: list[set[str]] = []
        self._choice_index: dict[str, int] = {}
        # Blocking: choices by the 4-letter prefixes of their words, so a query is
        # scored against the forms sharing its rarest word stems, not all 40,000.
        self._postings: dict[str, list[int]] = defaultdict(list)
        # The same as {choice index: form}, for look_alikes: a dict union in C instead of
        # building a list in Python (that was most of its cost at 20,000 entities).
        self._posting_forms: dict[str, dict[int, str]] = defaultdict(dict)
        # Acronym suggestions: entities by the first letters of their first two words.
        self._by_initials: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = (
            defaultdict(list))
        for sig in sorted(signatories.values(), key=lambda s: s.id):
            self._add(sig)

    def _add(self, sig: Signatory) -> None:
        self._full_of[sig.id] = set()
        self._nodes_of[sig.id] = {"id:" + sig.id}
        # A person has no acronym: "(MP)" after two names is an office, not an identity.
        for acr in sig.acronyms if sig.kind != "person" else ():
            self._add_acronym(sig.id, acr)
        for form in dict.fromkeys((sig.name, *sig.aliases)):
            self._add_form(sig, form)

    def _add_form(self, sig: Signatory, form: str) -> None:
        self._alias[normalize_printed(form)].add(sig.id)
        k = name_key(form)
        self._forms_of[sig.id].append(k)
        if sig.kind == "person" and len(k.tokens) >= 2:
            self._people[k.tokens[0]].append((k.tokens, sig.id))
        self._nodes_of[sig.id].add("name:" + k.full)
        self._by_node["name:" + k.full].add(sig.id)
        self._key[k.key].append(_Form(sig.id, k))
        if k.acronym and sig.kind != "person":
            self._add_acronym(sig.id, k.acronym)
        if k.full not in self._full_of[sig.id]:
            self._full_of[sig.id].add(k.full)
            self._add_choice(_fuzzy_form(k), sig.id)
        words = k.tokens
        if len(words) >= 2 and sig.kind != "person":
            sig_words = tuple(w for w in words if w not in STOPWORDS)
            if len(sig_words) >= 2:
                self._by_initials[(sig_words[0][0], sig_words[1][0])].append((sig.id, words))

    # ------------------------------------------------------------ keeping up with a review

    def add_signatory(self, sig: Signatory) -> None:
        """Index a new registry entity (what `review` does after creating one)."""
        if sig.id in self._nodes_of:
            raise ValueError(f"{sig.id!r} is already in the index")
        self.signatories[sig.id] = sig
        self._add(sig)

    def add_alias(self, sig: Signatory, printed: str) -> None:
        """Index one more printed form of a known entity; `sig` is the entity as it
        now is, with the form among its aliases. Costs one form, not a rebuild."""
        self.signatories[sig.id] = sig
        if sig.id not in self._alias.get(normalize_printed(printed), ()):
            self._add_form(sig, printed)

    def _add_choice(self, form: str, sid: str) -> None:
        i = self._choice_index.get(form)
        if i is None:
            i = self._choice_index[form] = len(self._choices)
            self._choices.append(form)
            self._choice_ids.append(set())
            for stem in {w[:4] for w in form.split()}:
                self._postings[stem].append(i)
                self._posting_forms[stem][i] = form
        self._choice_ids[i].add(sid)

    def _candidates(self, form: str, budget: int = BLOCKING_BUDGET) -> list[int] | None:
        """Choices sharing the query's rarest word stems (None: score them all)."""
        if len(self._choices) <= budget:
            return None
        stems = sorted({w[:4] for w in form.split()},
                       key=lambda st: len(self._postings.get(st, ())))
        found: set[int] = set()
        for stem in stems:
            if found and len(found) + len(self._postings.get(stem, ())) > budget:
                break
            found.update(self._postings.get(stem, ()))
        return sorted(found)

    def _add_acronym(self, sid: str, acronym: str) -> None:
        acronym = _acr(acronym)
        if len(acronym) >= 2:
            self._acronym[acronym].add(sid)
            self._acronyms_of[sid].add(acronym)

    # ------------------------------------------------------------ matching

    def match(self, printed: str, limit: int = 5, exclude: Set[str] = frozenset(),
              contested: Set[str] = frozenset()) -> Match:
        """How one printed name resolves. `exclude`: entities it cannot be, because another
        name printed in its list is them (never linked, never suggested); `contested`:
        entities another name of its list claims as strongly (suggested, never linked)."""
        query = normalize_printed(printed)
        k = name_key(query)
        qnodes = self._query_nodes(query, k)
        rejected = self._rejected(qnodes) | set(exclude)
        person = self._person_part(query, k)
        found = self._rule(query, k, qnodes, rejected, person is not None)
        if found and found[0] not in contested:
            return Match(printed, "resolved", found[0], found[1])
        if person is not None:  # a person is compared by name, never by affiliation
            suggestions = self.suggest(name_key(person), limit, rejected, person)
        else:
            suggestions = self.suggest(k, limit, rejected, query)
        if found:
            sid = found[0]
            suggestions = [Suggestion(sid, self.signatories[sid].name, 100.0),
                           *(s for s in suggestions if s.id != sid)][:max(limit, 1)]
        return Match(printed, "suggested" if suggestions else "new", None, None, suggestions)

    def _rule(self, query: str, k: NameKey, qnodes: set[str], rejected: set[str],
              person: bool) -> tuple[str, How] | None:
        """The one entity a rule links the name to, and the rule; None if none does."""
        ids = self._alias.get(query, set()) - rejected
        if len(ids) == 1:
            return next(iter(ids)), "alias"

        decided = self._decided(qnodes) - rejected
        if len(decided) == 1:
            return next(iter(decided)), "decision"
        if person or ids or decided:
            return None  # a person links only by alias or decision
        if k.acronym_where == "alone" and len(_acr(k.acronym)) < ACRONYM_MIN:
            return None  # "MP" or "A.I." alone is too short to name anything by rule

        by_key = {f.id for f in self._key.get(k.key, ())
                  if self.signatories[f.id].kind != "person"
                  and compatible(k, f.key, self.signatories[f.id].country)} - rejected
        if k.acronym and by_key:
            # A printed acronym that the entity does not use is a reason for doubt.
            by_key = {i for i in by_key
                      if not self._acronyms_of[i] or _acr(k.acronym) in self._acronyms_of[i]}
        if len(by_key) == 1:
            return next(iter(by_key)), "key"

        if (k.acronym and not by_key and self._acronym_printed(k)
                and len(_acr(k.acronym)) >= ACRONYM_MIN):
            by_acr = {i for i in self._acronym.get(_acr(k.acronym), ())
                      if self._acronym_compatible(k, i)} - rejected
            if len(by_acr) == 1 and self._acronym_evidence(k, next(iter(by_acr))):
                return next(iter(by_acr)), "acronym"
        return None

    def _person_part(self, query: str, k: NameKey) -> str | None:
        """The name part of a printed name shaped like a person's, unless that part, or
        the whole name, is the very name of a known organization or network ("Caminamos
        Juntos", "Tzome Ixuk, Mujeres Organizadas A.C.")."""
        head = person_name(query)
        if head is None:
            return None
        for key in {name_key(head).key, k.key}:
            if any(self.signatories[f.id].kind != "person" for f in self._key.get(key, ())):
                return None
        return head

    def match_list(self, printed: Sequence[str], limit: int = 5,
                   linked: Sequence[str | None] | None = None) -> list[Match]:
        """The names printed in one list of one letter (its entries, or one network's
        members), in printed order. Two names printed in one list are two entities: a
        record one of them claims (linked by the letter, or by a rule) is not the
        other's, neither linked nor suggested. Where two claim one record equally (both
        its aliases), neither links: it is suggested to both, for a person to settle.
        `linked`: the id the letter already links each name to, if any."""
        first, exclude, contested = self.list_claims(printed, limit, linked)
        out, seen = [], {}
        for p in printed:
            n = normalize_printed(p)
            m = seen.get(n)
            if m is None:
                m = first[n]
                if exclude[n] or contested[n]:
                    m = self.match(p, limit, exclude[n], contested[n])
                seen[n] = m
            out.append(m if m.query == p else replace(m, query=p))
        return out

    def list_claims(self, printed: Sequence[str], limit: int = 5,
                    linked: Sequence[str | None] | None = None
                    ) -> tuple[dict[str, Match], dict[str, set[str]], dict[str, set[str]]]:
        """For the names of one list, by normalized printed form: each name's match on
        its own, the entities it cannot be (another name holds a stronger claim on them)
        and the entities it shares an equal claim on."""
        claims: dict[str, dict[str, int]] = defaultdict(dict)  # id -> {name: rank}
        first: dict[str, Match] = {}
        for i, p in enumerate(printed):
            n = normalize_printed(p)
            if n not in first:
                first[n] = m = self.match(p, limit)
                if m.status == "resolved":
                    claims[m.id][n] = min(claims[m.id].get(n, 9), _CLAIM_RANK[m.how])
            sid = linked[i] if linked else None
            if sid and sid in self.signatories:
                claims[sid][n] = _CLAIM_RANK["linked"]
        exclude: dict[str, set[str]] = {n: set() for n in first}
        contested: dict[str, set[str]] = {n: set() for n in first}
        for sid, by_name in claims.items():
            best = min(by_name.values())
            holders = {n for n, rank in by_name.items() if rank == best}
            for n in first:
                if n in holders:
                    if len(holders) > 1:
                        contested[n].add(sid)
                else:
                    exclude[n].add(sid)
        return first, exclude, contested

    @staticmethod
    def _acronym_printed(k: NameKey) -> bool:
        """An acronym printed as one: alone, in brackets, before or after the name (names
        only takes a trailing one that is set off or spelled by the name: "Clínica
        Jurídica IBERO" is not IBERO, the university)."""
        return k.acronym_where is not None

    def _acronym_evidence(self, k: NameKey, sid: str) -> bool:
        """Whether a shared acronym is evidence enough. Alone, it is the name itself. With
        a name it does not spell, it was copied from the entity's own name
        ("Oficina en Washington para Asuntos Latinoamericanos (WOLA)"). With a name it
        spells, another organization may well have the same initials (CELS, CDH): then
        the names must also look alike."""
        if k.acronym_where == "alone" or not k.tokens or k.key == k.acronym.casefold():
            return True
        if not (acronym_fits(k.acronym, k.tokens, True, True)):
            return True
        forms = self._forms_of.get(sid, ())
        # The entity is known by this very acronym and qualifier ("KIND México").
        if k.qualifiers and any(f.key == k.acronym.casefold() and f.qualifiers == k.qualifiers
                                for f in forms):
            return True
        form = _fuzzy_form(NameKey(k.key, None, (), k.tokens))
        return any(fuzz.ratio(form, _fuzzy_form(NameKey(f.key, None, (), f.tokens)))
                   >= ACRONYM_NAME_CUTOFF for f in forms)

    def _acronym_compatible(self, k: NameKey, sid: str) -> bool:
        """A printed acronym resolves only if no qualifier tells the two apart: the
        entity's own forms carry no qualifier the print lacks (KIND is not KIND México)."""
        country = self.signatories[sid].country
        forms = self._forms_of.get(sid) or [NameKey("", None, (), ())]
        return any(compatible(k, f, country) for f in forms) or not forms

    def _query_nodes(self, query: str, k: NameKey) -> set[str]:
        nodes = {"name:" + k.full}
        for sid in self._alias.get(query, ()):
            nodes |= self._nodes_of[sid]
        return nodes

    def _rejected(self, qnodes: set[str]) -> set[str]:
        if not self.decisions.edges:
            return set()
        out = set()
        for other, j in self.decisions.neighbours(qnodes).items():
            if j == "different":
                out |= self._entities_of(other)
        return out

    def _decided(self, qnodes: set[str]) -> set[str]:
        if not self.decisions.edges:
            return set()
        out = set()
        for other, j in self.decisions.neighbours(qnodes).items():
            if j == "same":
                out |= self._entities_of(other)
        return out

    def _entities_of(self, n: str) -> set[str]:
        if n.startswith("id:"):
            return {n[3:]} if n[3:] in self.signatories else set()
        return set(self._by_node.get(n, ()))

    def judgement(self, printed: str, sid: str) -> str | None:
        """The decision recorded between a printed name and an entity, if any."""
        query = normalize_printed(printed)
        return self.decisions.judgement(self._query_nodes(query, name_key(query)),
                                        self._nodes_of.get(sid, {"id:" + sid}))

    # ------------------------------------------------------------ suggestions

    def suggest(self, k: NameKey, limit: int = 5, rejected: set[str] = frozenset(),
                printed: str | None = None) -> list[Suggestion]:
        """Ranked look-alikes, best first, one per entity; never applied."""
        scores: dict[str, float] = {}
        if printed:
            for sid in self._by_part(printed):
                scores[sid] = max(scores.get(sid, 0.0), PART_SCORE)
            for sid in self._person_prefix(k):
                scores[sid] = max(scores.get(sid, 0.0), PART_SCORE - 1)
        if self._choices:
            # token_sort_ratio on the significant words, with the sorting done once per
            # registry form instead of once per comparison; never token_set_ratio, which
            # scores subsets 100.
            form = _fuzzy_form(k)
            index = self._candidates(form)
            choices = self._choices if index is None else [self._choices[i] for i in index]
            found = process.extract(form, choices, scorer=fuzz.ratio, processor=None,
                                    score_cutoff=SUGGEST_CUTOFF, limit=limit * 4 + 10)
            for _, score, i in found:
                for sid in self._choice_ids[i if index is None else index[i]]:
                    scores[sid] = max(scores.get(sid, 0.0), round(float(score), 1))
        acronym = k.acronym or (k.key.upper() if len(k.tokens) == 1 else None)
        if acronym:
            for sid in self._acronym.get(_acr(acronym), ()):
                scores[sid] = max(scores.get(sid, 0.0), ACRONYM_SCORE)
            for sid in self._spelled_by(acronym):
                scores[sid] = max(scores.get(sid, 0.0), ACRONYM_SCORE - 1)
        elif len(k.tokens) >= 2:
            for guess in {initials(k.tokens), initials(k.tokens, True)}:
                for sid in self._acronym.get(guess.upper(), ()):
                    scores[sid] = max(scores.get(sid, 0.0), ACRONYM_SCORE - 1)
        for sid in rejected:
            scores.pop(sid, None)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [Suggestion(sid, self.signatories[sid].name, score) for sid, score in ranked]

    def look_alikes(self, sid: str, cutoff: float = 90.0,
                    budget: int = BLOCKING_BUDGET) -> dict[str, float]:
        """Other entities whose forms score at least `cutoff` against this one's name
        (for reviewing the registry itself; fuzzy scores only, so it stays fast)."""
        form = _fuzzy_form(name_key(self.signatories[sid].name))
        if len(self._choices) <= budget:
            choices: dict[int, str] | list[str] = self._choices
        else:  # the forms _candidates would pick, the same set, built without a sort
            choices = {}
            for stem in sorted({w[:4] for w in form.split()},
                               key=lambda st: len(self._postings.get(st, ()))):
                more = self._posting_forms.get(stem, {})
                if choices and len(choices) + len(more) > budget:
                    break
                choices.update(more)
        out: dict[str, float] = {}
        for _, score, i in process.extract(form, choices, scorer=fuzz.ratio, processor=None,
                                           score_cutoff=cutoff, limit=None):
            for other in self._choice_ids[i]:
                if other != sid:
                    out[other] = max(out.get(other, 0.0), round(float(score), 1))
        return out

    def named(self, printed: str) -> set[str]:
        """The entities with this very printed form as name or alias."""
        return set(self._alias.get(normalize_printed(printed), ()))

    def look_alike_pairs(self, cutoff: float = 90.0) -> list[tuple[str, str, float]]:
        """Every pair of entities (a < b) where one's name scores at least `cutoff`
        against a form of the other: what `look_alikes` finds for each entity."""
        pairs: dict[tuple[str, str], float] = {}
        for sid in sorted(self.signatories):
            for other, score in self.look_alikes(sid, cutoff).items():
                key = (sid, other) if sid < other else (other, sid)
                pairs[key] = max(pairs.get(key, 0.0), score)
        return [(a, b, score) for (a, b), score in sorted(pairs.items())]

    def why_not(self, printed: str, sid: str) -> str | None:
        """Why a suggestion with the printed name's very key was not resolved, in words."""
        k = name_key(printed)
        j = self.judgement(printed, sid)
        if j:
            return f"decided {j}"
        for f in self._forms_of.get(sid, ()):
            if f.key != k.key:
                continue
            q, r = set(k.qualifiers) - set(f.qualifiers), set(f.qualifiers) - set(k.qualifiers)
            if q or r:
                sides = [f"{', '.join(sorted(x))} only {w}" for x, w in
                         ((q, "in print"), (r, "in the registry")) if x]
                return "qualifier " + "; ".join(sides)
            if k.acronym and self._acronyms_of.get(sid) and (
                    _acr(k.acronym) not in self._acronyms_of[sid]):
                return f"acronym {k.acronym} is not {', '.join(sorted(self._acronyms_of[sid]))}"
        return None

    def _by_part(self, printed: str) -> set[str]:
        """Entities named by one part of a printed name: before or after a comma,
        semicolon, period or dash ("Cristosal, Advancing Human Rights ...",
        "Geopaz. Instituto ...; Geopaz. Institute ..."), or in brackets."""
        parts = (set(_PART_RE.split(printed)) | set(printed.split(";"))
                 | set(re.findall(r"\(([^()]*)\)", printed)))
        parts.add(re.sub(r"\([^()]*\)", " ", printed))
        out: set[str] = set()
        for part in parts:
            part = part.strip()
            if not part or normalize_printed(part) == normalize_printed(printed):
                continue
            out |= self._alias.get(normalize_printed(part), set())
            pk = name_key(part)
            if len(pk.key) >= 4:
                # Qualifiers still count: the Ecuador office's name does not make the
                # unqualified organization a strong suggestion.
                out |= {f.id for f in self._key.get(pk.key, ())
                        if compatible(pk, f.key, self.signatories[f.id].country)}
        return out

    def _person_prefix(self, k: NameKey) -> set[str]:
        """People whose whole name begins the printed one ("Rubén D. Arvizu Director
        General para América Latina de ...")."""
        if len(k.tokens) < 3:
            return set()
        return {sid for tokens, sid in self._people.get(k.tokens[0], ())
                if len(tokens) < len(k.tokens) and k.tokens[:len(tokens)] == tokens}

    def _spelled_by(self, acronym: str) -> set[str]:
        """Entities whose name is spelled by the acronym's letters (IMUMI -> Instituto
        para las MUjeres en la MIgración)."""
        acr = _acr(acronym).lower()
        if len(acr) < 3:
            return set()
        out = set()
        for cut in range(1, len(acr)):
            for sid, words in self._by_initials.get((acr[0], acr[cut]), ()):
                if sid not in out and acronym_fits(acr, words):
                    out.add(sid)
        return out




def _fuzzy_form(k: NameKey) -> str:
    """What fuzzy matching compares: significant words sorted, then the qualifiers."""
    words = sorted(w for w in k.tokens if w not in STOPWORDS) or list(k.tokens)
    return " ".join((*words, *k.qualifiers))


_PART_RE = re.compile(r"\s*(?:[,;:]|\.\s|\s[-–—/]\s?|[-–—/]\s)\s*")


def _acr(text: str) -> str:
    return "".join(c for c in fold(text).upper() if c.isalnum())


