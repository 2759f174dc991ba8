"""Decisions: a person's judgement that two names are, or are not, one entity.

As in OpenSanctions' nomenklatura, scoring only ever suggests; what a person
decides is data, stored in `signatories/decisions.csv` and reviewed in a pull
request like any other file:

    left,right,judgement,note
    Asylum Access,id:asylum-access-mexico,different,"the US parent, not the Mexican office"
    id:save-the-children-mexico,id:save-the-children-us,different,both sign 2022-07-11

`left` and `right` are `id:<signatory id>` or a printed name; `judgement` is
`same`, `different` or `unsure`. Rules:
- a printed name stands for all its obvious variants (same NameKey: accents,
  case, legal form), so a rejected pair is never suggested again in any spelling;
- a decision about `id:X` applies to every name and alias of X, and a decision
  about one of X's aliases applies to X (decisions carry across merged entities);
- when judgements disagree, `different` beats `same`, which beats `unsure`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .files import write_atomic
from .models import Archive, Diagnostic
from .names import name_key, normalize_printed

DECISIONS_PATH = "signatories/decisions.csv"
HEADER = ("left", "right", "judgement", "note")
JUDGEMENTS = ("same", "different", "unsure")
# Which judgement wins when several apply to one pair.
_RANK = {"different": 3, "same": 2, "unsure": 1}
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A generous cap: a person records a decision at a time, and a large archive holds a few
# thousand. 400,000 rows made `check` take a minute, and the build checks again.
MAX_ROWS = 50_000
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Decision:
    left: str
    right: str
    judgement: str
    note: str = ""
    line: int = 0


def node(side: str) -> str:
    """The node a side of a decision stands for: `id:x`, or `name:` and the NameKey."""
    side = normalize_printed(side)
    if side.startswith("id:"):
        return side
    return "name:" + name_key(side).full


def strongest(judgements: Iterable[str]) -> str | None:
    best = None
    for j in judgements:
        if best is None or _RANK[j] > _RANK[best]:
            best = j
    return best


@dataclass
class Decisions:
    """Every decision, indexed by node for the resolver and the review command."""

    rows: tuple[Decision, ...] = ()
    edges: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[Decision]) -> Decisions:
        rows = tuple(rows)
        edges: dict[str, dict[str, str]] = {}
        for d in rows:
            a, b = node(d.left), node(d.right)
            for x, y in ((a, b), (b, a)):
                seen = edges.setdefault(x, {})
                seen[y] = strongest((seen.get(y, d.judgement), d.judgement))
        return cls(rows, edges)

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, left: str, right: str, judgement: str, note: str = "") -> None:
        """Take in one decision as `record_decisions` writes it: a new judgement on a pair
        already decided replaces that pair's rows. In place, without reading the file:
        a review keeps its decisions in memory instead of reloading after each answer."""
        if judgement not in JUDGEMENTS:
            raise ValueError(f"judgement must be one of {JUDGEMENTS}")
        left, right = orient(left, right)
        a, b = node(left), node(right)
        rows = self.rows
        if b in self.edges.get(a, {}):  # decided before: the new judgement replaces it
            pair = frozenset((a, b))
            rows = tuple(d for d in rows if frozenset((node(d.left), node(d.right))) != pair)
        self.rows = (*rows, Decision(left, right, judgement, note))
        for x, y in ((a, b), (b, a)):
            self.edges.setdefault(x, {})[y] = judgement

    def judgement(self, left: Iterable[str], right: Iterable[str]) -> str | None:
        """The winning judgement between two sets of nodes (all forms of each side)."""
        right = set(right)
        found = []
        for a in left:
            for b, j in self.edges.get(a, {}).items():
                if b in right:
                    found.append(j)
        return strongest(found)

    def neighbours(self, nodes: Iterable[str]) -> dict[str, str]:
        """Every node judged against any of `nodes`, with the winning judgement."""
        out: dict[str, str] = {}
        for a in nodes:
            for b, j in self.edges.get(a, {}).items():
                out[b] = strongest((out.get(b, j), j))
        return out


def load_decisions(root: Path) -> tuple[Decisions, list[Diagnostic]]:
    """Read `signatories/decisions.csv`; a missing file is no decisions, not an error."""
    path = Path(root) / DECISIONS_PATH
    if path.is_symlink():  # a link could make check print another file's lines
        return Decisions(), [Diagnostic(DECISIONS_PATH, 1, "error",
                                        "not a regular file; links are not allowed")]
    if not path.exists():
        return Decisions(), []
    try:
        if path.stat().st_size > MAX_BYTES:
            return Decisions(), [Diagnostic(DECISIONS_PATH, 1, "error",
                                            f"file larger than {MAX_BYTES // (1024 * 1024)} MiB;"
                                            " decisions are one short row each: remove rows "
                                            "that are not decisions a person made")]
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return Decisions(), [Diagnostic(DECISIONS_PATH, 1, "error",
                                        "file is not valid UTF-8; save it as UTF-8")]
    except OSError as exc:
        return Decisions(), [Diagnostic(DECISIONS_PATH, 1, "error",
                                        f"cannot read file: {exc.strerror}")]
    return parse_decisions(text)


def parse_decisions(text: str, rel: str = DECISIONS_PATH) -> tuple[Decisions, list[Diagnostic]]:
    diags: list[Diagnostic] = []

    def err(line: int, message: str, level: str = "error") -> None:
        diags.append(Diagnostic(rel, line, level, message))

    # Spreadsheet programs save CSV as UTF-8 with a byte order mark.
    text = text.removeprefix("\ufeff")
    from .safety import text_problems  # here: safety imports load, which imports this

    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Decision] = []
    seen: dict[frozenset[str], Decision] = {}
    start = 1
    first = True
    data_rows = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            err(reader.line_num, f"malformed CSV: {exc}; quote a name that contains a "
                                 "comma or a quote (\"...\", a quote doubled inside)")
            break
        line, start = start, reader.line_num + 1
        if first:
            first = False
            if tuple(f.strip() for f in fields) != HEADER:
                err(line, f"the first line must be the header {','.join(HEADER)}")
                if len(fields) == 4 and fields[2].strip() in JUDGEMENTS:
                    pass  # a data row where the header should be: still read it below
                else:
                    continue
            else:
                continue
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) not in (3, 4):
            err(line, f"expected 4 fields (left,right,judgement,note), found {len(fields)}; "
                      "quote a name that contains a comma")
            continue
        data_rows += 1
        if data_rows > MAX_ROWS:
            err(line, f"more than {MAX_ROWS:,} decisions; decisions are made one by one by a "
                      "person: remove rows that are not (no decision of this file is used)")
            return Decisions(), diags
        left, right, judgement = (f.strip() for f in fields[:3])
        note = fields[3].strip() if len(fields) == 4 else ""
        bad = False
        # The same text rules as every name and note of the archive (a NUL, a bidi
        # override, a look-alike letter): `review` shows these to a person.
        for name, value, kw in (("left", left, {}), ("right", right, {}),
                                ("note", note, {"name_like": False, "limit": 1000})):
            if value.startswith("id:"):
                continue  # checked below against the id pattern
            for problem in text_problems(value, **kw):
                shown = repr(value) if len(value) <= 120 else repr(value[:60]) + "..."
                err(line, f"{name} {shown} {problem}")
                bad = True
        for name, value in (("left", left), ("right", right)):
            if not value:
                err(line, f"{name} is empty: write `id:<signatory id>` or a printed name")
                bad = True
            elif value.startswith("id:") and not _ID_RE.match(value[3:]):
                err(line, f"{name} {value!r} is not a valid id: `id:` then lowercase ASCII "
                          "letters, digits and single hyphens")
                bad = True
            elif not value.startswith("id:") and not name_key(value).key:
                err(line, f"{name} {value!r} has no letters or digits to compare")
                bad = True
        if judgement not in JUDGEMENTS:
            err(line, f"judgement {judgement!r} must be one of: {', '.join(JUDGEMENTS)}")
            bad = True
        if bad:
            continue
        d = Decision(left, right, judgement, note, line)
        pair = frozenset((node(left), node(right)))
        if len(pair) == 1:
            err(line, f"{left!r} and {right!r} are the same name; a decision needs two")
            continue
        other = seen.get(pair)
        if other is not None:
            if other.judgement == judgement:
                err(line, f"duplicate of the decision on line {other.line}; remove one",
                    "warning")
            else:
                err(line, f"contradicts the decision on line {other.line} "
                          f"({other.judgement}); {strongest((other.judgement, judgement))!r} "
                          "wins: remove the other row", "warning")
        seen.setdefault(pair, d)
        rows.append(d)
    return Decisions.from_rows(rows), diags


# ------------------------------------------------------------------ registry check

@dataclass
class _Registry:
    """Which entities claim which name nodes (computed only when a printed name needs it:
    a file of id-only decisions costs nothing at 20,000 signatories)."""

    archive: Archive
    _by_node: dict[str, set[str]] | None = None

    @property
    def by_node(self) -> dict[str, set[str]]:
        if self._by_node is None:
            self._by_node = {}
            for sig in self.archive.signatories.values():
                for form in (sig.name, *sig.aliases):
                    self._by_node.setdefault(node(form), set()).add(sig.id)
        return self._by_node

    def variants(self, sid: str) -> list[str]:
        sig = self.archive.signatories[sid]
        return list(dict.fromkeys((sig.name, *sig.aliases)))


def check_against_registry(archive: Archive, decisions: Decisions) -> list[Diagnostic]:
    """Where the registry contradicts a decision: `undersigned check` fails on these."""
    out: list[Diagnostic] = []
    reg = _Registry(archive)

    def err(d: Decision, message: str) -> None:
        out.append(Diagnostic(DECISIONS_PATH, d.line, "error", message))

    for d in decisions.rows:
        sides = []
        for value in (d.left, d.right):
            if value.startswith("id:") and value[3:] not in archive.signatories:
                err(d, f"unknown signatory {value!r}: no file signatories/{value[3:]}.yml "
                       "(merged or renamed? update this decision)")
                sides = []
                break
            sides.append(value)
        if len(sides) != 2:
            continue
        left, right = sides
        if d.judgement == "different":
            out.extend(_check_different(d, left, right, reg))
        elif d.judgement == "same":
            out.extend(_check_same(d, left, right, reg))
    return out


def _owners(value: str, reg: _Registry) -> set[str]:
    """The entities a side is: the id itself, or every entity listing the name."""
    if value.startswith("id:"):
        return {value[3:]}
    return set(reg.by_node.get(node(value), ()))


def _check_different(d: Decision, left: str, right: str, reg: _Registry) -> list[Diagnostic]:
    both = _owners(left, reg) & _owners(right, reg)
    out = []
    for sid in sorted(both):
        sig = reg.archive.signatories[sid]
        if left.startswith("id:") and right.startswith("id:"):
            why = f"{left} and {right} are the same record"
        else:
            printed = [v for v in (left, right) if not v.startswith("id:")]
            forms = [f for f in reg.variants(sid) if node(f) in {node(p) for p in printed}]
            why = f"{sid!r} lists {', '.join(repr(f) for f in forms)}"
        out.append(Diagnostic(DECISIONS_PATH, d.line, "error",
                              f"decided {left!r} is different from {right!r}, but {why} "
                              f"({sig.path}); move the alias to the right signatory or change "
                              "the decision"))
    if left.startswith("id:") and right.startswith("id:") and not both:
        a, b = left[3:], right[3:]
        shared = {node(f): f for f in reg.variants(a)}
        for f in reg.variants(b):
            if node(f) in shared:
                out.append(Diagnostic(DECISIONS_PATH, d.line, "error",
                                      f"decided {left!r} is different from {right!r}, but {a!r} "
                                      f"lists {shared[node(f)]!r} and {b!r} lists {f!r}, the "
                                      "same name; remove it from one of them"))
                break
    return out


def _check_same(d: Decision, left: str, right: str, reg: _Registry) -> list[Diagnostic]:
    a, b = _owners(left, reg), _owners(right, reg)
    if not a or not b or a & b:
        return []
    return [Diagnostic(DECISIONS_PATH, d.line, "error",
                       f"decided {left!r} is the same as {right!r}, but the registry keeps them "
                       f"apart ({', '.join(sorted(a))} / {', '.join(sorted(b))}); merge the "
                       "records or change the decision")]


# ------------------------------------------------------------------ writing

def orient(left: str, right: str) -> tuple[str, str]:
    """Canonical orientation: a printed name before an id; two of a kind sorted."""
    a, b = normalize_printed(left), normalize_printed(right)
    if a.startswith("id:") != b.startswith("id:"):
        return (b, a) if a.startswith("id:") else (a, b)
    return (a, b) if (a.casefold(), a) <= (b.casefold(), b) else (b, a)


def record_decisions(root: Path, new: Iterable[tuple[str, str, str, str]]) -> int:
    """Add decisions (left, right, judgement, note) to the file; returns rows changed.

    Existing rows stay where they are, byte for byte; new rows are appended in sorted
    order, so two people recording the same decisions produce the same diff. A new
    judgement on a pair already decided replaces that row in place. The file is
    written to a temporary file and renamed: never half-written.
    """
    path = Path(root) / DECISIONS_PATH
    text = path.read_bytes().decode("utf-8") if path.exists() else ""
    eol = "\r\n" if "\r\n" in text else "\n"  # a spreadsheet's line ends are kept
    # Lines as git and the CSV reader count them: splitlines() also breaks at U+2028
    # and NEL, and a row would be replaced at the wrong line.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines[-1] == "":
        lines.pop()
    if not lines:
        lines = [",".join(HEADER)]
    existing, _ = parse_decisions("\n".join(lines) + "\n")
    by_pair = {frozenset((node(d.left), node(d.right))): d for d in existing.rows}
    appended: dict[frozenset[str], list[str]] = {}
    changed = 0
    for left, right, judgement, note in new:
        if judgement not in JUDGEMENTS:
            raise ValueError(f"judgement must be one of {JUDGEMENTS}")
        left, right = orient(left, right)
        pair = frozenset((node(left), node(right)))
        row = _csv_row((left, right, judgement, note))
        old = by_pair.get(pair)
        if old is not None:
            if old.judgement == judgement:
                continue
            lines[old.line - 1] = row
            by_pair[pair] = Decision(left, right, judgement, note, old.line)
            changed += 1
            continue
        if pair in appended and appended[pair][2] == judgement:
            continue
        appended[pair] = [left, right, judgement, note]
        changed += 1
    rows = sorted(appended.values(), key=lambda r: (r[0].casefold(), r[0], r[1], r[2]))
    lines.extend(_csv_row(r) for r in rows)
    if changed:
        write_atomic(path, eol.join(lines) + eol)
    return changed


def _csv_row(fields) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(list(fields))
    return buf.getvalue()


def check_decisions(archive: Archive) -> list[Diagnostic]:
    """The decisions file's own problems and its contradictions with the registry
    (the one call `validate.check` makes)."""
    if archive.root is None:
        return []
    decisions, diags = load_decisions(Path(archive.root))
    return [*diags, *check_against_registry(archive, decisions)]
