"""Which pages an edit touches (touched.pages_touched), against two full generates:
every page whose bytes differ between the site before and after an edit of the seed
letters is among the pages touched, and those pages made alone are byte for byte the
full generate's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from edit_support import EDITS, apply_edit
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned import generate as gen
from undersigned.catalogue import catalogue
from undersigned.load import load_archive
from undersigned.touched import everything, owner, pages_touched, touched_pages

ROOT = Path(__file__).resolve().parents[1]
SEED_ARCHIVE = load_archive(ROOT)
SEED_CATALOGUE = catalogue(SEED_ARCHIVE)
RENDER_BODY = gen.body_renderer()
SEED_PAGES = gen.generate(SEED_CATALOGUE, data=False)


def differing(before: dict, after: dict) -> set[str]:
    return {src for src in before.keys() | after.keys() if before.get(src) != after.get(src)}


def test_every_page_touched_is_every_page_generate_makes():
    pages = touched_pages(SEED_CATALOGUE, everything(SEED_CATALOGUE), RENDER_BODY)
    assert pages == SEED_PAGES
    assert {owner(src)[:2] for src in pages} == {"A", "I", "L:", "S:"}


def test_a_retitled_letter_touches_its_page_and_its_signatories_only():
    letter = SEED_ARCHIVE.letters[2]
    edited = dataclasses.replace(letter, title="A title changed by an edit")
    archive = dataclasses.replace(SEED_ARCHIVE, letters=tuple(
        edited if x is letter else x for x in SEED_ARCHIVE.letters))
    cat = catalogue(archive)
    touched = pages_touched(SEED_CATALOGUE, cat, {letter.id})
    assert touched.letters == {letter.id, *letter.translations}
    assert touched.signatories == {s.signatory_id for s in letter.signatures}
    assert not touched.indexes
    after = gen.generate(cat, data=False)
    differ = differing(SEED_PAGES, after)
    assert f"letters/{letter.id}.md" in differ
    assert all(touched.covers(src) for src in differ)
    # Far fewer pages than the site: the point of the exercise.
    assert sum(map(touched.covers, after)) < len(after) / 2


@settings(max_examples=20, deadline=None)
@given(st.data(), st.lists(st.sampled_from(EDITS), min_size=1, max_size=3))
def test_the_pages_touched_hold_every_page_an_edit_changes(data, edits):
    archive, old, old_pages = SEED_ARCHIVE, SEED_CATALOGUE, SEED_PAGES
    for edit in edits:
        archive, letters, records = apply_edit(archive, edit, data.draw)
        cat = catalogue(archive)
        pages = gen.generate(cat, data=False)
        touched = pages_touched(old, cat, letters, records)
        missed = sorted(src for src in differing(old_pages, pages) if not touched.covers(src))
        assert missed == [], edit
        assert touched_pages(cat, touched, RENDER_BODY) == {
            src: text for src, text in pages.items() if touched.covers(src)}
        old, old_pages = cat, pages


def test_a_removed_translation_touches_the_letter_that_named_it():
    letter = SEED_ARCHIVE.letters[1]
    version = dataclasses.replace(letter, id=f"{letter.id[:10]}-version", language="es",
                                  path=f"letters/{letter.id[:10]}-version.md",
                                  translations=(letter.id,))
    pair = dataclasses.replace(SEED_ARCHIVE, letters=(
        *(dataclasses.replace(x, translations=(version.id,)) if x is letter else x
          for x in SEED_ARCHIVE.letters), version))
    before = catalogue(pair)
    # The version is deleted; the letter's file still names it (check would say so).
    after = catalogue(dataclasses.replace(pair, letters=tuple(
        x for x in pair.letters if x.id != version.id)))
    touched = pages_touched(before, after, {version.id})
    differ = differing(gen.generate(before, data=False), gen.generate(after, data=False))
    assert f"letters/{letter.id}.md" in differ
    assert all(touched.covers(src) for src in differ)
