"""`undersigned import FILE`: a letter as text (or PDF) becomes letters/<date>-<slug>.md."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from .. import importer
from ..decisions import load_decisions
from ..files import write_atomic
from ..load import load_archive, parse_letter
from ..models import Diagnostic, escape_controls
from ..resolve import Resolver

HELP = ("import a letter (a PDF, or its text: pasted, from pdftotext, or Markdown) into "
        "letters/, resolving its signatories")


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE",
                        help="the letter as a PDF or as UTF-8 text (.txt, .md): head, date, "
                             "recipients, body, closing or list heading, signatories")
    parser.add_argument("--date", metavar="YYYY-MM-DD", default=None,
                        help="the letter's date, when it prints none in its head or signature "
                             "block (import asks for it then; a different printed date is an "
                             "error)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="directory to write the letter into (default: letters/ under --root)")
    parser.add_argument("--slug", default=None,
                        help="short slug for the file name after the date, e.g. "
                             "bilateral-meeting (default: from the first recipient)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite an existing letter; the title, summary, tags and source "
                             "already written in it are kept")


def _fail(path: str, message: str, line: int = 1) -> int:
    print(Diagnostic(path, line, "error", message), file=sys.stderr)
    return 1


def _resolver(root: Path, signatories: dict) -> Resolver:
    """The same resolver as `undersigned match`, with the repository's decisions."""
    decisions, problems = load_decisions(root)
    for d in problems:
        print(d, file=sys.stderr)
    return Resolver(signatories, decisions)


# Bytes read at most: a letter's text is far smaller; a PDF has its own page limit.
MAX_BYTES = 60_000_000


def _read_text(source: Path, shown: str) -> tuple[str | None, int]:
    """The letter's text, or None once the error is printed."""
    try:
        with source.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, _fail(shown, f"cannot read file: {exc.strerror}")
    if raw.startswith(b"%PDF") or source.suffix.lower() == ".pdf":
        try:
            from ..pdftext import read_pdf
        except ImportError:
            return None, _fail(shown, "this version cannot read PDFs; convert it with "
                                      "`pdftotext -layout -enc UTF-8 FILE` and import the text")
        if len(raw) > MAX_BYTES:
            return None, _fail(shown, f"the PDF is larger than {MAX_BYTES // 1_000_000} MB; "
                                      "a letter is far smaller: give the letter alone")
        text, diags = read_pdf(raw, shown)
        for d in diags:
            print(d, file=sys.stderr)
        return text, 1
    if len(raw) > importer.MAX_TEXT * 4:
        return None, _fail(shown, f"the file is larger than {importer.MAX_TEXT * 4 // 1_000_000} "
                                  "MB, far more than a letter: give the letter's own text")
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError as exc:
        if b"\x00" in raw[:4096]:
            return None, _fail(shown, "the file is binary data, not text; give the letter as "
                                      "UTF-8 text (or as a PDF)")
        return None, _fail(shown, "file is not valid UTF-8; save it as UTF-8 (pdftotext -enc "
                                  "UTF-8)", raw[: exc.start].count(b"\n") + 1)


def run(args) -> int:
    root = Path(args.root)
    source = Path(args.file)
    shown = args.file
    given = None
    if args.date is not None:
        try:
            given = dt.date.fromisoformat(args.date)
        except ValueError:
            return _fail(shown, f"--date {args.date!r} is not a date; give it as YYYY-MM-DD, "
                                "e.g. --date 2021-06-07")
    text, status = _read_text(source, shown)
    if text is None:
        return 1

    imported, diags = importer.parse_letter_text(text, shown, date=given)
    for d in diags:
        print(d, file=sys.stderr)
    if imported is None:
        return 1

    slug = args.slug and importer.slugify(args.slug)
    name = f"{imported.date.isoformat()}-{slug}" if slug else importer.letter_slug(imported)
    out_dir = Path(args.out) if args.out else root / "letters"
    target = out_dir / f"{name}.md"
    previous = None
    if target.exists():
        if not args.force:
            return _fail(str(target), "a letter with this name exists; nothing written. Use "
                                      "--force to overwrite it, or --slug to choose another name")
        previous, _ = parse_letter(target.read_text(encoding="utf-8"),
                                   f"letters/{target.name}")

    archive = load_archive(root)
    resolver = _resolver(root, archive.signatories)
    found = importer.resolutions(imported, resolver)
    content = importer.to_markdown(imported, resolver, archive.recipients, resolved=found,
                                   keep=previous)

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(target, content)
    except OSError as exc:
        return _fail(str(target), f"cannot write the letter: {exc.strerror}")

    print(f"wrote {target}")
    print(importer.summary_line(found))
    # What the list printed but signs nothing, kept in the letter's text: a person
    # checks that no signatory is among it.
    for no, line in imported.kept:
        print(escape_controls(f"{shown}:{no}: kept in the text, not a signatory: {line}"))
    # Every line of the input is in the letter; one whose words are not is named.
    for no, line in importer.unplaced_lines(text, content):
        print(escape_controls(f"{shown}:{no}: not placed: {line}"))
    # Each name left for a person, at its entry's line in the new file (the line
    # `check` will report), suggestions first.
    pending = [r for r in found if r.status != "resolved"]
    lines = [i - 1 for i, line in enumerate(content.split("\n"), 1)
             if re.match(r"^\s+id: " + importer.PLACEHOLDER_PREFIX, line)]
    located = list(zip(lines, pending, strict=True))
    for status in ("suggested", "new"):
        for line, r in located:
            if r.status == status:
                hint = r.comment.split(";")[0].removeprefix("suggested: ")
                # The name comes from the imported file: printed escaped, one line.
                print(escape_controls(f"{target}:{line}: {status}: {r.printed}"
                                      + (f" (maybe {hint})" if status == "suggested" else "")))
    by_rule = sum(r.status == "resolved" and r.how not in (None, "alias") for r in found)
    if by_rule:
        print(f"{by_rule} of the resolved names are new spellings of known signatories "
              "(found by key, acronym or decision): `undersigned review` adds them to their "
              "aliases")
    print("next: write the title, summary, tags and source marked TODO"
          + (", run `undersigned review` for the names above" if pending or by_rule else "")
          + ", then `undersigned check`")
    return 0


