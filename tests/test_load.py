"""The loader's per-file cache: a file is parsed again only when its bytes change, and
a load through a cache gives what a fresh load gives (the seed archive, edited)."""

from __future__ import annotations

import os
from pathlib import Path

from edit_support import seed_copy

from undersigned.load import FileCache, load_archive

ROOT = Path(__file__).resolve().parents[1]


def test_a_second_load_parses_nothing_and_gives_the_same_records(tmp_path):
    root = seed_copy(tmp_path)
    cache = FileCache()
    first = load_archive(root, cache)
    files = len(list((root / "letters").glob("*.md"))) + len(
        list((root / "signatories").glob("*.yml"))) + len(
        list((root / "recipients").glob("*.yml"))) + 1
    assert cache.parsed == files
    assert len(cache.changed) == files
    again = load_archive(root, cache)
    assert cache.parsed == files and cache.changed == set()
    assert again == first == load_archive(root)
    assert all(a is b for a, b in zip(again.letters, first.letters, strict=True))
    assert again.tags is first.tags


def test_a_file_saved_with_the_same_bytes_is_not_parsed_again(tmp_path):
    root = seed_copy(tmp_path)
    cache = FileCache()
    first = load_archive(root, cache)
    parsed = cache.parsed
    letter = sorted((root / "letters").glob("*.md"))[0]
    # Rewritten (new inode, new mtime), same text: an editor's save without a change.
    text = letter.read_bytes()
    letter.unlink()
    letter.write_bytes(text)
    os.utime(letter, ns=(1, 1))
    again = load_archive(root, cache)
    assert cache.parsed == parsed and cache.changed == set()
    assert again.letter_by_id[letter.stem] is first.letter_by_id[letter.stem]


def test_edited_added_and_removed_files_are_parsed_and_named(tmp_path):
    root = seed_copy(tmp_path)
    cache = FileCache()
    first = load_archive(root, cache)
    parsed = cache.parsed
    letters = sorted((root / "letters").glob("*.md"))
    edited, removed = letters[0], letters[1]
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
    removed.unlink()
    added = root / "signatories" / "an-added-record.yml"
    added.write_text("id: an-added-record\nname: An Added Record\nkind: organization\n",
                     encoding="utf-8")
    again = load_archive(root, cache)
    assert cache.parsed == parsed + 2
    assert cache.changed == {f"letters/{edited.name}", f"letters/{removed.name}",
                             "signatories/an-added-record.yml"}
    assert again == load_archive(root)
    assert again.letter_by_id[edited.stem].title.startswith("Edited ")
    assert removed.stem not in again.letter_by_id
    unchanged = letters[2].stem
    assert again.letter_by_id[unchanged] is first.letter_by_id[unchanged]


def test_a_file_broken_then_fixed_reports_then_clears_its_error(tmp_path):
    root = seed_copy(tmp_path)
    cache = FileCache()
    load_archive(root, cache)
    letter = sorted((root / "letters").glob("*.md"))[0]
    good = letter.read_bytes()
    letter.write_bytes(b"\xff" + good)
    broken = load_archive(root, cache)
    assert [d.path for d in broken.errors] == [f"letters/{letter.name}"]
    assert broken == load_archive(root)
    letter.write_bytes(good)
    assert load_archive(root, cache).errors == ()
    assert cache.changed == {f"letters/{letter.name}"}
