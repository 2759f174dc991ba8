"""The interface's strings: every one in English and Spanish, and the pages use them."""

from __future__ import annotations

import datetime as dt
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from undersigned import generate, i18n, spanish
from undersigned.models import KINDS

SRC = Path(__file__).parent.parent / "src" / "undersigned"
# generate.py asks for the strings of pages, pictures.py for the words inside a picture.
GENERATE = "\n".join((SRC / name).read_text(encoding="utf-8")
                     for name in ("generate.py", "pictures.py"))
TOGETHER_SCRIPT = (SRC.parent.parent / "overrides" / "assets" / "javascripts"
                   / "undersigned-together.js").read_text(encoding="utf-8")
# The page templates ask for strings as `t.key` or `t("key", ...)`, for counts as
# `count(n, "key")`.
TEMPLATES = "\n".join(p.read_text(encoding="utf-8")
                      for p in sorted((SRC / "templates").glob("*.html")))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_every_string_is_in_both_languages_with_the_same_placeholders(key):
    versions = i18n.STRINGS[key]
    assert set(versions) == set(i18n.INTERFACES)
    assert all(v.strip() == v and v for v in versions.values())
    assert placeholders(versions["es"]) == placeholders(versions["en"])


def test_every_count_month_and_language_name_is_in_both_languages():
    for key, versions in i18n.COUNTS.items():
        assert set(versions) == set(i18n.INTERFACES), key
        assert all(one and many for one, many in versions.values()), key
    assert {lang: len(months) for lang, months in i18n.MONTHS.items()} == {"en": 12, "es": 12}
    assert set(i18n.LANGUAGE_NAMES) == set(i18n.INTERFACES)
    assert set(i18n.LANGUAGE_NAMES["es"]) == set(i18n.LANGUAGE_NAMES["en"]) == set(
        i18n.AUTONYMS)


def test_every_key_the_pages_ask_for_exists_and_every_string_is_used():
    asked = set(re.findall(r"""i18n\.text\(\s*["'](\w+)["'],""", GENERATE))
    asked |= set(re.findall(r"""\bt\(\s*["'](\w+)["'][,)]""", TEMPLATES))
    asked |= set(re.findall(r"\bt\.(\w+)", TEMPLATES))
    asked |= {f"kind_{kind}" for kind in KINDS}  # asked as "kind_" + the signatory's kind
    asked |= set(generate.KIND_TITLES.values())  # an A–Z index's title
    asked |= {key for key, _ in spanish.NAV_KEYS + spanish.NAV_ENGLISH}  # /es/'s navigation
    asked |= set(spanish.NAV_HAND.values())
    # The switch's own: the sentences it composes, the navigation entries it says.
    asked |= {k for fmt in i18n.COMPOSED for k in re.findall(r"\[(\w+)\]", fmt)}
    asked |= set(i18n.SWITCH_KEYS)
    # The words of the letters signed together, written by its script (test_together.py).
    asked |= set(re.findall(r'"(together_\w+)":', TOGETHER_SCRIPT))
    counted = set(re.findall(r"""_count\([^"'\n]*, ["'](\w+)["'][,)]""", GENERATE))
    counted |= set(re.findall(r"""\bcount\([^"'\n]*, ["'](\w+)["']\)""", TEMPLATES))
    counted |= {"letter", "organization", "person", "network", "signature"}  # home's stats
    assert asked - set(i18n.STRINGS) == set()
    assert counted - set(i18n.COUNTS) == set()
    assert set(i18n.STRINGS) - asked == set()
    assert set(i18n.COUNTS) - counted == set()


def test_dates_and_counts_read_as_each_language_writes_them():
    d = dt.date(2022, 7, 11)
    assert i18n.date_text(d) == "11 July 2022"
    assert i18n.date_text(d, "es") == "11 de julio de 2022"
    assert i18n.date_text(dt.date(2023, 1, 1), "es") == "1 de enero de 2023"
    assert i18n.count(1, "letter", "es") == "1 carta"
    assert i18n.count(2345, "letter", "es") == "2,345 cartas"
    assert i18n.count(1, "person") == "1 person" and i18n.count(0, "person") == "0 people"
    assert i18n.text("letters_of_year", "es", year=2022) == "Cartas de 2022"


def test_a_language_is_named_by_the_interface_or_by_itself():
    assert i18n.language_name("es", "en") == "Spanish"
    assert i18n.language_name("en", "es") == "inglés"
    assert i18n.language_name("es") == "Español"
    assert i18n.language_name("qu") == "qu"  # no name known: the code, as the file gives it


def test_a_relation_is_said_in_both_languages_and_an_unknown_one_as_written():
    assert i18n.relation_name("member-of") == "member of"
    assert i18n.relation_name("member-of", "es") == "miembro de"
    assert i18n.relation_name("chapter-of", "es") == "capítulo de"
    # Free text in the registry: one the list does not know reads as written.
    assert i18n.relation_name("sister-campaign-of", "es") == "sister campaign of"
    assert all(set(words) == set(i18n.INTERFACES) for words in i18n.RELATIONS.values())
    # What the seed registry says: every relation it uses is known.
    used = set()
    for path in (Path(__file__).parent.parent / "signatories").glob("*.yml"):
        used |= set(re.findall(r"^\s+relation: ([\w-]+)$", path.read_text(encoding="utf-8"),
                               re.M))
    assert used and used <= set(i18n.RELATIONS)


