"""Report stage: what a change does to the archive, as Markdown for a pull request.

A reviewer of a pull request reads a diff of YAML. This stage says what the diff
means: the letters added, changed or removed (with their listed and stated
counts), how each newly linked printed name was linked (by which rule, to a new
record, or by hand), the names still waiting for `undersigned review` with their
suggestions, the registry records and decisions the change adds, and the problems
`undersigned check` finds that the base did not have.

`compare` is a pure function of two `Side`s (the archive as loaded and checked at
the base and at the head); `render` turns its `Report` into Markdown in which every
contributed value is escaped (`md`; a table `row` escapes each cell unless it is
`Markdown` already), so a title cannot break a table or add HTML.
`read_side` is the one function that reads files.
"""

from __future__ import annotations

import hashlib
import string
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from .decisions import Decision, Decisions, load_decisions
from .importer import is_placeholder
from .load import load_archive
from .models import Archive, Diagnostic, Letter, Recipient, Signatory, escape_controls
from .resolve import Resolver, Suggestion
from .validate import check, stated_count_differs

# What a report compares: the files every command reads.
ARCHIVE_DIRS = ("letters", "signatories", "recipients")
ARCHIVE_FILES = ("tags.yml",)
# A cell longer than this is cut, and the whole report past SUMMARY_BUDGET bytes:
# GitHub refuses a job summary over 1 MiB (1,048,576 bytes) per step.
MAX_CELL = 300
SUMMARY_BUDGET = 1_000_000
SUGGESTIONS_SHOWN = 3
DIRECTORY = {"signatory": "signatories", "recipient": "recipients"}


@dataclass(frozen=True)
class Side:
    """One version of the archive: loaded, checked, and what each file holds."""

    label: str
    archive: Archive
    decisions: Decisions
    diagnostics: tuple[Diagnostic, ...]
    digests: Mapping[str, str]  # repository-relative path -> sha256 of its bytes


def read_side(root: Path, label: str) -> Side:
    """Load and check the archive at `root` (never raises on bad input)."""
    archive = load_archive(root)
    decisions, _ = load_decisions(root)  # its problems are among check's diagnostics
    return Side(label, archive, decisions, tuple(check(archive)), file_digests(root))


def file_digests(root: Path) -> dict[str, str]:
    """{path: sha256} of the archive's regular files (links are check's to report)."""
    out = {}
    # A linked directory is not followed: `letters -> /` would read the whole disk.
    paths = [p for d in ARCHIVE_DIRS if not (root / d).is_symlink()
             for p in (root / d).rglob("*")]
    paths += [root / name for name in ARCHIVE_FILES]
    for path in sorted(paths):
        if path.is_file() and not path.is_symlink():
            try:
                with path.open("rb") as f:
                    digest = hashlib.file_digest(f, "sha256").hexdigest()
            except OSError:
                continue  # unreadable: the loader says so, with the path
            out[path.relative_to(root).as_posix()] = digest
    return out


# ------------------------------------------------------------------ the comparison

@dataclass(frozen=True)
class LetterChange:
    status: str  # added | changed | removed | unreadable (at the head; see the problems)
    path: str
    letter: Letter | None  # at the head (at the base when removed); None: unreadable
    before: Letter | None = None  # at the base, when changed


@dataclass(frozen=True)
class Link:
    """A printed name that the change links to a registry entity, and how."""

    letter_id: str
    line: int
    printed: str
    id: str
    name: str
    how: str  # alias | key | acronym | decision | new (a record the change adds) | hand


@dataclass(frozen=True)
class PendingName:
    """A printed name still linked to an importer placeholder (`todo-...`)."""

    letter_id: str
    line: int
    printed: str
    placeholder: str
    rule: tuple[str, str] | None  # (id, how) when a rule links it: review does it alone
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class RecordChange:
    kind: str  # signatory | recipient
    status: str  # added | changed | removed
    id: str
    name: str
    what: tuple[str, ...]  # for a changed record, each change in words


@dataclass(frozen=True)
class Report:
    base: str
    head: str
    letters: tuple[LetterChange, ...]
    links: tuple[Link, ...]
    pending: tuple[PendingName, ...]
    records: tuple[RecordChange, ...]
    decisions: tuple[Decision, ...]
    tags_added: tuple[str, ...]
    problems: tuple[Diagnostic, ...]  # at the head and not at the base
    old_problems: int  # at both


