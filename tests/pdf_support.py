"""PDFs made from the corpus's HTML letters with Debian's Chromium (print to PDF).

The letters in tests/fixtures/import/corpus/ are written as HTML in the layouts real
sign-on letters take (columns, tables, grids, page breaks, footnotes, running headers);
Chromium prints each to a PDF once per test session, as a contributor's word processor
would, and the tests read that PDF as the contributor's file.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CORPUS = Path(__file__).parent / "fixtures" / "import" / "corpus"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-pdf-header-footer"]


def corpus_letters() -> list[Path]:
    return sorted(CORPUS.glob("*.html"))


def print_to_pdf(html: Path, out: Path) -> Path:
    """Print `html` to `out` with headless Chromium; fail (never skip) without it."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: the PDF tests print their letters with Debian's "
                    "Chromium. Run `make chromium`.", pytrace=False)
    profile = out.parent / f".profile-{out.stem}"
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}",
         html.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)
    if not out.is_file() or out.stat().st_size == 0:
        pytest.fail(f"Chromium did not print {html.name}: {done.stderr[-2000:]}", pytrace=False)
    return out


class PdfCache:
    """One PDF per HTML letter per session, printed on first use."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.made: dict[Path, Path] = {}

    def pdf(self, html: Path) -> Path:
        if html not in self.made:
            self.made[html] = print_to_pdf(html, self.directory / f"{html.stem}.pdf")
        return self.made[html]
