"""Safety rules for untrusted contributions: text, letter bodies, ids and file paths.

Letters and registry records arrive in strangers' pull requests. The loader
(strictyaml, load) already refuses YAML surprises and malformed fields; this
stage refuses content that is well-formed but dangerous or deceptive:

- text that looks like other text: not NFC, invisible characters (zero-width,
  bidi controls, controls, variation selectors), mixed-script look-alikes (a
  Cyrillic "А" or a Lisu "ꓟ" in a Latin word), compatibility forms ("Ⅰ", fullwidth
  "ＩＭＵＭＩ"), spaces at an end or doubled, stacked combining marks, markup
  characters where a page puts them in `<title>` or an attribute;
- letter bodies that carry more than Markdown prose: raw HTML, snippet markers
  (`--8<--` would print build-machine files), attribute lists (`{ onclick=... }`
  adds event handlers without any HTML), images (outside requests), and links
  whose scheme is not http, https or mailto;
- ids and files that would fight over one output page: reserved ids, over-long
  ids, names differing only in case, files the loader does not read
  (`letters/x/index.md`, `signatories/x.yaml`) that a renderer might.

The rendered HTML is sanitised again (sanitize.clean_html): these rules give
the contributor a precise `path:line` message; the sanitiser is the net.
"""

from __future__ import annotations

import bisect
import functools
import html
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .load import FILE_PATTERNS, _read_text, file_name_problem, split_front_matter
from .models import Archive, Diagnostic, Entry, Letter
from .sanitize import FOOTNOTE_LABEL_RE

MAX_ID = 80
MAX_NAME = 300  # names, printed names, aliases, roles: the seeds' longest is 111
MAX_TITLE = 200
MAX_SUMMARY = 1000
MAX_LONG_TEXT = 4000  # source, notes
# Python-Markdown's inline link parser is worse than quadratic in unmatched "[" within
# one paragraph (4,000 of them take 6 s, 100,000 take hours): a body could stall
# every build. Real letters have a dozen at most (footnote references and links).
MAX_BRACKETS_PER_PARAGRAPH = 100
MAX_BRACKETS_PER_BODY = 2000
# Python-Markdown parses a body as blocks (runs of lines between blank lines). After a
# heading, an underline (`===`, `---`) or a rule (`***`) it puts the rest of the block
# back and every block processor scans it again (the tables extension splits and strips
# every line of it): time grows with the square of the block, 150 s for 160 KB of
# setext headings. A handful per block is what letters have; the rest need a blank line.
MAX_BREAKS_PER_BLOCK = 20
# Each inline match (a backslash escape, an entity, a code span, an emphasis mark, an
# autolink, a hard line break) rebuilds the paragraph's string: quadratic in one
# paragraph holding thousands of them. Real paragraphs have a few dozen.
MAX_INLINE_PER_PARAGRAPH = 1000
# The block parser takes each block from the front of a list (`list.pop(0)`): quadratic
# in the number of blocks, 700,000 of them in a 2 MiB body of one-word paragraphs; and each
# list item is parsed as a document of its own (60 µs each: 30 s for 500,000 of them).
# The longest real letter has a few hundred blocks.
MAX_BLOCKS = 5000
# Everything above keeps the time linear in the body; this bounds the body: ten times the
# longest letter we know (46,000 characters), about 80,000 words.
MAX_BODY_CHARS = 500_000
# Lists and quotes are parsed recursively: a line of 500 list markers exhausts Python's
# stack (RecursionError). Real letters nest two or three levels.
MAX_NESTING = 20

# Ids that would collide with the site's own pages and assets if used as
# `/signatories/<id>/`, `/recipients/<id>/` or `/tags/<tag>/`, or that a
# future flat layout would need.
RESERVED_IDS = frozenset({
    "index", "search", "assets", "data", "404", "sitemap", "sitemap-xml", "robots",
    "letters", "signatories", "recipients", "tags", "pagefind", "javascripts", "stylesheets",
    "static", "css", "js", "img", "images", "fonts", "feed", "rss", "atom", "api", "site",
    "page", "all", "about", "contributing", "cli", "format", "performance", "threat-model",
    "favicon", "404-html", "networks", "organizations", "people", "persons", "years",
})

# -- text ------------------------------------------------------------------

