"""Page generation: every page exists, links resolve, contributed text is escaped.

Runs on the real seed letters, and on a small committed fixture archive whose
key pages are compared with committed expected output (the golden test). After
an intended change, regenerate them with `UNDERSIGNED_UPDATE_GOLDEN=1 pytest
tests/test_generate.py` and review the diff.
"""

import dataclasses
import html
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from translation_support import ENGLISH_ID, SPANISH_ID, bilingual_archive

from undersigned import generate as generate_module
from undersigned.catalogue import catalogue
from undersigned.generate import generate, url_of
from undersigned.load import load_archive

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "archive"
EXPECTED = ROOT / "tests" / "fixtures" / "site" / "expected"
GOLDEN = [
    "index.md",
    "letters/index.md",
    "letters/2022-07-11-bilateral-meeting.md",
    "letters/2023-01-20-second-letter.md",
    "signatories/imumi.md",
    "signatories/gtpm.md",
    "signatories/index.md",
    "recipients/joseph-biden.md",
    "data/signatures.csv",
    "signatories/imumi/signatures.json",
]


@pytest.fixture(scope="module")
def seeds():
    archive = load_archive(ROOT)
    cat = catalogue(archive)
    return archive, cat, generate(cat)


@pytest.fixture(scope="module")
def fixture_pages():
    return generate(catalogue(load_archive(FIXTURE)))


def front_matter(page: str) -> dict:
    assert page.startswith("---\n")
    return yaml.safe_load(page.split("---\n")[1])


def test_every_page_of_the_site_exists(seeds):
    archive, cat, pages = seeds
    expected = {"index.md", "letters/index.md", "signatories/index.md", "organizations/index.md",
                "people/index.md", "networks/index.md", "recipients/index.md",
                "tags/index.md", "data/index.md", "search/index.md",
                "data/signatures.csv", "data/letters.json", "data/signatories.json"}
    expected |= {f"letters/{x.id}.md" for x in archive.letters}
    expected |= {f"letters/{x.year}.md" for x in archive.letters}
    expected |= {f"signatories/{i}.md" for i in archive.signatories}
    expected |= {f"signatories/{i}/signatures.{ext}" for i in archive.signatories
                 for ext in ("csv", "json")}
    expected |= {f"recipients/{i}.md" for i in archive.recipients}
    expected |= {f"tags/{i}.md" for i in archive.tags}
    assert expected - set(pages) == set()


def _hrefs(src: str, page: str) -> list[str]:
    """Internal links of a generated page, resolved to the generated path they name."""
    base = url_of(src)
    out = []
    for href in re.findall(r'href="([^"]+)"', page):
        href = html.unescape(href)
        if href.startswith(("http://", "https://", "mailto:", "#")):
            continue
        path = href.split("#")[0]
        parts = (base + path).split("/")
        stack: list[str] = []
        for part in parts[:-1] if not path.endswith("/") else parts:
            if part == "..":
                stack.pop()
            elif part not in ("", "."):
                stack.append(part)
        if not path.endswith("/"):
            stack.append(parts[-1])
        out.append("/".join(stack) + ("/" if path.endswith("/") else ""))
    return out


def test_every_internal_link_names_a_generated_page(seeds):
    _, _, pages = seeds
    assert broken_links(pages) == []


def broken_links(pages: dict[str, str]) -> list[tuple[str, str]]:
    urls = {url_of(p) for p in pages} | {"about/"}
    broken = [(src, target) for src, page in pages.items() if src.endswith(".md")
              for target in _hrefs(src, page) if target not in urls]
    return broken


def test_long_listings_are_paginated_and_split(seeds, monkeypatch):
    # At 10,000 letters no page may pass 1 MB: long lists continue on numbered pages,
    # long A-Z indexes split by initial. Small limits show it on the seeds.
    monkeypatch.setattr(generate_module, "ROWS_PER_PAGE", 2)
    monkeypatch.setattr(generate_module, "SPLIT_INDEX_OVER", 50)
    archive, cat, _ = seeds
    pages = generate(cat)
    assert broken_links(pages) == []
    signed = len(cat.signatories["imumi"].signed)
    assert f"signatories/imumi/letters/{(signed + 1) // 2}.md" in pages
    assert f"signatories/imumi/letters/{(signed + 1) // 2 + 1}.md" not in pages
    assert "tags/asylum/2.md" in pages and "letters/2021/2.md" in pages
    assert "a-z/a.md" in pages and "organizations/a.md" in pages
    biggest = max((src for src in pages if re.match(r"a-z/[a-z0]\.md$", src)),
                  key=lambda src: pages[src].count("<tr>"))
    assert pages[biggest].count("<tr>") <= 51  # 50 rows and the header
    assert biggest.replace(".md", "/2.md") in pages
    # Every signatory is on exactly one A-Z page of its kind.
    for sid, s in archive.signatories.items():
        kind_base = {"organization": "organizations", "person": "people",
                     "network": "networks"}[s.kind]
        listed = [src for src in pages if re.match(rf"{kind_base}/[a-z0](/\d+)?\.md$", src)
                  and f"/signatories/{sid}/" in pages[src]]
        assert len(listed) == 1 or (s.kind == "network" and not listed), sid


