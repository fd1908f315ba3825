"""Plain stand-ins for nodes that a third-party writer cannot render.

The extension's checkbox has visitors for the html, latex, text, man and
texinfo writers, and Sphinx's Graphviz node, which state diagrams use, for
the same ones. A builder from another package (a Markdown or PDF writer)
whose translator has no visitor stops with "unknown node". Before such a
builder writes, a checkbox becomes the text ``[ ] `` and a state diagram
becomes its alternative text, which states that the table lists the same
transitions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.ext.graphviz import graphviz
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_integration_guides.i18n import _builder_class
from sphinx_integration_guides.nodes import checkbox

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.registry import SphinxComponentRegistry


def _checkbox_text(node: nodes.Element) -> nodes.Node:
    return nodes.Text("[ ] ")


def _diagram_text(node: nodes.Element) -> nodes.Node:
    alt = node.get("alt", "")
    return nodes.paragraph(alt, alt, classes=["ig-state-diagram"])


def _is_checkbox(node: nodes.Node) -> bool:
    return isinstance(node, checkbox)


def _is_state_diagram(node: nodes.Node) -> bool:
    return isinstance(node, graphviz) and "ig-state-diagram" in node["classes"]


#: Node class name, the test that picks the extension's nodes, the stand-in.
FALLBACKS: tuple[tuple[str, Callable[[nodes.Node], bool],
                       Callable[[nodes.Element], nodes.Node]], ...] = (
    ("checkbox", _is_checkbox, _checkbox_text),
    ("graphviz", _is_state_diagram, _diagram_text),
)


class ReplaceUnrenderableNodes(SphinxPostTransform):
    """Replace the extension's nodes that the running writer has no visitor for."""

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        builder = _builder_class(self)
        registry = _registry(self)
        translator = registry.translators.get(
            builder.name, getattr(builder, "default_translator_class", None))
        if translator is None:
            return  # the builder writes no documents (dummy, gettext, linkcheck)
        handlers = registry.translation_handlers.get(builder.name)
        if handlers is None:
            handlers = registry.translation_handlers.get(builder.format, {})
        for name, is_ours, stand_in in FALLBACKS:
            if name in handlers or hasattr(translator, f"visit_{name}"):
                continue
            for node in list(self.document.findall(is_ours)):
                assert isinstance(node, nodes.Element)
                node.replace_self(stand_in(node))


def _registry(transform: SphinxPostTransform) -> SphinxComponentRegistry:
    """Return Sphinx's component registry on Sphinx 8.2 and 9.

    Sphinx 9 keeps it on the environment and deprecates ``transform.app``.
    """
    registry = getattr(transform.env, "_registry", None)
    if registry is None:
        return transform.app.registry
    return registry  # type: ignore[no-any-return]


def setup(app: Sphinx) -> None:
    app.add_post_transform(ReplaceUnrenderableNodes)
