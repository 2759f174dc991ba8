"""A letter published in English and in Spanish, written into a copy of a fixture
archive: the shape real bilateral letters take (the same signatories, one text in each
language, each version naming the other)."""

from __future__ import annotations

import shutil
from pathlib import Path

VALID = Path(__file__).parent / "fixtures" / "check" / "valid"
ENGLISH = "letters/2022-07-11-bilateral-meeting.md"
SPANISH = "letters/2022-07-11-reunion-bilateral.md"
ENGLISH_ID, SPANISH_ID = Path(ENGLISH).stem, Path(SPANISH).stem


def bilingual_archive(dest: Path, back_link: bool = True) -> Path:
    """A copy of the valid fixture whose letter also exists in Spanish, the two linked
    by `translations` (the Spanish one links back only if `back_link`)."""
    shutil.copytree(VALID, dest)
    english = (dest / ENGLISH).read_text(encoding="utf-8")
    (dest / ENGLISH).write_text(
        english.replace("language: en\n", f"language: en\ntranslations: [{SPANISH_ID}]\n", 1),
        encoding="utf-8")
    head, _, _ = english.partition("\n---\n")
    spanish = (head.replace("title: Organizations ask two presidents to center migration on "
                            "rights", "title: Organizaciones piden a dos presidentes poner los "
                            "derechos al centro de la migración", 1)
               .replace("language: en\n", "language: es\n"
                        + (f"translations: [{ENGLISH_ID}]\n" if back_link else ""), 1)
               + "\n---\n\nEstimado Presidente Biden:\n\nLe escribimos sobre los cuatro "
               "pilares de la declaración.\n")
    (dest / SPANISH).write_text(spanish, encoding="utf-8")
    return dest
