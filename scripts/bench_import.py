"""Benchmark importing a PDF: how long `undersigned import letter.pdf` takes.

    python scripts/bench_import.py [--names 450] [--layout table|columns] [--runs 3] [--json]
    python scripts/bench_import.py --pdf letter.pdf

Without --pdf, writes a letter of N invented signatories as HTML (a numbered four-pair
table like a start-up coalition's, or a three-column list) and prints it to PDF with
Debian's Chromium, as the tests do. Then times, best of --runs: reading the PDF
(pdftext.read_pdf), parsing the text (importer.parse_letter_text), and the whole command
in process (`undersigned import --out TMP`, registry loading and resolution included).
The goal: a 450-name PDF imports in under 3 s on the project's 2-core machine. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from undersigned import importer, pdftext  # noqa: E402
from undersigned.cli import main  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
HEADS = ("Byte", "Loop", "Quill", "Kite", "Nimbus", "Orbit", "Pixel", "Fern", "Tandem", "Vector",
         "Zephyr", "Mosaic", "Harbor", "Lumen", "Cobalt", "Red", "Centro", "Alianza", "Foro")
TAILS = ("ly", "wise", "works", " Labs", " Systems", " Health", " Logistics", "stack",
         " Analytics", " Foods", " Mobility", "Pay", " Community Solar and Storage Installers",
         " de Derechos Humanos del Sur", " Cooperative Software Services")

PLACES = ("Northern", "Coastal", "Riverside", "Highland", "Prairie", "Eastern", "Southern",
          "Western", "Central", "Pinewood", "Granite", "Meadow", "Cedar", "Valle", "Sierra")


def names(n: int, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        name = rnd.choice(HEADS) + rnd.choice(TAILS)
        if len(seen) > 150:
            name = f"{rnd.choice(PLACES)} {name}"

        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def letter_html(signatories: list[str], layout: str) -> str:
    head = ('<p style="text-align:right">April 24, 2015</p><p>To<br>The Hon. Daniel Okoro<br>'
            "Minister of Commerce</p><p>Dear Minister,</p>"
            + "<p>We write as founders of companies that depend on an open internet. " * 3
            + "</p><p>Best regards,</p>")
    if layout == "columns":
        items = "".join(f"<p style='margin:0'>{html.escape(s)}</p>" for s in signatories)
        return (f"<!doctype html><html><head><meta charset='utf-8'></head><body>{head}"
                f"<div style='columns:3;font-size:9pt'>{items}</div></body></html>")
    rows_per_page, tables = 45, []
    for start in range(0, len(signatories), rows_per_page * 4):
        chunk = signatories[start:start + rows_per_page * 4]
        cols = [chunk[i:i + rows_per_page] for i in range(0, len(chunk), rows_per_page)]
        trs = []
        for r in range(max(len(c) for c in cols)):
            cells = ""
            for c, col in enumerate(cols):
                if r < len(col):
                    number = start + c * rows_per_page + r + 1
                    cells += f"<td>{number}</td><td>{html.escape(col[r])}</td>"
            trs.append(f"<tr>{cells}</tr>")
        tables.append("<table style='font-size:8pt;width:100%;table-layout:fixed;"
                      "page-break-before:always'>" + "".join(trs) + "</table>")
    return (f"<!doctype html><html><head><meta charset='utf-8'></head><body>{head}"
            + "".join(tables) + "</body></html>")


def make_pdf(n: int, layout: str, directory: Path) -> Path:
    page = directory / "letter.html"
    page.write_text(letter_html(names(n), layout), encoding="utf-8")
    pdf = directory / "letter.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-pdf-header-footer", f"--user-data-dir={directory / 'profile'}",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, check=True,
                   timeout=300)
    return pdf


def best(runs: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def main_bench(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf", type=Path, help="time this PDF instead of making one")
    parser.add_argument("--names", type=int, default=450)
    parser.add_argument("--layout", choices=("table", "columns"), default="table")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pdf = args.pdf or make_pdf(args.names, args.layout, work)
        data = pdf.read_bytes()
        read_s, (result, diags) = best(args.runs,
                                       lambda: pdftext.read_pdf_layout(data, str(pdf)))
        if result is None:
            print("\n".join(map(str, diags)), file=sys.stderr)
            return 1
        text = result.text
        parse_s, (letter, _) = best(args.runs, lambda: importer.parse_letter_text(text, "x"))

        def whole() -> int:
            out = work / "out"
            shutil.rmtree(out, ignore_errors=True)
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                return main(["--root", str(ROOT), "import", str(pdf), "--out", str(out)])

        import_s, code = best(args.runs, whole)
        found = letter.signatory_count if letter else 0
        figures = {"pdf": str(pdf) if args.pdf else f"{args.names} names, {args.layout}",
                   "pages": result.pages, "bytes": len(data),
                   "signatories_found": found, "read_pdf_s": round(read_s, 3),
                   "parse_text_s": round(parse_s, 3), "import_command_s": round(import_s, 3),
                   "import_exit": code}
        if args.json:
            print(json.dumps(figures, indent=2))
        else:
            for key, value in figures.items():
                print(f"{key:>18}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main_bench())
