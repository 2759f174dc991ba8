"""Print docs/cli.md: `python -m undersigned.cli_reference > docs/cli.md`."""

from .cli import reference_markdown

if __name__ == "__main__":
    print(reference_markdown(), end="")
