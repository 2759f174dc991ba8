"""`undersigned serve`: builds, serves on 127.0.0.1, and shows an edited letter within 10 s."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "archive"
LETTER = "letters/2022-07-11-bilateral-meeting.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def test_serve_rebuilds_an_edited_letter_within_10_seconds(tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE, archive)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "undersigned", "--root", str(archive), "serve", "--port",
         str(port), "--site-dir", str(tmp_path / "site"), "--interval", "0.5"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/letters/2022-07-11-bilateral-meeting/"
        deadline = time.monotonic() + 120
        page = None
        while page is None and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.3)
            page = fetch(url)
        assert page and "Organizations ask two presidents" in page

        path = archive / LETTER
        path.write_text(path.read_text(encoding="utf-8").replace(
            "title: Organizations ask two presidents to center migration on rights",
            "title: An edited title seen by the server"), encoding="utf-8")
        edited = time.monotonic()
        while time.monotonic() - edited < 10:
            page = fetch(url)
            if page and "An edited title seen by the server" in page:
                break
            time.sleep(0.3)
        assert page and "An edited title seen by the server" in page
        assert time.monotonic() - edited < 10

        # A deleted letter, then the same file added back: structural changes, rebuilt
        # in full (slower; no time limit promised beyond the build's own).
        other = archive / "letters" / "2023-01-20-second-letter.md"
        kept = other.read_text(encoding="utf-8")
        other_url = f"http://127.0.0.1:{port}/letters/2023-01-20-second-letter/"
        assert fetch(other_url) is not None
        other.unlink()
        deadline = time.monotonic() + 120
        while fetch(other_url) is not None and time.monotonic() < deadline:
            time.sleep(0.5)
        assert fetch(other_url) is None
        other.write_text(kept, encoding="utf-8")
        deadline = time.monotonic() + 120
        while fetch(other_url) is None and time.monotonic() < deadline:
            time.sleep(0.5)
        assert fetch(other_url) is not None
        assert "An edited title seen by the server" in fetch(url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# ---------------------------------------------------------------- incremental rebuilds
# An incremental rebuild must leave the site as a full build of the edited archive
# leaves it: every HTML page compared byte for byte (the search index and the
# downloads are refreshed by the next full build, as documented).

sys.path.insert(0, str(ROOT / "scripts"))
import synth_corpus  # noqa: E402

from undersigned import live as live_mod  # noqa: E402
from undersigned.catalogue import catalogue  # noqa: E402
from undersigned.load import load_archive  # noqa: E402
from undersigned.sitebuild import BuildFailed, build  # noqa: E402
from undersigned.validate import check  # noqa: E402

CONFIG = ROOT / "mkdocs.yml"


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] != "pagefind"}


def assert_same_as_full_build(tmp_path: Path, archive: Path, site: Path) -> None:
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    build(archive, full, config_file=CONFIG)
    expected, served = html_files(full), html_files(site)
    assert sorted(served) == sorted(expected)
    differ = [p for p in expected if served[p] != expected[p]]
    assert differ == []


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "archive"
    synth_corpus.synth(24, 5, out)
    return out


@pytest.fixture()
def served(synthetic, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(synthetic, archive)
    site = live_mod.LiveSite(archive, tmp_path / "site", config_file=CONFIG)
    site.full_build()
    return archive, site


def _letter_with_signatory(archive: Path) -> tuple[Path, str]:
    """A letter and the id of a signatory printed on it (not a network with members)."""
    for path in sorted((archive / "letters").glob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        start = lines.index("signatories:")
        for i in range(start, len(lines) - 1):
            found = re.match(r"^\s+id: ([a-z0-9-]+)$", lines[i])
            if found and "- printed:" in lines[i - 1] and "members:" not in lines[i + 1]:
                assert (archive / "signatories" / f"{found.group(1)}.yml").is_file()
                return path, found.group(1)
    raise AssertionError("no letter names a signatory")


def test_edit_of_title_body_and_signatory_name_matches_a_full_build(served, tmp_path):
    archive, site = served
    letter, sid = _letter_with_signatory(archive)
    text = letter.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: An edited title", text, count=1, flags=re.M)
    letter.write_text(text + "\nA paragraph added by the edit.\n", encoding="utf-8")
    record = archive / "signatories" / f"{sid}.yml"
    yml = record.read_text(encoding="utf-8")
    name = re.search(r"^name: (.*)$", yml, re.M).group(1)
    # The old name stays an alias so that the letters printing it remain linked.
    yml = yml.replace(f"name: {name}\n", f"name: {name} Renamed\n", 1)
    yml = (yml.replace("aliases:\n", f"aliases:\n  - {name}\n", 1) if "\naliases:\n" in yml
           else yml + f"aliases:\n  - {name}\n")
    record.write_text(yml, encoding="utf-8")
    timings: dict = {}
    site.update({letter.relative_to(archive).as_posix(),
                 record.relative_to(archive).as_posix()}, timings)
    assert 0 < timings["pages_changed"] < timings["pages_generated"]
    assert site.catalogue == catalogue(load_archive(archive))
    assert site.diagnostics == check(load_archive(archive))
    page = (tmp_path / "site" / "letters" / letter.stem / "index.html").read_text("utf-8")
    assert "An edited title" in page and "A paragraph added by the edit." in page
    assert_same_as_full_build(tmp_path, archive, tmp_path / "site")
    for name in ("cite.bib", "cite.json"):  # the citation follows the edited title
        served_cite = tmp_path / "site" / "letters" / letter.stem / name
        assert "An edited title" in served_cite.read_text(encoding="utf-8")
        assert served_cite.read_bytes() == (
            tmp_path / "full" / "letters" / letter.stem / name).read_bytes()


def test_edit_of_a_letters_signatory_list_matches_a_full_build(served, tmp_path):
    archive, site = served
    letter, sid = _letter_with_signatory(archive)
    lines = letter.read_text(encoding="utf-8").split("\n")
    # Drop the first entry of the list (printed + id lines): co-signers change everywhere.
    at = next(i for i in range(lines.index("signatories:"), len(lines))
              if re.match(rf"^\s+id: {sid}$", lines[i]))
    del lines[at - 1:at + 1]
    letter.write_text("\n".join(lines), encoding="utf-8")
    assert load_archive(archive).errors == ()
    timings: dict = {}
    site.update({letter.relative_to(archive).as_posix()}, timings)
    assert "cosigners" in timings  # shown first, co-signer lists recomputed after
    assert site.catalogue == catalogue(load_archive(archive))
    # Its stated count no longer matches: the warning the full check gives, and only it.
    assert site.diagnostics == check(load_archive(archive))
    assert [d.path for d in site.diagnostics] == [letter.relative_to(archive).as_posix()]
    assert_same_as_full_build(tmp_path, archive, tmp_path / "site")


def test_an_invalid_edit_keeps_the_last_good_site_and_a_fix_applies_every_edit(
        served, tmp_path):
    archive, site = served
    before = html_files(tmp_path / "site")
    letters = sorted((archive / "letters").glob("*.md"))
    broken, other = letters[0], letters[1]
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("\ntitle: ", "\ntitle: [", 1).replace(
        "\ntags:", "\nunknown_field: x\ntags:", 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        site.update({broken.relative_to(archive).as_posix()})
    assert any(d.path == broken.relative_to(archive).as_posix() and d.level == "error"
               for d in failed.value.diagnostics)
    assert html_files(tmp_path / "site") == before
    # Another letter edited while the first is still broken, then the first fixed.
    other.write_text(re.sub(r"^title: .*$", "title: Edited while another was broken",
                            other.read_text(encoding="utf-8"), count=1, flags=re.M),
                     encoding="utf-8")
    with pytest.raises(BuildFailed):
        site.update({other.relative_to(archive).as_posix()})
    broken.write_text(good, encoding="utf-8")
    site.update({broken.relative_to(archive).as_posix()})
    assert_same_as_full_build(tmp_path, archive, tmp_path / "site")


def test_only_in_place_edits_of_letters_and_signatories_are_incremental():
    can = live_mod.LiveSite.can_update
    assert can({"letters/2022-07-11-a.md", "signatories/x.yml"}, set(), set())
    assert not can(set(), {"letters/2022-07-11-new.md"}, set())
    assert not can(set(), set(), {"letters/2022-07-11-a.md"})
    for path in ("tags.yml", "recipients/x.yml", "signatories/decisions.csv", "mkdocs.yml",
                 "docs/about.md", "overrides/main.html"):
        assert not can({path}, set(), set()), path


# ---------------------------------------------------------------- HTTP compression

def test_text_is_sent_gzipped_and_decodes_to_the_files_bytes(tmp_path):
    import functools
    import gzip
    import http.server
    import threading

    from undersigned.commands.serve_cmd import _Handler

    site = tmp_path / "site"
    build(FIXTURE, site, config_file=CONFIG)
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def get(path: str, accept: str | None = "gzip, deflate, br"):
        headers = {"Accept-Encoding": accept} if accept else {}
        with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers),
                                    timeout=10) as r:
            return r.headers, r.read()

    try:
        fragment = next(p for p in (site / "pagefind" / "fragment").rglob("*") if p.is_file())
        texts = {"/": site / "index.html", "/pagefind/pagefind.js": site / "pagefind/pagefind.js",
                 "/data/signatures.csv": site / "data/signatures.csv",
                 "/assets/undersigned.css": site / "assets/undersigned.css"}
        for path, file in texts.items():
            headers, body = get(path)
            assert headers["Content-Encoding"] == "gzip", path
            assert headers["Vary"] == "Accept-Encoding"
            assert int(headers["Content-Length"]) == len(body) < file.stat().st_size, path
            assert gzip.decompress(body) == file.read_bytes(), path
            assert headers["Cache-Control"] == "no-store"
        # Pagefind's index files are gzip files already: sent as stored, not encoded again.
        headers, body = get("/" + fragment.relative_to(site).as_posix())
        assert headers["Content-Encoding"] is None and body == fragment.read_bytes()
        # A browser that does not accept gzip, or refuses it, gets the file as it is.
        for accept in (None, "identity", "br, gzip;q=0"):
            headers, body = get("/", accept)
            assert headers["Content-Encoding"] is None and body == texts["/"].read_bytes()
    finally:
        server.shutdown()
        server.server_close()
