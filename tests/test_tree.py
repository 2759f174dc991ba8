"""The generated tree (`undersigned generate DIR`) rendered by plain `mkdocs build` in a
process of its own: no hook, no speed-up, no Python of ours. Every page, download,
internal link and search result of `undersigned build` is there, byte for byte."""

from __future__ import annotations

import hashlib
import html.parser
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from pagefind_bundle import contents

from undersigned import cli, search_index
from undersigned.sitebuild import build
from undersigned.tree import EPOCH_FILE

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "archive"

# Runs MkDocs' own command line, then says whether any module of ours was imported.
PLAIN_MKDOCS = """
import sys
from mkdocs.__main__ import cli
try:
    cli.main(sys.argv[1:], standalone_mode=False)
finally:
    ours = sorted(m for m in sys.modules if m == "undersigned" or m.startswith("undersigned."))
    print("imported:", ours, file=sys.stderr)
"""


def tree_digest(path: Path) -> dict[str, str]:
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def render_plain(tree: Path, site: Path, config: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": (tree / EPOCH_FILE).read_text().strip()}
    return subprocess.run(
        [sys.executable, "-c", PLAIN_MKDOCS, "build", "--strict", "-q",
         "-f", str(config or tree / "mkdocs.yml"), "-d", str(site)],
        env=env, capture_output=True, text=True, timeout=600, cwd=tree)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed archive's site, by `undersigned build`."""
    site = tmp_path_factory.mktemp("built") / "site"
    build(ROOT, site)
    return site


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    out = tmp_path_factory.mktemp("tree") / "tree"
    assert cli.main(["--root", str(ROOT), "generate", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def plain(tree, tmp_path_factory):
    """The same tree, rendered by `mkdocs build` alone, then indexed by Pagefind."""
    site = tmp_path_factory.mktemp("plain") / "site"
    done = render_plain(tree, site)
    assert done.returncode == 0, done.stderr
    assert "imported: []" in done.stderr  # not one module of ours in MkDocs' process
    # The Spanish hub pages: a second rendering of the tree into the site's es/
    # (spanish.py), whose own 404 page is not kept (the site's is in both languages).
    done = render_plain(tree, site / "es", tree / "es" / "mkdocs.yml")
    assert done.returncode == 0, done.stderr
    assert "imported: []" in done.stderr
    (site / "es" / "404.html").unlink()
    search_index.index(site)
    return site


def test_the_tree_is_plain_files_and_a_config_with_no_hooks(tree):
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs"
    assert "hooks" not in config
    assert all(p[name].get("enabled") is False for p in config["plugins"] for name in p)
    custom = Path(config["theme"]["custom_dir"])
    assert custom.is_absolute() and (custom / "main.html").is_file()
    assert config["nav"][0] == {"Home": "index.md"}
    docs = tree / "docs"
    # Hand-written pages, generated pages and the downloads, side by side.
    assert (docs / "about.md").is_file() and (docs / "letters" / "index.md").is_file()
    # Each generated page an index.md in its URL's directory (tree.tree_path).
    assert (docs / "signatories" / "imumi" / "index.md").read_text("utf-8").startswith("---\n")
    assert not (docs / "signatories" / "imumi.md").exists()
    assert (docs / "data" / "signatures.csv").is_file()
    assert (docs / "signatories" / "imumi" / "signatures.json").is_file()
    assert (docs / "feed.xml").is_file()
    assert int((tree / EPOCH_FILE).read_text()) > 0


def test_plain_mkdocs_renders_every_file_of_the_build_byte_for_byte(built, plain):
    """Every page and download of `undersigned build` (the speed-ups on) is in the
    plain render with the same bytes; only Pagefind's bundle is left aside here."""
    ours = {k: v for k, v in tree_digest(built).items() if not k.startswith("pagefind/")}
    theirs = {k: v for k, v in tree_digest(plain).items() if not k.startswith("pagefind/")}
    assert sorted(set(ours) - set(theirs)) == []
    assert sorted(set(theirs) - set(ours)) == []
    differ = sorted(k for k in ours if ours[k] != theirs[k])
    assert differ == []
    assert len([k for k in ours if k.endswith("index.html")]) > 300


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def internal_links(site: Path) -> set[tuple[str, str]]:
    """(page, target file) of every relative link in every page."""
    found = set()
    for page in site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            # 404.html links from the site's root: it is served at any missing URL.
            base = site if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            found.add((page.relative_to(site).as_posix(), str(target)))
    return found


def test_every_internal_link_of_the_plain_render_leads_to_a_file(plain):
    links = internal_links(plain)
    assert len(links) > 3000
    broken = sorted((page, target) for page, target in links if not Path(target).is_file())
    assert broken == []


def test_search_over_the_plain_render_finds_what_the_build_finds(built, plain):
    ours, theirs = contents(built / "pagefind"), contents(plain / "pagefind")
    assert theirs == ours
    words = theirs["en"]["words"]
    pages = {url for url, _locs, _meta in words["mexico"][0]}
    # "Mexico" finds the letters that print "México" (accents folded) and a signatory.
    assert any(u.startswith("/letters/2022-07-11-") for u in pages)
    assert "/signatories/asylum-access-mexico/" in pages


def test_generate_refuses_a_directory_it_did_not_write_and_replaces_its_own(
        tmp_path, capsys):
    stranger = tmp_path / "notes"
    stranger.mkdir()
    (stranger / "keep.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["--root", str(FIXTURE), "generate", str(stranger)]) == 1
    err = capsys.readouterr().err
    assert f"{stranger}: error: not empty" in err and "Traceback" not in err
    assert [p.name for p in stranger.iterdir()] == ["keep.txt"]

    out = tmp_path / "tree"
    assert cli.main(["--root", str(FIXTURE), "generate", str(out)]) == 0
    first = tree_digest(out)
    (out / "docs" / "stale.md").write_text("# left from before\n", encoding="utf-8")
    assert cli.main(["--root", str(FIXTURE), "generate", str(out)]) == 0
    assert tree_digest(out) == first  # replaced whole, byte-identical
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes", "tree"]  # no leftovers


def test_generate_on_an_invalid_archive_writes_nothing(tmp_path, capsys):
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE, archive)
    letter = archive / "letters" / "2022-07-11-bilateral-meeting.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("id: imumi", "id: nobody", 1),
                      encoding="utf-8")
    out = tmp_path / "tree"
    assert cli.main(["--root", str(archive), "generate", str(out)]) == 1
    err = capsys.readouterr().err
    assert "letters/2022-07-11-bilateral-meeting.md:" in err and "nobody" in err
    assert "Traceback" not in err
    assert not out.exists()


# ---------------------------------------------------------------- Zensical

# Runs Zensical's own command line, then says whether any module of ours was imported.
ZENSICAL = PLAIN_MKDOCS.replace("from mkdocs.__main__ import cli", "from zensical.main import cli")
# What Zensical writes that MkDocs does not, and the reverse (docs/renderers.md).
ZENSICAL_ONLY = {"search.json", "es/search.json"}  # (es/: the Spanish hub pages)
MKDOCS_ONLY = {"sitemap.xml.gz", "es/sitemap.xml.gz"}


@pytest.fixture(scope="module")
def zensical(tree, tmp_path_factory):
    """The same tree rendered by Zensical (the newest release that installs here), then
    indexed by Pagefind as `make build-zensical` does."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": (tree / EPOCH_FILE).read_text().strip()}
    done = subprocess.run([sys.executable, "-c", ZENSICAL, "build", "--clean", "--strict",
                           "-f", str(tree / "mkdocs.yml")],
                          env=env, capture_output=True, text=True, timeout=600, cwd=tree)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "imported: []" in done.stderr
    site = tmp_path_factory.mktemp("zensical") / "site"
    (tree / "site").rename(site)  # Zensical writes inside the project: taken out of the tree
    # The Spanish hub pages: the tree's second rendering (spanish.py), into the site's es/.
    done = subprocess.run([sys.executable, "-c", ZENSICAL, "build", "--clean", "--strict",
                           "-f", str(tree / "es" / "mkdocs.yml")],
                          env=env, capture_output=True, text=True, timeout=600, cwd=tree / "es")
    assert done.returncode == 0, done.stdout + done.stderr
    (tree / "es" / "site").rename(site / "es")
    (site / "es" / "404.html").unlink()
    search_index.index(site)
    return site


def test_zensical_renders_every_page_and_download_of_the_build(built, zensical):
    def files(site):
        return {k for k in tree_digest(site)
                if not k.startswith(("pagefind/", "assets/", "es/assets/"))}
    ours, theirs = files(built), files(zensical)
    assert sorted(ours - theirs) == sorted(MKDOCS_ONLY)
    assert sorted(theirs - ours) == sorted(ZENSICAL_ONLY)
    # The downloads are the same bytes: the renderer only copies them.
    same = tree_digest(built)
    for rel, digest in tree_digest(zensical).items():
        if rel.endswith((".csv", ".json", ".xml", ".bib", ".db")) and rel in same \
                and rel not in ("sitemap.xml",):
            assert digest == same[rel], rel


def _generated(text: str) -> str:
    return text[text.index("<!-- us-html -->"):text.index("<!-- /us-html -->")]


def test_zensical_leaves_every_generated_page_as_generate_wrote_it(built, zensical):
    """Its links included: each page lies in its URL's directory (tree.tree_path), so a
    renderer that reads links in HTML relative to the source file keeps them."""
    compared = 0
    for page in built.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if "<!-- us-html -->" not in text:
            continue
        theirs = (zensical / page.relative_to(built)).read_text(encoding="utf-8")
        assert _generated(theirs) == _generated(text), page.relative_to(built)
        compared += 1
    assert compared > 300


def test_every_internal_link_of_the_zensical_render_leads_to_a_file(zensical):
    links = internal_links(zensical)
    assert len(links) > 3000
    broken = sorted((page, target) for page, target in links if not Path(target).is_file())
    assert broken == []


def test_search_over_the_zensical_render_finds_what_the_build_finds(built, zensical):
    ours, theirs = contents(built / "pagefind")["en"], contents(zensical / "pagefind")["en"]
    assert set(theirs["pages"]) == set(ours["pages"])
    assert theirs["filters"] == ours["filters"]
    for word in ("mexico", "imumi", "asylum"):
        assert {u for u, *_ in theirs["words"][word][0]} == \
            {u for u, *_ in ours["words"][word][0]}, word


def test_a_tree_renders_a_second_config_into_a_subdirectory(tmp_path):
    """A second interface (another language's hub pages, say) is a second config and docs
    directory in the same tree, rendered into a subdirectory of the one site."""
    from undersigned import tree as tree_mod
    from undersigned.sitebuild import render

    page = ('---\ntitle: "Cartas"\n---\n\n<div class="us-page">\n<!-- us-html -->\n'
            '<h1>Cartas</h1>\n<p><a href="../../letters/">Letters</a></p>\n'
            '<!-- /us-html -->\n</div>\n')
    second = tmp_path / "es"
    (second / "docs").mkdir(parents=True)
    (second / "docs" / "index.md").write_text("# Inicio\n", encoding="utf-8")
    (second / "mkdocs.yml").write_text(
        "site_name: Undersigned\nstrict: true\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n  language: es\n"
        "plugins:\n  - search:\n      enabled: false\n"
        "nav:\n  - Inicio: index.md\n  - Cartas: letters/index.md\n", encoding="utf-8")

    nav = ("index.md", "letters/index.md", "signatories/index.md", "recipients/index.md",
           "tags/index.md", "data/index.md", "network/index.md")  # what docs/ links to
    tree = tree_mod.write_tree({src: page.replace("Cartas", "Letters") for src in nav},
                               tmp_path / "tree", ROOT / "mkdocs.yml", "0")
    pages = {"letters/index.md": page}
    tree_mod.add_rendering(tree, "es", pages, second / "mkdocs.yml", "es")
    assert pages == {} and tree.page_count == len(nav) + 1
    assert [r.site_subdir for r in tree.renderings] == ["", "es"]
    assert (tmp_path / "tree" / "es" / "mkdocs.yml").is_file()
    site = tmp_path / "site"
    render(tree, site)
    assert "<h1>Letters</h1>" in (site / "letters" / "index.html").read_text("utf-8")
    assert "<h1>Cartas</h1>" in (site / "es" / "letters" / "index.html").read_text("utf-8")
    assert (site / "es" / "index.html").is_file() and (site / "about" / "index.html").is_file()
    with pytest.raises(tree_mod.TreeFailed, match="subdirectory"):
        tree_mod.add_rendering(tree, "x", {}, second / "mkdocs.yml", "../x")
