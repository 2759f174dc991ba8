"""`undersigned serve`: builds, serves on 127.0.0.1, never loses an edit, rebuilds only
the pages an edit changes (each compared with a full build), answers odd URLs cleanly."""

import contextlib
import datetime as dt
import json
import os
import queue
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "archive"
LETTER = "letters/2022-07-11-bilateral-meeting.md"
TITLE = "title: Organizations ask two presidents to center migration on rights"
# Deadlines only keep a broken server from hanging the suite: no test asserts how fast.
PATIENCE = 60


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def wait_until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.2)


class Served:
    """`undersigned serve --port 0` as a contributor runs it, its stderr read as it comes."""

    def __init__(self, archive: Path, site: Path):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "undersigned", "--root", str(archive), "serve",
             "--port", "0", "--site-dir", str(site), "--interval", "0.5"],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self.base: str | None = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, pattern: str) -> re.Match:
        """The first line of stderr from here on matching `pattern`."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"serve stopped (rc {self.proc.wait()}) before "
                                     f"{pattern!r}:\n{self.stderr()}")
            self.seen.append(line)
            found = re.search(pattern, line)
            if found:
                return found
        raise AssertionError(f"no line {pattern!r} on stderr:\n{self.stderr()}")

    def wait_until_serving(self) -> str:
        port = self.wait_for(r"^serving .* at http://127\.0\.0\.1:(\d+)/ ").group(1)
        assert port != "0"
        self.base = f"http://127.0.0.1:{port}"
        return self.base

    def stderr(self) -> str:
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                return "".join(self.seen)
            if line is not None:
                self.seen.append(line)


@contextlib.contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[Path, Served]]:
    """A copy of the fixture archive and `serve` running on it; stopped at the end."""
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE, archive)
    served = Served(archive, tmp_path / "site")
    try:
        yield archive, served
    finally:
        served.proc.terminate()
        served.proc.wait(timeout=30)


def retitle(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_shows_an_edited_letter_then_a_deleted_and_an_added_one(tmp_path):
    with serving(tmp_path) as (archive, served):
        base = served.wait_until_serving()
        url = f"{base}/letters/2022-07-11-bilateral-meeting/"
        assert "Organizations ask two presidents" in fetch(url)

        retitle(archive / LETTER, TITLE, "title: An edited title seen by the server")
        wait_until(lambda: "An edited title seen by the server" in (fetch(url) or ""),
                   "the edited title served")

        # A deleted letter, then the same file added back: structural changes, rebuilt
        # in full.
        other = archive / "letters" / "2023-01-20-second-letter.md"
        kept = other.read_text(encoding="utf-8")
        other_url = f"{base}/letters/2023-01-20-second-letter/"
        assert fetch(other_url) is not None
        other.unlink()
        wait_until(lambda: fetch(other_url) is None, "the deleted letter's page gone")
        other.write_text(kept, encoding="utf-8")
        wait_until(lambda: fetch(other_url) is not None, "the letter added back served")
        assert "An edited title seen by the server" in fetch(url)


def test_an_edit_saved_during_the_first_build_is_shown(tmp_path):
    # The edit lands after the build has read every file (the line says so) and before
    # MkDocs and Pagefind have run: the build cannot have seen it, and a snapshot taken
    # after the build (the bug of issue 17) would not see it either.
    with serving(tmp_path) as (archive, served):
        served.wait_for(r"^read 2 letters and \d+ signatory records; building the site")
        retitle(archive / LETTER, TITLE, "title: Saved while the first build ran")
        base = served.wait_until_serving()
        url = f"{base}/letters/2022-07-11-bilateral-meeting/"
        wait_until(lambda: "Saved while the first build ran" in (fetch(url) or ""),
                   "the edit saved during the first build served")
        assert "Traceback" not in served.stderr()


def test_an_edit_saved_during_an_incremental_rebuild_is_shown(tmp_path):
    with serving(tmp_path) as (archive, served):
        base = served.wait_until_serving()
        url = f"{base}/letters/2022-07-11-bilateral-meeting/"
        raul = "signatories/raul-reyes-covarrubias/"
        assert raul in fetch(url)
        # Dropping a signatory changes co-signer lists: the letter is shown first, then
        # every list is recomputed, and the second edit is saved in between.
        letter = archive / LETTER
        text = letter.read_text(encoding="utf-8")
        dropped = ("      - printed: Raúl Reyes Covarrubias\n"
                   "        id: raul-reyes-covarrubias\n"
                   "        line: Guadalupe cepeda Aguilar y Raúl Reyes Covarrubias\n")
        assert dropped in text
        letter.write_text(text.replace(dropped, ""), encoding="utf-8")
        served.wait_for(r"^edit shown after .* now recomputing every co-signer list")
        retitle(letter, TITLE, "title: Saved while co-signers were recomputed")
        wait_until(lambda: "Saved while co-signers were recomputed" in (fetch(url) or ""),
                   "the edit saved during an incremental rebuild served")
        page = fetch(url)
        assert raul not in page and "signatories/guadalupe-cepeda-aguilar/" in page
        assert "Traceback" not in served.stderr()


def raw_request(base: str, method: str, target: str) -> bytes:
    """The server's whole answer to a request line sent as is (urllib would re-quote it)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(f"{method} {target} HTTP/1.1\r\nHost: {host}\r\n"
                     "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_odd_urls_and_dropped_connections_are_answered_without_a_traceback(tmp_path):
    odd = {
        "/%00": 400,
        "/index.html%00.css": 400,  # a text type: the gzip path
        "/letters%00/": 400,
        "/letters/%00/index.html": 400,
        "/" + "a" * 5000: 404,  # one name longer than any file system allows
        "/" + "a/" * 2500: 404,  # a path longer than PATH_MAX
        "/letters/" + "b" * 300 + ".css": 404,
    }
    with serving(tmp_path) as (archive, served):
        base = served.wait_until_serving()
        for target, status in odd.items():
            for method in ("GET", "HEAD"):
                answer = raw_request(base, method, target)
                assert answer.startswith(f"HTTP/1.0 {status} ".encode()), (target[:40], answer)
        # Browsers that go away mid-file (a reload, a tab closed): the connection reset
        # under a large file being sent is the server's business, not a traceback.
        largest = max((p for p in (tmp_path / "site").rglob("*") if p.is_file()),
                      key=lambda p: p.stat().st_size)
        host, port = base.removeprefix("http://").split(":")
        for _ in range(10):
            conn = socket.socket()
            # A small window, set before connecting: the server is still sending at the reset.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            conn.settimeout(30)
            conn.connect((host, int(port)))
            conn.sendall(f"GET /{largest.relative_to(tmp_path / 'site').as_posix()} "
                         f"HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            assert conn.recv(12) == b"HTTP/1.0 200"
            # Linger 0: close() resets the connection instead of ending it politely.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
        # Still serving, and nothing went to stderr but the build's own lines.
        assert raw_request(base, "GET", "/").startswith(b"HTTP/1.0 200 ")
        served.proc.terminate()
        served.proc.wait(timeout=30)
        log = served.stderr()
        assert "Traceback" not in log and "Error" not in log, log


def test_a_port_in_use_is_one_line_on_stderr_before_any_build(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "undersigned", "--root", str(FIXTURE), "serve",
             "--port", str(port), "--site-dir", str(tmp_path / "site")],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            capture_output=True, text=True, timeout=PATIENCE)
    assert done.returncode == 1
    assert done.stderr == (f"undersigned: cannot listen on 127.0.0.1:{port}: Address already "
                           "in use; choose another port with --port (--port 0 takes a free "
                           "one)\n")
    assert not (tmp_path / "site").exists()

