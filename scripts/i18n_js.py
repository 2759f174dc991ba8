"""Write i18n.py's picture strings into the language switch's script.

    python scripts/i18n_js.py [--check]

overrides/assets/javascripts/undersigned-lang.js says a picture's words in Spanish on a
page built once (src/undersigned/pictures.py says why); the words it needs are
`i18n.picture_strings()`, kept between its `picture strings` markers. `--check` only
says whether they are up to date (exit 1 when not), as tests/test_i18n.py does.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from undersigned import i18n  # noqa: E402

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "undersigned-lang.js"
BEGIN = "  // picture strings: begin (scripts/i18n_js.py writes them from i18n.py)\n"
END = "  // picture strings: end\n"


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
    return {**i18n.THEME_WORDS, **{i18n.text(k): i18n.text(k, "es") for k in keys}}


def block() -> str:
    words = json.dumps(i18n.picture_strings(page_keys=page_keys(), chrome=chrome()),
                       ensure_ascii=False, separators=(",", ":"))
    return f"{BEGIN}  var WORDS = {words};\n{END}"


def updated(text: str) -> str:
    head, found, rest = text.partition(BEGIN)
    _, found_end, tail = rest.partition(END)
    if not (found and found_end):
        raise SystemExit(f"{SCRIPT}: error: the picture strings' markers are missing")
    return head + block() + tail


def main(argv: list[str]) -> int:
    text = SCRIPT.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print(f"{SCRIPT}: error: picture strings out of date: run "
                  "python scripts/i18n_js.py", file=sys.stderr)
            return 1
        return 0
    SCRIPT.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