_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZW_JOINERS = {"\u200c", "\u200d"}  # ZWNJ, ZWJ: needed inside some scripts' words
# Letters that render as nothing or as a blank: invisible but not in category Cf.
_INVISIBLE = set("\u115f\u1160\u3164\uffa0\u034f\u2800\u17b4\u17b5")
# A CSV cell starting with one of these is a formula in Excel and LibreOffice
# (`=HYPERLINK(...)`); names and titles go into /data/signatures.csv.
_FORMULA_START = set("=+-@")
_ALLOWED_SPACES = {" ", "\u00a0", "\u202f"}  # space, no-break space, narrow no-break space
# Scripts whose orthography uses ZWJ/ZWNJ between letters (Unicode name prefixes).
_JOINING_SCRIPTS = (
    "ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI",
    "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "KHMER", "MYANMAR",
    "TIBETAN", "THAANA",
)
# Scripts whose letters are mistaken for Latin ones (Lisu's alphabet was made of Latin
# capitals: "ꓲꓟꓴꓟꓲ" reads as IMUMI).
_LOOKALIKE_SCRIPTS = {"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "LISU"}
# Cyrillic, Greek and Lisu letters that look exactly like Latin letters.
_LATIN_LOOKALIKES = set(
    "АВЕЅІЈКМНОРСТХУаеіјорсухѕԁԛԝһӏ"  # Cyrillic
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοϲνικ"  # Greek
    "ꓐꓑꓓꓔꓖꓗꓙꓚꓜꓝꓟꓠꓡꓢꓣꓦꓧꓪꓫꓬꓮꓰꓲꓳꓴ"  # Lisu
)
# Letters that may share a word with Latin ones: Japanese and Korean mix scripts within
# a word ("日本のNPO法人"), Spanish and Portuguese write "Nº" and "1ª". Any other script
# in a Latin word is a look-alike (Cyrillic "а", Lisu "ꓟ") or at best a typing slip.
_LATIN_COMPANIONS = {"LATIN", "CJK", "FEMININE", "MASCULINE"}
_ORDINALS = set("ªº")
# Variation selectors: invisible, they pick a glyph variant and make a different name.
# Mongolian's free variation selectors are part of its spelling after a Mongolian letter.
_MONGOLIAN_FVS = set("\u180b\u180c\u180d\u180f")


def _is_variation_selector(ch: str) -> bool:
    o = ord(ch)
    return 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF or ch in _MONGOLIAN_FVS


# Unicode's identifier guidance (UTS #39, 5.4): more than 4 nonspacing marks on one
# letter, or one mark twice, is no orthography; hundreds of them stack into a smear
# over the lines around the name.
MAX_MARKS = 4
_CONFUSABLE = _LOOKALIKE_SCRIPTS | {"LATIN", "MATHEMATICAL", "MODIFIER", "SMALL", "FULLWIDTH",
                                    "HALFWIDTH"}
_CJK = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "KATAKANA-HIRAGANA", "IDEOGRAPHIC"}


