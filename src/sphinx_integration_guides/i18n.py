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

from sphinx_integration_guides.diagnostics import Problem, Subtype, emit
from sphinx_integration_guides.prose import FIELD_ATTRIBUTE, make_links_safe
from sphinx_integration_guides.text import mask_secrets

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CATALOG = "sphinx_integration_guides"

#: Translate one of the extension's own strings into the project's language.
_ = get_translation(CATALOG)

#: Attribute marking the inline wrapper :func:`translatable_prose` creates.
PROSE_MARK = "ig-prose"


def translatable_prose(text: str, children: list[nodes.Node], source: str,
                       line: int, field: str = "") -> nodes.inline:
    """Wrap a prose field that shares a paragraph with other content.

    Sphinx extracts and translates an inline node that carries
    ``translatable``, a source and a line. :class:`UnwrapProse` removes the
    wrapper again after translation, so writers never see it.
    """
    node = nodes.inline(text, "", *children, translatable=True)
    node[PROSE_MARK] = True
    node.source, node.line = source, line
    setattr(node, FIELD_ATTRIBUTE, field)
    return node


class CheckTranslatedProse(SphinxTransform):
    """Apply the link and secret rules to translated prose of guide blocks.

    Sphinx's ``Locale`` transform (priority 20) parses each translation
    again, after the directives ran, so a translation could bring back a
    ``javascript:`` link or a live key that the directive would have refused.
    """

    default_priority = 21

    def apply(self, **kwargs: Any) -> None:
        allowed = set(self.config.integration_guides_url_schemes)
        for node in list(self.document.findall(nodes.Element)):
            if not node.get("translated") or not _in_guide_block(node):
                continue
            source, line = node.source or "", node.line or 0
            field = _field_of(node)
            make_links_safe(node, allowed, source, line, field)
            for text in list(node.findall(nodes.Text)):
                masked = mask_secrets(str(text))
                if masked == str(text):
                    continue
                text.parent.replace(text, nodes.Text(masked))
                message = (
                    f"{field}: the translation contains a value that looks like a "
                    "live credential; replace it with a placeholder such as "
                    "<your-api-key> (the value is masked in the output)"
                )
                emit(Problem(Subtype.SECRET, message, source, line))


def _in_guide_block(node: nodes.Element) -> bool:
    current: nodes.Element | None = node
    while current is not None:
        if "ig-block" in current.get("classes", []):
            return True
        current = current.parent
    return False


def _field_of(node: nodes.Element) -> str:
    """Name the field a translated node holds, or at least its directive."""
    field = getattr(node, FIELD_ATTRIBUTE, "")
    if field:
        return str(field)
    current: nodes.Element | None = node
    while current is not None:
        for name in current.get("classes", []):
            if name.startswith("ig-") and name != "ig-block":
                return f"{name[3:]}: translated text"
        current = current.parent
    return "translated text"


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
    app.add_transform(CheckTranslatedProse)
