"""The Spanish interface: the hub pages written a second time, under /es/.

The design (docs/performance.md, "Spanish interface: design"): the letter, signatory,
recipient and tag pages are data in the letters' own languages and are built once, their
few labels in both languages (the reader's choice sets `lang` on `<html>`, CSS shows the
labels); the hub pages (home, letters index and years, the A–Z indexes, recipients,
tags, Data, Search) are built again under `/es/` by the same functions of generate.py,
with `lang="es"` and their paths moved (generate.MOVED), and rendered by a second MkDocs
configuration with `theme.language: es`, so that Material's own strings are Spanish too.
Search keeps one index: the Spanish pages are not marked for Pagefind, and their search
box loads the index of the whole site.

The generated tree (tree.py) holds the Spanish site as a second rendering (`add_to_tree`:
`TREE/es/mkdocs.yml`), rendered into the site's es/ after the English one.

Hand-written pages with a Spanish version (About, Contributing): mkdocs.yml lists their
URLs in `extra.us_spanish_pages`, and their Spanish is `docs-es/<url>index.md` beside
the docs dir (`hand_pages`): in its URL's directory, as every generated page is
(tree.tree_path), so that its relative links read the same to any renderer. They join
the Spanish site's docs and navigation, and the language switch links the two versions
as it does a hub page.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml

from . import generate, i18n
from . import tree as tree_stage
from .catalogue import Catalogue

LANG = "es"
PREFIX = f"{LANG}/"

# The directories of the hub pages, whole: the A–Z indexes by kind and their pages by
# initial. Listed here and in overrides/partials/language.html (which says, for the
# language switch, whether a page has a Spanish version): tests/test_spanish.py checks
# the two agree on every page of a built site.
_HUB_DIRS = ("organizations/", "people/", "networks/", "a-z/")
_HUB_PAGES = {"index.md", "letters/index.md", "signatories/index.md", "recipients/index.md",
              "tags/index.md", "data/index.md", "search/index.md"}
_YEAR = re.compile(r"letters/[0-9]{4}(/[0-9]+)?\.md")  # a year's letters and its next pages


def is_hub(src: str) -> bool:
    """Whether the generated page `src` (an English path) is a hub page, built in Spanish too."""
    return src in _HUB_PAGES or src.startswith(_HUB_DIRS) or bool(_YEAR.fullmatch(src))


def spanish_src(src: str) -> str:
    """Where `src` is in the Spanish site: `es/…` for a hub page, the one copy otherwise."""
    if src.startswith(PREFIX) or not is_hub(src):
        return src
    return PREFIX + src


def _hub_pages(cat: Catalogue, site_url: str | None, indexes: bool = True,
               lang: str = LANG) -> Iterator[generate.Page]:
    yield generate.home_page(cat, lang)
    yield from generate.letters_index_pages(cat, lang)
    if indexes:
        yield from generate.signatory_index_pages(cat, lang)
    yield generate.recipients_index(cat, lang)
    yield generate.tags_index(cat, lang)
    yield generate.data_page(cat, site_url, lang)
    yield generate.search_page(lang)


def hub_pages(cat: Catalogue, site_url: str | None = None, encode: bool = False,
              indexes: bool = True) -> dict[str, str | bytes]:
    """The hub pages in Spanish: {path under es/: content}, linking the Spanish hub pages
    and the one copy of every other page. `indexes=False` leaves out the A–Z indexes of
    signatories (serve: an edit that changes no signatory's count leaves them as they are)."""
    out: dict[str, str | bytes] = {}
    token = generate.MOVED.set(spanish_src)
    try:
        for page in _hub_pages(cat, site_url, indexes):
            text = page.render()
            out[page.src] = text.encode("utf-8", "surrogatepass") if encode else text
    finally:
        generate.MOVED.reset(token)
    return out


# The Spanish site's navigation: its hub pages, and the English-only hand-written pages
# of the site above it (a link out of the Spanish site, hence its own URL).
NAV_KEYS = (("home", "index.md"), ("letters", "letters/index.md"),
            ("signatories", "signatories/index.md"), ("recipients", "recipients/index.md"),
            ("tags", "tags/index.md"), ("data", "data/index.md"))
NAV_ENGLISH = (("contribute_en", "contributing/"), ("about_en", "about/"))
NAV_SOURCES = tuple(PREFIX + src for _, src in NAV_KEYS)  # (serve renders them with a page)
# A hand-written page's name in the Spanish navigation when it has a Spanish version.
NAV_HAND = {"contributing/": "contribute", "about/": "about_page"}
# Beside the docs dir (`docs/` and `docs-es/`): the Spanish versions of hand-written pages.
SPANISH_DOCS = "docs-es"


def hand_pages(base: Path) -> dict[str, Path]:
    """The hand-written pages with a Spanish version: {URL: its Spanish file}, as
    `base`'s `extra.us_spanish_pages` lists them (`about/` is `docs-es/about/index.md`,
    beside the docs dir). TreeFailed, naming the file to write, when one is missing: the English
    page's language switch would lead nowhere."""
    settings = tree_stage.read_config(base)
    listed = (settings.get("extra") or {}).get("us_spanish_pages") or []
    docs_dir = base.resolve().parent / str(settings.get("docs_dir") or "docs")
    if not isinstance(listed, list) or not all(
            isinstance(u, str) and re.fullmatch(r"[a-z0-9-]+/", u) for u in listed):
        raise tree_stage.TreeFailed(
            f"{base}: error: extra.us_spanish_pages must be a list of page URLs such as "
            "'about/'")
    found = {}
    for url in listed:
        path = docs_dir.parent / SPANISH_DOCS / url / "index.md"
        if not path.is_file():
            raise tree_stage.TreeFailed(
                f"{base}: error: extra.us_spanish_pages lists {url} but {path} does not "
                "exist: write its Spanish version there, or take it off the list")
        found[url] = path
    return found


def config(base: Path, docs_dir: Path) -> dict:
    """The Spanish site's MkDocs configuration, from the site's own (`base`): the same
    theme with its templates found from anywhere, `theme.language: es`, a docs dir of
    its own (`docs_dir`: the site's stylesheets only) and a Spanish navigation."""
    cfg = dict(tree_stage.read_config(base))
    here = base.resolve().parent
    theme = dict(cfg.get("theme") or {})
    theme["language"] = LANG
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((here / theme["custom_dir"]).resolve())
    cfg["theme"] = theme
    cfg.pop("hooks", None)
    cfg["docs_dir"] = str(docs_dir)
    cfg.pop("exclude_docs", None)
    cfg["site_description"] = i18n.text("site_description", LANG)
    if cfg.get("site_url"):
        cfg["site_url"] = cfg["site_url"].rstrip("/") + "/" + PREFIX
    hand = hand_pages(base)
    cfg["nav"] = ([{i18n.text(key, LANG): src} for key, src in NAV_KEYS]
                  + [{i18n.text(NAV_HAND[url], LANG): url + "index.md"} if url in hand
                     else {i18n.text(key, LANG): "../" + url} for key, url in NAV_ENGLISH])
    # The templates ask this: the site's root from the Spanish one (feeds, search index,
    # the English pages).
    cfg["extra"] = {**(cfg.get("extra") or {}), "us_root": "../"}
    # The links out to the English pages are not files of this site: a note, not a failure.
    cfg["validation"] = {**(cfg.get("validation") or {}),
                         "nav": {"omitted_files": "info", "not_found": "info",
                                 "absolute_links": "info"}}
    return cfg


def write_config(base: Path, work: Path) -> Path:
    """Write the Spanish site's docs dir (the stylesheets of `base`'s and the Spanish
    hand-written pages, `hand_pages`) and configuration into `work`; the configuration's
    path."""
    docs = work / "docs"
    cfg = config(base, docs)
    base_docs = base.resolve().parent / (tree_stage.read_config(base).get("docs_dir") or "docs")
    for css in cfg.get("extra_css") or []:
        if (base_docs / css).is_file():
            (docs / css).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(base_docs / css, docs / css)
    docs.mkdir(parents=True, exist_ok=True)
    for url, source in hand_pages(base).items():
        (docs / url).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / url / "index.md")
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def add_to_tree(tree: tree_stage.Tree, pages: dict[str, str | bytes], base: Path) -> None:
    """The Spanish hub pages (`hub_pages`) as a second rendering of the generated tree:
    `TREE/es/docs` and `TREE/es/mkdocs.yml`, rendered into the site's es/ after the
    English site (`mkdocs build -f TREE/es/mkdocs.yml -d SITE/es`). TreeFailed as the
    tree's own."""
    source = tree.out / ".es-source"
    try:
        config_file = write_config(base, source)
        tree_stage.add_rendering(tree, LANG, unprefixed(pages), config_file, LANG)
    finally:
        shutil.rmtree(source, ignore_errors=True)


def after_render(site: Path) -> None:
    """One 404 page answers for the whole site (GitHub Pages serves /404.html alone), in
    both languages (overrides/404.html): the Spanish rendering's own, whose links assume
    it is at the site's root, would only mislead."""
    (site / LANG / "404.html").unlink(missing_ok=True)


def unprefixed(pages: dict) -> dict:
    """The Spanish pages as the Spanish site's MkDocs sees them: paths under its own root."""
    return {src.removeprefix(PREFIX): text for src, text in pages.items()}
