"""Doctree snapshots: the XML of a directive's output, compared with a stored file.

A test fails when the output differs from ``tests/snapshots/<name>`` in any
character, trailing spaces included, because a space at the end of a text
node is part of the output. After a deliberate change of the output, edit
the snapshot by hand, or run the tests once with ``UPDATE_SNAPSHOTS=1``:
that run rewrites the files and fails, so the diff is read before it is
committed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

SNAPSHOTS = Path(__file__).parent / "snapshots"


def resolved_doctree(app: SphinxTestApp, docname: str) -> nodes.document:
    """Return the stored doctree of ``docname`` with references resolved.

    This is what the writers receive, without the toctree expansion that
    ``get_and_resolve_doctree`` adds. That method takes a ``tags`` argument
    from Sphinx 9.0 on, which Sphinx 8.2 rejects, and warns when it is
    missing, so the two steps are done here directly.
    """
    doctree = app.env.get_doctree(docname)
    app.env.apply_post_transforms(doctree, docname)
    return doctree


def first_block(doctree: nodes.document, css_class: str) -> nodes.Element:
    """Return the first element that carries ``css_class``."""
    for node in doctree.findall(nodes.Element):
        if css_class in node.get("classes", []):
            return node
    raise AssertionError(f"no element with class {css_class!r} in the doctree")


def doctree_xml(elements: Iterable[nodes.Element], srcdir: Path) -> str:
    """Return the elements as indented XML, with the source directory replaced."""
    parts = [element.asdom().toprettyxml(indent="  ") for element in elements]
    return "".join(parts).replace(str(srcdir), "<srcdir>")


def assert_matches_snapshot(name: str, xml: str) -> None:
    """Compare ``xml`` with the stored snapshot ``name``."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(xml, encoding="utf-8")
        pytest.fail(f"rewrote {path}; read its diff, then run without "
                    "UPDATE_SNAPSHOTS")
    assert path.is_file(), f"no snapshot {path}; write it, or run once with " \
        "UPDATE_SNAPSHOTS=1"
    assert xml == path.read_text(encoding="utf-8")
