"""Diagnostics as GitHub workflow commands (`undersigned check --format github`).

Paths and messages carry contributed text (a file name, a printed name quoted in a
message). In GitHub's log a line break followed by `::` would be read as a second
workflow command, forged by the contributor; so each diagnostic is one command,
with GitHub's own escapes for `%`, line breaks and (in properties) `:` and `,`, and
every other control character written as `models.escape_controls` writes it for a
terminal.
"""

from __future__ import annotations

import re

from .models import escape_controls

# GitHub's escaping (actions/toolkit `command.ts`, undone by the runner's
# `ActionCommand.TryParseV2`): `%` first, so that an escape is never escaped twice.
_LINE_BREAKS = {"\r": "%0D", "\n": "%0A"}


def escape_data(text: str) -> str:
    """The message of a workflow command: one line, whatever `text` holds. A line
    break keeps GitHub's escape, which the annotation shows as a line break."""
    return "".join(_LINE_BREAKS.get(part) or escape_controls(part).replace("%", "%25")
                   for part in re.split(r"([\r\n])", text))


def escape_property(text: str) -> str:
    """A property value (`file=...`): also no `:` (which would end the properties
    early, `::`) and no `,` (which would start another property)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, path: str, line: int, message: str) -> str:
    """One diagnostic as a workflow command: `::error file=PATH,line=N::MESSAGE`; GitHub
    shows it on that line of the pull request's diff."""
    return (f"::{level} file={escape_property(path)},line={max(line, 1)}::"
            f"{escape_data(message)}")
