"""Schema validation and its messages, without a Sphinx application."""

from __future__ import annotations

import copy

from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.loading import load
from sphinx_integration_guides.validation import (
    check_schema,
    extend_schema,
    shipped_schema,
    validate,
    validator_for,
)

SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
VALID_KEYS = "backoff, cause, code, docs, http_status, message, remediation, retryable"


def problems_of(text: str, schema: dict | None = None) -> list[tuple[int, str]]:
    document, load_problems = load(text, "guide.yaml")
    assert load_problems == []
    assert document is not None
    problems = validate(document, schema or shipped_schema("error-map"), "error-map")
    for problem in problems:
        assert problem.subtype is Subtype.SCHEMA
        assert problem.fatal
        assert problem.source == "guide.yaml"
    return [(problem.line, problem.message) for problem in problems]


def data_of(text: str, schema: dict) -> object:
    document, _ = load(text, "guide.yaml")
    assert document is not None
    assert validate(document, schema, "test") == []
    return document.data


def test_every_error_at_its_line() -> None:
    text = """\
errors:
  - code: E1
    http_status: 999
    cause: A cause
    remediaton: Fix
  - code: E2
    cause: ''
    remediation: Fix
    retryable: maybe
"""
    assert sorted(problems_of(text)) == [
        (2, "error-map: errors[0]: missing required field 'remediation'; add it"),
        (
            3,
            "error-map: errors[0].http_status: 999 breaks the schema rule "
            "maximum: 599; change the value",
        ),
        (
            5,
            "error-map: errors[0].remediaton: unknown key 'remediaton'; did you "
            f"mean 'remediation'? Valid keys: {VALID_KEYS}",
        ),
        (7, "error-map: errors[1].cause: must not be empty; write a value"),
        (9, "error-map: errors[1].retryable: expected true or false, got 'maybe'"),
    ]


def test_unknown_key_without_near_match() -> None:
    assert problems_of(
        "errors:\n  - code: A\n    cause: x\n    remediation: y\n    colour: blue\n"
    ) == [
        (
            5,
            f"error-map: errors[0].colour: unknown key 'colour'; remove it. "
            f"Valid keys: {VALID_KEYS}",
        ),
    ]


def test_unknown_top_level_key() -> None:
    assert problems_of("error:\n  - code: A\n") == [
        (
            1,
            "error-map: error: unknown key 'error'; did you mean 'errors'? "
            "Valid keys: errors",
        ),
        (1, "error-map: missing required field 'errors'; add it"),
    ]


def test_one_of_picks_list_branch() -> None:
    text = (
        "errors:\n  - code: A\n    cause: x\n    remediation:\n"
        "      - Step\n      - {a: 1}\n"
    )
    assert problems_of(text) == [
        (6, "error-map: errors[0].remediation[1]: expected text, got a mapping"),
    ]


def test_one_of_picks_text_branch() -> None:
    text = "errors:\n  - code: A\n    cause: x\n    remediation: ''\n"
    assert problems_of(text) == [
        (4, "error-map: errors[0].remediation: must not be empty; write a value"),
    ]


def test_one_of_names_alternatives() -> None:
    text = "errors:\n  - code: A\n    cause: x\n    remediation: {a: 1}\n"
    assert problems_of(text) == [
        (4, "error-map: errors[0].remediation: expected text or a list, got a mapping"),
    ]


def test_any_of_picks_object_branch() -> None:
    schema = {
        "type": "object",
        "properties": {
            "token": {
                "anyOf": [
                    {"type": "string"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"lifetime": {"type": "string"}},
                    },
                ]
            }
        },
    }
    assert problems_of("token:\n  lifetim: 1h\n", schema) == [
        (
            2,
            "error-map: token.lifetim: unknown key 'lifetim'; did you mean "
            "'lifetime'? Valid keys: lifetime",
        ),
    ]


def test_enum_suggests_nearest() -> None:
    schema = {"type": "object", "properties": {"scheme": {"enum": ["basic", "saml"]}}}
    assert problems_of("scheme: basik\n", schema) == [
        (
            1,
            "error-map: scheme: 'basik' is not allowed; did you mean 'basic'? "
            "use one of: basic, saml",
        ),
    ]


def test_pattern_uses_human_form() -> None:
    schema = {
        "type": "object",
        "properties": {
            "time": {"type": "string", "pattern": "^\\d+:\\d\\d$", "x-format": "m:ss"}
        },
    }
    assert problems_of("time: soon\n", schema) == [
        (1, "error-map: time: 'soon' is not in the expected form; write m:ss"),
    ]


def test_hint_is_appended() -> None:
    schema = {
        "type": "object",
        "properties": {"n": {"type": "integer", "x-hint": "count the retries"}},
    }
    assert problems_of("n: many\n", schema) == [
        (1, "error-map: n: expected a whole number, got 'many' (count the retries)"),
    ]


