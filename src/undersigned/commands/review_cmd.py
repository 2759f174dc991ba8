"""`undersigned review`: settle the names the archive could not resolve on its own.

Pending, in a repository:
- a printed name linked to no signatory yet (an importer placeholder `todo-...` or an
  unknown id), or linked to a signatory that does not list it as an alias;
- a pair of registry entities that look alike (score >= PAIR_CUTOFF) with no decision.

A printed name that the rules resolve (alias, key, acronym, decision) is settled
without asking: its form is added to the entity's aliases and the letter relinked.
Everything else is a question for a person, asked once: on a terminal, pair by
pair (same / not the same / unsure / skip), with both names and their letters;
in scripts, with --accept, --reject and --new. Every answer is stored in
signatories/decisions.csv; files are written whole (temporary file, then rename).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..decisions import load_decisions, record_decisions, write_atomic
from ..load import ID_RE, load_archive, parse_signatory
from ..models import Archive, Diagnostic
from ..names import name_key, normalize_printed
from ..resolve import Resolver

HELP = "review pending names: accept or reject suggestions, record decisions, add signatories"

# Registry look-alikes worth a person's question.
PAIR_CUTOFF = 90.0
PLACEHOLDER = "todo-"
RESERVED = frozenset({"index", "search", "assets", "data", "404", "sitemap", "tags",
                      "letters", "signatories", "recipients", "about", "static"})


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--accept", action="append", default=[], metavar="'PRINTED NAME=ID'",
                   help="the printed name is signatory ID: add it to ID's aliases, record "
                        "`same`, link the letters that print it (repeatable)")
    p.add_argument("--reject", action="append", default=[], metavar="'PRINTED NAME=ID'",
                   help="the printed name is not signatory ID: record `different`; it is "
                        "never suggested again (repeatable)")
    p.add_argument("--unsure", action="append", default=[], metavar="'PRINTED NAME=ID'",
                   help="record `unsure` for the pair, so it is not asked again (repeatable)")
    p.add_argument("--new", action="append", default=[], metavar="'PRINTED NAME'",
                   help="create signatories/<id>.yml for the printed name and link the "
                        "letters that print it (repeatable)")
    p.add_argument("--kind", choices=("organization", "person", "network"),
                   default="organization", help="kind of the signatories --new creates "
                                                "(default: organization)")
    p.add_argument("--list", action="store_true",
                   help="only list what is pending; write nothing")


# ------------------------------------------------------------------ what is pending

@dataclass
class Pending:
    """A printed name to settle: where it is printed and what it might be."""

    printed: str
    letters: list[str] = field(default_factory=list)
    linked: str | None = None  # the id a letter links it to, when that id exists
    rule: tuple[str, str] | None = None  # (id, how) when the rules resolve it
    candidates: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class Pair:
    """Two registry entities that look alike and have no decision yet."""

    left: str
    right: str
    score: float


def is_unlinked(printed: str, sid: str, archive: Archive) -> bool:
    sig = archive.signatories.get(sid)
    if sig is None:
        return True
    p = normalize_printed(printed)
    return p not in {normalize_printed(f) for f in (sig.name, *sig.aliases)}


def pending_names(archive: Archive, resolver: Resolver) -> list[Pending]:
    found: dict[str, Pending] = {}
    for letter in sorted(archive.letters, key=lambda x: x.id):
        for sig in letter.signatures:
            if not is_unlinked(sig.printed, sig.signatory_id, archive):
                continue
            key = normalize_printed(sig.printed)
            item = found.get(key)
            if item is None:
                item = found[key] = Pending(sig.printed)
            if letter.id not in item.letters:
                item.letters.append(letter.id)
            if sig.signatory_id in archive.signatories:
                item.linked = sig.signatory_id
    for item in found.values():
        m = resolver.match(item.printed, limit=5)
        if m.status == "resolved" and (item.linked in (None, m.id)):
            item.rule = (m.id, m.how)
            continue
        cands: dict[str, float] = {}
        if item.linked and resolver.judgement(item.printed, item.linked) is None:
            cands[item.linked] = 100.0
        for s in m.suggestions:
            if resolver.judgement(item.printed, s.id) is None:
                cands.setdefault(s.id, s.score)
        item.candidates = list(cands.items())
    return sorted(found.values(), key=lambda p: (p.printed.casefold(), p.printed))


def pending_pairs(archive: Archive, resolver: Resolver) -> list[Pair]:
    pairs: dict[tuple[str, str], float] = {}
    for sid in sorted(archive.signatories):
        for other, score in resolver.look_alikes(sid, PAIR_CUTOFF).items():
            a, b = sorted((sid, other))
            pairs[(a, b)] = max(pairs.get((a, b), 0.0), score)
    out = []
    for (a, b), score in sorted(pairs.items()):
        if resolver.decisions.judgement(_nodes(resolver, a), _nodes(resolver, b)) is None:
            out.append(Pair(a, b, score))
    return out


def _nodes(resolver: Resolver, sid: str) -> set[str]:
    return resolver._nodes_of.get(sid, {"id:" + sid})


# ------------------------------------------------------------------ writing files

def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_alias(root: Path, archive: Archive, sid: str, printed: str) -> bool:
    """Append a printed form to signatories/<sid>.yml, keeping the rest of the file."""
    sig = archive.signatories[sid]
    if not is_unlinked(printed, sid, archive):
        return False
    path = root / sig.path
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    item = f"  - {_quote(printed)}"
    at = next((i for i, line in enumerate(lines) if re.match(r"^aliases\s*:", line)), None)
    if at is None:
        while lines and lines[-1] == "":
            lines.pop()
        lines += ["aliases:", item, ""]
    elif re.match(r"^aliases\s*:\s*(#.*)?$", lines[at]):
        end = at + 1
        while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
            end += 1
        while end > at + 1 and not lines[end - 1].strip():
            end -= 1
        indent = re.match(r"^(\s*)-", lines[at + 1]) if end > at + 1 else None
        lines.insert(end, f"{indent.group(1) if indent else '  '}- {_quote(printed)}")
    else:  # flow style: rewrite the list as a block, from the values as loaded
        lines[at:at + 1] = ["aliases:", *(f"  - {_quote(a)}" for a in sig.aliases), item]
    new_text = "\n".join(lines)
    parsed, problems = parse_signatory(new_text, sig.path)
    if parsed is None or printed not in parsed.aliases or any(
            d.level == "error" for d in problems):
        raise ReviewError(Diagnostic(sig.path, 1, "error",
                                     f"cannot add {printed!r} to the aliases safely; add it "
                                     "by hand"))
    write_atomic(path, new_text)
    return True


def new_signatory(root: Path, archive: Archive, printed: str, kind: str) -> str:
    """Create signatories/<id>.yml for a printed name; returns the new id."""
    k = name_key(printed)
    base = _slug(" ".join((k.key, *(q.lower() for q in k.qualifiers)))) or "signatory"
    taken = {s.casefold() for s in archive.signatories}
    taken |= {p.stem.casefold() for p in (root / "signatories").glob("*.yml")}
    sid, n = base, 2
    while sid in taken or sid in RESERVED:
        sid, n = f"{base[:76]}-{n}", n + 1
    name = printed.strip()
    text = (f"id: {sid}\nname: {_quote(name)}\nkind: {kind}\naliases:\n"
            f"  - {_quote(name)}\n")
    rel = f"signatories/{sid}.yml"
    parsed, problems = parse_signatory(text, rel)
    if parsed is None or any(d.level == "error" for d in problems):
        raise ReviewError(Diagnostic(rel, 1, "error", f"cannot write a record for {printed!r}"))
    write_atomic(root / rel, text)
    return sid


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    if len(slug) > 70:
        slug = slug[:70].rsplit("-", 1)[0]
    return slug if ID_RE.match(slug or "-") else ""


def relink(root: Path, archive: Archive, printed: str, sid: str,
           dry_run: bool = False) -> list[str]:
    """Link every unlinked entry printing `printed` to `sid`; returns the letters changed.
    With `dry_run`, only make sure it can be done, so a review never stops half-way."""
    target = normalize_printed(printed)
    changed = []
    for letter in archive.letters:
        lines_to_fix = [s.source_line for s in letter.signatures
                        if normalize_printed(s.printed) == target and s.signatory_id != sid
                        and is_unlinked(s.printed, s.signatory_id, archive)]
        if not lines_to_fix:
            continue
        path = root / letter.path
        lines = path.read_text(encoding="utf-8").split("\n")
        for line_no in lines_to_fix:
            if not _set_entry_id(lines, line_no - 1, sid):
                raise ReviewError(Diagnostic(letter.path, line_no, "error",
                                             f"cannot find the `id:` of {printed!r} to set it "
                                             f"to {sid!r}; write `id: {sid}` by hand"))
        if not dry_run:
            write_atomic(path, "\n".join(lines))
        changed.append(letter.id)
    return changed


def _set_entry_id(lines: list[str], start: int, sid: str) -> bool:
    """Set `id:` of the YAML list item starting at lines[start] (`- printed: ...`)."""
    m = re.match(r"^(\s*)-\s", lines[start])
    item_indent = len(m.group(1)) if m else len(lines[start]) - len(lines[start].lstrip())
    for i in range(start, min(start + 20, len(lines))):
        line = lines[i]
        if i > start and (line.strip() == "---" or (
                line.strip() and len(line) - len(line.lstrip()) <= item_indent)):
            break
        idm = re.match(r"^(\s*-?\s*)id:\s*\S+.*$", line)
        if idm and (i == start or len(idm.group(1)) == item_indent + 2):
            lines[i] = f"{idm.group(1)}id: {sid}"
            return True
    return False


class ReviewError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


# ------------------------------------------------------------------ the session

class Session:
    """One review: the repository, reloaded after every change so nothing goes stale."""

    def __init__(self, root: Path, out: Callable[[str], None] = print):
        self.root = root
        self.out = out
        self.reload()

    def reload(self) -> None:
        self.archive = load_archive(self.root)
        self.decisions, self.problems = load_decisions(self.root)
        self.resolver = Resolver(self.archive.signatories, self.decisions)

    def letters_of(self, sid: str) -> list[str]:
        return sorted({lt.id for lt in self.archive.letters
                       for s in lt.signatures if s.signatory_id == sid})

    def settle_by_rule(self) -> int:
        """Link what the rules resolve: alias added, letters relinked, no question."""
        n = 0
        for item in pending_names(self.archive, self.resolver):
            if item.rule is None:
                continue
            sid, how = item.rule
            add_alias(self.root, self.archive, sid, item.printed)
            self.reload()
            relink(self.root, self.archive, item.printed, sid)
            self.reload()
            self.out(f"linked by rule ({how}): {item.printed!r} -> {sid}")
            n += 1
        return n

    def accept(self, printed: str, sid: str) -> None:
        self._known(sid)
        relink(self.root, self.archive, printed, sid, dry_run=True)
        add_alias(self.root, self.archive, sid, printed)
        record_decisions(self.root, [(printed, "id:" + sid, "same", "")])
        self.reload()
        letters = relink(self.root, self.archive, printed, sid)
        self.reload()
        self.out(f"same: {printed!r} is {sid}" + (f"; relinked {', '.join(letters)}"
                                                  if letters else ""))

    def judge(self, printed: str, sid: str, judgement: str) -> None:
        self._known(sid)
        record_decisions(self.root, [(printed, "id:" + sid, judgement, "")])
        self.reload()
        self.out(f"{judgement}: {printed!r} / {sid}")

    def judge_pair(self, a: str, b: str, judgement: str) -> None:
        record_decisions(self.root, [("id:" + a, "id:" + b, judgement, "")])
        self.reload()
        self.out(f"{judgement}: {a} / {b}")
        if judgement == "same":
            self.out(f"  now merge signatories/{b}.yml into {a} (or the reverse) and relink "
                     "the letters; `undersigned check` reports the pair until then")

    def new(self, printed: str, kind: str) -> str:
        relink(self.root, self.archive, printed, "x", dry_run=True)
        sid = new_signatory(self.root, self.archive, printed, kind)
        self.reload()
        letters = relink(self.root, self.archive, printed, sid)
        self.reload()
        self.out(f"new: signatories/{sid}.yml for {printed!r}"
                 + (f"; relinked {', '.join(letters)}" if letters else ""))
        return sid

    def _known(self, sid: str) -> None:
        if sid not in self.archive.signatories:
            raise ReviewError(Diagnostic("<command line>", 1, "error",
                                         f"unknown signatory id {sid!r}: no file "
                                         f"signatories/{sid}.yml (try `undersigned match`)"))


def _pair_arg(value: str, option: str) -> tuple[str, str]:
    printed, sep, sid = value.rpartition("=")
    printed, sid = printed.strip(), sid.strip()
    if not sep or not printed or not ID_RE.match(sid):
        raise ReviewError(Diagnostic("<command line>", 1, "error",
                                     f"{option} {value!r}: write it as \"PRINTED NAME=ID\""))
    return printed, sid


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        session = Session(root)
        bad = [d for d in session.problems if d.level == "error"]
        if bad:
            for d in bad:
                print(d, file=sys.stderr)
            print("fix signatories/decisions.csv first", file=sys.stderr)
            return 1
        actions = bool(args.accept or args.reject or args.unsure or args.new)
        if args.list:
            return _list(session)
        if actions:
            for value in args.accept:
                session.accept(*_pair_arg(value, "--accept"))
            for value in args.reject:
                session.judge(*_pair_arg(value, "--reject"), "different")
            for value in args.unsure:
                session.judge(*_pair_arg(value, "--unsure"), "unsure")
            for printed in args.new:
                session.new(printed, args.kind)
            return 0
        session.settle_by_rule()
        if sys.stdin.isatty():
            return _interactive(session, args.kind)
        return _list(session)
    except ReviewError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return 1


def _list(session: Session) -> int:
    names = pending_names(session.archive, session.resolver)
    pairs = pending_pairs(session.archive, session.resolver)
    for item in names:
        where = ", ".join(item.letters)
        if item.rule:
            print(f"{item.printed!r} ({where}): resolves by {item.rule[1]} to {item.rule[0]}")
            continue
        print(f"{item.printed!r} ({where}):")
        for sid, score in item.candidates:
            why = session.resolver.why_not(item.printed, sid)
            print(f"  {score:5.1f}  {sid}  {session.archive.signatories[sid].name}"
                  + (f"  ({why})" if why else ""))
        if not item.candidates:
            print("  no suggestion: --new to add it")
    for pair in pairs:
        print(f"look-alikes {pair.left} / {pair.right} ({pair.score:.1f}): no decision")
    rule = sum(item.rule is not None for item in names)
    print(f"pending: {rule} names to link by rule (run `undersigned review`), "
          f"{len(names) - rule} names and {len(pairs)} look-alike pairs to review",
          file=sys.stderr)
    return 0


ANSWERS = {"y": "same", "n": "different", "u": "unsure", "s": "skip", "q": "quit"}
PROMPT = "same? [y]es / [n]ot the same / [u]nsure / [s]kip / [q]uit: "


def _ask(prompt: str = PROMPT) -> str:
    while True:
        try:
            answer = input(prompt).strip().lower()[:1]
        except EOFError:
            return "quit"
        if answer in ANSWERS:
            return ANSWERS[answer]
        print("answer y, n, u, s or q")


def _interactive(session: Session, kind: str) -> int:
    for item in pending_names(session.archive, session.resolver):
        if item.rule:
            continue
        print(f"\nprinted: {item.printed!r}\n  on: {', '.join(item.letters)}")
        settled = False
        for sid, score in item.candidates:
            sig = session.archive.signatories[sid]
            why = session.resolver.why_not(item.printed, sid)
            print(f"  candidate {sid} ({score:.1f}): {sig.name}" + (f"  ({why})" if why else ""))
            print(f"    aliases: {'; '.join(sig.aliases) or '-'}")
            print(f"    signed: {', '.join(session.letters_of(sid)) or '-'}")
            answer = _ask()
            if answer == "quit":
                return 0
            if answer == "skip":
                settled = True
                break
            if answer == "same":
                session.accept(item.printed, sid)
                settled = True
                break
            session.judge(item.printed, sid, answer)
        if not settled:
            if _ask(f"  create a new signatory for {item.printed!r}? [y/n/q]: ") == "same":
                session.new(item.printed, kind)
    for pair in pending_pairs(session.archive, session.resolver):
        a, b = (session.archive.signatories[x] for x in (pair.left, pair.right))
        print(f"\nlook-alikes ({pair.score:.1f}):")
        for sig in (a, b):
            signed = ", ".join(session.letters_of(sig.id)) or "-"
            print(f"  {sig.id}: {sig.name} (signed: {signed})")
        answer = _ask()
        if answer == "quit":
            return 0
        if answer != "skip":
            session.judge_pair(a.id, b.id, answer)
    return 0

