"""The ``guide`` domain: error codes, events, states and environment variables.

Objects are kept per document, so ``clear_doc`` and ``merge_domaindata`` are
exact, and grouped by integration when looked up. Checks that compare
documents (the same code declared twice in one integration) run at
``env-check-consistency``, after parallel reads are merged, so a serial and a
``-j 2`` build warn alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_integration_guides import diagnostics
from sphinx_integration_guides.diagnostics import Problem, Subtype
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.integrations import integration_of

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Object types, with the words used in index entries.
OBJECT_TYPES = {
    "error": "error code",
    "event": "event",
    "state": "state",
    "envvar": "environment variable",
}


class GuideObject(NamedTuple):
    """One declaration of an object in a document."""

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


class GuideXRefRole(XRefRole):
    """A role taking ``name``, ``integration:name`` or ``title <target>``."""

    def process_link(self, env: BuildEnvironment, refnode: nodes.Element,
                     has_explicit_title: bool, title: str, target: str) -> tuple[str, str]:
        refnode["guide:explicit_title"] = has_explicit_title
        refnode["refwarn"] = True
        return title, target.strip()


class GuideDomain(Domain):
    """Objects of integration guides, keyed by integration and name."""

    name = "guide"
    label = "Integration guide"
    object_types = {
        kind: ObjType(word, kind, "any") for kind, word in OBJECT_TYPES.items()
    }
    roles = {kind: GuideXRefRole() for kind in OBJECT_TYPES}
    initial_data: dict[str, Any] = {
        "objects": {},  # docname -> list[GuideObject]
        "integrations": {},  # docname -> integration name
    }
    data_version = 1

    # -- collection ------------------------------------------------------------

    @property
    def objects(self) -> dict[str, list[GuideObject]]:
        return self.data["objects"]

    @property
    def integrations(self) -> dict[str, str]:
        return self.data["integrations"]

    def note_object(self, docname: str, obj: GuideObject) -> None:
        """Record a declaration made while reading ``docname``."""
        self.objects.setdefault(docname, []).append(obj)

    def note_integration(self, docname: str, integration: str) -> None:
        self.integrations[docname] = integration

    def clear_doc(self, docname: str) -> None:
        self.objects.pop(docname, None)
        self.integrations.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["objects"]:
                self.objects[docname] = otherdata["objects"][docname]
            if docname in otherdata["integrations"]:
                self.integrations[docname] = otherdata["integrations"][docname]

    # -- lookups ---------------------------------------------------------------

    def declarations(self) -> Iterator[Declaration]:
        """Yield every declaration in document-name order, then line order."""
        for docname in sorted(self.objects):
            integration = self.integration_of(docname)
            for obj in sorted(self.objects[docname], key=lambda o: o.line):
                yield Declaration(docname, integration, obj)

    def integration_of(self, docname: str) -> str:
        return self.integrations.get(docname) or integration_of(self.env, docname)

    def table(self) -> dict[tuple[str, str, str], list[Declaration]]:
        """Map ``(objtype, integration, name)`` to its declarations, first first."""
        found: dict[tuple[str, str, str], list[Declaration]] = {}
        for declaration in self.declarations():
            key = (declaration.obj.objtype, declaration.integration, declaration.obj.name)
            found.setdefault(key, []).append(declaration)
        return found

    def known_integrations(self) -> set[str]:
        return {self.integration_of(docname) for docname in self.objects} | set(
            self.integrations.values()
        )

    def integration_title(self, integration: str) -> str:
        """Return the title from config, else the title of its first page."""
        configured = self.env.config.integration_guides_integrations.get(integration, {})
        if configured.get("title"):
            return str(configured["title"])
        for docname in sorted(self.integrations):
            if self.integrations[docname] == integration and docname in self.env.titles:
                return self.env.titles[docname].astext()
        return integration

    def find(self, objtype: str, target: str, fromdocname: str) -> list[Declaration]:
        """Return the first declaration of every object ``target`` may name.

        ``integration:name`` names one integration when the part before the
        first colon is a known integration; otherwise the whole target is a
        name, looked up in the page's own integration first, then in every
        integration.
        """
        table = self.table()
        head, colon, rest = target.partition(":")
        if colon and head in self.known_integrations():
            hit = table.get((objtype, head, rest))
            if hit:
                return [hit[0]]
        own = table.get((objtype, self.integration_of(fromdocname), target))
        if own:
            return [own[0]]
        return [
            declarations[0]
            for (kind, _integration, name), declarations in sorted(table.items())
            if kind == objtype and name == target
        ]

    def nearest_name(self, objtype: str, target: str) -> str | None:
        names = {
            f"{integration}:{name}" for kind, integration, name in self.table() if kind == objtype
        }
        names |= {key.split(":", 1)[1] for key in names}
        close = difflib.get_close_matches(target, sorted(names), n=1, cutoff=0.5)
        return close[0] if close else None

    # -- resolution ------------------------------------------------------------

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: pending_xref,
                     contnode: nodes.Element) -> nodes.reference | None:
        found = self.find(typ, target, fromdocname)
        if not found:
            return None
        if len(found) > 1:
            candidates = ", ".join(f"{d.integration}:{d.obj.name}" for d in found)
            diagnostics.emit(Problem(
                Subtype.REF,
                f"guide:{typ} reference '{target}' is ambiguous; it matches {candidates}. "
                f"Write one of them, linking to {found[0].integration}:{target} for now",
                *_node_location(node),
            ))
        return self._make_refnode(builder, fromdocname, found[0], node, contnode)

    def _make_refnode(self, builder: Builder, fromdocname: str, declaration: Declaration,
                      node: pending_xref, contnode: nodes.Element) -> nodes.reference:
        if not node.get("guide:explicit_title"):
            text = declaration.obj.name
            if declaration.integration != self.integration_of(fromdocname):
                title = self.integration_title(declaration.integration)
                text = f"{declaration.obj.name} ({title})"
            contnode = nodes.literal(text, text, classes=contnode.get("classes", []))
        word = _(OBJECT_TYPES[declaration.obj.objtype])
        tooltip = f"{word} {declaration.obj.name} ({self.integration_title(declaration.integration)})"
        return make_refnode(builder, fromdocname, declaration.docname,
                            declaration.obj.anchor, contnode, tooltip)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: pending_xref,
                         contnode: nodes.Element) -> list[tuple[str, nodes.reference]]:
        results = []
        for objtype in OBJECT_TYPES:
            for declaration in self.find(objtype, target, fromdocname)[:1]:
                refnode = self._make_refnode(builder, fromdocname, declaration, node, contnode)
                results.append((f"guide:{objtype}", refnode))
        return results

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for (objtype, integration, name), declarations in self.table().items():
            first = declarations[0]
            yield (f"{integration}:{name}", name, objtype, first.docname, first.obj.anchor, 1)

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        return None

    # -- checks ----------------------------------------------------------------

    def duplicate_problems(self) -> list[Problem]:
        """Warn at every later declaration of a code, state or event."""
        problems = []
        for (objtype, integration, name), declarations in self.table().items():
            if objtype == "envvar" or len(declarations) < 2:
                continue
            first = declarations[0]
            for later in declarations[1:]:
                problems.append(Problem(
                    Subtype.DUPLICATE,
                    f"{OBJECT_TYPES[objtype]} '{name}' of integration '{integration}' is "
                    f"already declared in {first.docname} (line {first.obj.line}); remove "
                    "one declaration or move it to another integration",
                    later.obj.source, later.obj.line,
                ))
        return problems


def _node_location(node: nodes.Node) -> tuple[str | None, int | None]:
    return node.source, node.line


def guide_domain(env: BuildEnvironment) -> GuideDomain:
    domain = env.domains["guide"]
    assert isinstance(domain, GuideDomain)
    return domain


def _note_integration(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    guide_domain(env).note_integration(docname, integration_of(env, docname))


def _check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    domain = guide_domain(env)
    for problem in domain.duplicate_problems():
        diagnostics.emit(problem)
    _publish_envvars(domain, env)


def _publish_envvars(domain: GuideDomain, env: BuildEnvironment) -> None:
    """Let the standard ``:envvar:`` role reach each variable's first declaration.

    The standard domain warns "duplicate envvar description" with no warning
    type when one variable is declared in two documents, so the entries are
    written here, once, after every document is read.
    """
    std = env.domains.standard_domain
    ours = domain.data.setdefault("std_envvars", set())
    for key in list(ours):
        if std.objects.get(key) is not None:
            std.objects.pop(key, None)
    ours.clear()
    for declaration in domain.declarations():
        obj = declaration.obj
        key = ("envvar", obj.name)
        if obj.objtype != "envvar" or key in std.objects:
            continue
        std.objects[key] = (declaration.docname, obj.anchor)
        ours.add(key)


def _warn_missing_reference(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    if domain is None or domain.name != "guide":
        return None
    assert isinstance(domain, GuideDomain)
    typ, target = node["reftype"], node["reftarget"]
    near = domain.nearest_name(typ, target)
    hint = f"; did you mean '{near}'?" if near else "; no such object is declared"
    diagnostics.emit(Problem(
        Subtype.REF, f"guide:{typ} reference target not found: '{target}'{hint}",
        *_node_location(node),
    ))
    return True


def setup(app: Sphinx) -> None:
    app.add_domain(GuideDomain)
    app.connect("doctree-read", _note_integration, priority=600)
    app.connect("env-check-consistency", _check_consistency)
    app.connect("warn-missing-reference", _warn_missing_reference)


def index_node(env: BuildEnvironment, obj: GuideObject) -> nodes.Node:
    """Return an index node listing ``obj`` under its name and its integration.

    The integration's title is only known once every document is read, so
    the entries carry the integration's name here and
    :func:`_retitle_index_entries` rewrites them.
    """
    from sphinx import addnodes

    node = addnodes.index(entries=[], inline=False)
    node["guide:object"] = (obj.objtype, obj.name, obj.anchor)
    node["entries"] = index_entries(obj, integration_of(env, env.docname))
    return node


def index_entries(obj: GuideObject, title: str) -> list[tuple[str, str, str, str, None]]:
    """Return general index entries for ``obj``, safe for every builder.

    Sphinx splits index text at ``;``, so a name holding one is listed under
    its integration only, where the second part keeps the rest whole.
    """
    word = _(OBJECT_TYPES[obj.objtype])
    entries: list[tuple[str, str, str, str, None]] = []
    if ";" not in obj.name:
        entries.append(("single", f"{obj.name} ({title} {word})", obj.anchor, "", None))
    entries.append(("single", f"{title}; {obj.name} ({word})", obj.anchor, "", None))
    return entries
