"""Small writers of reStructuredText markup for the plain twin of a guide."""

from __future__ import annotations

from collections.abc import Sequence

Cell = Sequence[str]


def indent(lines: Sequence[str], width: int) -> list[str]:
    pad = " " * width
    return [pad + line if line else "" for line in lines]


def list_table(
    title: str,
    widths: Sequence[int],
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
) -> list[str]:
    """Return a ``list-table`` with a header row; each cell is a list of lines."""
    lines = [
        f".. list-table:: {title}",
        "   :header-rows: 1",
        f"   :widths: {' '.join(str(width) for width in widths)}",
        "   :class: ig-table",
        "",
    ]
    for row in [[[text] for text in header], *rows]:
        for column, cell in enumerate(row):
            marker = "   * - " if column == 0 else "     - "
            if not cell:
                lines.append(marker.rstrip())
                continue
            lines.append(marker + cell[0])
            lines.extend(indent(cell[1:], 7))
    lines.append("")
    return lines


def code_block(code: str, language: str) -> list[str]:
    return [
        f".. code-block:: {language}",
        "",
        *indent(code.rstrip("\n").split("\n"), 3),
        "",
    ]


def enumerated(items: Sequence[Cell]) -> list[str]:
    """Return an arabic enumerated list; each item is a list of lines."""
    lines: list[str] = []
    for number, item in enumerate(items, start=1):
        prefix = f"{number}. "
        lines.append(prefix + item[0])
        lines.extend(indent(item[1:], len(prefix)))
    return lines


def bullets(items: Sequence[str]) -> list[str]:
    return [f"- {item}" for item in items]


def object_marks(label: str, entries: Sequence[str]) -> list[str]:
    """Return a label and index entries, the plain form of a guide object."""
    lines = [f".. _{label}:", "", ".. index::"]
    lines.extend(f"   single: {entry}" for entry in entries)
    lines.append("")
    return lines


def literal(text: str) -> str:
    return f"``{text}``"
