"""JSON Schemas of the directives: load, extend, compile once, explain errors."""

from __future__ import annotations

import copy
import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from sphinx_integration_guides.diagnostics import Problem, Subtype
from sphinx_integration_guides.extra_fields import plain_text
from sphinx_integration_guides.loading import Document, Path, field_path
from sphinx_integration_guides.subschemas import expand_subschemas
from sphinx_integration_guides.text import describe_value, find_live_secret

#: Custom keyword: a sentence with the fix for a failing value.
HINT_KEYWORD = "x-hint"

_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}
#: The JSON type of each value YAML loads, for values a widened schema let in.
_VALUE_TYPES = {
    **_JSON_TYPES, list: "array", dict: "object", type(None): "null"
}
_SCALARS = ("boolean", "integer", "number")
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "null",
}


@cache
def shipped_schema(directive: str) -> dict[str, Any]:
    """Return the JSON Schema shipped for ``directive`` (do not modify it)."""
    name = f"{directive}.schema.json"
    text = resources.files("sphinx_integration_guides.schemas").joinpath(name)
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


def extend_schema(base: dict[str, Any], extension: dict[str, Any]) -> dict[str, Any]:
    """Merge a project's schema fragment into ``base`` and return a new schema.

    Mappings merge key by key, ``required`` lists are joined, and any other
    value in the fragment replaces the base's, so a project can add required
    fields, narrow an ``enum`` or add properties without reopening a closed
    schema.
    """
    merged = copy.deepcopy(base)
    _merge_into(merged, extension)
    return merged


def _merge_into(target: dict[str, Any], fragment: dict[str, Any]) -> None:
    for key, value in fragment.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge_into(current, value)
        elif (
            key == "required" and isinstance(current, list) and isinstance(value, list)
        ):
            target[key] = current + [name for name in value if name not in current]
        else:
            target[key] = copy.deepcopy(value)


#: A registry that contains no documents and retrieves none, so a ``$ref`` can
#: only point inside its own schema and validation never reads a file or URL.
_NO_RETRIEVAL: Registry[Any] = Registry()


def check_schema(schema: dict[str, Any]) -> str | None:
    """Return why ``schema`` is not a usable Draft 2020-12 schema, or None.

    Besides the meta-schema check, every ``$ref`` must resolve within the
    schema itself and the schema must compile.
    """
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        where = ".".join(str(part) for part in error.path) or "the top level"
        return f"{error.message} (at {where})"
    unresolved = _unresolved_reference(schema)
    if unresolved is not None:
        return (
            f"the reference {describe_value(unresolved)} does not point to a part "
            "of the schema; refer only to places inside it, such as '#/$defs/name'"
        )
    try:
        list(_compiled(json.dumps(schema, sort_keys=True)).iter_errors({}))
    except Exception as failure:  # any failure makes the schema unusable
        return f"it does not compile ({describe_value(str(failure))})"
    return None


def _unresolved_reference(schema: dict[str, Any]) -> str | None:
    """Return the first ``$ref`` of ``schema`` that does not resolve inside it."""
    root = DRAFT202012.create_resource(schema)
    base = str(schema.get("$id", ""))
    resolver = _NO_RETRIEVAL.with_resource(base, root).resolver(base_uri=base)
    pending: list[tuple[Any, Any]] = [(schema, resolver)]
    while pending:
        value, resolver = pending.pop()
        if isinstance(value, list):
            pending.extend((item, resolver) for item in value)
            continue
        if not isinstance(value, dict):
            continue
        if value is not schema and isinstance(value.get("$id"), str):
            resolver = resolver.in_subresource(DRAFT202012.create_resource(value))
        for keyword in ("$ref", "$dynamicRef"):
            reference = value.get(keyword)
            if isinstance(reference, str):
                try:
                    resolver.lookup(reference)
                except Unresolvable:
                    return reference
        pending.extend((item, resolver) for item in value.values())
    return None


def validator_for(schema: dict[str, Any]) -> Draft202012Validator:
    """Return a compiled validator, shared by every user of an equal schema.

    The cache is keyed by the schema's content, never by directive name, so a
    schema extended in one project's conf.py cannot serve another project
    built later in the same process.
    """
    return _compiled(json.dumps(schema, sort_keys=True))


@cache
def _compiled(schema_text: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_text), registry=_NO_RETRIEVAL)


def coerce_strings(document: Document, schema: dict[str, Any]) -> None:
    """Give string-typed fields the text written for them (``7.10``, ``NO``).

    YAML turns ``7.10`` into a float and ``NO`` into False. Where the schema
    only accepts a string at that place, the scalar's written text replaces
    the converted value.
    """
    document.data = _coerce(document.data, (), [schema], document.raw)


