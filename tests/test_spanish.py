"""The Spanish interface (spanish.py): the hub pages again under /es/, the language switch,
the column labels in both languages; on the seed letters, generated and built."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from markupsafe import escape

from undersigned import generate, i18n, spanish
from undersigned.catalogue import catalogue
from undersigned.load import load_archive
from undersigned.sitebuild import build
from undersigned.tree import TreeFailed

ROOT = Path(__file__).parent.parent
CSS = ROOT / "docs" / "assets" / "undersigned.css"


@pytest.fixture(scope="module")
def cat():
    return catalogue(load_archive(ROOT))


@pytest.fixture(scope="module")
def hubs(cat):
    return spanish.hub_pages(cat)


# ---------------------------------------------------------------- which pages are hubs

@pytest.mark.parametrize("src", [
    "index.md", "letters/index.md", "letters/2022.md", "letters/2022/3.md",
    "signatories/index.md", "organizations/index.md", "organizations/m.md",
    "organizations/m/2.md", "people/index.md", "networks/index.md", "a-z/0.md",
    "recipients/index.md", "tags/index.md", "data/index.md", "search/index.md"])
def test_hub_pages_move_under_es(src):
    assert spanish.is_hub(src)
    assert spanish.spanish_src(src) == "es/" + src
    assert spanish.spanish_src("es/" + src) == "es/" + src  # already moved: stays


@pytest.mark.parametrize("src", [
    "letters/2022-07-11-biden-lopez-obrador-meeting.md", "signatories/imumi.md",
    "signatories/imumi/letters/2.md", "recipients/joseph-biden.md", "tags/asylum.md",
    "network/index.md", "about.md", "data/letters.json", "letters/2022.json",
    "signatories/imumi/signatures.csv"])
def test_data_pages_and_files_have_one_copy(src):
    assert not spanish.is_hub(src)
    assert spanish.spanish_src(src) == src


# ---------------------------------------------------------------- the generated pages

def test_every_hub_page_is_written_in_spanish_under_es(cat, hubs):
    english = {p.src for p in spanish._hub_pages(cat, None, lang="en")}
    assert set(hubs) == {"es/" + src for src in english}
    home = hubs["es/index.md"]
    assert i18n.text("latest_letters", "es") in home and "Latest letters" not in home
    assert i18n.text("site_lead", "es") in home
    # Dates and counts as Spanish writes them, from the archive's own letters.
    newest = cat.letter_by_id[cat.latest[0]]
    assert i18n.date_text(newest.date, "es") in home
    assert i18n.count(len(cat.letters), "letter", "es").split()[1] in home
    letters = hubs["es/letters/index.md"]
    assert "Cartas" in letters and "Todas las cartas del archivo" in letters
    # The English pages are what they were: generating in Spanish changed no state.
    assert generate.home_page(cat).src == "index.md"
    assert "Latest letters" in generate.home_page(cat).render()


def _hrefs(text: str) -> list[str]:
    return re.findall(r'(?:href|action)="([^"]*)"', text)


def assert_links_stay_spanish(cat, hubs) -> set[str]:
    """Each link from a Spanish hub page, resolved from its URL, lands on a Spanish hub
    page, a page built once, or a download: never an English hub page. The paths seen."""
    english_hubs = {generate.url_of(p.src) for p in spanish._hub_pages(cat, None, lang="en")}
    seen = set()
    for src, text in hubs.items():
        base = "https://x.invalid/" + generate.url_of(src)
        for href in _hrefs(text):
            url = urlsplit(urljoin(base, href))
            if href.startswith("#") or url.netloc != "x.invalid":
                continue  # on the page itself, or another site
            path = url.path.lstrip("/")
            seen.add(path)
            assert path not in english_hubs, (src, href)
            if path.startswith("es/"):
                assert path[3:] in english_hubs, (src, href)
    return seen


def test_spanish_hub_pages_link_spanish_hubs_and_the_one_copy_of_the_rest(cat, hubs):
    seen = assert_links_stay_spanish(cat, hubs)
    assert {"es/letters/", "es/data/", "es/search/", "es/organizations/"} <= seen
    built_once = {generate.url_of(generate.letter_src(x.id)) for x in cat.letters}
    assert built_once <= seen  # the letters themselves: one copy, at the root


def test_long_listings_continue_on_spanish_pages(cat, monkeypatch):
    """A year's letters over several pages, and the A–Z split by initial and continued:
    their pagers link the Spanish pages too (the archive's listings made long by
    lowering the limits, as 10,000 letters make them)."""
    monkeypatch.setattr(generate, "ROWS_PER_PAGE", 1)
    monkeypatch.setattr(generate, "SPLIT_INDEX_OVER", 3)
    hubs = spanish.hub_pages(cat)
    assert any(re.fullmatch(r"es/letters/[0-9]{4}/2\.md", src) for src in hubs)
    assert any(re.fullmatch(r"es/a-z/[a-z0]/2\.md", src) for src in hubs)
    assert all(src.startswith("es/") and spanish.is_hub(src[3:]) for src in hubs)
    seen = assert_links_stay_spanish(cat, hubs)
    assert any(re.fullmatch(r"es/letters/[0-9]{4}/2/", path) for path in seen)


def test_the_column_labels_in_css_are_the_interface_strings():
    """The stacked tables' column names come from CSS (`lang` on a Spanish page's <html>,
    or the reader's choice in `data-us-ui` on a page built once, picks them), one
    rule per language and column: the same words as i18n.py's."""
    css = CSS.read_text(encoding="utf-8")
    columns = {("us-letters", 3): "to", ("us-letters", 4): "signatories",
               ("us-letters", 5): "language", ("us-signed", 3): "printed_as",
               ("us-signatories-az", 2): "kind", ("us-signatories-az", 3): "country",
               ("us-signatories-az", 4): "letters"}
    for (table, n), key in columns.items():
        spanish = r':root:is\(:lang\(es\), \[data-us-ui="es"\]\) '
        for lang, scope in (("en", r"(?<!\) )"), ("es", spanish)):
            rule = re.search(scope + r"\.md-typeset table\." + table + rf" td:nth-child\({n}\)"
                             r'::before \{\s*content: "([^"]*)"', css)
            assert rule, (table, n, lang)
            assert rule.group(1) == i18n.text(key, lang) + ": ", (table, n, lang)


