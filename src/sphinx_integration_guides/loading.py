"""Load YAML or JSON into plain data, keeping the line of every key and item.

The loader is deliberately stricter than ``yaml.safe_load``: duplicate keys,
anchors, aliases, merge keys and custom tags are problems, and size and nesting
depth are capped, so that a small input can never expand into a hang. Every
scalar also keeps the text it was written as, so that a field the schema types
as a string receives ``"7.10"`` for ``version: 7.10``, not ``7.1``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from sphinx_integration_guides.diagnostics import Problem, Subtype

#: Largest data source accepted, in bytes.
MAX_SIZE = 1024 * 1024
#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 64

Path = tuple[str | int, ...]

try:  # libyaml is faster and accepts tab indentation; both loaders are safe.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STANDARD_TAG = re.compile(r"^tag:yaml\.org,2002:(str|int|float|bool|null|map|seq)$")


@dataclass
class Document:
    """Loaded data with the source line of every key, item and scalar text.

    ``lines`` maps a path such as ``("errors", 2, "cause")`` to the 1-based line
    of that key (or list item) in ``source``. ``raw`` maps the path of every
    scalar that was not written as a string to its text as written.
    """

    data: Any
    source: str
    lines: dict[Path, int] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """Return the line of ``path`` or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class LoadError(Exception):
    """Raised inside the loader, turned into a :class:`Problem` by :func:`load`."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def load(
    text: str | bytes, source: str, *, json_syntax: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Load ``text`` as YAML (or JSON with ``json_syntax``), collecting problems.

    Returns the document, or None when the text cannot be loaded; every
    returned problem is fatal for the directive.
    """
    try:
        text = _decode(text)
        if len(text.encode("utf-8", "surrogatepass")) > MAX_SIZE:
            raise LoadError(
                f"the data is larger than the limit of {MAX_SIZE // 1024} KiB; "
                "split it into several directives or files",
                1,
            )
        builder = _JsonBuilder(text) if json_syntax else _YamlBuilder(text)
        document = builder.build(source)
    except LoadError as error:
        problem = Problem(Subtype.YAML, error.message, source, error.line, fatal=True)
        return None, [problem]
    return document, []


def _decode(text: str | bytes) -> str:
    if isinstance(text, str):
        return text
    try:
        decoded = text.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = text.count(b"\n", 0, error.start) + 1
        raise LoadError(
            f"invalid UTF-8 (byte 0x{text[error.start]:02x} at offset "
            f"{error.start}); save the file as UTF-8",
            line,
        ) from None
    return decoded


