"""Loading YAML and JSON into data with lines, without a Sphinx application."""

from __future__ import annotations

import json
import time

import pytest

from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.loading import MAX_DEPTH, MAX_SIZE, load


def load_ok(text: str | bytes, *, json_syntax: bool = False):
    document, problems = load(text, "data.yaml", json_syntax=json_syntax)
    assert problems == []
    assert document is not None
    return document


def load_problem(text: str | bytes, *, json_syntax: bool = False) -> tuple[int, str]:
    document, problems = load(text, "data.yaml", json_syntax=json_syntax)
    assert document is None
    assert len(problems) == 1
    problem = problems[0]
    assert problem.subtype is Subtype.YAML
    assert problem.fatal
    assert problem.source == "data.yaml"
    assert problem.line is not None
    return problem.line, problem.message


def test_lines_of_keys_and_items() -> None:
    document = load_ok("errors:\n  - code: A\n    cause: x\n  - code: B\n")
    assert document.lines[("errors",)] == 1
    assert document.lines[("errors", 0)] == 2
    assert document.lines[("errors", 0, "code")] == 2
    assert document.lines[("errors", 0, "cause")] == 3
    assert document.lines[("errors", 1, "code")] == 4
    assert document.line_of(("errors", 1, "missing")) == 4


def test_scalars_keep_written_text() -> None:
    document = load_ok("version: 7.10\ncode: NO\nstatus: 401\nname: text\n")
    assert document.data == {
        "version": 7.1,
        "code": False,
        "status": 401,
        "name": "text",
    }
    assert document.raw[("version",)] == "7.10"
    assert document.raw[("code",)] == "NO"
    assert document.raw[("status",)] == "401"
    assert ("name",) not in document.raw


def test_duplicate_key_names_both_lines() -> None:
    assert load_problem("errors:\n  - code: A\n    code: B\n") == (
        3,
        "errors[0]: duplicate key 'code' at line 3, first defined at line 2; "
        "remove one of them",
    )


def test_duplicate_top_level_key() -> None:
    assert load_problem("a: 1\nb: 2\na: 3\n") == (
        3,
        "duplicate key 'a' at line 3, first defined at line 1; remove one of them",
    )


def test_anchor_rejected() -> None:
    assert load_problem("a: &x 1\nb: 2\n") == (
        1,
        "YAML anchor '&x' is not supported; repeat the value or move shared "
        "content into a file used with :file:",
    )


@pytest.mark.parametrize(
    "text",
    [
        "errors:\n  - &x\n    code: E4\n  - *x\n",
        "a: 1\nb: &x\n  c: 1\n",
        "a: 1\nb: !!map &x\n  c: 1\n",
        "a: 1\n&x b: 2\n",
    ],
    ids=["list-item", "nested-mapping", "tag-first", "key"],
)
def test_anchor_reported_at_its_own_line(text: str) -> None:
    line, message = load_problem(text)
    assert (line, message[:15]) == (2, "YAML anchor '&x")


def test_alias_rejected() -> None:
    assert load_problem("a: 1\nb: *x\n") == (
        2,
        "YAML alias '*x' is not supported; repeat the value or move shared "
        "content into a file used with :file:",
    )


def test_merge_key_rejected() -> None:
    assert load_problem("a:\n  <<: {b: 1}\n  c: 2\n") == (
        2,
        "YAML merge key '<<' is not supported; write the keys out or move "
        "shared content into a file used with :file:",
    )


def test_quoted_merge_key_is_plain_key() -> None:
    assert load_ok("'<<': 1\n").data == {"<<": 1}


def test_custom_tag_rejected() -> None:
    assert load_problem("a: !!python/object:os.system ls\n") == (
        1,
        "YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported; "
        "remove it and write a plain value",
    )