def _script(ch: str) -> str | None:
    """A letter's script from its Unicode name; None for non-letters (common)."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    name = unicodedata.name(ch, "")
    word = name.split(" ", 1)[0]
    if word in _CJK:
        return "CJK"  # Japanese and Korean mix these within one word by design
    if word in {"MODIFIER", "FULLWIDTH", "HALFWIDTH", "SMALL", "MATHEMATICAL"}:
        return word  # odd forms: never mixed into an ordinary word
    return word or None


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name:
        name = "CONTROL CHARACTER" if unicodedata.category(ch) == "Cc" else "UNASSIGNED"
    return f"U+{ord(ch):04X} {name}"


# Text made only of these characters cannot fail the per-character rules or the
# mixed-script rule (printable ASCII, Latin-1 and Latin Extended-A/B letters minus
# the soft hyphen, typographic quotes and dashes): checked with one regex instead of
# a Python loop over every character, which dominated `check` at 1,000 letters.
_PLAIN_TEXT_RE = re.compile("[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2013\u2014"
                            "\u2018\u2019\u201c\u201d\u2026]*")


def text_problems(value: str, *, multiline: bool = False, name_like: bool = True,
                  markup: str = "<>", limit: int | None = None) -> list[str]:
    """Why `value` cannot be accepted as contributed text (empty when it can).

    `name_like` adds the mixed-script rule; `markup` lists characters refused
    because the text ends up in HTML where they could break out of an element or
    attribute (`<>` everywhere, `"` too for titles and summaries).
    """
    problems: list[str] = []
    limit = limit or (MAX_LONG_TEXT if multiline else MAX_NAME)
    if len(value) > limit:
        # Names are printed on many pages and in every download; a 60 KB "name"
        # is an attack on the build and the reader, not a name.
        problems.append(f"is {len(value)} characters long; at most {limit} are allowed here")
    if unicodedata.normalize("NFC", value) != value:
        problems.append("is not in Unicode NFC form (accents as combining marks); "
                        "retype it or normalise the file to NFC")
    if name_like and value[:1] in _FORMULA_START:
        problems.append(f"starts with {value[0]!r}: a spreadsheet opening the site's CSV "
                        "downloads would run it as a formula; rephrase, or start with a letter")
    if name_like and not multiline:
        problems.extend(_space_problems(value))
    if _PLAIN_TEXT_RE.fullmatch(value) and not any(ch in value for ch in markup):
        return problems
    marks = 0  # combining marks since the last letter
    for i, ch in enumerate(value):
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me"):
            marks += 1
        elif cat != "Mc":
            marks = 0
        at = f"at character {i + 1}"
        if _is_variation_selector(ch):
            before = value[i - 1] if i > 0 else " "
            if ch in _MONGOLIAN_FVS and unicodedata.name(before, "").startswith("MONGOLIAN"):
                continue
            if not name_like and not before.isalnum():
                continue  # an emoji's presentation selector ("✔️") in running text
            problems.append(f"contains the invisible {_describe(ch)} {at}: it changes "
                            "nothing visible but makes a different name; delete it")
        elif marks > MAX_MARKS:
            problems.append(f"stacks more than {MAX_MARKS} combining marks on one letter {at} "
                            f"({_describe(ch)}); they pile up over the text around it: "
                            "delete them")
        elif marks > 1 and ch == value[i - 1]:
            problems.append(f"repeats the combining mark {_describe(ch)} {at}; a mark "
                            "written twice looks like one: delete the repetition")
        elif ch in _ZW_JOINERS:
            # Neighbours may be combining signs (a virama before ZWJ): their
            # Unicode name still starts with the script's name.
            before = unicodedata.name(value[i - 1], "") if i > 0 else ""
            after = unicodedata.name(value[i + 1], "") if i + 1 < len(value) else ""
            script = before.split(" ", 1)[0]
            if script.startswith(_JOINING_SCRIPTS) and after.split(" ", 1)[0] == script:
                continue
            problems.append(f"contains the invisible character {_describe(ch)} outside a word "
                            "of a script that needs it; delete it")
        elif ch in _BIDI:
            problems.append(f"contains the bidirectional control {_describe(ch)}, which can "
                            "reorder how the text displays; delete it")
        elif ch in ("\n", "\t") and multiline:
            continue
        elif cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or ch in _INVISIBLE:
            problems.append(f"contains the invisible or control character {_describe(ch)}; "
                            "delete it")
        elif cat == "Zs" and ch not in _ALLOWED_SPACES:
            problems.append(f"contains the unusual space {_describe(ch)}; use a plain space")
        elif ch in markup:
            problems.append(f"contains {ch!r}, which is not allowed here (it is markup in a "
                            "web page); rephrase without it")
        else:
            continue
        break  # one character problem per value is enough to act on
    if name_like:
        problems.extend(_mixed_script(value) or _compatibility_forms(value))
    return problems


_SPACES_RE = re.compile("[ \u00a0\u202f]{2,}")


def _space_problems(value: str) -> list[str]:
    # A web page shows "IMUMI ", "IMUMI" and "IMU  MI" alike; each would be a name of
    # its own (a page, an alias, a row of the downloads) that reads as another.
    out = []
    if value != value.strip():
        end = "begins" if value[:1].isspace() else "ends"
        out.append(f"{end} with a space; a name with a space around it looks the same as "
                   "one without but is a different name: remove it")
    if (m := _SPACES_RE.search(value.strip())):
        out.append(f"has {len(m.group(0))} spaces in a row at character "
                   f"{value.index(m.group(0)) + 1}; a web page shows them as one, so it "
                   "would look like another name: write one space")
    return out


def _compatibility_forms(value: str) -> list[str]:
    """Letters Unicode keeps only for compatibility ("Ⅰ" ROMAN NUMERAL ONE, fullwidth
    "ＩＭＵＭＩ", the ligature "ﬁ"): each reads as ordinary letters (its NFKC form) and
    makes a different name. Fullwidth punctuation and digits are ordinary beside
    Chinese and Japanese text, and refused elsewhere."""
    if value.isascii():
        return []
    cjk = any(_script(ch) == "CJK" for ch in value)
    for i, ch in enumerate(value):
        if ch.isascii() or ch in _ORDINALS:
            continue
        plain = unicodedata.normalize("NFKC", ch)
        fullwidth = 0xFF01 <= ord(ch) <= 0xFF5E
        # Letters and numbers only: "№" and "™" are symbols that read as themselves.
        letter = unicodedata.category(ch)[0] in "LN" and any(c.isalpha() for c in plain)
        if plain != ch and plain.isascii() and (letter or (fullwidth and not cjk)):
            word = re.search(r"\S*$", value[:i]).group(0) + re.match(r"\S*", value[i:]).group(0)
            return [f"contains {_describe(ch)} at character {i + 1}, a compatibility form "
                    f"that reads as {plain!r} but makes a different name; write "
                    f"{word!r} as {unicodedata.normalize('NFKC', word)!r}"]
    return []


_WORD_RE = re.compile(r"[^\W\d_]+(?:[\u200c\u200d'’][^\W\d_]+)*", re.UNICODE)


def _mixed_script(value: str) -> list[str]:
    words = _WORD_RE.findall(unicodedata.normalize("NFC", value))
    has_latin = False
    for word in words:
        scripts = {s for s in map(_script, word) if s}
        # Latin mixed with a script whose letters look Latin is the attack; Han,
        # Kana and Latin mixed in one Japanese word ("日本のNPO法人") is ordinary.
        if len(scripts & _CONFUSABLE) > 1 or (
                "LATIN" in scripts and not scripts <= _LATIN_COMPANIONS):
            odd = [ch for ch in word if _script(ch) not in (None, "LATIN")] \
                if "LATIN" in scripts else list(word)
            return [f"mixes scripts in the word {word!r} ({', '.join(sorted(scripts))}: "
                    f"{_describe(odd[0])}); a look-alike letter makes a different name that "
                    "reads the same, retype the word in one script"]
        if scripts & {"MATHEMATICAL", "MODIFIER", "SMALL"}:
            return [f"the word {word!r} uses styled letters ({_describe(word[0])}) that read "
                    "as ordinary ones but make a different name; retype it in plain letters"]
        has_latin = has_latin or scripts == {"LATIN"}
    if has_latin:
        for word in words:
            scripts = {s for s in map(_script, word) if s}
            if scripts and scripts <= _LOOKALIKE_SCRIPTS and all(
                    ch in _LATIN_LOOKALIKES for ch in word):
                return [f"the word {word!r} is written in {', '.join(sorted(scripts))} "
                        f"letters that look like Latin ones ({_describe(word[0])}) among Latin "
                        "words; retype it in Latin letters"]
    return []


# -- bodies ----------------------------------------------------------------

_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_AUTOLINK_RE = re.compile(r"<(?:https?://[^\s<>]+|mailto:[^\s<>]+|[^\s<>@/:]+@[^\s<>@]+)>",
                          re.I)
_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9:-]*|<!|<\?")
# No "{" inside: each match starts at the last "{" before a "}", so a line of
# thousands of "{" costs linear time, not quadratic (check runs on every PR).
_ATTR_LIST_RE = re.compile(r"\{:?[ ]*[^{}\n ][^{}\n]*\}")
# A link destination: right after "](", possibly on the next line (Markdown allows
# whitespace, a newline included, after the parenthesis), with balanced parentheses.
_DEST_RE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
# A reference definition; Python-Markdown lets its destination start on the next line.
_REF_DEF_RE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\[\]\n]+\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.M)
_SAFE_URL_RE = re.compile(r"^(?:https?://[^\s]+|mailto:[^\s]+|#[^\s]*)$", re.I)


def url_problem(url: str) -> str | None:
    """Why a link target cannot be used in a letter body, or None."""
    target = url[1:-1] if url.startswith("<") and url.endswith(">") else url
    # What the browser will see: entities decoded (href="javascript&#58;..." runs),
    # Markdown escapes removed, whitespace and controls that browsers strip removed.
    decoded = html.unescape(target).replace("\\", "")
    decoded = re.sub(r"[\x00-\x20\x7f]", "", decoded)
    if _SAFE_URL_RE.match(decoded) and decoded == target.replace("\\", ""):
        return None
    if _SAFE_URL_RE.match(decoded):
        return (f"link target {target!r} is written with entities or escapes; write the "
                "address out plainly")
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", decoded)
    if scheme:
        return (f"link target {target!r} uses the scheme {scheme.group(1).lower()!r}; only "
                "http, https and mailto links are allowed")
    return (f"link target {target!r} is not an http, https or mailto address or a '#' anchor;"
            " write the full https:// address (or [text](#) when the target was lost)")


# "[" that Markdown's inline parser sees: not escaped, not a footnote definition's label.
_BRACKET_RE = re.compile(r"(?<!\\)\[")
_FOOTNOTE_DEF_RE = re.compile(r"^[ ]{0,3}\[\^[^\]\n]*\]:", re.M)


def _bracket_problems(body: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    if "[" not in body:
        return out  # nothing to count (most letters)
    total, line, first = 0, 0, 0
    count = 0
    hint = ("remove stray brackets or write them as \\[; the Markdown renderer slows "
            "down sharply on many")
    for n, text in enumerate(body.split("\n") + [""]):
        if text.strip():
            if count == 0:
                first = n
            found = len(_BRACKET_RE.findall(_FOOTNOTE_DEF_RE.sub("", text))) \
                if "[" in text else 0
            if found and total + count == 0:
                line = n  # the total is reported where brackets begin
            count += found
            continue
        if count > MAX_BRACKETS_PER_PARAGRAPH:
            out.append((first, f"this paragraph has {count} '[' characters, more than "
                               f"{MAX_BRACKETS_PER_PARAGRAPH}; {hint}"))
        total += count
        count = 0
    if total > MAX_BRACKETS_PER_BODY:
        out.append((line, f"the body has {total} '[' characters, more than "
                          f"{MAX_BRACKETS_PER_BODY}; {hint}"))
    return out


# A line that ends a block for Python-Markdown: an ATX heading (no space needed after
# "#"), a setext underline or a thematic break.
_BREAK_LINE_RE = re.compile(r"#|[ ]{0,3}(?:=+|-+|(?:\*[ ]*){3,}|(?:_[ ]*){3,}|(?:-[ ]*){3,})"
                            r"[ \t]*$")
_RULE_LINE_RE = re.compile(r"[ ]{0,3}(?:(?:\*[ ]*){3,}|(?:_[ ]*){3,}|(?:-[ ]*){3,})[ \t]*$")
# (A hard line break, two spaces at the end of a line, is counted apart: "[ ]{2,}$" would
# scan a long run of spaces again from each of them.)
_INLINE_RE = re.compile(r"\\.|&#?[A-Za-z0-9]{1,32};|`+|[*_]+|<")
_NEST_START = frozenset("-*+>0123456789[")
# One level of nesting: a quote marker, or a list marker followed by a space.
_CONTAINER_RE = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))")


def _depth(line: str) -> int:
    """How deep a line nests lists and quotes: its markers, plus one level per 4 columns of
    indentation before them (how Python-Markdown nests an indented list item)."""
    if _RULE_LINE_RE.match(line):
        return 0  # "* * * *" is a rule, not four list markers
    m = _FOOTNOTE_DEF_RE.match(line)  # a footnote's text is parsed like a list item's
    pos = m.end() if m else 0
    rest = line[pos:]
    indent = len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
    markers = 0
    while (m := _CONTAINER_RE.match(line, pos)):
        markers += 1
        pos = m.end()
    return indent // 4 + markers if markers else 0


def _structure_problems(body: str) -> list[tuple[int, str]]:
    """Limits on what makes Python-Markdown slow or crash: breaks and inline marks per
    block, blocks per body, nesting depth (each reported once, where it starts)."""
    out: list[tuple[int, str]] = []
    if len(body) > MAX_BODY_CHARS:
        out.append((0, f"the body is {len(body)} characters long, more than {MAX_BODY_CHARS} "
                       "(ten times the longest letter we know); shorten it, or link to the "
                       "full text"))
    blocks, first, lines, breaks, marks = 0, 0, 0, 0, 0
    deep_reported = False
    for n, text in enumerate(body.split("\n") + [""]):
        if (stripped := text.lstrip()):
            # (Only a line starting with a marker can nest: most lines skip the regexes.)
            depth = _depth(text) if stripped[0] in _NEST_START else 0
            # A list item is parsed as a document of its own, as costly as a paragraph.
            if lines == 0 or (depth and stripped[0] != ">"):
                blocks += 1
                if blocks == MAX_BLOCKS + 1:
                    out.append((n, f"the body has more than {MAX_BLOCKS} blocks of text "
                                   "(paragraphs, headings, list items); the Markdown renderer "
                                   "takes a while on each: shorten the letter, or link to its "
                                   "full text"))
            if lines == 0:
                first = n
            lines += 1
            breaks += stripped[0] in "#=-*_" and bool(_BREAK_LINE_RE.match(text))
            if "\\" in text or "&" in text or "`" in text or "*" in text or "_" in text \
                    or "<" in text:
                marks += len(_INLINE_RE.findall(text))
            marks += text.endswith("  ")
            if not deep_reported and depth > MAX_NESTING:
                deep_reported = True
                out.append((n, f"lists and quotes are nested {depth} levels deep here, more "
                               f"than {MAX_NESTING} (4 spaces of indentation before a list "
                               "marker are one level); the Markdown renderer fails on deep "
                               "nesting: flatten the list"))
            continue
        if breaks > MAX_BREAKS_PER_BLOCK:
            out.append((first, f"this block of {lines} lines has {breaks} headings, underlines "
                               "(=== or ---) and rules (***) with no blank line between them, "
                               f"more than {MAX_BREAKS_PER_BLOCK}; put a blank line after "
                               "each heading and rule (the Markdown renderer reads the rest "
                               "of the block again after each one)"))
        if marks > MAX_INLINE_PER_PARAGRAPH:
            out.append((first, f"this paragraph has {marks} inline marks (backslash escapes, "
                               "entities such as &amp;, backticks, * or _, <, line breaks), "
                               f"more than {MAX_INLINE_PER_PARAGRAPH}; split it with blank "
                               "lines or remove the marks (the Markdown renderer slows down "
                               "sharply on many in one paragraph)"))
        lines, breaks, marks = 0, 0, 0
    return out


# "[^label]": a footnote's citation, or its definition when it starts a line (after at
# most 3 spaces) and a ":" follows; Python-Markdown's own patterns. (One pass, searched
# for by its leading literal: a pattern starting with "^" is tried at every position.
# A label stops at the next "[^": a line of 100,000 "[^" would be scanned to its end from
# each of them, quadratic.)
_FOOTNOTE_RE = re.compile(r"\[\^((?:[^\[\]\n]|\[(?!\^))*)\]")


def _footnote_problems(body: str, line_of: Callable[[int], int]) -> tuple[
        list[tuple[int, str]], set[str]]:
    """Problems with footnote labels and uncited footnotes, and the in-page ids the
    footnotes give the letter's page (`fn:label`, `fnref:label`)."""
    out: list[tuple[int, str]] = []
    defined: dict[str, int] = {}
    cited: set[str] = set()
    for m in _FOOTNOTE_RE.finditer(body):
        # What precedes it on its line, up to 4 characters (never a scan to the line's
        # start: a line of 100,000 citations would make that quadratic).
        lo = max(0, m.start() - 4)
        near = body[lo:m.start()]
        newline = near.rfind("\n")
        before = near[newline + 1:]
        if (body.startswith(":", m.end()) and (newline >= 0 or lo == 0) and len(before) <= 3
                and not before.strip(" ")):
            defined.setdefault(m.group(1), m.start(1))
        elif not near.endswith("\\"):
            cited.add(m.group(1))
    ids = set()
    for label, pos in defined.items():
        if not FOOTNOTE_LABEL_RE.fullmatch(label):
            out.append((line_of(pos), f"footnote label {label!r} must be 1 to 80 ASCII letters, "
                                      "digits, '-', '_' or '.' (no spaces, accents or ':'), or "
                                      "its links break: renumber it, e.g. [^1]"))
            continue
        if label not in cited:
            out.append((line_of(pos), f"footnote [^{label}] is defined but never cited, so its "
                                      f"link back to the text points at nothing; cite it "
                                      f"with [^{label}] where it belongs, or remove it"))
            continue
        ids.update({f"fn:{label}", f"fnref:{label}"})
    return out, ids


