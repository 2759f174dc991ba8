"""`undersigned serve`: builds, serves on 127.0.0.1, and shows an edited letter within 10 s."""

import os
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
    finally:
        proc.terminate()
        proc.wait(timeout=10)