def test_secret_in_wrong_type_not_repeated() -> None:
    text = (
        "errors:\n  - code: A\n    cause: x\n    remediation: y\n"
        f"    http_status: {SECRET}\n"
    )
    problems = problems_of(text)
    assert problems == [
        (
            5,
            "error-map: errors[0].http_status: expected a whole number, got a value "
            "that looks like a live secret (not shown)",
        ),
    ]


def test_secret_unknown_key_value_not_repeated() -> None:
    text = (
        f"errors:\n  - code: A\n    cause: x\n    remediation: y\n    token: {SECRET}\n"
    )
    problems = problems_of(text)
    assert problems == [
        (
            5,
            "error-map: errors[0].token: unknown key 'token'; remove it. "
            f"Valid keys: {VALID_KEYS}",
        ),
    ]


def test_secret_as_key_not_repeated() -> None:
    text = f"errors:\n  - code: A\n    cause: x\n    remediation: y\n    {SECRET}: 1\n"
    problems = problems_of(text)
    assert problems == [
        (
            2,
            "error-map: errors[0]: unknown key, a key that looks like a live secret "
            "(not shown); remove it",
        ),
    ]
    assert all(SECRET not in message for _, message in problems)


def test_secret_in_enum_not_repeated() -> None:
    schema = {"type": "object", "properties": {"store": {"enum": ["env", "vault"]}}}
    problems = problems_of(f"store: {SECRET}\n", schema)
    assert problems == [
        (
            1,
            "error-map: store: a value that looks like a live secret (not shown) is "
            "not allowed; use one of: env, vault",
        ),
    ]


def test_strings_keep_written_text() -> None:
    schema = {
        "type": "object",
        "properties": {
            "version": {"type": "string"},
            "code": {"type": "string"},
            "status": {"type": "string"},
            "count": {"type": "integer"},
            "flag": {"type": "boolean"},
            "either": {"type": ["string", "integer"]},
            "nested": {"type": "array", "items": {"type": "string"}},
        },
    }
    text = (
        "version: 7.10\ncode: NO\nstatus: 401\ncount: 3\nflag: yes\neither: 5\n"
        "nested: [1.0, off, 2]\n"
    )
    assert data_of(text, schema) == {
        "version": "7.10",
        "code": "NO",
        "status": "401",
        "count": 3,
        "flag": True,
        "either": 5,
        "nested": ["1.0", "off", "2"],
    }


def test_error_map_code_keeps_text() -> None:
    text = (
        "errors:\n  - code: 401\n    cause: x\n    remediation: y\n  - code: NO\n"
        "    cause: x\n    remediation: y\n"
    )
    data = data_of(text, shipped_schema("error-map"))
    assert [error["code"] for error in data["errors"]] == ["401", "NO"]


def test_validator_compiled_once_per_schema() -> None:
    base = shipped_schema("error-map")
    assert validator_for(base) is validator_for(copy.deepcopy(base))
    extended = extend_schema(base, {"required": ["extra"]})
    assert validator_for(extended) is not validator_for(base)


def test_extend_schema_leaves_base_alone() -> None:
    base = shipped_schema("error-map")
    before = copy.deepcopy(base)
    fragment = {
        "properties": {
            "errors": {
                "items": {
                    "required": ["http_status"],
                    "properties": {
                        "owner": {"type": "string"},
                        "code": {"enum": ["A", "B"]},
                    },
                }
            }
        }
    }
    extended = extend_schema(base, fragment)
    assert base == before
    item = extended["properties"]["errors"]["items"]
    assert item["required"] == ["code", "cause", "remediation", "http_status"]
    assert item["properties"]["owner"] == {"type": "string"}
    assert item["properties"]["code"]["enum"] == ["A", "B"]
    assert check_schema(extended) is None


def test_extended_schema_errors() -> None:
    fragment = {
        "properties": {
            "errors": {
                "items": {
                    "required": ["owner"],
                    "properties": {
                        "owner": {"type": "string"},
                        "code": {"enum": ["A"]},
                    },
                }
            }
        }
    }
    schema = extend_schema(shipped_schema("error-map"), fragment)
    text = "errors:\n  - code: B\n    cause: x\n    remediation: y\n"
    assert problems_of(text, schema) == [
        (2, "error-map: errors[0]: missing required field 'owner'; add it"),
        (2, "error-map: errors[0].code: 'B' is not allowed; use one of: A"),
    ]
    owned = text + "    owner: Team A\n"
    assert problems_of(owned.replace("code: B", "code: A"), schema) == []


def test_check_schema_reports_reason() -> None:
    assert check_schema({"type": "strng"}) == (
        "'strng' is not valid under any of the given schemas (at type)"
    )
