"""Import stage: a plain-text letter (as pdftotext or a PDF-to-Markdown converter
prints it) becomes a letter file of the archive.

Two pure steps, no I/O: `parse_letter_text` reads the text into an
ImportedLetter (date, place, recipients, body as Markdown, signatory sections
split one printed name per entry); `to_markdown` resolves every printed name
with the same Resolver as `undersigned match` and writes the front matter.

What the importer cannot know is written as a placeholder that `undersigned
check` reports (see `unfinished`): a title and summary starting with "TODO:",
the tag `todo`, and for every printed name that did not resolve an id
`todo-<slug>` with a YAML comment giving the suggestions. `undersigned review`
replaces those ids (see `relink`), so the path is import, review, check.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

from .models import Diagnostic, Letter

# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class ImportedEntry:
    """One printed signatory. `line` is the whole printed line when the line named
    several signatories ("X y Y"); `members` are names a network printed after a colon."""

    printed: str
    source_line: int
    line: str | None = None
    members: tuple[ImportedEntry, ...] = ()


@dataclass(frozen=True)
class ImportedSection:
    heading: str | None
    entries: tuple[ImportedEntry, ...]


@dataclass(frozen=True)
class ImportedRecipient:
    printed: str
    name: str | None
    role: str | None
    source_line: int


@dataclass(frozen=True)
class ImportedLetter:
    source_name: str
    date: dt.date
    place: str | None
    language: str
    recipients: tuple[ImportedRecipient, ...]
    cc: tuple[ImportedRecipient, ...]
    body: str
    sections: tuple[ImportedSection, ...]
    stated_count: int | None

    @property
    def signatory_count(self) -> int:
        """Printed names, network members included (what `Letter.listed_count` counts)."""
        return sum(1 + len(e.members) for s in self.sections for e in s.entries)


# ---------------------------------------------------------------- dates

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
DATE_PATTERNS = (
    # July 11, 2022
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), (2, 1, 3)),
    # 11 de julio de 2022, 11 de julio del 2022, 11 July 2022
    (re.compile(rf"\b(\d{{1,2}})\s+(?:de\s+)?{_MONTH}\s+(?:de(?:l)?\s+)?(\d{{4}})\b", re.I),
     (1, 2, 3)),
)
DATE_SEARCH_LINES = 15  # non-blank lines at the top where the date may be


def find_date(text: str) -> tuple[dt.date, str | None] | None:
    """The date printed in one line, and the place printed before it ("Mexico City")."""
    plain = _strip_emphasis(text)
    for pattern, (d, m, y) in DATE_PATTERNS:
        match = pattern.search(plain)
        if not match:
            continue
        try:
            date = dt.date(int(match.group(y)), MONTHS[match.group(m).lower()],
                           int(match.group(d)))
        except ValueError:
            continue
        before = plain[: match.start()].strip()
        # "Ciudad de México, a 18 de noviembre de 2021": the place, without ", a".
        before = re.sub(r"(?:,?\s+a)?\s*[,.:;-]?\s*$", "", before).strip()
        return date, (before or None)
    return None


# ---------------------------------------------------------------- text helpers

def _strip_emphasis(text: str) -> str:
    """'## **NGO**' -> 'NGO'; '*Secretary*' -> 'Secretary'."""
    t = re.sub(r"^#{1,6}\s+", "", text.strip())
    prev = None
    while prev != t:
        prev = t
        t = re.sub(r"^(\*\*|__|\*|_)(.+)\1$", r"\2", t.strip()).strip()
    return t


def _is_emphasised(text: str) -> bool:
    t = text.strip()
    return bool(re.match(r"^#{1,6}\s", t) or re.fullmatch(r"(\*\*|__|\*|_).+\1", t))


URL_RE = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.I)
PAGE_RE = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|"
                     r"^(?:page|página|pág\.?)\s+\d+(?:\s+(?:of|de)\s+\d+)?$", re.I)
RULE_RE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")


def is_artefact(text: str) -> bool:
    """A line the PDF conversion produced that nobody printed as text: a bare URL,
    a page number, a horizontal rule marking a page break."""
    t = text.strip()
    return bool(URL_RE.match(t) or PAGE_RE.match(t) or RULE_RE.match(t))


def slugify(text: str, limit: int = 60) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "x"


# ---------------------------------------------------------------- structure of the letter

SALUTATION_RE = re.compile(
    r"^(?:dear|estimad[oa]s?|querid[oa]s?|to whom|a quien|distinguid[oa]s?|"
    r"respected|honorable\b.*[,:]$|señor(?:a|es)?\b.*[,:]$)", re.I)
CLOSING_RE = re.compile(
    r"^(?:sincerely|sincerely yours|yours sincerely|yours truly|kindly|kind regards|"
    r"best regards|regards|respectfully|respectfully yours|cordially|warm regards|"
    r"atentamente|cordialmente|respetuosamente|saludos(?: cordiales)?|"
    r"sin otro particular|in solidarity|en solidaridad)\s*[,.:]?$", re.I)
CC_RE = re.compile(r"^(?:c\.?\s?c\.?(?:\s?p\.?)?|con copia(?: para)?)(?![^\s:.])\s*[:.]?\s*(.*)$",
                   re.I)
HONORIFIC_RE = re.compile(
    r"^(?:the\s+)?(?:honou?rable|hon\.|mr\.?|mrs\.?|ms\.?|dr\.?|dra\.?|sr\.?|sra\.?|"
    r"lic\.?|mtro\.?|mtra\.?|c\.)\s", re.I)

# Headings of signatory sections as letters print them; any whole-line bold or
# Markdown heading in the list counts as well.
SECTION_WORDS = re.compile(
    r"^(?:(?:signatory|signing|endorsing|firmantes?|signatories|signers|signed|firman|"
    r"suscriben|adherentes?)\b.*|"
    r"(?:(?:national|local|state|regional|international|civil society|faith|academic|"
    r"organizational|individual|mexican|u\.?s\.?|us)\s+)*"
    r"(?:ngos?|networks?|coalitions?|organi[sz]ations?|individuals?|individual signatories|"
    r"academics?|academia|people|persons|personas|individuos|organizaciones(?: de la sociedad "
    r"civil)?|redes|colectivos|academicos|académicos|académicas|osc|ong|ongs|"
    r"organizaciones y redes|organizations and networks)(?:\s*\(.*\))?)\s*:?$", re.I)


def _is_heading(text: str) -> bool:
    plain = _strip_emphasis(text)
    if not plain or len(plain) > 80:
        return False
    return bool(SECTION_WORDS.match(plain)) or (_is_emphasised(text) and len(plain) <= 60)


def _is_prose(text: str) -> bool:
    """A body paragraph rather than a recipient line."""
    if _is_emphasised(text):
        return False
    words = text.split()
    return len(words) >= 15 or (len(words) >= 8 and text.rstrip().endswith("."))


@dataclass
class _Line:
    no: int  # 1-based line in the source text
    text: str  # NFC, trailing whitespace removed


# What a PDF conversion adds that nobody printed: pdftotext's page feed, soft hyphens
# and zero-width spaces (invisible, they would make look-alike names), typographic
# ligatures ("ﬁ" for "fi"), non-breaking spaces.
CONVERSION_CHARS = str.maketrans({"\f": "", "\u00ad": "", "\u200b": "", "\ufeff": "",
                                  "\u00a0": " ", "\u202f": " ", "\ufb00": "ff",
                                  "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                                  "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


def _lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(CONVERSION_CHARS)
    text = unicodedata.normalize("NFC", text)
    return [_Line(i + 1, raw.rstrip()) for i, raw in enumerate(text.split("\n"))]


def parse_letter_text(text: str, source_name: str
                      ) -> tuple[ImportedLetter | None, list[Diagnostic]]:
    """Read a plain-text letter. Never raises: problems are Diagnostics against
    `source_name`; on an error the letter is None."""
    lines = _lines(text)
    diags: list[Diagnostic] = []

    def error(line: int, message: str) -> tuple[None, list[Diagnostic]]:
        diags.append(Diagnostic(source_name, line, "error", message))
        return None, diags

    # 1. The date: in one of the first non-blank lines.
    date_at, found = None, None
    for n, ln in enumerate(x for x in lines if x.text.strip()):
        if n >= DATE_SEARCH_LINES:
            break
        found = find_date(ln.text)
        if found:
            date_at = ln
            break
    if not found or date_at is None:
        first = next((x.no for x in lines if x.text.strip()), 1)
        return error(first, "no date found in the first lines: a letter starts with its date, "
                            "e.g. 'July 11, 2022' or 'Ciudad de México, a 18 de noviembre de "
                            "2021'; add the date line at the top")
    date, place = found
    start = lines.index(date_at) + 1

    # 2. The closing ("Sincerely,") ends the body; the signatory list follows it.
    closing = next((i for i in range(start, len(lines)) if CLOSING_RE.match(
        _strip_emphasis(lines[i].text))), None)
    if closing is not None:
        list_start = closing + 1
        body_end = closing + 1  # the closing line is part of the letter's text
    else:
        heading = next((i for i in range(start, len(lines))
                        if SECTION_WORDS.match(_strip_emphasis(lines[i].text))
                        and _strip_emphasis(lines[i].text)), None)
        if heading is None:
            return error(lines[-1].no if lines else 1,
                         "no signatory section found: the list of signatories must follow a "
                         "closing line such as 'Sincerely,' or 'Atentamente,', or a heading "
                         "such as 'Signatories'; add one before the list")
        list_start = body_end = heading

    # 3. Header (recipients, cc) and body.
    body_start = _body_start(lines, start, body_end)
    recipients, cc = _recipients(lines[start:body_start])
    # Bare URLs are the targets of links whose words the conversion lost, printed at
    # the foot of the pages (even inside the list): kept at the end of the body.
    urls = [x.text.strip().strip("<>") for x in lines[body_start:]
            if URL_RE.match(x.text.strip())]
    body = body_to_markdown(lines[body_start:body_end], urls)

    # 4. The signatories.
    sections = split_signatories(lines[list_start:], hard_wrap_width(lines[body_start:body_end]))
    if not any(s.entries for s in sections):
        return error(lines[list_start - 1].no if list_start else 1,
                     "no signatories found after the closing line: paste the list of "
                     "signatories below it, one per line")
    return ImportedLetter(
        source_name=source_name, date=date, place=place, language=guess_language(body),
        recipients=recipients, cc=cc, body=body, sections=sections,
        stated_count=stated_count(body),
    ), diags


def _body_start(lines: list[_Line], start: int, end: int) -> int:
    for i in range(start, end):
        t = lines[i].text.strip()
        if not t:
            continue
        if not _is_emphasised(t) and not CC_RE.match(t) and len(t.split()) < 25 and (
                (SALUTATION_RE.match(t) and t.endswith((",", ":"))) or t.endswith(":")):
            # A salutation ends in a comma or colon ("Dear President Biden,"); a header
            # line ending in a colon greets rather than addresses ("A la opinión pública:").
            return i
        if _is_prose(t):
            return i
    return end


def _recipients(header: list[_Line]
                ) -> tuple[tuple[ImportedRecipient, ...], tuple[ImportedRecipient, ...]]:
    """Recipient lines before any 'cc:' line, and the copies after it.

    One line is one recipient, unless it opens with an honorific ("Honorable
    Mrs. Kamala Harris", "Ms. Alicia Bárcena Ibarra"): then the lines under it
    are that person's role and office."""
    groups: dict[str, list[list[_Line]]] = {"to": [], "cc": []}
    target = "to"
    for ln in header:
        t = ln.text.strip()
        if not t:
            continue
        cc = CC_RE.match(_strip_emphasis(t))
        if cc and t.lower().startswith(("cc", "c.c", "con copia")):
            target = "cc"
            if not cc.group(1).strip():
                continue
            ln = _Line(ln.no, cc.group(1))
        current = groups[target]
        if current and HONORIFIC_RE.match(_strip_emphasis(current[-1][0].text)) and not \
                HONORIFIC_RE.match(_strip_emphasis(ln.text)):
            current[-1].append(ln)
        else:
            current.append([ln])
    to, cc = ([r for r in map(_recipient, groups[k]) if r.printed] for k in ("to", "cc"))
    return tuple(to), tuple(cc)


def _recipient(group: list[_Line]) -> ImportedRecipient:
    parts = [_strip_emphasis(x.text).strip().rstrip(",;").strip() for x in group]
    parts = [p for p in parts if p]
    if len(parts) > 1:
        # The name line is what the letter prints as the addressee; the lines under
        # it are the office.
        return ImportedRecipient(parts[0], _without_honorific(parts[0]),
                                 ", ".join(parts[1:]), group[0].no)
    printed = parts[0] if parts else ""
    name = role = None
    if HONORIFIC_RE.match(printed):
        return ImportedRecipient(printed, _without_honorific(printed), None, group[0].no)
    if ", " in printed:
        # "Joseph Biden, President of the United States"
        head, tail = printed.split(", ", 1)
        if len(head.split()) <= 5:
            name, role = head, tail
    else:
        name, role = _role_then_name(printed)
    return ImportedRecipient(printed, name, role, group[0].no)


# Capitalised words that belong to an office, not to a person's name.
OFFICE_WORDS = {"united", "states", "mexico", "méxico", "canada", "state", "foreign", "affairs",
                "homeland", "security", "america", "republic", "government", "department",
                "interior", "relations", "exteriores", "relaciones", "república", "gobernación",
                "congress", "senate", "house", "representatives", "u.s.", "us", "usa"}


def _role_then_name(printed: str) -> tuple[str | None, str | None]:
    """'President of Mexico Andrés Manuel López Obrador' -> (name, role): the name is
    the run of capitalised words at the end, without the office's own words."""
    words = printed.split()
    i = len(words)
    while i > 0 and words[i - 1][:1].isupper() and words[i - 1].casefold() not in OFFICE_WORDS:
        i -= 1
    name, role = " ".join(words[i:]), " ".join(words[:i])
    if len(words) - i < 2 or not role or not re.search(r"[a-z]", role):
        return None, None
    return name, role


def _without_honorific(text: str) -> str:
    # "Honorable Mrs. Kamala Harris" -> "Kamala Harris"
    while HONORIFIC_RE.match(text):
        text = HONORIFIC_RE.sub("", text, count=1).strip()
    return text


# ---------------------------------------------------------------- body

SUP_TAG_RE = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>", re.I)
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUP_CHARS_RE = re.compile(r"(?<=[^\s⁰¹²³⁴⁵⁶⁷⁸⁹])([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")
LIST_ITEM_RE = re.compile(r"^(?:[-*+]\s|\d{1,3}[.)]\s|[a-z][.)]\s)")
# An HTML tag, not an autolink (<https://...>): the name ends at a space, '/' or '>'.
HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def hard_wrap_width(lines: list[_Line]) -> int | None:
    """The width a hard-wrapped text (pdftotext -layout) was wrapped at, or None
    when paragraphs are single long lines."""
    lengths = sorted(len(x.text) for x in lines if x.text.strip() and not is_artefact(x.text))
    if len(lengths) < 10:
        return None
    median, p90 = lengths[len(lengths) // 2], lengths[int(len(lengths) * 0.9)]
    if median > 130:
        return None
    return p90


LOST_NOTE = "*[The text of this footnote is not in the PDF conversion.]*"
LOST_LINKS = ("*Link targets that the PDF conversion printed at the foot of its pages, in "
              "order; the words they were attached to were lost:*")


def body_to_markdown(lines: list[_Line], urls: list[str] = ()) -> str:
    """The letter's text as Markdown: footnotes as `[^n]`, page artefacts dropped,
    hard-wrapped paragraphs joined, no raw HTML; `urls` (bare link targets the
    conversion printed apart from their words) listed at the end."""
    paragraphs = _paragraphs(lines, hard_wrap_width(lines) is not None)
    refs: list[str] = []  # footnote numbers referenced in the text, in order
    notes: dict[str, str] = {}
    out: list[str] = []
    for para in paragraphs:
        note = _footnote_definition(para, refs, notes)
        if note:
            notes[note[0]] = note[1]
            continue
        text = SUP_TAG_RE.sub(lambda m: _ref(m.group(1), refs), para)
        text = SUP_CHARS_RE.sub(lambda m: _ref(m.group(1).translate(SUPERSCRIPT), refs), text)
        text = HTML_TAG_RE.sub("", text)
        # Converters escape "$" for Markdown flavours with math; Python-Markdown has no
        # such escape and would print the backslash.
        text = text.replace("\\$", "$")
        # A paragraph cut by a page break (and the footnotes printed there) goes on.
        if out and text.lstrip("*_")[:1].islower() and not LIST_ITEM_RE.match(text) and \
                not out[-1].rstrip("*_ ").endswith((".", ":", "?", "!", '"', "”")):
            # Emphasis cut by the break closes and reopens around it: "seek** **asylum".
            joined = out[-1].rstrip() + " " + text
            out[-1] = re.sub(r"(\*\*|__) \1", " ", joined, count=1)
            continue
        # "- 3. Mexico has not...** The Supreme Court": a numbered item the conversion
        # printed as a bullet, its bold opened on the previous page.
        m = re.match(r"^- (\d{1,2})\. (.+)$", text, re.S)
        if m and out and re.search(rf"(?:^|\n){int(m.group(1)) - 1}\. ", out[-1]):
            rest = m.group(2)
            if rest.count("**") % 2 == 1 and not rest.startswith("**"):
                rest = "**" + rest
            text = f"{m.group(1)}. {rest}"
        # A line in italics standing alone is a subheading of the letter.
        if out and "\n" not in text and re.fullmatch(r"\*[^*].{2,200}[^*]\*", text):
            text = "### " + text
        out.append(text)
    out = _nest_lists(_headings(out))
    body = "\n\n".join(out).strip() + "\n"
    links = list(dict.fromkeys(urls))
    if links:
        body += "\n---\n\n" + LOST_LINKS + "\n\n" + "".join(f"- <{u}>\n" for u in links)
    # A reference whose note the conversion lost stays a footnote, saying so.
    numbers = list(dict.fromkeys(refs))
    if numbers:
        body += "\n" + "".join(f"[^{n}]: {notes.get(n, LOST_NOTE)}\n" for n in numbers)
    return body


NUMBERED_HEADING_RE = re.compile(r"^\d{1,2}\.\s+[A-ZÁÉÍÓÚ]")
LETTERED_HEADING_RE = re.compile(r"^[a-h]\.\s+[A-ZÁÉÍÓÚ]")


def _headings(paragraphs: list[str]) -> list[str]:
    """Short standalone lines that title the prose after them become headings:
    "1. Transnational Families" (##), "a. Integration of returnees" (###), "Title 42"
    (####). A table of contents (titles followed by titles or a list) stays a list."""
    def short(p: str, words: int) -> bool:
        return "\n" not in p and len(p.split()) <= words and not p.startswith(("#", "-", "*"))

    def kind(p: str) -> str | None:
        if not short(p, 20):
            return None
        if NUMBERED_HEADING_RE.match(p):
            return "##"
        if LETTERED_HEADING_RE.match(p):
            return "###"
        if short(p, 8) and p[:1].isupper() and not p.rstrip().endswith(
                (".", ",", ":", ";", "?", "!")):
            return "####"
        return None

    def prose(p: str) -> bool:
        return not LIST_ITEM_RE.match(p) and len(p.split()) >= 15

    out = list(paragraphs)
    for i, p in enumerate(paragraphs):
        k = kind(p)
        if not k or i + 1 >= len(paragraphs) or i == 0:
            continue
        nxt = paragraphs[i + 1]
        if prose(nxt) or (kind(nxt) == "###" and k == "##" and i + 2 < len(paragraphs)
                          and prose(paragraphs[i + 2])):
            out[i] = f"{k} {p}"
    return out


def _nest_lists(paragraphs: list[str]) -> list[str]:
    """'1. Title' / '- a. sub' / '2. Title' printed as separate blocks is one numbered
    list with its sub-items: kept apart, Markdown would restart the numbering at 1
    after every sub-list."""
    out: list[str] = []
    i = 0
    while i < len(paragraphs):
        first = re.match(r"^(\d{1,2})\. ", paragraphs[i])
        items: list[str] = []
        nested = False
        j = i
        expected = int(first.group(1)) if first and "\n" not in paragraphs[i] else None
        while expected is not None and j < len(paragraphs):
            p = paragraphs[j]
            m = re.match(r"^(\d{1,2})\. ", p)
            if m and "\n" not in p and int(m.group(1)) == expected:
                items.append(p)
                expected += 1
                j += 1
            elif items and all(x.startswith("- ") for x in p.split("\n")):
                items.extend("    " + x for x in p.split("\n"))
                nested = True
                j += 1
            else:
                break
        if nested and expected - int(first.group(1)) >= 2:
            out.append("\n".join(items))
            i = j
        else:
            out.append(paragraphs[i])
            i += 1
    return out


def _sup(n: str) -> str:
    return n.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _ref(n: str, refs: list[str]) -> str:
    n = str(int(n))
    refs.append(n)
    return f"[^{n}]"


def _footnote_definition(para: str, refs: list[str], notes: dict[str, str]
                         ) -> tuple[str, str] | None:
    """'<sup>3</sup> Animal Político...' or '1. Entre otros, ...' after a reference ¹."""
    m = re.match(r"^<sup>\s*(\d{1,3})\s*</sup>\s*(.+)$", para, re.S)
    if m:
        return str(int(m.group(1))), _inline(m.group(2))
    m = re.match(r"^(?:\[\^)?(\d{1,3})(?:\]:|[.)])?\s+(.{60,})$", para, re.S)
    if m:
        n = str(int(m.group(1)))
        # Only a number already referenced and not yet defined, so that a
        # numbered list ("1. Transnational Families") is not taken for a note.
        if n in refs and n not in notes and not re.match(r"^\d{1,3}[.)]\s+\d", para) and \
                _looks_like_note(m.group(2)):
            return n, _inline(m.group(2))
    return None


def _looks_like_note(text: str) -> bool:
    # Notes cite: a source, a year, a link, "see", "entre otros"...
    return bool(re.search(r"\b(?:19|20)\d\d\b|https?://|\bsee\b|\bvéase\b|\bentre otros\b|"
                          r"\bavailable at\b|\bdisponible en\b|\bibid\b|\bexecutive order\b",
                          text, re.I))


def _inline(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", HTML_TAG_RE.sub("", text)).strip()


def _paragraphs(lines: list[_Line], wrapped: bool = False) -> list[str]:
    """Blocks separated by blank lines, artefacts dropped, wrapped lines joined
    (a list item or heading starts its own line; in a hard-wrapped text an
    indented line starts a paragraph)."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            out.append("\n".join(block))
            block.clear()

    for ln in lines:
        t = re.sub(r"^[•●▪◦·]\s+", "- ", ln.text.strip())
        if not t:
            flush()
            continue
        if is_artefact(t):
            flush()
            continue
        if wrapped and block and ln.text[:1] == " " and not block[-1].endswith(
                ("-", ",")) and block[-1].rstrip().endswith((".", ":", "?", "!")):
            flush()
        # A wrapped line continues the line before it, unless either is a list item
        # (then only a lower-case continuation of the item joins) or it is a heading.
        plain = not LIST_ITEM_RE.match(t) and not t.startswith("#")
        if block and ((plain and not LIST_ITEM_RE.match(block[-1]))
                      or _continues_item(block[-1], t)):
            block[-1] = _join(block[-1], t)
        else:
            block.append(t)
    flush()
    return out


def _continues_item(prev: str, cur: str) -> bool:
    # A list item wrapped onto the next line: the next line is not an item itself.
    return bool(LIST_ITEM_RE.match(prev)) and not LIST_ITEM_RE.match(cur) and \
        not cur.startswith("#") and cur[:1].islower()


def _join(prev: str, cur: str) -> str:
    # "Afro-" + "descendent": a line ending in a hyphen joins without a space.
    if re.search(r"\w-$", prev) and cur[:1].islower():
        return prev + cur
    return prev + " " + cur


def guess_language(body: str) -> str:
    words = re.findall(r"[a-záéíóúñ]+", body.lower())
    es = sum(w in {"de", "la", "el", "los", "las", "que", "y", "en", "para", "por", "con", "una",
                   "del", "se"} for w in words)
    en = sum(w in {"the", "of", "and", "to", "in", "that", "for", "is", "are", "with", "we",
                   "on", "this"} for w in words)
    return "es" if es > en else "en"


STATED_RE = (
    re.compile(r"\bundersigned,?\s+(\d{1,5})\s+(?:organi[sz]ations|groups|individuals|signator)",
               re.I),
    re.compile(r"\b(\d{1,5})\s+undersigned\b", re.I),
    re.compile(r"\b(?:las|los)\s+(\d{1,5})\s+(?:organizaciones|personas|redes)\s+"
               r"(?:firmantes|abajo firmantes|que suscribimos)", re.I),
)


def stated_count(body: str) -> int | None:
    """The number the letter states of itself ("We, the undersigned 87 organizations")."""
    for pattern in STATED_RE:
        m = pattern.search(body)
        if m:
            return int(m.group(1))
    return None


# ---------------------------------------------------------------- signatories

# Words a name never ends with: a line ending in one is continued by the next.
DANGLING = {
    "de", "del", "la", "las", "los", "el", "y", "e", "o", "u", "para", "por", "en", "con",
    "a", "al", "of", "the", "and", "for", "in", "on", "at", "to",
    "universidad", "university", "benemérita",
    # titles that stand before a name: "Centro de Derechos Humanos Fray" / "Matías de Córdova"
    "fray", "san", "santa", "santo", "don", "doña", "monseñor", "padre", "sor", "saint",
}
LEGAL_FORMS = re.compile(
    r"^(?:a\.?\s?c\.?|i\.?\s?a\.?\s?p\.?|a\.?\s?b\.?\s?p\.?|s\.?\s?c\.?|inc\.?|llc|ltd\.?|"
    r"s\.?\s?a\.?(?: de c\.?\s?v\.?)?|s\. de r\.l\.(?: de c\.v\.)?)(?:$|\s*\()", re.I)


def _dangling(text: str) -> bool:
    t = text.rstrip()
    if t.endswith((",", "/", "&", ";")):
        return True
    # "... Migración -" is cut, "-ACCI-" (an acronym between hyphens) is not.
    if re.search(r"(?:^|\s)[-–—]$", t):
        return True
    last = t.split()[-1].lower() if t.split() else ""
    return last in DANGLING


def split_signatories(lines: list[_Line], wrap: int | None = None
                      ) -> tuple[ImportedSection, ...]:
    """The list after the closing: headings, then one entry per printed name.

    Lines are joined into one printed item when a name was broken across lines:
    the line ends with a word a name never ends with ("de", "Universidad", a comma),
    the next starts in lower case ("y Refugiados..."), or, in a hard-wrapped text,
    the line fills the wrap width."""
    sections: list[tuple[str | None, list[tuple[str, int]]]] = [(None, [])]
    for ln in unfold_columns(lines):
        t = ln.text.strip()
        if not t or is_artefact(t):
            continue
        if _is_heading(t):
            sections.append((_strip_emphasis(t).rstrip(":").strip(), []))
            continue
        items = sections[-1][1]
        # A bullet or number in front of a name is the list's layout, not the name.
        t = re.sub(r"^(?:[-•●▪◦·*]|\d{1,4}[.)])\s+", "", _strip_emphasis(t))
        if items and _continued(items[-1][0], t, items[-1][2] if len(items[-1]) > 2 else False):
            prev, no, *_ = items[-1]
            items[-1] = (_join(prev, t), no, _fills(ln.text, wrap))
        else:
            items.append((t, ln.no, _fills(ln.text, wrap)))
    out = []
    for heading, items in sections:
        if heading is None and not items:
            continue
        entries: list[ImportedEntry] = []
        texts = _promote_tails([(text, no) for text, no, *_ in items])
        for text, no in texts:
            entries.extend(split_item(text, no))
        out.append(ImportedSection(heading, tuple(entries)))
    # A heading with no name under it (a title above the first real heading) signs nothing.
    return tuple(s for s in out if s.entries)


COLUMN_GAP_RE = re.compile(r"\S(\s{4,})(?=\S)")


def unfold_columns(lines: list[_Line]) -> list[_Line]:
    """A list printed in columns, as `pdftotext -layout` keeps it ("Alianza Américas
    <spaces> Sin Fronteras IAP"), read column after column, as printed: each run of
    lines separated by blank lines is cut at its column starts."""
    out: list[_Line] = []
    block: list[_Line] = []

    def flush() -> None:
        gapped = [b for b in block if COLUMN_GAP_RE.search(b.text)]
        if len(gapped) < 2 or len(gapped) * 2 < len(block):
            out.extend(block)
        else:
            starts = sorted({m.end(1) for b in gapped for m in COLUMN_GAP_RE.finditer(b.text)})
            columns: list[int] = []  # the first offset of each cluster of cell starts
            prev = None
            for offset in starts:
                if prev is None or offset - prev > 3:
                    columns.append(offset)
                prev = offset
            cells: dict[int, list[_Line]] = {}
            for b in block:
                pieces = [(0, b.text)]
                for m in COLUMN_GAP_RE.finditer(b.text):
                    pieces[-1] = (pieces[-1][0], b.text[pieces[-1][0]:m.start(1)])
                    pieces.append((m.end(1), b.text[m.end(1):]))
                for start, text in pieces:
                    if text.strip():
                        col = sum(c <= start + 3 for c in columns)
                        cells.setdefault(col, []).append(_Line(b.no, text.rstrip()))
            for col in sorted(cells):
                out.extend(cells[col])
        block.clear()

    for ln in lines:
        if ln.text.strip():
            block.append(ln)
        else:
            flush()
            out.append(ln)
    flush()
    return out


def _sort_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum() or c == " ")


def _promote_tails(items: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A network list that ends '...(RIMD). Center for Gender & Refugee Studies (CGRS)':
    when the sentence after the last bracket sorts between this item and the next one,
    it is the next signatory of an alphabetical list, run into the paragraph by the
    conversion."""
    out: list[tuple[str, int]] = []
    for i, (text, no) in enumerate(items):
        m = re.match(r"^(.*:.*\))\.\s+([A-ZÁÉÍÓÚ][^.:;]*)$", text)
        if m and i + 1 < len(items) and \
                _sort_key(text) <= _sort_key(m.group(2)) <= _sort_key(items[i + 1][0]):
            out += [(m.group(1), no), (m.group(2), no)]
        else:
            out.append((text, no))
    return out


def _fills(raw: str, wrap: int | None) -> bool:
    return wrap is not None and len(raw.rstrip()) >= wrap * 0.85


def _continued(prev: str, cur: str, prev_fills: bool) -> bool:
    if _dangling(prev) or prev_fills:
        return True
    first = cur[:1]
    return first.islower() and not cur[:2].isdigit()


def split_item(text: str, line: int) -> list[ImportedEntry]:
    """One printed item: a network with its members, two people on one line, or a name."""
    text = text.strip()
    network = _network(text)
    if network:
        name, members_text = network
        members: list[ImportedEntry] = []
        # The list's closing full stop ends the list, not its last name or line.
        for m in split_members(members_text):
            members.extend(_people(m, line))
        return [ImportedEntry(name, line, None, tuple(members))]
    return _people(text, line)


def _network(text: str) -> tuple[str, str] | None:
    """'Grupo de Trabajo ... -GTPM: Aldeas Infantiles SOS México, I.A.P.; ...'."""
    m = re.match(r"^([^:]{3,120}?):\s+(.+)$", text)
    if not m:
        return None
    name, rest = m.group(1).strip(), m.group(2).strip()
    # A list: at least two names separated by ';' or ','.
    if not re.search(r"[;,]", rest) or len(rest) < 20:
        return None
    return name, rest


def _split_outside_brackets(text: str, sep: str) -> list[str]:
    out, depth, current = [], 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == sep and depth <= 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return [p.strip() for p in out if p.strip()]


# Words that name a place: a comma piece made of them qualifies the name before it
# ("Coalición de Derechos Humanos, Tucson, Arizona").
PLACES = {
    "arizona", "az", "california", "ca", "texas", "tx", "new mexico", "nm", "illinois", "il",
    "new york", "ny", "tucson", "chicago", "el paso", "san diego", "los angeles", "tijuana",
    "ciudad de méxico", "cdmx", "mexico city", "méxico", "mexico", "guatemala", "honduras",
    "el salvador", "haití", "haiti", "colombia", "ecuador", "chile", "brasil", "brazil",
    "argentina", "perú", "peru", "venezuela", "nicaragua", "costa rica", "panamá", "panama",
    "canada", "canadá", "usa", "eeuu", "ee.uu.", "us", "u.s.", "regional", "global",
    "chiapas", "oaxaca", "puebla", "baja california", "sonora", "chihuahua", "coahuila",
    "tamaulipas", "nuevo león", "jalisco", "michoacán", "guanajuato", "veracruz", "tabasco",
}
# An enumeration of adjectives inside one name ("Derechos Humanos, Económicos, Sociales
# y Culturales") is not a list of members.
ADJECTIVE_RE = re.compile(r"^[A-ZÁÉÍÓÚ]\w*(?:icos|icas|ales|ivos|ivas|ares)\b")


# A mission statement printed after the name, not another organization.
TAGLINE_RE = re.compile(r"^(?:Advancing|Defending|Promoting|Protecting|Working|Building|Serving|"
                        r"Supporting|Empowering|Fighting|Accompanying)\b")


def _continues_name(piece: str) -> bool:
    """A comma piece that belongs to the name before it, not a member of its own."""
    words = piece.split()
    return bool(
        LEGAL_FORMS.match(piece)  # "Sin Fronteras, IAP"
        or piece[:1].islower()  # "..., fundadora y coordinadora del Seminario"
        or piece.casefold().rstrip(".") in PLACES  # "..., Tucson, Arizona"
        or (ADJECTIVE_RE.match(piece) and (len(words) == 1 or words[1] in {"y", "e", "and"}))
        or TAGLINE_RE.match(piece)  # "Cristosal, Advancing Human Rights ..."
    )


def split_members(text: str) -> list[str]:
    """Members printed after a network's colon, separated by ';' (or ',' when the
    letter uses no ';'). A comma piece that is a legal form ("I.A.P."), a place,
    or starts in lower case belongs to the name before it."""
    text = text.strip().rstrip(".").strip()
    sep = ";" if ";" in text else ","
    out: list[str] = []
    for piece in _split_outside_brackets(text, sep):
        if sep == ";":
            out.extend(_split_semicolon_member(piece))
        elif out and _continues_name(piece):
            out[-1] = out[-1] + ", " + piece
        else:
            out.append(piece)
    # A list ending in '... X y Y' names two members.
    if sep == "," and out:
        last = re.split(r"\s+(?:y|and|e)\s+", out[-1])
        # Not when a bracketed acronym follows: it names the whole ("... y Desarrollo (RIMD)").
        if len(last) == 2 and all(_name_like(x) for x in last) and "(" not in last[1]:
            out[-1:] = last
    return out


def _split_semicolon_member(piece: str) -> list[str]:
    """In a ';' list a comma usually adds a legal form or a person's role ("Leticia
    Calderón, Analista en temas migratorios"); it separates two members only when the
    part after it names an organization ("Save The Children México, Sin Fronteras, IAP").
    A sentence after a closing bracket ("(Observadoras). Claudia Martínez Medrano, ...")
    starts another member."""
    parts = re.split(r"(?<=\))\.\s+(?=[A-ZÁÉÍÓÚ])", piece)
    out: list[str] = []
    for part in parts:
        pieces = _split_outside_brackets(part, ",")
        current: list[str] = []
        for p in pieces:
            if current and ORG_WORDS.search(p) and not _continues_name(p) and \
                    not _person_like(current[0]) and not LEGAL_FORMS.match(p):
                out.append(", ".join(current))
                current = [p]
            else:
                current.append(p)
        out.append(", ".join(current))
    return out


ORG_WORDS = re.compile(
    r"\b(?:asociaci[oó]n|association|centro|center|centre|red|network|colectiv[oa]|"
    r"fundaci[oó]n|foundation|instituto|institute|universidad|university|comisi[oó]n|"
    r"commission|committee|comit[eé]|coalici[oó]n|coalition|grupo|group|alianza|alliance|"
    r"casa|albergue|servicio|service|programa|program|project|proyecto|iglesia|church|"
    r"consejo|council|federaci[oó]n|federation|movimiento|movement|mesa|foro|forum|"
    r"pastoral|clínica|clinic|oficina|office|sociedad|society|uni[oó]n|union|A\.?C\.?|"
    r"I\.?A\.?P\.?|org|inc|ngo|ong|capítulo|chapter|equipo|team|frente|front|"
    r"observatorio|observatory|defensor[ií]a|fronteras|borders|derechos|rights|migrantes?)\b",
    re.I)


def _name_like(text: str) -> bool:
    return bool(text) and text[:1].isupper() and len(text.split()) <= 6


def _person_like(text: str) -> bool:
    """'Guadalupe cepeda Aguilar', 'Raúl Reyes Covarrubias': two to five words, no
    organization word, no digits or brackets."""
    words = text.split()
    if not 2 <= len(words) <= 5 or ORG_WORDS.search(text) or re.search(r"[\d()/,:;@]", text):
        return False
    if any(w in {"The", "the", "of", "for", "and", "in", "on", "to"} for w in words):
        return False  # English function words: "Save The Children México"
    capitals = sum(w[:1].isupper() for w in words)
    return words[0][:1].isupper() and capitals >= len(words) - 1


def _people(text: str, line: int) -> list[ImportedEntry]:
    """'X y Y' / 'X and Y' / 'X, Y y Z' naming people: one entry each, sharing `line`.
    A role printed after the last name ("..., Secretaría Técnica") stays in `line`."""
    # "Formación y Capacitación A.C. /Red Mesoamericana Mujer Salud y Migración": a legal
    # form ends the first name, so the slash separates two organizations.
    m = re.match(r"^(.+?\b(?:A\.\s?C\.|AC|I\.A\.P\.|IAP|A\.B\.P\.|Inc\.))\s*/\s*"
                 r"([A-ZÁÉÍÓÚ]\w+(?:\s+\S+)+)$", text)
    if m:
        return [ImportedEntry(m.group(1), line, text), ImportedEntry(m.group(2), line, text)]
    parts = re.split(r"\s+(?:y|and|e|&)\s+", text)
    if len(parts) == 2:
        tail = [p.strip() for p in re.split(r",\s+", parts[1])]
        heads = [p.strip() for p in re.split(r",\s+", parts[0])] + tail[:1]
        role_ok = len(tail) == 1 or (len(tail) == 2 and len(heads) >= 3)
        if 2 <= len(heads) <= 4 and role_ok and all(_person_like(h) for h in heads):
            return [ImportedEntry(h, line, text) for h in heads]
    return [ImportedEntry(text, line)]


# ---------------------------------------------------------------- front matter

class _Resolver(Protocol):
    def match(self, printed: str, limit: int = 5): ...


PLACEHOLDER_PREFIX = "todo-"
TODO_TITLE = "TODO: a short descriptive title (the letter prints none)"
TODO_SUMMARY = "TODO: one or two sentences saying who asks whom for what"
TODO_TAG = "todo"


def placeholder_id(printed: str) -> str:
    """The id written for a printed name that did not resolve: valid as an id, so the
    letter still loads, but never a registry file, so `check` reports it."""
    return PLACEHOLDER_PREFIX + slugify(printed, 70)


def is_placeholder(signatory_id: str) -> bool:
    return signatory_id.startswith(PLACEHOLDER_PREFIX)


@dataclass(frozen=True)
class Resolution:
    printed: str
    status: str  # resolved | suggested | new
    id: str
    comment: str | None
    how: str | None = None  # alias | key | acronym | decision, when resolved


def resolve_entry(printed: str, resolver: _Resolver | None, m=None) -> Resolution:
    """`m`: the name's match, when its whole list was matched together."""
    if resolver is None:
        return Resolution(printed, "new", placeholder_id(printed),
                          "new: not in the registry; run `undersigned review`")
    m = m or resolver.match(printed)
    if m.status == "resolved" and m.id:
        return Resolution(printed, "resolved", m.id, None, m.how)
    if m.status == "suggested" and m.suggestions:
        best = ", ".join(f"{s.id} ({round(s.score)})" for s in m.suggestions[:3])
        return Resolution(printed, "suggested", placeholder_id(printed),
                          f"suggested: {best}; run `undersigned review`")
    return Resolution(printed, "new", placeholder_id(printed),
                      "new: not in the registry; run `undersigned review`")


def resolutions(imported: ImportedLetter, resolver: _Resolver | None) -> list[Resolution]:
    """Every printed name of the list, in printed order, resolved. The entries, and each
    network's members, are matched list by list: two names printed in one list are two
    entities (`Resolver.match_list`)."""
    entries = [e for section in imported.sections for e in section.entries]
    together = getattr(resolver, "match_list", None)

    def matched(names: list[str]) -> list:
        return together(names) if together else [None] * len(names)

    top = matched([e.printed for e in entries])
    out = []
    for entry, m in zip(entries, top, strict=True):
        out.append(resolve_entry(entry.printed, resolver, m))
        members = [x.printed for x in entry.members]
        out.extend(resolve_entry(p, resolver, mm)
                   for p, mm in zip(members, matched(members), strict=True))
    return out


def summary_line(found: list[Resolution]) -> str:
    counts = {k: sum(r.status == k for r in found) for k in ("resolved", "suggested", "new")}
    return (f"{len(found)} signatories: {counts['resolved']} resolved, "
            f"{counts['suggested']} suggested, {counts['new']} new")


_PLAIN_RE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\"'\\]*$")


def _yaml_unprintable(c: str) -> bool:
    o = ord(c)
    return o < 0x20 or 0x7F <= o <= 0x9F or c in "\u2028\u2029\ufeff" or o in (0xFFFE, 0xFFFF)


def yaml_str(value: str) -> str:
    """A YAML scalar that reads back as exactly `value` under strict loading; a control
    character is escaped (so `check` can point at it) rather than written raw."""
    if _PLAIN_RE.match(value) and value == value.strip() and not value.endswith(":") \
            and not any(_yaml_unprintable(c) for c in value):
        return value
    out = []
    for c in value:
        if c in '\\"':
            out.append("\\" + c)
        elif _yaml_unprintable(c):
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def letter_slug(imported: ImportedLetter) -> str:
    """Default file name: the date and the first recipient's name."""
    who = imported.recipients[0] if imported.recipients else None
    words = slugify((who.name or who.printed) if who else "letter", 40)
    return f"{imported.date.isoformat()}-{words}"


def to_markdown(imported: ImportedLetter, resolver: _Resolver | None,
                recipients: dict | None = None,
                resolved: list[Resolution] | None = None,
                keep: Letter | None = None) -> str:
    """The letter file: front matter (placeholders where a person must decide) and body.

    `recipients` is the registry (`Archive.recipients`): a printed recipient found
    among a record's name or aliases gets its id; others get a new id to create.
    `keep` is the letter this import replaces: the title, summary, tags and source
    a person wrote there are kept."""
    found = iter(resolved if resolved is not None else resolutions(imported, resolver))
    y = yaml_str
    title, summary = TODO_TITLE, TODO_SUMMARY
    tags = f"[{TODO_TAG}]  # TODO: ids from tags.yml"
    source = (f"Imported from {PurePath(imported.source_name).name}; TODO: the original "
              "publisher")
    if keep is not None:
        title, summary, source = keep.title, keep.summary, keep.source
        if keep.tags and TODO_TAG not in keep.tags:
            tags = "[" + ", ".join(y(t) for t in keep.tags) + "]"
    out = ["---",
           f"title: {y(title)}",
           f"date: {imported.date.isoformat()}",
           f"language: {imported.language}",
           f"summary: {y(summary)}",
           f"tags: {tags}",
           f"source: {y(source)}"]
    if imported.place:
        out.append(f"place: {y(imported.place)}")
    if imported.stated_count is not None:
        out.append(f"stated_count: {imported.stated_count}")
    if not imported.recipients:
        out.append("recipients: []  # TODO: whom the letter is addressed to")
    for key, refs in (("recipients", imported.recipients), ("cc", imported.cc)):
        if not refs:
            continue
        out.append(f"{key}:")
        for r in refs:
            out.append(f"  - printed: {y(r.printed)}")
            out.append(f"    id: {_recipient_id(r, recipients or {})}")
            if r.name:
                out.append(f"    name: {y(r.name)}")
            if r.role:
                out.append(f"    role: {y(r.role)}")
    out.append("signatories:")
    for section in imported.sections:
        indent = "    "
        if section.heading:
            out.append(f"  - section: {y(section.heading)}")
            out.append("    entries:")
        else:
            out.append("  - entries:")
        for entry in section.entries:
            out.extend(_entry_lines(entry, next(found), indent + "  "))
            if entry.members:
                out.append(f"{indent}    members:")
                for member in entry.members:
                    out.extend(_entry_lines(member, next(found), indent + "      "))
    out.append("---")
    return "\n".join(out) + "\n\n" + imported.body


def _entry_lines(entry: ImportedEntry, r: Resolution, indent: str) -> list[str]:
    lines = [f"{indent}- printed: {yaml_str(entry.printed)}",
             f"{indent}  id: {r.id}" + (f"  # {r.comment}" if r.comment else "")]
    if entry.line:
        lines.append(f"{indent}  line: {yaml_str(entry.line)}")
    return lines


def _recipient_id(ref: ImportedRecipient, registry: dict) -> str:
    key = _fold(ref.printed)
    for rec in registry.values():
        if key in {_fold(a) for a in (rec.name, *rec.aliases)}:
            return rec.id
    return slugify(ref.name or ref.printed, 60)


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# ---------------------------------------------------------------- after import

def unfinished(letter: Letter) -> list[Diagnostic]:
    """What the importer left for a person to fill in, as `check` errors."""
    out = []

    def err(key: tuple, message: str) -> None:
        out.append(Diagnostic(letter.path, letter.lines.get(key, 1), "error", message))

    if letter.title.startswith("TODO"):
        err(("title",), "title is still the importer's placeholder: write a short "
                        "descriptive title")
    if letter.summary.startswith("TODO"):
        err(("summary",), "summary is still the importer's placeholder: write one or two "
                          "sentences")
    if not letter.recipients:
        err(("recipients",), "no recipients: add whom the letter is addressed to, each with "
                             "`printed` and `id`")
    if "TODO" in letter.source:
        err(("source",), "source still says TODO: say where the text comes from and who "
                         "published the letter")
    for sig in letter.signatures:
        if is_placeholder(sig.signatory_id):
            out.append(Diagnostic(
                letter.path, sig.source_line, "error",
                f"{sig.printed!r} is not linked to a signatory yet: run `undersigned review` "
                "to accept a suggestion or record it as new"))
    return out


def relink(text: str, printed: str, new_id: str) -> str:
    """Replace the placeholder id of every entry printed `printed` in a letter file's
    text with `new_id`, dropping the importer's comment (used by `review`)."""
    lines = text.split("\n")
    target = placeholder_id(printed)
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)id: (\S+)(\s+#.*)?$", line)
        if m and m.group(2) == target:
            lines[i] = f"{m.group(1)}id: {new_id}"
    return "\n".join(lines)