def test_the_spanish_data_page_describes_the_downloads_in_spanish(hubs):
    from undersigned import database, export

    page = hubs["es/data/index.md"]
    for english in (database.TABLES[0].description, database.TABLES[0].columns[0][2],
                    export.SIGNATURE_COLUMNS[0][1], database.EXAMPLE_QUERIES[0][0]):
        spanish_text = i18n.described(english, "es")
        assert spanish_text != english
        assert str(escape(spanish_text)) in page  # as the template escapes it
        assert str(escape(english)) not in page


def test_a_signatory_page_says_its_relations_in_both_languages(cat):
    """A signatory page is built once: each related record's relation is written in
    English and in Spanish, the reader's choice shown by CSS, and the record linked once."""
    checked = {True: 0, False: 0}
    for view in cat.signatories.values():
        if not view.related:
            continue
        page = next(generate.signatory_pages(cat, view)).render()
        section = page[page.index('<h2 id="related">'):]
        items = re.findall(r"<li>(.*?)</li>", section[:section.index("</ul>")])
        assert len(items) == len(view.related)
        kind = view.signatory.kind
        for r, item in zip(view.related, items, strict=True):
            en, es = (i18n.relation_name(r.relation, lang) for lang in ("en", "es"))
            if not r.outgoing:
                en = f"is {en} this {kind}"
                es = f"es {es} esta {i18n.text('kind_' + kind, 'es')}"
            words = re.findall(r'<span class="us-in-(en|es)"( lang="es")?>([^<]*)</span>', item)
            assert [(lang, text.strip()) for lang, _, text in words] == [("en", en), ("es", es)]
            assert words[1][1] == ' lang="es"'
            assert item.count("<a href=") == 1  # the related record, once
            checked[r.outgoing] += 1
    assert checked[True] > 10 and checked[False] > 10
    css = CSS.read_text(encoding="utf-8")
    assert ".us-in-es { display: none; }" in css
    assert ':root:is(:lang(es), [data-us-ui="es"]) .us-in-en { display: none; }' in css


