"""search_index: Pagefind in shards, merged. The merged bundle must hold exactly what
one Pagefind run over the same site holds (every page, word, location, variant and
filter value), only ordered, chunked and named differently."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pagefind_bundle import chunk_for, contents

from undersigned import cli, search_index
from undersigned.pagefind_cbor import encode
from undersigned.sitebuild import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    """The seed archive built, then indexed again by one plain Pagefind run."""
    out = tmp_path_factory.mktemp("site") / "site"
    build(ROOT, out)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--output-path",
                    str(out.parent / "single"), "--silent"], check=True)
    return out


def test_shards_cover_every_page_once_in_whole_directories(seed_site):
    shards = search_index.plan_shards(seed_site, shard_bytes=60_000)
    assert len(shards) > 3  # five letters of 30-70 KB each cannot share 60 KB
    flat = [rel for shard in shards for rel in shard.files]
    html = sorted(p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*.html")
                  if "pagefind" not in p.parts)
    assert len(set(flat)) == len(flat)
    # Every page with a body is in a shard; only pages without one may be left out.
    body = [rel for rel in html if search_index._has_body((seed_site / rel).read_bytes())]
    assert set(body) <= set(flat) <= set(html)
    assert "about/index.html" not in body
    letters = [g for s in shards for g in s.globs if g.startswith("letters/2")]
    assert len(letters) >= 5 and all(g.endswith("/index.html") for g in letters)
    names = next(s for s in shards if "signatories/**/*.html" in s.globs)
    assert "signatories/imumi/index.html" in names.files
    assert len(search_index.plan_shards(seed_site)) == 1  # the seeds fit one shard
    capped = search_index.plan_shards(seed_site, max_globs=3)
    assert max(len(s.globs) for s in capped) == 3


def test_a_name_a_glob_would_not_take_literally_is_indexed_in_one_run(tmp_path, capsys):
    site = tmp_path / "site"
    _pages(site, {"a": "<main data-pagefind-body><h1>Asylum</h1></main>",
                  "b[1]": "<main data-pagefind-body><h1>Refuge</h1></main>"})
    assert search_index.index(site, shard_bytes=1) == 1
    assert "would not take literally" in capsys.readouterr().err
    assert set(contents(site / "pagefind")["en"]["pages"]) == {"/a/", "/b[1]/"}


def test_merged_shards_hold_what_one_run_holds(seed_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind"))
    shards = search_index.index(site, shard_bytes=60_000)
    assert shards > 3
    merged, single = contents(site / "pagefind"), contents(seed_site.parent / "single")
    assert merged.keys() == single.keys()
    for lang in single:
        for part in single[lang]:
            assert merged[lang][part] == single[lang][part], (lang, part)
    imumi = merged["en"]["words"]["imumi"][0]
    assert any(url == "/signatories/imumi/" for url, _locs, _meta in imumi)
    # The build's own bundle (one shard) holds the same again.
    assert contents(seed_site / "pagefind") == single


@pytest.fixture(scope="module")
def shard_bundles(seed_site, tmp_path_factory) -> list[Path]:
    """Pagefind's own bundles of the seed site in shards of at most 60 KB of letters."""
    shards = search_index.plan_shards(seed_site, shard_bytes=60_000)
    return search_index.index_shards(seed_site, shards, tmp_path_factory.mktemp("work"), 2)


@pytest.mark.parametrize("chunk_entries", [20_000, 300, 40])
def test_every_word_is_in_the_chunk_the_browser_loads_for_it(
        seed_site, shard_bundles, tmp_path, chunk_entries):
    bundle = tmp_path / "bundle"
    search_index.merge(shard_bundles, bundle, jobs=2, range_chunks=4,
                       chunk_entries=chunk_entries)
    found = contents(bundle)["en"]["words"]
    assert found == contents(seed_site.parent / "single")["en"]["words"]
    chunks = {c.name.removesuffix(".pf_index"): [w for w, _p, _v in search_index._read(c)[0]]
              for c in (bundle / "index").iterdir()}
    assert len(chunks) > (1 if chunk_entries == 20_000 else 50)
    for name, words in chunks.items():
        for word in words:
            assert chunk_for(bundle, word) == name, word
    # No chunk ends on a word that begins the next chunk's first word ("a" | "aa").
    ordered = sorted(chunks.values())
    for before, after in zip(ordered, ordered[1:], strict=False):
        assert not after[0].startswith(before[-1]), (before[-1], after[0])
    assert "mexico" in found and "méxico" in found["mexico"][1]  # accents are variants