def compare(base: Side, head: Side) -> Report:
    letters = _letter_changes(base, head)
    problems = _new_problems(base.diagnostics, head.diagnostics)
    return Report(
        base=base.label, head=head.label, letters=letters,
        links=_links(letters, base, head), pending=_pending(head),
        records=(*_record_changes("signatory", base.archive.signatories,
                                  head.archive.signatories),
                 *_record_changes("recipient", base.archive.recipients,
                                  head.archive.recipients)),
        decisions=_new_decisions(base.decisions, head.decisions),
        tags_added=tuple(t for t in head.archive.tags if t not in base.archive.tags),
        problems=problems, old_problems=len(head.diagnostics) - len(problems),
    )


def _letter_changes(base: Side, head: Side) -> tuple[LetterChange, ...]:
    before = {lt.path: lt for lt in base.archive.letters}
    after = {lt.path: lt for lt in head.archive.letters}
    # A letter file the head cannot load is no removal: it is there, and broken.
    files = {p for p in head.digests if p.startswith("letters/") and p.count("/") == 1
             and p.endswith(".md")}
    out = []
    for path in sorted(before.keys() | after.keys() | files):
        if path not in after:
            if path in files:
                if head.digests[path] != base.digests.get(path):
                    out.append(LetterChange("unreadable", path, None))
            else:
                out.append(LetterChange("removed", path, before[path]))
        elif path not in before:
            out.append(LetterChange("added", path, after[path]))
        elif base.digests.get(path) != head.digests.get(path):
            out.append(LetterChange("changed", path, after[path], before[path]))
    return tuple(out)


def _links(letters: Iterable[LetterChange], base: Side, head: Side) -> tuple[Link, ...]:
    """The links each added or changed letter makes that its base version did not, and
    how the base's registry (with the head's decisions: a person's answer in this
    change counts) links each printed name."""
    base_letters = {lt.path: lt for lt in base.archive.letters}
    registry = base.archive.signatories
    resolver: Resolver | None = None  # built for the first name to resolve: it costs seconds
    how_of: dict[tuple[str, str], str] = {}

    def how(printed: str, sid: str) -> str:
        nonlocal resolver
        if sid not in registry:
            return "new"
        resolver = resolver or Resolver(dict(registry), head.decisions)
        m = resolver.match(printed, limit=0)
        return m.how if m.status == "resolved" and m.id == sid and m.how else "hand"

    out = []
    for change in letters:
        if change.letter is None or change.status == "removed":
            continue
        old = base_letters.get(change.letter.path)
        known = {(s.printed, s.signatory_id) for s in old.signatures} if old else set()
        for sig in change.letter.signatures:
            target = head.archive.signatories.get(sig.signatory_id)
            pair = (sig.printed, sig.signatory_id)
            if target is None or pair in known:
                continue  # a placeholder or unknown id is pending or check's error
            if pair not in how_of:
                how_of[pair] = how(*pair)
            out.append(Link(change.letter.id, sig.source_line, sig.printed,
                            sig.signatory_id, target.name, how_of[pair]))
    return tuple(out)


def _pending(head: Side) -> tuple[PendingName, ...]:
    resolver = None
    out = []
    for letter in sorted(head.archive.letters, key=lambda lt: lt.id):
        for sig in letter.signatures:
            if not is_placeholder(sig.signatory_id):
                continue
            resolver = resolver or Resolver(dict(head.archive.signatories), head.decisions)
            m = resolver.match(sig.printed, limit=SUGGESTIONS_SHOWN)
            rule = (m.id, m.how) if m.status == "resolved" and m.id and m.how else None
            out.append(PendingName(letter.id, sig.source_line, sig.printed, sig.signatory_id,
                                   rule, tuple(m.suggestions[:SUGGESTIONS_SHOWN])))
    return tuple(out)


def _record_changes(kind: str, before: Mapping[str, Signatory | Recipient],
                    after: Mapping[str, Signatory | Recipient]) -> list[RecordChange]:
    out = []
    for rid in sorted(before.keys() | after.keys()):
        old, new = before.get(rid), after.get(rid)
        if old is None:
            out.append(RecordChange(kind, "added", rid, new.name, _describe_new(new)))
        elif new is None:
            out.append(RecordChange(kind, "removed", rid, old.name, ()))
        elif old != new:
            out.append(RecordChange(kind, "changed", rid, new.name, _differences(old, new)))
    return out


def _describe_new(record: Signatory | Recipient) -> tuple[str, ...]:
    out = [f"kind: {record.kind}"] if isinstance(record, Signatory) else []
    if isinstance(record, Recipient) and record.role:
        out.append(f"role: {record.role}")
    out += [f"alias {a!r}" for a in record.aliases]
    return tuple(out)


