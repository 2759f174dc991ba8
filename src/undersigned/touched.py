"""Which generated pages an edit can change, and those pages made again.

`undersigned serve` regenerates only the pages an edit touches, then renders only
those whose bytes changed. Which pages a letter or a signatory record touches is
said here, once (`pages_touched`), and tested against two full generates: every
page whose bytes differ between the site before and after an edit is among them.

A page belongs to one record (`owner`): a letter's page to the letter, a
signatory's pages (its letters signed run over several) to the signatory, the
A–Z and by-kind indexes to the registry as a whole (`I`), and every other page
(home, letter indexes and years, recipients, tags, data, search, network map:
a few dozen, each depending on the whole archive) to `A`, regenerated every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import generate as gen
from .body import letter_body_html
from .catalogue import Catalogue

# The signatory indexes list names, kinds, countries and letter counts: regenerated
# only when a record or a letter count changes (at 20,000 signatories they are most of
# the pages an edit would otherwise regenerate).
INDEX_DIRS = ("signatories", "a-z", *gen.KIND_PAGES.values())


def owner(src: str) -> str:
    """Which record a generated page belongs to: `L:<id>`, `S:<id>`, `I` for the
    signatory indexes (A to Z, by kind), or `A` for every other page."""
    parts = src[:-3].split("/")
    if parts[0] in INDEX_DIRS and (parts[0] != "signatories" or src == "signatories/index.md"):
        return "I"
    if parts[0] == "signatories" and len(parts) == 2:
        return "S:" + parts[1]
    if parts[0] == "signatories" and len(parts) == 4 and parts[2] == "letters":
        return "S:" + parts[1]
    if parts[0] == "letters" and len(parts) == 2 and len(parts[1]) > 10:
        return "L:" + parts[1]
    return "A"


@dataclass(frozen=True)
class Touched:
    """The pages an edit touches: those of these letters and signatories, the
    signatory indexes if `indexes`, and every `A` page."""

    letters: frozenset[str]
    signatories: frozenset[str]
    indexes: bool

    def owners(self) -> set[str]:
        out = {"A", *("L:" + i for i in self.letters), *("S:" + i for i in self.signatories)}
        if self.indexes:
            out.add("I")
        return out

    def covers(self, src: str) -> bool:
        """Whether the generated page `src` is among the pages touched."""
        kind = owner(src)
        if kind.startswith("L:"):
            return kind[2:] in self.letters
        if kind.startswith("S:"):
            return kind[2:] in self.signatories
        return kind == "A" or self.indexes


def everything(cat: Catalogue) -> Touched:
    """Every page of the site (an edit of tags.yml or of a recipient reaches them all)."""
    return Touched(frozenset(cat.letter_by_id), frozenset(cat.signatories), True)


def pages_touched(old: Catalogue, new: Catalogue, letters: Iterable[str] = (),
                  signatories: Iterable[str] = ()) -> Touched:
    """The pages whose bytes can differ between the site of `old` and that of `new`,
    when the letters and signatory records with the given ids (edited, added or
    removed) are what changed between the two archives.

    - a letter: its page, its translations' pages (they name its language), the pages
      of every signatory printed on it before or after (their tables show its title
      and date), and the indexes if a letter count changed;
    - a signatory record: its pages, the letters printing it (they show its name),
      every signatory page naming it (co-signers, networks, related, members) and
      the indexes;
    - any view that changed (co-signer lists recomputed included): its pages.
    """
    letters, signatories = set(letters), set(signatories)
    views: set[str] = set()
    for sid in old.signatories.keys() | new.signatories.keys():
        a, b = old.signatories.get(sid), new.signatories.get(sid)
        if a is not b and a != b:
            views.add(sid)
    letter_pages = set(letters)
    sig_pages = set(views) | set(signatories)
    for cat in (old, new):
        for lid in letters:
            letter = cat.letter_by_id.get(lid)
            if letter is not None:
                letter_pages.update(letter.translations)
                sig_pages.update(s.signatory_id for s in letter.signatures)
        for sid in signatories:
            view = cat.signatories.get(sid)
            if view is not None:
                letter_pages.update(view.letter_ids)
        sig_pages |= referencing(cat, signatories)
    indexes = bool(signatories) or any(
        (old.signatories[s].letter_count != new.signatories[s].letter_count)
        for s in views if s in old.signatories and s in new.signatories)
    return Touched(frozenset(letter_pages & set(new.letter_by_id) | letters),
                   frozenset(sig_pages), indexes)


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


def touched_pages(cat: Catalogue, touched: Touched, render_body: Callable[[str], str | None],
                  site_url: str | None = None) -> dict[str, str]:
    """{src: Markdown} of the pages `touched` names that exist in `cat`: each the same
    text as `generate.generate(cat)` gives it. BodyFailed if a letter body fails."""
    return {page.src: page.render() for page in _pages(cat, touched, render_body, site_url)}


def _pages(cat: Catalogue, touched: Touched, render_body, site_url) -> Iterator[gen.Page]:
    yield gen.home_page(cat)
    yield from gen.letters_index_pages(cat)
    for letter in cat.letters:
        if letter.id in touched.letters:
            html = letter_body_html(letter, render_body(letter.body))
            yield gen.letter_page(cat, letter, html, site_url)
    for sid in cat.signatories_az:
        if sid in touched.signatories:
            yield from gen.signatory_pages(cat, cat.signatories[sid])
    if touched.indexes:
        yield from gen.signatory_index_pages(cat)
    yield gen.recipients_index(cat)
    for rid in sorted(cat.recipients):
        yield from gen.recipient_pages(cat, rid)
    yield gen.tags_index(cat)
    for tid in cat.tags:
        yield from gen.tag_pages(cat, tid)
    yield gen.data_page(cat, site_url)
    yield gen.search_page()
    yield gen.network_map_page(cat)


def pages_for(cat: Catalogue, letter_ids: Iterable[str], signatory_ids: Iterable[str],
              render_body: Callable[[str], str | None], indexes: bool = True,
              site_url: str | None = None) -> dict[str, str]:
    """The pages of the given letters and signatories, every `A` page and the indexes
    if `indexes` (`touched_pages` with a Touched made by hand)."""
    return touched_pages(cat, Touched(frozenset(letter_ids), frozenset(signatory_ids),
                                      indexes), render_body, site_url)