def test_metadata_lists_pages_in_a_fraction_of_pagefinds_bytes(seed_site):
    def meta(bundle: Path) -> bytes:
        return next(bundle.glob("*.pf_meta")).read_bytes()
    single, merged = meta(seed_site.parent / "single"), meta(seed_site / "pagefind")
    assert len(merged) < 0.8 * len(single)
    fragments = sorted((seed_site / "pagefind" / "fragment").rglob("*.pf_fragment"))
    directory = {f.parent.name for f in fragments}
    assert len(directory) == 1 and directory.pop().startswith("en_")
    assert {f.stem for f in fragments} == {
        search_index._b36(n) for n in range(len(fragments))}


def test_indexing_twice_gives_the_same_bytes(seed_site, tmp_path):
    copies = []
    for name in ("a", "b"):
        site = tmp_path / name
        shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind"))
        search_index.index(site, shard_bytes=60_000)
        copies.append({p.relative_to(site).as_posix(): p.read_bytes()
                       for p in (site / "pagefind").rglob("*") if p.is_file()})
    assert copies[0] == copies[1]


def test_a_format_it_does_not_know_falls_back_to_one_pagefind_run(tmp_path, capsys):
    site = tmp_path / "site"
    for n, sort in ((1, "2"), (2, "1")):  # data-pagefind-sort makes Pagefind write sorts
        page = site / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="en"><body data-pagefind-body><h1>Page {n}</h1>'
                        f'<p data-pagefind-sort="rank:{sort}">asylum text {n}</p>'
                        "</body></html>", encoding="utf-8")
    search_index.index(site, shard_bytes=1)
    assert "could not be merged" in capsys.readouterr().err
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = search_index._read(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    assert meta[4]  # Pagefind's own sorts, kept
    fragments = list((bundle / "fragment").glob("*.pf_fragment"))
    urls = sorted(json.loads(gzip.decompress(f.read_bytes())[12:])["url"] for f in fragments)
    assert urls == ["/p1/", "/p2/"]
    assert not any(p.name.startswith(".pagefind-") for p in tmp_path.iterdir())


def test_pagefind_failing_is_reported_not_raised_as_a_traceback(tmp_path):
    site = tmp_path / "site"
    site.mkdir()  # no HTML at all: Pagefind exits non-zero
    with pytest.raises(search_index.IndexFailed):
        search_index.index(site)


def test_merging_in_parallel_ranges_gives_the_same_bytes(seed_site, tmp_path):
    shards = search_index.plan_shards(seed_site, shard_bytes=60_000)
    bundles = search_index.index_shards(seed_site, shards, tmp_path / "work", 2)
    starts = []
    for bundle in bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        meta = search_index._read(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
        starts += [c[0] for c in meta[2]]
    cuts = {c[0] for c in sorted(starts)[1:] if c} - {sorted(starts)[0][:1]}
    assert cuts  # cut at every chunk: two ranges or more, merged by two processes
    files = []
    for jobs in (1, 2):
        search_index.merge(bundles, tmp_path / f"out{jobs}", jobs, range_chunks=1)
        files.append({p.relative_to(tmp_path / f"out{jobs}").as_posix(): p.read_bytes()
                      for p in (tmp_path / f"out{jobs}").rglob("*") if p.is_file()})
    assert files[0] == files[1]
    assert contents(tmp_path / "out2") == contents(seed_site.parent / "single")


def test_a_body_is_an_attribute_not_a_word_of_the_text():
    assert search_index._has_body(b'<div class="x" data-pagefind-body>text</div>')
    assert search_index._has_body(b'<main\ndata-pagefind-body="">')
    assert not search_index._has_body(b"<p>Mark it data-pagefind-body to index it</p>")
    assert not search_index._has_body(b"<code>data-pagefind-body</code>")


def _pages(site: Path, pages: dict[str, str]) -> None:
    for name, body in pages.items():
        page = site / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="en"><body>{body}</body></html>', encoding="utf-8")


def test_a_shard_of_pages_without_a_body_is_left_out_as_one_run_would(tmp_path):
    site = tmp_path / "site"
    _pages(site, {"a": "<main data-pagefind-body><h1>Asylum</h1></main>",
                  "b": "<h1>Refuge</h1><p>not indexed: no body here</p>",
                  "c": "<h1>Shelter</h1>"})
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
                    str(tmp_path / "single"), "--silent"], check=True)
    assert search_index.index(site, shard_bytes=1) == 1  # a shard per page; b, c dropped
    merged = contents(site / "pagefind")
    assert merged == contents(tmp_path / "single")
    assert set(merged["en"]["pages"]) == {"/a/"} and "refuge" not in merged["en"]["words"]


