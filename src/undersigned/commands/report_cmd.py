"""`undersigned report --base REV [--head REV]`: what a change does, as Markdown.

Meant for a pull request's job summary (`>> "$GITHUB_STEP_SUMMARY"`): it reads the
repository only, so it needs no token that can write. The base (and a --head
revision) are read with `git ls-tree` and `git cat-file` into a temporary directory,
not with `git archive`, whose output a `.gitattributes` of the change could alter
(`export-ignore`, `export-subst`); the working tree is read in place.

`.github/workflows/check.yml` runs it on every pull request, on a checkout of the
whole history (the merge of the pull request into its base), as
`undersigned report --base "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"`, the base
branch's name passed through the environment, never into the script.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..models import escape_controls
from ..report import (
    ARCHIVE_DIRS,
    ARCHIVE_FILES,
    SUMMARY_BUDGET,
    compare,
    read_side,
    render,
)

HELP = ("compare the archive at a git revision with the working tree (or another "
        "revision) and print what the change does, as Markdown for a pull request")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--base", required=True, metavar="REV",
                   help="the revision to compare with: a commit, branch or tag, such as the "
                        "pull request's base commit")
    p.add_argument("--head", default=None, metavar="REV",
                   help="the revision to report on (default: the working tree, files not "
                        "yet committed included)")
    p.add_argument("--max-rows", type=int, default=200, metavar="N",
                   help="at most N rows per table, the rest counted, and at most 1,000,000 "
                        "bytes in all (GitHub refuses a job summary over 1 MiB); 0: no limit")


class GitError(Exception):
    """A revision git cannot give us, in words for the contributor."""


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    with tempfile.TemporaryDirectory(prefix="undersigned-report-") as tmp:
        try:
            base_sha = export_revision(root, args.base, Path(tmp) / "base")
            head_dir, head_label = root, "the working tree"
            if args.head is not None:
                head_sha = export_revision(root, args.head, Path(tmp) / "head")
                head_dir, head_label = Path(tmp) / "head", f"{args.head} ({head_sha[:12]})"
        except GitError as exc:
            print(f"undersigned report: error: {exc}", file=sys.stderr)
            return 2
        base = read_side(Path(tmp) / "base", f"{args.base} ({base_sha[:12]})")
        head = read_side(head_dir, head_label)
        limit = max(args.max_rows, 0)
        print(render(compare(base, head), limit, SUMMARY_BUDGET if limit else 0), end="")
    return 0


def _git(root: Path, *argv: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(root), *argv], capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise GitError("git is not installed; `undersigned report` reads revisions with it") \
            from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(escape_controls(lines[-1] if lines else f"git {argv[0]} failed"))
    return proc.stdout


def export_revision(root: Path, rev: str, dest: Path) -> str:
    """Write the archive's files at `rev` (letters/, signatories/, recipients/,
    tags.yml) under `dest`; return the commit's hash. `root` may be a directory inside
    the repository: the archive's files are read from the same place in `rev`."""
    if not rev or rev.startswith("-") or not rev.isprintable():
        raise GitError(f"{rev!r} is not a revision")
    prefix = _git(root, "rev-parse", "--show-prefix").decode("utf-8", "surrogateescape")
    prefix = prefix.rstrip("\n")
    try:
        sha = _git(root, "rev-parse", "--verify", "--end-of-options",
                   rev + "^{commit}").decode().strip()
    except GitError:
        raise GitError(f"cannot read revision {rev!r}; with a shallow clone, "
                       "fetch it first (git fetch --depth=1 origin REV)") from None
    # Literal pathspecs: a directory named `[ab]*` is that directory, not a pattern.
    listing = _git(root, "--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", sha, "--",
                   *(prefix + name for name in (*ARCHIVE_DIRS, *ARCHIVE_FILES)))
    blobs: list[tuple[Path, str, str]] = []  # (where, mode, object)
    for record in listing.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        meta, path = record.split("\t", 1)
        mode, kind, obj = meta.split()
        parts = path[len(prefix):].split("/")
        if kind != "blob" or any(p in ("", ".", "..") for p in parts):
            continue  # a submodule, or a name git itself would refuse to check out
        blobs.append((dest.joinpath(*parts), mode, obj))
    dest.mkdir(parents=True)
    _write_blobs(root, blobs)
    return sha


def _write_blobs(root: Path, blobs: list[tuple[Path, str, str]]) -> None:
    """Write each blob with one `git cat-file --batch` for all of them."""
    if not blobs:
        return
    with tempfile.TemporaryFile() as wanted:
        wanted.write(b"".join(obj.encode() + b"\n" for _, _, obj in blobs))
        wanted.seek(0)
        with subprocess.Popen(["git", "-C", str(root), "cat-file", "--batch"],
                              stdin=wanted, stdout=subprocess.PIPE) as proc:
            for where, mode, _ in blobs:
                header = proc.stdout.readline().split()
                if len(header) != 3 or header[1] != b"blob":
                    raise GitError(f"git cat-file: unexpected answer {header!r}")
                data = proc.stdout.read(int(header[2]))
                proc.stdout.read(1)  # the newline after each object
                where.parent.mkdir(parents=True, exist_ok=True)
                if mode == "120000":
                    # A link stays a link, never followed: the loader refuses it as it
                    # would in a checkout.
                    os.symlink(os.fsdecode(data), where)
                else:
                    where.write_bytes(data)