# ---------------------------------------------------------------- hand-written pages

CONFIG = ROOT / "mkdocs.yml"
FENCED = re.compile(r"^```.*?^```$", re.S | re.M)
# Where the English guide turns from contributors to programmers: the Spanish version
# translates the part before it and points to the English for the rest.
CONTRIBUTORS_PART = {"contributing/": ("## Changing the code", "## Cambiar el código")}


def _structure(markdown: str) -> tuple[list[str], list[str], list[int]]:
    """A page's commands and code (its fenced blocks, its code spans with their spaces
    as one) and its headings' levels, in order."""
    rest = FENCED.sub("", markdown)
    return (FENCED.findall(markdown),
            [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", rest)],
            [len(m.group(1)) for m in re.finditer(r"^(#+) ", rest, re.M)])


def test_hand_written_pages_in_spanish_keep_the_english_headings_and_commands():
    """docs-es/ is kept in step with docs/: the same headings at the same levels, and the
    same commands and code (every fenced block and code span, in the same order), in the
    part of the page it translates."""
    pages = spanish.hand_pages(CONFIG)
    assert set(pages) == {"about/", "contributing/"}
    for url, es_path in pages.items():
        english = (ROOT / "docs" / (url[:-1] + ".md")).read_text(encoding="utf-8")
        es = es_path.read_text(encoding="utf-8")
        assert _structure(english)[2] == _structure(es)[2], url
        if url in CONTRIBUTORS_PART:
            en_cut, es_cut = CONTRIBUTORS_PART[url]
            english, es = english[:english.index(en_cut)], es[:es.index(es_cut)]
        en_blocks, en_spans, _ = _structure(english)
        es_blocks, es_spans, _ = _structure(es)
        assert es_blocks == en_blocks, url
        assert es_spans == en_spans, url
        assert len(en_spans) > 5


def test_the_spanish_navigation_links_the_spanish_hand_written_pages(tmp_path):
    cfg = spanish.config(CONFIG, tmp_path / "docs")
    nav = {name: target for entry in cfg["nav"] for name, target in entry.items()}
    assert nav["Acerca de"] == "about/index.md"
    assert nav["Contribuir"] == "contributing/index.md"
    assert not any(target.startswith("../") for target in nav.values())
    written = spanish.write_config(CONFIG, tmp_path / "work")
    assert (written.parent / "docs" / "about" / "index.md").read_text(
        encoding="utf-8").startswith(
        "# Acerca del archivo")
    # An archive whose mkdocs.yml lists none links the English pages, marked as such.
    plain = tmp_path / "plain"
    plain.mkdir()
    text = CONFIG.read_text(encoding="utf-8")
    (plain / "mkdocs.yml").write_text(
        text.replace("  us_spanish_pages: [about/, contributing/]\n", ""), encoding="utf-8")
    nav = {n: t for e in spanish.config(plain / "mkdocs.yml", tmp_path / "d")["nav"]
           for n, t in e.items()}
    assert nav["Acerca de (en inglés)"] == "../about/"
    # One listed without its file: an error naming the file to write, nothing guessed.
    (plain / "mkdocs.yml").write_text(
        text.replace("[about/, contributing/]", "[about/, format/]"), encoding="utf-8")
    (plain / "docs-es" / "about").mkdir(parents=True)
    (plain / "docs-es" / "about" / "index.md").write_text("# Acerca\n", encoding="utf-8")
    with pytest.raises(TreeFailed, match=r"lists format/ but .*docs-es/format/index\.md does"):
        spanish.config(plain / "mkdocs.yml", tmp_path / "d")


# ---------------------------------------------------------------- the built site

class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.links: list[str] = []
        self.alternate: dict[str, str] = {}
        self.switch: dict | None = None
        self.pagefind_body = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "data-pagefind-body" in a:
            self.pagefind_body = True
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternate[a["hreflang"]] = a["href"]
        if tag == "a" and "us-lang-switch__link" in (a.get("class") or ""):
            self.switch = a
        if tag in ("a", "link") and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img") and a.get("src"):
            self.links.append(a["src"])


def parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("spanish") / "site"
    build(ROOT, out)
    return out


def _target(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link from `page` leads to, if it is inside the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "mailto:")):
        return None
    url = urljoin("https://x.invalid/" + page.relative_to(site).as_posix(), unquote(parts.path))
    rel = urlsplit(url).path.lstrip("/")
    path = site / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


