"""The built site, from the outside: no foreign script, no broken link, byte-reproducible,
and a hostile archive never reaches `site/`.

One real build of the repository is shared by the session (about 5 s); each test
reads the HTML files MkDocs and Pagefind wrote, as a browser would receive them.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import posixpath
import re
import shutil
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from undersigned import safety
from undersigned.body import BODY_TOO_DEEP, BodyFailed, body_renderer
from undersigned.catalogue import catalogue
from undersigned.generate import generate
from undersigned.load import load_archive
from undersigned.models import Diagnostic
from undersigned.touched import pages_for

pytestmark = pytest.mark.slow

REPO = Path(__file__).parent.parent
HOSTILE = REPO / "tests" / "fixtures" / "hostile"
VALID = REPO / "tests" / "fixtures" / "check" / "valid"

# The only scripts a page may load: Material's bundle and the site's own scripts in
# overrides/assets, reviewed code (the search UI imports Pagefind's pagefind.js when used).
# Paths relative to the site root; the Spanish hub pages (spanish.py) are rendered with a
# copy of the theme's assets of their own, under es/.
ALLOWED_SCRIPT_SRC = [
    re.compile(r"^(es/)?assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$"),  # Material
    re.compile(r"^(es/)?assets/javascripts/undersigned-search\.js$"),  # ours
    # Ours: keeps Material from fetching a sitemap beside each feed (the file says why).
    re.compile(r"^(es/)?assets/javascripts/undersigned-feeds\.js$"),
    # Ours: the language switch (overrides/partials/us-switch.html).
    re.compile(r"^(es/)?assets/javascripts/undersigned-lang\.js$"),
    # Ours: letters signed together, on a signatory page (templates/signatory.html).
    re.compile(r"^assets/javascripts/undersigned-together\.js$"),
]
# Material's base.html writes two inline scripts into every page; relative paths
# in them ("../..") differ per page and are normalised to "REL" before comparing.
# A new inline script (a theme upgrade, an override) fails here until reviewed.
ALLOWED_INLINE_SCRIPTS = {
    '__md_scope=new URL("REL",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.'
    'charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem('
    't.pathname+"REL"+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem('
    'a.pathname+"REL"+e,JSON.stringify(_))}catch(e){}}',
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
    '(target.checked=target.name.startsWith("__tabbed_"))',
}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal"}
SAFE_SCHEMES = {"http", "https", "mailto"}


def build(root: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "undersigned", "--root", str(root), "build",
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, cwd=REPO, timeout=600,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
             "HOME": os.environ.get("HOME", "/tmp"), **(env or {})},
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    result = build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


class Page(HTMLParser):
    """Everything a test needs from one HTML file: ids, links, scripts, handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.scripts: list[tuple[dict, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.forbidden: list[str] = []
        self._script: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        for key, value in a.items():
            if key.startswith("on"):
                self.handlers.append((tag, key))
            if key in ("href", "src", "action", "formaction", "data", "poster", "srcset"):
                self.urls.append((tag, key, value))
        if tag in FORBIDDEN_TAGS or (tag == "svg" and any(k.startswith("on") for k in a)):
            self.forbidden.append(tag)
        if tag == "script":
            self._script, self._text = a, []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="session")
def pages(site) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}


