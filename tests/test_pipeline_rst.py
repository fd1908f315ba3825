"""The pipeline in reStructuredText: bodies, :file:, included fragments.

One project is built once for the whole module; each test checks one
expected warning or one piece of output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_root

KEYS = "backoff, cause, code, docs, http_status, message, remediation, retryable"
SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"


def warning(location: str, message: str, subtype: str) -> str:
    return f"{location}: WARNING: {message} [integration_guides.{subtype}]"


def placed(message: str) -> str:
    return f"error-map: {message}"


BODY_WARNINGS = [
    (
        "body.rst:20",
        "errors[0]: missing required field 'remediation'; add it",
        "schema",
    ),
    (
        "body.rst:21",
        "errors[0].http_status: expected a whole number, got 'four hundred'",
        "schema",
    ),
    (
        "body.rst:23",
        "errors[0].remediaton: unknown key 'remediaton'; did you mean "
        f"'remediation'? Valid keys: {KEYS}",
        "schema",
    ),
    ("body.rst:25", "errors[1].cause: must not be empty; write a value", "schema"),
    (
        "body.rst:27",
        f"errors[1].colour: unknown key 'colour'; remove it. Valid keys: {KEYS}",
        "schema",
    ),
    (
        "body.rst:34",
        "errors[0].remediation[1]: must not be empty; write a value",
        "schema",
    ),
    (
        "body.rst:41",
        "errors[0]: duplicate key 'cause' at line 41, first defined at "
        "line 40; remove one of them",
        "yaml",
    ),
    (
        "body.rst:49",
        "invalid YAML: did not find expected ',' or ']' (while parsing a "
        "flow sequence that starts at line 48); fix the syntax at line 49",
        "yaml",
    ),
    (
        "body.rst:54",
        "YAML anchor '&first' is not supported; repeat the value or move "
        "shared content into a file used with :file:",
        "yaml",
    ),
    (
        "body.rst:62",
        "YAML merge key '<<' is not supported; write the keys out or move "
        "shared content into a file used with :file:",
        "yaml",
    ),
    (
        "body.rst:70",
        "the data contains more than one YAML document; remove the '---' "
        "separator or move the second document elsewhere",
        "yaml",
    ),
    (
        "body.rst:72",
        "no data; write YAML in the body or name a file with :file:",
        "yaml",
    ),
    ("body.rst:74", "both a body and :file: are given; keep one of them", "file"),
    (
        "body.rst:83",
        "errors[0].http_status: expected a whole number, got a value that "
        "looks like a live secret (not shown)",
        "schema",
    ),
    (
        "body.rst:86",
        f"errors[0].token: unknown key 'token'; remove it. Valid keys: {KEYS}",
        "schema",
    ),
    (
        "body.rst:93",
        "errors[0].cause holds a value that looks like a live credential; "
        "replace it with a placeholder such as <your-api-key> (the value is masked in "
        "the output)",
        "secret",
    ),
    (
        "body.rst:94",
        "errors[0].remediation: the URL scheme 'javascript:' is not "
        "allowed, so the link is shown as text; use one of: http, https, mailto",
        "url",
    ),
    (
        "body.rst:94",
        "errors[0].remediation: the URL scheme 'data:' is not allowed, so "
        "the link is shown as text; use one of: http, https, mailto",
        "url",
    ),
    (
        "body.rst:99",
        "unknown option ':colour:'; use one of: :caption:, :class:, :file:, :name:",
        "option",
    ),
    (
        "body.rst:109",
        "expected a mapping of keys to values, got a list; write the "
        "directive's keys, such as the ones in its reference",
        "schema",
    ),
    (
        "body.rst:114",
        "errors[0]: unknown key, a key that looks like a live secret (not "
        "shown); remove it",
        "schema",
    ),
]

OUTSIDE = "points outside the source directory; move the file into the project and "
OUTSIDE += "give a path inside it"

FILE_WARNINGS = [
    (
        "data/schema-errors.yaml:3",
        "errors[0]: missing required field 'remediation'; add it",
        "schema",
    ),
    (
        "data/schema-errors.yaml:5",
        f"errors[0].remedy: unknown key 'remedy'; remove it. Valid keys: {KEYS}",
        "schema",
    ),
    (
        "data/schema-errors.yaml:9",
        "errors[1].retryable: expected true or false, got 'maybe'",
        "schema",
    ),
    (
        "files.rst:15",
        ":file: 'data/missing.yaml' not found (looked for "
        "'data/missing.yaml' in the source directory); paths are relative to the "
        "document, or to the source directory when they start with '/'",
        "file",
    ),
    ("files.rst:18", f":file: '../outside.yaml' {OUTSIDE}", "file"),
    ("files.rst:21", f":file: '/../outside.yaml' {OUTSIDE}", "file"),
    ("files.rst:24", f":file: 'data/link.yaml' {OUTSIDE}", "file"),
    (
        "files.rst:27",
        ":file: 'data/notes.txt' is not a data file; use a .yaml, .yml or .json file",
        "file",
    ),
    (
        "files.rst:45",
        ":file: 'data/folder.yaml' is a directory; give the path of a .yaml, .yml "
        "or .json data file",
        "file",
    ),
    (
        "data/bad-utf8.yaml:3",
        "invalid UTF-8 (byte 0xe9 at offset 35); save the file as UTF-8",
        "yaml",
    ),
    (
        "data/syntax.yaml:3",
        "invalid YAML: found unexpected end of stream (while "
        "scanning a quoted scalar that starts at line 3); close it before the data "
        "ends",
        "yaml",
    ),
    (
        "data/syntax.json:4",
        "invalid JSON: a comma before ']' is not allowed in JSON; remove it",
        "yaml",
    ),
    (
        "data/duplicate.json:6",
        "errors[0]: duplicate key 'code' at line 6, first defined "
        "at line 4; remove one of them",
        "yaml",
    ),
    (
        "data/schema-errors.json:7",
        "errors[0].retry: unknown key 'retry'; did you mean "
        f"'retryable'? Valid keys: {KEYS}",
        "schema",
    ),
    (
        "fragments/part.inc:9",
        f"errors[0].extra: unknown key 'extra'; remove it. Valid keys: {KEYS}",
        "schema",
    ),
    (
        "fragments/part.inc:11",
        ":file: 'neighbour.yaml' not found (looked for "
        "'sub/neighbour.yaml' in the source directory); paths are relative to the "
        "document, or to the source directory when they start with '/'; the file "
        "exists "
        "next to the included file, so write ':file: /fragments/neighbour.yaml'",
        "file",
    ),
]

EXPECTED = [
    warning(location, placed(message), subtype)
    for location, message, subtype in BODY_WARNINGS + FILE_WARNINGS
]


def _add_symlink(srcdir: Path) -> None:
    """Add a link that leaves the source directory, and a directory named .yaml.

    A test root cannot hold either: git keeps no empty directory.
    """
    outside = srcdir.parent / "outside.yaml"
    outside.write_text("errors: []\n", encoding="utf-8")
    (srcdir / "data" / "link.yaml").symlink_to(outside)
    (srcdir / "data" / "folder.yaml").mkdir()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("pipeline-rst")
    return build_root(base, "pipeline-rst", prepare=_add_symlink)


@pytest.fixture(scope="module")
def warnings(built) -> list[str]:
    return built[1]


def html_of(built, page: str) -> str:
    app, _ = built
    return (Path(app.outdir) / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda text: text.split(": W")[0])
def test_expected_warning(warnings: list[str], expected: str) -> None:
    assert expected in warnings


def test_no_other_warnings(warnings: list[str]) -> None:
    assert [line for line in warnings if line not in EXPECTED] == []
    assert len(warnings) == len(EXPECTED)


def test_secret_never_in_warnings(warnings: list[str]) -> None:
    assert not [line for line in warnings if SECRET in line]


def test_valid_body_renders(built) -> None:
    html = html_of(built, "body.html")
    assert "Valid map" in html
    assert 'id="ig-error-401"' in html
    assert "The key is <strong>missing</strong>." in html
    assert '<span class="pre">NO</span>' in html
    assert "<li><p>Ask an admin</p></li>" in html


def test_plain_prose_stays_text(built) -> None:
    assert "<td><p>Plain text only</p></td>" in html_of(built, "body.html")


def test_schema_problem_renders_nothing(built) -> None:
    html = html_of(built, "body.html")
    assert "Many schema errors" not in html
    for code in ("E1", "E2", "E3", "E4", "E8", "E11", "E12", "E13"):
        assert f">{code}<" not in html
    assert html.count("<table") == 2


def test_rest_of_page_renders(built) -> None:
    assert "<p>After the maps.</p>" in html_of(built, "body.html")


def test_check_warns_and_renders(built) -> None:
    html = html_of(built, "body.html")
    assert "Checks still render" in html
    assert "Leaked sk_live_******** in a log." in html
    assert SECRET not in html


def test_unsafe_links_become_text(built) -> None:
    html = html_of(built, "body.html")
    assert "<td><p>See the console or data.</p></td>" in html
    assert "javascript:" not in html
    assert "data:text" not in html


def test_placeholder_url_literal(built) -> None:
    html = html_of(built, "body.html")
    assert "https://{tenant}.example.com/" in html
    assert 'href="https://{tenant}' not in html
    assert '<a class="reference external" href="https://example.com/guide">' in html


def test_file_yaml_renders(built) -> None:
    html = html_of(built, "files.html")
    assert "From YAML" in html
    assert 'id="ig-error-429"' in html
    assert "Wait and retry." in html


def test_file_json_renders(built) -> None:
    html = html_of(built, "files.html")
    assert "From JSON" in html
    assert "Smile \U0001f600 please" in html


def test_files_with_problems_render_nothing(built) -> None:
    assert len(re.findall("<table", html_of(built, "files.html"))) == 2


def test_include_fragment_renders_rest(built) -> None:
    html = html_of(built, "sub/page.html")
    assert "Fragment intro." in html
    assert "Tail text." in html
    assert "<table" not in html


def test_dependencies_only_existing_files(built) -> None:
    app, _ = built
    srcdir = Path(app.srcdir)
    dependencies = {
        Path(path).resolve().relative_to(srcdir.resolve()).as_posix()
        for path in app.env.dependencies["files"]
    }
    assert dependencies == {
        "data/valid.yaml",
        "data/valid.json",
        "data/schema-errors.yaml",
        "data/bad-utf8.yaml",
        "data/syntax.yaml",
        "data/syntax.json",
        "data/duplicate.json",
        "data/schema-errors.json",
    }


def _write_edge_inputs(srcdir: Path) -> None:
    long_key = "k" * 2000
    (srcdir / "long.json").write_text(
        '{"errors": [{"code": "L", "cause": "c", "remediation": "r"}], '
        f'"{long_key}": 1}}',
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "T\n=\n\n.. error-map::\n\n   errors:\n"
        '     - code: "   "\n       cause: c\n       remediation: r\n'
        '     - code: ""\n       cause: c\n       remediation: r\n\n'
        '.. prerequisites::\n\n   accounts:\n     - name: " "\n\n'
        ".. error-map::\n   :file: long.json\n",
        encoding="utf-8",
    )


def test_blank_names_and_long_keys(tmp_path: Path) -> None:
    _, warnings = build_root(tmp_path, "urls", prepare=_write_edge_inputs)
    blank = (
        "is not in the expected form; write a value with at least one character "
        "other than a space"
    )
    assert warnings == [
        warning("index.rst:7", f"error-map: errors[0].code: '   ' {blank}", "schema"),
        warning(
            "index.rst:10",
            "error-map: errors[1].code: must not be empty; write a value",
            "schema",
        ),
        warning(
            "index.rst:17", f"prerequisites: accounts[0].name: ' ' {blank}", "schema"
        ),
        warning(
            "long.json:1",
            f"error-map: top level: unknown key '{'k' * 57}...'; remove it. Valid "
            "keys: errors",
            "schema",
        ),
    ]
