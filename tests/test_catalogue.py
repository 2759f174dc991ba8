"""The catalogue on the real seed letters: counts, printed forms, co-signers, networks."""

import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from undersigned import catalogue as catalogue_module
from undersigned.catalogue import catalogue
from undersigned.load import load_archive

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import synth_corpus  # noqa: E402


@pytest.fixture(scope="module")
def archive():
    return load_archive(ROOT)


@pytest.fixture(scope="module")
def cat(archive):
    return catalogue(archive)


def test_letters_newest_first(cat):
    dates = [x.date for x in cat.letters]
    assert dates == sorted(dates, reverse=True)
    assert len(cat.letters) == 5
    assert cat.latest[0] == cat.letters[0].id


def test_imumi_signed_all_five_letters_under_several_printed_forms(cat):
    imumi = cat.signatories["imumi"]
    assert imumi.letter_count == 5
    assert set(imumi.letter_ids) == {x.id for x in cat.letters}
    assert len(imumi.printed_forms) >= 5
    # Its signatures are newest letter first.
    dates = [cat.letter_by_id[s.letter_id].date for s in imumi.signed]
    assert dates == sorted(dates, reverse=True)


def test_every_printed_form_is_kept(cat, archive):
    printed = {(s.signatory_id, s.printed) for x in archive.letters for s in x.signatures}
    catalogued = {(sid, f) for sid, v in cat.signatories.items() for f in v.printed_forms}
    assert printed == catalogued


def test_stats_count_what_the_registry_and_letters_hold(cat, archive):
    kinds = Counter(s.kind for s in archive.signatories.values())
    assert cat.stats.organizations == kinds["organization"]
    assert cat.stats.people == kinds["person"]
    assert cat.stats.networks == kinds["network"]
    assert cat.stats.signatures == sum(x.listed_count for x in archive.letters)
    listed = {x.id: x.listed_count for x in archive.letters}
    assert listed["2022-07-11-biden-lopez-obrador-meeting"] == 87


def test_top_signatories_are_the_most_frequent(cat):
    counts = [cat.signatories[i].letter_count for i in cat.top_signatories]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == max(v.letter_count for v in cat.signatories.values())
    assert "imumi" in cat.top_signatories


def _reference_cosigners(archive):
    """Co-signers counted the plain way, every pair on every letter, then ranked: most
    letters in common first, ties to the more prolific co-signer, then by id."""
    letters_of = defaultdict(set)
    for letter in archive.letters:
        for s in letter.signatures:
            letters_of[s.signatory_id].add(letter.id)
    together = defaultdict(Counter)
    for letter in archive.letters:
        ids = {s.signatory_id for s in letter.signatures}
        for a in ids:
            together[a].update(ids - {a})
    out = {}
    for sid in archive.signatories:
        ranked = sorted(((o, n) for o, n in together[sid].items() if o in archive.signatories),
                        key=lambda on: (-on[1], -len(letters_of[on[0]]), on[0]))
        out[sid] = tuple(ranked[:catalogue_module.TOP_COSIGNERS])
    return out


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """300 synthetic letters (scripts/synth_corpus.py): a few signatories on a third
    of them, so co-signer counts past 32 (six binary digits) and many ties."""
    out = tmp_path_factory.mktemp("synth") / "archive"
    synth_corpus.synth(300, 3, out)
    return load_archive(out)


@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_cosigners_are_the_plain_pair_count(which, request):
    archive = request.getfixturevalue("archive" if which == "seeds" else which)
    expected = _reference_cosigners(archive)
    got = {sid: v.cosigners for sid, v in catalogue(archive).signatories.items()}
    assert got == expected
    # The comparison covers what it must: full lists and ties (broken by the co-signer's
    # letter count, then by id).
    lists = [v for v in expected.values() if v]
    assert any(len(v) == catalogue_module.TOP_COSIGNERS for v in lists)
    assert any(len({n for _, n in v}) < len(v) for v in lists)
    if which == "synthetic":
        assert max(n for v in lists for _, n in v) >= 32