@pytest.mark.parametrize("port", ["70000", "-1", "eighty"])
def test_a_port_out_of_range_is_a_usage_error(port, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(FIXTURE), "serve",
         "--port", port, "--site-dir", str(tmp_path / "site")],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True, text=True, timeout=PATIENCE)
    assert done.returncode == 2
    assert done.stderr.endswith(f"undersigned serve: error: argument --port: '{port}' is not "
                                "a port: give 0 to 65535\n"), done.stderr
    assert not (tmp_path / "site").exists()


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


def signatory_files(site: Path) -> dict[str, bytes]:
    """Every signatory's signatures.csv and signatures.json: a signatory page lists the
    letters signed together from them (undersigned-together.js), so serve keeps them."""
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in (site / "signatories").glob("*/signatures.*")}


def assert_same_as_full_build(tmp_path: Path, archive: Path, site: Path) -> None:
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    build(archive, full, config_file=CONFIG)
    expected, served = html_files(full), html_files(site)
    assert sorted(served) == sorted(expected)
    differ = [p for p in expected if served[p] != expected[p]]
    assert differ == []
    expected, served = signatory_files(full), signatory_files(site)
    assert sorted(served) == sorted(expected)
    assert [p for p in expected if served[p] != expected[p]] == []


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


def _add_letter_with_a_new_signatory(archive: Path) -> None:
    # The newest letter, copied a day later under a new name, printing a new record:
    # what a contributor adds most often (the site's newest date moves with it).
    newest = max((archive / "letters").glob("*.md"))
    day = dt.date.fromisoformat(newest.name[:10]) + dt.timedelta(days=1)
    text = newest.read_text(encoding="utf-8")
    text = re.sub(r"^date: .*$", f"date: {day.isoformat()}", text, count=1, flags=re.M)
    text = re.sub(r"^title: .*$", "title: A letter added while serving", text, count=1,
                  flags=re.M)
    text = text.replace("  - entries:\n", "  - entries:\n      - printed: An Added Organization\n"
                        "        id: an-added-organization\n", 1)
    (archive / "letters" / f"{day.isoformat()}-a-letter-added.md").write_text(
        text, encoding="utf-8")
    (archive / "signatories" / "an-added-organization.yml").write_text(
        "id: an-added-organization\nname: An Added Organization\nkind: organization\n",
        encoding="utf-8")