def site_path(page_rel: str, url: str) -> str | None:
    """The site-relative path a local URL on `page_rel` points at; None when not local."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    if not parts.path:
        return page_rel
    # A root-absolute path ("/assets/...", as in 404.html) is relative to the site root,
    # which is where the site is served from.
    base = "" if parts.path.startswith("/") else posixpath.dirname(page_rel)
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
    if joined == ".":
        joined = ""
    if parts.path.endswith("/") and joined:  # (not for the root: "../" from es/)
        joined += "/"
    return joined


def target_file(site: Path, rel: str) -> Path | None:
    if rel.startswith("../") or rel == "..":
        return None  # escapes the site
    path = site / rel
    if rel == "" or rel.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def test_the_site_has_the_pages_we_crawl(pages):
    # Guards the tests below against an empty or half-built site.
    assert len(pages) > 50
    assert "index.html" in pages and "letters/index.html" in pages
    assert any(p.startswith("letters/2022-07-11-") for p in pages)


def test_no_foreign_script_frame_or_handler(pages):
    problems = []
    for rel, page in pages.items():
        problems += [f"{rel}: <{tag}>" for tag in page.forbidden]
        problems += [f"{rel}: <{tag} {attr}=...>" for tag, attr in page.handlers]
        for attrs, text in page.scripts:
            if "src" in attrs:
                target = site_path(rel, attrs["src"])
                if target is None or not any(p.match(target) for p in ALLOWED_SCRIPT_SRC):
                    problems.append(f"{rel}: <script src={attrs['src']!r}> is not one of the "
                                    "site's own assets")
            elif attrs.get("type") == "application/json":
                continue  # data for Material's bundle, not executed
            else:
                normalised = re.sub(r'"(?:\.\./)*\.{0,2}/?"', '"REL"', text.strip())
                if normalised not in ALLOWED_INLINE_SCRIPTS:
                    problems.append(f"{rel}: unknown inline script {text.strip()[:80]!r}")
    assert problems == []


def test_no_resource_is_loaded_from_another_host(pages):
    # Links (<a>) may point anywhere; everything a page loads by itself must be local
    # ("//host/x" is another host too: the 404 page once loaded "//pagefind/...").
    problems = []
    for rel, page in pages.items():
        for tag, attr, url in page.urls:
            if tag != "a" and site_path(rel, url) is None:
                problems.append(f"{rel}: <{tag} {attr}={url!r}>")
    assert problems == []


def test_every_link_uses_a_safe_scheme(pages):
    problems = []
    for rel, page in pages.items():
        for tag, attr, url in page.urls:
            scheme = urlsplit(url.strip()).scheme.lower()
            if scheme and scheme not in SAFE_SCHEMES:
                problems.append(f"{rel}: <{tag} {attr}={url[:60]!r}>")
    assert problems == []


def broken_links(site: Path, pages: dict[str, Page]) -> list[str]:
    """Every local link or in-page anchor (`#fn:1`) on `pages` whose target file or id is
    missing."""
    problems = []
    for rel, page in pages.items():
        for tag, attr, url in page.urls:
            if attr == "srcset":
                continue
            target = site_path(rel, url)
            if target is None:
                continue
            path = target_file(site, target)
            if path is None:
                problems.append(f"{rel}: <{tag} {attr}={url!r}> points at nothing")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and path.suffix == ".html":
                target_rel = path.relative_to(site).as_posix()
                if fragment not in pages[target_rel].ids:
                    problems.append(f"{rel}: {url!r}: no id {fragment!r} in {target_rel}")
    return problems


def test_no_broken_internal_link_or_anchor(site, pages):
    problems = broken_links(site, pages)
    assert problems == [], "\n".join(problems[:30])


# Bodies whose links point at ids their page lacks; the check refuses each (the hostile
# cases of the same names), the crawl above must find what any of them would publish.
BROKEN_ANCHOR_BODIES = {
    "anchor-missing": ("See [our demands](#missing).", ["missing"]),
    "footnote-label-space": ("Cited.[^a note]\n\n[^a note]: x", ["fn:a note", "fnref:a note"]),
    "footnote-label-non-ascii": ("Cited.[^nota-1ª]\n\n[^nota-1ª]: x",
                                 ["fn:nota-1ª", "fnref:nota-1ª"]),
    "footnote-label-colon": ("Cited.[^see:1]\n\n[^see:1]: x", ["fn:see:1", "fnref:see:1"]),
    "footnote-label-too-long": (f"Cited.[^{'n' * 81}]\n\n[^{'n' * 81}]: x",
                                [f"fn:{'n' * 81}", f"fnref:{'n' * 81}"]),
    "footnote-uncited": ("Cited.[^1]\n\n[^1]: x\n[^2]: y", ["fnref:2"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN_ANCHOR_BODIES))
def test_the_crawl_finds_the_broken_anchors_the_check_refuses(case, tmp_path):
    body, missing = BROKEN_ANCHOR_BODIES[case]
    assert safety.body_problems(body), "the check accepts it"
    page_rel = f"letters/{case}/index.html"
    (tmp_path / page_rel).parent.mkdir(parents=True)
    (tmp_path / page_rel).write_text(f"<html><body>{body_renderer()(body)}</body></html>",
                                     encoding="utf-8")
    problems = broken_links(tmp_path, {page_rel: parse(tmp_path / page_rel)})
    found = sorted(re.findall(r"no id '(.*)' in ", "\n".join(problems)))
    assert found == sorted(missing), problems


def test_every_generated_page_has_exactly_one_output_file():
    archive = load_archive(REPO)
    generated = generate(catalogue(archive))
    docs = [p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")]
    assert safety.check_output_paths([*generated, *docs]) == []


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site, tmp_path):
    # The second build is of a fresh copy at another path, with new file times: neither
    # the checkout's location nor its timestamps may leak into the output.
    copy = tmp_path / "elsewhere" / "repo"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "tests", ".hypothesis", ".pytest_cache", "__pycache__",
        "test-artifacts", ".cache", ".ruff_cache"))
    again = tmp_path / "site"
    result = build(copy, again)
    assert result.returncode == 0, result.stderr
    first, second = tree(site), tree(again)
    assert sorted(first) == sorted(second)
    differ = [p for p in first if first[p] != second[p]]
    assert differ == []


def hostile_repo(tmp_path: Path, case: str) -> Path:
    """A repository with the real configuration and the valid fixture data plus one case."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("mkdocs.yml", "docs", "docs-es", "overrides"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, repo / name)
        elif src.is_file():
            shutil.copy2(src, repo / name)
    (repo / "src").symlink_to(REPO / "src")  # the hook path in mkdocs.yml
    shutil.copytree(VALID, repo, dirs_exist_ok=True)
    shutil.copytree(HOSTILE / case, repo, dirs_exist_ok=True, symlinks=True,
                    ignore=shutil.ignore_patterns("expected.txt", "rename.json"))
    renames = HOSTILE / case / "rename.json"  # file names git should not hold
    if renames.exists():
        for old, new in json.loads(renames.read_text(encoding="utf-8")).items():
            (repo / old).rename(repo / new)
    return repo


