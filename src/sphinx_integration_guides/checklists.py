"""Checklists: items a reader ticks off, each with a box labelled by its text."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_integration_guides.anchors import unique_id
from sphinx_integration_guides.nodes import checkbox


def checklist_item(
    document: nodes.document,
    id_base: str,
    label: Sequence[nodes.Node],
    extra: Sequence[nodes.Node] = (),
) -> nodes.list_item:
    """Return a list item: a box, the label that names it, then ``extra`` inline.

    The label's id starts with ``id_base``. Give a base that includes the
    document's name, because a single-page build puts every document on one
    page and the ids must stay unique there.
    """
    label_id = unique_id(document, nodes.make_id(id_base))
    text = nodes.inline("", "", *label, ids=[label_id], classes=["ig-check-label"])
    document.set_id(text)
    box = checkbox(labelled_by=label_id)
    paragraph = nodes.paragraph("", "", box, text, *extra)
    return nodes.list_item("", paragraph, classes=["ig-check-item"])


def checklist(items: Sequence[nodes.list_item]) -> nodes.bullet_list:
    """Return ``items`` as a bullet list styled as a checklist."""
    return nodes.bullet_list("", *items, bullet="-", classes=["ig-checklist"])


def group_heading(text: str) -> nodes.paragraph:
    """Return the bold heading of one group of a block (a checklist, a table)."""
    return nodes.paragraph("", "", nodes.strong(text, text), classes=["ig-group-title"])
