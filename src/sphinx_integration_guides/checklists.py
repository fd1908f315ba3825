"""Checklists: items a reader ticks off, each with a box labelled by its text.

The box is inserted by a transform after translation, because Sphinx
replaces a translated paragraph's children with the parsed translation,
which would drop a box placed there by the directive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_integration_guides.anchors import unique_id
from sphinx_integration_guides.nodes import checkbox

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LABEL_CLASS = "ig-check-label"


def checklist_label(
    document: nodes.document, id_base: str, paragraph: nodes.paragraph
) -> nodes.paragraph:
    """Mark ``paragraph`` as a checklist label, with an id starting ``id_base``.

    Give a base that includes the document's name, because a single-page
    build puts every document on one page and the ids must stay unique there.
    """
    label_id = unique_id(document, nodes.make_id(id_base))
    paragraph["ids"].append(label_id)
    paragraph["classes"].append(LABEL_CLASS)
    document.set_id(paragraph)
    return paragraph


def checklist_item(
    label: nodes.paragraph, body: Sequence[nodes.Node] = ()
) -> nodes.list_item:
    """Return a list item: the label (which gets the box), then ``body``."""
    return nodes.list_item("", label, *body, classes=["ig-check-item"])


def checklist(items: Sequence[nodes.list_item]) -> nodes.bullet_list:
    """Return ``items`` as a bullet list styled as a checklist."""
    return nodes.bullet_list("", *items, bullet="-", classes=["ig-checklist"])


def group_heading(text: str) -> nodes.paragraph:
    """Return the bold heading of one group of a block (a checklist, a table)."""
    return nodes.paragraph("", "", nodes.strong(text, text), classes=["ig-group-title"])


class ChecklistBoxes(SphinxTransform):
    """Put a box before the text of every checklist label.

    It runs after the i18n transform (priority 20), so translated labels
    get their box too. A label that already starts with a box is skipped.
    """

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        for paragraph in self.document.findall(nodes.paragraph):
            if LABEL_CLASS not in paragraph["classes"] or not paragraph["ids"]:
                continue
            if paragraph.children and isinstance(paragraph[0], checkbox):
                continue
            paragraph.insert(0, checkbox(labelled_by=paragraph["ids"][0]))


def setup(app: Sphinx) -> None:
    """Register the transform once, however many directives use checklists."""
    if ChecklistBoxes not in app.registry.get_transforms():
        app.add_transform(ChecklistBoxes)
