"""Guide objects declared inside table cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

from sphinx_integration_guides.directives.base import declare_object

if TYPE_CHECKING:
    from docutils import nodes

    from sphinx_integration_guides.directives.base import GuideDirective
    from sphinx_integration_guides.loading import Path


def cell_marks(
    directive: GuideDirective, objtype: str, name: str, path: Path
) -> list[nodes.Node]:
    """Declare an object and return its target and index node for a cell's text.

    The index node is marked inline because the LaTeX writer starts a new
    paragraph before a block-level index entry, which would push the name
    one line below the rest of its table row.
    """
    _anchor, marks = declare_object(directive, objtype, name, path)
    for mark in marks:
        if isinstance(mark, addnodes.index):
            mark["inline"] = True
    return marks
