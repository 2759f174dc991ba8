"""The whole site, built the way `undersigned build` builds it (mkdocs --strict + Pagefind)."""

import csv
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from undersigned import cli
from undersigned.load import load_archive
from undersigned.sitebuild import build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "archive"
NAV_TITLES = ["Home", "Letters", "Signatories", "Recipients", "Tags", "Data", "Contribute", "About",
              "How it is built"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "site"
    timings: dict = {}
    build(ROOT, out, timings)
    assert set(timings) >= {"load", "check", "catalogue", "generate", "render", "data",
                            "search_index", "total"}
    return out


def tree_digest(path: Path) -> dict[str, str]:
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def test_every_page_of_issue_3_is_built(site):
    archive = load_archive(ROOT)
    pages = ["index.html", "letters/index.html", "signatories/index.html",
             "organizations/index.html", "people/index.html", "networks/index.html",
             "recipients/index.html", "tags/index.html", "data/index.html", "about/index.html",
             "search/index.html", "404.html"]
    pages += [f"letters/{x.id}/index.html" for x in archive.letters]
    pages += [f"signatories/{i}/index.html" for i in archive.signatories]
    pages += [f"signatories/{i}/signatures.{e}" for i in archive.signatories
              for e in ("csv", "json")]
    pages += [f"recipients/{i}/index.html" for i in archive.recipients]
    pages += [f"tags/{i}/index.html" for i in archive.tags]
    assert [p for p in pages if not (site / p).is_file()] == []


def test_nav_is_a_handful_of_index_pages(site):
    letter = next((site / "letters").glob("2022-07-11-*/index.html")).read_text(encoding="utf-8")
    nav = letter[letter.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    titles = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*([^<]+?)\s*</a>', nav)
    assert [t for t in titles if t != "Undersigned"] == NAV_TITLES
    assert "/letters/2" not in nav and "signatories/imumi" not in nav


def test_data_files_are_published_and_parse(site):
    rows = list(csv.DictReader((site / "data" / "signatures.csv").open(encoding="utf-8")))
    assert len(rows) == sum(x.listed_count for x in load_archive(ROOT).letters)
    assert len(json.loads((site / "data" / "letters.json").read_text(encoding="utf-8"))) == 5
    assert json.loads((site / "data" / "signatories.json").read_text(encoding="utf-8"))
    mine = json.loads((site / "signatories" / "imumi" / "signatures.json").read_text("utf-8"))
    at = mine["columns"].index("letter_id")
    assert {r[at] for r in mine["data"]} == {x.id for x in load_archive(ROOT).letters}


def test_database_descriptions_and_citations_are_published(site):
    data = site / "data"
    with sqlite3.connect(f"file:{data / 'undersigned.db'}?mode=ro", uri=True) as db:
        assert db.execute("SELECT count(*) FROM letters").fetchone() == (5,)
    meta = json.loads((data / "metadata.json").read_text(encoding="utf-8"))
    assert "signatures" in meta["databases"]["undersigned"]["tables"]
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert all((data / r["path"]).is_file() for r in package["resources"])
    for letter in load_archive(ROOT).letters:
        folder = site / "letters" / letter.id
        assert (folder / "cite.bib").read_text(encoding="utf-8").startswith(f"@misc{{{letter.id},")
        assert json.loads((folder / "cite.json").read_text(encoding="utf-8"))[0]["id"] == letter.id
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert '<h2 id="cite">Cite</h2>' in page and 'href="cite.bib"' not in page
        assert f'href="../../letters/{letter.id}/cite.bib"' in page
    data_page = (data / "index.html").read_text(encoding="utf-8")
    for needle in ("undersigned.db", "datapackage.json", "metadata.json", "datasette ",
                   "sqlite3 ", "frictionless validate", "curl -O", "cite.bib"):
        assert needle in data_page, needle
    # No page over 1 MB (the downloads are files, not pages).
    assert max(p.stat().st_size for p in site.rglob("*.html")) < 1_000_000


def test_pages_are_marked_for_pagefind_with_filters(site):
    letter = next((site / "letters").glob("2022-07-11-*/index.html")).read_text(encoding="utf-8")
    assert "data-pagefind-body" in letter
    assert 'data-pagefind-filter="year:2022"' in letter
    assert 'data-pagefind-filter="recipient:' in letter
    assert 'data-pagefind-filter="tag"' in letter
    imumi = (site / "signatories" / "imumi" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="kind">organization' in imumi
    assert 'data-pagefind-weight="10"' in imumi
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home  # listings are not search results
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] > 300
    assert (site / "pagefind" / "pagefind.js").is_file()  # what the search UI imports


def test_no_outside_requests_in_the_html(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for ref in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', text):
            assert not re.match(r"^(https?:)?//", ref), (page, ref)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_site_size_stops_a_site_over_the_limit_before_the_upload(site):
    """scripts/site_size.py, run by deploy.yml: passes the seed site under GitHub's 1 GB,
    and refuses it, naming the largest kinds of file, when the limit is below its size."""
    import subprocess
    import sys

    script = [sys.executable, str(ROOT / "scripts" / "site_size.py"), str(site)]
    fits = subprocess.run(script, capture_output=True, text=True, timeout=300)
    assert fits.returncode == 0, fits.stderr
    assert "| page: letter | " in fits.stdout and "as GitHub Pages uploads it" in fits.stdout
    packed_mb = float(re.search(r"([\d,.]+) MB as GitHub Pages uploads it",
                                fits.stdout)[1].replace(",", ""))
    files_mb = float(re.search(r": [\d,]+ files, ([\d,.]+) MB;", fits.stdout)[1]
                     .replace(",", ""))
    assert 0 < packed_mb < files_mb
    over = subprocess.run([*script, "--limit-mb", str(packed_mb / 2)],
                          capture_output=True, text=True, timeout=300)
    assert over.returncode == 1
    assert f"{site}: error: the site is {packed_mb:,.1f} MB as uploaded" in over.stderr
    assert "the largest kinds: " in over.stderr and "Fitting the host" in over.stderr
    # Packed under the limit, unpacked over it: a warning, and the deploy goes on.
    between = subprocess.run([*script, "--limit-mb", str((packed_mb + files_mb) / 2)],
                             capture_output=True, text=True, timeout=300)
    assert between.returncode == 0 and "warning: " in between.stderr
    missing = subprocess.run([*script[:2], str(site / "nowhere")], capture_output=True,
                             text=True, timeout=60)
    assert missing.returncode == 2 and "run `make build` first" in missing.stderr


def test_two_builds_are_byte_identical(site, tmp_path):
    again = tmp_path / "site"
    build(ROOT, again)
    assert tree_digest(again) == tree_digest(site)


def test_the_speed_ups_change_no_byte(site, tmp_path, monkeypatch):
    """`undersigned build --plain` renders the tree as `mkdocs build` alone would: the
    same site, byte for byte; with the speed-ups most generated pages skip MkDocs'
    Markdown conversion."""
    from undersigned import mkdocs_speedups

    plain = tmp_path / "plain"
    assert cli.main(["--root", str(ROOT), "build", "--site-dir", str(plain), "--plain"]) == 0
    assert tree_digest(plain) == tree_digest(site)

    skipped = []
    real = mkdocs_speedups._Converted
    monkeypatch.setattr(mkdocs_speedups, "_Converted",
                        lambda page: skipped.append(page.file.src_uri) or real(page))
    again = tmp_path / "again"
    build(ROOT, again)
    assert tree_digest(again) == tree_digest(site)
    generated = [p for p in (site / "signatories").glob("*/index.html")]
    assert len(skipped) > 0.9 * len(generated)
    assert "about.md" not in skipped and "index.md" not in skipped


def test_the_shell_is_rendered_once_per_directory(site, tmp_path, monkeypatch):
    """The speed-ups render the theme's shared blocks (SHARED_BLOCKS) once per directory
    of generated pages, not once per page; pages in the navigation get their own. The
    site is the same bytes (test_the_speed_ups_change_no_byte renders it plainly)."""
    from undersigned import mkdocs_speedups

    keys = {}
    real = mkdocs_speedups.shared_key

    def spy(page, nav):
        key = real(page, nav)
        keys[page.file.src_uri if page is not None else None] = key
        return key

    monkeypatch.setattr(mkdocs_speedups, "shared_key", spy)
    again = tmp_path / "site"
    build(ROOT, again)
    assert tree_digest(again) == tree_digest(site)
    shared = [k for k in keys.values() if k is not None]
    assert keys.get("index.md") is None and keys.get("about.md") is None  # in the nav
    assert keys.get(None, None) is None  # 404.html: no page
    signatory_pages = [src for src in keys if src and src.startswith("signatories/")
                       and src.count("/") == 2]
    assert signatory_pages and all(keys[src] == "signatories" for src in signatory_pages)
    assert len(set(shared)) < len(shared) / 3


def test_the_speed_ups_step_aside_for_another_mkdocs(tmp_path, monkeypatch, capsys):
    """With a MkDocs or Material other than the one they were written for, the build
    says so in one line and renders the plain way: the same site."""
    from undersigned import mkdocs_speedups

    monkeypatch.setitem(mkdocs_speedups.WRITTEN_FOR, "mkdocs", "0.0.1")
    note = mkdocs_speedups.versions_differ()
    assert note and "written for 0.0.1" in note and "\n" not in note
    out = tmp_path / "site"
    assert cli.main(["--root", str(FIXTURE), "build", "--site-dir", str(out)]) == 0
    err = capsys.readouterr().err
    assert "note: MkDocs speed-ups off" in err and "written for 0.0.1" in err
    plain = tmp_path / "plain"
    assert cli.main(["--root", str(FIXTURE), "build", "--site-dir", str(plain),
                     "--plain"]) == 0
    assert tree_digest(out) == tree_digest(plain)


def test_invalid_archive_exits_1_and_leaves_the_previous_site(tmp_path, capsys):
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE, archive)
    site = tmp_path / "site"
    assert cli.main(["--root", str(archive), "build", "--site-dir", str(site)]) == 0
    before = tree_digest(site)
    assert "letters/2022-07-11-bilateral-meeting/index.html" in before
    capsys.readouterr()

    letter = archive / "letters" / "2022-07-11-bilateral-meeting.md"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("id: imumi", "id: no-such-entity", 1), encoding="utf-8")
    person = archive / "signatories" / "raul-reyes-covarrubias.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("kind: person", "kind: robot"),
                      encoding="utf-8")
    assert cli.main(["--root", str(archive), "build", "--site-dir", str(site)]) == 1
    err = capsys.readouterr().err
    assert "letters/2022-07-11-bilateral-meeting.md:" in err
    assert "no-such-entity" in err  # every problem, not just the first
    assert "signatories/raul-reyes-covarrubias.yml:" in err and "robot" in err
    assert "Traceback" not in err
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "site"]  # no leftovers