def test_the_scripts_have_the_words_of_i18n():
    # undersigned-lang.js says a picture's words in Spanish on a page built once, from the
    # strings i18n.py gives it (tests/browser/test_browser_spanish.py runs it);
    # undersigned-together.js its list's words (tests/test_together.py reads them back).
    script = Path(__file__).parent.parent / "scripts" / "i18n_js.py"
    proc = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    words = i18n.picture_strings()
    strings = {**dict(map(tuple, words["strings"])), **words["exact"]}
    for key in i18n.PICTURE_KEYS:
        assert strings[i18n.STRINGS[key]["en"]] == i18n.STRINGS[key]["es"]


def test_every_description_of_the_downloads_has_its_spanish():
    """The Data page and the database's metadata.json say them in Spanish by their
    English: a description changed in English must be translated again here."""
    from undersigned import database, datapackage, export

    english = [t.description for t in database.TABLES]
    english += [m for t in database.TABLES for _, _, m in t.columns]
    english += [m for _, m in export.SIGNATURE_COLUMNS]
    english += [m for _, _, m in datapackage.LETTER_FIELDS + datapackage.SIGNATORY_FIELDS]
    english += [question for question, _ in database.EXAMPLE_QUERIES]
    missing = [text for text in english if text not in i18n.DESCRIPTIONS]
    assert not missing, "no Spanish in i18n.DESCRIPTIONS for: " + "; ".join(missing)
    assert set(i18n.DESCRIPTIONS) == set(english)  # none left over from an older English
    assert all(i18n.described(text) == text for text in english)


def test_a_script_with_stale_words_is_written_again_from_i18n():
    sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))
    import i18n_js

    text = i18n_js.TOGETHER.read_text(encoding="utf-8")
    stale = text.replace('"Ver las cartas"', '"Ver cartas"')
    assert stale != text
    assert i18n_js.updated(stale, i18n_js.TOGETHER_BEGIN, i18n_js.TOGETHER_END,
                           i18n_js.together_block, i18n_js.TOGETHER) == text
    for day in (dt.date(2021, 3, 25), dt.date(2024, 12, 1)):
        for lang in i18n.INTERFACES:
            assert i18n.DATE_PATTERNS[lang].format(
                day=day.day, month=i18n.MONTHS[lang][day.month - 1], year=day.year) == \
                i18n.date_text(day, lang)


def _page_keys() -> list[str]:
    sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))
    import i18n_js

    return i18n_js.page_keys()


def test_every_sentence_the_switch_rewrites_has_both_languages_and_the_same_parts():
    """i18n.page_sentences: each sentence with elements (or composed by a template) in
    English and Spanish, with the same named placeholders and the same elements, each
    element once, numbered in its English order; none dropped for elements that differ."""
    keys = _page_keys()
    with_markup = [k for k in keys if re.search(r"<\w", i18n.STRINGS[k]["en"])]
    sentences = i18n.page_sentences("es", keys)
    assert len(sentences) == len(i18n.COMPOSED) + len(with_markup)
    for s in sentences:
        # Something is said in Spanish: the sentence, or its elements' fixed words.
        assert s["en"] != s["es"] or any(en != es for en, es in s["kids"]), s
        assert "<" not in s["en"] + s["es"], s  # every element stands as {@N}
        slots = [re.findall(r"\{(@?\w+)\}", s[lang]) for lang in ("en", "es")]
        assert sorted(slots[0]) == sorted(slots[1]), s
        elements = [name for name in slots[0] if name.startswith("@")]
        assert elements == [f"@{n}" for n in range(len(s["kids"]))], s
        assert all(len(pair) == 2 and all(pair) for pair in s["kids"]), s
    # A composed sentence says exactly its strings: the Spanish is built from the same
    # keys, so the English template, filled, is what the English page prints.
    stated = next(s for s in sentences if "{stated}" in s["en"])
    assert stated["en"].format(listed="68 listed", stated="70", **{"@0": "X"}) == (
        "68 listed " + i18n.text("stated", count=70) + "; X")
    assert stated["es"].format(listed="68 en la lista", stated="70", **{"@0": "X"}) == (
        "68 en la lista " + i18n.text("stated", "es", count=70) + "; X")
    assert stated["kids"] == [[i18n.text("list_as_printed"), i18n.text("list_as_printed", "es")]]


def test_a_sentence_whose_spanish_has_other_elements_is_not_rewritten():
    # An element the Spanish lacks (or adds) cannot be moved: the sentence stays English.
    assert i18n._sentence('See <a href="{x}">it</a>.', "Véalo.") is None
    assert i18n._sentence("<em>a</em> <code>b</code>", "<code>b</code> <em>a</em>") == {
        "en": "{@0} {@1}", "es": "{@1} {@0}", "kids": [["a", "a"], ["b", "b"]]}


def test_the_switch_names_languages_and_counts_as_the_spanish_pages_do():
    words = i18n.picture_strings("es", _page_keys())
    for code in i18n.LANGUAGE_NAMES["en"]:
        assert words["exact"][i18n.language_name(code, "en")] == i18n.language_name(code, "es")
    one, many = i18n.COUNTS["listed"]["es"]
    assert words["counts"]["listed"] == many == one
