"""Doctree snapshots: one directive's output as XML, compared exactly."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

SNAPSHOTS = Path(__file__).parent / "snapshots"


def first_block(doctree: nodes.document, css_class: str) -> nodes.Element:
    """Return the first element that carries ``css_class``."""
    for node in doctree.findall(nodes.Element):
        if css_class in node.get("classes", []):
            return node
    raise AssertionError(f"no element with class {css_class!r} in the doctree")


def as_xml(node: nodes.Element, srcdir: Path) -> str:
    """Return ``node`` as indented XML with the source directory replaced."""
    xml: str = node.asdom().toprettyxml(indent="  ")
    return xml.replace(str(srcdir), "<srcdir>")


def stored(name: str) -> str:
    """Return the stored snapshot ``name``; it is written by hand, never updated."""
    return (SNAPSHOTS / name).read_text(encoding="utf-8")
