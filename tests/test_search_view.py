"""search_view: the searchable pages cut to what Pagefind indexes. The index the build
makes from the views must be the very bytes of the index made from the rendered site."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from undersigned import search_index, search_view, sitebuild

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import synth_corpus  # noqa: E402


def files_of(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def scratch_dirs() -> set[str]:
    """The build's scratch directories now on the RAM disk (see sitebuild.RAM_DISK)."""
    if not sitebuild.RAM_DISK.is_dir():
        return set()
    return {p.name for p in sitebuild.RAM_DISK.iterdir()
            if p.name.startswith(sitebuild.SCRATCH_PREFIX)}


@pytest.mark.parametrize("archive", ["seed", "synthetic"])
def test_the_index_from_views_is_the_index_from_the_rendered_site(archive, tmp_path):
    if archive == "seed":
        root = ROOT
    else:  # 30 letters in the shapes the benchmark's take: sections, members, long lists
        root = tmp_path / "archive"
        synth_corpus.synth(30, 5, root)
    before = scratch_dirs()
    site = tmp_path / "site"
    sitebuild.build(root, site)
    assert scratch_dirs() == before  # the views and shards are gone with the build
    from_views = files_of(site / "pagefind")
    # The same site indexed as before views existed: Pagefind over the rendered pages.
    search_index.index(site, work=tmp_path / "work")
    from_site = files_of(site / "pagefind")
    assert from_views.keys() == from_site.keys()
    assert [k for k in from_views if from_views[k] != from_site[k]] == []
    fragments = [k for k in from_views if k.endswith(".pf_fragment")]
    letters = len(list((root / "letters").glob("*.md")))
    assert len(fragments) > letters  # letters, signatories, recipients, tags: all there


def page(content: str, searchable: bool = True) -> bytes:
    meta = 'title: "A page"\n' + ("pagefind: true\n" if searchable else "")
    return f"---\n{meta}---\n\n{content}".encode()


def test_ignored_elements_are_cut_whole_nested_or_not():
    html = (b'<h1>Name</h1><div data-pagefind-ignore><div><p>inner</p></div>'
            b'<div>more</div></div><p>kept</p><ul data-pagefind-ignore><li>a</li></ul>')
    assert search_view.cut_ignored(html) == b"<h1>Name</h1><p>kept</p>"


def test_an_ignored_element_holding_a_filter_stays_but_its_ignored_children_go():
    html = (b'<dl class="us-facts" data-pagefind-ignore><dt>Kind</dt><dd><a href="x" '
            b'data-pagefind-filter="kind">organization</a></dd>'
            b'<dd data-pagefind-ignore>drop me</dd></dl><p>after</p>')
    cut = search_view.cut_ignored(html)
    assert b'data-pagefind-filter="kind">organization</a>' in cut
    assert b"drop me" not in cut and cut.endswith(b"</dl><p>after</p>")


def test_the_words_in_text_and_unclosed_elements_are_left_alone():
    # A letter may mention the attribute in its text (escaped, outside any tag).
    text = b"<p>the attribute data-pagefind-ignore hides things</p><p>b</p>"
    assert search_view.cut_ignored(text) == text
    unclosed = b"<h1>x</h1><section data-pagefind-ignore><p>no end"
    assert search_view.cut_ignored(unclosed) == unclosed
    void = b'<p>a<img src="x.png" alt="y" data-pagefind-ignore>b</p>'
    assert search_view.cut_ignored(void) == b"<p>ab</p>"


def test_a_view_is_the_body_element_in_the_sites_language():
    got = search_view.view(page('<div class="us-page"><h1>T</h1><p>x</p></div>\n'), "es")
    assert got.startswith(b'<!doctype html>\n<html lang="es">')
    assert b'<div data-pagefind-body><div class="us-page"><h1>T</h1><p>x</p></div>\n</div>' \
        in got
    assert search_view.view(page("<h1>T</h1>", searchable=False), "en") == b""


def test_a_page_without_its_own_heading_makes_the_build_index_the_rendered_site(tmp_path):
    # The theme writes an <h1> from the title where the content has none: a view could not
    # say what Pagefind would see, so no views at all.
    assert search_view.view(page("<p>no heading</p>"), "en") is None
    pages = {"letters/a.md": page("<h1>A</h1>"), "letters/b.md": page("<p>none</p>")}
    out = tmp_path / "views"
    assert search_view.write_views(pages, out, "en") is None
    assert not out.exists()
    ok = {"letters/a.md": page("<h1>A</h1>"), "index.md": page("<h1>Home</h1>", False),
          "data/x.csv": b"a,b\n"}
    assert search_view.write_views(ok, out, "en") == 1
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.html")] == \
        ["letters/a/index.html"]


def test_scratch_goes_to_the_ram_disk_only_with_room(tmp_path, monkeypatch):
    if not (sitebuild.RAM_DISK.is_dir() and os.access(sitebuild.RAM_DISK, os.W_OK)):
        pytest.skip("no RAM disk on this machine")
    made = sitebuild.scratch_dir(10, tmp_path)
    try:
        assert made.parent == sitebuild.RAM_DISK
    finally:
        shutil.rmtree(made)
    # A RAM disk too small for the archive (a container's 64 MB): beside the site.
    monkeypatch.setattr(sitebuild, "SCRATCH_BYTES_PER_LETTER", 10**15)
    made = sitebuild.scratch_dir(10, tmp_path)
    assert made.parent == tmp_path
