"""The pipeline in MyST Markdown: backtick fences, colon fences, --- bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_root

KEYS = "backoff, cause, code, docs, http_status, message, remediation, retryable"


def warning(location: str, message: str, subtype: str) -> str:
    return f"{location}: WARNING: error-map: {message} [integration_guides.{subtype}]"


EXPECTED = [
    warning(
        "index.md:14",
        "errors[0]: missing required field 'remediation'; add it",
        "schema",
    ),
    warning(
        "index.md:16",
        "errors[0].remediaton: unknown key 'remediaton'; did you "
        f"mean 'remediation'? Valid keys: {KEYS}",
        "schema",
    ),
    warning(
        "index.md:33",
        f"errors[0].colour: unknown key 'colour'; remove it. Valid keys: {KEYS}",
        "schema",
    ),
    warning(
        "index.md:51",
        f"errors[0].extra: unknown key 'extra'; remove it. Valid keys: {KEYS}",
        "schema",
    ),
    warning(
        "data/errors.yaml:5",
        "errors[0].retryable: expected true or false, got 3",
        "schema",
    ),
    warning(
        "index.md:62",
        "errors[0]: duplicate key 'cause' at line 62, first defined "
        "at line 61; remove one of them",
        "yaml",
    ),
    warning(
        "index.md:69",
        "errors[0].cause: the URL scheme 'javascript:' is not "
        "allowed, so the link is shown as text; use one of: http, https, mailto",
        "url",
    ),
    warning(
        "index.md:73",
        "unknown option ':colour:'; use one of: :caption:, :class:, :file:, :name:",
        "option",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_root(tmp_path_factory.mktemp("pipeline-myst"), "pipeline-myst")


@pytest.fixture(scope="module")
def html(built) -> str:
    app, _ = built
    return (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda text: text.split(": W")[0])
def test_expected_warning(built, expected: str) -> None:
    assert expected in built[1]


def test_no_other_warnings(built) -> None:
    assert [line for line in built[1] if line not in EXPECTED] == []
    assert len(built[1]) == len(EXPECTED)


def test_backtick_fence_renders_markdown(html: str) -> None:
    assert "Backtick map" in html
    assert "The key is <strong>missing</strong>." in html
    assert '<span class="pre">Authorization</span>' in html


def test_colon_fence_renders_links(html: str) -> None:
    assert "Colon map" in html
    assert (
        '<a class="reference external" href="https://example.com/docs">the docs</a>'
        in html
    )
    assert "<em>this</em>" in html


def test_dash_body_recovered(html: str) -> None:
    assert 'id="ig-error-d1"' in html
    assert "Dashes first" in html


def test_dash_body_with_error_renders_nothing(html: str) -> None:
    assert 'id="ig-error-d2"' not in html


def test_unsafe_markdown_link_is_text(html: str) -> None:
    assert "<td><p>Go to the console.</p></td>" in html
    assert "javascript:" not in html


def test_unknown_option_renders_nothing(html: str) -> None:
    assert 'id="ig-error-o1"' not in html


def test_page_tail_renders(html: str) -> None:
    assert "<p>Tail paragraph.</p>" in html