def _coerce(
    value: Any, path: Path, schemas: list[dict[str, Any]], raw: dict[Path, str]
) -> Any:
    schemas = expand_subschemas(schemas)
    if isinstance(value, dict):
        return {
            key: _coerce(item, (*path, key), _property_schemas(schemas, key), raw)
            for key, item in value.items()
        }
    if isinstance(value, list):
        items = [s["items"] for s in schemas if isinstance(s.get("items"), dict)]
        return [_coerce(item, (*path, i), items, raw) for i, item in enumerate(value)]
    written = raw.get(path)
    if written is None or value is None or not schemas:
        return value
    allowed = {t for s in schemas for t in _types(s)}
    actual = _JSON_TYPES.get(type(value))
    accepts_actual = actual in allowed or (actual == "integer" and "number" in allowed)
    if "string" in allowed and not accepts_actual:
        return written
    return value


def text_where_shipped_wants_text(document: Document, shipped: dict[str, Any]) -> None:
    """Write as text each value the shipped schema would only take as text.

    A schema extension may widen a field (``backoff`` may be a number too).
    The directive renders the shipped shape, so a number, flag, list or
    mapping in a place the shipped schema keeps for text becomes its written
    text (a scalar as written in the YAML, any other value as plain text).
    """
    document.data = _as_text(document.data, (), [shipped], document.raw)


def _as_text(
    value: Any, path: Path, schemas: list[dict[str, Any]], raw: dict[Path, str]
) -> Any:
    schemas = expand_subschemas(schemas)
    allowed = {t for s in schemas for t in _types(s)}
    actual = _VALUE_TYPES.get(type(value), "")
    if "string" in allowed and actual not in allowed:
        written = raw.get(path)
        if written is not None and actual in _SCALARS:
            return written
        return plain_text(value)
    if isinstance(value, dict):
        return {
            key: _as_text(item, (*path, key), _property_schemas(schemas, key), raw)
            for key, item in value.items()
        }
    if isinstance(value, list):
        items = [s["items"] for s in schemas if isinstance(s.get("items"), dict)]
        return [_as_text(item, (*path, i), items, raw) for i, item in enumerate(value)]
    return value


def _property_schemas(schemas: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    found = []
    for schema in schemas:
        properties = schema.get("properties", {})
        if key in properties:
            found.append(properties[key])
        elif isinstance(schema.get("additionalProperties"), dict):
            found.append(schema["additionalProperties"])
    return found


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return kind
    return []


def validate(
    document: Document, schema: dict[str, Any], directive: str
) -> list[Problem]:
    """Validate the document and explain every error, each at its own line."""
    coerce_strings(document, schema)
    try:
        validator = validator_for(schema)
        errors = sorted(validator.iter_errors(document.data), key=_error_order)
    except Exception as failure:  # a broken schema must not crash the build
        message = (
            f"{directive}: the schema cannot check this data "
            f"({describe_value(str(failure))}); fix "
            "integration_guides_schema_extensions in conf.py"
        )
        return [
            Problem(
                Subtype.SCHEMA, message, document.source, document.line_of(()), True
            )
        ]
    problems: list[Problem] = []
    seen: set[tuple[int, str]] = set()
    for error in errors:
        for path, message in explain(error):
            line = document.line_of(path)
            if (line, message) in seen:
                continue
            seen.add((line, message))
            text = f"{directive}: {message}"
            problems.append(Problem(Subtype.SCHEMA, text, document.source, line, True))
    return problems


def _error_order(error: ValidationError) -> tuple[str, ...]:
    return tuple(
        f"{part:08d}" if isinstance(part, int) else part for part in error.path
    )


def explain(error: ValidationError) -> list[tuple[Path, str]]:
    """Return ``(path, message)`` pairs for one error, naming the fix."""
    path: Path = tuple(error.absolute_path)
    if error.validator in ("oneOf", "anyOf") and error.context:
        return _explain_branch(error)
    where = field_path(path) or "top level"
    explainer = _EXPLAINERS.get(str(error.validator), _explain_generic)
    result = explainer(error, path, where)
    hint = (
        _schema_of(error).get(HINT_KEYWORD) if isinstance(error.schema, dict) else None
    )
    if hint:
        result = [(p, f"{message} ({hint})") for p, message in result]
    return result


def _rule(error: ValidationError) -> Any:
    """Return the value of the failed keyword (``required``'s list, ...)."""
    return error.validator_value


def _instance(error: ValidationError) -> Any:
    """Return the value that failed."""
    return error.instance


def _schema_of(error: ValidationError) -> dict[str, Any]:
    schema = error.schema
    return dict(schema) if isinstance(schema, dict) else {}


def _explain_branch(error: ValidationError) -> list[tuple[Path, str]]:
    """Explain a ``oneOf``/``anyOf`` failure through the branch most likely meant.

    A branch whose own type matched the value is preferred over one that
    rejected the value's type outright. Among those, the branch whose errors
    reached deepest into the value wins, then the one with fewest errors.
    """
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)

    def closeness(item: tuple[int, list[ValidationError]]) -> tuple[int, int, int]:
        _, subs = item
        type_mismatch = any(s.validator == "type" and not s.relative_path for s in subs)
        depth = max(len(s.relative_path) for s in subs)
        return (0 if type_mismatch else 1, depth, -len(subs))

    _, chosen = max(branches.items(), key=closeness)
    if all(s.validator == "type" and not s.relative_path for s in chosen):
        return _explain_alternatives(error)
    return [pair for sub in chosen for pair in explain(sub)]


