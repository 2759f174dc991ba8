"""The CBOR codec of Pagefind's files (gzip-compressed, after a `pagefind_dcd` signature).

Only what Pagefind 1.5 writes: integers, strings, arrays, maps (kept as their
pairs, in order), booleans, null and single-precision floats. Anything else is
`Unsupported`, so search_index falls back to Pagefind's own output (another
Pagefind version is refused before its files are read: search_index.check_version).
"""

from __future__ import annotations

import struct

SIGNATURE = b"pagefind_dcd"


class Unsupported(Exception):
    pass


def decode(data: bytes, i: int = 0):
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
        raise Unsupported(f"indefinite or reserved length {info}")
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
            item, i = decode(data, i)
            items.append(item)
        return items, i
    if major == 5:
        pairs = []
        for _ in range(arg):
            k, i = decode(data, i)
            v, i = decode(data, i)
            pairs.append((k, v))
        return CborMap(pairs), i
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], i
    if major == 7 and info == 26:
        return F32(struct.unpack(">f", data[i - 4:i])[0]), i
    raise Unsupported(f"major type {major}")


class CborMap(list):
    """A CBOR map kept as its (key, value) pairs, in order."""


class F32(float):
    """A CBOR single-precision float."""


def head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise Unsupported("integer too large")


def encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, F32):
        return b"\xfa" + struct.pack(">f", value)
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(3, len(raw)) + raw
    if isinstance(value, CborMap):
        return head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(encode(v) for v in value)
    raise Unsupported(type(value).__name__)
