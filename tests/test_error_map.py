"""The error-map directive: table, targets, checks and their locations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docutils import nodes

from doctree_snapshots import assert_matches_snapshot, doctree_xml, first_block
from project_builds import Build, build, copy_project
from sphinx_integration_guides.directives.error_map import is_generic, normalise_advice

GENERIC = "only generic advice; name the concrete fix, such as the header to send, " \
    "the setting to change or the delay to wait [integration_guides.remediation]"

EXPECTED_WARNINGS = [
    "index.rst:46: WARNING: error-map: errors[1].code '500' repeats the code of "
    "errors[0] (line 43); merge the two rows, or give each code once "
    "[integration_guides.duplicate]",
    f"index.rst:45: WARNING: error-map: errors[0].remediation 'Contact support.' for "
    f"code '500' is {GENERIC}",
    "index.rst:48: WARNING: error-map: errors[1].remediation 'retry the request;   "
    f"CHECK your API key!  ' for code '500' is {GENERIC}",
    "errors.yaml:4: WARNING: error-map: errors[0].remediation 'Retry the request' for "
    f"code 'E_TIMEOUT' is {GENERIC}",
    "fragment.inc:9: WARNING: error-map: errors[0].remediation 'contact support' for "
    f"code 'E_FRAGMENT' is {GENERIC}",
    "myst.md:13: WARNING: error-map: errors[1].code 'E1' repeats the code of "
    "errors[0] (line 10); merge the two rows, or give each code once "
    "[integration_guides.duplicate]",
    "myst.md:15: WARNING: error-map: errors[1].remediation 'check your api key.' for "
    f"code 'E1' is {GENERIC}",
    "myst.md:24: WARNING: error-map: errors[0].remediation 'Retry the request.' for "
    f"code 'E2' is {GENERIC}",
]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(copy_project("error-map", tmp_path_factory.mktemp("html")), "html")


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(copy_project("error-map", tmp_path_factory.mktemp("text")), "text")


def _page(result: Build, name: str) -> str:
    return (result.outdir / name).read_text(encoding="utf-8")


def _strip_include_path(line: str, srcdir: Path) -> str:
    # docutils names an included file by the path the include was given
    # relative to the working directory, so only its file name is stable.
    return line.replace(f"{os.path.relpath(srcdir)}/", "")


def test_warnings_exact_with_lines(html: Build) -> None:
    lines = [_strip_include_path(line, html.srcdir) for line in html.warnings]
    assert lines == EXPECTED_WARNINGS


def _error_tables(result: Build) -> list[nodes.table]:
    doctree = result.app.env.get_doctree("index")
    return [table for table in doctree.findall(nodes.table)
            if "ig-error-map" in table["classes"]]


def test_doctree_matches_snapshot(html: Build) -> None:
    doctree = html.app.env.get_doctree("index")
    table = first_block(doctree, "ig-error-map")
    # The second table fills no optional field, so it has three columns.
    server_errors = _error_tables(html)[1]
    xml = doctree_xml([table, server_errors], html.srcdir)
    assert_matches_snapshot("error-map.xml", xml)


def test_columns_shown_only_when_filled(html: Build) -> None:
    tables = _error_tables(html)
    headings = [[entry.astext() for entry in table.next_node(nodes.thead).findall(
        nodes.entry)] for table in tables]
    assert headings == [
        ["Code", "HTTP status", "Message", "Cause", "Remediation", "Retry"],
        ["Code", "Cause", "Remediation"],
        ["Code", "HTTP status", "Cause", "Remediation"],
        ["Code", "Cause", "Remediation"],
    ]
    for table, expected in zip(tables, headings, strict=True):
        widths = list(table.findall(nodes.colspec))
        assert len(widths) == len(expected)
        for row in table.next_node(nodes.tbody).findall(nodes.row):
            assert len(row) == len(expected)


def test_html_column_widths_from_colspecs(html: Build) -> None:
    page = _page(html, "index.html")
    table = page[page.index('id="server-errors"'):]
    table = table[:table.index("</table>")]
    # Widths 17, 21 and 27 as shares of their sum.
    assert ('<colgroup>\n<col style="width: 26.2%" />\n<col style="width: 32.3%" />'
            '\n<col style="width: 41.5%" />\n</colgroup>') in table
    assert "colwidths-given" not in page


def test_html_ids_unique_for_odd_codes(html: Build) -> None:
    page = _page(html, "index.html")
    ids = ["ig-error-401", "ig-error-rate-limited", "ig-error-aou-38bc7df8",
           "ig-error-9a7b006d", "ig-error-2d86c2a6", "ig-error-500"]
    for anchor in ids:
        assert page.count(f'id="{anchor}"') == 1, anchor


def test_html_roles_reach_odd_codes(html: Build) -> None:
    page = _page(html, "index.html")
    assert 'href="#ig-error-aou-38bc7df8"' in page
    assert 'href="#ig-error-9a7b006d"' in page
    assert 'href="#ig-error-500"' in page


def test_html_caption_and_default_title(html: Build) -> None:
    page = _page(html, "index.html")
    assert '<span class="caption-text">Order API errors</span>' in page
    assert '<span class="std std-ref">Errors</span>' in page


def test_html_remediation_steps_numbered(html: Build) -> None:
    page = _page(html, "index.html")
    assert '<ol class="arabic simple">' in page
    assert "Retry the request after the Retry-After delay.</p></li>" in page


def test_html_retry_and_docs(html: Build) -> None:
    page = _page(html, "index.html")
    assert '<p class="ig-retry-yes">Yes</p>' in page
    assert '<p class="ig-retry-no">No</p>' in page
    assert "Exponential, from 1 s, at most 5 tries." in page
    assert 'href="https://docs.example.com/errors#rate_limited"' in page


def test_duplicate_code_registered_once(html: Build) -> None:
    domain = html.app.env.domains["guide"]
    names = [obj.name for obj in domain.objects["index"]]  # type: ignore[attr-defined]
    assert names.count("500") == 1
    assert names.count("E_TIMEOUT") == 1


def test_index_entries_under_code_and_integration(html: Build) -> None:
    genindex = _page(html, "genindex.html")
    assert "rate_limited (Shop errors error code)" in genindex
    assert "rate_limited (error code)" in genindex


def test_text_output_shows_table(text: Build) -> None:
    page = _page(text, "index.txt")
    assert "Order API errors" in page
    assert "| Code" in page
    assert '| 1. Read the "Retry-After"   |' in page
    assert "Yes" in page


def test_text_output_hides_empty_columns(text: Build) -> None:
    page = _page(text, "index.txt")
    header = ("| Code              | Cause                 "
              "| Remediation                 |")
    assert f"{header}\n|====" in page
    assert '| "409"             | Two writes raced.     |' in page


@pytest.mark.parametrize("written", ["Retry the request.", "  retry   THE request!",
                                     "retry the request;"])
def test_normalise_advice_variants(written: str) -> None:
    assert normalise_advice(written) == "retry the request"


def test_generic_whole_text_only() -> None:
    phrases = ["retry the request", "contact support"]
    assert is_generic("Retry the request.", phrases)
    assert not is_generic("Retry the request after the Retry-After delay.", phrases)
    assert is_generic(["Contact support", "retry the request"], phrases)
    assert not is_generic(["Contact support", "Rotate the key in the dashboard"],
                          phrases)


def test_schema_extension_field_ignored(tmp_path: Path) -> None:
    srcdir = tmp_path / "project"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_integration_guides"]\n'
        "integration_guides_schema_extensions = {'error-map': {'properties': {"
        "'errors': {'items': {'properties': {'owner': {'type': 'string'}}}}}}}\n",
        encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Errors\n======\n\n.. error-map::\n\n   errors:\n     - code: E1\n"
        "       cause: A cause.\n       remediation: Rotate the key.\n"
        "       owner: platform team\n", encoding="utf-8")
    result = build(srcdir, "html")
    assert result.warnings == []
    assert 'id="ig-error-e1"' in _page(result, "index.html")
