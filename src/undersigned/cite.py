"""Cite this letter: a letter's citation as CSL-JSON and BibTeX.

Pure functions of a catalogued letter. Both carry the title, the date, the
recipients, the number of signatories (as a note), the archive as publisher and
the letter's permanent URL when the site's address is known (`site_url` in
mkdocs.yml; without it the URL is left out rather than guessed, and the page links
itself). The access date is left to the reader: a build date would be wrong the
next day, and would make rebuilds differ.

BibTeX is TeX: every character TeX gives a meaning (`\\ { } % & # _ $ ~ ^`) is
escaped, so a hostile title can neither end a field nor run a command.
"""

from __future__ import annotations

import json
import re

from . import urls
from .catalogue import Catalogue
from .models import Letter

PUBLISHER = "Undersigned"
GENRE = "Sign-on letter"
BIB_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
              "dec")

# Each TeX special as text that prints it: one pass, so an escape is never escaped again.
_TEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
    "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_TEX_RE = re.compile(r"[\\{}%&#_$~^]")
_SPACE_RE = re.compile(r"\s+")


def bibtex_escape(text: str) -> str:
    """`text` as BibTeX field content that TeX prints as `text`, on one line."""
    return _TEX_RE.sub(lambda m: _TEX[m.group()], _SPACE_RE.sub(" ", text).strip())


def bibtex_url(url: str) -> str:
    """A URL for BibTeX's `url` field, read verbatim by biblatex and hyperref: what
    cannot stand in it is percent-encoded, `%` and `#` escaped as biblatex expects."""
    for ch, code in (("\\", "%5C"), ("{", "%7B"), ("}", "%7D"), (" ", "%20")):
        url = url.replace(ch, code)
    return url.replace("%", "\\%").replace("#", "\\#")


def letter_url(letter: Letter, site_url: str | None) -> str | None:
    """The letter's permanent URL, or None when the site's address is not configured."""
    if not site_url:
        return None
    return urls.absolute(site_url, urls.letter(letter.id))


def _and(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def signatory_note(cat: Catalogue, letter: Letter) -> str:
    listed = cat.listed[letter.id]
    note = f"{listed:,} {'signatory' if listed == 1 else 'signatories'} listed"
    if letter.stated_count is not None and letter.stated_count != listed:
        note += f" (the letter states {letter.stated_count:,})"
    return note


def csl(cat: Catalogue, letter: Letter, site_url: str | None = None) -> dict:
    """The letter as one CSL-JSON item (the format of Zotero, Pandoc and citeproc)."""
    d = letter.date
    item: dict = {
        "id": letter.id,
        "type": "personal_communication",  # CSL's type for a letter
        "genre": GENRE,
        "title": letter.title,
        "issued": {"date-parts": [[d.year, d.month, d.day]]},
        "recipient": [{"literal": n} for n in cat.recipient_names(letter.recipients)],
        "publisher": PUBLISHER,
        "note": signatory_note(cat, letter),
        "abstract": letter.summary,
        "language": letter.language,
    }
    if letter.place:
        item["event-place"] = letter.place
    url = letter_url(letter, site_url)
    if url:
        item["URL"] = url
    return item


def csl_json(cat: Catalogue, letter: Letter, site_url: str | None = None) -> str:
    """cite.json: a CSL-JSON list holding the one item (what citation managers import)."""
    return json.dumps([csl(cat, letter, site_url)], ensure_ascii=False, indent=2,
                      sort_keys=True) + "\n"


def bibtex(cat: Catalogue, letter: Letter, site_url: str | None = None) -> str:
    """cite.bib: the letter as one BibTeX @misc entry (biblatex reads it too)."""
    d = letter.date
    recipients = cat.recipient_names(letter.recipients)
    how = f"{GENRE} to {_and(recipients)}" if recipients else GENRE
    fields = [
        # Double braces keep the title's capitals as printed.
        ("title", "{" + bibtex_escape(letter.title) + "}"),
        ("date", d.isoformat()),
        ("year", str(d.year)),
        ("howpublished", bibtex_escape(how)),
        ("note", bibtex_escape(signatory_note(cat, letter))),
        ("publisher", bibtex_escape(PUBLISHER)),
    ]
    url = letter_url(letter, site_url)
    if url:
        fields.append(("url", bibtex_url(url)))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    month = f"  month = {BIB_MONTHS[d.month - 1]},\n"
    return f"@misc{{{letter.id},\n{body}{month}}}\n"
