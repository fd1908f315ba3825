"""Roles of the ``guide`` domain and the warnings of references they cannot resolve.

An unknown target follows Sphinx's rules for missing references (with
``nitpicky`` on, ``nitpick_ignore`` and ``nitpick_ignore_regex`` silence it)
and names a known name that is close to it. An ambiguous target links to its first
candidate and warns, unless the same ignore lists cover it.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from docutils import nodes, utils
from sphinx import addnodes
from sphinx.roles import XRefRole

from sphinx_integration_guides import diagnostics
from sphinx_integration_guides.diagnostics import Problem, Subtype
from sphinx_integration_guides.text import describe_value

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.domains import Domain

    from sphinx_integration_guides.domain import GuideDomain
    from sphinx_integration_guides.objects import Declaration


#: Attribute of a pending reference whose target starts with ``!``. Such a
#: reference links only to an object that has the whole target as its name,
#: and it is never reported as missing.
LITERAL_BANG = "ig_literal_bang"


class GuideXRefRole(XRefRole):
    """A role taking ``name``, ``integration:name`` or ``title <target>``.

    Every reference warns when it cannot be resolved, with or without
    ``nitpicky``, because a guide's link to a missing code is a typo.

    Sphinx reads a leading ``!`` as "show the text, make no link", but error
    codes may start with ``!`` (``!!!``, ``!important``). Whether such a
    name exists is known only after every page is read, so a target that
    starts with ``!`` still becomes a pending reference. If an object has
    the whole target, ``!`` included, as its name, the reference links to
    it. Otherwise it keeps Sphinx's meaning: the text after the ``!``,
    unlinked, and no warning. With an explicit title (``!title <target>``)
    the ``!`` is not part of the target, so Sphinx's meaning always holds.
    """

    def create_non_xref_node(
        self,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if self.has_explicit_title:
            return super().create_non_xref_node()
        result, messages = self.create_xref_node()
        refnode = result[0]
        assert isinstance(refnode, addnodes.pending_xref)
        refnode["refwarn"] = False
        refnode[LITERAL_BANG] = True
        # Sphinx shows the "resolved" content when the reference links and
        # the "*" content when it does not.
        linked = refnode.pop(0)
        unlinked = self.innernodeclass(
            self.rawtext, utils.unescape(self.text[1:]), classes=self.classes
        )
        refnode += addnodes.pending_xref_condition("", "", linked, condition="resolved")
        refnode += addnodes.pending_xref_condition("", "", unlinked, condition="*")
        return result, messages

    def process_link(
        self,
        env: object,
        refnode: nodes.Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        refnode["refwarn"] = True
        return title, target.strip()


def is_ignored(config: Config, reftype: str, target: str) -> bool:
    """Return whether ``nitpicky`` is on and the ignore lists cover the reference."""
    if not config.nitpicky:
        return False
    dtype = f"guide:{reftype}"
    if (dtype, target) in config.nitpick_ignore:
        return True
    return any(
        re.fullmatch(type_pattern, dtype) and re.fullmatch(target_pattern, target)
        for type_pattern, target_pattern in config.nitpick_ignore_regex
    )


def ambiguity_problem(
    node: nodes.Element, reftype: str, target: str, found: list[Declaration]
) -> Problem:
    candidates = ", ".join(declaration.qualified_name for declaration in found)
    return Problem(
        Subtype.REF,
        f"guide:{reftype} reference '{target}' is ambiguous: it matches "
        f"{candidates}; write one of them. Linking to {found[0].qualified_name}",
        *node_location(node),
    )


def node_location(node: nodes.Node) -> tuple[str | None, int | None]:
    return node.source, node.line


#: The minimum similarity ratio of a name offered as the likely fix.
CLOSE_RATIO = 0.6


def nearest_name(
    domain: GuideDomain, reftype: str, target: str
) -> tuple[str, bool] | None:
    """Return the known name, plain or ``integration:name``, most like ``target``.

    The flag is true when the name is close (difflib's similarity ratio of
    at least :data:`CLOSE_RATIO`), so that a message can present a far name
    such as ``E1`` for ``nope`` as a mere neighbour, not as the likely fix.
    None means that no object of that type is declared.
    """
    names: set[str] = set()
    for objtype, integration, name in domain.table():
        if objtype == reftype:
            names.update((name, f"{integration}:{name}"))
    # Compared without case, so that ``INT-A:429`` points to ``int-a:429``.
    folded: dict[str, str] = {}
    for name in sorted(names):
        folded.setdefault(name.casefold(), name)
    if not folded:
        return None
    folded_target = target.casefold()
    close = difflib.get_close_matches(
        folded_target, list(folded), n=1, cutoff=CLOSE_RATIO
    )
    if close:
        return folded[close[0]], True
    ratio = difflib.SequenceMatcher(None, "", folded_target)
    best = max(folded, key=lambda name: (_similarity(ratio, name), name))
    return folded[best], False


def _similarity(matcher: difflib.SequenceMatcher[str], name: str) -> float:
    matcher.set_seq1(name)
    return matcher.ratio()


def warn_missing_reference(
    app: Sphinx, domain: Domain | None, node: addnodes.pending_xref
) -> bool | None:
    """Warn about an unknown guide reference, naming a close known name if any."""
    from sphinx_integration_guides.domain import GuideDomain

    if not isinstance(domain, GuideDomain):
        return None
    if node.get(LITERAL_BANG):
        # Sphinx's meaning of the "!": the text is shown unlinked, on purpose.
        return True
    reftype, target = node["reftype"], node["reftarget"]
    near = nearest_name(domain, reftype, target)
    if near and near[1]:
        hint = f"the nearest known name is '{near[0]}'"
    elif near:
        hint = (
            f"no declared guide:{reftype} name is close to it; the most similar "
            f"is '{near[0]}'"
        )
    else:
        hint = f"no guide:{reftype} object is declared in this project"
    diagnostics.emit(
        Problem(
            Subtype.REF,
            f"guide:{reftype} reference target not found: "
            f"{describe_value(target)}; {hint}",
            *node_location(node),
        )
    )
    return True


def count_references(doctree: nodes.document) -> int:
    """Count the references whose resolution depends on the guide domain.

    Those are the guide roles, ``:any:`` and the standard ``:envvar:``,
    which the domain feeds too.
    """
    count = 0
    for node in doctree.findall(addnodes.pending_xref):
        domain, reftype = node.get("refdomain"), node.get("reftype")
        standard_envvar = domain == "std" and reftype == "envvar"
        if domain == "guide" or reftype == "any" or standard_envvar:
            count += 1
    return count
