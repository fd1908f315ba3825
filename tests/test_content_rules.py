"""The content-rules directive: scope, optional columns, examples, locations."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from conftest import build_root

#: The first block's doctree, with trailing spaces stripped from every line.
SNAPSHOT = """\
<container classes="ig-block ig-content-rules">
    <paragraph>
        Every SMS template and every
        <emphasis>
            HELP
         reply.
    <table classes="ig-table colwidths-given ig-rules" ids="sms-rules" names="sms-rules">
        <title>
            Never in an SMS
        <tgroup cols="4">
            <colspec colwidth="26">
            <colspec colwidth="30">
            <colspec colwidth="26">
            <colspec colwidth="30">
            <thead>
                <row>
                    <entry>
                        <paragraph>
                            Never include
                    <entry>
                        <paragraph>
                            Why
                    <entry>
                        <paragraph>
                            Write instead
                    <entry>
                        <paragraph>
                            Examples
            <tbody>
                <row>
                    <entry>
                        <paragraph>
                            Diagnoses or test results
                    <entry>
                        <paragraph>
                            They are health information about a person.
                    <entry>
                        <paragraph>
                            Point to the portal.
                    <entry>
                        <paragraph classes="ig-example-avoid">
                            <strong>
                                Avoid:

                            <inline classes="ig-avoid">
                                Your <b>HbA1c</b> result is *ready*.
                        <paragraph classes="ig-example-prefer">
                            <strong>
                                Prefer:

                            <inline classes="ig-prefer">
                                You have a new message in the portal.
                <row>
                    <entry>
                        <paragraph>
                            Insurance IDs
                    <entry>
                        <paragraph>
                            An identifier turns any other detail into PHI.
                    <entry>
                    <entry>
"""  # noqa: E501 - a doctree line as pformat writes it

EXPECTED_WARNINGS = [
    "index.rst:35: WARNING: content-rules: rules[0].reson: unknown key 'reson'; did "
    "you mean 'reason'? Valid keys: avoid, content, instead, prefer, reason "
    "[integration_guides.schema]",
    "index.rst:34: WARNING: content-rules: rules[0]: missing required field "
    "'reason'; add it [integration_guides.schema]",
]


def _build(base: Path, builder: str) -> tuple[SphinxTestApp, list[str]]:
    return build_root(base / builder, "content-rules", buildername=builder)


@pytest.fixture(scope="module")
def html_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[SphinxTestApp, list[str]]:
    return _build(tmp_path_factory.mktemp("content-rules"), "html")


def _blocks(app: SphinxTestApp, docname: str) -> list[nodes.container]:
    doctree = app.env.get_doctree(docname)
    return [node for node in doctree.findall(nodes.container)
            if "ig-content-rules" in node["classes"]]


def test_content_rules_doctree_snapshot(html_build) -> None:
    app, _warning = html_build
    tree = _blocks(app, "index")[0].pformat()
    assert "\n".join(line.rstrip() for line in tree.split("\n")) == SNAPSHOT


def test_content_rules_warnings_located(html_build) -> None:
    _app, warnings = html_build
    assert warnings == EXPECTED_WARNINGS


def test_content_rules_schema_error_renders_nothing(html_build) -> None:
    app, _warning = html_build
    titles = [block.next_node(nodes.title).astext() for block in _blocks(app, "index")]
    assert titles == ["Never in an SMS", "Content rules"]


def test_content_rules_minimal_columns(html_build) -> None:
    app, _warning = html_build
    block = _blocks(app, "index")[1]
    header = block.next_node(nodes.thead).astext().split("\n\n")
    assert header == ["Never include", "Why"]
    assert isinstance(block[0], nodes.table)


def test_content_rules_examples_escaped(html_build) -> None:
    app, _warning = html_build
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert ('<span class="ig-avoid">Your &lt;b&gt;HbA1c&lt;/b&gt; result is '
            "*ready*.</span>") in html
    assert "<b>HbA1c</b>" not in html
    assert '<a class="reference internal" href="#sms-rules">' in html


def test_content_rules_myst_scope_markup(html_build) -> None:
    app, _warning = html_build
    html = (app.outdir / "myst.html").read_text(encoding="utf-8")
    assert "<p>Applies to <em>every</em> push notification.</p>" in html
    assert '<strong>Prefer:</strong> <span class="ig-prefer">' in html


def test_content_rules_text_output(tmp_path: Path) -> None:
    app, _warning = _build(tmp_path, "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "| Never include              | Why " in text
    assert "| **Avoid:** Your <b>HbA1c</b>   |" in text
    assert "Every SMS template and every *HELP* reply." in text


#: Every builder with the file its output for ``index`` lands in, or None
#: for builders that write no file per page.
BUILDER_OUTPUTS = {
    "html": "index.html",
    "dirhtml": "index.html",
    "singlehtml": "index.html",
    "epub": "index.xhtml",
    "latex": "rules.tex",
    "text": "index.txt",
    "man": "rules.1",
    "texinfo": "rules.texi",
    "gettext": "index.pot",
    "xml": "index.xml",
    "pseudoxml": "index.pseudoxml",
    "dummy": None,
}


@pytest.mark.parametrize("builder", sorted(BUILDER_OUTPUTS))
def test_content_rules_every_builder(tmp_path: Path, builder: str) -> None:
    app, warnings = _build(tmp_path, builder)
    assert warnings == EXPECTED_WARNINGS
    output = BUILDER_OUTPUTS[builder]
    if output is None:
        return
    text = (app.outdir / output).read_text(encoding="utf-8")
    for word in ("Diagnoses", "identifier"):
        assert word in text, word
    if builder != "gettext":  # examples and labels are not translatable text
        assert "HbA1c" in text
        assert "Prefer:" in text
