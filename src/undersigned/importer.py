"""Import stage: a letter as text (pasted from a web page, pdftotext's default or
-layout output, Markdown, or what `pdftext.read_pdf` makes of a PDF) becomes a letter
file of the archive.

Two pure steps, no I/O: `parse_letter_text` reads the text into an
ImportedLetter (date, place, recipients, body as Markdown, signatory sections
split one printed name per entry); `to_markdown` resolves every printed name
with the same Resolver as `undersigned match` and writes the front matter.

Reading a letter, in order: the head is everything above the salutation or the
first paragraph of prose (`_head_end`); the date is a line of the head that prints
a date and nothing else but a place or a weekday (`date_line`), else one right after
the closing or under the signatures, never a date in a sentence of the body or a
line of the list; where none is printed, import asks (`NO_DATE`) and a date given
with --date is used. The list starts after the first closing or list heading that
prose does not follow (`_list_start`); `split_list` reads it into sections and
entries, and keeps every line that signs nothing (contacts, remarks, "cc:", footnotes)
as a note at the end of the body: nothing printed is dropped (`unplaced_lines`).

What the importer cannot know is written as a placeholder that `undersigned
check` reports (see `unfinished`): a title and summary starting with "TODO:",
the tag `todo`, and for every printed name that did not resolve an id
`todo-<slug>` with a YAML comment giving the suggestions. `undersigned review`
replaces those ids (see `relink`), so the path is import, review, check.
"""

from __future__ import annotations

import dataclasses
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
    name: str | None = None
    affiliation: str | None = None
    country: str | None = None
    kind: str | None = None  # a guess for review ("person"), never written as a fact


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
    # (line, text) of the lines in or after the list that sign nothing, kept in the body.
    kept: tuple[tuple[int, str], ...] = ()

    @property
    def signatory_count(self) -> int:
        """Printed names, network members included (what `Letter.listed_count` counts)."""
        return sum(1 + len(e.members) for s in self.sections for e in s.entries)


# ---------------------------------------------------------------- dates

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th|er|º|°|o)?"
DATE_PATTERNS = (
    # July 11, 2022; Jan. 5th, 2021
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I), (2, 1, 3)),
    # 11 July 2022, 4th February 2021, 7 de junio de 2021, 30 de abril, 2020, 1er mai 2020
    (re.compile(rf"\b(\d{{1,2}}){_ORD}\s+(?:de\s+|of\s+|day of\s+)?{_MONTH},?\s+"
                rf"(?:de(?:l)?\s+)?(\d{{4}})\b",
                re.I), (1, 2, 3)),
)
ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

# What may stand before a printed date on a line of its own: a weekday, a label, the
# place of a dateline and its particle ("Ciudad de México, a", "Paris, le", "em").
WEEKDAYS_RE = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|"
    r"miercoles|jueves|viernes|sábado|sabado|domingo|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira)"
    r"\s*,?\s*$", re.I)
NOT_LETTER_DATE_RE = re.compile(
    r"\b(?:as of|as at|updated(?: on)?|last updated|until|deadline|actualizad[oa](?: al)?|"
    r"hasta(?: el)?|al|mis à jour(?: le)?|atualizad[oa](?: em)?)\s*:?\s*$", re.I)
DATE_LABEL_RE = re.compile(r"^(?:date|dated|dated this|signed this|fecha|data|on|le|the|"
                           r"for immediate release|"
                           r"published(?: on)?|posted(?: on)?|issued(?: on)?|publicado(?: el)?|"
                           r"publié(?: le)?)\s*"
                           r"[:–—-]?\s*$", re.I)


def find_date(text: str) -> tuple[dt.date, str | None] | None:
    """The date printed in one line, and the place printed before it ("Mexico City")."""
    found = _date_match(text)
    if found is None:
        return None
    date, before, _ = found
    return date, _place(before)


def _date_match(text: str) -> tuple[dt.date, str, str] | None:
    """(date, text before it, text after it) of the first full date in `text`."""
    plain = _strip_emphasis(text)
    best: tuple[int, dt.date, str, str] | None = None
    for pattern, (d, m, y) in DATE_PATTERNS:
        for match in pattern.finditer(plain):
            try:
                date = dt.date(int(match.group(y)), MONTHS[match.group(m).lower()],
                               int(match.group(d)))
            except ValueError:
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), date, plain[: match.start()], plain[match.end():])
            break
    if best is None:
        iso = ISO_RE.search(plain)
        if iso:
            try:
                date = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            except ValueError:
                return None
            return date, plain[: iso.start()], plain[iso.end():]
        return None
    return best[1], best[2], best[3]


def _place(before: str) -> str | None:
    before = before.strip()
    # "Ciudad de México, a 18 de noviembre de 2021": the place, without ", a".
    before = re.sub(r"(?:,?\s+(?:a|le|em|el|on|the))?\s*[,.:;–—·|/-]?\s*$", "", before).strip()
    words = before.split(",")
    if words and WEEKDAYS_RE.match(words[-1].strip() + ","):
        before = ",".join(words[:-1]).strip().rstrip(",")
    if not before or WEEKDAYS_RE.match(before) or DATE_LABEL_RE.match(before):
        return None
    # A place's name is capitalised but for its particles ("Ciudad de México"); "Joint
    # letter on river protection" is a title, not a place.
    particles = {"de", "del", "la", "las", "los", "do", "da", "dos", "das", "di", "du", "of",
                 "upon", "on", "sur", "en", "am", "im"}
    if any(w[:1].islower() and w not in particles for w in before.split()):
        return None
    return before


def date_line(text: str) -> tuple[dt.date, str | None] | None:
    """The date of a line that prints a date and nothing else but a place, a weekday or
    a label ("Domingo, 22 de abril, 2012", "Geneva, 4th February 2021", "Date: ...").
    A sentence that mentions a date ("due to expire on 31 December 2005") is not one."""
    t = text.strip()
    if not t or len(t) > 90:
        return None
    found = _date_match(t)
    if found is None:
        return None
    date, before, after = found
    rest = after.strip(" .,;:)*_—–-/|")
    if rest:
        # "June 20, 2023 / 20 de junio de 2023": the same date in a second language.
        again = _date_match(rest)
        if again is None or again[0] != date or again[1].strip() or \
                again[2].strip(" .,;:)*_—–-"):
            return None
    if len(before.split()) > 7 or re.search(r"[.;:!?]\s+[a-z]", before.rstrip(" :")):
        return None
    if NOT_LETTER_DATE_RE.search(before):
        return None  # "As of January 2, 2007": the date of the list, not of the letter
    b = _strip_emphasis(before).strip()
    # What stands before a letter's date is a place, a weekday or a label, ended by a
    # comma, a dash or a particle ("Paris, le"); "Hearing on March 3, 2021" names the
    # date of something else.
    if b and not (b[-1] in ",–—-·|:/" or re.search(r"(?:^|\s)(?:a|le|em|el|den|à)$", b)
                  or DATE_LABEL_RE.match(b) or WEEKDAYS_RE.match(b)
                  or all(w[:1].isupper() or not w[:1].isalpha() for w in b.split())):
        return None
    return date, _place(before)


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
    r"^(?:sincerely|sincerely yours|yours sincerely|yours truly|yours faithfully|faithfully|"
    r"kindly|kind regards|best regards|regards|with regards|warm regards|warmly|"
    r"respectfully|respectfully yours|respectfully submitted|with respect|cordially|"
    r"in solidarity|with solidarity|in peace|thank you|thanks|many thanks|signed|"
    r"thank you for your (?:attention|time|consideration)[^.]{0,60}|"
    r"atentamente|muy atentamente|cordialmente|respetuosamente|saludos(?: cordiales)?|"
    r"un saludo(?: cordial)?|sin otro particular|en solidaridad|solidariamente|gracias|"
    r"muchas gracias|fraternalmente|"
    r"cordialement|sincèrement|salutations(?: distinguées)?|bien à vous|solidairement|"
    r"merci|atenciosamente|cordialmente|saudações|obrigad[oa]|em solidariedade)"
    # "Yours faithfully, the founders of:", "Atentamente, las organizaciones firmantes:":
    # a closing whose lower-case rest introduces the list is still the closing.
    r"(?:\s*[,.:!]?|,\s+(?-i:[a-zà-ÿ])[^.!?:]{0,60}:)$", re.I)
# A heading that opens the list of signatories, in English, Spanish, French or
# Portuguese: "Signatories", "Firman", "... CAMPAIGN ENDORSERS", "Organizations
# supporting this statement include:".
LIST_HEADING_RE = re.compile(
    r"^(?:(?:list of |lista de |liste des )?(?:the )?(?:co-?)?(?:signatories|signatory|signers|"
    r"signed(?: by)?|signed,|endorsers|endorsed by|endorsements|supported by|firman|firmas|"
    r"firmantes|suscriben|adhesiones|adherentes|signataires|assinam|assinaturas|"
    r"subscrevem|signé|signed on behalf of|co-?signers|co-?signatories|supporters|"
    r"signatures|undersigned(?: organi[sz]ations| groups| individuals)?)\b.{0,60}|"
    r".{0,80}\b(?:signatories|signatory organi[sz]ations|endorsers|endorsing organi[sz]ations|"
    r"signing organi[sz]ations|organi[sz]ations signing|firmantes|signataires|assinantes|"
    r"signatári[ao]s|suscriben|adherentes|que firman|co-?signers)|"
    r".{0,80}\b(?:supporting|endorsing|signing|supporting|who support|that support|"
    r"que (?:apoyan|firman|suscriben)|qui soutiennent|que apoiam)\s+"
    r"(?:this|the|esta|este|la|el|cette|ce|esta|este)\s+.{0,40}(?:include|incluyen|are)?)"
    r"\s*[:.]?$", re.I)


