"""Problems found in guide data, and how they become Sphinx warnings.

The loading and validation code returns :class:`Problem` objects instead of
logging, so that it stays usable without a Sphinx application. Directives turn
them into warnings with :func:`emit`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sphinx.util import logging

WARNING_TYPE = "integration_guides"

logger = logging.getLogger(__name__)


class Subtype(enum.StrEnum):
    """Warning subtypes, each silenced by ``integration_guides.<subtype>``."""

    YAML = "yaml"
    FILE = "file"
    SCHEMA = "schema"
    CONFIG = "config"
    VERSION = "version"
    ENV = "env"
    STATE = "state"
    REMEDIATION = "remediation"
    TEST = "test"
    HIGHLIGHT = "highlight"
    IMAGE = "image"
    URL = "url"
    SECRET = "secret"
    DUPLICATE = "duplicate"
    REF = "ref"
    OPTION = "option"


#: One line per subtype, used by the README table and the docs.
SUBTYPE_DESCRIPTIONS: dict[Subtype, str] = {
    Subtype.YAML: "YAML or JSON that cannot be loaded: syntax, encoding, "
    "duplicate key, "
    "anchor or alias, size or nesting depth, empty body",
    Subtype.FILE: "a :file: that is missing, a directory, outside the source "
    "directory, given together with a body, or used while file insertion is "
    "disabled",
    Subtype.SCHEMA: "data that breaks the directive's JSON Schema",
    Subtype.CONFIG: "an invalid integration_guides_* configuration value",
    Subtype.VERSION: "a software version that is not a version requirement",
    Subtype.ENV: "an env-matrix that misses or invents an environment",
    Subtype.STATE: "state-transitions problems: undeclared, unreachable or "
    "terminal states, repeated or conflicting transitions",
    Subtype.REMEDIATION: "an error-map remediation that is only generic advice",
    Subtype.TEST: "a test-script without a success case or without an error case",
    Subtype.HIGHLIGHT: "a language name that Pygments does not know",
    Subtype.IMAGE: "a screenshot that is missing or outside the source directory",
    Subtype.URL: "a URL whose scheme is not allowed, rendered as text",
    Subtype.SECRET: "a value that looks like a live credential, masked in the output",
    Subtype.DUPLICATE: "an error code, event or state declared twice in one "
    "integration, or a field-map target mapped twice",
    Subtype.REF: "a guide role whose target is unknown or ambiguous",
    Subtype.OPTION: "a directive option that the directive does not declare",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in guide data.

    ``source`` is the file the line belongs to (a document or a ``:file:``),
    ``line`` is 1-based, and ``fatal`` marks problems that stop the directive
    from rendering (loading and schema problems).
    """

    subtype: Subtype
    message: str
    source: str | None = None
    line: int | None = None
    fatal: bool = False

    @property
    def location(self) -> str | None:
        """Return ``source:line`` as Sphinx prints locations, or None."""
        if self.source is None:
            return None
        if self.line is None:
            return self.source
        return f"{self.source}:{self.line}"


def emit(problem: Problem) -> None:
    """Log a problem as a Sphinx warning with its type, subtype and location."""
    logger.warning(
        problem.message,
        location=problem.location,
        type=WARNING_TYPE,
        subtype=str(problem.subtype),
    )
