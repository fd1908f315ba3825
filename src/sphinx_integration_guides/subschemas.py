"""Walk a JSON Schema: the subschemas that apply to one place in the data."""

from __future__ import annotations

from typing import Any

#: Keywords whose subschemas all describe the same value.
COMBINERS = ("allOf", "anyOf", "oneOf")
#: Conditional branches, which also describe the same value.
BRANCHES = ("then", "else")


def expand_subschemas(schemas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten ``allOf``/``anyOf``/``oneOf``/``then``/``else`` into one list."""
    found: list[dict[str, Any]] = []
    pending = list(schemas)
    while pending:
        schema = pending.pop()
        if not isinstance(schema, dict):
            continue
        found.append(schema)
        for keyword in COMBINERS:
            pending.extend(schema.get(keyword, []))
        pending.extend(schema[keyword] for keyword in BRANCHES if keyword in schema)
    return found
