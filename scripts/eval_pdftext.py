"""Score pdftext.read_pdf on PDFs with gold files (the format of ../shared/real-letters).

    python scripts/eval_pdftext.py ../shared/real-letters/pdf
    python scripts/eval_pdftext.py tests/fixtures/import/corpus   # HTML letters, printed first

For each `NN-name.pdf` beside `NN-name.gold.yml`, prints how many gold signatories
(`printed` or any `alt`) come out as exactly one line of the text, or as the name cell of
one TAB row (the number cell dropped); how many of those are in gold order; and how many
gold `not_signatories` lines (section headings apart) landed between the first and the
last list line; how many lines were dropped as running headers, footers and page numbers;
the seconds read_pdf took. `--library` scores another library's plain text the same way. Reads the
letters in place: nothing is copied.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from undersigned.pdftext import PdfText, read_pdf_layout  # noqa: E402


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def candidates(line: str) -> list[str]:
    """The forms under which a line may name a signatory: the line, and for a TAB row the
    first cell after the number cell."""
    if "\t" not in line:
        return [norm(line)]
    cells = [norm(c) for c in line.split("\t")]
    if cells and re.fullmatch(r"\d{1,4}[.)]?", cells[0]):
        cells = cells[1:]
    return [cells[0]] if cells else []


def score(text: str, gold: dict) -> dict:
    lines = text.split("\n")
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        for form in candidates(line):
            where.setdefault(form, []).append(i)
    found: list[int] = []
    missing: list[str] = []
    for sig in gold.get("signatories", []):
        forms = [norm(sig["printed"])] + [norm(a) for a in sig.get("alt", [])]
        hits = sorted({i for f in forms for i in where.get(f, [])})
        if len(hits) == 1:
            found.append(hits[0])
        else:
            missing.append(sig["printed"] + ("" if not hits else f" ({len(hits)} times)"))
    ordered = sum(b > a for a, b in zip(found, found[1:], strict=False))
    landed: list[str] = []
    if found:
        inside = [norm(line) for line in lines[min(found) + 1:max(found)]]
        # A section's heading belongs between its entries; anything else does not.
        sections = {norm(s.get("section") or "") for s in gold.get("signatories", [])}
        for ns in gold.get("not_signatories", []) or []:
            ns = norm(str(ns))
            if ns in sections:
                continue
            if any(ns == line or len(ns) >= 12 and ns in line for line in inside):
                landed.append(ns)
    return {"gold": len(gold.get("signatories", [])), "found": len(found),
            "ordered": ordered + (1 if found else 0), "landed": landed, "missing": missing,
            "not_signatories": len(gold.get("not_signatories", []) or [])}


def other_library(name: str, data: bytes) -> str:
    """The plain text another library gives, to compare (not a dependency: install it)."""
    import io

    if name == "pdfminer-plain":
        from pdfminer.high_level import extract_text

        return extract_text(io.BytesIO(data))
    if name == "pypdf":
        import pypdf

        return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    if name == "pypdf-layout":
        import pypdf

        return "\n".join(p.extract_text(extraction_mode="layout") or ""
                         for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    if name == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)
    raise SystemExit(f"unknown library {name}")


def print_html(html: Path, directory: Path) -> Path:
    """A corpus letter written as HTML (tests/fixtures/import/corpus), printed to PDF with
    Debian's Chromium as the tests do."""
    out = directory / f"{html.stem}.pdf"
    subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-pdf-header-footer", f"--user-data-dir={directory / 'profile'}",
                    f"--print-to-pdf={out}", html.resolve().as_uri()],
                   capture_output=True, check=False, timeout=300)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--show-missing", action="store_true", help="list what was not found")
    parser.add_argument("--library", default="pdftext",
                        choices=("pdftext", "pdfminer-plain", "pypdf", "pypdf-layout",
                                 "pdfplumber"),
                        help="score another library's plain text instead, to compare")
    args = parser.parse_args(argv)
    totals = {"gold": 0, "found": 0, "ordered": 0, "landed": 0, "dropped": 0}
    print(f"{'letter':48} {'found':>11} {'in order':>9} {'landed':>7} {'dropped':>8} {'s':>5}")
    printed = tempfile.TemporaryDirectory()
    for gold_path in sorted(args.directory.glob("*.gold.yml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        pdf = gold_path.with_name(gold.get("file") or gold_path.name.replace(".gold.yml", ".pdf"))
        if pdf.suffix != ".pdf":
            pdf = pdf.with_suffix(".pdf")
        html = gold_path.with_name(gold_path.name.replace(".gold.yml", ".html"))
        if not pdf.is_file() and html.is_file():
            pdf = print_html(html, Path(printed.name))
        if not pdf.is_file():
            continue
        started = time.perf_counter()
        if args.library == "pdftext":
            result, diags = read_pdf_layout(pdf.read_bytes(), str(pdf))
        else:
            result = PdfText(other_library(args.library, pdf.read_bytes()), 0)
            diags = []
        seconds = time.perf_counter() - started
        if result is None:
            print(f"{pdf.stem:48} " + "; ".join(str(d) for d in diags))
            totals["gold"] += len(gold.get("signatories", []))
            continue
        s = score(result.text, gold)
        print(f"{pdf.stem:48} {s['found']:>5}/{s['gold']:<5} {s['ordered']:>9} "
              f"{len(s['landed']):>7} {len(result.dropped):>8} {seconds:>5.2f}")
        if args.show_missing:
            for m in s["missing"]:
                print(f"    missing: {m}")
            for m in s["landed"]:
                print(f"    landed in the list: {m}")
        for key in ("gold", "found", "ordered"):
            totals[key] += s[key]
        totals["landed"] += len(s["landed"])
        totals["dropped"] += len(result.dropped)
    share = totals["found"] / totals["gold"] if totals["gold"] else 0.0
    print(f"{'total':48} {totals['found']:>5}/{totals['gold']:<5} {totals['ordered']:>9} "
          f"{totals['landed']:>7} {totals['dropped']:>8}   ({share:.1%} of the signatories "
          "on one line each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
