"""A strict YAML reader for untrusted front matter and registry files.

PyYAML's SafeLoader still guesses types (`NO` is False, `012345` is 5349),
lets a duplicate key silently win, and expands aliases (a few hundred bytes
can explode when walked). Here every scalar is a string, anchors, aliases and
explicit tags are refused, duplicate keys are errors, and nesting and size are
capped. The result carries the line of every value so a schema can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

try:  # libyaml's event parser: same events and marks, about 7x faster than pure Python
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None

MAX_BYTES = 64 * 1024
MAX_DEPTH = 20
_YAML_ONLY_BREAKS = {"\r": "CARRIAGE RETURN", "\x85": "NEXT LINE (NEL)",
                     "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
# A carriage return is a line break of its own only when no line feed follows it.
_YAML_ONLY_BREAKS_RE = re.compile("\r(?!\n)|[\x85\u2028\u2029]")

Path = tuple  # a path of keys and indexes into the loaded value


class YamlError(Exception):
    """Raised with a 1-based line number relative to the YAML text."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Loaded:
    value: object
    lines: dict  # Path -> 1-based line of the value (for mappings: of the key)

    def line(self, *path) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


class Lines(Mapping):
    """The lines of a YAML text's values ({path: line}, shifted by `offset`), found by
    parsing the text again the first time one is asked for.

    Only diagnostics need them, and a letter's front matter has one per value: held
    as dicts for 10,000 letters (8 million paths) they were half the memory after
    load; the text alone is a tenth of that. The text parsed once, so it parses again.
    """

    __slots__ = ("_text", "_offset", "_lines")

    def __init__(self, text: str, offset: int = 0):
        self._text = text
        self._offset = offset
        self._lines: dict | None = None

    def _all(self) -> dict:
        if self._lines is None:
            found = load(self._text).lines
            self._lines = {k: v + self._offset for k, v in found.items()} \
                if self._offset else found
        return self._lines

    def __getitem__(self, key) -> int:
        return self._all()[key]

    def __iter__(self) -> Iterator:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class _Checks:
    """Composition with our refusals, over any event source (pure Python or libyaml).

    Only the scanner and parser come from libyaml: composition stays in Python
    (PyYAML's Composer) so anchors, aliases and depth are refused here, before
    any node is built, and libyaml's recursive C composer (which segfaults on
    deep nesting) is never used.
    """

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise YamlError(line, "YAML aliases (*name) are not allowed: write the value out")
        if getattr(event, "anchor", None) is not None:
            raise YamlError(line, "YAML anchors (&name) are not allowed: write the value out")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlError(line, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


class _PyLoader(_Checks, Reader, Scanner, Parser, Composer, BaseResolver):
    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self._depth = 0


def _plain(node: Node, path: Path, lines: dict) -> object:
    lines[path] = node.start_mark.line + 1
    # With BaseResolver every untagged node gets the default tag of its shape,
    # so any other tag was written explicitly (!!int, !!python/object, !foo).
    expected = {ScalarNode: "str", SequenceNode: "seq", MappingNode: "map"}[type(node)]
    if node.tag != f"tag:yaml.org,2002:{expected}":
        raise YamlError(node.start_mark.line + 1, f"YAML tag {node.tag!r} is not allowed")
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [_plain(child, path + (i,), lines) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        out: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlError(key_node.start_mark.line + 1, "a mapping key must be plain text")
            key = key_node.value
            if key == "<<":
                raise YamlError(key_node.start_mark.line + 1,
                                "YAML merge keys (<<) are not allowed")
            if key in out:
                raise YamlError(
                    key_node.start_mark.line + 1,
                    f"duplicate key {key!r}: each field may appear once",
                )
            out[key] = _plain(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    raise YamlError(node.start_mark.line + 1, "unsupported YAML node")


def load(text: str) -> Loaded:
    """Parse one YAML document strictly. Raises YamlError with a 1-based line."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlError(1, f"YAML larger than {MAX_BYTES // 1024} KiB is not allowed")
    found = _YAML_ONLY_BREAKS_RE.search(text)
    if found:
        # YAML (both parsers) and str.splitlines() start a new line at these; git,
        # diffs and editors do not: every line number after one would be wrong.
        at = found.start()
        raise YamlError(text[:at].count("\n") + 1,
                        f"the character U+{ord(text[at]):04X} {_YAML_ONLY_BREAKS[text[at]]} is "
                        "not allowed: YAML reads it as a line break where git and editors see "
                        "none; delete it, or use a plain line break")
    if "\ufeff" in text:
        # libyaml skips byte order marks that the Python reader keeps as text: the same
        # file would read differently depending on the parser (the loader already
        # removes the one a file may start with).
        line = text[: text.index("\ufeff")].count("\n") + 1
        raise YamlError(line, "a byte order mark (U+FEFF) is not allowed here; delete it")
    if CParser is not None:
        loader = CParser(text)
        try:
            return _load_events(loader)
        except Exception:
            # Any refusal is reported by the pure-Python path below, so messages and
            # lines never depend on libyaml's wording; only valid input takes the fast path.
            pass
        finally:
            loader.dispose()
    return _load_python(text)


_PLAIN_TAGS = (None, "tag:yaml.org,2002:str")
_SEQ_TAGS = (None, "tag:yaml.org,2002:seq")
_MAP_TAGS = (None, "tag:yaml.org,2002:map")


def _load_events(parser) -> Loaded:
    """Build plain values straight from libyaml's events: no nodes, one pass.

    PyYAML's Composer builds a Node per value and resolves each of them; at
    10,000 letters that was most of the load time. This only accepts what the
    strict rules accept and raises on anything else, leaving the pure-Python
    path to word the error, so both paths read valid input identically
    (tests/test_properties.py compares them).
    """
    from yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    lines: dict = {}
    # Each frame: [container, path, pending key (mappings), pending key line]; `frame`
    # is the innermost (stack[-1]), None at the top level.
    stack: list[list] = []
    frame: list | None = None
    root: object = None
    documents = 0
    get_event = parser.get_event
    # Scalars first, with their own branch: most events are scalars, and this loop ran
    # for every value of every file (a third of the load's CPU at 10,000 letters).
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag not in _PLAIN_TAGS:
                raise ValueError("scalar")
            value: object = event.value
            if frame is None:
                root = value
                lines[()] = event.start_mark.line + 1
                continue
            parent = frame[0]
            if type(parent) is list:
                lines[frame[1] + (len(parent),)] = event.start_mark.line + 1
                parent.append(value)
            elif frame[2] is None:
                # A key: only plain text, once, and never a merge key.
                if value == "<<" or value in parent:
                    raise ValueError("key")
                frame[2] = value
                frame[3] = event.start_mark.line + 1
            else:
                key = frame[2]
                parent[key] = value
                lines[frame[1] + (key,)] = frame[3]
                frame[2] = None
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                raise ValueError("anchor")
            if event.tag not in (_MAP_TAGS if kind is MappingStartEvent else _SEQ_TAGS):
                raise ValueError("tag")
            if len(stack) >= MAX_DEPTH:
                raise ValueError("depth")
            value = {} if kind is MappingStartEvent else []
            if frame is None:
                path: tuple = ()
                root = value
                lines[path] = event.start_mark.line + 1
            else:
                parent = frame[0]
                if type(parent) is list:
                    path = frame[1] + (len(parent),)
                    parent.append(value)
                    lines[path] = event.start_mark.line + 1
                elif frame[2] is None:
                    raise ValueError("key")  # a mapping or a list as a key
                else:
                    # The composer records the value's line, then the key's wins.
                    path = frame[1] + (frame[2],)
                    parent[frame[2]] = value
                    lines[path] = frame[3]
                    frame[2] = None
            frame = [value, path, None, 0]
            stack.append(frame)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            frame = stack[-1] if stack else None
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise ValueError("documents")
        elif kind is StreamEndEvent:
            return Loaded(root, lines)
        elif kind is not StreamStartEvent and kind is not DocumentEndEvent:
            raise ValueError("event")  # an alias


def _load_python(text: str) -> Loaded:
    try:
        # The reader refuses control characters as soon as it is built.
        loader = _PyLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise YamlError(line, f"character U+{exc.character:04X} is not allowed in YAML; "
                              "delete it") from None
    try:
        node = loader.get_single_node()
        lines: dict = {}
        value = None if node is None else _plain(node, (), lines)
        return Loaded(value, lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(line, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlError(1, "YAML nested too deeply") from None
    except (ValueError, OverflowError):
        # PyYAML's scanner calls chr() on a "\U..." escape without a range check.
        line = loader.get_mark().line + 1
        raise YamlError(line, "invalid escape sequence in a double-quoted YAML value; "
                              "write the character itself") from None
    finally:
        loader.dispose()
