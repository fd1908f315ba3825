"""The downloadable form of a test script: file name, comments, case order.

A script file contains the setup and then every case in order, each headed by
a comment in the language's own syntax. ``http`` scripts separate their
requests with ``###`` lines, as ``.http`` files of REST clients do.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pygments.lexers import find_lexer_class_by_name  # type: ignore[import-untyped]
from pygments.util import ClassNotFound  # type: ignore[import-untyped]

from sphinx_integration_guides.i18n import _

#: File extensions of common test-script languages, by lexer alias.
EXTENSIONS = {
    "bash": ".sh", "sh": ".sh", "shell": ".sh", "zsh": ".sh", "ksh": ".sh",
    "python": ".py", "py": ".py", "python3": ".py", "py3": ".py",
    "http": ".http", "javascript": ".js", "js": ".js", "node": ".js",
    "typescript": ".ts", "ts": ".ts", "ruby": ".rb", "rb": ".rb",
    "powershell": ".ps1", "pwsh": ".ps1", "ps1": ".ps1", "go": ".go",
    "php": ".php", "java": ".java", "kotlin": ".kt", "csharp": ".cs",
    "rust": ".rs", "sql": ".sql", "console": ".txt", "text": ".txt", "none": ".txt",
}

#: Line-comment markers by lexer alias; any other language uses ``#``.
_SLASH_LANGUAGES = frozenset({
    "javascript", "js", "node", "typescript", "ts", "go", "java", "kotlin",
    "csharp", "c#", "c", "cpp", "c++", "rust", "php", "scala", "swift", "dart",
    "groovy",
})
_DASH_LANGUAGES = frozenset({"sql", "postgresql", "mysql", "lua", "haskell"})


class Expected(NamedTuple):
    """One expectation: a label, the value as text, and whether to quote it."""

    label: str
    value: str
    quoted: bool = True

    def sentence(self) -> str:
        value = quote(self.value) if self.quoted else self.value
        return f"{self.label} {value}"


@dataclass(frozen=True)
class Expectation:
    """The results a passing run of a case shows; every field is optional."""

    status: int | None = None
    exit_code: int | None = None
    contains: list[str] = field(default_factory=list)
    not_contains: list[str] = field(default_factory=list)
    output: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None
    has_json: bool = False

    def items(self) -> list[Expected]:
        """Return one labelled value per expectation, json last."""
        found = []
        if self.status is not None:
            found.append(Expected(_("HTTP status"), str(self.status), quoted=False))
        if self.exit_code is not None:
            found.append(Expected(_("exit code"), str(self.exit_code), quoted=False))
        found += [Expected(_("output contains"), text) for text in self.contains]
        found += [Expected(_("output does not contain"), text)
                  for text in self.not_contains]
        if self.output is not None:
            found.append(Expected(_("output is exactly"), self.output))
        found += [Expected(_("header"), f"{name}: {value}", quoted=False)
                  for name, value in self.headers.items()]
        if self.has_json:
            body = json.dumps(self.json, ensure_ascii=False)
            found.append(Expected(_("JSON body includes"), body, quoted=False))
        return found


@dataclass(frozen=True)
class Case:
    """One test case; ``path`` is its place in the YAML data."""

    name: str
    kind: str
    script: str
    expect: Expectation
    path: tuple[str | int, ...]
    description: str = ""

    def badge(self) -> str:
        """Return the kind in words, or as written for a kind an extension adds."""
        if self.kind == "success":
            return _("success case")
        if self.kind == "error":
            return _("error case")
        return self.kind


def quote(text: str) -> str:
    """Return ``text`` in a quote mark it lacks, or JSON-escaped if it has both."""
    if '"' not in text and "\n" not in text:
        return f'"{text}"'
    if "'" not in text and "\n" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def file_extension(language: str) -> str:
    """Return the usual file extension for scripts in ``language``."""
    name = language.lower()
    if name in EXTENSIONS:
        return EXTENSIONS[name]
    try:
        lexer = find_lexer_class_by_name(name)
    except ClassNotFound:
        return ".txt"
    for pattern in lexer.filenames:
        if pattern.startswith("*.") and not any(c in pattern[2:] for c in "*?[]"):
            return str(pattern[1:])
    return ".txt"


def comment(language: str, text: str) -> str:
    """Return ``text`` as a line comment of ``language``."""
    name = language.lower()
    marker = "#"
    if name in _SLASH_LANGUAGES:
        marker = "//"
    elif name in _DASH_LANGUAGES:
        marker = "--"
    return "\n".join(f"{marker} {line}".rstrip() for line in text.splitlines() or [""])


def assemble(title: str, language: str, setup: str, cases: Sequence[Case]) -> str:
    """Return the whole script: a title, the setup, then every case in order."""
    is_http = language.lower() == "http"
    parts = [comment(language, title)]
    if setup:
        head = f"### {_('Setup')}" if is_http else comment(language, _("Setup"))
        parts.append(f"{head}\n{setup.rstrip()}")
    for number, case in enumerate(cases, start=1):
        heading = f"{number}. {case.name} ({case.badge()})"
        head = f"### {heading}" if is_http else comment(language, heading)
        expected = [f"- {item.sentence()}" for item in case.expect.items()]
        if expected:
            head += "\n" + comment(language, "\n".join([_("Expected:"), *expected]))
        parts.append(f"{head}\n{case.script.rstrip()}")
    return "\n\n".join(parts) + "\n"
