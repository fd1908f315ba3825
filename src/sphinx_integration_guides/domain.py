"""The ``guide`` domain: error codes, events, states and environment variables.

Objects are kept per document, so ``clear_doc`` and ``merge_domaindata`` are
exact, and grouped by integration when looked up. Checks that compare
documents (the same code declared twice in one integration) run at
``env-check-consistency``, after parallel reads are merged, so a serial and a
``-j 2`` build warn alike.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from sphinx_integration_guides import ENV_VERSION, diagnostics, indices, references
from sphinx_integration_guides.diagnostics import Problem, Subtype
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.integrations import (
    declared_integration,
    integration_of,
)
from sphinx_integration_guides.integrations import integration_title as find_title
from sphinx_integration_guides.objects import (
    OBJECT_TYPES,
    UNIQUE_TYPES,
    Declaration,
    GuideObject,
)

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

__all__ = ["Declaration", "GuideDomain", "GuideObject", "guide_domain", "setup"]

#: A snapshot of everything references resolve against, compared before and
#: after reading to find the pages whose links must be written again.
Snapshot = tuple[frozenset[tuple[str, str, str, str, str]], frozenset[tuple[str, str]]]


#: Declarations by ``(objtype, integration, name)``, first declaration first.
Table = dict[tuple[str, str, str], list[Declaration]]


class GuideDomain(Domain):
    """Objects of integration guides, keyed by integration and name."""

    name = "guide"
    label = "Integration guide"
    object_types = {kind: ObjType(word, kind) for kind, word in OBJECT_TYPES.items()}
    roles = {kind: references.GuideXRefRole() for kind in OBJECT_TYPES}
    indices = indices.INDICES
    initial_data = {
        "objects": {},  # docname -> list[GuideObject], in reading order
        "integrations": {},  # docname -> integration name
        "referrers": {},  # docname -> number of references the domain resolves
        "std_envvars": {},  # ("envvar", name) -> (docname, anchor) given to std
        "missing_files": {},  # docname -> absolute paths of :file:s not found
    }
    # Sphinx discards a pickled environment whose domain data version differs.
    data_version = ENV_VERSION

    #: :meth:`snapshot` taken before reading, kept out of the pickled data.
    snapshot_before_reading: Snapshot | None = None
    #: :meth:`table` and :meth:`known_integrations`, computed once per state of
    #: the data: every reference looks them up, and rebuilding them each time
    #: made resolving all references grow with the square of the page count.
    #: Integration titles found so far are cached alongside, with the same
    #: lifetime: a page's title is set before the domain notes its integration.
    _lookups: tuple[Table, set[str], dict[str, str]] | None = None

    # -- collection ------------------------------------------------------------

    @property
    def objects(self) -> dict[str, list[GuideObject]]:
        return self.data["objects"]  # type: ignore[no-any-return]

    @property
    def integrations(self) -> dict[str, str]:
        return self.data["integrations"]  # type: ignore[no-any-return]

    @property
    def referrers(self) -> dict[str, int]:
        return self.data["referrers"]  # type: ignore[no-any-return]

    def note_object(self, docname: str, obj: GuideObject) -> None:
        """Record a declaration made while reading ``docname``."""
        self._lookups = None
        self.objects.setdefault(docname, []).append(obj)

    @property
    def missing_files(self) -> dict[str, list[str]]:
        return self.data["missing_files"]  # type: ignore[no-any-return]

    def note_missing_file(self, docname: str, path: str) -> None:
        """Remember a ``:file:`` that was not found, to read the page when it is."""
        self.missing_files.setdefault(docname, []).append(path)

    def pages_with_found_files(self) -> list[str]:
        """Return the pages one of whose missing ``:file:``s exists now.

        Sphinx cannot track such a file itself: a dependency on a missing
        file makes it read the page again on every build.
        """
        return sorted(
            docname
            for docname, paths in self.missing_files.items()
            if any(os.path.isfile(path) for path in paths)
        )

    def note_integration(self, docname: str, integration: str) -> None:
        self._lookups = None
        self.integrations[docname] = integration

    def clear_doc(self, docname: str) -> None:
        self._lookups = None
        self.objects.pop(docname, None)
        self.integrations.pop(docname, None)
        self.referrers.pop(docname, None)
        self.missing_files.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._lookups = None
        for key in ("objects", "integrations", "referrers", "missing_files"):
            mine, theirs = self.data[key], otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    mine[docname] = theirs[docname]

    # -- lookups ---------------------------------------------------------------

    def declarations(self) -> Iterator[Declaration]:
        """Yield every declaration in document-name order, then reading order."""
        for docname in sorted(self.objects):
            integration = self.integration_of(docname)
            for obj in self.objects[docname]:
                yield Declaration(docname, integration, obj)

    def integration_of(self, docname: str) -> str:
        return self.integrations.get(docname) or integration_of(self.env, docname)

    def table(self) -> dict[tuple[str, str, str], list[Declaration]]:
        """Map ``(objtype, integration, name)`` to its declarations, first first.

        Every call returns the same cached mapping, so callers must not change it.
        """
        return self._cached_lookups()[0]

    def _cached_lookups(self) -> tuple[Table, set[str], dict[str, str]]:
        if self._lookups is None:
            self._lookups = (self._build_table(), self._integration_names(), {})
        return self._lookups

    def _build_table(self) -> dict[tuple[str, str, str], list[Declaration]]:
        found: dict[tuple[str, str, str], list[Declaration]] = {}
        for declaration in self.declarations():
            obj = declaration.obj
            found.setdefault(
                (obj.objtype, declaration.integration, obj.name), []
            ).append(declaration)
        return found

    def object_at(self, docname: str, anchor: str) -> GuideObject | None:
        for obj in self.objects.get(docname, []):
            if obj.anchor == anchor:
                return obj
        return None

    def known_integrations(self) -> set[str]:
        return self._cached_lookups()[1]

    def _integration_names(self) -> set[str]:
        return set(self.integrations.values()) | {
            self.integration_of(docname) for docname in self.objects
        }

    def integration_title(self, integration: str) -> str:
        """Return the title from config, else the title of its first page."""
        titles = self._cached_lookups()[2]
        if integration not in titles:
            titles[integration] = find_title(
                integration,
                self.env.config.integration_guides_integrations,
                self.integrations,
                self.env.titles,
            )
        return titles[integration]

    def find(self, objtype: str, target: str, fromdocname: str) -> list[Declaration]:
        """Return the first declaration of every object ``target`` may name.

        ``integration:name`` names one integration when the part before the
        first colon is a known integration that declares the name. Otherwise
        the whole target is a name (so a code ``x:y`` is found as written),
        looked up in the page's own integration first, then in every one.
        More than one result means the target is ambiguous.
        """
        table = self.table()
        head, colon, rest = target.partition(":")
        if colon and head in self.known_integrations():
            qualified = table.get((objtype, head, rest))
            if qualified:
                return [qualified[0]]
        own = table.get((objtype, self.integration_of(fromdocname), target))
        if own:
            return [own[0]]
        return [
            found[0]
            for (kind, _integration, name), found in sorted(table.items())
            if kind == objtype and name == target
        ]

    def snapshot(self) -> Snapshot:
        """Return what links to guide objects resolve against, to compare builds."""
        objects = frozenset(
            (kind, integration, name, found[0].docname, found[0].obj.anchor)
            for (kind, integration, name), found in self.table().items()
        )
        titles = frozenset(
            (integration, self.integration_title(integration))
            for integration in self.known_integrations()
        )
        return objects, titles

    # -- resolution ------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = self.find(typ, target, fromdocname)
        if not found:
            return None
        if len(found) > 1 and not references.is_ignored(env.config, typ, target):
            diagnostics.emit(references.ambiguity_problem(node, typ, target, found))
        return self._make_refnode(builder, fromdocname, found[0], node, contnode)

    def _make_refnode(
        self,
        builder: Builder,
        fromdocname: str,
        declaration: Declaration,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference:
        title = self.integration_title(declaration.integration)
        if not node.get("refexplicit"):
            text = declaration.obj.name
            if declaration.integration != self.integration_of(fromdocname):
                text = f"{declaration.obj.name} ({title})"
            contnode = nodes.literal(text, text, classes=contnode.get("classes", []))
        word = _(OBJECT_TYPES[declaration.obj.objtype])
        tooltip = f"{word} {declaration.obj.name} ({title})"
        return make_refnode(
            builder,
            fromdocname,
            declaration.docname,
            declaration.obj.anchor,
            contnode,
            tooltip,
        )

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for objtype in OBJECT_TYPES:
            if objtype == "envvar" and ("envvar", target) in self.data["std_envvars"]:
                # The standard domain links this variable, and a second result
                # would make Sphinx warn that the reference is ambiguous.
                continue
            found = self.find(objtype, target, fromdocname)
            if not found:
                continue
            if len(found) > 1 and not references.is_ignored(
                env.config, objtype, target
            ):
                diagnostics.emit(
                    references.ambiguity_problem(node, objtype, target, found)
                )
            refnode = self._make_refnode(builder, fromdocname, found[0], node, contnode)
            results.append((f"guide:{objtype}", refnode))
        return results

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for (objtype, _integration, name), found in self.table().items():
            first = found[0]
            yield (
                first.qualified_name,
                name,
                objtype,
                first.docname,
                first.obj.anchor,
                1,
            )

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        return None

    # -- checks ----------------------------------------------------------------

    def duplicate_problems(self) -> list[Problem]:
        """Return a problem at every later declaration of a code, state or event."""
        problems = []
        for (objtype, integration, name), found in self.table().items():
            if objtype not in UNIQUE_TYPES:
                continue
            what = f"{OBJECT_TYPES[objtype]} '{name}' of integration '{integration}'"
            for later in found[1:]:
                message = self._duplicate_message(what, found[0], later)
                message += self._derived_name_note(integration, found[0], later)
                problems.append(
                    Problem(
                        Subtype.DUPLICATE, message, later.obj.source, later.obj.line
                    )
                )
        return problems

    def _duplicate_message(
        self, what: str, first: Declaration, later: Declaration
    ) -> str:
        """Say where ``what`` was declared first, or which pages share its file."""
        if (first.obj.source, first.obj.line) != (later.obj.source, later.obj.line):
            where = f"{_relative(first.obj.source, self.env)}:{first.obj.line}"
            return (
                f"{what} is already declared at {where}; remove one of the "
                "declarations or move this page to another integration"
            )
        first_page = _relative(str(self.env.doc2path(first.docname)), self.env)
        later_page = _relative(str(self.env.doc2path(later.docname)), self.env)
        if first_page == later_page:
            return (
                f"{what} is declared twice because {first_page} uses this file "
                "twice; use the file once in the integration"
            )
        return (
            f"{what} is declared twice because {first_page} and {later_page} both "
            "use this file; use the file in one page of the integration, or move "
            "one of the pages to another integration"
        )

    def _derived_name_note(
        self, integration: str, first: Declaration, later: Declaration
    ) -> str:
        """Say when two pages share the integration only through their names."""
        if first.docname == later.docname:
            return ""
        derived = [
            _relative(str(self.env.doc2path(docname)), self.env)
            for docname in (first.docname, later.docname)
            if declared_integration(self.env, docname) is None
        ]
        if len(derived) == 2:
            return (
                " (both pages have no :integration: field, so the name "
                f"'{integration}' comes from their document names; set "
                ":integration: to keep them apart)"
            )
        if derived:
            return (
                f" ({derived[0]} has no :integration: field, so the name "
                f"'{integration}' comes from its document name; set :integration: "
                "to keep the pages apart)"
            )
        return ""


def _relative(path: str, env: BuildEnvironment) -> str:
    """Return ``path`` relative to the source directory, in POSIX form."""
    try:
        return os.path.relpath(path, env.srcdir).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return path


def guide_domain(env: BuildEnvironment) -> GuideDomain:
    domain = env.domains["guide"]
    assert isinstance(domain, GuideDomain)
    return domain


def setup(app: Sphinx) -> None:
    from sphinx_integration_guides import domain_events

    app.add_domain(GuideDomain)
    domain_events.setup(app)
