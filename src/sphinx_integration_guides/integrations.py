"""The integration each document belongs to, and each integration's title."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_integration_guides.diagnostics import Problem, Subtype

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.environment import BuildEnvironment

#: Integration names: lower-case letters, digits and hyphens.
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")

#: The file-wide field (reST) or front matter key (MyST) naming the integration.
FIELD = "integration"


def integration_of(env: BuildEnvironment, docname: str) -> str:
    """Return the document's integration: its ``integration`` metadata or its name.

    A document name is turned into a valid integration name (``guides/Stripe``
    becomes ``guides-stripe``) so that role targets can always name it. An
    invalid ``integration`` value is ignored here and reported by
    :func:`check_field`.
    """
    return declared_integration(env, docname) or name_from_docname(docname)


def declared_integration(env: BuildEnvironment, docname: str) -> str | None:
    """Return the valid ``integration`` metadata of the document, if it has one."""
    declared = env.metadata.get(docname, {}).get(FIELD)
    if isinstance(declared, str) and NAME_PATTERN.fullmatch(declared.strip()):
        return declared.strip()
    return None


def name_from_docname(docname: str) -> str:
    """Return the integration name a document without the field gets.

    Letters are lower-cased, and every run of characters other than ASCII
    letters, digits and hyphens becomes one hyphen, so ``a_b`` and ``a-b`` share
    the name ``a-b``.
    """
    name = re.sub(r"[^a-z0-9-]+", "-", docname.lower()).strip("-")
    return name or "index"


def check_field(doctree: nodes.document, docname: str, path: Path) -> Problem | None:
    """Return a problem when the page's ``integration`` field is not a valid name.

    The check reads the ``docinfo`` node, so it must run before Sphinx's
    metadata collector removes that node from the doctree.
    """
    field = _integration_field(doctree)
    if field is None:
        return None
    value = field[1].astext().strip()
    if NAME_PATTERN.fullmatch(value):
        return None
    fallback = name_from_docname(docname)
    shown = repr(value) if value else "an empty value"
    return Problem(
        Subtype.CONFIG,
        f"{FIELD}: {shown} is not a valid integration name; use lower-case letters, "
        "digits and hyphens, starting with a letter or digit (such as "
        f"'stripe-billing'); using '{fallback}', taken from the document name",
        str(path),
        field.line or _front_matter_line(path),
    )


def _integration_field(doctree: nodes.document) -> nodes.field | None:
    for docinfo in doctree.findall(nodes.docinfo):
        for field in docinfo.findall(nodes.field):
            if field[0].astext() == FIELD:
                return field
    return None


def _front_matter_line(path: Path) -> int | None:
    """Return the line of the ``integration:`` key in a MyST front matter.

    MyST gives the fields it makes from front matter no line number.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return None
        if line.startswith(f"{FIELD}:"):
            return number
    return None


def integration_title(
    integration: str,
    configured: Mapping[str, Mapping[str, object]],
    pages: Mapping[str, str],
    titles: Mapping[str, nodes.Node],
) -> str:
    """Return the integration's title for index entries and link texts.

    The title comes from ``integration_guides_integrations``, else from the
    first page of the integration in document-name order, else it is the
    integration's name. ``pages`` maps document names to integrations.
    """
    title = configured.get(integration, {}).get("title")
    if isinstance(title, str) and title.strip():
        return str(title.strip())
    for docname in sorted(pages):
        if pages[docname] == integration and docname in titles:
            text: str = titles[docname].astext().strip()
            if text and text != "<no title>":
                return text
    return integration
