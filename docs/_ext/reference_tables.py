"""Reference tables generated at build time from the extension's own data.

``schema-fields`` lists every field of a directive's shipped JSON Schema,
``warning-subtypes`` lists the warning subtypes, and ``config-values`` lists
the configuration values with their types and defaults. Because the tables
are read from the installed package, the reference cannot drift from the code.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_integration_guides import config as guide_config
from sphinx_integration_guides.diagnostics import SUBTYPE_DESCRIPTIONS, WARNING_TYPE
from sphinx_integration_guides.directives import DIRECTIVE_NAMES
from sphinx_integration_guides.tables import Cell, build_table
from sphinx_integration_guides.validation import shipped_schema

logger = logging.getLogger(__name__)

_TYPE_WORDS = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "object": "mapping",
    "array": "list",
    "null": "null",
}

_JSON_NAMES = {str: "string", bool: "boolean", int: "integer", float: "number"}

_PLURALS = {"mapping": "mappings", "string": "strings", "integer": "integers",
            "number": "numbers", "boolean": "booleans"}


def _plural(word: str) -> str:
    return _PLURALS.get(word, word)


#: One sentence per configuration value. A value missing here is a build
#: warning, so a new configuration value cannot go undocumented.
CONFIG_DESCRIPTIONS = {
    "integration_guides_schema_extensions": "Per directive name, a JSON Schema "
    "fragment merged into the shipped schema: add required fields, narrow "
    "allowed values or add properties.",
    "integration_guides_environments": "Environment names that every env-matrix "
    "must have as columns; a matrix missing one is an env warning.",
    "integration_guides_generic_remediations": "Remediations that count as "
    "generic advice, compared whole and without case; an error-map entry whose "
    "remediation is one of them is a remediation warning.",
    "integration_guides_diagrams": "Whether state-transitions draws a Graphviz "
    "diagram: auto (when the dot program is found), always or never.",
    "integration_guides_url_schemes": "URL schemes that become links; any other "
    "scheme is a url warning and renders as text.",
    "integration_guides_integrations": "Per integration name, its metadata; "
    "title is shown in cross-integration links and index entries.",
}


class Row:
    """One field of a schema, flattened for the reference table."""

    def __init__(self, path: str, schema: dict[str, Any], required: str) -> None:
        self.path = path
        self.schema = schema
        self.required = required


def schema_rows(schema: dict[str, Any], prefix: str = "") -> list[Row]:
    """Flatten an object schema into rows, nested fields after their parent."""
    rows: list[Row] = []
    properties: dict[str, Any] = schema.get("properties", {})
    alternatives = _alternative_requirements(schema)
    for name, field in properties.items():
        if name in schema.get("required", []):
            required = "yes"
        elif name in alternatives:
            required = "one of " + ", ".join(alternatives[name])
        else:
            required = "no"
        path = f"{prefix}{name}"
        rows.append(Row(path, field, required))
        rows.extend(_nested_rows(field, path))
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        rows.append(Row(f"{prefix}<key>", extra, "no"))
        rows.extend(_nested_rows(extra, f"{prefix}<key>"))
    return rows


def _nested_rows(field: dict[str, Any], path: str) -> list[Row]:
    items = field.get("items")
    if isinstance(items, dict) and _is_object(items):
        return schema_rows(items, f"{path}[].")
    if _is_object(field):
        return schema_rows(field, f"{path}.")
    return []


def _is_object(schema: dict[str, Any]) -> bool:
    extra = schema.get("additionalProperties")
    return "properties" in schema or isinstance(extra, dict)


def _alternative_requirements(schema: dict[str, Any]) -> dict[str, list[str]]:
    """Map each field required by one branch of a ``oneOf``/``anyOf`` to all of them.

    A schema that requires "give ``values`` or ``value``" lists each name in its
    own branch; the table shows such a field as "one of values, value".
    """
    found: dict[str, list[str]] = {}
    for keyword in ("oneOf", "anyOf"):
        branches = schema.get(keyword, [])
        names = [name for branch in branches for name in branch.get("required", [])]
        if names and all(_only_requires(branch) for branch in branches):
            for name in names:
                found[name] = names
    return found


def _only_requires(branch: dict[str, Any]) -> bool:
    """Tell whether a branch only lists required fields (besides annotations)."""
    keys = {key for key in branch if not key.startswith("x-") and key != "description"}
    return keys <= {"required"}


def type_text(schema: dict[str, Any]) -> str:
    """Describe a field's type in words: ``list of strings``, ``string or list``."""
    kinds = schema.get("type")
    if kinds is None and "enum" in schema:
        kinds = sorted({_JSON_NAMES.get(type(v), "any") for v in schema["enum"]})
    if kinds is None:
        branches = schema.get("oneOf") or schema.get("anyOf") or []
        words = [type_text(branch) for branch in branches]
        return " or ".join(dict.fromkeys(word for word in words if word)) or "any"
    if isinstance(kinds, str):
        kinds = [kinds]
    words = []
    for kind in kinds:
        if kind == "array" and isinstance(schema.get("items"), dict):
            words.append(f"list of {_plural(type_text(schema['items']))}")
        else:
            words.append(_TYPE_WORDS.get(kind, kind))
    return " or ".join(words)