@pytest.mark.parametrize("case", ["script-tag", "jinja-title", "attr-list-onclick",
                                  "yaml-alias-bomb", "dir-collision", "newline-in-file-name",
                                  "markdown-setext-bomb", "deep-nested-list", "date-far-future",
                                  "footnote-uncited"])
def test_hostile_archive_fails_the_build_and_keeps_the_old_site(tmp_path, case):
    repo = hostile_repo(tmp_path, case)
    old = repo / "site"
    (old / "letters").mkdir(parents=True)
    (old / "index.html").write_text("<p>the previous site</p>", encoding="utf-8")
    (old / "letters" / "index.html").write_text("<p>letters</p>", encoding="utf-8")
    before, inputs = tree(old), tree(repo / "letters")
    result = build(repo, old)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = (HOSTILE / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    for line in expected:
        assert line in result.stderr.splitlines()
    assert tree(old) == before
    assert tree(repo / "letters") == inputs
    leftovers = [p.name for p in repo.iterdir() if p.name.startswith(".site")]
    assert leftovers == []


def test_decisions_saved_by_a_spreadsheet_build(tmp_path):
    # If check passes the build must: a byte order mark and CRLF in decisions.csv.
    repo = hostile_repo(tmp_path, "pass-decisions-bom")
    result = build(repo, repo / "site")
    assert result.returncode == 0, result.stderr
    assert (repo / "site" / "signatories" / "imumi" / "index.html").is_file()


def test_tricky_but_valid_names_render_as_text(tmp_path):
    """Names the check accepts (quotes, ampersands, Markdown and entity look-alikes) must
    come out as text: the generator escapes every contributed string."""
    repo = hostile_repo(tmp_path, "pass-zwnj-persian")
    tricky = ('Colectivo "Todos" & [click](https://evil.example) *bold* '
              "&lt;script&gt;alert(1)&lt;/script&gt; `code` {: onclick=x }")
    imumi = repo / "signatories" / "imumi.yml"
    imumi.write_text(imumi.read_text(encoding="utf-8") + f"  - '{tricky}'\n", encoding="utf-8")
    letter = next((repo / "letters").glob("*.md"))
    text = letter.read_text(encoding="utf-8")
    old_entry = "      - printed: Instituto para las Mujeres en la Migración (IMUMI)\n"
    assert old_entry in text
    letter.write_text(text.replace(old_entry, f"      - printed: '{tricky}'\n"),
                      encoding="utf-8")
    result = build(repo, repo / "site")
    assert result.returncode == 0, result.stderr
    built = repo / "site"
    for path in built.rglob("*.html"):
        page = parse(path)
        assert not page.handlers and not page.forbidden
        assert not any("evil.example" in url for _, _, url in page.urls), path
    letter_html = (built / "letters" / letter.stem / "index.html").read_text(encoding="utf-8")
    assert "[click](https://evil.example)" in letter_html
    assert "&amp;lt;script&amp;gt;" in letter_html


@pytest.mark.browser
def test_search_results_show_contributed_markup_as_text(tmp_path, browser):
    """Stored XSS through search: Pagefind turns a page's text back into result HTML.
    Entity-encoded markup in a body, a title and a name (the check allows entities: they
    render as text) must stay text in the results a real browser shows."""
    import functools
    import http.server
    import socketserver
    import threading

    repo = hostile_repo(tmp_path, "pass-zwnj-persian")
    letter = next((repo / "letters").glob("*.md"))
    text = letter.read_text(encoding="utf-8")
    text = text.replace("We write about the", "Zebraword &lt;img src=x onerror=\"window.__xss=1\""
                        "&gt; and &#60;img src=y onerror=window.__xss=2&#62;. We write about the")
    text = re.sub(r"^title: .*$", "title: Zebraword &lt;img src=x onerror=window.__xss=3&gt;",
                  text, count=1, flags=re.M)
    letter.write_text(text, encoding="utf-8")
    imumi = repo / "signatories" / "imumi.yml"
    imumi.write_text(imumi.read_text(encoding="utf-8").replace(
        "name: ", "name: Zebraword &lt;img src=z onerror=window.__xss=4&gt; ", 1), encoding="utf-8")
    result = build(repo, repo / "site")
    assert result.returncode == 0, result.stderr

    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(repo / "site"))
    handler.log_message = lambda *args: None
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            page = browser.new_page()
            port = server.server_address[1]
            for query in ("zebraword", "onerror"):
                page.goto(f"http://127.0.0.1:{port}/search/?q={query}")
                page.wait_for_selector(".us-search__result", timeout=15000)
                shown = page.inner_text("#us-search-page")
                assert "onerror=window.__xss=4" in shown  # found, and shown as text
                assert page.evaluate("window.__xss") is None
                assert page.evaluate("document.querySelectorAll('main img').length") == 0
            page.close()
        finally:
            server.shutdown()


