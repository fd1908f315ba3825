"""Translation: the extension's own words, and prose fields in project catalogs.

The extension's own words (headers, badges, legends) come from the message
catalog shipped in ``locale/``. Prose fields written by users are translated
by the project's own catalogs, like any paragraph of the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import NodeMatcher

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CATALOG = "sphinx_integration_guides"

#: Translate one of the extension's own strings into the project's language.
_ = get_translation(CATALOG)

#: Attribute marking the inline wrapper :func:`translatable_prose` creates.
PROSE_MARK = "ig-prose"


def translatable_prose(text: str, children: list[nodes.Node], source: str,
                       line: int) -> nodes.inline:
    """Wrap a prose field that shares a paragraph with other content.

    Sphinx extracts and translates an inline node that carries
    ``translatable``, a source and a line. :class:`UnwrapProse` removes the
    wrapper again after translation, so writers never see it.
    """
    node = nodes.inline(text, "", *children, translatable=True)
    node[PROSE_MARK] = True
    node.source, node.line = source, line
    return node


class UnwrapProse(SphinxTransform):
    """Replace each prose wrapper by its children, in place.

    It runs after Sphinx's ``Locale`` transform (priority 20) has translated
    the wrappers and before Sphinx's own removal of translatable inlines
    (priority 999), which moves their children to the end of the parent.
    The gettext builder keeps the wrappers, because it extracts them after
    the transforms.
    """

    default_priority = 990

    def apply(self, **kwargs: Any) -> None:
        if issubclass(_builder_class(self), MessageCatalogBuilder):
            return
        matcher = NodeMatcher(nodes.inline, **{PROSE_MARK: True})
        for wrapper in list(matcher.findall(self.document)):
            wrapper.replace_self(wrapper.children)


def _builder_class(transform: SphinxTransform) -> type[Any]:
    """Return the running builder's class on Sphinx 8.2 and 9.

    Sphinx 9 keeps it on the environment (its own transforms read it there)
    and deprecates ``transform.app``; Sphinx 8.2 only has ``app.builder``.
    """
    builder_class = getattr(transform.env, "_builder_cls", None)
    if builder_class is None:
        return type(transform.app.builder)
    return builder_class  # type: ignore[no-any-return]


def setup(app: Sphinx) -> None:
    locale_dir = Path(__file__).parent / "locale"
    app.add_message_catalog(CATALOG, str(locale_dir))
    app.add_transform(UnwrapProse)
