"""Which integration a document belongs to, and the integration's title."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Integration names: lower-case letters, digits and hyphens.
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")


def integration_of(env: BuildEnvironment, docname: str) -> str:
    """Return the document's integration: its ``integration`` metadata or its name.

    A document name is turned into a valid integration name (``guides/Stripe``
    becomes ``guides-stripe``) so that role targets can always name it.
    """
    meta = env.metadata.get(docname, {})
    declared = meta.get("integration")
    if isinstance(declared, str) and NAME_PATTERN.fullmatch(declared.strip()):
        return declared.strip()
    return name_from_docname(docname)


def name_from_docname(docname: str) -> str:
    name = re.sub(r"[^a-z0-9-]+", "-", docname.lower()).strip("-")
    return name or "index"
