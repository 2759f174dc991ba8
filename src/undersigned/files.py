"""Writing files so that nothing is ever half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, text: str | bytes | Iterable[str],
                 mode: int | None = None) -> None:
    """Write `text` (a string, pieces of one, or bytes) to `path` through a temporary
    file in the same directory, then one rename: a reader never sees half a file, and
    an interruption leaves nothing behind. Text is written as given (no newline
    translation), so output is byte-reproducible. `mode`, if given, is the file's
    permissions (the temporary file is created private)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as f:
                f.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                if isinstance(text, str):
                    f.write(text)
                else:
                    f.writelines(text)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