def _differences(old: Signatory | Recipient, new: Signatory | Recipient) -> tuple[str, ...]:
    out = []
    for f in fields(old):
        if f.name in ("path", "lines"):
            continue
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a == b:
            continue
        if isinstance(a, tuple) and f.name != "related":
            out += [f"{f.name} + {v!r}" for v in b if v not in a]
            out += [f"{f.name} − {v!r}" for v in a if v not in b]
        elif f.name == "related":
            out += [f"related + {r.id} ({r.relation})" for r in b if r not in a]
            out += [f"related − {r.id} ({r.relation})" for r in a if r not in b]
        else:
            out.append(f"{f.name}: {a!r} → {b!r}")
    return tuple(out)


def _new_decisions(before: Decisions, after: Decisions) -> tuple[Decision, ...]:
    old = {(d.left, d.right, d.judgement, d.note) for d in before.rows}
    return tuple(d for d in after.rows if (d.left, d.right, d.judgement, d.note) not in old)


def _new_problems(before: Iterable[Diagnostic],
                  after: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Diagnostics of the head that the base did not have; the line is left out of the
    comparison, since an edit above a problem moves it without changing it."""
    left = Counter((d.path, d.level, d.message) for d in before)
    out = []
    for d in after:
        key = (d.path, d.level, d.message)
        if left[key]:
            left[key] -= 1
        else:
            out.append(d)
    return tuple(out)


# ------------------------------------------------------------------ Markdown

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# CommonMark lets a backslash escape any ASCII punctuation: with these escaped,
# contributed text cannot open a link, URL autolink, code span, emphasis, emoji,
# math, table cell or tag. The rest (`-,/'` and the like) means
# nothing inside a table cell and is left as it is, so that the raw text reads well.
# (Text with an `@` may still be linked as an e-mail address, and on github.com an
# `@name` or `#number` too: those autolinks and filters read the text after escapes
# are resolved. Harmless links; the text reads as printed.)
_INERT = set("-,/';%?=")
_ESCAPED = {**{c: "\\" + c for c in string.punctuation if c not in _INERT}, **_ENTITIES}


class Markdown(str):
    """Text that is Markdown already: written by this module, or escaped by `md`."""


def md(text: str, limit: int = MAX_CELL) -> Markdown:
    """Contributed text as inert Markdown on one line: whitespace runs (line breaks
    included) become one space, control characters show as escapes, every Markdown
    and HTML character is escaped, and more than `limit` characters are cut."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit] + "…"
    return Markdown("".join(_ESCAPED.get(c, c) for c in escape_controls(text)))


def row(*cells: object) -> str:
    """A table row. Every cell is escaped with `md` unless it is `Markdown` already:
    escaping is the default, so a value cannot reach the table unescaped by mistake."""
    return "| " + " | ".join(c if isinstance(c, Markdown) else md(str(c)) for c in cells) + " |"


HOW = {
    "hand": Markdown("**by hand**: no rule links this name to this entity; is it the same "
                     "one?"),
    "decision": Markdown("decision (signatories/decisions.csv)"),
    "key": Markdown("key (the same name but for accents, case, punctuation or legal form)"),
    "acronym": Markdown("acronym"),
    "new": Markdown("new record"),
    "alias": Markdown("alias (already registered)"),
}
# Most in need of a reviewer's eyes first.
HOW_ORDER = ("hand", "decision", "key", "acronym", "new", "alias")


def render(report: Report, max_rows: int = 200, max_bytes: int = SUMMARY_BUDGET) -> str:
    """The report as GitHub-flavoured Markdown; at most `max_rows` rows per table,
    the rest counted, and whole lines up to `max_bytes` in all (0: no limit)."""
    out = ["## Undersigned: what this change does", "",
           f"Base: {md(report.base)}. Head: {md(report.head)}.", ""]
    out += _summary(report)
    if report.letters:
        out += ["### Letters", "",
                "| | letter | date | title | listed | stated |",
                "| --- | --- | --- | --- | ---: | ---: |"]
        out += _rows([_letter_row(c) for c in report.letters], max_rows)
    links = sorted(report.links, key=lambda k: HOW_ORDER.index(k.how))
    linked = [k for k in links if k.how != "alias"]
    if linked:
        out += ["### Names linked", "",
                "| printed | letter | linked to | how |", "| --- | --- | --- | --- |"]
        out += _rows([_link_row(k) for k in linked], max_rows)
    registered = [k for k in links if k.how == "alias"]
    if registered:
        out += ["<details><summary>"
                f"{_n(len(registered), 'name')} printed as already registered (alias)"
                "</summary>", "",
                "| printed | letter | linked to |", "| --- | --- | --- |"]
        out += _rows([_link_row(k, how=False) for k in registered], max_rows)
        out += ["</details>", ""]
    if report.pending:
        out += ["### Names pending", "",
                "Run `undersigned review` to settle these: accept a suggestion, or record "
                "the name as a new signatory.", "",
                "| printed | letter | placeholder | suggestions |", "| --- | --- | --- | --- |"]
        out += _rows([row(p.printed, f"{p.letter_id}:{p.line}", p.placeholder, _suggestions(p))
                      for p in report.pending], max_rows)
    if report.records:
        out += ["### Registry records", "",
                "| | record | name | what |", "| --- | --- | --- | --- |"]
        out += _rows([row(r.status, f"{DIRECTORY[r.kind]}/{r.id}.yml", r.name,
                          Markdown("; ".join(md(w) for w in r.what))) for r in report.records],
                     max_rows)
    if report.decisions:
        out += ["### Decisions recorded", "",
                "| left | right | judgement | note |", "| --- | --- | --- | --- |"]
        out += _rows([row(d.left, d.right, d.judgement, d.note) for d in report.decisions],
                     max_rows)
    if report.tags_added:
        out += ["### Tags added", "", ", ".join(md(t) for t in report.tags_added), ""]
    if report.problems:
        out += ["### Problems", "",
                "New in this change; `undersigned check` lists them all.", "",
                "| file | line | level | message |", "| --- | ---: | --- | --- |"]
        out += _rows([row(d.path, d.line, d.level, md(d.message, 1000))
                      for d in report.problems], max_rows)
    return _within(out, max_bytes)


CUT_NOTE = ("**The report is cut here**: it is larger than a GitHub job summary may be. Run "
            "`undersigned report` with `--max-rows 0` to see all of it.")


def _within(lines: list[str], max_bytes: int) -> str:
    text = "\n".join(lines).rstrip() + "\n"
    if not max_bytes or len(text.encode()) <= max_bytes:
        return text
    budget = max_bytes - len(CUT_NOTE.encode()) - 4
    kept: list[str] = []
    for line in lines:
        budget -= len(line.encode()) + 1
        if budget < 0:
            break
        kept.append(line)
    return "\n".join([*kept, "", CUT_NOTE]) + "\n"


def _summary(report: Report) -> list[str]:
    status = Counter(c.status for c in report.letters)
    unreadable = (f", {status['unreadable']} that do not load" if status["unreadable"]
                  else "")
    how = Counter(k.how for k in report.links)
    records = Counter((r.kind, r.status) for r in report.records)
    errors = sum(d.level == "error" for d in report.problems)
    return [
        f"- letters: {status['added']} added, {status['changed']} changed, "
        f"{status['removed']} removed{unreadable}",
        f"- names linked: {how['key'] + how['acronym'] + how['decision']} by rule, "
        f"{how['new']} to new records, {how['hand']} by hand, {how['alias']} as already "
        "registered",
        f"- names pending review: {len(report.pending)}",
        f"- signatories: {records['signatory', 'added']} added, "
        f"{records['signatory', 'changed']} changed, {records['signatory', 'removed']} "
        f"removed; recipients: {records['recipient', 'added']} added, "
        f"{records['recipient', 'changed']} changed, {records['recipient', 'removed']} removed",
        f"- decisions recorded: {len(report.decisions)}",
        f"- `undersigned check`: {_n(errors, 'error')} and "
        f"{_n(len(report.problems) - errors, 'warning')} new in this change "
        f"({report.old_problems} already at the base)",
        "",
    ]


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _letter_row(c: LetterChange) -> str:
    if c.letter is None:
        return row("does not load", c.path.removeprefix("letters/"), "–",
                   "see the problems below", "–", "–")
    listed = f"{c.letter.listed_count}"
    if c.before is not None and c.before.listed_count != c.letter.listed_count:
        listed = f"{c.before.listed_count} → {listed}"
    return row(c.status, c.letter.id, c.letter.date.isoformat(), c.letter.title, listed,
               _stated(c.letter))


def _stated(letter: Letter) -> str:
    if letter.stated_count is None:
        return "–"
    return f"{letter.stated_count}" + (" ⚠️ differs" if stated_count_differs(letter) else "")


def _link_row(k: Link, how: bool = True) -> str:
    cells = (k.printed, f"{k.letter_id}:{k.line}", f"{k.id} ({k.name})")
    return row(*cells, HOW[k.how]) if how else row(*cells)


def _suggestions(p: PendingName) -> Markdown:
    """Each suggestion escaped on its own: three long names are not cut to one."""
    if p.rule:
        return md(f"a rule links it: {p.rule[0]} (by {p.rule[1]})")
    if not p.suggestions:
        return md("none: a new signatory?")
    return Markdown("; ".join(md(f"{s.id} ({s.name}, {round(s.score)})")
                              for s in p.suggestions))


def _rows(rows: list[str], max_rows: int) -> list[str]:
    if max_rows and len(rows) > max_rows:
        return [*rows[:max_rows], "", f"…and {len(rows) - max_rows} more.", ""]
    return [*rows, ""]