def test_letter_page_shows_printed_forms_linked_and_members_nested(seeds):
    archive, cat, pages = seeds
    letter = next(x for x in archive.letters if any(e.members for s in x.sections
                                                    for e in s.entries))
    page = pages[f"letters/{letter.id}.md"]
    network = next(e for s in letter.sections for e in s.entries if e.members)
    # The network's entry holds an ordered list of its members, each linked.
    start = page.index(f'/signatories/{network.id}/">{html.escape(network.printed)}</a>')
    nested = page[start:page.index("</ol>", start)]
    for m in network.members:
        assert f'/signatories/{m.id}/">{html.escape(m.printed)}</a>' in nested
    for s in letter.signatures:
        assert f'/signatories/{s.signatory_id}/">{html.escape(s.printed)}</a>' in page
    # Every printed section heading appears, in printed order.
    headings = [s.heading for s in letter.sections if s.heading]
    positions = [page.index(f">{html.escape(h)}</h3>") for h in headings]
    assert positions == sorted(positions)


def test_a_letter_and_its_translation_link_each_other_marked_with_their_language(tmp_path):
    pages = generate(catalogue(load_archive(bilingual_archive(tmp_path / "repo"))))
    english, spanish = pages[f"letters/{ENGLISH_ID}.md"], pages[f"letters/{SPANISH_ID}.md"]
    assert ('<p class="us-translations">Also in <a href="../../letters/'
            f'{SPANISH_ID}/" hreflang="es" lang="es">Español</a></p>') in english
    assert ('<p class="us-translations">Also in <a href="../../letters/'
            f'{ENGLISH_ID}/" hreflang="en" lang="en">English</a></p>') in spanish
    # Each body is marked with its own language, whatever the interface's.
    assert '<div class="us-body" lang="es">' in spanish
    records = {r["id"]: r for r in json.loads(pages["data/letters.json"])}
    assert records[ENGLISH_ID]["translations"] == [SPANISH_ID]
    assert records[SPANISH_ID]["translations"] == [ENGLISH_ID]
    assert broken_links(pages) == []


def test_a_letter_without_translations_links_none(fixture_pages):
    assert all("us-translations" not in page for src, page in fixture_pages.items()
               if src.startswith("letters/") and isinstance(page, str))


def test_canonical_name_follows_a_different_printed_form(fixture_pages):
    page = fixture_pages["letters/2022-07-11-bilateral-meeting.md"]
    assert ("IMUMI Instituto para las Mujeres en la Migración</a> "
            '<span class="us-canonical">→ Instituto para las Mujeres en la Migración</span>'
            in page)
    # A printed form equal to the canonical name is not repeated.
    assert "Raúl Reyes Covarrubias</a></li>" in page


def test_letter_body_has_working_footnotes_and_lost_links_become_text(fixture_pages):
    page = fixture_pages["letters/2023-01-20-second-letter.md"]
    assert 'href="#fn:1"' in page and 'id="fn:1"' in page and 'href="#fnref:1"' in page
    assert "cuatro pilares" in page and 'href="#"' not in page
    assert '<div class="us-body" lang="es">' in page
    assert "<ol>\n<li>Acceso al asilo.</li>" in page


def test_signatory_page_lists_letters_forms_cosigners_and_data(seeds):
    _, cat, pages = seeds
    page = pages["signatories/imumi.md"]
    view = cat.signatories["imumi"]
    for form in view.printed_forms:
        assert html.escape(form) in page
    table = page[page.index('<table class="us-table us-signed">'):]
    positions = [table.index(f'/letters/{lid}/"') for lid in view.letter_ids]
    assert positions == sorted(positions), "letters newest first"
    for other, n in view.cosigners:
        assert f'/signatories/{other}/">' in page and f'<td class="us-num">{n}</td>' in page
    assert 'href="signatures.csv"' not in page  # links are relative to the page URL
    assert '../../signatories/imumi/signatures.csv"' in page
    # Every word of every name, once, weighted for search (IMUMI's page ranks first).
    terms = re.search(r'aria-hidden="true" data-pagefind-weight="10">([^<]*)<', page).group(1)
    words = [w.casefold() for w in terms.split()]
    assert len(words) == len(set(words))
    for form in (*view.printed_forms, "IMUMI"):
        assert set(re.findall(r"\w+", form.casefold())) <= set(words), form
    assert 'data-pagefind-filter="kind">organization<' in page


def test_member_of_a_network_says_so(seeds):
    archive, cat, pages = seeds
    s = next(s for x in archive.letters for s in x.signatures if s.via)
    page = pages[f"signatories/{s.signatory_id}.md"]
    assert f'as a member of <a href="../../signatories/{s.via}/">' in page