def _is_list_heading(text: str) -> bool:
    t = _strip_emphasis(text).strip()
    return bool(t) and len(t.split()) <= 14 and bool(LIST_HEADING_RE.match(t)) and \
        not (t.endswith(".") and len(t.split()) > 6)


CC_RE = re.compile(r"^(?:c\.?\s?c\.?(?:\s?p\.?)?|con copia(?: para| a)?|copy to|copies to|"
                   r"copia(?: para| a)?|copie à|cópia para|com cópia para)(?![^\s:.])\s*[:.]?\s*"
                   r"(.*)$", re.I)
CC_START = ("cc", "c.c", "con copia", "copy to", "copies to", "copia", "copie", "cópia",
            "com cópia")
HONORIFIC_RE = re.compile(
    r"^(?:the\s+)?(?:honou?rable|hon\.|rt\.?\s+hon\.|right honou?rable|senator(?:\s+the)?|"
    r"(?:excelent[íi]s?sim[oa]\s+)?(?:señor|señora|senhor|senhora)|madame|monsieur|"
    r"mr\.?|mrs\.?|ms\.?|dr\.?|dra\.?|sr\.?|sra\.?|shri|smt\.?|lic\.?|mtro\.?|mtra\.?|"
    r"c\.)\s", re.I)

# Headings of signatory sections as letters print them; any whole-line bold or
# Markdown heading in the list counts as well.
SECTION_WORDS = re.compile(
    r"^(?:(?:signatory|signing|endorsing|supporting|participating|co-?signing|firmantes?|"
    r"signatories|signers|signed|firman|"
    r"suscriben|adherentes?)\b.*|"
    r"(?:(?:national|local|state|regional|international|civil society|faith|academic|"
    r"organizational|individual|mexican|u\.?s\.?|us|tribal|community|grassroots|labor|"
    r"labour|religious|global)(?:\s+and\s+|\s*,\s*|\s*/\s*|\s+))*"
    r"(?:ngos?|networks?|coalitions?|organi[sz]ations?|individuals?|individual signatories|"
    r"academics?|academia|people|persons|personas|individuos|organizaciones(?: de la sociedad "
    r"civil)?|redes|colectivos|academicos|académicos|académicas|osc|ong|ongs|"
    r"organizaciones y redes|organizations and networks)(?:\s*\(.*\))?)\s*:?$", re.I)


# Sub-headings of a list: by reach ("Global", "Organizaciones nacionales", even misspelt
# "Organiciones Nacionales"), or by capacity ("in an individual capacity").
SUBHEADING_RE = re.compile(
    r"^(?:(?:organi\w*|ngos?|ong?s?|osc|csos?|groups?|grupos?|redes|networks?|entidades|"
    r"movimientos|movements|sindicatos|unions)\s+)?"
    r"(?:global(?:es)?|regional(?:es)?|national|nacional(?:es)?|nationales?|international|"
    r"internacional(?:es)?|internationales?|local(?:es)?|locais|nacionais|internacionais|"
    r"state|statewide|estatales|federal(?:es)?)\s*:?$|"
    r"^\(?(?:signing |signed )?(?:in (?:an|their|a) (?:individual|personal) capacit(?:y|ies)|"
    r"(?:en|a) (?:su )?(?:capacidad|título) (?:individual|personal)|à titre (?:individuel|"
    r"personnel)|a título (?:individual|pessoal)|individual signatories|individual signers|"
    r"individuals and organi[sz]ations|personas|personas firmantes|pessoas|pessoas físicas|"
    r"organizações|organisations|individus|personnalités|personalidades|experts?|"
    r"experts and academics|scholars|academics and experts|faith leaders|elected officials|"
    r"businesses|companies|empresas|start-?ups|signatures individuelles)\)?\s*:?$", re.I)


def _is_heading(text: str) -> bool:
    # A marker after a heading ("Individual Signatories*") points at a note below.
    plain = re.sub(r"\s*[*†‡¹²³⁴⁵⁶⁷⁸⁹]+$", "", _strip_emphasis(text))
    if not plain or len(plain) > 100:
        return False
    bare = plain.rstrip(":").strip()
    return bool(SECTION_WORDS.match(plain) or SUBHEADING_RE.match(plain)
                or _is_list_heading(plain) or is_country(bare)) or (
        _is_emphasised(text) and len(plain) <= 60)


# Lines in a list that sign nothing: kept in the letter's text.
NOTE_RE = re.compile(
    r"^\(?(?:as of\b|as at\b|updated\b|last updated|(?:listed )?in alphabetical order|"
    r"listed alphabetically|alphabetical|por orden alfab|en orden alfab|par ordre alphab|"
    r"em ordem alfab|(?:\*\s*)?(?:institutional |organi[sz]ational )?(?:titles and )?"
    r"affiliations?\b.{0,40}\bidentification|(?:organi[sz]ations? |names )?(?:are )?"
    r"listed for identification|for identification purposes|(?:las )?afiliaciones.{0,40}"
    r"identificaci|(?:a|as) afilia[çc][õo]es|les affiliations|concerned citizens?\s*$|"
    r"and (?:many )?others\b|and more\b|y otr[oa]s\b|entre otr[oa]s\b|among others\b|"
    r"(?:\.\.\.|…)?\s*(?:and |plus |\+\s?|y |et |e )?(?:\d{1,3}(?:[,.]\d{3})*\+?|many|muchas|"
    r"muchos) "
    r"(?:more |other |otras |otros |autres |outras )?(?:organi[sz]ations|individuals|people|"
    r"signatories|organizaciones|personas|firmas|organisations|personnes|organizações|"
    r"pessoas)\b.{0,100}$|(?:full|complete) list\b|lista completa\b|"
    r".{0,120}(?:\((?:listed |see |ver |voir )?(?:below|abajo|ci-dessous|abaixo)\)|"
    r"\b(?:listed|see|signed) below|\bque firman abajo|\bci-dessous)\s*[:.]?$|"
    r"\.\.\.\s*$|…\s*$|total\s*:|\d+\s+(?:signatories|organi[sz]ations|firmas|firmantes)"
    r"\s*$|page \d+)", re.I)
# After one of these, the rest of the list is a contact block or an attachment.
TAIL_RE = re.compile(
    r"^(?:for (?:more|further) information|more information|further information|"
    r"(?:media|press) contacts?|contacts?\s*:|contact us|for press inquiries|"
    r"para (?:más|mayor) información|más información|contactos?(?: de prensa)?\s*:|"
    r"pour (?:plus d'|de plus amples )informations?|contacts? presse|"
    r"para mais informações|mais informações|contatos?\s*:|"
    r"attachments?\b|annex(?:es)?\b|anexos?\b|pièces? jointes?|enclosures?\b|"
    r"(?:end|foot)?notes?\s*:?$|references\s*:?$|notas\s*:?$|referencias\s*:?$|"
    r"références\s*:?$|sources\s*:?$|fuentes\s*:?$)", re.I)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?:\+\d[\d\s().-]{7,}\d|\(\d{2,4}\)\s*\d{3,4}[-.\s]\d{4}|"
                      r"\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b(?:tel|phone|tél|teléfono|cel)\b"
                      r"\.?\s*:?\s*\+?\d)", re.I)


def _is_note(text: str) -> bool:
    """A line inside or after the list that names no signatory: a contact, a remark on
    the list, a footnote, a sentence."""
    t = _strip_emphasis(text.strip())
    if not t:
        return False
    # A run of 45 characters with no space is no name: words the conversion glued.
    if re.search(r"[^\s/]{45,}", t) and not URL_RE.search(t):
        return True
    if FOOTNOTE_DEF_RE.match(t) or NOTE_RE.match(t) or EMAIL_RE.search(t) or \
            PHONE_RE.search(t) or TAIL_RE.match(t):
        return True
    # A sentence: long, mostly lower-case words (a network's list of members is long
    # too, but its names are capitalised); or two sentences ("X defends renters. Y was
    # founded in 1990.").
    words = t.split()
    if len(words) >= 10 and t.endswith(".") and re.search(r"[a-z]{2}\. [A-Z]", t) and \
            _network(t) is None:
        return True
    lower = sum(w[:1].islower() for w in words)
    return len(words) >= 20 and t.endswith((".", "!", "?", ":")) and lower * 2 >= len(words) \
        and _network(t) is None


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


MAX_TEXT = 2_000_000  # characters: the longest real letter is under 100,000; bounds the time

NO_DATE = ("no date printed in the letter's head or signature block; give it with "
           "--date YYYY-MM-DD")


