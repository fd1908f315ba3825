"""Build docutils tables from rows of nodes, with widths and a caption."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from docutils import nodes

#: Content of one table cell: text, one node, or several nodes.
Cell: TypeAlias = nodes.Node | str | Sequence[nodes.Node]


def cell_entry(content: Cell) -> nodes.entry:
    """Wrap text or nodes in a table cell, inline content in a paragraph."""
    entry = nodes.entry()
    children: Sequence[nodes.Node]
    if isinstance(content, str):
        children = [nodes.Text(content)] if content else []
    elif isinstance(content, nodes.Node):
        children = [content]
    else:
        children = content
    inline: list[nodes.Node] = []
    for child in children:
        if isinstance(child, nodes.Inline | nodes.Text):
            inline.append(child)
            continue
        if inline:
            entry += nodes.paragraph("", "", *inline)
            inline = []
        entry += child
    if inline:
        entry += nodes.paragraph("", "", *inline)
    return entry


def build_table(
    headers: Sequence[Cell],
    widths: Sequence[int],
    rows: Sequence[Sequence[Cell]],
    *,
    title: Sequence[nodes.Node] | None = None,
    title_text: str = "",
    row_ids: Sequence[str | None] | None = None,
) -> nodes.table:
    """Return a table with a header row and, when given, a caption.

    ``widths`` are relative column widths. The ``colwidths-given`` class
    makes the HTML writers emit them as a ``<colgroup>`` of percentages
    (docutils leaves the class out of the written ``class`` attribute).
    LaTeX output takes its widths from the spec :mod:`.latex` sets, which
    Sphinx prefers to this class.
    """
    table = nodes.table(classes=["ig-table", "colwidths-given"])
    if title is not None:
        table += nodes.title(title_text, "", *title)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    header_row = nodes.row()
    for header in headers:
        header_row += cell_entry(header)
    head += header_row
    body = nodes.tbody()
    group += body
    for index, cells in enumerate(rows):
        row = nodes.row()
        if row_ids and row_ids[index]:
            row["ids"].append(row_ids[index])
        for content in cells:
            row += cell_entry(content)
        body += row
    return table
