"""A real browser against the real built site.

The site is built once per session with `undersigned build`, served from a thread on
127.0.0.1 at a random free port, and visited by Debian's Chromium through Playwright.
Every request to another host is aborted and recorded: the privacy test reads the record.

One browser, one context and one page for the whole session: Chromium is slow to start on
two shared cores, and the pages are static, so reusing them changes nothing we assert.

`UNDERSIGNED_TEST_SITE=<dir>` serves an already built site instead of building one, and
`UNDERSIGNED_TEST_ROOT=<dir>` reads the archive it was built from (for working on these
tests; CI sets neither).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    AxeScript,
    SitePages,
    Traffic,
    guard_context,
    serve,
    site_pages,
)

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"


def _build_site(out: Path) -> Path:
    prebuilt = os.environ.get("UNDERSIGNED_TEST_SITE")
    if prebuilt:
        site = Path(prebuilt)
        if not (site / "index.html").is_file():
            pytest.fail(f"UNDERSIGNED_TEST_SITE={prebuilt} has no index.html", pytrace=False)
        return site
    site = out / "site"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "undersigned",
            "--root",
            str(REPO),
            "build",
            "--site-dir",
            str(site),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0 or not (site / "index.html").is_file():
        pytest.fail(
            f"`undersigned build --site-dir {site}` failed (exit {proc.returncode}):\n"
            f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}",
            pytrace=False,
        )
    return site


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_site(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture(scope="session")
def context(browser, base_url: str, traffic: Traffic):
    ctx = guard_context(browser, base_url, traffic)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def page(context, traffic: Traffic):
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.on("pageerror", lambda exc: traffic.page_errors.append((pg.url, str(exc))))
    yield pg
    pg.close()


@pytest.fixture(scope="session")
def new_context(browser, base_url: str, traffic: Traffic):
    """Makes another guarded context, with an HTTP cache of its own."""
    return lambda: guard_context(browser, base_url, traffic)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def pages(site_dir: Path) -> SitePages:
    return site_pages(Path(os.environ.get("UNDERSIGNED_TEST_ROOT", REPO)), site_dir)


@pytest.fixture(scope="session")
def axe() -> AxeScript:
    return AxeScript.bundled()
