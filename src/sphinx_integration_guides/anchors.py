"""Stable, document-unique ids for guide objects."""

from __future__ import annotations

import hashlib
import re

from docutils import nodes

#: Names whose slug keeps every character that distinguishes two names.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]*")


def object_id(objtype: str, name: str) -> str:
    """Return a stable HTML id for an object, also for non-ASCII names.

    ``nodes.make_id`` drops anything outside ASCII letters and digits, so two
    codes such as ``x:y`` and ``x-y`` (or any two punctuation-only codes)
    would share an id. When the name contains other characters, a short hash of
    the exact name is appended. Ids that still collide within one document
    are made unique by :func:`unique_id`.
    """
    slug = nodes.make_id(f"x-{name}")[2:]
    if slug and _PLAIN.fullmatch(name):
        return f"ig-{objtype}-{slug}"
    digest = hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"ig-{objtype}-{slug}-{digest}" if slug else f"ig-{objtype}-{digest}"


def unique_id(document: nodes.document, wanted: str) -> str:
    """Return ``wanted``, or ``wanted-2``, ``-3``... if the document has it."""
    candidate, counter = wanted, 1
    while candidate in document.ids:
        counter += 1
        candidate = f"{wanted}-{counter}"
    return candidate