def test_network_page_lists_members_as_printed_per_letter(seeds):
    _, cat, pages = seeds
    page = pages["signatories/gtpm.md"]
    assert "Members as printed" in page
    for m in cat.signatories["gtpm"].memberships:
        assert f'/letters/{m.letter_id}/"' in page
        for printed, mid in m.members:
            assert f'/signatories/{mid}/">{html.escape(printed)}</a>' in page


def test_signatories_index_is_a_to_z_and_split_by_kind(seeds):
    archive, cat, pages = seeds
    page = pages["signatories/index.md"]
    order = [m for m in re.findall(r'<td><a href="\.\./signatories/([^/]+)/"', page)]
    assert order == list(cat.signatories_az)
    people = pages["people/index.md"]
    assert all(("signatories/" + i + "/") in people for i, s in archive.signatories.items()
               if s.kind == "person")
    assert not any(("signatories/" + i + "/") in people for i, s in archive.signatories.items()
                   if s.kind == "organization")


def test_front_matter_is_escaped_and_parses(seeds):
    _, _, pages = seeds
    for src, page in pages.items():
        if src.endswith(".md"):
            meta = front_matter(page)
            assert set(meta) <= {"title", "description", "pagefind", "feed", "together"}
            assert "<" not in meta["title"] and '"' not in meta["title"]
            # The directory of the page's own feeds (overrides/main.html links them).
            if "feed" in meta:
                assert re.fullmatch(r"(signatories|recipients|tags)/[a-z0-9-]+/", meta["feed"])
                assert meta["feed"] + "feed.xml" in pages and meta["feed"] + "feed.json" in pages


SVG_TITLE = re.compile(r'<title(?: id="[a-z-]+")?>[^<]*</title>')


def test_contributed_text_is_escaped_everywhere(fixture_pages):
    archive = load_archive(FIXTURE)
    evil = '</title><script>alert(1)</script>"&'
    letter = dataclasses.replace(archive.letters[0], title=evil, summary=evil, source=evil,
                                 body="<script>alert(2)</script>\n\n[x](javascript:alert(3))")
    imumi = dataclasses.replace(archive.signatories["imumi"], name=evil, note=evil,
                                website="javascript:alert(4)", acronyms=(evil,))
    hostile = dataclasses.replace(archive, letters=(letter, *archive.letters[1:]),
                                  signatories={**archive.signatories, "imumi": imumi})
    pages = generate(catalogue(hostile))
    for src, page in pages.items():
        if src.endswith(".md"):
            assert "<script" not in page, src
            assert "javascript:" not in page, src
            # The pictures' own SVG <title>s hold text only: any other </title> is markup.
            assert "</title>" not in SVG_TITLE.sub("", page), src
    meta = front_matter(pages[f"letters/{letter.id}.md"])
    assert meta["title"] == html.escape(evil)


def test_templates_print_markup_as_is_and_escape_the_rest():
    """The switch that lets templates print a Markup value as itself is on with the Jinja
    installed (if a Jinja changes how templates escape, this fails and the pages keep the
    stock escaping), and prints what markupsafe.escape would, for every kind of value."""
    from markupsafe import Markup, escape

    for lang in ("en", "es"):
        env = generate_module._environment(lang)
        for name in env.list_templates():
            namespace = env.get_template(name).root_render_func.__globals__
            assert namespace[generate_module._JINJA_ESCAPE] is generate_module._markup_as_is, (
                f"{name}: Jinja no longer escapes through markupsafe.escape by that name")
    ours = generate_module._markup_as_is
    kept = Markup("<em>ours</em>")
    assert ours(kept) is kept
    for value in ('</title><script>"&\'', 12, None, 3.5, kept, Markup("a") + "<b>",
                  html.escape("&"), ["<x>"]):
        assert ours(value) == escape(value) and type(ours(value)) is Markup
    page = generate_module.Page("letters/x.md", "x")
    text = page.render_template("_signed_table.html", signed=[
        (Markup("<td>cells</td>"), '<b>"Printed" & co</b>', None)])
    assert "<td>cells</td><td>&lt;b&gt;&quot;Printed&quot; &amp; co&lt;/b&gt;</td>" in text


def test_generation_is_deterministic(fixture_pages):
    again = generate(catalogue(load_archive(FIXTURE)))
    assert again == fixture_pages
    # Every text file with \n line endings; the database is the one binary file.
    assert [src for src, text in again.items() if isinstance(text, bytes)] == [
        "data/undersigned.db"]
    assert all("\r" not in text for text in again.values() if isinstance(text, str))


@pytest.mark.parametrize("path", GOLDEN)
def test_golden_pages(fixture_pages, path):
    expected = EXPECTED / path
    if os.environ.get("UNDERSIGNED_UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(fixture_pages[path], encoding="utf-8", newline="")
    assert fixture_pages[path] == expected.read_text(encoding="utf-8")
