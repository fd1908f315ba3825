"""The project's documentation builds with -W, as the README's command runs it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinx_integration_guides.directives import DIRECTIVE_NAMES

DOCS = Path(__file__).resolve().parents[1] / "docs"
GUIDES = ("stripe-billing", "salesforce-snowflake", "okta-saml", "twilio-sms-hipaa")


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    outdir = tmp_path_factory.mktemp("docs-html")
    status = build_main(["-q", "-W", "--keep-going", "-b", "html",
                         str(DOCS), str(outdir)])
    yield status, outdir


def test_docs_build_without_warnings(built_docs, capsys) -> None:
    status, _outdir = built_docs
    assert status == 0, capsys.readouterr().err


def test_docs_have_every_guide(built_docs) -> None:
    _status, outdir = built_docs
    for guide in GUIDES:
        assert (outdir / "guides" / f"{guide}.html").is_file(), guide


def test_docs_reference_every_directive(built_docs) -> None:
    _status, outdir = built_docs
    for name in DIRECTIVE_NAMES:
        page = outdir / "reference" / f"{name}.html"
        assert page.is_file(), f"no reference page for {name}"
        html = page.read_text(encoding="utf-8")
        schema_text = resources.files("sphinx_integration_guides.schemas").joinpath(
            f"{name}.schema.json").read_text(encoding="utf-8")
        for field in json.loads(schema_text)["properties"]:
            assert f'<span class="pre">{field}</span>' in html, f"{name}: {field}"


def test_docs_link_across_guides(built_docs) -> None:
    _status, outdir = built_docs
    html = (outdir / "guides" / "stripe-billing.html").read_text(encoding="utf-8")
    assert 'href="twilio-sms-hipaa.html#ig-error-20429"' in html
    assert "20429 (Twilio SMS under HIPAA)" in html
