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


def test_cli_reference_is_up_to_date():
    from undersigned.cli import reference_markdown

    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference_markdown(), (
        "docs/cli.md is stale: run `python -m undersigned.cli_reference > docs/cli.md`")


def test_every_command_and_option_has_help():
    import argparse

    from undersigned.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sub.choices, "no commands registered"
    for name, p in sub.choices.items():
        assert p.description, f"undersigned {name} has no HELP"
        for a in p._actions:
            assert a.help, f"undersigned {name}: {a.option_strings or a.dest} has no help="


def test_documented_decisions_example_is_valid():
    from undersigned.decisions import parse_decisions

    example = re.search(r"```csv\n(left,right,judgement,note\n.*?)```", FORMAT, flags=re.S)
    decisions, diagnostics = parse_decisions(example.group(1))
    assert [str(d) for d in diagnostics] == []
    assert len(decisions.rows) == 2


def test_readme_example_letter_is_valid():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(---\n.*?)```", readme, flags=re.S).group(1)
    letter, diagnostics = load.parse_letter(example, "letters/2022-07-11-example.md")
    assert [str(d) for d in diagnostics] == []
    assert [s.printed for s in letter.signatures] == [
        "Grupo de Trabajo Sobre Política Migratoria-GTPM",
        "IMUMI Instituto para las Mujeres en la Migración"]
