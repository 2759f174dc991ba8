"""Edits of a loaded archive in the shapes a contributor makes them, drawn by hypothesis:
the catalogue's and the pages' incremental updates are tested on them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

from hypothesis import strategies as st

from undersigned.models import Relation, Signatory

SEEDS = Path(__file__).resolve().parents[1]


def seed_copy(tmp_path: Path, name: str = "archive") -> Path:
    """A copy of the seed archive's data (letters, records, recipients, tags) to edit."""
    out = tmp_path / name
    for part in ("letters", "signatories", "recipients"):
        shutil.copytree(SEEDS / part, out / part)
    shutil.copy(SEEDS / "tags.yml", out / "tags.yml")
    return out


EDITS = ("drop_entry", "move_entry", "relink_entry", "retitle", "remove_letter",
         "copy_letter", "redate", "rename_record", "relate", "unrelate", "add_record",
         "remove_record", "translate")


def apply_edit(archive, edit: str, draw):
    """The archive after one edit, and the ids of the letters and records it changed."""
    letters = {x.id: x for x in archive.letters}
    registry = dict(archive.signatories)
    lid = draw(st.sampled_from(sorted(letters))) if letters else None
    sid = draw(st.sampled_from(sorted(registry)))
    changed_letters: set[str] = set()
    changed_records: set[str] = set()

    def entries_of(letter):
        return [(i, j) for i, s in enumerate(letter.sections) for j in range(len(s.entries))]

    def with_entries(letter, i, entries):
        sections = list(letter.sections)
        sections[i] = dataclasses.replace(sections[i], entries=tuple(entries))
        return dataclasses.replace(letter, sections=tuple(sections))

    if lid is not None and edit in ("drop_entry", "move_entry", "relink_entry"):
        letter = letters[lid]
        spots = entries_of(letter)
        if spots:
            i, j = draw(st.sampled_from(spots))
            entries = list(letter.sections[i].entries)
            entry = entries.pop(j)
            if edit == "relink_entry":
                entries.insert(j, dataclasses.replace(entry, id=sid))
            letters[lid] = with_entries(letter, i, entries)
            changed_letters.add(lid)
            if edit == "move_entry":
                other = letters[draw(st.sampled_from(sorted(letters)))]
                k = draw(st.integers(0, len(other.sections) - 1))
                letters[other.id] = with_entries(other, k, (*other.sections[k].entries, entry))
                changed_letters.add(other.id)
    elif lid is not None and edit == "retitle":
        letters[lid] = dataclasses.replace(letters[lid], title=draw(st.text(min_size=1)))
        changed_letters.add(lid)
    elif lid is not None and edit == "remove_letter":
        del letters[lid]
        changed_letters.add(lid)
    elif lid is not None and edit in ("copy_letter", "redate"):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=draw(st.integers(0, 2000)))
        new_id = f"{day.isoformat()}-edited-{draw(st.integers(0, 3))}"
        if edit == "redate":
            del letters[lid]
            changed_letters.add(lid)
        letters[new_id] = dataclasses.replace(letters[lid] if lid in letters else
                                              archive.letter_by_id[lid], id=new_id, date=day,
                                              path=f"letters/{new_id}.md")
        changed_letters.add(new_id)
    elif lid is not None and edit == "translate":
        # A version in another language, each listing the other (as `check` demands).
        new_id = f"{lid[:10]}-translated-{draw(st.integers(0, 3))}"
        if new_id not in letters:
            original = letters[lid]
            letters[new_id] = dataclasses.replace(
                original, id=new_id, path=f"letters/{new_id}.md", translations=(lid,),
                language=draw(st.sampled_from(("es", "fr", "pt"))))
            letters[lid] = dataclasses.replace(
                original, translations=(*original.translations, new_id))
            changed_letters.update((lid, new_id))
    elif edit == "rename_record":
        registry[sid] = dataclasses.replace(registry[sid], name=draw(st.text(min_size=1)))
        changed_records.add(sid)
    elif edit == "relate":
        other = draw(st.sampled_from(sorted(archive.signatories)))
        relation = draw(st.sampled_from(("member-of", "part-of", "successor-of")))
        registry[sid] = dataclasses.replace(
            registry[sid], related=(*registry[sid].related, Relation(other, relation, "")))
        changed_records.add(sid)
    elif edit == "unrelate" and registry[sid].related:
        registry[sid] = dataclasses.replace(registry[sid], related=registry[sid].related[1:])
        changed_records.add(sid)
    elif edit == "add_record":
        new = f"added-{draw(st.integers(0, 3))}"
        registry[new] = Signatory(new, draw(st.text(min_size=1)),
                                  draw(st.sampled_from(("organization", "person", "network"))),
                                  related=(Relation(sid, "member-of", ""),),
                                  path=f"signatories/{new}.yml")
        changed_records.add(new)
    elif edit == "remove_record":
        del registry[sid]
        changed_records.add(sid)
    return dataclasses.replace(archive, letters=tuple(letters.values()),
                               signatories=registry), changed_letters, changed_records