def test_billion_laughs_stops_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        ref = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{ref}"] * 9) + "]")
    start = time.perf_counter()
    line, message = load_problem("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert line == 1
    assert message.startswith("YAML anchor '&a' is not supported")


def test_size_limit() -> None:
    text = "notes: '" + "x" * MAX_SIZE + "'\n"
    assert load_problem(text) == (
        1,
        "the data is larger than the limit of 1024 KiB; split it into several "
        "directives or files",
    )


def test_size_limit_counts_bytes() -> None:
    assert load_ok("notes: '" + "x" * (MAX_SIZE - 20) + "'\n")


def test_depth_limit_yaml() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert load_problem(f"a: {deep}\n") == (
        1,
        "the data is nested deeper than 64 levels; flatten it",
    )


def test_depth_at_limit_loads() -> None:
    deep = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert load_ok(f"a: {deep}\n")


def test_depth_limit_json() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert load_problem(deep, json_syntax=True) == (
        1,
        "the data is nested deeper than 64 levels; flatten it",
    )


def test_invalid_utf8_line() -> None:
    assert load_problem(b"a: 1\nb: 2\nc: caf\xe9\n") == (
        3,
        "invalid UTF-8 (byte 0xe9 at offset 16); save the file as UTF-8",
    )


def test_utf8_bom_accepted() -> None:
    assert load_ok("\ufeffa: 1\n".encode()).data == {"a": 1}


def test_yaml_syntax_error_line() -> None:
    assert load_problem("a: 1\nb: [x\nc: 2\n") == (
        3,
        "invalid YAML: did not find expected ',' or ']' (while parsing a flow "
        "sequence that starts at line 2); fix the syntax at line 3",
    )


def test_yaml_unclosed_quote_at_start() -> None:
    assert load_problem('a: 1\nb: "open\nc: 2\n') == (
        2,
        "invalid YAML: found unexpected end of stream (while scanning a quoted "
        "scalar that starts at line 2); close it before the data ends",
    )


def test_yaml_tab_indentation_hint() -> None:
    line, message = load_problem("a:\n  b: 1\n\t- c\n")
    assert line == 3
    assert message.endswith(
        "; YAML does not allow tabs for indentation, so indent with spaces"
    )


def test_multiple_documents() -> None:
    assert load_problem("a: 1\n---\nb: 2\n") == (
        3,
        "the data contains more than one YAML document; remove the '---' separator "
        "or move the second document elsewhere",
    )


def test_explicit_document_start_allowed() -> None:
    assert load_ok("---\na: 1\n").data == {"a": 1}


def test_non_scalar_key() -> None:
    assert load_problem("? [a, b]\n: 1\n") == (
        1,
        "a mapping key must be plain text, not a list or mapping",
    )


def test_number_key_keeps_text() -> None:
    assert load_ok("401: x\nyes: y\n").data == {"401": "x", "yes": "y"}


def test_json_with_tabs() -> None:
    document = load_ok(
        '{\n\t"errors": [\n\t\t{"code": "A"}\n\t]\n}\n', json_syntax=True
    )
    assert document.data == {"errors": [{"code": "A"}]}
    assert document.lines[("errors", 0)] == 3


def test_json_long_key() -> None:
    key = "k" * 2000
    document = load_ok(json.dumps({key: 1}), json_syntax=True)
    assert document.data == {key: 1}


def test_json_surrogate_pair() -> None:
    document = load_ok('{"a": "smile \\ud83d\\ude00"}', json_syntax=True)
    assert document.data == {"a": "smile \U0001f600"}
    assert document.data["a"].encode("utf-8")


def test_json_lines_of_keys() -> None:
    text = (
        '{\n  "errors": [\n    {\n      "code": 401,\n      "ok": true\n    }\n  ]\n}'
    )
    document = load_ok(text, json_syntax=True)
    assert document.lines[("errors", 0, "code")] == 4
    assert document.raw[("errors", 0, "code")] == "401"
    assert document.raw[("errors", 0, "ok")] == "true"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '{\n  "a": 1,\n}',
            3,
            "invalid JSON: a comma before '}' is not allowed in JSON; remove it",
        ),
        (
            "[\n  1,\n  2,\n]",
            4,
            "invalid JSON: a comma before ']' is not allowed in JSON; remove it",
        ),
        ('{\n  "a": tru\n}', 2, "invalid JSON: expected a value, found 'tru'"),
        ("{\n  a: 1\n}", 2, "invalid JSON: expected a key in double quotes, found 'a'"),
        ('{\n  "a" 1\n}', 2, "invalid JSON: expected ':' after the key, found '1'"),
        (
            '{"a": 1}\n{"b": 2}',
            2,
            "invalid JSON: unexpected '{' after the JSON value; remove it",
        ),
        ('{\n  "a": [1 2]\n}', 2, "invalid JSON: expected ',' or ']', found '2'"),
        (
            '{\n  "a": "open\n}',
            2,
            "invalid JSON: a string holds a line break or control character; "
            "close the string, or write \\n or \\t",
        ),
        (
            '{\n  "a": "\\q"\n}',
            2,
            "invalid JSON: a string holds an invalid escape; write a backslash as \\\\",
        ),
        (
            '{\n  "a": 1',
            2,
            "invalid JSON: expected ',' or '}', found the end of the data",
        ),
    ],
)
def test_json_syntax_errors(text: str, line: int, message: str) -> None:
    assert load_problem(text, json_syntax=True) == (line, message)


def test_json_duplicate_key() -> None:
    assert load_problem('{\n  "a": 1,\n  "a": 2\n}', json_syntax=True) == (
        3,
        "duplicate key 'a' at line 3, first defined at line 2; remove one of them",
    )


def test_first_line_padding_maps_lines() -> None:
    document = load_ok("\n" * 9 + "a: 1\nb: 2\n")
    assert document.lines[("b",)] == 11
