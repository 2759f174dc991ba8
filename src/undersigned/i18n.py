"""Interface strings in English and Spanish, in one place.

A letter keeps its own language; this module is the language of the site around it.
"""

from __future__ import annotations

# Each language named in its own language: a link to a version in that language reads
# as that language's readers know it ("Español", not "Spanish").
AUTONYMS = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}


def language_name(code: str) -> str:
    """The language `code` named in itself, or the code where no name is known."""
    return AUTONYMS.get(code, code)
