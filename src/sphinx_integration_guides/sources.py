"""Data sources of a directive: its body or a ``:file:``."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinx_integration_guides.diagnostics import Problem, Subtype

DATA_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class DataSource:
    """The text of a directive's data and where its lines come from.

    For a body, ``path`` is None and lines are mapped through the directive.
    For a ``:file:``, ``path`` is the absolute file path and line 1 is the
    file's first line.
    """

    text: str | bytes
    path: Path | None
    is_json: bool = False


def resolve_file(
    argument: str, document_source: str, current_source: str, srcdir: str
) -> tuple[Path | None, Problem | None]:
    """Resolve a ``:file:`` argument like ``literalinclude`` does.

    A relative path is relative to the document being built, also when the
    directive sits in an ``.. include::``d fragment; a leading ``/`` means the
    source directory. When the file is missing but exists next to the
    fragment, the warning names the path that works. Paths that leave the
    source directory are rejected. Returns the path, or None and the problem.
    """
    text = argument.strip()
    source_dir = Path(srcdir).resolve()
    candidate = looked_for(text, document_source, srcdir)
    if not candidate.is_relative_to(source_dir):
        return None, _file_problem(
            f":file: '{text}' points outside the source directory; move the file "
            "into the project and give a path inside it"
        )
    if candidate.is_dir():
        return None, _file_problem(
            f":file: '{text}' is a directory; give the path of a .yaml, .yml or "
            ".json data file"
        )
    if candidate.suffix.lower() not in DATA_SUFFIXES:
        return None, _file_problem(
            f":file: '{text}' is not a data file; use a .yaml, .yml or .json file"
        )
    if not candidate.is_file():
        hint = _fragment_hint(text, current_source, source_dir)
        looked = candidate.relative_to(source_dir).as_posix()
        return None, _file_problem(
            f":file: '{text}' not found (looked for '{looked}' in the source "
            "directory); paths are "
            "relative to the document, or to the source directory when they start "
            f"with '/'{hint}"
        )
    return candidate, None


def looked_for(argument: str, document_source: str, srcdir: str) -> Path:
    """Return the absolute path a ``:file:`` argument names, existing or not."""
    text = argument.strip()
    if text.startswith("/"):
        return (Path(srcdir).resolve() / text.lstrip("/")).resolve()
    return (Path(document_source).resolve().parent / text).resolve()


def awaited_file(argument: str, document_source: str, srcdir: str) -> Path | None:
    """Return the data file a ``:file:`` argument names when it does not exist yet.

    Returns None when the path is outside the source directory, is not a data
    file, or exists.
    """
    candidate = looked_for(argument, document_source, srcdir)
    if (
        candidate.is_relative_to(Path(srcdir).resolve())
        and candidate.suffix.lower() in DATA_SUFFIXES
        and not candidate.exists()
    ):
        return candidate
    return None


def _file_problem(message: str) -> Problem:
    return Problem(Subtype.FILE, message, fatal=True)


def _fragment_hint(argument: str, current_source: str, source_dir: Path) -> str:
    """Name the working path when the file sits next to an included fragment."""
    if argument.startswith("/"):
        return ""
    beside = (Path(current_source).resolve().parent / argument).resolve()
    if beside.is_file() and beside.is_relative_to(source_dir):
        relative = beside.relative_to(source_dir).as_posix()
        return (
            "; the file exists next to the included file, so write "
            f"':file: /{relative}'"
        )
    return ""


def read_file(path: Path) -> tuple[bytes | None, Problem | None]:
    """Read a data file as bytes (decoded by the loader, which reports bad UTF-8)."""
    try:
        return path.read_bytes(), None
    except OSError as error:
        return None, Problem(
            Subtype.FILE,
            f":file: '{path}' cannot be read ({error.strerror}); check its permissions",
            fatal=True,
        )


def myst_dash_body(block_text: str) -> str | None:
    """Return the YAML of a MyST directive whose body starts with a ``---`` line.

    MyST reads such a body as the directive's option block, up to the next
    ``---`` line or the closing fence. ``block_text`` is the whole directive,
    from the opening fence to the closing one. Returns None for other bodies.
    """
    lines = block_text.splitlines()
    if len(lines) < 3 or lines[1].rstrip() != "---":
        return None
    body = lines[2:-1]
    for index, line in enumerate(body):
        if line.startswith("---"):
            return "\n".join(body[:index])
    return "\n".join(body)


def starts_with_dashes(block_text: str) -> bool:
    """Tell whether a MyST directive's body starts with a ``---`` line."""
    lines = block_text.splitlines()
    return len(lines) > 1 and lines[1].rstrip() == "---"


def is_option_block(
    keys: Collection[str], options: Collection[str], properties: Collection[str]
) -> bool:
    """Tell whether a MyST ``---`` block's keys are meant as directive options.

    They are when none is a top-level key of the data and one is an option
    or close to one (a misspelled ``fiel``).
    """
    if any(key in properties for key in keys):
        return False
    return any(key in options or _closest(key, options) for key in keys)


def unknown_option_message(
    key: str, options: Sequence[str], in_dash_block: bool
) -> str:
    """Describe an unknown option, with the likely one or the ``---`` rule."""
    close = _closest(key, options)
    if close is not None:
        return f"unknown option ':{key}:'; did you mean ':{close}:'?"
    if in_dash_block:
        return (
            f"unknown option ':{key}:'; MyST reads the lines between a body's "
            "first two '---' lines as the directive's options, not as data; "
            "remove the '---' lines, or put the data in the body after them"
        )
    known = ", ".join(f":{option}:" for option in sorted(options))
    return f"unknown option ':{key}:'; use one of: {known}"


def _closest(key: str, options: Collection[str]) -> str | None:
    close = difflib.get_close_matches(key, list(options), n=1, cutoff=0.6)
    return close[0] if close else None
