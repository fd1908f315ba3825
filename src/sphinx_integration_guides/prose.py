"""Prose fields: inline markup in the page's own syntax, with safe links."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_integration_guides import diagnostics
from sphinx_integration_guides.diagnostics import Problem, Subtype
from sphinx_integration_guides.text import url_has_placeholder, url_scheme

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective

#: Characters and sequences that may start inline markup in reST or MyST.
#: Text without any of them is plain and skips the inline parser.
_MARKUP = re.compile(r"[`*_\[\]|<>\\~{}$&]|://|@|www\.")


def inline(
    directive: SphinxDirective, text: str, source: str, line: int
) -> list[nodes.Node]:
    """Parse ``text`` with the page's inline parser and make its links safe."""
    if not _MARKUP.search(text):
        return [nodes.Text(text)]
    parsed, messages = directive.state.inline_text(text, directive.lineno)
    result: list[nodes.Node] = [*parsed, *messages]
    allowed = set(directive.config.integration_guides_url_schemes)
    container = nodes.inline("", "", *result)
    make_links_safe(container, allowed, source, line)
    return list(container.children)


def paragraph(directive: SphinxDirective, text: str, source: str, line: int) -> nodes.paragraph:
    """Return a paragraph of ``text`` that the gettext builder extracts."""
    node = nodes.paragraph(text, "", *inline(directive, text, source, line))
    node.source, node.line = source, line
    return node


def make_links_safe(node: nodes.Element, allowed: set[str], source: str, line: int) -> None:
    """Turn links with a disallowed scheme or a placeholder into text.

    docutils writes ``href="javascript:..."`` unchanged, so the scheme check
    has to happen here. A URL with a placeholder (``https://{domain}/``) is
    shown as literal text so that neither readers nor linkcheck follow it.
    """
    for reference in list(node.findall(nodes.reference)):
        uri = reference.get("refuri")
        if not uri:
            continue
        scheme = url_scheme(uri)
        if scheme and scheme not in allowed:
            diagnostics.emit(Problem(
                Subtype.URL,
                f"the URL scheme '{scheme}:' is not allowed, so the link is shown as "
                f"text; use one of: {', '.join(sorted(allowed))}",
                source, line,
            ))
            reference.replace_self(nodes.Text(reference.astext()))
        elif url_has_placeholder(uri):
            reference.replace_self(nodes.literal(uri, reference.astext()))


def url_node(directive: SphinxDirective, url: str, source: str, line: int) -> nodes.Node:
    """Return a link for a URL field, or text when it is unsafe or a placeholder."""
    allowed = set(directive.config.integration_guides_url_schemes)
    scheme = url_scheme(url)
    if url_has_placeholder(url):
        return nodes.literal(url, url)
    if scheme and scheme not in allowed:
        diagnostics.emit(Problem(
            Subtype.URL,
            f"the URL scheme '{scheme or 'none'}:' is not allowed, so the link is "
            f"shown as text; use one of: {', '.join(sorted(allowed))}",
            source, line,
        ))
        return nodes.Text(url)
    return nodes.reference(url, url, refuri=url)