def test_build_replaces_only_a_site_it_built(tmp_path, capsys):
    """The swap deletes what was at --site-dir: a file, a device-like FIFO or a directory
    of someone's own files is refused before any work and left as it was."""
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE, archive)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    mine = tmp_path / "mine"
    (mine / "drafts").mkdir(parents=True)
    (mine / "drafts" / "letter.md").write_text("a draft\n", encoding="utf-8")
    for target, why in ((notes, "is not a directory"), (fifo, "is not a directory"),
                        (mine, "holds no site (no index.html)")):
        capsys.readouterr()
        assert cli.main(["--root", str(archive), "build", "--site-dir", str(target)]) == 1
        err = capsys.readouterr().err
        assert f"{target}: error: " in err and why in err and "Traceback" not in err
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert (mine / "drafts" / "letter.md").read_text(encoding="utf-8") == "a draft\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "mine", "notes.txt",
                                                           "pipe"]  # nothing begun
    # An empty directory, then the site it now holds, are built into.
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["--root", str(archive), "build", "--site-dir", str(empty)]) == 0
    assert (empty / "index.html").is_file()
    assert cli.main(["--root", str(archive), "build", "--site-dir", str(empty)]) == 0


def test_a_generated_page_may_not_shadow_a_hand_written_one(tmp_path):
    # docs/about.md is hand-written: a generated page of the same path must stop the build.
    from undersigned.sitebuild import BuildFailed, write_tree

    with pytest.raises(BuildFailed, match="'about.md' and 'about.md' build to the same file"):
        write_tree(ROOT, {"about.md": "# shadow\n"}, tmp_path / "out")
    with pytest.raises(BuildFailed, match="build to the same file 'letters/x/index.html'"):
        write_tree(ROOT, {"letters/x.md": "a", "letters/x/index.md": "b"}, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_pictures_are_in_the_built_pages_and_their_links_resolve(site):
    """Timelines and networks survive MkDocs intact (inline SVG, no script), and every
    link they hold leads to a built page."""
    from undersigned import generate
    from undersigned.catalogue import catalogue

    cat = catalogue(load_archive(ROOT))
    pictured = {"index.html": 1, "network/index.html": 1}
    for sid, view in cat.signatories.items():
        count = ((view.letter_count >= generate.PICTURE_FROM)
                 + any(n >= generate.MIN_TOGETHER for _, n in view.cosigners)
                 + any(mid in cat.signatories for m in view.memberships for _, mid in m.members))
        if count:
            pictured[f"signatories/{sid}/index.html"] = count
    for rid in cat.recipients:
        if cat.recipient_letters.get(rid):
            pictured[f"recipients/{rid}/index.html"] = 1
    for rel, count in pictured.items():
        page = site / rel
        text = page.read_text(encoding="utf-8")
        found = re.findall(r'<svg class="us-pic.*?</svg>', text, re.S)
        assert len(found) == count, (rel, len(found))
        for svg in found:
            assert "<script" not in svg and "<p>" not in svg, rel  # Markdown left it alone
            assert re.search(r'aria-labelledby="([\w-]+)-t \1-d"', svg), rel
            for href in re.findall(r'<a href="([^"#]+)', svg):
                target = (page.parent / href).resolve()
                assert (target / "index.html").is_file(), (rel, href)
        assert page.stat().st_size < 1_000_000
    assert 'href="network/"' in (site / "index.html").read_text(encoding="utf-8")


def test_citations_use_the_site_address_only_when_mkdocs_yml_sets_it(tmp_path, monkeypatch):
    from mkdocs.config import load_config

    from undersigned.sitebuild import site_url_of

    # This archive's own: what MkDocs reads (none while the address is not decided).
    assert site_url_of(ROOT / "mkdocs.yml") == (
        load_config(str(ROOT / "mkdocs.yml")).site_url or None)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nsite_url: https://example.org/archive/\n", "utf-8")
    assert site_url_of(config) == "https://example.org/archive/"
    monkeypatch.setenv("UNDERSIGNED_SITE_URL", "https://env.example.org/")
    config.write_text("site_name: X\nsite_url: !ENV UNDERSIGNED_SITE_URL\n", "utf-8")
    assert site_url_of(config) == "https://env.example.org/"  # MkDocs' own !ENV tag
    for broken in ("site_url: javascript:alert(1)\n", "site_url: [1, 2\n", ""):
        config.write_text(broken, "utf-8")
        assert site_url_of(config) is None
