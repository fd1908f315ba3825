"""Version requirements: a plain version, a PEP 440 specifier or an npm range."""

from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

#: The accepted forms, as a warning names them.
ACCEPTED_FORMS = (
    "a plain version (3.10), a PEP 440 specifier (>=7.0,<8) or an npm-style "
    "range (^18, ~2.1, 18.x, >=1.2 <2, 1.2 - 1.4)"
)

_NPM_PART = r"(?:0|[1-9]\d*|[xX*])"
_NPM_VERSION = (
    rf"v?{_NPM_PART}(?:\.{_NPM_PART}){{0,2}}"
    r"(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?"
)
_NPM_COMPARATOR = rf"(?:\^|~|>=|<=|>|<|=)?\s*{_NPM_VERSION}"
_NPM_HYPHEN = rf"{_NPM_VERSION}\s+-\s+{_NPM_VERSION}"
_NPM_SET = rf"(?:{_NPM_HYPHEN}|{_NPM_COMPARATOR}(?:\s+{_NPM_COMPARATOR})*)"
_NPM_RANGE = re.compile(rf"{_NPM_SET}(?:\s*\|\|\s*{_NPM_SET})*")


def is_version_requirement(text: str) -> bool:
    """Tell whether ``text`` is one of the :data:`ACCEPTED_FORMS`."""
    requirement = text.strip()
    if not requirement:
        return False
    return (
        _is_plain_version(requirement)
        or _is_pep440_specifier(requirement)
        or bool(_NPM_RANGE.fullmatch(requirement))
    )


def _is_plain_version(text: str) -> bool:
    try:
        Version(text)
    except InvalidVersion:
        return False
    return True


def _is_pep440_specifier(text: str) -> bool:
    try:
        SpecifierSet(text)
    except InvalidSpecifier:
        return False
    return True