@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_signed_is_every_signature_newest_letter_first(which, request):
    archive = request.getfixturevalue("archive" if which == "seeds" else which)
    cat = catalogue(archive)
    expected = defaultdict(list)
    for letter in cat.letters:
        for s in letter.signatures:
            expected[s.signatory_id].append((letter.id, s.printed, s.section, s.via))
    for sid, view in cat.signatories.items():
        assert [tuple(x) for x in view.signed] == expected.get(sid, [])
        assert [x.letter_id for x in view.signed] == [r[0] for r in view.signed_rows]
    assert {x.id: x.listed_count for x in archive.letters} == cat.listed
    assert any(x.via for v in cat.signatories.values() for x in v.signed)


def test_networks_from_membership_and_relations(cat, archive):
    imumi = cat.signatories["imumi"]
    assert "gtpm" in imumi.networks  # member-of in its record, and printed under GTPM
    gtpm = cat.signatories["gtpm"]
    assert gtpm.memberships, "GTPM printed its members on at least one letter"
    members = {mid for m in gtpm.memberships for _, mid in m.members}
    assert "imumi" in members
    # Every member printed under a network lists that network.
    for letter in archive.letters:
        for s in letter.signatures:
            if s.via:
                assert s.via in cat.signatories[s.signatory_id].networks


def test_related_entities_seen_from_both_sides(cat):
    for sid, view in cat.signatories.items():
        for r in view.related:
            back = cat.signatories[r.id].related
            assert any(b.id == sid and b.outgoing != r.outgoing for b in back), (sid, r)


def test_lookalikes_stay_apart(cat):
    for a, b in [("asylum-access", "asylum-access-mexico"),
                 ("save-the-children-mexico", "save-the-children-us")]:
        assert cat.signatories[a].letter_ids and cat.signatories[b].letter_ids
        assert not set(cat.signatories[a].printed_forms) & set(cat.signatories[b].printed_forms)


def test_recipients_tags_and_years_index_every_letter(cat, archive):
    for letter in archive.letters:
        assert letter.id in cat.years[letter.year]
        for t in letter.tags:
            assert letter.id in cat.tag_letters[t]
        for r in (*letter.recipients, *letter.cc):
            assert letter.id in cat.recipient_letters[r.id]
    assert list(cat.years) == sorted(cat.years, reverse=True)


# ---------------------------------------------------------------- incremental update
# `serve` updates the catalogue after an edit (update_catalogue) instead of making it
# again: on random edits of the seed letters (entries dropped, moved or relinked,
# letters added, removed or redated, records renamed, related, added or removed) the
# update equals the catalogue made from scratch.

import dataclasses  # noqa: E402

from edit_support import EDITS, apply_edit  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from undersigned.catalogue import update_catalogue  # noqa: E402

SEED_ARCHIVE = load_archive(ROOT)
SEED_CATALOGUE = catalogue(SEED_ARCHIVE)
def without_cosigners(cat):
    return dataclasses.replace(cat, signatories={
        k: dataclasses.replace(v, cosigners=()) for k, v in cat.signatories.items()})


@settings(max_examples=40, deadline=None)
@given(st.data(), st.lists(st.sampled_from(EDITS), min_size=1, max_size=4),
       st.booleans())
def test_updating_after_random_edits_equals_cataloguing_from_scratch(data, edits, later):
    archive, old = SEED_ARCHIVE, SEED_CATALOGUE
    for edit in edits:
        archive, letters, records = apply_edit(archive, edit, data.draw)
        expected = catalogue(archive)
        cat, views_changed, stale = update_catalogue(old, archive, letters, records,
                                                     cosigners_later=later)
        if stale and later:
            assert without_cosigners(cat) == without_cosigners(expected)
            # Each view that differs apart from its co-signers was built again.
            differ = {s for s in expected.signatories.keys() | old.signatories.keys()
                      if without_cosigners(expected).signatories.get(s)
                      != without_cosigners(old).signatories.get(s)}
            cat = expected  # as serve does: the whole catalogue once the rest is shown
        else:
            assert cat == expected
            differ = {s for s in expected.signatories.keys() | old.signatories.keys()
                      if expected.signatories.get(s) != old.signatories.get(s)}
        assert differ <= views_changed
        old = cat