def _spanish_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "es").rglob("*.html") if p.name != "404.html")


def test_spanish_pages_are_spanish_and_every_link_on_them_resolves(site):
    pages = _spanish_pages(site)
    assert len(pages) > 10
    for page in pages:
        parsed = parse(page)
        assert parsed.lang == "es", page
        text = page.read_text(encoding="utf-8")
        assert 'aria-label="Navegación"' in text  # Material's own strings: theme.language es
        assert "latest letters" not in text and "últimas cartas" in text  # the feeds' titles
        for href in parsed.links:
            target = _target(site, page, href)
            if target is not None:
                assert target.is_file(), f"{page.relative_to(site)}: {href} -> {target}"
        assert not parsed.pagefind_body  # one search index: the pages built once
    home = (site / "es" / "index.html").read_text(encoding="utf-8")
    assert "Cartas recientes" in home and "Firmantes más frecuentes" in home


def test_the_switch_links_each_hub_page_to_its_other_language_both_ways(site):
    english = {p for p in site.rglob("index.html") if "es" != p.relative_to(site).parts[0]}
    with_spanish = set()
    for page in sorted(english):
        parsed = parse(page)
        assert parsed.switch is not None, page
        if "es" not in parsed.alternate:
            continue
        with_spanish.add(page)
        there = _target(site, page, parsed.alternate["es"])
        assert there.is_file() and parse(there).lang == "es", page
        assert _target(site, page, parsed.switch["href"]) == there
        back = parse(there)
        assert _target(site, there, back.alternate["en"]) == page
        assert _target(site, there, back.switch["href"]) == page
    # The template's rule (overrides/partials/us-switch.html) and spanish.is_hub agree:
    # an English page names a Spanish version exactly when there is one.
    assert {p.relative_to(site / "es") for p in _spanish_pages(site)} == {
        p.relative_to(site) for p in with_spanish}
    assert site / "index.html" in with_spanish and site / "letters" / "index.html" in with_spanish


def test_a_page_built_once_switches_its_labels_in_place(site):
    letter = site / "letters" / "2022-07-11-biden-lopez-obrador-meeting" / "index.html"
    parsed = parse(letter)
    assert parsed.lang == "en" and parsed.alternate == {}
    assert "data-us-toggle" in parsed.switch and parsed.switch["data-us-lang"] == "es"
    assert '<meta name="undersigned:labels"' in letter.read_text(encoding="utf-8")
    # A hand-written page with no Spanish version (the format): its switch leads to the
    # Spanish home page; About has one, and its switch leads there.
    fmt = parse(site / "format" / "index.html")
    assert "data-us-toggle" not in fmt.switch and fmt.alternate == {}
    assert _target(site, site / "format" / "index.html", fmt.switch["href"]) == (
        site / "es" / "index.html")
    about = parse(site / "about" / "index.html")
    assert _target(site, site / "about" / "index.html", about.switch["href"]) == (
        site / "es" / "about" / "index.html")


def test_search_keeps_one_index_for_both_interfaces(site):
    import json

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]
    assert not (site / "es" / "pagefind").exists()
    search = parse(site / "es" / "search" / "index.html")
    bundle = re.search(r'data-bundle="([^"]*)"',
                       (site / "es" / "search" / "index.html").read_text(encoding="utf-8"))
    assert _target(site, site / "es" / "search" / "index.html",
                   bundle.group(1) + "pagefind.js") == site / "pagefind" / "pagefind.js"
    assert search.lang == "es"