# What the per-line rules of body_problems cannot object to: text_problems' plain text
# (any line of it passes them), without the characters that start raw HTML, an HTML
# comment or a snippet marker ("<"), an attribute list ("{") or an image ("![").
_PLAIN_BODY_RE = re.compile("[\n\x20-\x3b\x3d-\x7a\x7c\x7e\u00a0-\u00ac\u00ae-\u024f"
                            "\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*")


def _body_is_plain(text: str) -> bool:
    return "![" not in text and _PLAIN_BODY_RE.fullmatch(text) is not None


def body_problems(body: str) -> list[tuple[int, str]]:
    """(0-based line in `body`, message) for everything in a letter body beyond Markdown prose.

    Strict by design: inside code too, because snippet markers are expanded
    before Markdown sees code blocks, and a letter has no code to show.
    """
    out: list[tuple[int, str]] = []
    # Lines without a character the rules below look for have nothing to report (most
    # lines of most letters): the whole body is tested first, then each line.
    lines = [] if _body_is_plain(body) else body.split("\n")
    for n, line in enumerate(lines):
        if _body_is_plain(line):
            continue
        problems = [f"body line {p}" for p in text_problems(line, multiline=True,
                                                           name_like=False, markup="",
                                                           limit=1 << 30)
                    if "NFC" not in p]
        # pymdownx.snippets' marker is -{1,}8<-{1,}: every form contains "-8<-".
        if "-8<-" in line:
            problems.append("snippet marker '--8<--' is not allowed: it would include a file "
                            "of the build machine; remove it and paste the text itself")
        without_autolinks = _AUTOLINK_RE.sub("", line)
        if "<!--" in line:
            problems.append("HTML comment '<!--' is not allowed in a letter body; remove it "
                            "(an editor's note belongs in the front matter)")
        elif (m := _HTML_RE.search(without_autolinks)):
            problems.append(f"raw HTML {m.group(0).strip()!r}... is not allowed in a letter body;"
                            " use Markdown (*emphasis*, [text](https://...)), or write the "
                            "character as &lt;")
        if (m := _ATTR_LIST_RE.search(line)):
            problems.append(f"attribute list {m.group(0)!r} is not allowed: it can set HTML "
                            "attributes such as event handlers; remove it (write a literal "
                            "brace as \\{)")
        if "![" in line:
            problems.append("images are not allowed in a letter body (the site makes no "
                            "outside requests); link to the picture instead")
        for p in problems:
            out.append((n, p))
    # Links are found in the whole body, not line by line: a link's text, and a
    # destination after "](" or "]:", may continue on the next line.
    out.extend(_bracket_problems(body))
    out.extend(_structure_problems(body))
    starts: list[int] = []  # where each line starts: found when a problem needs a line

    def line_of(pos: int) -> int:
        if not starts:
            starts.extend([0] + [m.end() for m in re.finditer("\n", body)])
        return bisect.bisect_right(starts, pos) - 1

    footnotes, ids = _footnote_problems(body, line_of)
    out.extend(footnotes)
    for regex in (_DEST_RE, _REF_DEF_RE):
        for m in regex.finditer(body):
            if (why := url_problem(m.group(1)) or _anchor_problem(m.group(1), ids)):
                out.append((line_of(m.start(1)), why))
    return sorted(set(out))