def _remove_a_letter(archive: Path) -> None:
    letters = sorted((archive / "letters").glob("*.md"))
    letters[len(letters) // 2].unlink()


def _decide_two_records_differ(archive: Path) -> None:
    a, b = sorted((archive / "signatories").glob("*.yml"))[:2]
    with open(archive / "signatories" / "decisions.csv", "a", encoding="utf-8") as f:
        f.write(f"id:{a.stem},id:{b.stem},different,decided while serving\n")


def _rename_a_tag(archive: Path) -> None:
    # The id and the label, in tags.yml and in every letter that uses it.
    tags = archive / "tags.yml"
    text = tags.read_text(encoding="utf-8")
    assert "  - id: mpp\n" in text
    tags.write_text(re.sub(r"  - id: mpp\n    label: .*\n",
                           "  - id: remain-in-mexico\n    label: Remain in Mexico\n", text),
                    encoding="utf-8")
    for letter in (archive / "letters").glob("*.md"):
        before = letter.read_text(encoding="utf-8")
        after = re.sub(r"^(tags: \[.*)\bmpp\b", r"\1remain-in-mexico", before, count=1,
                       flags=re.M)
        if after != before:
            letter.write_text(after, encoding="utf-8")


def _edit_a_recipient(archive: Path) -> None:
    record = sorted((archive / "recipients").glob("*.yml"))[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"^role: (.*)$", r"role: \1 (acting)", text, count=1, flags=re.M),
                      encoding="utf-8")


@pytest.mark.parametrize("edit", [_add_letter_with_a_new_signatory, _remove_a_letter,
                                  _decide_two_records_differ, _rename_a_tag,
                                  _edit_a_recipient], ids=lambda f: f.__name__.strip("_"))
def test_each_kind_of_edit_is_rebuilt_incrementally_as_a_full_build_would(edit, served,
                                                                          tmp_path):
    archive, site = served
    edit(archive)
    assert load_archive(archive).errors == ()
    timings: dict = {}
    site.update((), timings)  # the loader finds what changed
    assert "pages_changed" in timings  # not a full build
    assert site.catalogue == catalogue(load_archive(archive))
    assert site.diagnostics == check(load_archive(archive))
    assert_same_as_full_build(tmp_path, archive, tmp_path / "site")


