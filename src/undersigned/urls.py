"""Every URL of the site, built in one place.

The site is a tree of directory URLs: a letter is `letters/<id>/`, a signatory
`signatories/<id>/` (its longer letters table continues on `signatories/<id>/letters/2/`),
a recipient `recipients/<id>/`, a tag `tags/<id>/`, a year's letters `letters/<year>/`.
Beside a page lie its files: a signatory's `signatures.csv` and `signatures.json`, a
letter's `cite.bib` and `cite.json`, the feeds of a signatory, recipient or tag
(`feed.xml`, `feed.json`); the archive's own feeds are `/feed.xml` and `/feed.json`, its
downloads are under `data/`. A journalist bookmarks these: they do not change.

Three forms, each built here and nowhere else:
- a *source*: the path of a generated page in the generate stage's dict (`letters/x.md`;
  `letter_src`), and where it is written in the generated tree (`tree_path`);
- a *path*: the URL relative to the site's root, no leading slash (`letters/x/`; `url_of`,
  `letter`, `signatory_file`); `site_path` gives it with its leading slash, as the data files
  print it, and `absolute` under the site's address (`site_url`), as feeds and citations do;
- a *link* from one page to another, relative (`relative`), so the site works under any
  base path.

Ids are checked to be `[a-z0-9-]+` before anything is built (validate.py); nothing here is
escaped, the templates escape every value they print.
"""

from __future__ import annotations

FEED_FILES = ("feed.xml", "feed.json")  # Atom, JSON Feed: in a feed's directory
SIGNATORY_FILES = ("signatures.csv", "signatures.json")  # beside a signatory's page
CITE_FILES = ("cite.bib", "cite.json")  # beside a letter's page
DATA_DIR = "data/"
ABOUT_SRC = "about.md"  # the hand-written About page (docs/about.md)


# ---------------------------------------------------------------- sources of pages

def letter_src(lid: str) -> str:
    return f"letters/{lid}.md"


def signatory_src(sid: str, page: int = 1) -> str:
    """A signatory's page, or page `page` of its letters signed."""
    return f"signatories/{sid}.md" if page == 1 else f"signatories/{sid}/letters/{page}.md"


def recipient_src(rid: str) -> str:
    return f"recipients/{rid}.md"


def tag_src(tid: str) -> str:
    return f"tags/{tid}.md"


def year_src(year: int) -> str:
    return f"letters/{year}.md"


def index_src(directory: str) -> str:
    """The index page of a directory of the site ("letters", "organizations", ...)."""
    return f"{directory}/index.md"


def continued_src(first: str, page: int) -> str:
    """Page `page` (2, 3, ...) of a listing whose first page is `first`."""
    return f"{first[:-3]}/{page}.md"


def url_of(src: str) -> str:
    """The directory URL (relative to the site root) of a generated source path; any other
    file (a download) is its own URL."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def tree_path(src: str) -> str:
    """Where a generated page lies in the generated tree: `letters/x.md` as
    `letters/x/index.md`, so that a relative link means the same to any renderer."""
    if not src.endswith(".md") or src == "index.md" or src.endswith("/index.md"):
        return src
    return src[:-3] + "/index.md"


# ---------------------------------------------------------------- paths from the site's root

def letter(lid: str) -> str:
    return url_of(letter_src(lid))


def signatory(sid: str) -> str:
    return url_of(signatory_src(sid))


def recipient(rid: str) -> str:
    return url_of(recipient_src(rid))


def tag(tid: str) -> str:
    return url_of(tag_src(tid))


def signatory_file(sid: str, name: str) -> str:
    """A file beside a signatory's page (SIGNATORY_FILES, its feeds)."""
    return signatory(sid) + name


def letter_file(lid: str, name: str) -> str:
    """A file beside a letter's page (CITE_FILES)."""
    return letter(lid) + name


def feeds(directory: str) -> tuple[str, str]:
    """The Atom and JSON Feed files of the feed in `directory` ("" for the archive's)."""
    return directory + FEED_FILES[0], directory + FEED_FILES[1]


def data_file(name: str) -> str:
    """A download of the Data page (signatures.csv, undersigned.db, ...)."""
    return DATA_DIR + name


def site_path(path: str) -> str:
    """`path` from the site's root, as the data files print it: `/letters/x/`."""
    return "/" + path


def absolute(site_url: str, path: str) -> str:
    """`path` under the site's address (mkdocs.yml's `site_url`)."""
    return site_url.rstrip("/") + "/" + path


# ---------------------------------------------------------------- links between pages

def up(src: str) -> str:
    """From the page `src` to the site's root: `../` per directory of its URL."""
    return "../" * url_of(src).count("/")


def relative(from_src: str, to: str) -> str:
    """A relative link from the page `from_src` to the generated path `to` (a page's
    source or a file)."""
    return up(from_src) + url_of(to)