def _anchor_problem(url: str, ids: set[str]) -> str | None:
    # A letter's page has no ids of its own but its footnotes' (its headings get none);
    # "#" alone marks a link whose target was lost, and is rendered as plain text.
    if not url.startswith("#") or url == "#" or url[1:] in ids:
        return None
    return (f"link target {url!r} points at nothing on the letter's page (only footnotes have "
            "anchors there: cite a footnote with [^1]); write the full https:// address, or "
            "[text](#) when the target was lost")


# -- the archive -----------------------------------------------------------

def _text_field(out: list, path: str, line: int | Callable[[], int], field: str,
                value: str | None, **kw) -> None:
    """`line` may be a function: asked only when there is a problem to report."""
    if value is None:
        return
    problems = text_problems(value, **kw)
    if not problems:
        return
    shown = repr(value) if len(value) <= 120 else repr(value[:60]) + "..."
    if callable(line):
        line = line()
    for p in problems:
        out.append(Diagnostic(path, line, "error", f"{field} {shown} {p}"))


# The same names are printed in letter after letter (a million entry fields at 10,000
# letters, a few tens of thousands of distinct values): each is judged once. The answer
# depends on the text alone (text_problems with its defaults, as names are checked).
@functools.lru_cache(maxsize=1 << 17)
def _name_problems(value: str) -> tuple[str, ...]:
    return tuple(text_problems(value))


