"""Documentation cannot drift: every front-matter and registry field is documented."""

import re
from pathlib import Path

from undersigned import load

ROOT = Path(__file__).parent.parent
FORMAT = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def documented_fields() -> set[str]:
    # Every backticked name in the first cell of a table row; `a[].b` counts as a and b.
    names = set()
    for cell in re.findall(r"^\|([^|]+)\|", FORMAT, flags=re.M):
        for code in re.findall(r"`([^`]+)`", cell):
            names.update(p for p in re.split(r"[.\[\]]+", code) if p)
    return names


def test_every_letter_field_is_documented():
    fields = load.LETTER_FIELDS | load.RECIPIENT_FIELDS | load.SECTION_FIELDS | load.ENTRY_FIELDS
    assert fields - documented_fields() == set()


def test_every_registry_field_is_documented():
    assert load.SIGNATORY_FIELDS - documented_fields() == set()
    assert "kind" in FORMAT and all(k in FORMAT for k in ("organization", "person", "network"))


def test_documented_example_letter_is_valid():
    # The example in docs/format.md must parse with the real loader.
    example = re.search(r"```markdown\n(---\n.*?)```", FORMAT, flags=re.S).group(1)
    letter, diagnostics = load.parse_letter(example, "letters/2022-07-11-example.md")
    assert [str(d) for d in diagnostics] == []
    assert letter.stated_count == 87
    assert [s.signatory_id for s in letter.signatures][:3] == [
        "gtpm", "aldeas-infantiles-sos-mexico", "imumi"]


def test_documented_example_signatory_is_valid():
    example = re.search(r"`signatories/imumi.yml`:\n\n```yaml\n(.*?)```", FORMAT, flags=re.S)
    record, diagnostics = load.parse_signatory(example.group(1), "signatories/imumi.yml")
    assert [str(d) for d in diagnostics] == []
    assert record.acronyms == ("IMUMI",)