def field_path(path: Path) -> str:
    """Format a data path as ``errors[2].remediation``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _syntax_message(error: yaml.MarkedYAMLError, text: str) -> tuple[str, int]:
    """Describe a YAML syntax error and return it with the line to report.

    An error found at the end of the input is reported where the unfinished
    construct (a quoted string, a flow list) starts, since the end may lie
    past the directive's body.
    """
    problem = error.problem or "invalid syntax"
    problem_line = error.problem_mark.line + 1 if error.problem_mark else 1
    line = problem_line
    message = f"invalid YAML: {problem}"
    if error.context and error.context_mark:
        context_line = error.context_mark.line + 1
        message += f" ({error.context} that starts at line {context_line})"
        if "end of stream" in problem:
            return f"{message}; close it before the data ends", context_line
    lines = text.splitlines()
    if 0 < problem_line <= len(lines) and "\t" in lines[problem_line - 1]:
        return (
            f"{message}; YAML does not allow tabs for indentation, so indent "
            "with spaces",
            line,
        )
    return f"{message}; fix the syntax at line {problem_line}", line


def _event_line(event: Any) -> int:
    """Return the 1-based line where a parser event starts."""
    return int(event.start_mark.line) + 1


class _YamlBuilder:
    """Build plain data from PyYAML parser events, checking every rule."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.resolver = Resolver()
        self.constructor = SafeConstructor()
        self.document = Document(data=None, source="")

    def build(self, source: str) -> Document:
        self.document.source = source
        events = self._events()
        data: Any = None
        for event in events:
            if isinstance(event, NodeEvent):
                self.document.lines[()] = _event_line(event)
                data = self._node(event, events, (), 1)
                break
        for event in events:
            if isinstance(event, NodeEvent):
                raise LoadError(
                    "the data contains more than one YAML document; remove the "
                    "'---' separator or move the second document elsewhere",
                    _event_line(event),
                )
        self.document.data = data
        return self.document

    def _events(self) -> Any:
        try:
            yield from yaml.parse(self.text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            raise LoadError(*_syntax_message(error, self.text)) from None
        except yaml.YAMLError as error:
            raise LoadError(f"invalid YAML: {error}", 1) from None

    def _node(self, event: Any, events: Any, path: Path, depth: int) -> Any:
        line = _event_line(event)
        if isinstance(event, AliasEvent):
            raise LoadError(
                f"YAML alias '*{event.anchor}' is not supported; repeat the value "
                "or move shared content into a file used with :file:",
                line,
            )
        if event.anchor is not None:
            raise LoadError(
                f"YAML anchor '&{event.anchor}' is not supported; repeat the value "
                "or move shared content into a file used with :file:",
                line,
            )
        if depth > MAX_DEPTH:
            raise LoadError(
                f"the data is nested deeper than {MAX_DEPTH} levels; flatten it",
                line,
            )
        if isinstance(event, ScalarEvent):
            return self._scalar(event, path)
        self._check_tag(event, line)
        if isinstance(event, SequenceStartEvent):
            return self._sequence(events, path, depth)
        return self._mapping(events, path, depth)

    def _check_tag(self, event: Any, line: int) -> str | None:
        tag: str | None = event.tag
        if tag in (None, "!") or _STANDARD_TAG.match(tag):
            return tag
        raise LoadError(
            f"YAML tag '{tag}' is not supported; remove it and write a plain value",
            line,
        )

    def _scalar(self, event: Any, path: Path) -> Any:
        line = _event_line(event)
        tag = self._check_tag(event, line)
        if tag in (None, "!"):
            tag = self.resolver.resolve(  # type: ignore[no-untyped-call]
                ScalarNode, event.value, event.implicit
            )
        if tag == "tag:yaml.org,2002:str":
            return event.value
        self.document.raw[path] = event.value
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        constructors = {
            "tag:yaml.org,2002:int": self.constructor.construct_yaml_int,
            "tag:yaml.org,2002:float": self.constructor.construct_yaml_float,
            "tag:yaml.org,2002:bool": self.constructor.construct_yaml_bool,
            "tag:yaml.org,2002:null": self.constructor.construct_yaml_null,
        }
        construct = constructors.get(tag)
        if construct is None:  # timestamps, binary, sets: keep the written text
            return event.value
        try:
            return construct(node)
        except (ConstructorError, ValueError):
            raise LoadError(
                f"invalid {tag.rsplit(':', 1)[-1]} value '{event.value}'", line
            ) from None

    def _sequence(self, events: Any, path: Path, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in events:
            if isinstance(event, SequenceEndEvent):
                return items
            item_path = (*path, len(items))
            self.document.lines[item_path] = _event_line(event)
            items.append(self._node(event, events, item_path, depth + 1))
        return items  # pragma: no cover - the parser always closes sequences

    def _mapping(self, events: Any, path: Path, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for event in events:
            if isinstance(event, MappingEndEvent):
                return mapping
            line = _event_line(event)
            key = self._key(event, events, path, depth)
            if key == "<<" and isinstance(event, ScalarEvent) and not event.style:
                raise LoadError(
                    "YAML merge key '<<' is not supported; write the keys out or "
                    "move shared content into a file used with :file:",
                    line,
                )
            if key in key_lines:
                raise LoadError(_duplicate_message(path, key, line, key_lines), line)
            key_lines[key] = line
            key_path = (*path, key)
            self.document.lines[key_path] = line
            value_event = next(events)
            mapping[key] = self._node(value_event, events, key_path, depth + 1)
        return mapping  # pragma: no cover - the parser always closes mappings

    def _key(self, event: Any, events: Any, path: Path, depth: int) -> str:
        line = _event_line(event)
        if not isinstance(event, ScalarEvent):
            raise LoadError(
                "a mapping key must be plain text, not a list or mapping", line
            )
        key = self._node(event, events, (*path, "<key>"), depth + 1)
        self.document.raw.pop((*path, "<key>"), None)
        if key is None or isinstance(key, bool | int | float):
            return event.value  # `401:` or `yes:` as a key means the written text
        return str(key)


def _duplicate_message(
    path: Path, key: str, line: int, key_lines: dict[str, int]
) -> str:
    where = f"{field_path(path)}: " if path else ""
    return (
        f"{where}duplicate key '{key}' at line {line}, first defined at line "
        f"{key_lines[key]}; remove one of them"
    )


_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_JSON_WHITESPACE = re.compile(r"[ \t\n\r]*")
#: Decodes one JSON string, escapes included; typeshed does not declare it.
_scan_string: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_JSON_STRING_PROBLEMS = {
    "Invalid control character at": "a string holds a line break or control "
    "character; close the string, or write \\n or \\t",
    "Unterminated string starting at": "a string is never closed; end it with '\"'",
    "Invalid \\escape": "a string holds an invalid escape; write a backslash as \\\\",
}
_JSON_TOKEN = re.compile(r"[A-Za-z0-9_.+-]{1,20}|[^\s]")


class _JsonBuilder:
    """A small JSON parser that records the line of every key and item.

    Python's :mod:`json` keeps no positions, and PyYAML refuses some valid JSON
    (keys over 1024 characters, surrogate pair escapes), so JSON gets its own
    parser. Strings are decoded by :func:`json.decoder.scanstring`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.document = Document(data=None, source="")

    def build(self, source: str) -> Document:
        self.document.source = source
        self._skip_whitespace()
        self.document.lines[()] = self._line()
        self.document.data = self._value((), 1)
        self._skip_whitespace()
        if self.position != len(self.text):
            self._fail(
                f"unexpected {self._next_token()} after the JSON value; remove it"
            )
        return self.document

    def _line(self, position: int | None = None) -> int:
        where = self.position if position is None else position
        return bisect_right(self.newlines, where - 1) + 1

    def _fail(self, message: str) -> None:
        raise LoadError(f"invalid JSON: {message}", self._line())

    def _next_token(self) -> str:
        match = _JSON_TOKEN.match(self.text, self.position)
        return f"'{match.group()}'" if match else "the end of the data"

    def _skip_whitespace(self) -> None:
        match = _JSON_WHITESPACE.match(self.text, self.position)
        if match:
            self.position = match.end()

    def _value(self, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise LoadError(
                f"the data is nested deeper than {MAX_DEPTH} levels; flatten it",
                self._line(),
            )
        char = self.text[self.position : self.position + 1]
        if char == "{":
            return self._object(path, depth)
        if char == "[":
            return self._array(path, depth)
        if char == '"':
            return self._string()
        return self._literal(path)

    def _string(self) -> str:
        try:
            value, end = _scan_string(self.text, self.position + 1)
        except json.JSONDecodeError as error:
            problem = _JSON_STRING_PROBLEMS.get(error.msg, error.msg)
            message = f"invalid JSON: {problem}"
            raise LoadError(message, self._line(error.pos)) from None
        self.position = end
        return value

    def _literal(self, path: Path) -> Any:
        for word, value in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.position):
                self.position += len(word)
                self.document.raw[path] = word
                return value
        match = _JSON_NUMBER.match(self.text, self.position)
        if not match or not match.group():
            self._fail(f"expected a value, found {self._next_token()}")
            raise AssertionError  # pragma: no cover - _fail always raises
        self.position = match.end()
        written = match.group()
        self.document.raw[path] = written
        is_integer = not any(c in written for c in ".eE")
        return int(written) if is_integer else float(written)

    def _object(self, path: Path, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        self.position += 1
        self._skip_whitespace()
        if self.text.startswith("}", self.position):
            self.position += 1
            return mapping
        while True:
            self._skip_whitespace()
            if self.text.startswith("}", self.position) and mapping:
                self._fail("a comma before '}' is not allowed in JSON; remove it")
            if not self.text.startswith('"', self.position):
                self._fail(
                    f"expected a key in double quotes, found {self._next_token()}"
                )
            line = self._line()
            key = self._string()
            if key in key_lines:
                raise LoadError(_duplicate_message(path, key, line, key_lines), line)
            key_lines[key] = line
            self.document.lines[(*path, key)] = line
            self._skip_whitespace()
            if not self.text.startswith(":", self.position):
                self._fail(f"expected ':' after the key, found {self._next_token()}")
            self.position += 1
            self._skip_whitespace()
            mapping[key] = self._value((*path, key), depth + 1)
            if self._separator("}"):
                return mapping

    def _array(self, path: Path, depth: int) -> list[Any]:
        items: list[Any] = []
        self.position += 1
        self._skip_whitespace()
        if self.text.startswith("]", self.position):
            self.position += 1
            return items
        while True:
            self._skip_whitespace()
            if self.text.startswith("]", self.position) and items:
                self._fail("a comma before ']' is not allowed in JSON; remove it")
            item_path = (*path, len(items))
            self.document.lines[item_path] = self._line()
            items.append(self._value(item_path, depth + 1))
            if self._separator("]"):
                return items

    def _separator(self, closing: str) -> bool:
        """Consume ',' (return False) or the closing bracket (return True)."""
        self._skip_whitespace()
        char = self.text[self.position : self.position + 1]
        if char == ",":
            self.position += 1
            return False
        if char == closing:
            self.position += 1
            return True
        self._fail(f"expected ',' or '{closing}', found {self._next_token()}")
        raise AssertionError  # pragma: no cover - _fail always raises