def allowed_text(schema: dict[str, Any]) -> list[str]:
    """Return the constraints on a field's value, one short phrase each."""
    found = []
    if "enum" in schema:
        found.append("one of: " + ", ".join(json.dumps(v) for v in schema["enum"]))
    if "const" in schema:
        found.append(f"exactly {json.dumps(schema['const'])}")
    if "x-format" in schema:
        found.append(str(schema["x-format"]))
    elif "pattern" in schema:
        found.append(f"matches {schema['pattern']}")
    if "minimum" in schema and "maximum" in schema:
        found.append(f"{schema['minimum']} to {schema['maximum']}")
    if schema.get("minItems"):
        count = schema["minItems"]
        found.append(f"at least {count} item" + ("" if count == 1 else "s"))
    if schema.get("minLength") == 1:
        found.append("not empty")
    for branch in schema.get("oneOf", []) + schema.get("anyOf", []):
        rules = allowed_text(branch)
        if rules:
            found.append(f"as {type_text(branch)}: " + ", ".join(rules))
    items = schema.get("items")
    if isinstance(items, dict) and not _is_object(items):
        found.extend(f"each item {text}" for text in allowed_text(items))
    return list(dict.fromkeys(found))


class SchemaFieldsDirective(SphinxDirective):
    """Render the field table of one directive's shipped schema."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in DIRECTIVE_NAMES:
            logger.warning(
                f"schema-fields: '{name}' is not a directive of the extension; "
                f"use one of: {', '.join(DIRECTIVE_NAMES)}",
                location=self.get_location(),
            )
            return []
        schema = shipped_schema(name)
        rows: list[list[Cell]] = [_row_cells(row) for row in schema_rows(schema)]
        title = f"Fields of {name}"
        table = build_table(
            ["Field", "Type", "Required", "Allowed values", "Description"],
            [23, 13, 13, 19, 36],
            rows,
            title=[nodes.Text(title)],
            title_text=title,
        )
        table["classes"].append("ig-reference-table")
        return [table]


def _row_cells(row: Row) -> list[Cell]:
    allowed = allowed_text(row.schema)
    allowed_cell: list[nodes.Node] = []
    for index, phrase in enumerate(allowed):
        if index:
            allowed_cell.append(nodes.Text("; "))
        allowed_cell.append(nodes.Text(phrase))
    description = str(row.schema.get("description", ""))
    return [
        [nodes.literal(row.path, row.path)],
        type_text(row.schema),
        row.required,
        allowed_cell,
        description,
    ]


class WarningSubtypesDirective(SphinxDirective):
    """Render the table of warning subtypes from the extension's own list."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[Cell]] = []
        for subtype, description in SUBTYPE_DESCRIPTIONS.items():
            key = f"{WARNING_TYPE}.{subtype}"
            rows.append([[nodes.literal(key, key)], description])
        title = "Warning subtypes"
        table = build_table(["suppress_warnings entry", "What it reports"], [30, 70],
                            rows, title=[nodes.Text(title)], title_text=title)
        table["classes"].append("ig-reference-table")
        return [table]


class ConfigValuesDirective(SphinxDirective):
    """Render the configuration values with their types, defaults and meaning."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[Cell]] = []
        for name, (default, _rebuild, types) in guide_config.CONFIG_VALUES.items():
            description = CONFIG_DESCRIPTIONS.get(name)
            if description is None:
                logger.warning(
                    f"config-values: {name} has no description; add one to "
                    "CONFIG_DESCRIPTIONS in docs/_ext/reference_tables.py",
                    location=self.get_location(),
                )
                description = ""
            kinds = " or ".join(kind.__name__ for kind in types)
            default_text = _default_text(default)
            rows.append([[nodes.literal(name, name)], kinds,
                         [nodes.literal(default_text, default_text)], description])
        title = "Configuration values"
        table = build_table(["Name", "Type", "Default", "What it sets"],
                            [34, 12, 18, 36], rows,
                            title=[nodes.Text(title)], title_text=title)
        table["classes"].append("ig-reference-table")
        return [table]


class GenericRemediationsDirective(SphinxDirective):
    """Render the built-in list of generic remediations as a bullet list."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list()
        for text in guide_config.DEFAULT_GENERIC_REMEDIATIONS:
            literal = nodes.literal(text, text)
            items += nodes.list_item("", nodes.paragraph("", "", literal))
        return [items]


def _default_text(default: Any) -> str:
    text = repr(default)
    if len(text) > 40:
        return "(built-in list, see below)"
    return text


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("schema-fields", SchemaFieldsDirective)
    app.add_directive("warning-subtypes", WarningSubtypesDirective)
    app.add_directive("config-values", ConfigValuesDirective)
    app.add_directive("generic-remediations", GenericRemediationsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