def test_a_site_where_no_page_marks_a_body_is_indexed_whole(tmp_path):
    site = tmp_path / "site"
    _pages(site, {"p1": "<h1>Page 1</h1><p>asylum</p>", "p2": "<h1>Page 2</h1>"})
    assert search_index.index(site, shard_bytes=1) == 2
    assert set(contents(site / "pagefind")["en"]["pages"]) == {"/p1/", "/p2/"}


# --- another Pagefind version: a loud failure, never a guess ------------------------

def _real_bundles(tmp_path: Path) -> list[Path]:
    """Two shards' bundles, as the installed Pagefind writes them."""
    site = tmp_path / "site"
    _pages(site, {"a": "<main data-pagefind-body><h1>Asylum</h1><p>México</p></main>",
                  "b": "<main data-pagefind-body><h1>Refuge</h1><p>Mexico</p></main>"})
    shards = search_index.plan_shards(site, shard_bytes=1)
    assert len(shards) == 2
    return search_index.index_shards(site, shards, tmp_path / "work", 2)


def test_the_installed_pagefind_is_the_version_the_merge_reads(tmp_path):
    bundles = _real_bundles(tmp_path)
    for bundle in bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["version"].startswith(search_index.PAGEFIND_VERSION + ".")
    search_index.merge(bundles, tmp_path / "merged")
    assert set(contents(tmp_path / "merged")["en"]["pages"]) == {"/a/", "/b/"}
    # pyproject.toml pins the same series.
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    major, minor = search_index.PAGEFIND_VERSION.split(".")
    assert f'"pagefind[bin]>={major}.{minor},<{major}.{int(minor) + 1}"' in pyproject


@pytest.mark.parametrize("found", ["1.6.0", "2.0.0", "1.4.1", None])
def test_a_bundle_of_another_pagefind_version_is_refused_naming_both(tmp_path, found):
    bundles = _real_bundles(tmp_path)
    entry_file = bundles[1] / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    if found is None:
        del entry["version"]
    else:
        entry["version"] = found
    entry_file.write_text(json.dumps(entry), encoding="utf-8")
    (tmp_path / "merged").mkdir()
    (tmp_path / "merged" / "kept").write_text("the previous bundle", encoding="utf-8")
    with pytest.raises(search_index.IndexFailed) as failed:
        search_index.merge(bundles, tmp_path / "merged")
    assert [p.name for p in (tmp_path / "merged").iterdir()] == ["kept"]  # nothing written
    message = str(failed.value)
    assert (f"Pagefind {found} wrote" if found else "states no version") in message
    assert f"Pagefind {search_index.PAGEFIND_VERSION}.x" in message
    assert "pagefind-entry.json" in message


def test_a_metadata_file_of_another_version_is_refused(tmp_path):
    bundles = _real_bundles(tmp_path)
    entry = json.loads((bundles[0] / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_file = bundles[0] / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    meta = search_index._read(meta_file)
    assert meta[0] == entry["version"]
    meta[0] = "1.6.0"
    search_index._write(meta_file, encode(meta))
    with pytest.raises(search_index.IndexFailed, match=r"Pagefind 1\.6\.0 wrote .*\.pf_meta"):
        search_index.merge(bundles, tmp_path / "merged")


FAKE_VERSION = '''#!{python}
"""The real Pagefind, then its bundle relabelled as written by Pagefind 1.6.0."""
import json, os, subprocess, sys
from pathlib import Path
from pagefind_bin import get_executable

code = subprocess.call([str(get_executable()), *sys.argv[1:]])
config = json.loads(Path("pagefind.json").read_text())
entry = Path(config["output_path"]) / "pagefind-entry.json"
data = json.loads(entry.read_text())
data["version"] = "1.6.0"
entry.write_text(json.dumps(data))
sys.exit(code)
'''


def test_a_build_with_another_pagefind_fails_loudly_and_keeps_the_site(
        tmp_path, monkeypatch, capsys):
    """Pagefind's own switch (PAGEFIND_BINARY_PATH) runs the real binary through a script
    that relabels its output: the build stops with both versions named, no traceback,
    no one-run fallback, and the previous site stays as it was."""
    archive = tmp_path / "archive"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site" / "archive", archive)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    fake = tmp_path / "pagefind-1.6"
    fake.write_text(FAKE_VERSION.replace("{python}", sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    assert cli.main(["--root", str(archive), "build", "--site-dir", str(site)]) == 1
    err = capsys.readouterr().err
    assert "undersigned: build failed: Pagefind 1.6.0 wrote the search index" in err
    assert f"Pagefind {search_index.PAGEFIND_VERSION}.x only" in err
    assert "indexing the site in one run" not in err and "Traceback" not in err
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "pagefind-1.6", "site"]
