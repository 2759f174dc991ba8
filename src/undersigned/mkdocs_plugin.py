"""MkDocs glue, kept thin: add the generated pages to MkDocs as virtual files.

Listed under `hooks:` in mkdocs.yml. All logic lives in catalogue/generate;
this only hands their output to MkDocs. `undersigned build` sets `PAGES` on
this module before building (it has already loaded and checked the archive);
a plain `mkdocs build` or `mkdocs serve` generates the pages here instead.

Generated pages are never in the navigation (InclusionLevel.NOT_IN_NAV),
except the few index pages mkdocs.yml's `nav` names.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import undersigned  # noqa: F401
except ImportError:  # `mkdocs build` from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.exceptions import PluginError  # noqa: E402 (after the path fix above)
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from undersigned.generate import HTML_CLOSE, HTML_OPEN  # noqa: E402

# Set by undersigned.sitebuild for one build: {relative path: content (str, or UTF-8 bytes)}.
PAGES: dict[str, str | bytes] | None = None

# Marks this module so sitebuild can find it among the loaded plugins.
UNDERSIGNED_GLUE = True


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


def _generate(root: Path, site_url: str | None) -> dict[str, str]:
    from undersigned.sitebuild import BuildFailed, generate_pages

    try:
        return generate_pages(root, site_url=site_url)
    except BuildFailed as failed:
        raise PluginError("invalid archive:\n" + "\n".join(map(str, failed.diagnostics))) from None


def on_files(files: Files, config) -> Files:
    global PAGES
    _HTML.clear()  # left over from a build that failed half-way
    _CONTENT.clear()
    _CONVERTED.clear()  # mkdocs.yml's Markdown extensions may have changed
    pages, PAGES = (PAGES, None) if PAGES is not None else (
        _generate(Path(config.config_file_path).parent, config.site_url or None), None)
    in_nav = _nav_paths(config.nav)
    clash = sorted(set(pages) & set(files.src_uris))
    if clash:
        raise PluginError(f"docs/ has files that generated pages would replace: {clash[:5]}")
    # Popped as they are handed over, so the files hold the only copy of each page.
    for src in list(pages):
        inclusion = InclusionLevel.INCLUDED if src in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src, content=pages.pop(src), inclusion=inclusion))
    return files


# A generated page's HTML (finished and escaped by generate) is set aside while
# MkDocs converts the page, and put back after: Python-Markdown would otherwise
# parse every tag of it again, half of the whole render time in a profile.
_HTML: dict[str, tuple[tuple, str]] = {}  # {page: (_CONVERTED's key, the HTML set aside)}
# What is left of a generated page once its HTML is set aside is the same few lines
# on every page: converted once per directory (links in it would be relative to it),
# and the conversion reused. {(Markdown left, source directory): HTML}
_CONVERTED: dict[tuple, str] = {}


def on_page_markdown(markdown: str, page, config, files) -> str:
    start = markdown.find(HTML_OPEN)
    end = markdown.find(HTML_CLOSE, start + 1) if start >= 0 else -1
    if end < 0:
        return markdown
    left = markdown[:start] + HTML_OPEN + markdown[end:]
    key = (left, page.file.src_uri.rpartition("/")[0])
    _HTML[page.file.src_uri] = (key, markdown[start + len(HTML_OPEN):end])
    # Nothing to convert, at once; on_page_content puts the known HTML in. (A page
    # without a title of its own would take it from its Markdown's first heading.)
    if key in _CONVERTED and page.meta.get("title"):
        page.render = _Converted(page)
        return ""
    return left


class _Converted:
    """`page.render` for a page with no Markdown left to convert: sets what Page.render
    sets for empty Markdown, without building the Python-Markdown instance that
    Page.render builds for every page (a tenth of the render time)."""

    def __init__(self, page) -> None:
        self.page = page

    def __call__(self, config, files) -> None:
        page = self.page
        del page.render  # the class's own again, should MkDocs render this page twice
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}


# MkDocs converts every page before it writes any, and holds every page's HTML in
# between: a generated page's HTML waits here as UTF-8 bytes instead (half the memory
# of a string holding any character beyond Latin-1) until its template is rendered.
_CONTENT: dict[str, bytes] = {}


def on_page_content(html: str, page, config, files) -> str:
    set_aside = _HTML.pop(page.file.src_uri, None)
    if set_aside is not None:
        key, kept = set_aside
        html = _CONVERTED.setdefault(key, html)  # (what this page's conversion gave)
        html = html.replace(HTML_OPEN + HTML_CLOSE, kept, 1)
    if page.file.abs_src_path is None:
        # Once a generated page is converted its Markdown is not needed again.
        page.file.content_string = ""
        page.markdown = ""
        _CONTENT[page.file.src_uri] = html.encode("utf-8", "surrogatepass")
        return ""
    return html


def on_page_context(context, page, config, nav):
    stored = _CONTENT.pop(page.file.src_uri, None)
    if stored is not None:
        page.content = stored.decode("utf-8", "surrogatepass")
    return context


class _Once:
    """`{% call undersigned_once(part, page, nav) %}...{% endcall %}` in a template: the
    body is rendered once per `shared_key` of the page and reused for the others, or
    rendered for the page itself if it has none (overrides/main.html names the parts)."""

    def __init__(self) -> None:
        self.done: dict[tuple, str] = {}
        self.last: tuple = (None, None)  # (page, its shared_key): asked once per part

    def __call__(self, part: str, page, nav, caller) -> str:
        if self.last[0] is not page:
            self.last = (page, shared_key(page, nav))
        shared = self.last[1]
        if shared is None:
            return caller()
        key = (part, shared)
        if key not in self.done:
            self.done[key] = caller()
        return self.done[key]


def shared_key(page, nav) -> str | None:
    """What the sidebars and Material's configuration of `page` depend on, if it is a
    page like every generated one: its parent directory (links from the pages of one
    directory to anything outside them are the same relative URLs). None for a page in
    the navigation, with a table of contents, hiding a sidebar, or with a navigation
    page or the theme's assets under its own URL."""
    if page is None or nav is None:  # a theme template (404.html): rendered once anyway
        return None
    url = page.url
    if page.toc or (page.meta or {}).get("hide") or not url or url.startswith("assets/"):
        return None
    if any(p is page or p.url.startswith(url) for p in nav.pages):
        return None
    return url.rstrip("/").rpartition("/")[0]


def on_env(env, config, files):
    # One per build: nothing outlives it.
    env.globals["undersigned_once"] = _Once()
    return env


def on_post_page(output: str, page, config) -> str:
    if page.file.abs_src_path is None:
        page.content = None  # written: its HTML is in `output` now
    return output