def _explain_alternatives(error: ValidationError) -> list[tuple[Path, str]]:
    path: Path = tuple(error.absolute_path)
    words: list[str] = []
    for branch in _rule(error):
        words.extend(_TYPE_WORDS.get(kind, kind) for kind in _types(branch))
    where = field_path(path) or "top level"
    expected = " or ".join(dict.fromkeys(words)) or "a different value"
    return [
        (path, f"{where}: expected {expected}, got {describe_value(_instance(error))}")
    ]


def _explain_required(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    missing = [name for name in _rule(error) if name not in _instance(error)]
    name = missing[0] if missing else error.message
    place = f"{where}: " if path else ""
    return [(path, f"{place}missing required field '{name}'; add it")]


def _explain_unknown_key(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    properties = sorted(_schema_of(error).get("properties", {}))
    allowed = set(properties)
    extra = [key for key in _instance(error) if key not in allowed]
    pairs = []
    for key in extra:
        if find_live_secret(key):
            hidden = "a key that looks like a live secret (not shown)"
            pairs.append((path, f"{where}: unknown key, {hidden}; remove it"))
            continue
        shown = describe_value(key)
        # A key too long to quote whole is left out of the field path too.
        place = field_path((*path, key)) if shown == f"'{key}'" else where
        close = difflib.get_close_matches(key, properties, n=1, cutoff=0.6)
        fix = f"did you mean '{close[0]}'?" if close else "remove it."
        valid = ", ".join(properties)
        pairs.append(
            ((*path, key), f"{place}: unknown key {shown}; {fix} Valid keys: {valid}")
        )
    return pairs


def _explain_type(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    expected = _rule(error)
    kinds = expected if isinstance(expected, list) else [expected]
    words = " or ".join(_TYPE_WORDS.get(str(kind), str(kind)) for kind in kinds)
    return [
        (path, f"{where}: expected {words}, got {describe_value(_instance(error))}")
    ]


def _explain_enum(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    options = [str(option) for option in _rule(error)]
    value = describe_value(_instance(error))
    close = difflib.get_close_matches(str(_instance(error)), options, n=1, cutoff=0.6)
    suggestion = f"did you mean '{close[0]}'? " if close else ""
    listed = ", ".join(options)
    return [
        (path, f"{where}: {value} is not allowed; {suggestion}use one of: {listed}")
    ]


def _explain_pattern(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    if _instance(error) == "" and _schema_of(error).get("minLength"):
        return []  # the minLength message already requests a value
    value = describe_value(_instance(error))
    form = _schema_of(error).get("x-format", f"the pattern {_rule(error)}")
    return [(path, f"{where}: {value} is not in the expected form; write {form}")]


def _explain_min_items(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    count = _rule(error)
    noun = "item" if count == 1 else "items"
    return [(path, f"{where}: needs at least {count} {noun}; add one")]


def _explain_min_length(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    return [(path, f"{where}: must not be empty; write a value")]


def _explain_generic(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    value = describe_value(_instance(error))
    rule = f"{error.validator}: {json.dumps(_rule(error))}"
    return [(path, f"{where}: {value} breaks the schema rule {rule}; change the value")]


def _explain_min_properties(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    return [(path, f"{where}: must not be empty; add at least one entry")]


def _explain_not(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    value = describe_value(_instance(error))
    return [(path, f"{where}: {value} is not allowed here; remove it")]


def _explain_unique_items(
    error: ValidationError, path: Path, where: str
) -> list[tuple[Path, str]]:
    items: list[Any] = list(_instance(error))
    seen: list[Any] = []
    for index, item in enumerate(items):
        if item in seen:
            value = describe_value(item)
            return [((*path, index), f"{where}: {value} is listed twice; remove one")]
        seen.append(item)
    return [(path, f"{where}: holds the same item twice; remove one")]


_EXPLAINERS = {
    "required": _explain_required,
    "additionalProperties": _explain_unknown_key,
    "unevaluatedProperties": _explain_unknown_key,
    "type": _explain_type,
    "enum": _explain_enum,
    "pattern": _explain_pattern,
    "minItems": _explain_min_items,
    "minLength": _explain_min_length,
    "minProperties": _explain_min_properties,
    "not": _explain_not,
    "uniqueItems": _explain_unique_items,
}
