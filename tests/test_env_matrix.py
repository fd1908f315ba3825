"""The env-matrix directive: one table, marked differences, coverage and promotion."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes

from conftest import build_root
from doctree_snapshots import (
    assert_matches_snapshot,
    doctree_xml,
    resolved_doctree,
)

BOTH_HINT = (
    "(give 'values' (a value per environment) or 'value' (one value for all of "
    "them), not both) [integration_guides.schema]"
)


def _no_value(where: str, index: int, name: str, env: str) -> str:
    return (f"{where}: WARNING: env-matrix: settings[{index}] '{name}' has no value "
            f"for environment '{env}'; add it to values (null when the setting is not "
            "used there) [integration_guides.env]")


def _undeclared(where: str, index: int, name: str, env: str, listed: str) -> str:
    return (f"{where}: WARNING: env-matrix: settings[{index}] '{name}' has a value for "
            f"environment '{env}', which environments does not list ({listed}); add "
            "it to environments or remove the value [integration_guides.env]")


EXPECTED_WARNINGS = [
    _no_value("index.rst:36", 4, "LOG_LEVEL", "production"),
    "index.rst:50: WARNING: env-matrix: environments leaves out 'staging', "
    "'production', which integration_guides_environments expects; add a column for "
    "each [integration_guides.env]",
    _undeclared("index.rst:52", 0, "FEATURE_FLAG", "staging", "sandbox, prod"),
    "invalid.rst:9: WARNING: env-matrix: settings[0].value: 'a' is not allowed here; "
    f"remove it {BOTH_HINT}",
    "invalid.rst:17: WARNING: env-matrix: settings[0]: missing required field "
    f"'values'; add it {BOTH_HINT}",
    "invalid.rst:22: WARNING: env-matrix: environments: 'sandbox' is listed twice; "
    "remove one (list each environment once) [integration_guides.schema]",
    _no_value("data/queues.yaml:3", 0, "QUEUE_URL", "production"),
    _undeclared("data/queues.yaml:3", 0, "QUEUE_URL", "prod",
                "sandbox, staging, production"),
    _no_value("myst.md:9", 0, "TIMEOUT", "staging"),
]


@pytest.fixture(scope="module")
def html_build(tmp_path_factory: pytest.TempPathFactory):
    return build_root(tmp_path_factory.mktemp("html"), "env-matrix")


@pytest.fixture(scope="module")
def html(html_build) -> str:
    app, _warnings = html_build
    return (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


def _blocks(app, docname: str) -> list[nodes.container]:
    doctree = resolved_doctree(app, docname)
    return [node for node in doctree.findall(nodes.container)
            if "ig-env-matrix" in node["classes"]]


def _cells(table: nodes.table) -> list[list[str]]:
    return [[entry.astext() for entry in row.findall(nodes.entry)]
            for row in table.findall(nodes.row)]


def test_env_matrix_doctree_snapshot(html_build) -> None:
    app, _warnings = html_build
    xml = doctree_xml(_blocks(app, "index")[:1], Path(app.srcdir))
    assert_matches_snapshot("env-matrix.xml", xml)


def test_env_matrix_warnings_located(html_build) -> None:
    _app, warnings = html_build
    assert warnings == EXPECTED_WARNINGS


def test_env_matrix_schema_errors_render_nothing(html_build) -> None:
    app, _warnings = html_build
    blocks = _blocks(app, "invalid")
    assert len(blocks) == 1
    assert "QUEUE_URL" in blocks[0].astext()


def test_env_matrix_table_layout(html_build) -> None:
    app, _warnings = html_build
    table = next(_blocks(app, "index")[0].findall(nodes.table))
    assert _cells(table) == [
        ["Setting", "sandbox", "staging", "production", "Notes"],
        ["STRIPE_API_BASE", "https://api.stripe.com", "https://api.stripe.com",
         "https://api.stripe.com", ""],
        ["STRIPE_API_KEY", "sk_test_<your-key> †", "sk_test_<your-key> †",
         "<from-vault> †", "Production reads the key from Vault."],
        ["WEBHOOK_TOLERANCE", "300", "300", "300", ""],
        ["SENTRY_DSN", "— †", "https://<key>@sentry.example.com/2 †",
         "https://<key>@sentry.example.com/1 †", ""],
        ["LOG_LEVEL", "DEBUG †", "INFO †", "missing", ""],
    ]


def test_env_matrix_without_notes_column(html_build) -> None:
    app, _warnings = html_build
    table = next(_blocks(app, "index")[1].findall(nodes.table))
    assert _cells(table) == [["Setting", "sandbox", "prod"],
                             ["FEATURE_FLAG", "on †", "off †"]]


def test_env_matrix_values_compared_as_written(html_build) -> None:
    app, _warnings = html_build
    table = next(_blocks(app, "myst")[0].findall(nodes.table))
    assert _cells(table)[1] == ["TIMEOUT", "30 †", "missing", "10 †"]


def test_env_matrix_legend(html_build) -> None:
    app, _warnings = html_build
    first, second = _blocks(app, "index")[:2]
    legends = [node.astext() for node in first.findall(nodes.paragraph)
               if "ig-legend" in node["classes"]]
    assert legends == ["Legend: † the value differs between environments; — not "
                       "used in this environment"]
    legends = [node.astext() for node in second.findall(nodes.paragraph)
               if "ig-legend" in node["classes"]]
    assert legends == ["Legend: † the value differs between environments"]


def test_env_matrix_caption_name_class(html) -> None:
    assert '<div class="ig-block ig-env-matrix wide docutils container">' in html
    assert ('<table class="ig-table ig-env-table docutils align-default" '
            'id="stripe-envs">' in html)
    assert ('<span class="caption-text">Stripe settings per environment</span>'
            in html)
    assert ('<a class="reference internal" href="#stripe-envs"><span class="std '
            'std-numref">Table 3</span></a>' in html)
    assert ('<a class="reference internal" href="#flags-matrix"><span class="std '
            'std-ref">Settings per environment</span></a>' in html)


def test_env_matrix_marks_differences(html) -> None:
    assert ('<code class="docutils literal notranslate"><span class="pre">DEBUG</span>'
            '</code> <span class="ig-differs">†</span>' in html)
    assert ('<code class="docutils literal notranslate"><span class="pre">300</span>'
            "</code></p></td>" in html)
    assert '<span class="ig-null">—</span> <span class="ig-differs">†</span>' in html


def test_env_matrix_promotion_checklist(html) -> None:
    assert '<p class="ig-group-title"><strong>Promotion checklist</strong></p>' in html
    assert ('<li class="ig-check-item"><p class="ig-check-label" '
            'id="ig-index-promotion-1"><input type="checkbox" class="ig-checkbox" '
            'aria-labelledby="ig-index-promotion-1" /> Rotate <code' in html)


def test_env_matrix_no_coverage_warning_without_config(tmp_path: Path) -> None:
    _app, warnings = build_root(
        tmp_path, "env-matrix", confoverrides={"integration_guides_environments": []}
    )
    assert not [line for line in warnings if "integration_guides_environments" in line]
    assert len(warnings) == len(EXPECTED_WARNINGS) - 1


def test_env_matrix_latex_caption_and_marks(tmp_path: Path) -> None:
    app, _warnings = build_root(tmp_path, "env-matrix", buildername="latex")
    tex = (Path(app.outdir) / "envmatrix.tex").read_text(encoding="utf-8")
    assert r"\sphinxcaption{Stripe settings per environment}" in tex
    assert r"\label{\detokenize{index:stripe-envs}}" in tex
    assert r"\sphinxcode{\sphinxupquote{DEBUG}} \DUrole{ig-differs}{†}" in tex
    assert r"\sphinxIGcheckbox{}" in tex


def test_env_matrix_text_output(tmp_path: Path) -> None:
    app, _warnings = build_root(tmp_path, "env-matrix", buildername="text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Stripe settings per environment\n^^^^" in text
    assert '| "LOG_LEVEL"            | "DEBUG" †          | "INFO" †' in text
    assert "**Legend:** † the value differs between environments; — not used" in text
    assert "* [ ] Copy the webhook endpoint" in text
