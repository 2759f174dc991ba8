"""Write i18n.py's words into the site's scripts, so that no script keeps a copy.

    python scripts/i18n_js.py [--check]

- overrides/assets/javascripts/undersigned-lang.js says a picture's words in Spanish on
  a page built once (src/undersigned/pictures.py says why); the words it needs are
  `i18n.picture_strings()`, kept between its `picture strings` markers.
- overrides/assets/javascripts/undersigned-together.js lists the letters two
  signatories signed together, in the reader's language: its `together_*` strings, the
  word "letter", the months and the date pattern, between its `together strings`
  markers.

`--check` only says whether they are up to date (exit 1 when not), as
tests/test_i18n.py does.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from undersigned import i18n  # noqa: E402

SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
SCRIPT = SCRIPTS / "undersigned-lang.js"
BEGIN = "  // picture strings: begin (scripts/i18n_js.py writes them from i18n.py)\n"
END = "  // picture strings: end\n"
TOGETHER = SCRIPTS / "undersigned-together.js"
TOGETHER_BEGIN = "  // together strings: begin (scripts/i18n_js.py writes them from i18n.py)\n"
TOGETHER_END = "  // together strings: end\n"


# The templates of the pages built once, whose words follow the switch in place.
BUILT_ONCE = ("letter.html", "signatory.html", "signatory_more.html", "recipient.html",
              "tag.html", "network_map.html", "letters_more.html", "_shared.html",
              "_signed_table.html")
TEMPLATES = ROOT / "src" / "undersigned" / "templates"


def page_keys() -> list[str]:
    """The i18n.py keys those templates ask for (`t.key`, `t("key", ...)`), and the
    kinds a signatory page names."""
    text = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in BUILT_ONCE)
    keys = set(re.findall(r"\bt\.(\w+)", text))
    keys |= set(re.findall(r"""\bt\(\s*["'](\w+)["']""", text))
    keys |= {k for k in i18n.STRINGS if k.startswith("kind_")}
    keys.add("per_year")  # a figure's table caption, worded by generate.py
    return sorted(keys & set(i18n.STRINGS))


def chrome() -> dict[str, str]:
    """The theme's words and the navigation's: the site's pages named as the Spanish
    navigation names them (spanish.py), the theme's labels as Material says them."""
    from undersigned import spanish

    keys = [key for key, _ in spanish.NAV_KEYS] + list(spanish.NAV_HAND.values())
    keys += i18n.SWITCH_KEYS  # "How it is built": a reference page in English only
    # The footer says the site's description (mkdocs.yml); the Spanish site, i18n.py's.
    described = re.search(r"^site_description: (.+)$",
                          (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    footer = {described.group(1).strip(): i18n.text("site_description", "es")} if described else {}
    return {**i18n.THEME_WORDS, **{i18n.text(k): i18n.text(k, "es") for k in keys}, **footer}


def block() -> str:
    words = json.dumps(i18n.picture_strings(page_keys=page_keys(), chrome=chrome()),
                       ensure_ascii=False, separators=(",", ":"))
    return f"{BEGIN}  var WORDS = {words};\n{END}"


def together_block() -> str:
    """undersigned-together.js's words, per interface language."""
    text = {lang: {**{k: v[lang] for k, v in i18n.STRINGS.items() if k.startswith("together_")},
                   "letter": list(i18n.COUNTS["letter"][lang]),
                   "months": list(i18n.MONTHS[lang]),
                   "date": i18n.DATE_PATTERNS[lang]}
            for lang in i18n.INTERFACES}
    def entries(words: dict, indent: str) -> str:
        return ",\n".join(f"{indent}{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
                           for k, v in words.items())

    langs = ",\n".join(f'    "{lang}": {{\n{entries(words, " " * 6)}\n    }}'
                       for lang, words in text.items())
    return f"{TOGETHER_BEGIN}  var TEXT = {{\n{langs}\n  }};\n{TOGETHER_END}"


def updated(text: str, begin: str = BEGIN, end: str = END, make=block,
            script: Path = SCRIPT) -> str:
    head, found, rest = text.partition(begin)
    _, found_end, tail = rest.partition(end)
    if not (found and found_end):
        raise SystemExit(f"{script}: error: the markers {begin.strip()!r} and "
                         f"{end.strip()!r} are missing")
    return head + make() + tail


def main(argv: list[str]) -> int:
    stale = 0
    for script, begin, end, make in ((SCRIPT, BEGIN, END, block),
                                     (TOGETHER, TOGETHER_BEGIN, TOGETHER_END, together_block)):
        text = script.read_text(encoding="utf-8")
        new = updated(text, begin, end, make, script)
        if "--check" in argv:
            if new != text:
                print(f"{script}: error: its words are out of date with i18n.py: run "
                      "python scripts/i18n_js.py", file=sys.stderr)
                stale = 1
        else:
            script.write_text(new, encoding="utf-8")
    return stale


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
