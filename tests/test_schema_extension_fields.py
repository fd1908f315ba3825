"""Fields a project adds through a schema extension appear in the output.

The project is built once per builder for the whole module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_root

URL_WARNING = (
    "index.rst:19: WARNING: error-map: errors[1].owner: the URL scheme "
    "'javascript:' is not allowed, so the link is shown as text; use one of: "
    "http, https, mailto [integration_guides.url]"
)


def built(
    tmp_path_factory: pytest.TempPathFactory, builder: str
) -> tuple[str, list[str]]:
    base = tmp_path_factory.mktemp(builder)
    app, warnings = build_root(base, "schema-extension-fields", buildername=builder)
    name = {"html": "index.html", "text": "index.txt"}.get(builder, "extras.tex")
    return (Path(app.outdir) / name).read_text(encoding="utf-8"), warnings


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    return built(tmp_path_factory, "html")


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> str:
    return built(tmp_path_factory, "text")[0]


@pytest.fixture(scope="module")
def latex(tmp_path_factory: pytest.TempPathFactory) -> str:
    return built(tmp_path_factory, "latex")[0]


def headings(page: str) -> list[list[str]]:
    """Return the column headings of each table on an HTML page."""
    return [
        re.findall(r'<th class="head"><p>([^<]*)</p></th>', head)
        for head in re.findall(r"<thead>(.*?)</thead>", page, re.S)
    ]


def test_only_the_unsafe_link_warns(html: tuple[str, list[str]]) -> None:
    assert html[1] == [URL_WARNING]


def test_added_fields_become_columns(html: tuple[str, list[str]]) -> None:
    added = ["Owner", "ticket", "labels", "limits", "Pages on-call"]
    assert headings(html[0])[0] == ["Code", "Cause", "Remediation", *added]


def test_plain_table_keeps_its_columns(html: tuple[str, list[str]]) -> None:
    assert headings(html[0])[1] == ["Code", "Cause", "Remediation"]


def test_added_values_written_by_kind(html: tuple[str, list[str]]) -> None:
    link = '<a class="reference external" href="https://runbooks.example.com/e1">'
    cells = [
        f"<td><p>See {link}the runbook</a></p></td>",
        "<td><p>4211</p></td>",
        "<td><p>cards, billing</p></td>",
        "<td><p>per_minute: 5; burst: 10</p></td>",
        "<td><p>Yes</p></td>",
        "<td><p>Run</p></td>",
    ]
    for cell in cells:
        assert cell in html[0]
    assert "javascript:" not in html[0]


def test_item_fields_are_labelled_paragraphs(html: tuple[str, list[str]]) -> None:
    paragraphs = re.findall(r'<p class="ig-extra-field">(.*?)</p>', html[0])
    assert paragraphs == [
        "<strong>Team:</strong> Payments <em>core</em>",
        "<strong>Approver:</strong> The <strong>finance</strong> team",
        "<strong>latency:</strong> about 20 ms",
        "<strong>Ticket:</strong> 77",
    ]


def test_text_shows_added_fields(text: str) -> None:
    assert "| Owner          | ticket         | labels         |" in text
    assert "**Team:** Payments *core*" in text
    assert "  **Approver:** The **finance** team" in text
    assert "**Ticket:** 77" in text


def test_latex_shows_added_fields(latex: str) -> None:
    assert r"Pages on\sphinxhyphen{}call" in latex
    assert r"See \sphinxhref{https://runbooks.example.com/e1}{the runbook}" in latex
    assert r"\sphinxstylestrong{Approver:} The \sphinxstylestrong{finance} team" in (
        latex
    )
    assert r"\sphinxstylestrong{latency:} about 20 ms" in latex


@pytest.fixture(scope="module")
def widened(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, list[str]]:
    """Build, in HTML and text, a project whose extension widens shipped fields."""
    pages = []
    for builder, name in (("html", "index.html"), ("text", "index.txt")):
        base = tmp_path_factory.mktemp(f"widened-{builder}")
        app, warnings = build_root(base, "schema-extension-values", buildername=builder)
        pages.append((Path(app.outdir) / name).read_text(encoding="utf-8"))
    return pages[0], pages[1], warnings


def test_widened_values_warn_only_missing_kind(
    widened: tuple[str, str, list[str]],
) -> None:
    assert widened[2] == [
        "index.rst:46: WARNING: test-script: cases has no error case (kind: error); "
        "add one so the script proves both the happy path and a failure "
        "[integration_guides.test]"
    ]


def test_added_scheme_shows_its_name(widened: tuple[str, str, list[str]]) -> None:
    summary = '<strong>Scheme:</strong> <span class="ig-scheme">mtls</span>.'
    assert summary in widened[0]
    assert "**Scheme:** mtls." in widened[1]


def test_added_case_kind_is_its_own_badge(widened: tuple[str, str, list[str]]) -> None:
    badge = '<span class="ig-badge ig-badge-smoke">smoke</span>'
    assert f"<strong>answers</strong> {badge}" in widened[0]
    assert "**answers** smoke" in widened[1]
    assert "# 3. answers (smoke)" in widened[1]
    assert "**fails** error case" in widened[1]


def test_widened_text_fields_show_as_text(widened: tuple[str, str, list[str]]) -> None:
    assert "<td><p>The queue, is full</p></td>" in widened[0]
    assert "| sometimes  5 |" in widened[1]


def test_widened_flags_show_the_written_value(
    widened: tuple[str, str, list[str]],
) -> None:
    assert "<td><p>sometimes</p>" in widened[0]
    assert "ig-retry-yes" not in widened[0]
    assert "<td><p>maybe</p></td>" in widened[0]
    assert "ig-badge-terminal" not in widened[0]
