"""Fixtures shared by every test directory.

The one Chromium of a test session lives here, so that browser tests outside
tests/browser (tests/test_site_safety.py) share it: Playwright's sync API
cannot start a second time while the first is running.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
# The corpus comparisons assert in a helper module: show their differences as pytest does.
pytest.register_assert_rewrite("corpus_support")

from browser_support import CHROMIUM, launch_chromium  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        # A failure, not a skip: a green run without the browser tests would be a lie.
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Run `make chromium` (or `make test`, which installs it).",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "playwright is not installed: run `make test` (it installs the `test` extra)",
            pytrace=False,
        )
    with sync_playwright() as p:
        chromium = launch_chromium(p)
        try:
            yield chromium
        finally:
            chromium.close()