def _entry_is_clean(entry: Entry) -> bool:
    """Whether none of an entry's own texts has a problem (the common case, asked first)."""
    for value in (entry.printed, entry.line, entry.name, entry.affiliation, entry.country):
        if value is not None and _name_problems(value):
            return False
    return True


def _letter_text(letter: Letter) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    ln = letter.lines.get  # parses the front matter again: only when a line is needed

    def field(keys: tuple, label: str, value: str | None, **kw) -> None:
        if value is None or (not kw and not _name_problems(value)):
            return  # (no closure made for the many values without a problem)
        _text_field(out, letter.path, lambda: ln(keys, 1), label, value, **kw)

    field(("title",), "title", letter.title, markup='<>"', limit=MAX_TITLE)
    field(("summary",), "summary", letter.summary, multiline=True, markup='<>"',
          limit=MAX_SUMMARY)
    field(("source",), "source", letter.source, multiline=True, name_like=False)
    field(("place",), "place", letter.place)
    for key, refs in (("recipients", letter.recipients), ("cc", letter.cc)):
        for i, ref in enumerate(refs):
            for attr in ("printed", "name", "role"):
                field((key, i, attr), f"{key}[{i}].{attr}", getattr(ref, attr))
    for i, section in enumerate(letter.sections):
        field(("signatories", i, "section"), "section heading", section.heading)
        for j, entry in enumerate(section.entries):
            # An entry whose texts are all clean adds nothing: asked first (most are).
            k = ("signatories", i, "entries", j)
            if not _entry_is_clean(entry):
                field(k + ("printed",), "printed name", entry.printed)
                field(k + ("line",), "printed line", entry.line)
                for attr in ("name", "affiliation", "country"):
                    field(k + (attr,), f"entry {attr}", getattr(entry, attr))
            for m, member in enumerate(entry.members):
                if _entry_is_clean(member):
                    continue
                km = k + ("members", m)
                field(km + ("printed",), "printed name", member.printed)
                field(km + ("line",), "printed line", member.line)
                for attr in ("name", "affiliation", "country"):
                    field(km + (attr,), f"entry {attr}", getattr(member, attr))
    for n, message in body_problems(letter.body):
        out.append(Diagnostic(letter.path, letter.body_line + n, "error", message))
    return out