def not_text(text: str) -> str | None:
    """Why `text` cannot be a letter typed or converted as text, or None."""
    if len(text) > MAX_TEXT:
        return (f"the file holds {len(text):,} characters, more than a letter "
                f"({MAX_TEXT:,} at most); give the letter's own text")
    sample = text[:200_000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if "\x00" in sample or controls > max(8, len(sample) // 200):
        return ("the file is binary data, not text; give the letter as UTF-8 text (or as a "
                "PDF)")
    return None


def parse_letter_text(text: str, source_name: str, date: dt.date | None = None
                      ) -> tuple[ImportedLetter | None, list[Diagnostic]]:
    """Read a plain-text letter. Never raises: problems are Diagnostics against
    `source_name`; on an error the letter is None.

    `date` is the contributor's answer (`--date`) when the letter prints none in its
    head or signature block; a different printed date is an error, never overridden."""
    diags: list[Diagnostic] = []

    def error(line: int, message: str) -> tuple[None, list[Diagnostic]]:
        diags.append(Diagnostic(source_name, line, "error", message))
        return None, diags

    problem = not_text(text)
    if problem:
        return error(1, problem)
    lines = _lines(text)
    first = next((x.no for x in lines if x.text.strip()), 1)

    # 1. The head: everything above the salutation or the first paragraph of prose.
    head_end = _head_end(lines)
    date_at = next((i for i in range(head_end) if date_line(lines[i].text)), None)

    # 2. The list starts after a closing ("Sincerely,") or a list heading ("Firman").
    start = _list_start(lines, head_end)
    # 3. The date: the head's, else the signature block's (right after the closing);
    # never one from a sentence of the body or a line of the list.
    if date_at is None and start is not None and start[2]:
        date_at = next((i for i in _next_nonblank(lines, start[0], 4)
                        if date_line(lines[i].text)), None)
    if date_at is None and start is not None:
        # The date under the signatures, as the last line of the letter ("Geneva,
        # 5 May 2020"), is its signature block's too.
        last = [i for i in range(start[0], len(lines)) if lines[i].text.strip()][-1:]
        date_at = next((i for i in last if date_line(lines[i].text)), None)
    found = date_line(lines[date_at].text) if date_at is not None else None
    if found is None and date is None:
        error(first, NO_DATE)
    elif found is not None and date is not None and found[0] != date:
        error(lines[date_at].no, f"the letter prints the date {found[0].isoformat()} "
                                 f"({lines[date_at].text.strip()!r}) but --date gives "
                                 f"{date.isoformat()}; leave out --date, or correct it")
    if start is None:
        error(lines[-1].no if lines else 1,
              "no signatory list found: the list must follow a closing line such as "
              "'Sincerely,' or 'Atentamente,', or a heading such as 'Signatories' or "
              "'Firman'; add one before the list")
    if diags:
        return None, diags
    assert start is not None
    letter_date, place = (found[0], found[1]) if found else (date, None)
    list_start, body_end, _ = start

    # 4. Head: recipients and copies; what is neither stays at the top of the text.
    recipients, cc, head_text = _head(lines, head_end, date_at)
    # 5. The list, and the lines in and after it that sign nothing (kept in the text).
    sections, notes, list_cc = split_list(lines[list_start:],
                                          hard_wrap_width(lines[head_end:body_end]))
    if not any(s.entries for s in sections):
        return error(lines[list_start - 1].no if list_start else 1,
                     "no signatories found after the closing line: paste the list of "
                     "signatories below it, one per line")
    # Bare URLs are the targets of links whose words the conversion lost, printed at
    # the foot of the pages (even inside the list): kept at the end of the body.
    urls = [x.text.strip().strip("<>") for x in lines[head_end:]
            if URL_RE.match(x.text.strip())]
    footnotes = {m.group(1): m.group(2).strip() for x in lines
                 if (m := FOOTNOTE_DEF_RE.match(x.text.strip()))}
    body_lines = [x for x in lines[head_end:body_end]
                  if not FOOTNOTE_DEF_RE.match(x.text.strip())]
    # Each line of the head (title, date, subtitle) is a paragraph of its own.
    head_paragraphs = [x for ln in head_text if ln.text.strip() for x in (ln, _Line(ln.no, ""))]
    body = body_to_markdown(head_paragraphs + _one_block_per_line(body_lines), urls, footnotes)
    kept = [x for x in notes if not FOOTNOTE_DEF_RE.match(x.text.strip())]
    if kept:
        body = body.rstrip("\n") + "\n\n" + "\n\n".join(_escape_note(x.text.strip())
                                                         for x in kept) + "\n"
    for n, note in footnotes.items():
        if f"[^{n}]:" not in body:
            body = body.rstrip("\n") + f"\n\n[^{n}]: {note}\n"
    return ImportedLetter(
        source_name=source_name, date=letter_date, place=place,
        language=guess_language(body), recipients=recipients, cc=(*cc, *list_cc),
        body=body, sections=sections, stated_count=stated_count(body),
        kept=tuple((x.no, x.text.strip()) for x in notes),
    ), diags


FOOTNOTE_DEF_RE = re.compile(r"^\[\^(\w{1,10})\]:\s*(.*)$")


def _escape_note(text: str) -> str:
    # A kept note is text, not Markdown structure: "1." or "-" at its start would make
    # a list, "#" a heading.
    text = re.sub(r"^([-+*](?=\s)|#|>)", r"\\\1", text)
    return re.sub(r"^(\d{1,4})([.)])(?=\s)", r"\1\\\2", text)


def _next_nonblank(lines: list[_Line], start: int, count: int) -> list[int]:
    out = []
    for i in range(start, len(lines)):
        if lines[i].text.strip():
            out.append(i)
            if len(out) == count:
                break
    return out


def _one_block_per_line(lines: list[_Line]) -> list[_Line]:
    """Text copied from a web page prints one paragraph a line with no blank line
    between them: a blank line is put between its lines, so they stay paragraphs."""
    filled = [x for x in lines if x.text.strip()]
    if len(filled) < 3:
        return lines
    long_lines = sum(len(x.text) > 200 for x in filled)
    blanks = len(lines) - len(filled)
    if long_lines * 4 < len(filled) and blanks * 3 >= len(filled):
        return lines
    if blanks * 3 >= len(filled) and long_lines * 4 >= len(filled):
        return lines  # paragraphs already apart
    out: list[_Line] = []
    for x in lines:
        out.append(x)
        if x.text.strip():
            out.append(_Line(x.no, ""))
    return out


def _is_head_prose(text: str, first: bool, alone: bool = False) -> bool:
    """A line of the letter's body rather than of its head: a sentence of eight words
    or more, or a long line that is not the first (a title may be long)."""
    t = _strip_emphasis(text)
    # A note marker after the full stop ("months.¹", "months.[^1]") ends the sentence too.
    t = re.sub(r"(?:\[\^\w+\]|<sup>\d+</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,2})$", "", t.rstrip())
    words = t.split()
    if len(words) >= 8 and t.rstrip("*_ ").endswith((".", "!", "?", ";", '"', "”", ".)")):
        return True
    if first or (alone and len(words) < 25):
        return False
    lower = sum(w[:1].islower() for w in words)
    return len(words) >= 25 or (len(words) >= 12 and lower * 5 >= len(words) * 3)


def _head_end(lines: list[_Line]) -> int:
    """The index of the first line of the body: the salutation, or the first line of
    prose; the head (title, date, addresses) is above it."""
    seen = 0
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if not t:
            continue
        plain = _strip_emphasis(t)
        if LABEL_RE.match(plain) or CC_RE.match(plain) or date_line(t):
            seen += 1
            continue
        nxt = next((x for x in lines[i + 1:i + 2]), None)
        # A headline stands alone, or over the date: a wrapped paragraph goes on below.
        alone = nxt is None or not nxt.text.strip() or bool(date_line(nxt.text))
        # Whatever stands right above the date line is the head's, even a sentence.
        over_date = any(date_line(lines[j].text) for j in _next_nonblank(lines, i + 1, 1))
        if _is_salutation(plain) or (_is_head_prose(t, seen == 0, alone) and not over_date):
            return i
        if CLOSING_RE.match(plain) or _is_list_heading(plain):
            return i
        seen += 1
    return len(lines)


SALUTATION_PREFIX_RE = re.compile(
    r"^(?:dear|my dear|estimad[oa]s?(?:/as)?|querid[oa]s?|distinguid[oa]s?|apreciad[oa]s?|"
    r"respected|honou?rables?|to|a|chers?|chères?|madame|monsieur|prezad[oa]s?|car[oa]s?|"
    r"excelent[íi]ss?im[oa]s?|señor(?:a|es|as)?|senhor(?:a|es|as)?|sr\.|sra\.)\s+(.+?)\s*[,:]$",
    re.I)
GENERIC_ADDRESSEE_RE = re.compile(
    r"^(?:sirs?|madam|sir or madam|sir/madam|sirs and madams|friends|colleagues|all|"
    r"whom it may concern|quien corresponda|a quien corresponda|señor(?:es|as)?|"
    r"señoras y señores|amig[oa]s|colegas|messieurs|mesdames|mesdames et messieurs|"
    r"senhores|senhoras e senhores|amig[oa]s e amig[oa]s|(?:la )?opinión pública|the public|"
    r"(?:l.)?opinion publique|(?:a )?opinião pública|la sociedad|todos|todas|everyone)$", re.I)


# "De nuestra mayor consideración:", "De mi consideración:": a salutation with no name.
SALUTATION_PHRASE_RE = re.compile(r"^de (?:nuestra|mi|nuestra más alta|mi más alta) "
                                  r"(?:mayor |más alta |distinguida )?consideraci[oó]n\s*[:,.]?$",
                                  re.I)
# "Presente(s)", "S/D": what closes a Spanish address block; no one is called that.
ADDRESS_CLOSER_RE = re.compile(r"^(?:p\s?r\s?e\s?s\s?e\s?n\s?t\s?e(?:\s?s)?|s\s?/\s?d|s\.\s?d\.)"
                               r"\s*[.:-]*\s*$", re.I)


KEPT_SALUTATION_RE = re.compile(r"^(?:madame|monsieur|mesdames|messieurs|señor(?:a|es|as)?|"
                                r"senhor(?:a|es|as)?|excelent[íi]s?sim[oa]s?|honou?rables?)\b",
                                re.I)


def _is_salutation(text: str) -> bool:
    t = text.strip()
    if SALUTATION_PHRASE_RE.match(t):
        return True
    bare = t.rstrip(",:").strip()
    if t.endswith((",", ":")) and (GENERIC_ADDRESSEE_RE.match(bare) or re.fullmatch(
            r"(?:your |vuestras |sus )?(?:excellenc(?:y|ies)|excelencias?)", bare, re.I)):
        return True  # "Excellencies,", "Señores:", "Friends,"
    if len(t.split()) > 25 or not t.endswith((",", ":")):
        return False
    return bool(SALUTATION_RE.match(t) or SALUTATION_PREFIX_RE.match(t)) and \
        not LABEL_RE.match(t)


ADDRESS_WORDS_RE = re.compile(
    r"\b(?:president|presidente|presidenta|minister|ministr[oa]|secretary|secretari[oa]|"
    r"senators?|senador[ae]?s?|representatives?|congress|congreso|government|gobierno|"
    r"governments|gobiernos|members|miembros|committee|comité|commission|comisión|chair|"
    r"chairman|chairwoman|director|directora|ambassador|embajador[a]?|prime|primer[a]?|"
    r"governor|gobernador[a]?|mayor|alcalde(?:sa)?|council|consejo|parliament|parlamento|"
    r"honou?rable|hon\.|excellency|excelentísim[oa]|sr\.|sra\.|mr\.|mrs\.|ms\.|dr\.|"
    r"negotiators|negociadores|delegates|delegados|leaders|líderes|rapporteur|relator[a]?|"
    r"commissioner|comisionad[oa]|attorney|fiscal|office|oficina|department|departamento|"
    r"ministry|ministerio|agency|agencia|king|queen|rey|reina|chancellor|canciller|"
    r"high commissioner|secretary-general|secretario general|board|junta|ceo|"
    r"administrator|administrador[a]?|judge|juez|court|corte|tribunal|asamblea|assembly|"
    r"diputad[oa]s?|deputies|deputados|cámara|chamber|legislatura|legislature|procurador[a]?|"
    r"secretaría|ministère|ministre|député[e]?s?|assemblée|prefeit[oa]|governador[a]?|"
    r"fiscal[ií]a|defensor[ií]a|ombudsman|ombudsperson|comisionad[oa]|authorities|"
    r"autoridades|union|unión|european|naciones unidas|united nations|ministers|ministros)\b",
    re.I)
# "To:", "Para:", "A:", "À:", "Attn:": the lines after the label name the recipients.
LABEL_RE = re.compile(r"^(?:(?:to|para|a|à|attn\.?|attention|destinatari[oa]s?|dirigida a)\s*:\s*"
                      r"(.*)|(?:to|para|à)\s*()|(?:addressed to|dirigida a)\s*:?\s*(.*))$", re.I)
# How the letter was sent: printed in the head, addressed to no one.
DELIVERY_RE = re.compile(r"^(?:sent )?(?:via|by|por|par|per) (?:e-?mail|fax|hand|post|courier|"
                         r"correo(?: electrónico)?|courriel|mail)\b", re.I)
# Lines of the head that title the letter rather than address it.
TITLE_RE = re.compile(
    r"^(?:re|subject|asunto|objet|assunto|ref)\s*:|^(?:an?\s+)?(?:open letter|joint letter|"
    r"joint statement|statement|declaration|carta|declaración|pronunciamiento|comunicado|"
    r"lettre|déclaration|carta aberta)\b", re.I)


def _head(lines: list[_Line], head_end: int, date_at: int | None
          ) -> tuple[tuple[ImportedRecipient, ...], tuple[ImportedRecipient, ...], list[_Line]]:
    """Recipients, copies, and the lines of the head kept as the top of the text.

    Recipients are the lines after a "To:"/"Para:" label, the address lines between
    the date and the salutation, or else the salutation's addressee ("Dear Members of
    the WTO,"); "cc:" lines are copies. Everything else above the body (title,
    subtitle, the date line) is kept as text."""
    address: list[_Line] = []
    text: list[_Line] = []
    from_label: set[int] = set()  # lines a "To:" or "cc:" label introduced
    labelled = False
    # "Diputadas y diputados del Congreso / Presentes": the lines right above a Spanish
    # address block's closer address the letter, wherever its date is printed.
    above_closer: set[int] = set()
    for k in range(head_end):
        if ADDRESS_CLOSER_RE.match(_strip_emphasis(lines[k].text.strip())):
            j = k - 1
            while j >= 0 and (t := _strip_emphasis(lines[j].text.strip())) and \
                    not TITLE_RE.match(t) and not date_line(t) and not LABEL_RE.match(t) \
                    and not _is_head_prose(t, False) \
                    and not (date_at is not None and j <= date_at < k):
                above_closer.add(j)
                j -= 1
    for i in range(head_end):
        ln = lines[i]
        t = _strip_emphasis(ln.text.strip())
        if not t:
            labelled = False
            text.append(ln)
            continue
        label = LABEL_RE.match(t)
        if label:
            labelled = True
            from_label.add(ln.no)
            rest = next((g for g in label.groups() if g), "")
            # "To: Minister A; Minister B": one recipient each.
            for part in (p for p in rest.split(";") if p.strip()):
                address.append(_Line(ln.no, part.strip()))
            continue
        if labelled or CC_RE.match(t) and t.lower().startswith(CC_START):
            from_label.add(ln.no)
            address.append(ln)
            labelled = labelled or bool(CC_RE.match(t))
            continue
        after_date = date_at is not None and i > date_at or i in above_closer
        if after_date and not TITLE_RE.match(t) and not date_line(t) and \
                not ADDRESS_CLOSER_RE.match(t) and \
                not DELIVERY_RE.match(t) and \
                not _is_head_prose(t, False):
            address.append(ln)
        else:
            text.append(ln)
    address = [x for x in address if x.text.strip()]
    # With no salutation, a line under the date addresses someone only when it names an
    # office or a person's title; otherwise it is a subtitle ("National Movement Grows").
    if not (head_end < len(lines) and _is_salutation(_strip_emphasis(lines[head_end].text))) \
            and not any(ADDRESS_WORDS_RE.search(x.text) for x in address
                        if not LABEL_RE.match(x.text)):
        text.extend(x for x in address if x.no not in from_label)
        text.sort(key=lambda x: x.no)
        address = [x for x in address if x.no in from_label]
    to, cc = _recipients(address) if address else ((), ())
    if not to and head_end < len(lines):
        m = SALUTATION_PREFIX_RE.match(_strip_emphasis(lines[head_end].text.strip()))
        if m and not GENERIC_ADDRESSEE_RE.match(m.group(1).strip()):
            who = m.group(1).strip()
            # "Madame la Présidente", "Señor Presidente": the form of address is part of
            # how the letter names its addressee; "Dear" and "Estimada" are not.
            if KEPT_SALUTATION_RE.match(m.group(0)):
                who = m.group(0).strip().rstrip(",:").strip()
            to = (ImportedRecipient(who, None, None, lines[head_end].no),)
    return to, cc, text


def _inline_list(text: str) -> tuple[str, list[str]] | None:
    """'Signed by: Access Now, Amnesty International and ARTICLE 19.': a list heading
    and the names printed after it on the same line."""
    m = re.match(r"^([^:]{2,60}):\s+(.+)$", _strip_emphasis(text.strip()))
    if not m:
        return None
    head = m.group(1).strip()
    if is_country(head) or SUBHEADING_RE.match(head):
        # "Kenya: Haki Ardhi Coalition, Green Watch": a country's names, a section.
        return head, _split_names(m.group(2))
    if not _is_list_heading(head) or not re.search(r"[,;]", m.group(2)):
        return None
    names = _split_names(m.group(2))
    return (head, names) if len(names) >= 2 else None


def _closing_prefix(text: str) -> str | None:
    """'Sincerely,' of 'Sincerely, Dr. Ana Ruiz, Director' (a reader joined the closing
    and the first signature block), or None."""
    head, sep, rest = text.partition(", ")
    if sep and rest[:1].isupper() and CLOSING_RE.match(head + ","):
        return head + ","
    return None


def _is_intro(text: str) -> bool:
    """A sentence of the list rather than a name: eight words or more, mostly in lower
    case, ending with a full stop or a colon ("We, the undersigned organizations:")."""
    t = _strip_emphasis(text.strip())
    words = t.split()
    lower = sum(w[:1].islower() or w[:1].isdigit() for w in words)
    return 6 <= len(words) < 40 and t.endswith((".", ":")) and lower * 5 >= len(words) * 3 \
        and _network(t) is None


def _list_start(lines: list[_Line], head_end: int) -> tuple[int, int, bool] | None:
    """(first line of the list, end of the body, whether a closing line starts it).

    The list starts after the first closing or list heading that is not followed by
    more prose ("Campaign Endorsers" above the last paragraph of a statement is not)."""
    for i in range(head_end, len(lines)):
        t = _strip_emphasis(lines[i].text.strip())
        if not t:
            continue
        closing = bool(CLOSING_RE.match(t))
        if _inline_list(t):
            return i, i, False  # "Signed by: A, B, C and D."
        if not closing and _closing_prefix(t):
            return i, i, True  # "Sincerely, Dr. Ana Ruiz, Director, ...": a closing and a name
        if not closing and not (_is_list_heading(t) or SECTION_WORDS.match(t)):
            continue
        after = [j for j in _next_nonblank(lines, i + 1, 12)
                 if not date_line(lines[j].text) and not _is_note(lines[j].text)
                 and not _is_heading(lines[j].text)]
        if not after:
            continue
        nxt = lines[after[0]].text.strip()
        if closing and CLOSING_RE.match(_strip_emphasis(nxt)):
            continue  # "Thank you for your attention." then "Sincerely,": the last one
        # One sentence may introduce the list ("The founders of the following 457
        # start-up companies."); a paragraph of prose says the body goes on.
        if _is_intro(nxt) and len(after) > 1:
            nxt = lines[after[1]].text.strip()
        if _is_head_prose(nxt, False) and not FOOTNOTE_DEF_RE.match(nxt) and \
                not LIST_ITEM_RE.match(nxt):
            continue
        if closing:
            return i + 1, i + 1, True  # the closing line is part of the letter's text
        return i, i, False
    return _trailing_list(lines, head_end)


def _trailing_list(lines: list[_Line], head_end: int) -> tuple[int, int, bool] | None:
    """A list printed with no closing and no heading: the run of three or more short
    lines that ends the text after its last paragraph of prose, each starting with a
    capital, a digit or a bullet, none a sentence."""
    filled = [i for i in range(head_end, len(lines)) if lines[i].text.strip()]
    run: list[int] = []
    for i in reversed(filled):
        t = _strip_emphasis(lines[i].text.strip())
        if _is_note(t) or is_artefact(t):
            continue
        words = t.split()
        if len(words) > 14 or _is_head_prose(t, False) or not re.match(r"[\w(\-•*–]", t) or \
                (t.endswith(".") and len(words) > 5):
            break
        run.append(i)
    # Three lines may be one sender's signature block ("Ana Ruiz" / "Director" / "Red
    # Sur"): four, or three numbered or bulleted, make a list.
    bulleted = sum(bool(BULLET_RE.match(lines[i].text.strip())) for i in run)
    if len(run) < 3 or (len(run) == 3 and bulleted < 3):
        return None
    first = min(run)
    capital = sum(bool(re.match(r"[\d(\-•*–]|[^\W\d_]", lines[i].text.strip()))
                  and not lines[i].text.strip()[:1].islower() for i in run)
    if capital * 5 < len(run) * 4 or not any(_is_head_prose(lines[j].text, False)
                                            for j in range(head_end, first)):
        return None
    return first, first, False


BARE_HONORIFIC_RE = re.compile(
    r"^(?:(?:excelent[íi]s?sim[oa]\s+)?(?:señor|señora|señores|senhor|senhora)|sr\.?|sra\.?|"
    r"mr\.?|mrs\.?|ms\.?|dr\.?|dra\.?|the honou?rable|honou?rable|hon\.|madame|monsieur)"
    r"\s*[,:]?$", re.I)


def _recipients(header: list[_Line]
                ) -> tuple[tuple[ImportedRecipient, ...], tuple[ImportedRecipient, ...]]:
    """Recipient lines before any 'cc:' line, and the copies after it.

    One line is one recipient, unless it opens with an honorific ("Honorable
    Mrs. Kamala Harris", "Ms. Alicia Bárcena Ibarra"): then the lines under it
    are that person's role and office."""
    groups: dict[str, list[list[_Line]]] = {"to": [], "cc": []}
    target = "to"
    prev_no = -1
    prefix: _Line | None = None
    for ln in header:
        t = ln.text.strip()
        if not t:
            continue
        same_block, prev_no = ln.no == prev_no + 1, ln.no
        if BARE_HONORIFIC_RE.match(_strip_emphasis(t)):
            prefix = ln  # "Señor" / "Pedro Ejemplo Castillo": one printed recipient
            continue
        if prefix is not None:
            ln = _Line(prefix.no, _strip_emphasis(prefix.text.strip()) + " " + t)
            t, prefix = ln.text, None
        cc = CC_RE.match(_strip_emphasis(t))
        if cc and t.lower().startswith(CC_START):
            target = "cc"
            if not cc.group(1).strip():
                continue
            ln = _Line(ln.no, cc.group(1))
        current = groups[target]
        head = _strip_emphasis(current[-1][0].text).strip() if current else ""
        if current and HONORIFIC_RE.match(head) and not \
                HONORIFIC_RE.match(_strip_emphasis(ln.text)):
            current[-1].append(ln)
        elif current and same_block and len(current[-1]) == 1 and _person_like(head) and \
                not ADDRESS_WORDS_RE.search(head) and ADDRESS_WORDS_RE.search(t):
            # "Kamala Harris" / "Vice President of the United States": a name, then
            # the office under it.
            current[-1].append(ln)
        elif current and same_block and _names_person(head) and not _names_person(t):
            # "Minister Helena Ward" / "Ministry of the Interior" / "1 Parliament Square":
            # one address block, one recipient; the lines under the name are its office.
            current[-1].append(ln)
        else:
            current.append([ln])
    to, cc = ([r for r in map(_recipient, groups[k]) if r.printed] for k in ("to", "cc"))
    return tuple(to), tuple(cc)


TITLE_WORDS_RE = re.compile(
    r"^(?:minister|ministra|ministro|senator|senador[a]?|dip\.|diputad[oa]|sen\.|rep\.|"
    r"representative|president[e]?|presidenta|secretary|secretari[oa]|commissioner|"
    r"comisionad[oa]|governor|gobernador[a]?|mayor|alcalde(?:sa)?|ambassador|embajador[a]?|"
    r"judge|juez[a]?|chair|chairman|chairwoman|director[a]?|prof\.|professor|lic\.|ing\.|"
    r"mtro\.|mtra\.|dr\.|dra\.|mr\.|mrs\.|ms\.|sr\.|sra\.|hon\.|honou?rable|the honou?rable|"
    r"rt\.? hon\.|shri|smt\.?|señor[a]?|senhor[a]?|madame|monsieur)\s+", re.I)


def _names_person(text: str) -> bool:
    """'Minister Helena Ward', 'Dip. Rosaura Medina Lugo', 'President of Mexico Andrés
    Manuel López Obrador', 'Ana Ruiz': a line that names a person, not only an office."""
    t = _strip_emphasis(text).strip().rstrip(",;")
    if HONORIFIC_RE.match(t):
        return True
    rest = TITLE_WORDS_RE.sub("", t, count=1)
    if rest != t and _person_like(rest):
        return True
    name, role = _role_then_name(t)
    if name and role and role.split()[-1].islower():
        # "Department of Water Resources": capitals after "of" name the office's field;
        # "Minister of Environment Tomas Lindqvist": a person's name ends them.
        words = name.split()
        name = next((" ".join(words[i:]) for i in range(1, len(words) - 1)
                     if _person_like(" ".join(words[i:]))), None)
    if name and not ORG_WORDS.search(name) and not ADDRESS_WORDS_RE.search(name):
        return True
    return _person_like(t) and not ADDRESS_WORDS_RE.search(t)


def _recipient(group: list[_Line]) -> ImportedRecipient:
    parts = [_strip_emphasis(x.text).strip().rstrip(",;").strip() for x in group]
    # "A la Comisión Interamericana", "Al Congreso", "To the Minister of Digital
    # Affairs": the preposition addresses it, it is not the addressee's name (an English
    # article stays, as in "the Ministers of Justice" of a salutation).
    parts[:1] = [re.sub(r"^(?:[Aa] la|[Aa] las|[Aa] los|Al|À la|À l'|Au|Aux|To)\s+"
                        r"(?=[A-ZÁÉÍÓÚ]|the\s)", "", p) for p in parts[:1]]
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


def body_to_markdown(lines: list[_Line], urls: list[str] = (),
                     footnotes: dict[str, str] | None = None) -> str:
    """The letter's text as Markdown: footnotes as `[^n]`, page artefacts dropped,
    hard-wrapped paragraphs joined, no raw HTML; `urls` (bare link targets the
    conversion printed apart from their words) listed at the end."""
    paragraphs = _paragraphs(lines, hard_wrap_width(lines) is not None)
    refs: list[str] = []  # footnote numbers referenced in the text, in order
    notes: dict[str, str] = dict(footnotes or {})
    out: list[str] = []
    for para in paragraphs:
        note = _footnote_definition(para, refs, notes)
        if note and note[0] in (footnotes or {}):
            note = None  # defined as `[^n]: ...` where the reader put it: kept there
        if note:
            notes[note[0]] = note[1]
            continue
        text = SUP_TAG_RE.sub(lambda m: _ref(m.group(1), refs), para)
        refs.extend(re.findall(r"\[\^(\w{1,10})\](?!:)", text))
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
    numbers = [n for n in dict.fromkeys(refs) if not re.search(rf"^\[\^{n}\]:", body, re.M)]
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
        if not short(p, 20) or date_line(p):
            return None  # a date line is not a heading
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
    "universidad", "benemérita",
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
    """The sections of the list after the closing (see `split_list`)."""
    return split_list(lines, wrap)[0]


def split_list(lines: list[_Line], wrap: int | None = None
               ) -> tuple[tuple[ImportedSection, ...], list[_Line], tuple[ImportedRecipient, ...]]:
    """The list after the closing: (sections, the lines that sign nothing, copies).

    Headings start sections, then one entry per printed name. Lines are joined into
    one printed item when a name was broken across lines: the line ends with a word a
    name never ends with ("de", "Universidad", a comma), the next starts in lower case
    ("y Refugiados..."), or, in a hard-wrapped text, the line fills the wrap width.
    Notes (contacts, "Cc:", "in alphabetical order", footnotes, a heading with no name
    under it) are returned in printed order, for the letter's text."""
    sections: list[tuple[str | None, int, list[tuple[str, int, bool]]]] = [(None, 0, [])]
    notes: list[_Line] = []
    cc_lines: list[_Line] = []
    tail = in_cc = in_note = False
    unfolded = unfold_columns(lines)
    filled = [x.text.strip() for x in unfolded if x.text.strip()]
    # A list whose lines end in commas uses them as separators, not as a sign that the
    # name goes on.
    separators = len(filled) >= 3 and \
        sum(x.endswith((",", ";")) for x in filled) * 5 >= len(filled) * 3
    i_last = next((x.no for x in reversed(unfolded) if x.text.strip()), -1)
    number_indent = 10_000
    numbered = len(filled) >= 4 and sum(bool(NUMBER_RE.match(x)) for x in filled) * 5 >= \
        len(filled) * 3
    remaining: dict[int, int] = {}  # non-blank lines after each line
    count = 0
    for x in reversed(unfolded):
        remaining[x.no] = count
        count += bool(x.text.strip())
    block_start = None  # first line of the block after the last blank line
    for ln in unfolded:
        t = _tabs(ln.text.strip())
        if not t:
            in_cc = in_note = False
            block_start = None
            continue
        if block_start is None:
            block_start = ln.no
        if is_artefact(t):
            continue
        # A footnote reference after a line is not part of what the line says.
        t = re.sub(r"(?<=\S)\[\^\w{1,10}\](?!:)", "", t)
        plain = _strip_emphasis(t)
        if not tail and (EMAIL_RE.search(plain) or PHONE_RE.search(plain)) and \
                ln.no - block_start <= 4 and block_start > (lines[0].no if lines else 0):
            # A contact block set apart by a blank line ("Jane Roe" / "Press officer" /
            # "+1 202 555 0100"): its name and title sign nothing either.
            items = sections[-1][2]
            while items and items[-1][1] >= block_start:
                notes.append(_Line(items[-1][1], items.pop()[0]))
            tail = True
        cc = CC_RE.match(plain)
        if cc and plain.lower().startswith(CC_START):
            in_cc = True
            notes.append(ln)
            if cc.group(1).strip():
                cc_lines.append(_Line(ln.no, cc.group(1)))
            continue
        if in_cc:
            notes.append(ln)
            cc_lines.append(ln)
            continue
        if FOOTNOTE_DEF_RE.match(plain):
            in_note = True
            notes.append(ln)
            continue
        if in_note and not LIST_ITEM_RE.match(t) and plain[:1].islower():
            notes.append(ln)  # a footnote's text wrapped onto the next line
            continue
        in_note = False
        prefix = _closing_prefix(plain)
        if prefix:
            notes.append(_Line(ln.no, prefix))
            plain = t = plain[len(prefix):].strip()
        if tail and (SECTION_WORDS.match(plain) or SUBHEADING_RE.match(plain)
                     or _is_list_heading(plain)):
            tail = False  # the list goes on under a new heading
        if tail or TAIL_RE.match(plain):
            # A contact block or an attachment: the rest signs nothing.
            tail = True
            notes.append(ln)
            continue
        if _is_note(t) or date_line(t) or CLOSING_RE.match(plain) or _header_row(t):
            notes.append(ln)
            continue
        if _is_intro(t):
            # A sentence after the names, near the end (an attestation, the sender's
            # own signature block under it): the rest signs nothing. A remark inside
            # the list ("Organizations are listed in alphabetical order.") is one note.
            tail = any(x[2] for x in sections) and remaining[ln.no] <= 4
            notes.append(ln)
            continue
        inline = _inline_list(plain)
        if inline:
            sections.append((inline[0], ln.no, [(n, ln.no, False) for n in inline[1]]))
            continue
        if _is_heading(t) and "\t" not in t:
            sections.append((plain.rstrip(":,").strip(), ln.no, []))
            continue
        items = sections[-1][2]
        # In a numbered list, a line with no number indented past the number of the item
        # above it goes on with that item.
        indent = len(ln.text) - len(ln.text.lstrip())
        wrapped = numbered and items and not NUMBER_RE.match(plain) and "\t" not in plain \
            and "\t" not in items[-1][0] and indent > number_indent
        if NUMBER_RE.match(plain):
            number_indent = indent
        # A bullet or number in front of a name is the list's layout, not the name.
        t = BULLET_RE.sub("", plain)
        if separators:
            # "Org A," / "Org B," / "Org C.": the commas separate the names.
            t = re.sub(r"\s*[,;]$", "", t)
            if i_last == ln.no:
                t = re.sub(r"\.$", "", t) if not re.search(r"\b[A-Z]\.?[A-Z]?\.$|\b(?:Inc|Ltd|"
                                                         r"Co|Corp|etc)\.$", t) else t
        t = re.sub(r"\[\^\w{1,10}\]", "", t).strip()  # a footnote reference is not the name
        for link in MD_LINK_RE.finditer(t):
            # "[Access Now](https://accessnow.org)": the name is the link's text; its
            # target is kept with the notes.
            notes.append(_Line(ln.no, f"{link.group(1)}: <{link.group(2)}>"))
        t = MD_LINK_RE.sub(lambda m: m.group(1), t)
        if not t:
            continue
        if wrapped or items and "\t" not in t and "\t" not in items[-1][0] and \
                not separators and _continued(items[-1][0], t, items[-1][2]):
            prev, no, _ = items[-1]
            items[-1] = (_join(prev, t), no, _fills(ln.text, wrap))
        elif (run := _run_of_names(t)) and not _fills(ln.text, wrap):
            items.extend((n, ln.no, False) for n in run)
        else:
            items.append((t, ln.no, _fills(ln.text, wrap)))
    out = []
    for heading, heading_line, items in sections:
        if not items:
            # A heading with no name under it (a title above the first real heading)
            # signs nothing: it stays in the text.
            if heading is not None:
                notes.append(_Line(heading_line, heading))
            continue
        entries: list[ImportedEntry] = []
        texts = _promote_tails(_stacked([(text, no) for text, no, _ in items], unfolded))
        for text, no in texts:
            # A paragraph of names wrapped over lines was joined above: split it now.
            for name in _run_of_names(text) or [text]:
                entries.extend(split_item(name, no))
        out.append(ImportedSection(heading, tuple(entries)))
    notes.sort(key=lambda x: x.no)
    cc = tuple(r for r in map(_recipient, ([x] for x in cc_lines)) if r.printed)
    return tuple(out), notes, cc


TABLE_HEADER_RE = re.compile(
    r"^(?:no\.?|n[º°o]\.?|#|number|organi[sz]ations?|organizaci[oó]n(?:es)?|name|names|"
    r"nombre|nom|nome|country|countries|pa[ií]s|pays|state|estado|city|ciudad|signatory|"
    r"signatories|firmante|description|descripci[oó]n|type|tipo|sector|affiliation|"
    r"afiliaci[oó]n|title|cargo|company|empresa|start-?up)$", re.I)


def _stacked(items: list[tuple[str, int]], lines: list[_Line]) -> list[tuple[str, int]]:
    """People printed as stacked blocks set apart by blank lines ("Ana Ruiz" / "Director"
    / "Instituto del Agua"): one entry each, its lines joined with ', ' ("Ana Ruiz,
    Director, Instituto del Agua"). Only when every block of two to four lines starts
    with a person's name and goes on with what is not one."""
    block_of: dict[int, int] = {}
    block = 0
    for ln in lines:
        if not ln.text.strip():
            block += 1
        block_of[ln.no] = block
    groups: dict[int, list[tuple[str, int]]] = {}
    for text, no in items:
        groups.setdefault(block_of.get(no, -1), []).append((text, no))
    blocks = list(groups.values())
    multi = [b for b in blocks if len(b) > 1]
    if len(multi) < 2 or any(len(b) > 4 for b in blocks):
        return items
    for b in multi:
        head, rest = b[0][0], [t for t, _ in b[1:]]
        if not _person_like(_without_honorific(head)) or any(
                _person_like(t) and not ADDRESS_WORDS_RE.search(t) for t in rest):
            return items
    return [(", ".join(t.rstrip(",") for t, _ in b), b[0][1]) for b in blocks]


def _run_of_names(text: str) -> list[str] | None:
    """'Access Now, Amnesty International, ARTICLE 19, Derechos Digitales, Karisma.': a
    list printed as one paragraph. Only when the pieces are many (three or more between
    semicolons, five or more between commas), each a capitalised name, at most one of
    them a country: one organization's name rarely has so many commas."""
    if ":" in text or "\t" in text:
        return None
    body = text.rstrip(" .")
    sep = ";" if ";" in body else ","
    pieces = _split_outside_brackets(body, sep)
    if len(pieces) < (3 if sep == ";" else 5):
        return None
    if sum(is_country(p) for p in pieces) > 1 or not all(
            re.match(r"[\d\"“(]|[^\W\d_]", p) and not p[:1].islower() for p in pieces):
        return None
    return _split_names(body)


def _split_names(text: str) -> list[str]:
    """Names printed in a run ("A, B and C"); a last piece of one word after "y" or
    "and" is the end of a name ("Red de Ambiente y Salud"), not a name of its own."""
    names = split_members(text)
    if len(names) >= 2 and len(names[-1].split()) == 1:
        for conj in (" y ", " and ", " e ", " & "):
            joined = names[-2] + conj + names[-1]
            if text.rstrip(" .").endswith(joined):
                return names[:-2] + [joined]
    return names


def _header_row(text: str) -> bool:
    """'No.<TAB>Organization<TAB>Country': the head of a table, not a signatory."""
    cells = [c.strip() for c in (text.split("\t") if "\t" in text else text.split()) if c.strip()]
    return len(cells) > 1 and all(TABLE_HEADER_RE.match(c) for c in cells)


NUMBER_RE = re.compile(r"^\(?\d{1,4}[.)]")
MD_LINK_RE = re.compile(r"\[([^\]\[]+)\]\((https?://[^()\s]+|[^()\s]+\.[a-z]{2,}[^()\s]*)\)")
# A bullet or list number in front of a name: "- ", "• ", "– ", "1. ", "1) ", "(1) ", "1.- ".
BULLET_RE = re.compile(r"^(?:[-•●▪◦·*–—►▸▶◆◇○■□❖➢➤✓✔]|\(?\d{1,4}[.)]-?|\d{1,4}\s+[-–—]|"
                       r"[a-z][.)])\s+")


def _tabs(text: str) -> str:
    """Cells of a table row joined by three spaces or more (text copied from a web page,
    a table kept by `pdftotext -layout`) are joined by a TAB, as the PDF reader joins
    them."""
    return re.sub(r"(?<=\S)(?:\t| {3,})+(?=\S)", "\t", text)


COLUMN_GAP_RE = re.compile(r"\S(\s{4,})(?=\S)")


def unfold_columns(lines: list[_Line]) -> list[_Line]:
    """A list printed in columns, as `pdftotext -layout` keeps it ("Alianza Américas
    <spaces> Sin Fronteras IAP"), read column after column, as printed: each run of
    lines separated by blank lines is cut at its column starts."""
    out: list[_Line] = []
    block: list[_Line] = []

    def flush() -> None:
        gapped = [b for b in block if COLUMN_GAP_RE.search(b.text)]
        if len(gapped) < 2 or len(gapped) * 2 < len(block) or _table(gapped):
            out.extend(block)
        else:
            starts = sorted({m.end(1) for b in gapped for m in COLUMN_GAP_RE.finditer(b.text)})
            columns: list[int] = []  # the first offset of each cluster of cell starts
            prev = None
            for offset in starts:
                # A numbered item's wrapped line is indented past its number: the
                # same column, not a new one.
                if prev is None or offset - prev > 6:
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
                        # A line that only the right column fills ("    AFL-CIO", the
                        # wrapped end of a name there) belongs where its text starts.
                        start += len(text) - len(text.lstrip(" "))
                        text = text.lstrip(" ")
                        col = sum(c <= start + 6 for c in columns)
                        # The indent within the column stays: it tells a wrapped line.
                        indent = " " * max(0, start - (columns[col - 1] if col else 0))
                        cells.setdefault(col, []).append(_Line(b.no, indent + text.rstrip()))
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


def _table(rows: list[_Line]) -> bool:
    """Rows of a table (number | name | country) rather than names side by side in
    columns: most rows start with a list number or end with a country."""
    cells = [re.split(r"\t|\s{3,}", r.text.strip()) for r in rows]
    hits = sum(bool(re.fullmatch(r"\d{1,4}[.)]?", c[0])) or is_country(c[-1]) for c in cells)
    return hits * 5 >= len(cells) * 3


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
    # A name wrapped onto the next line goes on in lower case ("y Refugiados", "fundadora
    # y coordinadora"); a name that starts in lower case ("i2Coalition") does not.
    word = cur.split()[0] if cur.split() else ""
    if re.fullmatch(r"\([A-Z][\w&.\-/ ]{0,15}\)", cur.strip()):
        return True  # "(SOMO)" under "Centre for Research on Multinational Corporations"
    return word[:1].islower() and (word.isalpha() and word.islower() or word in DANGLING)


def split_item(text: str, line: int) -> list[ImportedEntry]:
    """One printed item: a table row, a network with its members, two people on one
    line, a person with an affiliation, or a name (with the country printed with it)."""
    text = text.strip()
    if "\t" in text:
        return [_table_row(text, line)]
    return [_described(e) for e in _split_item(text, line)]


def _table_row(text: str, line: int) -> ImportedEntry:
    """'12<TAB>Name<TAB>Kenya': the list number dropped, the name printed alone, a country
    cell recorded as its country, the whole row kept as the entry's line."""
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    if len(cells) > 1 and re.fullmatch(r"\d{1,4}[.)]?", cells[0]):
        cells = cells[1:]
    name, rest = cells[0], cells[1:]
    country = next((c for c in rest if is_country(c)), None)
    entry = _described(ImportedEntry(name, line))
    return dataclasses.replace(entry, line=" | ".join(cells) if rest else None,
                               country=entry.country or country)


def _split_item(text: str, line: int) -> list[ImportedEntry]:
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
    # A list: at least two names separated by ';' or ','. A short tail is part of one
    # name ("Equidad de Género: Ciudadanía, Trabajo y Familia").
    if not re.search(r"[;,]", rest) or len(rest) < 40:
        return None
    if sum(len(x.split()) >= 2 for x in split_members(rest)) < 2:
        return None
    return name, rest


def _described(entry: ImportedEntry) -> ImportedEntry:
    """The country printed with a name, and a person's affiliation, recorded beside the
    printed name (which stays as printed)."""
    if entry.members:
        return dataclasses.replace(entry, members=tuple(map(_described, entry.members)))
    printed = entry.printed
    person = _person_parts(printed) if entry.line is None or entry.line == printed else None
    if person:
        name, affiliation = person
        return dataclasses.replace(entry, name=name, affiliation=affiliation, kind="person",
                                   country=_country_of(affiliation))
    return dataclasses.replace(entry, country=_country_of(printed),
                               kind="person" if entry.line else None)


def _person_parts(printed: str) -> tuple[str, str] | None:
    """'Ana Ruiz | Professor, University X', 'Ana Ruiz / Red X', 'Dr. Ana Ruiz, Director,
    Instituto X': (name, affiliation). An organization with its country or its city
    ("Public Citizen, USA") is not a person."""
    m = re.match(r"^(.+?)\s*(?:\||\s/\s|\s[–—]\s)\s*(.+)$", printed)
    # "Both ENDS – Netherlands": a country after the mark is where an organization is.
    if m and _person_like(m.group(1).strip()) and not is_country(m.group(2).strip()):
        return m.group(1).strip(), m.group(2).strip()
    head, sep, rest = printed.partition(", ")
    if re.search(r"(?:\bA\.\s?C\.|\bI\.A\.P\.|\bInc\.|\bS\.C\.|\bAC|\bIAP)$", rest):
        return None  # "Tzome Ixuk, Mujeres Organizadas A.C.": an organization's own name
    # A role in lower case after a person's name is an affiliation ("..., profesora,
    # Universidad del Valle"); a legal form or a place after it is not.
    if sep and _person_like(head) and rest and not is_country(rest) and \
            not LEGAL_FORMS.match(rest) and rest.casefold().rstrip(".") not in PLACES and \
            not all(is_country(p) for p in rest.split(", ")):
        return head, rest
    return None


def _country_of(printed: str) -> str | None:
    """The country (or state) printed after a name: 'Org (Mexico)', 'Org – Guatemala',
    'Org / Pakistan', 'Org, Kenya', 'SEATINI-Uganda'."""
    for pattern in (r"\(\s*([^()]+?)\s*\)\s*$", r"\s[-–—]\s*([^-–—]+?)\s*$", r"\s/\s*([^/]+?)\s*$",
                    r",\s*([^,]+?)\s*$", r"\w-([A-Z][\w.]+(?: [A-Z][\w.]+)?)$"):
        m = re.search(pattern, printed)
        if not m:
            continue
        if is_country(m.group(1)):
            return m.group(1)
        # "Org (Paris, France)", "Org – Nairobi, Kenya": the country after the city.
        last = m.group(1).rsplit(",", 1)[-1].strip()
        if "," in m.group(1) and is_country(last):
            return last
    return None


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


# Countries, states and regions as letters print them after a name, in English and
# Spanish (French and Portuguese where they differ), and their common short forms.
def _country_names() -> frozenset[str]:
    # Multi-word names are written with their words; the list above is read as lines of
    # names separated by single spaces, so the multi-word ones are listed here.
    multi = {
        "burkina faso", "cape verde", "costa rica", "czech republic", "dominican republic",
        "república dominicana", "el salvador", "equatorial guinea", "the gambia",
        "hong kong", "new zealand", "nueva zelanda", "north macedonia", "papua new guinea",
        "puerto rico", "saudi arabia", "sierra leone", "south africa", "afrique du sud",
        "south korea", "south sudan", "sri lanka", "trinidad and tobago",
        "united arab emirates", "united kingdom", "reino unido", "great britain",
        "united states", "estados unidos", "the netherlands", "países bajos", "viet nam",
        "global south", "latin america", "américa latina", "new hampshire", "new jersey",
        "new mexico", "new york", "north carolina", "north dakota", "rhode island",
        "south carolina", "south dakota", "west virginia", "washington dc", "washington, dc",
        "baja california", "nuevo león", "quintana roo", "ciudad de méxico", "bosnia and "
        "herzegovina", "ivory coast", "côte d'ivoire", "united states of america",
        "marshall islands", "solomon islands", "sub-saharan africa", "east africa",
        "west africa", "southern africa", "central america", "centroamérica",
        "north america", "south asia", "southeast asia", "middle east", "medio oriente",
        "new delhi", "mexico city",
        "democratic republic of the congo", "democratic republic of congo", "dr congo",
        "republic of korea", "korea, republic of", "north korea", "corea del sur",
        "slovak republic", "the philippines", "central african republic",
        "são tomé and príncipe", "sao tome and principe", "guinea bissau", "east timor",
        "timor leste", "the bahamas", "saint lucia", "st. lucia",
        "antigua and barbuda", "western sahara", "northern ireland", "basque country",
        "british columbia", "new south wales", "república checa", "trinidad y tobago",
        "costa de marfil", "república democrática del congo", "république démocratique du "
        "congo", "royaume uni", "cabo verde", "guiné-bissau", "áfrica do sul",
        "latin america and the caribbean", "américa latina y el caribe", "asia pacific",
        "asia-pacific", "middle east and north africa", "north africa", "east asia",
        "south america", "sudamérica", "américa del sur", "américa central",
        "estados unidos de américa",
    }
    single = set(COUNTRY_WORDS.split()) - {"and", "of", "the", "de", "du", "sud"}
    return frozenset(single | multi)


COUNTRY_WORDS = """
afghanistan afganistán albania algeria argelia angola argentina armenia australia austria
azerbaijan bahamas bahrain bangladesh barbados belarus belgium bélgica belgique belize
belice benin benín bhutan bolivia bosnia botswana brazil brasil brésil bulgaria burundi
cambodia camboya cameroon camerún cameroun canada canadá chad tchad chile chili china
colombia colombie comoros congo croatia croacia cuba cyprus chipre czechia denmark
dinamarca djibouti dominica ecuador egypt egipto égypte eritrea estonia eswatini ethiopia
etiopía fiji finland finlandia france francia gabon gambia georgia germany alemania
allemagne alemanha ghana greece grecia grenada guatemala guinea guinea-bissau guyana haiti
haití honduras hungary hungría iceland india indonesia iran iraq ireland irlanda israel
italy italia italie jamaica japan japón jordan jordania kazakhstan kenya kenia kiribati
kosovo kuwait kyrgyzstan laos latvia lebanon líbano lesotho liberia libya lithuania
luxembourg madagascar malawi malaysia malasia maldives mali malta mauritania mauritius
mexico méxico mexique moldova mongolia montenegro morocco marruecos maroc mozambique
myanmar burma namibia nepal netherlands holanda pays-bas nicaragua niger níger nigeria
norway noruega oman pakistan pakistán palestine palestina panama panamá paraguay peru perú
philippines filipinas poland polonia portugal qatar romania rumania russia rusia rwanda
samoa senegal sénégal serbia singapore slovakia slovenia somalia sudáfrica korea corea
spain españa espagne sudan suriname sweden suecia switzerland suiza suisse syria taiwan
tajikistan tanzania thailand tailandia timor-leste togo tonga tunisia túnez turkey turquía
türkiye turkmenistan tuvalu uganda ukraine ucrania uae uk u.k. royaume-uni england
scotland wales usa u.s.a. us u.s. eeuu ee.uu. états-unis eua uruguay uzbekistan vanuatu
venezuela vietnam yemen zambia zimbabwe global africa áfrica asia europe europa
latinoamérica alabama alaska arizona arkansas california colorado connecticut delaware
florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin
wyoming chiapas oaxaca puebla sonora chihuahua coahuila tamaulipas jalisco michoacán
guanajuato veracruz tabasco guerrero yucatán cdmx international worldwide
drc rdc bangladés bénin algérie tunisie guinée haïti pérou argentine inde japon chine grèce
liban mauritanie moçambique mozambique frança espanha itália suíça índia colômbia paraguai
uruguai bolívia equador japão caribbean caribe pacific oceania balkans mena quebec québec
ontario alberta queensland catalonia catalunya
"""
COUNTRIES = _country_names()


def is_country(text: str) -> bool:
    """A country, a state or a region as printed after a name ("Kenya", "USA",
    "New York")."""
    t = " ".join(text.strip().strip(".").split()).casefold()
    return bool(t) and t in COUNTRIES


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
    r"observatorio|observatory|defensor[ií]a|fronteras|borders|derechos|rights|migrantes?|"
    r"fund|funds|party|partido|trust|charities|charity|campaign|campaña|initiative|"
    r"iniciativa|partnership|solidarity|solidaridad|justice|justicia|action|acción|watch|"
    r"aid|ministries|ministry|diocese|parish|friends|amigos|legal|education|educación|"
    r"r[ée]seau|rede|collectif|coletivo|f[ée]d[ée]ration|associa[çc][ãa]o|funda[çc][ãa]o|"
    r"movimento|uni[ãa]o|centro|cooperativa|cooperative|sindicato|syndicat|press|media|"
    r"news|lab|labs|council|consortium|consorcio|platform|plataforma|agency|agencia)\b",
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
    m = re.match(r"^(.+?\b(?:A\.\s?C\.|AC|I\.A\.P\.|IAP|A\.B\.P\.|Inc\.))(?:\s+/\s*|\s*/\s+)"
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
    entities (`Resolver.match_list`). A person printed with an affiliation that does not
    resolve as printed is matched by the name alone: the affiliation never links."""
    entries = [e for section in imported.sections for e in section.entries]
    together = getattr(resolver, "match_list", None)

    def matched(names: list[str]) -> list:
        return together(names) if together else [None] * len(names)

    def resolve_list(group: list[ImportedEntry]) -> list[Resolution]:
        first = [resolve_entry(e.printed, resolver, m)
                 for e, m in zip(group, matched([e.printed for e in group]), strict=True)]
        if resolver is None or not any(e.name and r.status != "resolved"
                                       for e, r in zip(group, first, strict=True)):
            return first
        names = [e.name if e.name and r.status != "resolved" else e.printed
                 for e, r in zip(group, first, strict=True)]
        out = []
        for e, r, name, m in zip(group, first, names, matched(names), strict=True):
            if name == e.printed:
                out.append(r)
                continue
            by_name = resolve_entry(name, resolver, m)
            # The placeholder id and the report keep the printed form: `review` finds
            # the entry by it.
            out.append(dataclasses.replace(
                by_name, printed=e.printed,
                id=by_name.id if by_name.status == "resolved" else placeholder_id(e.printed)))
        return out

    out = []
    for entry, found in zip(entries, resolve_list(entries), strict=True):
        out.append(found)
        out.extend(resolve_list(list(entry.members)))
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
        # A statement or declaration printed with no addressee is a valid letter.
        out.append("recipients: []  # the letter names no addressee; add one if it does")
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
    for key in ("name", "affiliation", "country"):
        value = getattr(entry, key)
        if value:
            lines.append(f"{indent}  {key}: {yaml_str(value)}")
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

def unplaced_lines(text: str, content: str) -> list[tuple[int, str]]:
    """Lines of the input whose words are not all in the letter file written from it
    (list numbers, bullets, labels and page numbers aside): what import could not place."""
    have = set(_words(content))
    out = []
    for ln in _lines(text):
        t = ln.text.strip()
        if not t or is_artefact(t):
            continue
        missing = [w for w in _words(t) if w not in have]
        if missing:
            out.append((ln.no, t))
    return out


def _words(text: str) -> list[str]:
    # Words of three letters or more: list numbers, bullets and the labels "To:" and
    # "A:" are the layout of the letter, not its text.
    return [w for w in re.findall(r"[^\W\d_]{3,}", unicodedata.normalize("NFC", text).casefold())
            if w not in LAYOUT_WORDS]


# "and" joins the last two names of a list printed on one line ("A, B and C").
LAYOUT_WORDS = {"para", "cc", "ccp", "copy", "attn", "and"}


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
    if "TODO" in letter.source:
        err(("source",), "source still says TODO: say where the text comes from and who "
                         "published the letter")
    for sig, _ in letter.printed_entries():  # (no Signature records built)
        if is_placeholder(sig.id):
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
