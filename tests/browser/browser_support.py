"""What the browser tests share: the pages to visit, axe-core, and driving the search box.

The pages come from the archive itself (`load_archive`), so the tests follow the data rather
than hard-coding it; the only names written here are the ones the issue names (IMUMI, WOLA).
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from undersigned.models import Archive, Signatory

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The site's search UI over Pagefind (overrides/assets/javascripts/undersigned-search.js),
# mounted in the Material header and on /search/.
SEARCH_INPUT = ".us-search__input"
SEARCH_MESSAGE = ".us-search__message"
SEARCH_RESULT = ".us-search__result"
SEARCH_RESULT_LINK = ".us-search__link"
SEARCH_DRAWER = ".us-search__drawer"
SEARCH_FILTERS_TOGGLE = ".us-search__filters-toggle"
SEARCH_FILTER_PANEL = ".us-search__filters"
SEARCH_TIMEOUT_MS = 15_000


# Serving the site and watching what the browser asks for.

CHROMIUM = Path("/usr/bin/chromium")
LOCAL_HOSTS = {"127.0.0.1"}
# Schemes that never leave the machine; everything else must go to 127.0.0.1.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error"}
NOT_LOCAL = re.compile(r"^(?!(?:https?|wss?)://127\.0\.0\.1(?::\d+)?/)")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@dataclass
class Traffic:
    """What the browser asked for during the session, and what went wrong on pages."""

    outside: list[tuple[str, str]] = field(default_factory=list)  # (page url, request url)
    page_errors: list[tuple[str, str]] = field(default_factory=list)  # (page url, message)
    broken: list[tuple[int, str]] = field(default_factory=list)  # (status, local url) >= 400


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site from a thread on 127.0.0.1 at a free port; yield its base URL.
    The handler is `undersigned serve`'s, which gzips text files as GitHub Pages does."""
    from undersigned.commands.serve_cmd import SiteHandler  # here: see site_pages

    handler = functools.partial(SiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def guard_context(browser, base_url: str, traffic: Traffic, **options):
    """A browser context whose every request to another host is aborted and recorded;
    `options` go to Playwright's new_context (a `locale`, say)."""
    ctx = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}, service_workers="block",
        **options,
    )

    def guard(route, request) -> None:
        if is_local(request.url):
            route.continue_()
        else:
            note_outside(traffic, request)
            route.abort("blockedbyclient")

    # A regex, not a function: Playwright matches it in the browser, so requests to the local
    # server are not routed through Python at all (a function would intercept every request).
    ctx.route(NOT_LOCAL, guard)
    # Requests that never reach the router (e.g. some preconnects) still show up here.
    ctx.on("request", lambda r: None if is_local(r.url) else note_outside(traffic, r))
    ctx.on("response", lambda r: note_broken(traffic, r))
    return ctx


def note_broken(traffic: Traffic, response) -> None:
    if response.status >= 400:
        traffic.broken.append((response.status, response.url))


def note_outside(traffic: Traffic, request) -> None:
    try:
        origin = request.frame.url
    except Exception:  # a worker's request has no frame
        origin = "(worker)"
    entry = (origin, request.url)
    if entry not in traffic.outside:
        traffic.outside.append(entry)


@dataclass(frozen=True)
class AxeScript:
    source: str = field(repr=False)
    version: str

    @classmethod
    def bundled(cls) -> AxeScript:
        # axe-core ships inside the axe-playwright-python wheel: no CDN, no npm at test time.
        source = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
        m = re.match(r"/\*! axe v([\d.]+)", source)
        return cls(source, m.group(1) if m else "?")