def test_a_body_the_renderer_cannot_convert_is_named_not_a_crash():
    """The last defence behind the nesting limit: were the check to miss a body that makes
    Python-Markdown recurse past Python's stack, the build and `serve` report its letter as
    path:line, not `internal error: RecursionError`. (Only a body the check refuses can
    reach it, so the check is bypassed here: the letter is changed after loading.)"""
    archive = load_archive(VALID)
    letter = archive.letters[0]
    deep = dataclasses.replace(letter, body=letter.body + "\n" + "- " * 1000 + "a\n")
    archive = dataclasses.replace(archive, letters=(deep, *archive.letters[1:]))
    expected = [Diagnostic(letter.path, letter.body_line, "error", BODY_TOO_DEEP)]
    cat = catalogue(archive)
    with pytest.raises(BodyFailed) as failed:
        generate(cat)
    assert failed.value.diagnostics == expected
    assert str(expected[0]).startswith("letters/2022-07-11-bilateral-meeting.md:")
    with pytest.raises(BodyFailed) as failed:  # what `serve` regenerates after an edit
        pages_for(cat, [letter.id], [], body_renderer())
    assert failed.value.diagnostics == expected


def dated(repo: Path, year: str) -> None:
    """Move the repository's one letter to `year`, file name and front matter."""
    (old,) = (repo / "letters").glob("*.md")
    text = old.read_text(encoding="utf-8").replace("date: 2022-", f"date: {year}-", 1)
    old.unlink()
    (repo / "letters" / (year + old.name[4:])).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("year, env, mtime", [
    ("1965", {}, 0),  # the newest letter before 1970: the sitemap says 1970
    # The year 5138, clamped to 2106-02-07 (MkDocs keeps the day: midnight).
    ("2022", {"SOURCE_DATE_EPOCH": "99999999999"}, (2**32 - 1) // 86400 * 86400),
    ("2022", {"SOURCE_DATE_EPOCH": "-1"}, 0),
])
def test_the_build_date_never_crashes_the_build(tmp_path, year, env, mtime):
    # MkDocs writes the build time into sitemap.xml.gz's 32-bit gzip header.
    repo = hostile_repo(tmp_path, "pass-zwnj-persian")  # the valid fixture: one letter
    dated(repo, year)
    result = build(repo, repo / "site", env)
    assert result.returncode == 0, result.stderr
    header = (repo / "site" / "sitemap.xml.gz").read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b" and struct.unpack("<I", header[4:8])[0] == mtime
    with gzip.open(repo / "site" / "sitemap.xml.gz") as f:
        assert b"<urlset" in f.read()
