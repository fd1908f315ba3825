"""Unique ids when the singlehtml builder merges every document into one page.

Each document's ids are unique within that document only. Two guides that
document the same error code, or two pages with captioned tables, give the
merged page the same id twice, so links and ``aria-labelledby`` land on the
first one. The later copies are renamed, and the references and labels of
their own document follow them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

#: A reference into another merged document: ``#document-<docname>#<id>``.
_DOCUMENT_ANCHOR = re.compile(r"^#document-(?P<docname>[^#]+)#(?P<anchor>.+)$")

Renames = dict[tuple[str, str], str]


def make_ids_unique(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Rename ids that an earlier merged document already uses."""
    if app.builder.name != "singlehtml":
        return
    renames = _rename_duplicates(doctree, docname)
    if renames:
        _follow_renames(doctree, docname, renames)


def _owned_nodes(
    node: nodes.Element, owner: str
) -> Iterator[tuple[nodes.Element, str]]:
    """Yield each element with the name of the document it came from."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        child_owner = owner
        if isinstance(child, addnodes.start_of_file):
            child_owner = child["docname"]
        yield child, child_owner
        yield from _owned_nodes(child, child_owner)


def _rename_duplicates(doctree: nodes.document, root: str) -> Renames:
    every_id = {id_ for node in doctree.findall(nodes.Element) for id_ in node["ids"]}
    seen: set[str] = set()
    renames: Renames = {}
    for node, owner in _owned_nodes(doctree, root):
        for index, id_ in enumerate(node["ids"]):
            if id_ not in seen:
                seen.add(id_)
                continue
            new_id = _free_id(id_, every_id)
            every_id.add(new_id)
            seen.add(new_id)
            node["ids"][index] = new_id
            renames.setdefault((owner, id_), new_id)
    return renames


def _free_id(base: str, used: set[str]) -> str:
    counter = 2
    while f"{base}-{counter}" in used:
        counter += 1
    return f"{base}-{counter}"


def _follow_renames(doctree: nodes.document, root: str, renames: Renames) -> None:
    for node, owner in _owned_nodes(doctree, root):
        refuri = node.get("refuri")
        if isinstance(node, nodes.reference) and refuri:
            match = _DOCUMENT_ANCHOR.match(refuri)
            if match:
                key = (match["docname"], match["anchor"])
                if key in renames:
                    node["refuri"] = f"#document-{key[0]}#{renames[key]}"
            elif refuri.startswith("#") and (owner, refuri[1:]) in renames:
                node["refuri"] = "#" + renames[(owner, refuri[1:])]
        for attribute in ("refid", "labelled_by"):
            value = node.get(attribute)
            if value and (owner, value) in renames:
                node[attribute] = renames[(owner, value)]
        if node.get("backrefs"):
            node["backrefs"] = [
                renames.get((owner, ref), ref) for ref in node["backrefs"]
            ]


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", make_ids_unique)
