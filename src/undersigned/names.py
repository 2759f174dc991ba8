"""Name keys: the deterministic, rule-based part of name resolution.

`name_key(printed)` turns a printed signatory name into a NameKey: the words
that identify the entity (`key`), an acronym printed with it, and the
qualifiers (a trailing country, state, city, campus or chapter word) that
must never be thrown away, because "Save the Children México" and "Save the
Children US" are two organizations. Two printed names with the same key and
the same qualifiers are obvious variants of each other (accents, case,
punctuation, a legal form such as A.C. or I.A.P., a bracketed acronym).

The word lists below are the project's own data: neither rapidfuzz nor the
OpenSanctions libraries know Mexican legal forms. Extend them here, with a
test in tests/test_names.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

# Legal forms, as word sequences after dotted initials are joined ("A.C." -> "ac",
# "S.A. de C.V." -> "sa de cv"). Stripped at the end of a name or of a printed segment.
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in (
        # Mexico and Latin America
        "ac", "a c", "iap", "i a p", "abp", "a b p", "sc", "s c", "ar", "a r",
        "sa de cv", "sa", "sapi de cv", "sab de cv", "s de rl", "s de rl de cv",
        "sc de rl", "sc de rl de cv", "spr de rl", "sas", "srl", "ltda", "eirl", "sa de cv",
        "asociacion civil", "institucion de asistencia privada",
        "institucion de beneficencia privada", "asociacion religiosa", "sociedad civil",
        # United States, Canada, United Kingdom and others
        "inc", "incorporated", "llc", "l l c", "ltd", "limited", "llp", "lp", "pllc", "pc",
        "nfp", "corp", "cic", "cio", "gmbh", "ggmbh", "ev", "e v", "asbl", "aisbl", "vzw",
        # Religious orders after a person's name ("Andrés Delgado Prieto O.P.", "mscs").
        # Not "SJ": it closes organization acronyms too ("ERIC-SJ").
        "op", "mscs", "ofm", "cmf", "msps", "osb", "osf", "csj", "rscj", "ssnd", "sscc", "mccj",
    )
)
# Titles before a person's name ("Dra. Leticia Calderón Chelius").
TITLES = frozenset({
    "dr", "dra", "lic", "lica", "licda", "mtro", "mtra", "ing", "prof", "profa", "sr", "sra",
    "srta", "hno", "hna", "fr", "pbro", "mr", "mrs", "ms", "mx", "rev", "sor", "don", "dona",
})
_LEGAL_MAX = max(len(f) for f in LEGAL_FORMS)
_LEGAL_SET = frozenset(LEGAL_FORMS)

# Country words, folded and lowercased, to ISO 3166 alpha-2. Short codes ("US",
# "MX", "EEUU") count only when printed in capitals, so "join us" is not the USA.
COUNTRIES: dict[str, str] = {
    "mexico": "MX", "mejico": "MX", "estados unidos mexicanos": "MX",
    "estados unidos": "US", "estados unidos de america": "US", "united states": "US",
    "united states of america": "US", "usa": "US", "us": "US", "eeuu": "US", "eua": "US",
    "ee uu": "US", "u s": "US", "u s a": "US",
    "canada": "CA", "guatemala": "GT", "honduras": "HN", "el salvador": "SV",
    "salvador": "SV", "nicaragua": "NI", "costa rica": "CR", "panama": "PA",
    "belice": "BZ", "belize": "BZ", "colombia": "CO", "venezuela": "VE", "ecuador": "EC",
    "peru": "PE", "bolivia": "BO", "chile": "CL", "argentina": "AR", "uruguay": "UY",
    "paraguay": "PY", "brasil": "BR", "brazil": "BR", "cuba": "CU", "haiti": "HT",
    "republica dominicana": "DO", "dominican republic": "DO", "puerto rico": "PR",
    "jamaica": "JM", "espana": "ES", "spain": "ES", "francia": "FR", "france": "FR",
    "reino unido": "GB", "united kingdom": "GB", "uk": "GB", "alemania": "DE",
    "germany": "DE", "deutschland": "DE", "italia": "IT", "italy": "IT", "belgica": "BE",
    "belgium": "BE", "suiza": "CH", "switzerland": "CH", "paises bajos": "NL",
    "netherlands": "NL", "holanda": "NL", "portugal": "PT", "irlanda": "IE",
    "ireland": "IE", "australia": "AU", "japon": "JP", "japan": "JP",
}
_CAPS_ONLY = frozenset({"us", "usa", "eeuu", "eua", "ee uu", "u s", "u s a", "uk"})

# Regions: recorded as qualifiers like countries ("- Regional", "México y Centroamérica").
REGIONS: dict[str, str] = {
    "centroamerica": "central-america", "central america": "central-america",
    "mesoamerica": "mesoamerica", "norteamerica": "north-america",
    "north america": "north-america", "sudamerica": "south-america",
    "suramerica": "south-america", "south america": "south-america",
    "latinoamerica": "latin-america", "latin america": "latin-america",
    "america latina": "latin-america", "lac": "latin-america", "caribe": "caribbean",
    "el caribe": "caribbean", "caribbean": "caribbean", "regional": "regional",
    "global": "global", "europa": "europe", "europe": "europe",
}

_US_STATES = {
    "al": "alabama", "ak": "alaska", "az": "arizona", "ar": "arkansas", "ca": "california",
    "co": "colorado", "ct": "connecticut", "de": "delaware", "fl": "florida",
    "ga": "georgia", "hi": "hawaii", "id": "idaho", "il": "illinois", "in": "indiana",
    "ia": "iowa", "ks": "kansas", "ky": "kentucky", "la": "louisiana", "me": "maine",
    "md": "maryland", "ma": "massachusetts", "mi": "michigan", "mn": "minnesota",
    "ms": "mississippi", "mo": "missouri", "mt": "montana", "ne": "nebraska",
    "nv": "nevada", "nh": "new hampshire", "nj": "new jersey", "nm": "new mexico",
    "ny": "new york", "nc": "north carolina", "nd": "north dakota", "oh": "ohio",
    "ok": "oklahoma", "or": "oregon", "pa": "pennsylvania", "ri": "rhode island",
    "sc": "south carolina", "sd": "south dakota", "tn": "tennessee", "tx": "texas",
    "ut": "utah", "vt": "vermont", "va": "virginia", "wa": "washington",
    "wv": "west virginia", "wi": "wisconsin", "wy": "wyoming", "dc": "washington dc",
}
_MX_STATES = (
    "aguascalientes", "baja california", "baja california sur", "campeche", "chiapas",
    "chihuahua", "coahuila", "colima", "durango", "guanajuato", "guerrero", "hidalgo",
    "jalisco", "estado de mexico", "michoacan", "morelos", "nayarit", "nuevo leon",
    "oaxaca", "puebla", "queretaro", "quintana roo", "san luis potosi", "sinaloa", "sonora",
    "tabasco", "tamaulipas", "tlaxcala", "veracruz", "yucatan", "zacatecas",
)
_CITIES = (
    "tijuana", "mexicali", "ciudad juarez", "juarez", "monterrey", "guadalajara",
    "tapachula", "saltillo", "reynosa", "matamoros", "nogales", "nuevo laredo", "acapulco",
    "merida", "cancun", "leon", "toluca", "cuernavaca", "tucson", "el paso", "san diego",
    "chicago", "los angeles", "new york city", "nyc", "houston", "san antonio", "phoenix",
    "miami", "denver", "seattle", "boston", "atlanta", "san francisco", "washington dc",
    "guatemala city", "ciudad de guatemala", "san salvador", "tegucigalpa",
    "san pedro sula", "managua", "bogota", "quito", "lima", "caracas", "santiago",
    "buenos aires", "sao paulo", "toronto", "montreal", "vancouver", "ottawa", "quebec",
)
# Places: phrase -> the qualifier recorded. Mexico City's many spellings are one place.
PLACES: dict[str, str] = {
    **{name: name.replace(" ", "-") for name in (*_MX_STATES, *_CITIES)},
    **{name: name.replace(" ", "-") for name in _US_STATES.values()},
    "cdmx": "cdmx", "ciudad de mexico": "cdmx", "mexico city": "cdmx", "df": "cdmx",
    "distrito federal": "cdmx", "mexico df": "cdmx", "tj": "tijuana",
}
# Postal codes of US states count only after a comma or dash, in capitals ("Chicago, IL").
STATE_CODES: dict[str, str] = {k: v.replace(" ", "-") for k, v in _US_STATES.items()}

# Campus and chapter words: a second qualifier beside a place ("Campus Puebla").
UNIT_WORDS = frozenset({
    "campus", "chapter", "capitulo", "sede", "seccion", "filial", "branch", "oficina",
    "office", "delegacion", "unidad", "plantel",
})

# Words naming a part of an organization: a bracket holding one is part of the name.
SUBUNIT_WORDS = UNIT_WORDS | {
    "facultad", "departamento", "programa", "clinica", "escuela", "catedra", "seminario",
    "posgrado", "laboratorio", "coordinacion", "direccion", "area", "department", "faculty",
    "school", "program", "programme", "clinic", "division", "project", "proyecto",
}

# Words that bind a following place name into the name itself: "Foro Nacional para las
# Migraciones en Honduras" is not "Foro Nacional para las Migraciones" in Honduras.
LINKING = frozenset({
    "de", "del", "la", "las", "el", "los", "en", "para", "por", "a", "al", "con", "sin",
    "y", "e", "o", "of", "the", "in", "for", "and", "on", "at", "to", "from", "du", "des",
    "le", "et", "pour", "da", "do", "dos", "das", "em", "no", "na", "sobre", "entre",
})
CONJUNCTIONS = frozenset({"y", "and", "e", "et"})

# Words that need not contribute a letter to an acronym ("Washington Office on Latin
# America" is WOLA, "Kids in Need of Defense" is KIND).
STOPWORDS = LINKING | {"an", "a"}

_QUALIFIER_PHRASES: dict[str, str] = {**PLACES, **REGIONS, **COUNTRIES}
_PHRASE_MAX = max(len(p.split()) for p in _QUALIFIER_PHRASES)

_WORD_RE = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"(?<=\w)['’`´](?=\w)")
# Dotted initials: "A.C.", "A. C.", "I.A.P.", "S. de R.L.", "U.S.A."; the last dot optional.
_INITIALS_RE = re.compile(r"(?<![^\W\d_])((?:[^\W\d_]\.\s?)+[^\W\d_])\.?(?![^\W\d_])")
_BRACKET_RE = re.compile(r"[(\[]([^()\[\]]*)[)\]]")


@dataclass(frozen=True)
class NameKey:
    """The comparable form of a printed name.

    key: identifying words, folded; legal forms, acronym, qualifiers, titles and
        bracketed asides ("(Frontera con Justicia A.C.)", "(Observadoras)") removed.
    acronym: an acronym printed with the name ("(WOLA)", "IMUMI Instituto ..."), upper case.
    qualifiers: sorted country codes ("MX") and place/unit words ("puebla", "campus").
    tokens: the words of `key`.
    """

    key: str
    acronym: str | None
    qualifiers: tuple[str, ...]
    tokens: tuple[str, ...]
    # Where the acronym was printed: "alone", "bracket", "leading" or "trailing".
    acronym_where: str | None = None

    @property
    def full(self) -> str:
        """Key and qualifiers: equal only for obvious variants of one entity."""
        return " ".join((self.key, *self.qualifiers)) if self.qualifiers else self.key

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(q for q in self.qualifiers if len(q) == 2 and q.isupper())


def fold(text: str) -> str:
    """NFC, accents removed (é -> e, ñ -> n), case kept."""
    if text.isascii():
        return text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text))
    # Zero-width and bidi controls are invisible: "IMU\u200bMI" is read as IMUMI (the
    # check rejects such a name in a letter; matching should still find what it means).
    decomposed = "".join(c for c in decomposed if unicodedata.category(c) != "Cf")
    stripped = _COMBINING.sub("", decomposed)
    if not stripped.isascii():
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped.translate(_SPECIAL))


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


_SPECIAL = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
                          "&": " and ", "+": " and "})


def normalize_printed(printed: str) -> str:
    """The printed form for exact comparison: NFC and single spaces."""
    return " ".join(unicodedata.normalize("NFC", printed).split())


@dataclass(slots=True)
class _Tok:
    text: str  # folded, case kept
    word: str  # folded and casefolded
    boundary: bool  # punctuation (not just a space) before this token


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    for m in _WORD_RE.finditer(text):
        gap = text[pos:m.start()]
        out.append(_Tok(m.group(), m.group().casefold(), bool(gap.strip()) or not out))
        pos = m.end()
    return out


def _is_caps(text: str) -> bool:
    return text.isupper() and sum(c.isalpha() for c in text) >= 2


def _has_lower(toks: list[_Tok]) -> bool:
    """Whether the words are not all in capitals (then a capitalized word may be an
    acronym; in "RUBEN D. ARVIZU" or "SIN FRONTERAS IAP" none is)."""
    return any(c.islower() for t in toks for c in t.text)


def _match_legal_end(toks: list[_Tok], end: int) -> int:
    """Length of a legal form ending at toks[end-1], or 0."""
    for n in range(min(_LEGAL_MAX, end), 0, -1):
        if tuple(t.word for t in toks[end - n:end]) in _LEGAL_SET:
            return n
    return 0


def _match_qualifier_end(toks: list[_Tok], end: int) -> tuple[int, str | None]:
    """A qualifier phrase ending at toks[end-1]: (length, qualifier) or (0, None)."""
    for n in range(min(_PHRASE_MAX, end), 0, -1):
        span = toks[end - n:end]
        phrase = " ".join(t.word for t in span)
        printed = "".join(t.text for t in span)
        after_boundary = span[0].boundary
        if phrase in _QUALIFIER_PHRASES:
            if phrase in _CAPS_ONLY and not _is_caps(printed):
                continue
            return n, _QUALIFIER_PHRASES[phrase]
        if n == 1 and phrase in STATE_CODES and after_boundary and _is_caps(printed):
            return 1, STATE_CODES[phrase]
    return 0, None


def _strip_tail(toks: list[_Tok], want_acronym: bool) -> tuple[list[_Tok], list[str], str | None]:
    """Remove trailing legal forms, qualifiers and one unbracketed acronym."""
    quals: list[str] = []
    acronym = None
    changed = True
    while changed and len(toks) > 1:
        changed = False
        n = _match_legal_end(toks, len(toks))
        if n and n < len(toks):
            toks = toks[:-n]
            changed = True
            continue
        n, qual = _match_qualifier_end(toks, len(toks))
        if n and n < len(toks):
            start = toks[len(toks) - n]
            before = toks[len(toks) - n - 1]
            # Without punctuation before it, a place needs two words left ("José Guerrero"
            # is a person, not José in the state of Guerrero).
            if start.boundary or (before.word not in LINKING
                                  and (len(toks) - n >= 2 or len(qual) == 2)):
                toks = toks[:-n]
                quals.append(qual)
                changed = True
                continue
            # "México y Centroamérica": a conjunction between two qualifiers.
            if before.word in CONJUNCTIONS and len(toks) - n - 1 > 1:
                m, qual2 = _match_qualifier_end(toks, len(toks) - n - 1)
                first = len(toks) - n - 1 - m
                if m and first >= 1 and (toks[first].boundary
                                         or toks[first - 1].word not in LINKING):
                    toks = toks[:-(n + 1 + m)]
                    quals += [qual, qual2]
                    changed = True
                    continue
        if quals and toks[-1].word in UNIT_WORDS and len(toks) > 1:
            quals.append(toks[-1].word)
            toks = toks[:-1]
            changed = True
            continue
        if quals and toks[-1].word in CONJUNCTIONS and len(toks) > 1:
            toks = toks[:-1]
            changed = True
            continue
        last = toks[-1]
        if (want_acronym and acronym is None and len(toks) >= 3 and _is_caps(last.text)
                and sum(c.isalpha() for c in last.text) >= 3
                and _has_lower(toks[:-1])
                and (last.boundary or acronym_fits(last.text, [t.word for t in toks[:-1]],
                                                   True, True))):
            # Only an acronym set off by punctuation ("-FODHAP-", "/REDSAG") or spelled by
            # the words before it ("... Guatemala MEJORHA"): "Clínica Jurídica IBERO" and
            # "... refugiadas LGBT México" end with words of the name.
            acronym = last.text.upper()
            toks = toks[:-1]
            changed = True
    return toks, quals, acronym


def _strip_inner_legal(toks: list[_Tok]) -> list[_Tok]:
    """Legal forms closing a printed segment: "Movilidades Libres y Elegidas, A.C. - CoLibres"."""
    out = list(toks)
    i = len(out) - 1
    while i > 0:
        if out[i].boundary:
            n = _match_legal_end(out, i)
            if n and n < i and "".join(t.word for t in out[i - n:i]) not in {"sa", "ar"}:
                del out[i - n:i]
                i -= n
        i -= 1
    return out


def acronym_fits(acronym: str, words: tuple[str, ...] | list[str],
                 skip_significant: bool = False, skip_first: bool = False) -> bool:
    """Whether `acronym` is built from prefixes of `words` in order.

    Each significant word gives at least its first letter (IMUMI = Instituto,
    MUjeres, MIgración; CMDPDH skips "de", "y", "los"); stopwords may give letters
    or none. With `skip_significant`, words after the first may also be skipped (REDIM =
    RED por los Derechos de la Infancia en México); with `skip_first`, the first too
    (MEJORHA = Asociación para el MEJORamiento HAbitacional de Guatemala).
    """
    acr = "".join(c for c in acronym.casefold() if c.isalnum())
    if not acr or not words:
        return False
    return _fits(acr, tuple(words), skip_significant, skip_first)


@lru_cache(maxsize=65536)
def _fits(acr: str, words: tuple[str, ...], skip: bool, skip_first: bool = False) -> bool:
    n, m = len(acr), len(words)

    @cache
    def go(i: int, j: int) -> bool:
        if i == n:
            return all(w in STOPWORDS for w in words[j:]) or skip
        if j == m:
            return False
        w = words[j]
        k = 0
        while k < len(w) and i + k < n and w[k] == acr[i + k]:
            k += 1
            if go(i + k, j + 1):
                return True
        optional = w in STOPWORDS or (skip and (j > 0 or skip_first))
        return optional and go(i, j + 1)

    return go(0, 0)


def _bracket(content: str, before: list[str]) -> tuple[str, list[str], str | None]:
    """What a bracketed part is: an acronym, qualifiers, a part of the organization to
    "keep" in the key, or an "aside" (another name, a role) left out of it."""
    toks = _tokens(content)
    while toks:
        n = _match_legal_end(toks, len(toks))
        if not n:
            break
        toks = toks[:-n]
    if not toks:
        return "drop", [], None
    quals: list[str] = []
    rest = list(toks)
    while rest:
        n, qual = _match_qualifier_end(rest, len(rest))
        if n:
            quals.append(qual)
            rest = rest[:-n]
        elif rest[-1].word in UNIT_WORDS:
            quals.append(rest[-1].word)
            rest = rest[:-1]
        elif quals and rest[-1].word in LINKING:
            rest = rest[:-1]
        else:
            break
    # "(Guatemala chapter)", "(Oficina de México)", "(Campus Puebla)": all qualifiers.
    if not rest or all(t.word in LINKING for t in rest):
        return "qualifiers", quals, None
    caps = [sum(c.isupper() for c in t.text) >= 2 for t in rest]
    if (len(rest) == 1 and caps[0]) or (len(rest) <= 3 and all(_is_caps(t.text) for t in rest)):
        return "acronym", quals, "".join(t.text for t in rest).upper()
    # "(menamird)", "(Prodesc)": a word spelled by the words before it is their acronym.
    if len(rest) == 1 and len(rest[0].word) >= 3 and before and (
            acronym_fits(rest[0].word, before) or acronym_fits(rest[0].word, before, True)):
        return "acronym", quals, "".join(t.text for t in rest).upper()
    # An aside naming a part of an organization ("(Facultad de Derecho)") keeps it apart
    # from the whole: it stays in the key. Any other aside is another name or a role.
    if any(t.word in SUBUNIT_WORDS for t in toks):
        return "keep", [], None
    return "aside", [], None


def name_key(printed: str) -> NameKey:
    """The NameKey of a printed name; deterministic and pure."""
    return _name_key(normalize_printed(printed))


@lru_cache(maxsize=200_000)
def _name_key(printed: str) -> NameKey:
    text = _APOSTROPHES.sub("", fold(printed))
    text = _INITIALS_RE.sub(lambda m: re.sub(r"[.\s]", "", m.group(1)) + " ", text)
    quals: list[str] = []
    acronym: str | None = None
    where: str | None = None
    original = text

    def bracket(m: re.Match) -> str:
        # A bracket is an acronym, a qualifier or an aside (another name for the same
        # entity, a role such as "(Observadoras)"): none of them identifies the entity.
        nonlocal acronym, where
        before = [t.word for t in _tokens(m.string[:m.start()])]
        kind, found, acr = _bracket(m.group(1), before)
        if kind == "keep":
            return f" , {m.group(1)} , "
        quals.extend(found)
        if acr and acronym is None:
            acronym, where = acr, "bracket"
        return " , "

    text = _BRACKET_RE.sub(bracket, text)
    toks = _tokens(text)
    if toks and all(_is_caps(t.text) for t in toks) and len(toks) == 1:
        word = toks[0].word
        return NameKey(word, toks[0].text.upper(), (), (word,), "alone")
    toks = _strip_inner_legal(toks)
    while len(toks) > 2 and toks[0].word in TITLES and not _is_caps(toks[0].text):
        toks = toks[1:]
    # A leading acronym before the full name: "IMUMI Instituto para las Mujeres ...".
    if (acronym is None and len(toks) >= 3 and _is_caps(toks[0].text)
            and _has_lower(toks[1:])
            and toks[0].word not in _QUALIFIER_PHRASES and (toks[0].word,) not in _LEGAL_SET):
        rest = [t.word for t in toks[1:]]
        if acronym_fits(toks[0].text, rest) or acronym_fits(toks[0].text, rest, True):
            acronym, where = toks[0].text.upper(), "leading"
            toks = toks[1:]
    toks, tail_quals, tail_acr = _strip_tail(toks, acronym is None)
    quals.extend(tail_quals)
    if acronym is None and tail_acr:
        acronym, where = tail_acr, "trailing"
    words = tuple(t.word for t in toks)
    if len(words) == 1 and (words[0],) in _LEGAL_SET and acronym:
        words = ()
    key = " ".join(words)
    if not key:
        key = acronym.casefold() if acronym else " ".join(t.word for t in _tokens(original))
        words = tuple(key.split())
    return NameKey(key, acronym, tuple(sorted(set(quals))), words, where)


def initials(words: tuple[str, ...], with_stopwords: bool = False) -> str:
    """First letters of the words (of the significant ones, by default)."""
    return "".join(w[0] for w in words if with_stopwords or w not in STOPWORDS)


# ---------------------------------------------------------------- people

# Words printed before a person's name: the titles above and honorifics of address.
HONORIFICS = TITLES | {
    "hon", "honorable", "honourable", "sister", "father", "padre", "madre", "hermana",
    "hermano", "senator", "senador", "senadora", "diputado", "diputada", "rabbi", "bishop",
    "obispo", "monsenor", "mons", "pastor", "pastora", "rev", "reverend", "sir", "dame",
    "lcda", "lcdo", "licdo", "mtr", "ingeniero", "ingeniera", "doctor", "doctora",
}
# Words of organizations' names (folded, lowercased): a name printing one is not a person's.
ORG_WORDS = frozenset("""
    asociacion association associacao associacio centro center centre red network networks
    colectivo colectiva collective fundacion foundation fundacao instituto institute institut
    universidad university universidade college colegio escuela school comision commission
    committee comite coalicion coalition grupo group alianza alliance casa albergue shelter
    servicio servicios service services programa program programme project proyecto iglesia
    church consejo council federacion federation movimiento movement mesa foro forum pastoral
    clinica clinic oficina office sociedad society union capitulo chapter equipo team frente
    front observatorio observatory defensoria fronteras frontera borders border derechos rights
    humanos humanas human migrantes migrante migrants migrant refugiados refugiadas refugees
    refugee law lawyers abogados abogadas justice justicia access acceso action accion
    iniciativa initiative agencia agency ministerio ministry organizacion organization
    organisation organizaciones organizations ong ngo ngos inc ltd llc corp company compania
    cooperativa cooperative sindicato labor labour trabajadores workers women mujeres children
    ninos ninas ninez youth jovenes familias families comunidad community communities
    comunidades voces voices partners amigos friends fund fondo trust research investigacion
    estudios studies lab laboratorio media press news radio legal aid ayuda solidaridad
    solidarity paz peace caritas internacional international nacional national unidos united
    americas latinoamericano latinoamericana sisters hermanas misioneros misioneras
    congregacion congregation diocesis diocese parroquia parish global regional
    coordinadora coordinacion club clubs roundtable labs lab studio studios technologies
    technology tech technolabs software solutions systems interactive communications
    consulting consultants digital ventures capital partners works apps app web online
    analytics health energy foods games designs design innovations infotech fashions
    learning education educacion maps times sports nutrition magazine journal revista
    periodico diario tv films pictures productions records books editorial ediciones
    publishing bank banco store shop market hub space spaces collective co company charities
    charity caritas
    """.split())
# Particles inside a person's name ("María de la Luz", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset({
    "de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "du", "van", "von",
    "der", "den", "ter", "y", "e", "bin", "ibn", "al", "le", "st",
})
# Where a person's name ends and an affiliation begins: a comma, a bracket, a slash, a
# vertical bar, a semicolon or a dash between spaces ("Gus Hosein, Executive Director,
# Privacy International", "Jane Doe (MP)", "Brian Behlendorf | Hyperledger").
_AFFILIATION_RE = re.compile(r"\s*(?:[,(\[|/;]|\s[-–—]\s)")
_INITIAL_RE = re.compile(r"^(?:[^\W\d_]\.)+(?:[^\W\d_]\.?)?$|^[^\W\d_]$")
# (Not "salvador": it is a given name too, as in "Salvador Pérez".)
ONE_WORD_COUNTRIES = frozenset(p for p in COUNTRIES if " " not in p) - {"salvador"}


def person_name(printed: str, max_words: int = 5) -> str | None:
    """The name part of a printed name shaped like a person's, or None.

    Shapes: an honorific first ("Dra. Leticia Calderón Chelius"); or two to `max_words`
    capitalised words (initials and particles such as "de la" besides) with no
    organization, country or legal-form word and no acronym; either one optionally
    followed by an affiliation after a comma, bracket, slash, bar or spaced dash ("Gus
    Hosein, Executive Director, Privacy International", "Jane Doe (MP)"). The name part
    is all that identifies the person: resolution never reads the affiliation.
    """
    text = normalize_printed(printed)
    head = _AFFILIATION_RE.split(text, 1)[0].strip().rstrip(".")
    words = head.split()
    honorific = False
    while words and fold(words[0]).casefold().replace(".", "") in HONORIFICS:
        words, honorific = words[1:], True
    if not words or re.search(r"[\d@&+:]", head):
        return None
    names = initials = lower = 0
    for i, word in enumerate(words):
        plain = fold(word).strip(".'’-")
        low = plain.casefold()
        if _INITIAL_RE.match(word):
            initials += 1
            continue
        if low in NAME_PARTICLES and 0 < i < len(words) - 1:
            continue
        if (not plain or low in ORG_WORDS or low in ONE_WORD_COUNTRIES or low in STOPWORDS
                or (low,) in _LEGAL_SET
                or (plain.isupper() and len(plain) > 1 and not head.isupper())):
            return None
        if not plain[:1].isupper():
            # One word in lower case is a typo ("Guadalupe cepeda Aguilar"), not the first.
            lower += 1
            if i == 0 or lower > 1:
                return None
        names += 1
    # "Chaos Computer Club (CCC)": a bracketed acronym its words spell is an organization's.
    acr = re.match(r"\s*[(\[]\s*([^\W\d_]{2,})\s*[)\]]", text[len(head):].lstrip(". "))
    if acr and acr.group(1).isupper() and acronym_fits(
            acr.group(1), [fold(w).casefold() for w in words]):
        return None
    if honorific:
        return head if names >= 1 else None
    return head if names >= 1 and 2 <= names + initials and len(words) <= max_words else None