def run_axe(page, axe: AxeScript) -> list[dict]:
    """Violations of WCAG 2.1 A and AA on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe.source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:8]:
            summary = " | ".join(node.get("failureSummary", "").splitlines()[1:])
            lines.append(f"    {' '.join(node['target'])}: {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@dataclass(frozen=True)
class SearchResult:
    title: str
    path: str  # site-relative path, e.g. /signatories/imumi/
    marks: tuple[str, ...]  # the words Pagefind highlighted in the excerpt


def search(page, query: str, expect_results: bool = True) -> list[SearchResult]:
    """Type a query into the header search box and read the results Pagefind shows."""
    box = page.locator(SEARCH_INPUT).first
    box.click()
    box.fill(query)
    return wait_for_results(page, query, expect_results)


def wait_for_results(page, query: str, expect_results: bool = True) -> list[SearchResult]:
    # The UI debounces typing, then says "N results for <query>" once the search is done.
    # A local search takes about a second; allow for a machine busy with other work.
    done = page.locator(SEARCH_MESSAGE).filter(has_text=re.compile(r"\bresults?\b"))
    done.filter(has_text=query).first.wait_for(state="visible", timeout=SEARCH_TIMEOUT_MS)
    if not expect_results:
        return []
    wait_settled(page)
    return read_results(page)


def wait_settled(page) -> None:
    """Wait until results are shown, each with its link (drawn once its fragment is in)."""
    page.wait_for_function(
        """() => {
            const items = document.querySelectorAll('.us-search__result');
            return items.length > 0
                && Array.from(items).every(li => li.querySelector('.us-search__link'));
        }""",
        timeout=SEARCH_TIMEOUT_MS,
    )


def open_filters(page):
    """Open the search box's filter panel (after a search); return it once its filters are
    drawn with their counts among the current results (the panel is busy until then)."""
    toggle = page.locator(SEARCH_FILTERS_TOGGLE).first
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    panel = page.locator(f"{SEARCH_FILTER_PANEL}:not([aria-busy])").first
    panel.locator("fieldset").first.wait_for(state="visible")
    return panel


def read_results(page) -> list[SearchResult]:
    rows = page.locator(SEARCH_RESULT).evaluate_all(
        """items => items.map(li => {
            const a = li.querySelector('.us-search__link');
            return {title: a ? a.textContent.trim() : '', href: a ? a.href : '',
                    marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)};
        })"""
    )
    return [SearchResult(r["title"], urlsplit(r["href"]).path, tuple(r["marks"])) for r in rows]


def result_count(page) -> int:
    text = page.locator(SEARCH_MESSAGE).first.inner_text()
    m = re.search(r"(\d[\d,]*)\s+result", text)
    return int(m.group(1).replace(",", "")) if m else 0


def page_path(url: str) -> str:
    return urlsplit(url).path


# The site's pages, found from the archive and the built HTML.


@dataclass(frozen=True)
class SitePages:
    archive: Archive
    letter: str  # the newest letter
    signatory: str  # IMUMI
    network: str
    recipient: str
    tag: str
    nav: tuple[str, ...]  # every page of the navigation other than home
    indexes: tuple[str, ...]  # those and every other top-level page (/search/, /people/...)

    def by_kind(self) -> dict[str, str]:
        """One page of each kind, for screenshots."""
        return {
            "home": "/",
            "letters-index": "/letters/",
            "letter": self.letter,
            "signatory": self.signatory,
            "network": self.network,
            "signatories-index": "/signatories/",
            "recipient": self.recipient,
            "tag": self.tag,
            "data": "/data/",
        }


def by_acronym(archive: Archive, acronym: str) -> Signatory:
    found = [s for s in archive.signatories.values() if acronym in s.acronyms]
    assert len(found) == 1, f"expected one signatory with acronym {acronym}, found {found}"
    return found[0]


class _NavLinks(HTMLParser):
    """Links of Material's primary navigation (the sidebar `nav.md-nav--primary`)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # >0 while inside the primary nav
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav":
            if self.depth or "md-nav--primary" in (a.get("class") or ""):
                self.depth += 1
        elif tag == "a" and self.depth and "md-nav__link" in (a.get("class") or ""):
            href = a.get("href")
            if href and not href.startswith("#"):
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


