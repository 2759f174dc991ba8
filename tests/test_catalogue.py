"""The catalogue on the real seed letters: counts, printed forms, co-signers, networks."""

from collections import Counter
from pathlib import Path

import pytest

from undersigned import catalogue as catalogue_module
from undersigned.catalogue import catalogue
from undersigned.load import load_archive

ROOT = Path(__file__).parent.parent


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


def _naive_cosigners(archive):
    together = {}
    for letter in archive.letters:
        ids = list(dict.fromkeys(s.signatory_id for s in letter.signatures))
        for a in ids:
            for b in ids:
                if a != b:
                    together.setdefault(a, Counter())[b] += 1
    return together


@pytest.mark.parametrize("threshold", [0, 2, 10_000])
def test_cosigners_match_all_pairs_counting(archive, monkeypatch, threshold):
    # Both strategies (per-letter counting and bit sets with pruning) must give the
    # exact counts of brute force; ties are broken the same way by both.
    monkeypatch.setattr(catalogue_module, "BITSET_THRESHOLD", threshold)
    cat = catalogue(archive)
    naive = _naive_cosigners(archive)
    for sid, view in cat.signatories.items():
        expected = naive.get(sid, Counter())
        got = dict(view.cosigners)
        assert all(expected[o] == n for o, n in got.items()), sid
        assert len(got) == min(catalogue_module.TOP_COSIGNERS, len(expected))
        if got:
            # Nobody left out shares more letters than the weakest listed co-signer.
            weakest = min(got.values())
            assert all(n <= weakest for o, n in expected.items() if o not in got), sid


def test_cosigner_ties_are_deterministic(archive, monkeypatch):
    monkeypatch.setattr(catalogue_module, "BITSET_THRESHOLD", 0)
    bitsets = {k: v.cosigners for k, v in catalogue(archive).signatories.items()}
    monkeypatch.setattr(catalogue_module, "BITSET_THRESHOLD", 10_000)
    counting = {k: v.cosigners for k, v in catalogue(archive).signatories.items()}
    assert bitsets == counting


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
