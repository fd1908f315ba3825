"""Fields a project adds to a directive through a schema extension.

A key is extra when the shipped schema does not define it at the same place
in the data, while the project's extended schema let it through. Directives
show extra fields after their own: as more table columns, or as labelled
paragraphs after an item.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.loading import Path
from sphinx_integration_guides.subschemas import expand_subschemas


@dataclass(frozen=True)
class ExtraField:
    """An added key and the heading it is shown under."""

    key: str
    title: str


def schemas_at(schema: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """Return every subschema that applies to the value at ``path``."""
    found = expand_subschemas([schema])
    for part in path:
        step: list[dict[str, Any]] = []
        for subschema in found:
            if isinstance(part, int):
                items = subschema.get("items")
                step += [items] if isinstance(items, dict) else []
                continue
            properties = subschema.get("properties", {})
            if part in properties:
                step.append(properties[part])
            elif isinstance(subschema.get("additionalProperties"), dict):
                step.append(subschema["additionalProperties"])
        found = expand_subschemas(step)
    return found


def _defines(schemas: list[dict[str, Any]], key: str) -> bool:
    """Tell whether ``key`` is one of the shipped schema's own keys there."""
    for schema in schemas:
        if key in schema.get("properties", {}):
            return True
        if isinstance(schema.get("additionalProperties"), dict):
            return True
        if schema.get("patternProperties"):
            return True
    return False


def extra_fields(
    mappings: Iterable[tuple[Path, Any]],
    shipped: dict[str, Any],
    extended: dict[str, Any],
) -> list[ExtraField]:
    """Return the added keys of all ``mappings``, in the order first written.

    Each mapping comes with its data path. The heading is the property's
    ``title`` in the extended schema, or else the key itself.
    """
    fields: dict[str, ExtraField] = {}
    for path, mapping in mappings:
        if not isinstance(mapping, dict):
            continue
        own = schemas_at(shipped, path)
        for key in mapping:
            if key in fields or _defines(own, key):
                continue
            title = _title(schemas_at(extended, (*path, key)), key)
            fields[key] = ExtraField(key, title)
    return list(fields.values())


def _title(schemas: list[dict[str, Any]], key: str) -> str:
    for schema in schemas:
        title = schema.get("title")
        if isinstance(title, str) and title.strip():
            return title.strip()
    return key


def plain_text(value: Any) -> str:
    """Write any data value as text: a flag in words, lists and mappings joined."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(plain_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {plain_text(item)}" for key, item in value.items())
    return str(value)
