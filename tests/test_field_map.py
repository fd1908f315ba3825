"""The field-map directive: table shape, headings, checks and locations."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from conftest import build_root

#: The first table's doctree, with trailing spaces stripped from every line.
SNAPSHOT = """\
<table classes="ig-table colwidths-given ig-block ig-field-map" ids="okta-attributes" \
names="okta-attributes">
    <title>
        Okta to the application
    <tgroup cols="6">
        <colspec colwidth="20">
        <colspec colwidth="18">
        <colspec colwidth="20">
        <colspec colwidth="10">
        <colspec colwidth="24">
        <colspec colwidth="26">
        <thead>
            <row>
                <entry>
                    <paragraph>
                        Okta attribute
                <entry>
                    <paragraph>
                        SAML attribute
                <entry>
                    <paragraph>
                        Application property
                <entry>
                    <paragraph>
                        Required
                <entry>
                    <paragraph>
                        Transform
                <entry>
                    <paragraph>
                        Notes
        <tbody>
            <row>
                <entry>
                    <paragraph>
                        <literal>
                            user.email
                <entry>
                    <paragraph>
                        <literal>
                            email
                <entry>
                    <paragraph>
                        <literal>
                            account.email
                <entry>
                    <paragraph>
                        Yes
                <entry>
                    <paragraph>
                        Lower-cased by the application.
                <entry>
            <row>
                <entry>
                    <paragraph>
                        <literal>
                            user.firstName
                <entry>
                    <paragraph>
                        <literal>
                            firstName
                <entry>
                    <paragraph>
                        <literal>
                            account.given_name
                <entry>
                    <paragraph>
                        No
                <entry>
                <entry>
                    <paragraph>
                        See
                        <literal>
                            account.display_name
                        .
"""

EXPECTED_WARNINGS = [
    "index.rst:47: WARNING: field-map: mappings[1].target 'account.email' is already "
    "the target of mappings[0] (line 45); map each target field once, or describe "
    "both sources in one mapping [integration_guides.duplicate]",
    "index.rst:54: WARNING: field-map: mappings[0].traget: unknown key 'traget'; did "
    "you mean 'target'? Valid keys: notes, required, source, target, transform, via "
    "[integration_guides.schema]",
    "index.rst:53: WARNING: field-map: mappings[0]: missing required field 'target'; "
    "add it [integration_guides.schema]",
    "mapping.yaml:10: WARNING: field-map: mappings[2].target 'CONTACTS.UPDATED_AT' is "
    "already the target of mappings[1] (line 8); map each target field once, or "
    "describe both sources in one mapping [integration_guides.duplicate]",
    "myst.md:16: WARNING: field-map: mappings[1].target 'account.team' is already the "
    "target of mappings[0] (line 13); map each target field once, or describe both "
    "sources in one mapping [integration_guides.duplicate]",
]


def _build(base: Path, builder: str) -> tuple[SphinxTestApp, list[str]]:
    return build_root(base / builder, "field-map", buildername=builder)


@pytest.fixture(scope="module")
def html_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[SphinxTestApp, list[str]]:
    return _build(tmp_path_factory.mktemp("field-map"), "html")


def _tables(app: SphinxTestApp, docname: str) -> list[nodes.table]:
    doctree = app.env.get_doctree(docname)
    return [table for table in doctree.findall(nodes.table)
            if "ig-field-map" in table["classes"]]


def test_field_map_doctree_snapshot(html_build) -> None:
    app, _warning = html_build
    tree = _tables(app, "index")[0].pformat()
    assert "\n".join(line.rstrip() for line in tree.split("\n")) == SNAPSHOT


def test_field_map_warnings_located(html_build) -> None:
    _app, warnings = html_build
    assert warnings == EXPECTED_WARNINGS


def test_field_map_schema_error_renders_nothing(html_build) -> None:
    app, _warning = html_build
    titles = [table[0].astext() for table in _tables(app, "index")]
    assert titles == ["Okta to the application", "Field mappings",
                      "Repeated target", "From a file"]


def test_field_map_default_headings(html_build) -> None:
    app, _warning = html_build
    header = _tables(app, "index")[1].next_node(nodes.thead)
    assert header.astext().split("\n\n") == ["Source", "Target"]


def test_field_map_file_headings(html_build) -> None:
    app, _warning = html_build
    header = _tables(app, "index")[3].next_node(nodes.thead)
    assert header.astext().split("\n\n") == ["Salesforce field", "Snowflake column"]


def test_field_map_myst_via_column(html_build) -> None:
    app, _warning = html_build
    header = _tables(app, "myst")[0].next_node(nodes.thead)
    assert header.astext().split("\n\n") == ["Source", "Via", "Target", "Notes"]


def test_field_map_html_output(html_build) -> None:
    app, _warning = html_build
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert ('<table class="ig-table ig-block ig-field-map docutils align-default" '
            'id="okta-attributes">') in html
    assert '<a class="reference internal" href="#okta-attributes">' in html
    assert ('<code class="docutils literal notranslate"><span class="pre">'
            "user.firstName</span></code>") in html
    assert "Misspelled key" not in html


def test_field_map_myst_markup_in_notes(html_build) -> None:
    app, _warning = html_build
    html = (app.outdir / "myst.html").read_text(encoding="utf-8")
    assert "Shown as <em>team</em> in the application." in html


def test_field_map_text_output(tmp_path: Path) -> None:
    app, _warning = _build(tmp_path, "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "| Okta attribute       | SAML attribute     | Application" in text
    assert '| "user.email"         | "email"            | "account.email" ' in text
    assert "| Yes        | Lower-cased by the       |" in text
