"""General index entries for guide objects, and one domain index per object type.

An entry names the integration by its title, which is only known once every
document is read (a title may come from the integration's first page). So a
directive creates its index node with a provisional name, and the entries are
rewritten after reading. The index domain's collected entries, which the HTML
general index lists, are rewritten at ``env-updated``. The doctree's index
nodes, which LaTeX and Texinfo write, are rewritten at ``doctree-resolved``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Index, IndexEntry

from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.objects import OBJECT_TYPES, Declaration, GuideObject

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_integration_guides.domain import GuideDomain

#: Node attribute naming the ``[docname, anchor]`` of the object an index
#: node lists. It is removed once the entries are rewritten.
MARK = "ig_object"

EntryTuple = tuple[str, str, str, str, None]


def index_node(docname: str, obj: GuideObject, integration: str) -> addnodes.index:
    """Return an index node listing ``obj`` under its name and its integration.

    The node sits inside the paragraph that shows the object (a table cell),
    so it is marked inline: LaTeX otherwise starts a new line before it and
    the cell opens with an empty line.
    """
    node = addnodes.index(entries=index_entries(obj, integration), inline=True)
    node[MARK] = [docname, obj.anchor]
    return node


def index_entries(obj: GuideObject, title: str) -> list[EntryTuple]:
    """Return general index entries for ``obj``, safe for every builder.

    Sphinx splits index text at every ``;`` and has no escape for it, so the
    integration's title is written with commas in place of semicolons. The
    LaTeX writer escapes the makeindex characters ``!``, ``@``, ``|`` and ``"``
    itself, so names keep them.
    """
    word = _(OBJECT_TYPES[obj.objtype])
    title = title.replace(";", ",")
    entries: list[EntryTuple] = []
    # NOTE: a name holding ";" cannot be a top-level entry, because Sphinx
    # would split it into an entry and a sub-entry. It is listed under its
    # integration only, where the sub-entry keeps the rest of the text whole.
    if ";" not in obj.name:
        entries.append(("single", f"{obj.name} ({title} {word})", obj.anchor, "", None))
    entries.append(("single", f"{title}; {obj.name} ({word})", obj.anchor, "", None))
    return entries


def retitle_collected_entries(env: BuildEnvironment, domain: GuideDomain) -> None:
    """Rewrite the collected general index entries with integration titles."""
    collected = env.domains.index_domain.entries
    for docname, objects in domain.objects.items():
        title = domain.integration_title(domain.integration_of(docname))
        anchors = {obj.anchor for obj in objects}
        kept = [
            entry for entry in collected.get(docname, []) if entry[2] not in anchors
        ]
        fresh = [entry for obj in objects for entry in index_entries(obj, title)]
        collected[docname] = [*kept, *fresh]


def retitle_index_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Rewrite the entries of the guide's index nodes in a resolved doctree.

    The nodes carry their own document name, so this also works on the
    combined doctree of the LaTeX and single-page builders.
    """
    from sphinx_integration_guides.domain import guide_domain

    domain = guide_domain(app.env)
    for node in doctree.findall(addnodes.index):
        mark = node.attributes.pop(MARK, None)
        if not mark:
            continue
        origin, anchor = mark
        obj = domain.object_at(origin, anchor)
        if obj is not None:
            title = domain.integration_title(domain.integration_of(origin))
            node["entries"] = index_entries(obj, title)


class ObjectTypeIndex(Index):
    """An index of one object type: each name with the integrations declaring it."""

    objtype: ClassVar[str] = ""

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        from sphinx_integration_guides.domain import GuideDomain

        domain = self.domain
        assert isinstance(domain, GuideDomain)
        wanted = set(docnames) if docnames is not None else None
        by_name: dict[str, list[Declaration]] = {}
        for (objtype, _integration, name), found in sorted(domain.table().items()):
            first = found[0]
            if objtype == self.objtype and (wanted is None or first.docname in wanted):
                by_name.setdefault(name, []).append(first)
        content: dict[str, list[IndexEntry]] = {}
        for name in sorted(by_name, key=lambda text: (text.lower(), text)):
            entries = _name_entries(domain, name, by_name[name])
            content.setdefault(_group_of(name), []).extend(entries)
        symbols = str(_("Symbols"))
        groups = sorted(content.items(), key=lambda item: (item[0] != symbols, item[0]))
        return groups, False


def _group_of(name: str) -> str:
    """Return the heading a name is listed under: its first letter or digit."""
    first = name[:1].upper()
    return first if first.isalnum() else str(_("Symbols"))


def _name_entries(
    domain: GuideDomain, name: str, found: list[Declaration]
) -> list[IndexEntry]:
    """Return one linked entry, or a heading with one entry per integration."""
    if len(found) == 1:
        only = found[0]
        title = domain.integration_title(only.integration)
        return [IndexEntry(name, 0, only.docname, only.obj.anchor, title, "", "")]
    # The heading links to the first declaration: the LaTeX and Texinfo
    # writers leave out an entry without a target.
    first = found[0]
    entries = [IndexEntry(name, 1, first.docname, first.obj.anchor, "", "", "")]
    for declaration in found:
        entries.append(
            IndexEntry(
                domain.integration_title(declaration.integration),
                2,
                declaration.docname,
                declaration.obj.anchor,
                declaration.qualified_name,
                "",
                "",
            )
        )
    return entries


class ErrorIndex(ObjectTypeIndex):
    objtype = "error"
    name = "errors"
    localname = _("Error code index")
    shortname = _("error codes")


class EventIndex(ObjectTypeIndex):
    objtype = "event"
    name = "events"
    localname = _("Event index")
    shortname = _("events")


class StateIndex(ObjectTypeIndex):
    objtype = "state"
    name = "states"
    localname = _("State index")
    shortname = _("states")


class EnvvarIndex(ObjectTypeIndex):
    objtype = "envvar"
    name = "envvars"
    localname = _("Environment variable index")
    shortname = _("environment variables")


INDICES: list[type[Index]] = [ErrorIndex, EventIndex, StateIndex, EnvvarIndex]

#: The translatable titles of each index, kept apart from the plain text
#: that Sphinx reads.
_TITLES = {index: (index.localname, index.shortname) for index in INDICES}


def translate_titles(_app: Sphinx, _config: Config) -> None:
    """Write each index's titles as plain text in the project's language.

    Builders copy the titles into data they serialise (the JSON builder's
    relation links), which a lazily translated text cannot enter.
    """
    for index, (title, short) in _TITLES.items():
        index.localname = str(title)
        index.shortname = None if short is None else str(short)
