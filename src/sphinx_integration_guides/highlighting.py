"""Code blocks that highlight leniently and warn once about unknown lexers.

Guides are full of placeholders (``{"id": ...}``, ``<your-token>``) that a
strict lexer rejects, and Sphinx reports such a failure at write time as
``misc.highlighting_failure``, which fails ``-W``. Blocks built here are
marked ``force``, so Sphinx (9.0) leaves out the lexer filter that raises on
a bad token. An unknown lexer name is reported once, at read time, with the
YAML key's line.
"""

from __future__ import annotations

import difflib
from functools import cache
from typing import TYPE_CHECKING

from docutils import nodes
from pygments.lexers import (  # type: ignore[import-untyped]
    find_lexer_class_by_name,
    get_all_lexers,
)
from pygments.util import ClassNotFound  # type: ignore[import-untyped]
from sphinx.highlighting import lexer_classes, lexers

from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.loading import field_path

if TYPE_CHECKING:
    from sphinx_integration_guides.directives.base import GuideDirective
    from sphinx_integration_guides.loading import Path

#: Names Sphinx accepts that Pygments does not list as lexer aliases.
_SPHINX_NAMES = frozenset({"default", "none", "guess", "pycon3", "python3", "py3"})


def lexer_known(language: str) -> bool:
    """Tell whether Sphinx can find a lexer for ``language``.

    Lexers a project adds with ``app.add_lexer`` count as known.
    """
    if language in _SPHINX_NAMES or language in lexers or language in lexer_classes:
        return True
    try:
        find_lexer_class_by_name(language)
    except ClassNotFound:
        return False
    return True


def checked_language(directive: GuideDirective, language: str, path: Path) -> str:
    """Return ``language``, or ``none`` after a ``highlight`` warning if unknown."""
    if lexer_known(language):
        return language
    close = difflib.get_close_matches(language, _aliases(), n=1)
    hint = f"did you mean '{close[0]}'? Otherwise use" if close else "use"
    directive.warn(
        Subtype.HIGHLIGHT,
        f"{directive.name}: {field_path(path)} '{language}' is not a Pygments lexer "
        f"name, so the code is shown without highlighting; {hint} a name from "
        "https://pygments.org/docs/lexers/ such as bash, python, http or json",
        path,
    )
    return "none"


@cache
def _aliases() -> tuple[str, ...]:
    return tuple(alias for _name, aliases, _files, _types in get_all_lexers()
                 for alias in aliases)


def code_block(
    directive: GuideDirective, code: str, language: str, path: Path
) -> nodes.literal_block:
    """Return a literal block of ``code`` that never fails the build.

    ``path`` is the field path of the ``language`` key, which locates the
    warning for an unknown lexer. Call :func:`checked_language` first and
    pass ``"none"`` here to warn only once for many blocks.
    """
    language = checked_language(directive, language, path)
    block = nodes.literal_block(code, code, language=language)
    block["force"] = True
    directive.set_source_info(block)
    return block

