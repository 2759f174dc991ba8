"""Score `undersigned import` on a directory of letters with hand-checked gold files.

    python scripts/eval_import.py DIR [DIR ...] [--verbose]

Every `NAME.txt`, `NAME.md` or `NAME.pdf` under DIR with a `NAME.gold.yml` beside it
(the format of ../shared/real-letters/: `date`, `date_printed`, `recipients`, `cc`,
`signatories` as `{printed, alt?, section?, name?, affiliation?, country?}`,
`not_signatories`) is imported with the importer's parser, in memory, and scored:

- date: right, asked (import stopped and asked for --date), or wrong (a date that is
  not the gold one: the one result that must never happen);
- signatories: correct / missing / extra, matching `printed` or any `alt` exactly after
  whitespace normalisation, in a multiset (a name printed twice must come out twice);
- artefacts: extra entries that are gold `not_signatories` or look like a phone, an
  e-mail, a URL or a heading;
- sections: signatories found under another heading than the gold one;
- recipients found among the gold recipients (and recipients not in the gold);
- lines of the input whose words are not in the letter file written (nothing lost).

When import asks for the date, the list is scored on a second run given the gold date
(what a contributor does next). A PDF is read with `undersigned.pdftext.read_pdf` when
that module exists; otherwise the letter is reported "pdf reader not available".
It prints figures; it asserts nothing (the tests do that on the project's own corpus).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from undersigned import importer  # noqa: E402

SOURCES = (".txt", ".md", ".pdf")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


ARTEFACT_RE = re.compile(
    r"@|https?://|www\.|\+?\d[\d\s().-]{7,}\d|^(?:cc|c\.c\.|tel|phone|email|e-mail)\b", re.I)


@dataclass
class Score:
    name: str
    status: str = "imported"  # imported | asked | failed | unavailable
    date: str = "-"  # right | asked | wrong | -
    gold: int = 0
    correct: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    artefacts: list[str] = field(default_factory=list)
    wrong_section: int = 0
    recipients_gold: int = 0
    recipients_found: int = 0
    recipients_extra: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def exact(self) -> bool:
        return self.status in ("imported", "asked") and not self.missing and not self.extra


def read_source(path: Path) -> str | None:
    if path.suffix == ".pdf":
        try:
            from undersigned.pdftext import read_pdf  # type: ignore[attr-defined]
        except ImportError:
            return None
        text, _ = read_pdf(path.read_bytes(), path.name)
        return text or ""
    return path.read_bytes().decode("utf-8", errors="replace")


def flatten(letter) -> list[tuple[str, str | None]]:
    out = []
    for section in letter.sections:
        for entry in section.entries:
            out.append((entry.printed, section.heading))
            out.extend((m.printed, section.heading) for m in entry.members)
    return out


def score_letter(source: Path, gold_path: Path) -> Score:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    s = Score(source.name)
    text = read_source(source)
    if text is None:
        s.status, s.message = "unavailable", "pdf reader not available"
        return s
    gold_date = dt.date.fromisoformat(str(gold["date"]))
    letter, diags = importer.parse_letter_text(text, source.name)
    if letter is None and any("--date" in d.message for d in diags):
        s.status, s.date = "asked", "asked"
        letter, diags = importer.parse_letter_text(text, source.name, date=gold_date)
    elif letter is not None:
        s.date = "right" if letter.date == gold_date else "wrong"
        if s.date == "wrong":
            s.message = f"date {letter.date} (gold {gold_date})"
    sigs = gold.get("signatories") or []
    s.gold = len(sigs)
    if letter is None:
        s.status = "failed"
        s.message = "; ".join(d.message for d in diags)[:200]
        s.missing = [g["printed"] for g in sigs]
        return s
    found = flatten(letter)
    s.unplaced = [f"{no}: {line}" for no, line in
                  importer.unplaced_lines(text, importer.to_markdown(letter, None))]
    # Each gold signatory is matched by its printed form or an alternative join.
    wanted: dict[str, list[int]] = {}
    for i, g in enumerate(sigs):
        for form in (g["printed"], *(g.get("alt") or [])):
            wanted.setdefault(norm(form), []).append(i)
    taken: set[int] = set()
    not_sigs = {norm(x) for x in gold.get("not_signatories") or []}
    for printed, heading in found:
        key = norm(printed)
        hit = next((i for i in wanted.get(key, []) if i not in taken), None)
        if hit is None:
            s.extra.append(printed)
            if key in not_sigs or ARTEFACT_RE.search(printed) or importer._is_heading(printed):
                s.artefacts.append(printed)
            continue
        taken.add(hit)
        s.correct += 1
        want = sigs[hit].get("section")
        if want is not None and norm(want) != norm(heading or ""):
            s.wrong_section += 1
    s.missing = [g["printed"] for i, g in enumerate(sigs) if i not in taken]
    got = {norm(r.printed) for r in (*letter.recipients, *letter.cc)}
    golds = [norm(r) for r in (gold.get("recipients") or [])]
    s.recipients_gold = len(golds)
    s.recipients_found = sum(g in got for g in golds)
    gold_cc = {norm(r) for r in (gold.get("cc") or [])}
    s.recipients_extra = [r.printed for r in letter.recipients
                          if norm(r.printed) not in golds and norm(r.printed) not in gold_cc]
    return s


def find_letters(root: Path) -> list[tuple[Path, Path]]:
    out = []
    for gold in sorted(root.rglob("*.gold.yml")):
        stem = gold.name[: -len(".gold.yml")]
        for ext in SOURCES:
            src = gold.with_name(stem + ext)
            if src.exists():
                out.append((src, gold))
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="list every missing and extra signatory")
    args = ap.parse_args(argv)
    scores: list[Score] = []
    for root in args.dirs:
        for src, gold in find_letters(root):
            scores.append(score_letter(src, gold))
    head = (f"{'letter':44} {'status':9} {'date':6} {'gold':>5} {'right':>5} {'miss':>5} "
            f"{'extra':>5} {'artef':>5} {'sect':>4} {'recip':>6} {'r+':>2} {'lost':>4}")
    print(head)
    for s in scores:
        print(f"{s.name[:44]:44} {s.status:9} {s.date:6} {s.gold:5} {s.correct:5} "
              f"{len(s.missing):5} {len(s.extra):5} {len(s.artefacts):5} {s.wrong_section:4} "
              f"{s.recipients_found:>3}/{s.recipients_gold:<2} {len(s.recipients_extra):2} "
              f"{len(s.unplaced):4}"
              + (f"  {s.message}" if s.message else ""))
        if args.verbose:
            for m in s.missing:
                print(f"    missing: {m}")
            for e in s.extra:
                print(f"    extra:   {e}")
            for r in s.recipients_extra:
                print(f"    extra recipient: {r}")
            for u in s.unplaced:
                print(f"    not placed: line {u}")
    total = sum(s.gold for s in scores)
    right = sum(s.correct for s in scores)
    extra = sum(len(s.extra) for s in scores)
    arte = sum(len(s.artefacts) for s in scores)
    found = right + extra
    dates = Counter(s.date for s in scores)
    print()
    print(f"letters: {len(scores)}, imported or asked: "
          f"{sum(s.status in ('imported', 'asked') for s in scores)}, exactly right: "
          f"{sum(s.exact for s in scores)}, unavailable: "
          f"{sum(s.status == 'unavailable' for s in scores)}")
    print(f"dates: right {dates['right']}, asked {dates['asked']}, wrong {dates['wrong']}")
    pct = (100 * right / total) if total else 0.0
    print(f"signatories: {right}/{total} correct ({pct:.1f}%), "
          f"{sum(len(s.missing) for s in scores)} missing, {extra} extra, "
          f"{arte} artefacts ({(100 * arte / found) if found else 0:.1f}% of entries), "
          f"{sum(s.wrong_section for s in scores)} in another section")
    print(f"recipients: {sum(s.recipients_found for s in scores)}/"
          f"{sum(s.recipients_gold for s in scores)} found, "
          f"{sum(len(s.recipients_extra) for s in scores)} not in the gold")
    print(f"input lines not placed in the letter: {sum(len(s.unplaced) for s in scores)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