def _id_problem(kind: str, value: str) -> str | None:
    if len(value) > MAX_ID:
        return (f"{kind} id {value[:20]!r}... is {len(value)} characters long; ids are at most "
                f"{MAX_ID}: shorten it (and the file name)")
    if value in RESERVED_IDS:
        return (f"{kind} id {value!r} is reserved for the site's own pages; choose another "
                f"(e.g. {value}-org)")
    return None


def _registry_text(archive: Archive, root: Path | None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for sig in archive.signatories.values():
        ln = sig.lines.get
        _text_field(out, sig.path, ln(("name",), 1), "name", sig.name)
        for key in ("aliases", "acronyms"):
            for i, value in enumerate(getattr(sig, key)):
                _text_field(out, sig.path, ln((key, i), 1), f"{key}[{i}]", value)
        _text_field(out, sig.path, ln(("affiliation",), 1), "affiliation", sig.affiliation)
        _text_field(out, sig.path, ln(("note",), 1), "note", sig.note, multiline=True,
                    name_like=False)
        _text_field(out, sig.path, ln(("website",), 1), "website", sig.website,
                    name_like=False)
        for i, rel in enumerate(sig.related):
            _text_field(out, sig.path, ln(("related", i), 1), "relation", rel.relation)
            _text_field(out, sig.path, ln(("related", i), 1), "related note", rel.note or None,
                        multiline=True, name_like=False)
        if (why := _id_problem("signatory", sig.id)):
            out.append(Diagnostic(sig.path, ln(("id",), 1), "error", why))
    for rec in archive.recipients.values():
        ln = rec.lines.get
        _text_field(out, rec.path, ln(("name",), 1), "name", rec.name)
        _text_field(out, rec.path, ln(("role",), 1), "role", rec.role)
        for i, alias in enumerate(rec.aliases):
            _text_field(out, rec.path, ln(("aliases", i), 1), f"aliases[{i}]", alias)
        if (why := _id_problem("recipient", rec.id)):
            out.append(Diagnostic(rec.path, ln(("id",), 1), "error", why))
    tag_lines = _file_lines(root, "tags.yml")
    for tag in archive.tags.values():
        line = _line_of(tag_lines, tag.id, 1)
        _text_field(out, "tags.yml", line, "tag label", tag.label, markup='<>"')
        _text_field(out, "tags.yml", line, "tag description", tag.description,
                    multiline=True, name_like=False, markup='<>"')
        if (why := _id_problem("tag", tag.id)):
            out.append(Diagnostic("tags.yml", line, "error", why))
    return out


def _file_lines(root: Path | None, rel: str) -> list[str]:
    if root is None:
        return []
    try:
        return (root / rel).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return []


def _line_of(lines: list[str], needle: str, default: int) -> int:
    for n, line in enumerate(lines, 1):
        if needle in line:
            return n
    return default


# -- files -----------------------------------------------------------------

# What each directory may hold (the loader's file patterns); anything else is not read
# by the loader, and a renderer pointed at the directory might still publish it.
_DIRS = {sub: (ext,) for sub, (_, ext, _) in FILE_PATTERNS.items()}
_EXTRA_FILES = {"signatories": {"decisions.csv"}}
_IGNORED = {".gitkeep"}


def _files(archive: Archive, root: Path) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    loaded_letters = {letter.path for letter in archive.letters}
    for sub, exts in _DIRS.items():
        base = root / sub
        if not base.is_dir():
            continue
        by_fold: dict[str, list[str]] = defaultdict(list)
        names = _flat_listing(base)
        for name in names or ():
            # No subdirectory: the names alone, without a Path and a stat for each.
            if name in _IGNORED:
                continue
            rel = f"{sub}/{name}"
            by_fold[name.casefold()].append(rel)
            _name_rules(sub, exts, base, name, rel, by_fold, out)
        for path in sorted(base.rglob("*")) if names is None else ():
            rel = path.relative_to(root).as_posix()
            if path.name in _IGNORED:
                continue
            if path.parent != base:
                if path.is_dir() and not path.is_symlink():
                    continue  # reported through the files inside it
                flat = f"{sub}/{path.relative_to(base).parts[0]}"
                out.append(Diagnostic(rel, 1, "error",
                           f"files in subdirectories of {sub}/ are not read, and "
                           f"'{flat}/index' would build to the same page as '{flat}'; move "
                           f"it to {sub}/<id>{exts[0]}"))
                continue
            by_fold[path.name.casefold()].append(rel)
            if path.is_symlink() and path.is_dir():
                out.append(Diagnostic(rel, 1, "error", "a link to a directory; links are not "
                                      "allowed in the archive, remove it"))
                continue
            if path.is_dir():
                if not any(path.iterdir()):
                    out.append(Diagnostic(rel, 1, "error", f"empty directory in {sub}/; "
                                          "remove it"))
                continue
            _name_rules(sub, exts, base, path.name, rel, by_fold, out)
        for rels in by_fold.values():
            # The all-lowercase name is the one to keep; report the others.
            rels.sort(key=lambda r: (r != r.lower(), r))
            if len(rels) > 1:
                for rel in rels[1:]:
                    out.append(Diagnostic(rel, 1, "error",
                               f"file name differs only in case from {rels[0]!r}; on macOS "
                               "and Windows they are the same file: keep one"))
        if sub == "letters":
            for name in sorted(n for n in names if n.endswith(".md")) if names is not None \
                    else (p.name for p in sorted(base.glob("*.md"))):
                rel = f"{sub}/{name}"
                if rel in loaded_letters:
                    continue
                path = base / name
                if not path.is_file() or path.is_symlink():
                    continue
                # A letter the loader refused (its front matter has errors) still
                # gets its body checked, so every problem is listed at once.
                out.extend(_raw_body(path, root))
    return out


def _flat_listing(base: Path) -> list[str] | None:
    """The names in `base`, sorted, if none is a directory or a link to one (the usual
    case: no walk below it is needed); None otherwise, or if it cannot be listed (the
    recursive walk then says what it finds)."""
    try:
        with os.scandir(base) as entries:
            names = []
            for entry in entries:
                if entry.is_dir():
                    return None
                names.append(entry.name)
    except OSError:
        return None
    return sorted(names)


def _name_rules(sub: str, exts: tuple[str, ...], base: Path, name: str, rel: str,
                by_fold: dict[str, list[str]], out: list[Diagnostic]) -> None:
    """The rules on the name of a file directly in `base` (the archive's `sub`/)."""
    pure = PurePosixPath(name)
    stem, suffix = pure.stem, pure.suffix
    if name in _EXTRA_FILES.get(sub, set()):
        return
    if suffix not in exts:
        out.append(Diagnostic(rel, 1, "error",
                   f"{sub}/ holds only {' '.join('*' + e for e in exts)} files; this "
                   f"one is not read: rename it to {stem}{exts[0]} or remove it"))
        return
    if file_name_problem(rel):
        return  # reported by the loader, which reads every such file
    if stem.lower() != stem and len(by_fold[name.casefold()]) == 1 and not \
            (base / name.lower()).exists():
        out.append(Diagnostic(rel, 1, "error",
                   f"file name {name!r} must be lowercase: its id is the file "
                   f"name, rename it to {stem.lower()}{suffix}"))
    elif sub == "letters" and len(stem) > MAX_ID:
        out.append(Diagnostic(rel, 1, "error",
                   f"letter id is {len(stem)} characters long; ids are at most "
                   f"{MAX_ID}: shorten the file name"))


def _raw_body(path: Path, root: Path) -> list[Diagnostic]:
    # Read and split exactly as the loader does; its own errors are already reported.
    text = _read_text(path, root, [])
    split = split_front_matter(text) if text is not None else "unreadable"
    if isinstance(split, str):
        return []
    _, body, body_line = split
    rel = path.relative_to(root).as_posix()
    return [Diagnostic(rel, body_line + n, "error", m) for n, m in body_problems(body)]


def check_output_paths(paths) -> list[str]:
    """Problems with a generated site's relative page paths (empty when none).

    Every page must have exactly one output file inside the site directory:
    no absolute or `..` paths, and no two pages building to the same URL under
    MkDocs' directory URLs (`foo.md` and `foo/index.md`), even on a
    case-insensitive file system.
    """
    problems: list[str] = []
    seen: dict[str, str] = {}
    for rel in sorted(paths):
        parts = rel.split("/")
        if rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
            problems.append(f"{rel!r} is not a plain relative path inside the site")
            continue
        url = rel
        if rel.endswith(".md"):
            stem = rel[:-3]
            url = stem[: -len("index")] if stem.split("/")[-1] in ("index", "README") \
                else stem + "/"
            url = url + "index.html"
        key = url.casefold()
        if key in seen:
            problems.append(f"{rel!r} and {seen[key]!r} build to the same file {url!r}")
        seen.setdefault(key, rel)
    return problems


def letter_problems(letter: Letter) -> list[Diagnostic]:
    """The safety diagnostics of one letter (its text, body and id)."""
    out = _letter_text(letter)
    if len(letter.id) > MAX_ID:
        out.append(Diagnostic(letter.path, 1, "error",
                              f"letter id is {len(letter.id)} characters long; ids are "
                              f"at most {MAX_ID}: shorten the file name"))
    return out


def check_archive(archive: Archive, root: Path | None = None,
                  letters: list[list[Diagnostic]] | None = None,
                  files: list[Diagnostic] | None = None) -> list[Diagnostic]:
    """Every safety diagnostic for a loaded archive; `root` adds the file-level rules.
    `letters`, if given, holds `letter_problems` of each letter, and `files` the
    `file_problems` of `root`, computed already."""
    out: list[Diagnostic] = []
    if letters is None:
        letters = [letter_problems(letter) for letter in archive.letters]
    for found in letters:
        out.extend(found)
    out.extend(_registry_text(archive, root))
    if root is not None:
        out.extend(file_problems(archive, root) if files is None else files)
    return sorted(set(out), key=lambda d: (d.path, d.line, d.message))


def file_problems(archive: Archive, root: Path) -> list[Diagnostic]:
    """The file-level rules (names, case, stray files and directories): they depend on
    the names in the archive's directories and on the letters the loader refused."""
    return _files(archive, Path(root))
