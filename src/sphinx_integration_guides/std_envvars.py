"""Give the standard ``:envvar:`` role the variables that guides declare.

The standard domain warns "duplicate envvar description" (a warning without a
type, so ``suppress_warnings`` cannot silence it) when one variable is
declared in two documents, which a prerequisites file shared by several
guides does at once. So guides never declare variables to the standard
domain while reading. After every document is read, each variable that the
standard domain does not already hold is entered once, pointing to its first
declaration in document-name order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sphinx_integration_guides.objects import Declaration

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: The standard domain's key -> (docname, anchor) entries this module added.
Published = dict[tuple[str, str], tuple[str, str]]


def withdraw(env: BuildEnvironment, published: Published) -> None:
    """Remove the entries added by :func:`publish` before documents are read again.

    Without this, a page that declares the same variable with the standard
    ``envvar`` directive would warn about a duplicate on an incremental build.
    An entry the standard domain has replaced since is left alone.
    """
    objects = env.domains.standard_domain.objects
    for key, value in published.items():
        if objects.get(key) == value:
            del objects[key]
    published.clear()


def publish(
    env: BuildEnvironment, declarations: Iterable[Declaration], published: Published
) -> None:
    """Enter each declared variable that the standard domain lacks."""
    withdraw(env, published)
    objects = env.domains.standard_domain.objects
    for declaration in declarations:
        obj = declaration.obj
        key = ("envvar", obj.name)
        if obj.objtype != "envvar" or key in objects:
            continue
        objects[key] = published[key] = (declaration.docname, obj.anchor)
