"""The kinds of objects the ``guide`` domain holds, and one declaration of each."""

from __future__ import annotations

from typing import NamedTuple

#: Object types, with the words used in index entries and link tooltips.
OBJECT_TYPES = {
    "error": "error code",
    "event": "event",
    "state": "state",
    "envvar": "environment variable",
}

#: Object types whose repeated declaration in one integration is a warning.
#: A variable may be declared in several guides (a shared prerequisites file),
#: and links go to its first declaration.
UNIQUE_TYPES = frozenset({"error", "event", "state"})


class GuideObject(NamedTuple):
    """One declaration of an object in a document.

    ``source`` and ``line`` locate the declaring YAML key: in the document
    for a directive body, in the data file for ``:file:``.
    """

    objtype: str
    name: str
    anchor: str
    line: int
    source: str


class Declaration(NamedTuple):
    """A declaration with its document and integration, for lookups."""

    docname: str
    integration: str
    obj: GuideObject

    @property
    def qualified_name(self) -> str:
        """Return ``integration:name``, the name other projects link to."""
        return f"{self.integration}:{self.obj.name}"