def test_a_site_url_set_while_serving_reaches_the_letters_rebuilt_after(synthetic, tmp_path):
    # serve builds everything again when mkdocs.yml changes; the letters it rebuilds alone
    # after that must carry the new site_url, as that full build's letters do.
    archive = tmp_path / "archive"
    shutil.copytree(synthetic, archive)
    text = CONFIG.read_text(encoding="utf-8")
    for rel in ("docs", "overrides"):
        assert f" {rel}\n" in text
        text = text.replace(f" {rel}\n", f" {ROOT / rel}\n", 1)  # the copy lives elsewhere
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    site = live_mod.LiveSite(archive, tmp_path / "site", config_file=config)
    site.full_build()
    url = "https://letters.example.org/"
    config.write_text(text + f"site_url: {url}\n", encoding="utf-8")
    site.full_build()
    letter, _ = _letter_with_signatory(archive)
    letter.write_text(letter.read_text(encoding="utf-8") + "\nAn edit.\n", encoding="utf-8")
    site.update({letter.relative_to(archive).as_posix()})
    cite = json.loads((tmp_path / "site" / "letters" / letter.stem / "cite.json").read_text(
        encoding="utf-8"))
    assert cite[0]["URL"] == f"{url}letters/{letter.stem}/"


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


def test_edits_of_the_archive_data_are_incremental_and_the_renderers_input_is_not():
    can = live_mod.LiveSite.can_update
    assert can({"letters/2022-07-11-a.md", "signatories/x.yml"}, set(), set())
    assert can(set(), {"letters/2022-07-11-new.md", "signatories/new.yml"}, set())
    assert can(set(), set(), {"letters/2022-07-11-a.md"})
    for path in ("tags.yml", "recipients/x.yml", "signatories/decisions.csv"):
        assert can({path}, set(), set()), path
    for path in ("mkdocs.yml", "docs/about.md", "overrides/main.html", "letters/notes.txt",
                 "letters/sub/2022-07-11-a.md"):
        assert not can({path}, set(), set()), path
        assert not can(set(), {path}, set()), path


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


def test_a_deeply_nested_body_saved_while_serving_is_an_error_not_a_crash(served, tmp_path):
    # A line of 1,000 list markers once ended `serve` with a RecursionError.
    archive, site = served
    before = html_files(tmp_path / "site")
    letter = sorted((archive / "letters").glob("*.md"))[0]
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text + "\n" + "- " * 1000 + "a\n", encoding="utf-8")
    line = text.count("\n") + 2
    with pytest.raises(BuildFailed) as failed:
        site.update({letter.relative_to(archive).as_posix()})
    assert [str(d) for d in failed.value.diagnostics if d.level == "error"] == [
        f"{letter.relative_to(archive).as_posix()}:{line}: error: lists and quotes are nested "
        "1000 levels deep here, more than 20 (4 spaces of indentation before a list marker are "
        "one level); the Markdown renderer fails on deep nesting: flatten the list"]
    assert html_files(tmp_path / "site") == before
    letter.write_text(text, encoding="utf-8")
    site.update({letter.relative_to(archive).as_posix()})
    assert_same_as_full_build(tmp_path, archive, tmp_path / "site")


def test_with_another_mkdocs_than_the_speedups_know_every_edit_is_a_full_build(
        synthetic, tmp_path, monkeypatch, capsys):
    # Rendering a few pages alone uses MkDocs internals (mkdocs_speedups.PageRenderer):
    # with a version they were not written for, serve takes the plain path.
    from undersigned import mkdocs_speedups
    from undersigned.commands.serve_cmd import rebuild

    monkeypatch.setitem(mkdocs_speedups.WRITTEN_FOR, "mkdocs", "0.0.1")
    archive = tmp_path / "archive"
    shutil.copytree(synthetic, archive)
    site = live_mod.LiveSite(archive, tmp_path / "site", config_file=CONFIG)
    assert not site.incremental and "0.0.1" in site.speedups_off
    site.full_build()
    letter, _ = _letter_with_signatory(archive)
    retitle(letter, re.search(r"^title: .*$", letter.read_text(encoding="utf-8"),
                              re.M).group(0), "title: Edited with the speed-ups off")
    rel = letter.relative_to(archive).as_posix()
    rebuild(site, "site", {rel}, set(), set())
    err = capsys.readouterr().err
    assert "rebuilding the whole site (MkDocs speed-ups off" in err
    assert "updated" not in err
    page = (tmp_path / "site" / "letters" / letter.stem / "index.html").read_text("utf-8")
    assert "Edited with the speed-ups off" in page
    assert_same_as_full_build(tmp_path, archive, tmp_path / "site")