def nav_pages(site_dir: Path) -> tuple[str, ...]:
    parser = _NavLinks()
    parser.feed((site_dir / "index.html").read_text(encoding="utf-8"))
    paths = []
    for href in parser.links:
        path = urlsplit(urljoin("http://127.0.0.1/", href)).path
        if path != "/" and path not in paths:
            paths.append(path)
    return tuple(paths)


def site_pages(repo: Path, site_dir: Path) -> SitePages:
    from undersigned.load import load_archive  # here: measure_search.py runs without src/

    archive = load_archive(repo)
    assert archive.letters, f"no letters loaded from {repo}: {archive.diagnostics[:5]}"
    newest = max(archive.letters, key=lambda letter: (letter.date, letter.id))
    networks = sorted(s.id for s in archive.signatories.values() if s.kind == "network")
    assert networks, "the seed registry has no network"
    recipients = sorted({r.id for letter in archive.letters for r in letter.recipients})
    tags = sorted({t for letter in archive.letters for t in letter.tags})
    nav = nav_pages(site_dir)
    # The contract's indexes must be in the navigation, whatever else is.
    for required in ("/letters/", "/signatories/", "/data/"):
        assert required in nav, f"{required} is not in the navigation: {nav}"
    top_level = sorted(f"/{d.name}/" for d in site_dir.iterdir() if (d / "index.html").is_file())
    return SitePages(
        archive=archive,
        letter=f"/letters/{newest.id}/",
        signatory=f"/signatories/{by_acronym(archive, 'IMUMI').id}/",
        network=f"/signatories/{networks[0]}/",
        recipient=f"/recipients/{recipients[0]}/",
        tag=f"/tags/{tags[0]}/",
        nav=nav,
        indexes=nav + tuple(p for p in top_level if p not in nav),
    )


# What search costs a visitor: Pagefind's files and our search script.
SEARCH_FILES = re.compile(r"/pagefind/|/assets/javascripts/undersigned-search\.js$")


def measure_first_query(context, query: str) -> dict:
    """Bytes of search files a fresh visitor downloads: with the page, then for one query.

    `context` must be fresh (its own HTTP cache): a second query reuses what the first fetched.
    Each file is counted as stored (the response body once decoded: Pagefind's index files
    are gzip files already, sent as they are) and on the wire (the body as sent, gzipped by
    the server when it is text, as `undersigned serve` and GitHub Pages do).
    """

    def files_of(reqs: list) -> dict[str, dict[str, int]]:
        sizes: dict[str, dict[str, int]] = {}
        for r in reqs:
            path = page_path(r.url)
            response = r.response()
            if not SEARCH_FILES.search(path) or response is None:
                continue
            stored = len(response.body())
            # Chromium reports no body size for a worker's script: the header has it.
            wire = int(response.header_value("content-length") or 0)
            wire = wire or r.sizes()["responseBodySize"] or stored
            got = sizes.setdefault(path, {"stored": 0, "wire": 0})
            got["stored"] += stored
            got["wire"] += wire
        return dict(sorted(sizes.items()))

    def total(files: dict[str, dict[str, int]], key: str) -> int:
        return sum(f[key] for f in files.values())

    requests: list = []
    page = context.new_page()
    try:
        # On the context, not the page: requests made by Pagefind's web worker count too.
        context.on("requestfinished", lambda request: requests.append(request))
        page.goto("/", wait_until="networkidle")
        load_files = files_of(requests)
        requests.clear()
        shown = len(search(page, query))
        total_results = result_count(page)
        page.wait_for_load_state("networkidle")
        query_files = files_of(requests)
    finally:
        page.close()
    return {
        "query": query,
        "results": total_results,
        "results_shown": shown,
        "page_load_bytes": total(load_files, "stored"),
        "page_load_wire_bytes": total(load_files, "wire"),
        "first_query_bytes": total(query_files, "stored"),
        "first_query_wire_bytes": total(query_files, "wire"),
        "page_load_files": load_files,
        "first_query_files": query_files,
    }
