"""Prose fields: inline markup in the page's own syntax, with safe links."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from docutils import nodes

from sphinx_integration_guides import diagnostics
from sphinx_integration_guides.diagnostics import Problem, Subtype
from sphinx_integration_guides.text import url_has_placeholder, url_scheme

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective

#: Characters and sequences that may start inline markup in reST or MyST.
#: Text without any of them is plain and skips the inline parser.
_MARKUP = re.compile(r"[`*_\[\]|<>\\~{}$&]|://|@|www\.")

#: A Markdown link ``[text](destination)``. markdown-it leaves a link whose
#: scheme it distrusts (``javascript:``, ``data:``) as raw source text, so
#: such links are found and reduced to their text before parsing.
_MARKDOWN_LINK = re.compile(
    r"\[([^\[\]]*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\))?)>?[^()]*\)"
)


#: Python attribute (not a node attribute, so no writer outputs it) naming
#: the field a prose node came from, for the check of translated prose.
FIELD_ATTRIBUTE = "ig_field"


#: A URL written without link syntax: a scheme, "://" and all up to a space.
#: One right after ``<``, ``(`` or ``[`` is part of link syntax.
_BARE_URL = re.compile(r"(?<![<(\[`\w])[A-Za-z][A-Za-z0-9+.-]*://\S+")
#: Punctuation that ends a sentence rather than the URL before it.
_URL_TRAILERS = ".,;:!?)'\"*"
#: A code span (or reST interpreted text) that markup inside must not touch.
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)


def inline(
    directive: SphinxDirective, text: str, source: str, line: int, field: str = ""
) -> list[nodes.Node]:
    """Parse ``text`` with the page's inline parser and make its links safe.

    ``field`` names the data field (``errors[0].cause``) in warnings.
    """
    if not _MARKUP.search(text):
        return [nodes.Text(text)]
    allowed = set(directive.config.integration_guides_url_schemes)
    myst = _in_myst(directive)
    if myst:
        text = _drop_unsafe_markdown_links(text, allowed, source, line, field)
    text = protect_placeholder_urls(text, "`" if myst else "``")
    parsed, messages = _parse_inline(directive, text, source, line)
    container = nodes.inline("", "", *parsed, *messages)
    make_links_safe(container, allowed, source, line, field)
    return list(container.children)


def paragraph(
    directive: SphinxDirective, text: str, source: str, line: int, field: str = ""
) -> nodes.paragraph:
    """Return a paragraph of ``text`` that the gettext builder extracts."""
    node = nodes.paragraph(text, "", *inline(directive, text, source, line, field))
    node.source, node.line = source, line
    setattr(node, FIELD_ATTRIBUTE, field)
    return node


def make_links_safe(
    node: nodes.Element, allowed: set[str], source: str, line: int, field: str = ""
) -> None:
    """Turn links with a disallowed scheme or a placeholder into text.

    docutils writes ``href="javascript:..."`` unchanged, so the scheme check
    has to happen here. A URL with a placeholder (``https://{domain}/``) is
    shown as literal text so that neither readers nor linkcheck follow it.
    MyST parses inline HTML into raw nodes, which the HTML writer copies
    unescaped, so they become text that reads as the author wrote it.
    """
    for raw in list(node.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
    for reference in list(node.findall(nodes.reference)):
        uri = reference.get("refuri")
        if not uri:
            continue
        scheme = url_scheme(uri)
        if scheme and scheme not in allowed:
            _warn_scheme(scheme, allowed, source, line, field)
            reference.replace_self(nodes.Text(reference.astext()))
        elif url_has_placeholder(uri):
            reference.replace_self(_placeholder_link(reference.astext(), uri))


def url_node(
    directive: SphinxDirective, url: str, source: str, line: int, field: str = ""
) -> nodes.Node:
    """Return a link for a URL field, or text when it is unsafe or a placeholder."""
    allowed = set(directive.config.integration_guides_url_schemes)
    scheme = url_scheme(url)
    if url_has_placeholder(url):
        return nodes.literal(url, url)
    if scheme and scheme not in allowed:
        _warn_scheme(scheme, allowed, source, line, field)
        return nodes.Text(url)
    return nodes.reference(url, url, refuri=url)


def _placeholder_link(text: str, uri: str) -> list[nodes.Node]:
    """Show a link whose URL contains a placeholder as its text and literal URL.

    MyST percent-encodes the braces of ``https://{domain}/``; the reader is
    shown the URL as written.
    """
    uri = unquote(uri)
    if unquote(text) == uri:
        return [nodes.literal(uri, uri)]
    return [nodes.Text(f"{text} ("), nodes.literal(uri, uri), nodes.Text(")")]


def protect_placeholder_urls(text: str, fence: str) -> str:
    """Wrap each bare URL that contains a placeholder in literal markup (``fence``).

    The inline parsers end a bare URL at ``<`` or ``{`` and would link only
    its start (``https:/``, ``https://example.com``). Code spans that are
    already there, and URLs inside link syntax, are left as they are.
    """

    def wrap(match: re.Match[str]) -> str:
        whole = match.group()
        url = whole.rstrip(_URL_TRAILERS)
        if not url_has_placeholder(url) or "`" in url:
            return whole
        return f"{fence}{url}{fence}{whole[len(url) :]}"

    parts: list[str] = []
    done = 0
    for span in _CODE_SPAN.finditer(text):
        parts += [_BARE_URL.sub(wrap, text[done : span.start()]), span.group()]
        done = span.end()
    parts.append(_BARE_URL.sub(wrap, text[done:]))
    return "".join(parts)


def _drop_unsafe_markdown_links(
    text: str, allowed: set[str], source: str, line: int, field: str
) -> str:
    def replace(match: re.Match[str]) -> str:
        scheme = url_scheme(match.group(2))
        if scheme and scheme not in allowed:
            _warn_scheme(scheme, allowed, source, line, field)
            return match.group(1)
        return match.group()

    return _MARKDOWN_LINK.sub(replace, text)


def _warn_scheme(
    scheme: str, allowed: set[str], source: str, line: int, field: str
) -> None:
    where = f"{field}: " if field else ""
    diagnostics.emit(
        Problem(
            Subtype.URL,
            f"{where}the URL scheme '{scheme}:' is not allowed, so the link is "
            f"shown as text; use one of: {', '.join(sorted(allowed))}",
            source,
            line,
        )
    )


#: Nodes and system messages that the inline parser returns.
ParseResult = tuple[list[nodes.Node], list[nodes.system_message]]


def _parse_inline(
    directive: SphinxDirective, text: str, source: str, line: int
) -> ParseResult:
    """Parse ``text`` so that the parser's messages name the field's own line.

    The parser counts lines of its own input, where the directive sits at
    ``directive.lineno``. A field in the directive's body is as many lines
    further there as in the file; MyST counts them from 0. For a field of a
    ``:file:``, the reporter receives the data file and line while it parses.
    """
    own_source, own_line = directive.get_source_info()
    if own_source and os.path.abspath(own_source) == os.path.abspath(source):
        shift = 1 if _in_myst(directive) else 0
        parser_line = directive.lineno + line - (own_line or line) - shift
        parsed: ParseResult = directive.state.inline_text(text, parser_line)
        return parsed
    reporter = directive.state.document.reporter
    locate = getattr(reporter, "get_source_and_line", None)
    reporter.get_source_and_line = lambda _line=None: (source, line)
    try:
        parsed = directive.state.inline_text(text, directive.lineno)
        return parsed
    finally:
        if locate is None:
            del reporter.get_source_and_line
        else:
            reporter.get_source_and_line = locate


def _in_myst(directive: SphinxDirective) -> bool:
    return type(directive.state).__module__.startswith("myst_parser")
