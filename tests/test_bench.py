"""The benchmark kept working at CI size: the synthetic archive and bench.py end to end.

Figures (timings) are never asserted: benchmarks print them (docs/performance.md).
What is asserted is that the synthetic archive has the promised shape and passes
`check`, that it is deterministic, and that bench.py builds every side of the
comparison and reports sane, complete figures.
"""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest

from undersigned.load import load_archive
from undersigned.validate import check

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import synth_corpus  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "archive"
    synth_corpus.synth(20, 7, out)
    return out


def test_synthetic_archive_passes_check(tiny):
    archive = load_archive(tiny)
    found = check(archive)
    assert [str(d) for d in found] == []
    assert len(archive.letters) == 20
    assert (tiny / "signatories" / "decisions.csv").read_text().startswith(
        "left,right,judgement,note\n")


def test_synthetic_archive_has_the_promised_shape(tiny):
    archive = load_archive(tiny)
    for letter in archive.letters:
        assert 20 <= letter.listed_count <= 300, letter.id
        size = len(letter.body.encode("utf-8"))
        assert 5 * 1024 <= size <= 40 * 1024, (letter.id, size)
        assert "[^1]" in letter.body and "\n[^1]: " in letter.body
        assert letter.recipients
    kinds = {s.kind for s in archive.signatories.values()}
    assert kinds == {"organization", "person", "network"}
    # Networks print their members; printed variants are registered as aliases.
    assert any(e.members for letter in archive.letters for s in letter.sections
               for e in s.entries)
    printed = [sig.printed for letter in archive.letters for sig in letter.signatures]
    variants = [p for letter in archive.letters for sig in letter.signatures
                if (p := sig.printed) != archive.signatories[sig.signatory_id].name]
    assert len(variants) > len(printed) / 10
    # Heavy tail: the most frequent signatory is on far more letters than the median one.
    counts: dict[str, int] = {}
    for letter in archive.letters:
        for sid in {sig.signatory_id for sig in letter.signatures}:
            counts[sid] = counts.get(sid, 0) + 1
    ordered = sorted(counts.values())
    assert ordered[-1] >= 5 and ordered[len(ordered) // 2] == 1


def test_synthetic_archive_is_deterministic(tmp_path, tiny):
    again = tmp_path / "again"
    synth_corpus.synth(20, 7, again)
    compare = filecmp.dircmp(tiny, again)

    def same(c: filecmp.dircmp) -> bool:
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        return (not c.left_only and not c.right_only and not mismatch and not errors
                and all(same(sub) for sub in c.subdirs.values()))

    assert same(compare)
    other = tmp_path / "other"
    synth_corpus.synth(20, 8, other)
    assert sorted(p.name for p in (other / "letters").iterdir()) != \
        sorted(p.name for p in (tiny / "letters").iterdir())


def test_bench_json_end_to_end(tmp_path):
    cmd = [sys.executable, str(REPO / "scripts" / "bench.py"), "--letters", "20", "--seed", "3",
           "--json", "--no-rebuild", "--work", str(tmp_path / "work")]
    if not Path("/usr/bin/chromium").exists():
        cmd.append("--no-search")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    r = json.loads(done.stdout)
    for key in ("letters", "pages", "total_s", "stages", "peak_rss_mb", "output_mb",
                "median_page_kb", "largest_page_kb", "most_prolific_page_kb",
                "search_first_query_kb", "hugo_s", "bare_mkdocs_s", "markdown_only_s",
                "ratios"):
        assert key in r, key
    assert r["letters"] == 20
    assert set(r["stages"]) >= {"load", "validate", "resolve", "catalogue", "generate",
                                "render", "search_index"}
    assert all(v >= 0 for v in r["stages"].values())
    # One page per letter and per signatory at least, all of them under 1 MB.
    assert r["pages"] > 20 + r["signatories"]
    assert 0 < r["median_page_kb"] <= r["largest_page_kb"] < 1024
    assert r["pages_over_1mb"] == 0
    assert r["peak_rss_mb"] > 20 and r["output_mb"] > 0
    # Bytes by kind: every file of the site counted once, in the kind its path says.
    site = tmp_path / "work" / "synth-20-3" / "site"
    kinds = r["bytes_by_kind"]
    files = [p for p in site.rglob("*") if p.is_file()]
    assert kinds["total"]["files"] == len(files)
    assert kinds["total"]["bytes"] == sum(p.stat().st_size for p in files)
    assert sum(v["bytes"] for k, v in kinds.items() if k != "total") == kinds["total"]["bytes"]
    assert kinds["page: letter"]["files"] == 20
    assert kinds["page: signatory"]["files"] == len(list(site.glob("signatories/*/index.html")))
    for kind in ("feed: signatory Atom", "feed: signatory JSON Feed", "database",
                 "download: signatory CSV", "download: signatory JSON", "search: fragment"):
        assert kinds[kind]["files"] > 0 and kinds[kind]["bytes"] > 0, kind
    assert kinds.get("other", {"files": 0})["files"] == 0, "a file of no known kind"
    # The same figures standalone, on the built site, as a table.
    table = subprocess.run([sys.executable, str(REPO / "scripts" / "bench.py"), "--site",
                            str(site)], capture_output=True, text=True, timeout=120)
    assert table.returncode == 0, table.stderr
    assert "| page: letter | 20 | " in table.stdout
    # The site as GitHub uploads it (tar, compressed): what deploy-pages compares with 1 GB.
    import gzip
    import io
    import tarfile

    sys.path.insert(0, str(REPO / "scripts"))
    import bench

    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=6, mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w") as tar:
        tar.add(site, arcname=".")
    measured = bench.artifact_bytes(site)
    assert 0 < measured < kinds["total"]["bytes"]
    # Another tar of the same files (Python's, another file order and header format)
    # compresses to about the same: the figure measures the files, not one tool's quirks.
    assert abs(measured - len(packed.getvalue())) < 0.15 * measured
    assert f"| total | {kinds['total']['files']:,} | " in table.stdout
    # scripts/data_bytes.py, without a build, counts the feeds and downloads the build wrote
    # (on the same archive again: bench.py's serve step edited the one it built).
    synth_corpus.synth(20, 3, tmp_path / "again")
    alone = subprocess.run([sys.executable, str(REPO / "scripts" / "data_bytes.py"),
                            str(tmp_path / "again"), "--json"],
                           capture_output=True, text=True, timeout=600)
    assert alone.returncode == 0, alone.stderr
    counted = json.loads(alone.stdout)
    counted.pop("total")
    assert counted and all(k.startswith(("feed: ", "download: ", "database")) for k in counted)
    assert {k: (v["files"], v["bytes"]) for k, v in counted.items()} == {
        k: (kinds[k]["files"], kinds[k]["bytes"]) for k in counted}
    prolific = r["most_prolific_signatory"]
    assert prolific["letters"] >= 2 and prolific["pages"] >= 1 and prolific["page_kb"] > 0
    # Each side of the comparison really built the same 20 letters.
    assert r["hugo"]["rc"] == 0 and r["hugo"]["pages"] > 20
    assert r["bare_mkdocs"]["rc"] == 0 and r["bare_mkdocs"]["pages"] >= 21
    assert r["markdown_only"]["letters"] == 20 and r["markdown_only"]["html_mb"] > 0
    assert set(r["ratios"]) >= {"ours_over_hugo", "ours_over_bare_mkdocs",
                                "ours_over_markdown_only"}
    # `undersigned serve` showed each of three saved edits (bench.py waits for the title).
    assert len(r["serve"]["edit_visible_s"]) == 3 and r["serve"]["first_build_served_s"] > 0
    assert r["edit_visible_s"] == max(r["serve"]["edit_visible_s"]) > 0
    if "--no-search" not in cmd:
        for query, found in r["search"].items():
            assert found["results_shown"] >= 1, query
            assert found["by_kind_kb"].get("wasm", 0) > 0, query
            assert found["by_kind_kb"].get("index", 0) > 0, query
            # Filter files load when the reader opens the filters, never for a query.
            assert found["filter_files"] == 0, found["fetched"]
            assert not [f for f in found["fetched"] if "/pagefind/filter/" in f["path"]]
            # Listed file by file; the server gzips Pagefind's code, not its index files.
            assert abs(sum(f["stored"] for f in found["fetched"]) / 1024 - found["kb"]) <= 0.05
            js = next(f for f in found["fetched"] if f["path"] == "/pagefind/pagefind.js")
            assert js["wire"] < js["stored"]
            assert all(f["wire"] == f["stored"] for f in found["fetched"]
                       if "/pagefind/index/" in f["path"])
        assert 0 < r["search_first_query_kb_http_gzip"] < r["search_first_query_kb"]


def test_bench_data_reports_the_database(tiny):
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "bench_data.py"),
                           "--archive", str(tiny), "--json"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    r = json.loads(done.stdout)
    assert r["letters"] == 20 and r["signatures"] > 20
    assert r["db_bytes"] > 0 and r["db_bytes"] % 4096 == 0  # whole pages of the fixed size
    assert "signature_rows" in r["db_largest"] and r["cite_bytes"] > 0
    assert r["signatures_csv_bytes"] > 0
