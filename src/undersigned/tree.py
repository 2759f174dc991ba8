"""The tree stage: the generated site as a plain directory any renderer reads.

`write_tree(pages, out, config_file, epoch)` writes

- `out/docs/`: the archive's hand-written pages (its `docs/`) and every generated
  page (Markdown: front matter, then one block of finished HTML; each page an
  `index.md` in its URL's directory, `tree_path`), plus, when asked
  (`undersigned generate`), the downloads and feeds: the files a renderer copies
  as they are;
- `out/mkdocs.yml`: the archive's mkdocs.yml with `docs_dir: docs`, the theme's
  `custom_dir` made absolute and no `hooks` (nothing of ours runs in the renderer);
- `out/SOURCE_DATE_EPOCH`: the date the renderer must be given (environment
  variable of the same name) for a byte-identical site.

`mkdocs build -f out/mkdocs.yml -d SITE` (or `zensical build -f out/mkdocs.yml`)
renders it with no Python of ours: docs/renderers.md lists what each renderer
makes of it. `undersigned build` renders the same tree, with the speed-ups of
mkdocs_speedups.py unless `--plain` (they take the generated pages from memory
rather than from out/docs: `in_memory`), and writes the downloads straight into
the rendered site (the same files at the same paths) while MkDocs works.

A tree may hold more than one rendering (a `Rendering` each: its docs directory,
its config and the subdirectory of the site it renders into), for a second
interface language rendered by a config of its own.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .safety import check_output_paths
from .urls import tree_path  # where a page lies in the tree: with every other URL

# The file in a tree that names the date its renderer must be given.
EPOCH_FILE = "SOURCE_DATE_EPOCH"


class TreeFailed(Exception):
    """The tree cannot be written (pages collide, mkdocs.yml unreadable)."""


@dataclass
class Rendering:
    """One renderer run over a tree: `config_file` renders `docs_dir` into the site's
    `site_subdir` ("" for the site's root)."""

    config_file: Path
    docs_dir: Path
    site_subdir: str = ""
    # Pages not written into docs_dir but kept for the renderer to take from memory
    # (mkdocs_speedups hands them over), {path in docs_dir: content}; None when written.
    pages: dict[str, str | bytes] | None = None


@dataclass
class Tree:
    """A written tree: where it is, what to render, the date to render it with."""

    out: Path
    epoch: str
    renderings: list[Rendering] = field(default_factory=list)
    page_count: int = 0


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as a dict, with MkDocs' own reading (`!ENV` values, `INHERIT`)."""
    from mkdocs.utils import yaml_load

    try:
        with open(config_file, encoding="utf-8") as f:
            config = yaml_load(f)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise TreeFailed(f"{config_file}: error: cannot read it: {exc}") from None
    if not isinstance(config, dict):
        raise TreeFailed(f"{config_file}: error: not a mapping of settings")
    return config


def tree_config(config: dict, source_dir: Path, docs: str = "docs") -> dict:
    """The settings of a generated tree: `config` (a project's mkdocs.yml) with the docs
    in `docs` beside it, the theme's templates found from anywhere, and no hooks."""
    out = {k: v for k, v in config.items() if k not in ("hooks", "site_dir", "docs_dir")}
    out["docs_dir"] = docs
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        out["theme"] = {**theme, "custom_dir": str((source_dir / theme["custom_dir"]).resolve())}
    return out


def _write_pages(docs_dir: Path, pages: dict[str, str | bytes]) -> None:
    made: set[Path] = set()
    for rel, content in pages.items():
        path = docs_dir / tree_path(rel)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = content if isinstance(content, bytes) else content.encode("utf-8",
                                                                         "surrogatepass")
        with open(path, "wb") as f:
            f.write(data)


def _write_rendering(where: Path, pages: dict[str, str | bytes], config_file: Path,
                     site_subdir: str, in_memory: bool = False) -> Rendering:
    """`where/docs` (the hand-written docs of `config_file`'s docs_dir, then `pages`) and
    `where/mkdocs.yml`; `pages` emptied as they are written (or, `in_memory`, moved into
    the Rendering, under the paths they would have in docs/)."""
    config = read_config(config_file)
    source_dir = config_file.resolve().parent
    hand_docs = source_dir / str(config.get("docs_dir") or "docs")
    docs = where / "docs"
    written = ([p.relative_to(hand_docs).as_posix() for p in hand_docs.rglob("*.md")]
               if hand_docs.is_dir() else [])
    problems = check_output_paths([*pages, *written])  # by URL: as tree_path places them
    if problems:
        raise TreeFailed("pages collide: " + "; ".join(problems))
    where.mkdir(parents=True, exist_ok=True)
    if hand_docs.is_dir():
        shutil.copytree(hand_docs, docs, dirs_exist_ok=True)
    else:
        docs.mkdir()
    kept = None
    if in_memory:
        kept = {tree_path(src): pages.pop(src) for src in list(pages)}
    else:
        _write_pages(docs, pages)
    pages.clear()
    settings = tree_config(config, source_dir)
    config_out = where / "mkdocs.yml"
    config_out.write_text(
        "# Generated by `undersigned generate` from " + config_file.name + ": render with\n"
        "#   SOURCE_DATE_EPOCH=$(cat " + EPOCH_FILE + ") mkdocs build -f mkdocs.yml -d SITE\n"
        + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8")
    return Rendering(config_out, docs, site_subdir, kept)


def write_tree(pages: dict[str, str | bytes], out: Path, config_file: Path,
               epoch: str, in_memory: bool = False) -> Tree:
    """Write the hand-written docs, the generated `pages` and the generated mkdocs.yml
    into `out` (new or empty); TreeFailed when a generated page would replace a
    hand-written one or two pages build to one URL. Pages are popped from `pages` as
    they are written, so the files hold the only copy. `in_memory` keeps the generated
    pages in the Rendering instead of writing them (the build's speed-ups hand them to
    MkDocs: 17,653 files not written and read back at 1,000 letters)."""
    page_count = sum(1 for p in pages if p.endswith(".md"))
    main = _write_rendering(out, pages, config_file, "", in_memory)
    (out / EPOCH_FILE).write_text(epoch + "\n", encoding="utf-8")
    return Tree(out=out, epoch=epoch, renderings=[main], page_count=page_count)


def add_rendering(tree: Tree, name: str, pages: dict[str, str | bytes], config_file: Path,
                  site_subdir: str) -> Rendering:
    """A second rendering in the same tree (an interface in another language, say):
    `tree.out/name/docs` and `tree.out/name/mkdocs.yml`, rendered into the site's
    `site_subdir` after the first (MkDocs empties the directory it renders into)."""
    if not site_subdir or site_subdir.startswith("/") or ".." in site_subdir.split("/"):
        raise TreeFailed(f"{site_subdir!r}: a second rendering needs a subdirectory of the site")
    page_count = sum(1 for p in pages if p.endswith(".md"))
    rendering = _write_rendering(tree.out / name, pages, config_file, site_subdir)
    tree.renderings.append(rendering)
    tree.page_count += page_count
    return rendering


def replace_dir(new: Path, target: Path) -> None:
    """Put the directory `new` where `target` is (a previous tree, or nothing): renames
    only, so `target` is never half-written."""
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
        os.rename(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, target)
