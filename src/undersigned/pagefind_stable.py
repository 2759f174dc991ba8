"""Make Pagefind's output byte-reproducible.

Pagefind 1.5 writes its filter indexes from Rust hash maps, so the order of
filter values (and of the filters in the metadata file) changes from run to
run, and with it the files' hashed names (Pagefind issue #638: fragments were
made stable, filter and metadata files were not). This rewrites those files
in a canonical order: filter values sorted, filters sorted by name, names
derived from the new contents, `pagefind-entry.json` updated to match.

The files are gzip-compressed CBOR after an 12-byte `pagefind_dcd` signature.
A file is only rewritten if decoding and re-encoding it unchanged reproduces
its bytes exactly, so an unexpected format is left as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class _Unsupported(Exception):
    pass


def _decode(data: bytes, i: int = 0):
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[i:i + size], "big")
        i += size
    else:
        raise _Unsupported(f"indefinite or reserved length {info}")
    if major == 0:
        return arg, i
    if major == 1:
        return -1 - arg, i
    if major == 2:
        return bytes(data[i:i + arg]), i + arg
    if major == 3:
        return data[i:i + arg].decode("utf-8"), i + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    if major == 5:
        pairs = []
        for _ in range(arg):
            k, i = _decode(data, i)
            v, i = _decode(data, i)
            pairs.append((k, v))
        return _Map(pairs), i
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], i
    if major == 7 and info == 26:
        return _F32(struct.unpack(">f", data[i - 4:i])[0]), i
    raise _Unsupported(f"major type {major}")


class _Map(list):
    """A CBOR map kept as its (key, value) pairs, in order."""


class _F32(float):
    """A CBOR single-precision float."""


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise _Unsupported("integer too large")


def _encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, _F32):
        return b"\xfa" + struct.pack(">f", value)
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise _Unsupported(type(value).__name__)


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise _Unsupported("no signature")
    body = raw[len(SIGNATURE):]
    value, end = _decode(body)
    if end != len(body) or _encode(value) != body:
        raise _Unsupported("does not round-trip")
    return value


def _write(path: Path, value) -> str:
    body = SIGNATURE + _encode(value)
    # mtime=0 and no file name: the gzip header carries no build-specific bytes.
    path.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    return hashlib.sha1(body).hexdigest()


def stabilise(bundle: Path) -> bool:
    """Rewrite a Pagefind bundle's filter and metadata files canonically; False if skipped."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    try:
        plans = []
        for lang, info in entry["languages"].items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _read(meta_path)
            filters = {p.stem: _read(p) for p in sorted((bundle / "filter").glob(f"{lang}_*"))}
            plans.append((lang, info, meta_path, meta, filters))
    except (_Unsupported, OSError, ValueError, IndexError, KeyError):
        return False

    fresh = bundle / "filter.new"
    fresh.mkdir()
    for lang, info, meta_path, meta, filters in plans:
        renamed: dict[str, str] = {}
        for old, value in filters.items():
            name, values = value
            value = [name, sorted(values, key=lambda v: v[0])]
            tmp = fresh / f"{old}.tmp"
            new = f"{lang}_{_write(tmp, value)[:7]}"
            renamed[old] = new
            tmp.rename(fresh / f"{new}.pf_filter")
        meta = _replace(meta, renamed)
        tmp = bundle / "meta.tmp"
        digest = _write(tmp, meta)
        meta_path.unlink()
        info["hash"] = f"{lang}_{digest[:10]}"
        tmp.rename(bundle / f"pagefind.{info['hash']}.pf_meta")
    shutil.rmtree(bundle / "filter")
    fresh.rename(bundle / "filter")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    return True


def _replace(value, renamed: dict[str, str]):
    """Swap old filter hashes for new ones, and sort the [name, hash] list of filters."""
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, _Map):
        return _Map((_replace(k, renamed), _replace(v, renamed)) for k, v in value)
    if isinstance(value, list):
        items = [_replace(v, renamed) for v in value]
        if items and all(isinstance(v, list) and len(v) == 2 and isinstance(v[1], str)
                         and v[1] in renamed.values() for v in items):
            items.sort(key=lambda v: v[0])
        return items
    return value
