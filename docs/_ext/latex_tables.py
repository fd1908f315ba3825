"""Let the guides' tables break across PDF pages.

A LaTeX table that does not fit on the rest of a page moves whole to the
next one, leaving most of the page blank. Sphinx sets a table with the
``longtable`` class in the longtable package, which breaks it across pages.
In LaTeX builds, this extension gives that class to every table of the
integration-guide directives.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


def _use_longtable(app: Any, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    for table in doctree.findall(nodes.table):
        if "ig-table" in table["classes"] and "longtable" not in table["classes"]:
            table["classes"].append("longtable")


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-resolved", _use_longtable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
