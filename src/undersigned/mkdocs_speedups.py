"""MkDocs speed-ups for rendering the generated tree: one module, one switch.

The tree (tree.py) renders with plain `mkdocs build` and no Python of ours; these
make the same bytes faster, through MkDocs internals (private names, the order of
its events), so they are only used with the exact versions they were written
against (`WRITTEN_FOR`): with any other, `install` returns a one-line note and the
build takes the plain path. `undersigned build --plain` turns them off.

What they do, all on generated pages (front matter, then one block of finished
HTML between generate.HTML_OPEN and HTML_CLOSE):

- the finished HTML is set aside while MkDocs converts the page and put back after:
  Python-Markdown would otherwise parse every tag of it again, half of the whole
  render time in a profile;
- what is left of a generated page once its HTML is set aside is the same few lines
  on every page: converted once (once per directory if it could hold a link) and
  reused, skipping the Python-Markdown instance that Page.render builds for every
  page (`_Converted`);
- between conversion and templating a page's HTML waits as UTF-8 bytes (half the
  memory of a string holding any character beyond Latin-1);
- the theme's blocks that are the same on every page of a directory (the sidebar's
  sections, the styles, the theme's settings, the footer, the header up to the page's
  title: `SHARED_BLOCKS`) are rendered once per directory of generated
  pages and reused: their relative links are the same from every page of it
  (`shared_key` says which pages qualify). Without this, the shell of 31,000 pages is
  most of MkDocs' time.

`undersigned serve` also hands pages to MkDocs from memory (`pages=` of `install`):
it renders a few changed pages, not a tree on disk.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from .generate import HTML_CLOSE, HTML_OPEN

# What could be a link in Markdown or HTML (MkDocs rewrites links relative to the page).
_LINKISH = re.compile(r"\]\(|\]\[|\]:|href|src|https?:|www\.|@", re.I)

# The versions these were written against and tested with (constraints.txt pins them).
WRITTEN_FOR = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}


def versions_differ() -> str | None:
    """None if the installed MkDocs and Material are the versions WRITTEN_FOR; else a
    one-line note saying which differ."""
    found = {}
    for name in WRITTEN_FOR:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "none"
    differ = [f"{n} {found[n]} (written for {v})" for n, v in WRITTEN_FOR.items()
              if found[n] != v]
    if not differ:
        return None
    return ("MkDocs speed-ups off, rendering the plain way: installed " + ", ".join(differ)
            + "; update mkdocs_speedups.WRITTEN_FOR once the build tests pass with them")


def install(config, pages: dict[str, str | bytes] | None = None,
            speedups: bool = True,
            after_clean: Callable[[], None] | None = None) -> str | None:
    """Add the speed-ups to a loaded MkDocs `config` (before `mkdocs build` runs it);
    `pages` ({path: content}), if given, are added as files outside the navigation
    (except those the nav names), in the order MkDocs reads a docs directory;
    `after_clean`, if given, is called once MkDocs has emptied its site directory
    (its `files` event: other files may be written there from then on). Returns
    None, or the note of `versions_differ` when the speed-ups are asked for but not
    installed (the pages still are: that uses only MkDocs' public API)."""
    note = versions_differ() if speedups else None
    plugin = SpeedUps(pages) if speedups and not note else _PagesOnly(pages)
    plugin.after_clean = after_clean
    config.plugins["undersigned-speedups"] = plugin
    return note


def _nav_paths(nav) -> set[str]:
    found: set[str] = set()

    def walk(item) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for v in item.values():
                walk(v)
        elif isinstance(item, list):
            for v in item:
                walk(v)

    walk(nav or [])
    return found


class _PagesOnly:
    """Hands pages held in memory to MkDocs as virtual files; nothing else."""

    def __init__(self, pages: dict[str, str | bytes] | None) -> None:
        self.pages = pages
        self.after_clean: Callable[[], None] | None = None

    def on_files(self, files, config):
        from mkdocs.exceptions import PluginError
        from mkdocs.structure.files import File, InclusionLevel

        # MkDocs empties the site directory just before this event.
        after_clean, self.after_clean = self.after_clean, None
        if after_clean is not None:
            after_clean()
        pages, self.pages = self.pages, None
        if not pages:
            return files
        in_nav = _nav_paths(config.nav)
        clash = sorted(set(pages) & set(files.src_uris))
        if clash:
            raise PluginError(f"docs/ has files that generated pages would replace: {clash[:5]}")
        # Popped as they are handed over, so the files hold the only copy of each page.
        for src in list(pages):
            inclusion = InclusionLevel.INCLUDED if src in in_nav else InclusionLevel.NOT_IN_NAV
            content = pages.pop(src)
            if isinstance(content, bytes) and b"\r" in content:
                # As MkDocs reads a file from disk: universal newlines.
                content = content.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            files.append(File.generated(config, src, content=content, inclusion=inclusion))
        return _in_walk_order(files, config)


def _walk_key(src_uri: str) -> tuple:
    """Where os.walk over docs_dir (MkDocs' get_files) puts a file: the files of a
    directory (index.md first) before its subdirectories, each level by name."""
    *dirs, name = src_uri.split("/")
    return (*((1, d) for d in dirs), (0, (name.rpartition(".")[0] not in ("index", "README"),
                                          name)))


def _in_walk_order(files, config):
    """The pages handed over sorted among the docs as if they had been read from the
    docs directory, the theme's files after them as MkDocs adds them: the order MkDocs
    writes the sitemap in, so the site is the same bytes as a render from disk."""
    from mkdocs.structure.files import Files

    docs_dir = str(config.docs_dir)
    docs, theme = [], []
    for f in files:
        (docs if f.abs_src_path is None or f.abs_src_path.startswith(docs_dir) else theme
         ).append(f)
    docs.sort(key=lambda f: _walk_key(f.src_uri))
    return Files([*docs, *theme])


class SpeedUps(_PagesOnly):
    """The MkDocs events of the speed-ups (see the module's docstring)."""

    def __init__(self, pages: dict[str, str | bytes] | None = None) -> None:
        super().__init__(pages)
        # {page: (_converted's key, the HTML set aside)}
        self.html: dict[str, tuple[tuple, str]] = {}
        # {(Markdown left, source directory): its HTML}: links in it are relative to it.
        self.converted: dict[tuple, str] = {}
        # {page: its HTML as UTF-8}, from conversion until its template is rendered.
        self.content: dict[str, bytes] = {}
        self.ours: set[str] = set()  # the generated pages among those rendered

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        start = markdown.find(HTML_OPEN)
        end = markdown.find(HTML_CLOSE, start + 1) if start >= 0 else -1
        if end < 0:
            return markdown
        left = markdown[:start] + HTML_OPEN + markdown[end:]
        # A link in what is left would be relative to the page: shared per directory
        # then; without one (generate leaves none) shared by every page.
        where = page.file.src_uri.rpartition("/")[0] if _LINKISH.search(left) else ""
        key = (left, where)
        self.html[page.file.src_uri] = (key, markdown[start + len(HTML_OPEN):end])
        # Nothing to convert, at once; on_page_content puts the known HTML in. (A page
        # without a title of its own would take it from its Markdown's first heading.)
        if key in self.converted and page.meta.get("title"):
            page.render = _Converted(page)
            return ""
        return left

    def on_page_content(self, html: str, page, config, files) -> str:
        set_aside = self.html.pop(page.file.src_uri, None)
        if set_aside is None:
            return html
        key, kept = set_aside
        html = self.converted.setdefault(key, html)  # (what this page's conversion gave)
        # The markers stay, as Python-Markdown passes them through on the plain path.
        html = html.replace(HTML_OPEN + HTML_CLOSE, HTML_OPEN + kept + HTML_CLOSE, 1)
        # Once a generated page is converted its Markdown is not needed again.
        page.file.content_string = ""
        page.markdown = ""
        self.content[page.file.src_uri] = html.encode("utf-8", "surrogatepass")
        return ""

    def on_env(self, env, config, files):
        # One cache per build (a new environment each time): nothing outlives it.
        done: dict = {}
        for template_name, names in SHARED_BLOCKS.items():
            blocks = env.get_template(template_name).blocks
            for name in names:
                if name in blocks:
                    blocks[name] = _SharedBlock(name, blocks[name], done)
        return env

    def on_page_context(self, context, page, config, nav):
        stored = self.content.pop(page.file.src_uri, None)
        if stored is not None:
            page.content = stored.decode("utf-8", "surrogatepass")
            self.ours.add(page.file.src_uri)
        return context

    def on_post_page(self, output: str, page, config) -> str:
        if page.file.src_uri in self.ours:
            page.content = None  # written: its HTML is in `output` now
        return output


# {template: its blocks that depend only on the site's configuration and navigation and
# on the page's directory} (overrides/main.html, overrides/partials/header.html). A block
# that reads anything else of the page (its front matter: `scripts` adds a signatory
# page's together script) must not be listed: test_build renders the site plainly and
# compares every byte.
SHARED_BLOCKS = {
    "main.html": ("site_nav", "styles", "config", "footer"),
    "partials/header.html": ("us_header_start",),
}


def shared_key(page, nav) -> str | None:
    """What the shared blocks of `page` depend on, if it is a page like every generated
    one: its parent directory (links from the pages of one directory to anything outside
    them are the same relative URLs). None for a page in the navigation, with a table of
    contents, hiding a sidebar, or with a navigation page or the theme's assets under
    its own URL; and for a theme template (404.html: no page)."""
    if page is None or nav is None or not isinstance(getattr(page, "url", None), str):
        return None
    url = page.url
    if page.toc or (page.meta or {}).get("hide") or not url or url.startswith("assets/"):
        return None
    if any(p is page or p.url.startswith(url) for p in nav.pages):
        return None
    return url.rstrip("/").rpartition("/")[0]


class _SharedBlock:
    """A template block's render function that renders once per `shared_key` and hands
    the same text to every other page with that key. It compares equal to the function
    it wraps: Jinja finds a block's parent (`super()`) by the block's own function."""

    def __init__(self, name: str, render, done: dict) -> None:
        self.name, self.render, self.done = name, render, done

    def __eq__(self, other: object) -> bool:
        return other is self or other is self.render

    def __hash__(self) -> int:
        return hash(self.render)

    def __call__(self, context, *args, **kwargs):
        page = context.get("page")
        last = self.done.get("last page")  # the key of the page being rendered, asked once
        if last is None or last[0] is not page:
            last = self.done["last page"] = (page, shared_key(page, context.get("nav")))
        key = last[1]
        if key is None:
            yield from self.render(context, *args, **kwargs)
            return
        text = self.done.get((self.name, key))
        if text is None:
            text = self.done[(self.name, key)] = "".join(self.render(context, *args, **kwargs))
        yield text


class _Converted:
    """`page.render` for a page with no Markdown left to convert: sets what Page.render
    sets for empty Markdown (private attributes of MkDocs 1.6's Page included),
    without building the Python-Markdown instance that Page.render builds per page."""

    def __init__(self, page) -> None:
        self.page = page

    def __call__(self, config, files) -> None:
        from mkdocs.structure.toc import get_toc

        page = self.page
        del page.render  # the class's own again, should MkDocs render this page twice
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}


