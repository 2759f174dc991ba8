"""Parallel stages give exactly the serial results, and the memory savers change no byte.

Worker processes are real (forked): the seed archive is below the parallel threshold,
so tests lower it to force the pool, then compare with the serial path on the seed
archive and on a small synthetic one (past the threshold as it is).
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from undersigned import export, parallel, strictyaml
from undersigned import generate as gen
from undersigned.catalogue import catalogue
from undersigned.load import load_archive, split_front_matter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import synth_corpus  # noqa: E402

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="no fork start method")


def _square_all(xs):
    return [x * x for x in xs]


def _pids(xs):
    return [os.getpid() for _ in xs]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "archive"
    synth_corpus.synth(parallel.SERIAL_BELOW + 20, 3, out)
    return out


def _serial(monkeypatch):
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 10**9)


def _parallel(monkeypatch):
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)


@needs_fork
def test_map_chunks_keeps_order_across_processes():
    items = list(range(1001))
    assert parallel.map_chunks(_square_all, items, serial_below=0, processes=2) == \
        _square_all(items)
    # Fewer items than chunks, and nothing at all.
    assert parallel.map_chunks(_square_all, [3, 4], serial_below=0, processes=2) == [9, 16]
    assert parallel.map_chunks(_square_all, [], serial_below=0, processes=2) == []
    # The work ran in worker processes, and runs here below the threshold.
    pids = set(parallel.map_chunks(_pids, items, serial_below=0, processes=2))
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids
    assert set(parallel.map_chunks(_pids, items, serial_below=len(items) + 1)) == {os.getpid()}


@needs_fork
@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_parallel_load_is_the_serial_load(which, synthetic, monkeypatch):
    root = ROOT if which == "seeds" else synthetic
    _serial(monkeypatch)
    serial = load_archive(root)
    _parallel(monkeypatch)
    par = load_archive(root)
    assert par.letters == serial.letters
    assert par.signatories == serial.signatories
    assert par.recipients == serial.recipients
    assert par.diagnostics == serial.diagnostics
    assert [dict(x.lines) for x in par.letters] == [dict(x.lines) for x in serial.letters]


@needs_fork
@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_parallel_pages_are_the_serial_pages(which, synthetic, monkeypatch):
    root = ROOT if which == "seeds" else synthetic
    cat = catalogue(load_archive(root))
    # The reference: every page rendered one by one in this process, in the site's order.
    one_by_one = [(p.src, p.render()) for p in gen._pages(cat, gen.body_renderer())]
    _parallel(monkeypatch)
    pages = gen.generate(cat, data=False)
    assert list(pages.items()) == one_by_one
    encoded = gen.generate(cat, data=False, encode=True)
    assert list(encoded) == list(pages)
    assert all(encoded[k] == v.encode("utf-8") for k, v in pages.items())


def test_streamed_downloads_are_the_whole_files(monkeypatch):
    cat = catalogue(load_archive(ROOT))
    monkeypatch.setattr(export, "BATCH", 7)  # many batches, one of them partial
    files = export.export_files(cat)
    rows = export.signature_rows(cat)
    assert len(rows) > 7 * 3 and len(rows) % 7
    whole = io.StringIO()
    writer = csv.writer(whole, lineterminator="\n")
    writer.writerow(export.COLUMNS)
    writer.writerows(rows)
    assert files["signatures.csv"] == whole.getvalue()
    letters = [export.letter_record(x) for x in cat.letters]
    assert files["letters.json"] == "[\n" + ",\n".join(
        json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for r in letters) + "\n]\n"
    assert json.loads(files["signatories.json"])[0]["id"] == sorted(cat.signatories)[0]
    # What the site build writes, piece by piece, is the same text.
    streamed = {rel: "".join(chunks) for rel, chunks in export.site_data_chunks(cat)}
    assert streamed == dict(export.site_data_files(cat))
    assert streamed["data/signatures.csv"] == files["signatures.csv"]
    assert export.to_csv([]) == ",".join(export.COLUMNS) + "\n"
    assert export.to_json([]) == "[]\n"


def test_letter_lines_are_found_again_from_the_front_matter():
    archive = load_archive(ROOT)
    letter = archive.letters[0]
    text = (ROOT / letter.path).read_text(encoding="utf-8")
    front, _, _ = split_front_matter(text)
    expected = {k: v + 1 for k, v in strictyaml.load(front).lines.items()}
    assert dict(letter.lines) == expected
    assert letter.lines.get(("title",)) == text.split("\n").index(
        next(x for x in text.split("\n") if x.startswith("title:"))) + 1
    assert letter.lines.get(("no", "such", "path"), 1) == 1


def _write_pid(path):
    Path(path).write_text(str(os.getpid()), encoding="utf-8")


def _fail(_path):
    raise ValueError("this work fails")


@needs_fork
def test_background_work_runs_in_another_process_and_reports_failure(tmp_path, monkeypatch):
    _parallel(monkeypatch)
    job = parallel.Background(_write_pid, (tmp_path / "pid",), size=1)
    assert job.forked
    job.wait()
    assert int((tmp_path / "pid").read_text(encoding="utf-8")) != os.getpid()
    failing = parallel.Background(_fail, (tmp_path / "x",), size=1)
    with pytest.raises(RuntimeError, match="_fail failed in a worker process"):
        failing.wait()
    _serial(monkeypatch)
    here = parallel.Background(_write_pid, (tmp_path / "pid2",), size=1)
    assert not here.forked
    here.wait()
    assert int((tmp_path / "pid2").read_text(encoding="utf-8")) == os.getpid()


def _needs_marker(marker, out):
    if not Path(marker).exists():
        raise ValueError("started before the gate was opened")
    Path(out).write_text(str(os.getpid()), encoding="utf-8")


@needs_fork
def test_gated_background_work_waits_for_the_gate(tmp_path, monkeypatch):
    _parallel(monkeypatch)
    marker, out = tmp_path / "marker", tmp_path / "out"
    job = parallel.Background(_needs_marker, (marker, out), size=1, gated=True)
    assert job.forked
    job.process.join(timeout=0.5)
    assert job.process.is_alive() and not out.exists()  # held at the gate
    marker.touch()
    job.open()
    job.wait()
    assert int(out.read_text(encoding="utf-8")) != os.getpid()
    # wait() opens a gate nobody opened (the work is still done, once).
    out.unlink()
    again = parallel.Background(_needs_marker, (marker, out), size=1, gated=True)
    again.wait()
    assert out.exists()


@needs_fork
def test_downloads_written_beside_the_render_give_the_same_site(tmp_path, monkeypatch):
    """The forked writer writes into the site MkDocs renders, after MkDocs empties it:
    with the speed-ups (their `files` event opens the gate) and without them (opened
    once MkDocs is done), the same site as written by one process."""
    from undersigned.sitebuild import build

    sites = {}
    for name, mode, speedups in (("serial", _serial, True), ("parallel", _parallel, True),
                                 ("plain", _parallel, False)):
        mode(monkeypatch)
        build(ROOT, tmp_path / name, speedups=speedups)
        sites[name] = {p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                       for p in (tmp_path / name).rglob("*") if p.is_file()}
    assert sites["serial"] == sites["parallel"] == sites["plain"]
    assert "data/signatures.csv" in sites["parallel"]
    assert "signatories/imumi/signatures.json" in sites["parallel"]
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # nothing left over


def _shared_lengths(shared, indices):
    return [(len(shared[i]), os.getpid()) for i in indices]


@pytest.mark.parametrize("mode", ["serial", "parallel"])
def test_shared_chunks_are_map_shared_in_the_background(mode, monkeypatch):
    (_serial if mode == "serial" else _parallel)(monkeypatch)
    words = [f"w{'x' * (i % 7)}" for i in range(500)]
    with parallel.shared_chunks(_shared_lengths, words, len(words)) as chunks:
        # One shared computation at a time: the workers read one module global.
        with pytest.raises(RuntimeError, match="another shared computation"):
            parallel.shared_chunks(_shared_lengths, words, 1)
        got = [x for part in chunks.rest() for x in part]
    assert [n for n, _ in got] == [len(w) for w in words]
    assert ({pid for _, pid in got} != {os.getpid()}) == (mode == "parallel")
    assert parallel._SHARED is None  # released on close


@needs_fork
def test_map_shared_hands_workers_the_object_not_a_pickle_of_it():
    words = [f"w{i}" * (i % 7) for i in range(1000)]
    out = parallel.map_shared(_shared_lengths, words, len(words), serial_below=0)
    assert [n for n, _pid in out] == [len(w) for w in words]
    assert os.getpid() not in {pid for _n, pid in out}
    assert parallel._SHARED is None  # not kept alive after the call


@needs_fork
def test_parallel_check_is_the_serial_check(synthetic, monkeypatch):
    import dataclasses

    from undersigned.validate import check
    archive = load_archive(synthetic)
    # Problems in letters spread over every worker's share: unknown tags, bidi controls.
    letters = list(archive.letters)
    for i in range(0, len(letters), 37):
        letters[i] = dataclasses.replace(letters[i], tags=(*letters[i].tags, "no-such-tag"),
                                         title=letters[i].title + "\u202e")
    archive = dataclasses.replace(archive, letters=tuple(letters))
    _serial(monkeypatch)
    serial = check(archive)
    _parallel(monkeypatch)
    assert check(archive) == serial
    assert len(serial) >= 2 * len(range(0, len(archive.letters), 37))
