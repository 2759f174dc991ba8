"""How diagnostics are printed: for a terminal, and as GitHub workflow commands.

Paths and messages carry contributed text (a file name, a printed name quoted in a
message). A control character in them must reach neither a terminal (`ESC [`
sequences rewrite what the reader sees, a carriage return hides the start of a
line) nor GitHub's log, where a line break followed by `::` would be read as a
second workflow command, forged by the contributor.
"""

from __future__ import annotations

import unicodedata

# Characters that do not print as themselves: controls (ESC, CR, LF, BEL), format
# characters (bidi overrides, zero-width), surrogates, private use, unassigned, and
# the line and paragraph separators that some terminals and viewers break lines at.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, keep: str = "") -> str:
    """`text` with every unsafe character written as a Python escape (`\\n`, `\\x1b`,
    `\\u202e`), so it shows what is there instead of acting on the display;
    characters in `keep` are left as they are (the caller escapes them its own way)."""
    if text.isprintable():  # the common case, checked in C
        return text
    out = []
    for ch in text:
        if ch in keep or unicodedata.category(ch) not in _UNSAFE:
            out.append(ch)
        elif ch in _SHORT:
            out.append(_SHORT[ch])
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)


# GitHub's escaping (actions/toolkit `command.ts`, undone by the runner's
# `ActionCommand.TryParseV2`): `%` first, so that an escape is never escaped twice.
def escape_data(text: str) -> str:
    """The message of a workflow command: one line, whatever `text` holds."""
    text = printable(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (`file=...`): also no `:` (which would end the properties
    early, `::`) and no `,` (which would start another property)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, path: str, line: int, message: str) -> str:
    """One diagnostic as a workflow command: `::error file=PATH,line=N::MESSAGE`; GitHub
    shows it on that line of the pull request's diff."""
    return (f"::{level} file={escape_property(path)},line={max(line, 1)}::"
            f"{escape_data(message)}")