# ---------------------------------------------------------------- serve

class PageRenderer:
    """Render some generated pages with MkDocs exactly as `mkdocs build` would (what
    `undersigned serve` does after an edit; with another MkDocs than WRITTEN_FOR it
    rebuilds the whole site instead).

    Follows `mkdocs.commands.build.build` (config, theme files, the pages handed over
    by mkdocs_speedups, navigation, `_populate_page`, `_build_page`) but with only the
    pages to render plus the pages the navigation names, and returns each page's HTML
    instead of writing a whole site. The output is the same bytes: same config, theme, navigation,
    SOURCE_DATE_EPOCH and speed-ups (mkdocs_speedups).
    """

    def __init__(self, config_file: Path, epoch: str):
        self.config_file = config_file
        self.epoch = epoch

    def render(self, pages: dict[str, str], nav_pages: dict[str, str | bytes],
               site_dir: Path) -> dict[str, bytes]:
        """{dest path relative to the site: HTML bytes} for `pages` (plus nothing else)."""
        from mkdocs.commands.build import _populate_page, get_context
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        from .sitebuild import build_epoch

        with build_epoch(self.epoch):
            mkdocs_log = logging.getLogger("mkdocs")
            level = mkdocs_log.level
            # Link checks of docs/ pages against generated pages not handed over this time
            # would warn: the full build has checked them.
            mkdocs_log.setLevel(logging.ERROR)
            try:
                config = load_config(str(self.config_file), site_dir=str(site_dir), strict=True)
                config = config.plugins.on_config(config)
                config.plugins.on_pre_build(config=config)
                files = get_files(config)
                env = config.theme.get_env()
                files.add_files_from_theme(env, config)
                # The pages from memory, with the speed-ups `undersigned build` renders with.
                install(config, {**nav_pages, **pages})
                files = config.plugins.on_files(files, config=config)
                set_exclusions(files, config)
                nav = get_navigation(files, config)
                nav = config.plugins.on_nav(nav, config=config, files=files)
                wanted = set(pages)
                doc_files = files.documentation_pages()
                for file in doc_files:
                    if file.src_uri in wanted or file.inclusion.is_in_nav():
                        if file.page is None:
                            Page(None, file, config)
                        _populate_page(file.page, config, files)
                env = config.plugins.on_env(env, config=config, files=files)
                out: dict[str, bytes] = {}
                for file in doc_files:
                    if file.src_uri not in wanted:
                        continue
                    page = file.page
                    config._current_page = page
                    page.active = True
                    try:
                        context = get_context(nav, doc_files, config, page)
                        template = env.get_template(page.meta.get("template", "main.html"))
                        context = config.plugins.on_page_context(context, page=page, config=config,
                                                                 nav=nav)
                        output = template.render(context)
                        output = config.plugins.on_post_page(output, page=page, config=config)
                    finally:
                        page.active = False
                        config._current_page = None
                    out[file.dest_uri] = output.encode("utf-8", errors="xmlcharrefreplace")
                return out
            finally:
                mkdocs_log.setLevel(level)
