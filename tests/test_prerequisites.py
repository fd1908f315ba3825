"""The prerequisites directive: checklist, variables table, checks and output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes

from conftest import build_root
from doctree_snapshots import (
    assert_matches_snapshot,
    doctree_xml,
    resolved_doctree,
)
from sphinx_integration_guides.versions import is_version_requirement

ACCEPTED = (
    "write a plain version (3.10), a PEP 440 specifier (>=7.0,<8) or an npm-style "
    "range (^18, ~2.1, 18.x, >=1.2 <2, 1.2 - 1.4) [integration_guides.version]"
)


def _version_warning(where: str, index: int, value: str, name: str) -> str:
    return (f"{where}: WARNING: prerequisites: software[{index}].version '{value}' of "
            f"'{name}' is not a version requirement; {ACCEPTED}")


def _secret_warning(where: str, index: int, name: str, placeholder: str) -> str:
    return (f"{where}: WARNING: prerequisites: env_vars[{index}].example of the secret "
            f"variable '{name}' is not a placeholder; write one such as {placeholder} "
            "(the example is masked in the output) [integration_guides.secret]")


SHARED_WARNINGS = [
    _version_warning("data/shared.yaml:5", 1, "~> 1.6", "Terraform"),
    _secret_warning("data/shared.yaml:9", 0, "DATABASE_PASSWORD",
                    "<your-database-password>"),
]

EXPECTED_WARNINGS = [
    *SHARED_WARNINGS,
    _version_warning("myst.md:9", 0, "1.22 or later", "Go"),
    *SHARED_WARNINGS,
    "warnings.rst:17: WARNING: prerequisites: env_vars[1].example holds a value that "
    "looks like a live credential; replace it with a placeholder such as "
    "<your-api-key> (the value is masked in the output) [integration_guides.secret]",
    _version_warning("warnings.rst:8", 0, "latest", "Ruby"),
    _secret_warning("warnings.rst:14", 0, "API_TOKEN", "<your-api-token>"),
    "warnings.rst:23: WARNING: prerequisites: software[0].versoin: unknown key "
    "'versoin'; did you mean 'version'? Valid keys: install, name, notes, optional, "
    "url, version [integration_guides.schema]",
    _version_warning("fragments/part.rst:8", 0, "stable", "Rust"),
]


@pytest.fixture(scope="module")
def html_build(tmp_path_factory: pytest.TempPathFactory):
    return build_root(tmp_path_factory.mktemp("html"), "prerequisites")


@pytest.fixture(scope="module")
def html(html_build) -> str:
    app, _warnings = html_build
    return (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


def _blocks(app, docname: str) -> list[nodes.container]:
    doctree = resolved_doctree(app, docname)
    return [node for node in doctree.findall(nodes.container)
            if "ig-prerequisites" in node["classes"]]


def test_prerequisites_doctree_snapshot(html_build) -> None:
    app, _warnings = html_build
    xml = doctree_xml(_blocks(app, "index")[:1], Path(app.srcdir))
    assert_matches_snapshot("prerequisites.xml", xml)


def test_prerequisites_warnings_located(html_build) -> None:
    _app, warnings = html_build
    assert warnings == EXPECTED_WARNINGS


def test_prerequisites_schema_error_renders_nothing(html_build) -> None:
    app, _warnings = html_build
    texts = [block.astext() for block in _blocks(app, "warnings")]
    assert len(texts) == 2
    assert "Ruby" in texts[0]
    assert "Rust" in texts[1]


def test_prerequisites_checkbox_labelled_by_item(html) -> None:
    boxes = re.findall(r'<input type="checkbox" class="ig-checkbox" '
                       r'aria-labelledby="([^"]+)" />', html)
    assert boxes == [
        "ig-index-check-accounts-0", "ig-index-check-accounts-1",
        "ig-index-check-permissions-0", "ig-index-check-software-0",
        "ig-index-check-software-1",
        # Later blocks on the page get numbered ids that do not collide.
        "ig-index-check-software-0-2",
        "ig-index-check-software-0-3", "ig-index-check-software-1-2",
    ]
    for box in boxes:
        assert f'id="{box}"' in html
    label = re.search(r'<p class="ig-check-label" id="ig-index-check-accounts-0">'
                      r"(.*?)</p>", html)
    assert label is not None
    assert label.group(1) == (
        '<input type="checkbox" class="ig-checkbox" aria-labelledby='
        '"ig-index-check-accounts-0" /> <strong>Stripe account</strong> (Standard '
        'plan) — <a class="reference external" '
        'href="https://dashboard.stripe.com/register">'
        "https://dashboard.stripe.com/register</a>"
    )


def test_prerequisites_install_and_notes_apart(html) -> None:
    item = html[html.rindex("<li", 0, html.index('id="ig-index-check-software-0"')):]
    item = item[:item.index("</li>")]
    paragraphs = re.findall(r"<p[^>]*>.*?</p>", item, re.DOTALL)
    assert len(paragraphs) == 3
    assert paragraphs[1] == (
        '<p class="ig-check-install"><strong>Install:</strong> <code class="docutils '
        'literal notranslate"><span class="pre">pip</span> <span class="pre">install'
        '</span> <span class="pre">stripe</span></code></p>')
    assert paragraphs[2] == (
        '<p class="ig-check-notes"><strong>Note:</strong> The examples use the <code '
        'class="docutils literal notranslate"><span class="pre">StripeClient</span>'
        "</code> class.</p>")


def test_prerequisites_latex_labels(tmp_path: Path) -> None:
    app, _warnings = build_root(tmp_path, "prerequisites", buildername="latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    install = tex.index(r"\sphinxstylestrong{Install:}")
    note = tex.index(r"\sphinxstylestrong{Note:} The examples use")
    between = tex[install:note]
    assert r"\sphinxcode{\sphinxupquote{pip install stripe}}" in between
    # A blank line ends the install paragraph before the note starts.
    assert "\n\n" in between


def test_prerequisites_groups_in_order(html_build) -> None:
    app, _warnings = html_build
    first = _blocks(app, "index")[0]
    headings = [node.astext() for node in first.findall(nodes.paragraph)
                if "ig-group-title" in node["classes"]]
    assert headings == ["Accounts", "Permissions", "Software",
                        "Environment variables", "Notes"]


def test_prerequisites_caption_name_class(html) -> None:
    assert ('<div class="ig-block ig-prerequisites compact docutils container">'
            in html)
    assert '<p class="ig-title rubric" id="stripe-prereqs">Before you start</p>' in html
    assert '<a class="reference internal" href="#stripe-prereqs"><span class="std ' \
           'std-ref">Before you start</span></a>' in html


def test_prerequisites_default_title_reachable(html) -> None:
    assert '<p class="ig-title rubric" id="bare-prereqs">Prerequisites</p>' in html
    assert ('<a class="reference internal" href="#bare-prereqs"><span class="std '
            'std-ref">Prerequisites</span></a>' in html)


def test_prerequisites_optional_marked(html) -> None:
    assert ('<strong>Sentry project</strong> <em class="ig-optional">(optional)</em>'
            in html)


def test_prerequisites_envvar_roles_link(html) -> None:
    assert 'id="ig-envvar-stripe-api-key"' in html
    assert re.search(r'<a class="reference internal" href="#ig-envvar-stripe-api-key"'
                     r'[^>]*><code[^>]*><span class="pre">STRIPE_API_KEY</span>', html)
    assert re.search(r'<a class="reference internal" '
                     r'href="#ig-envvar-stripe-webhook-secret"[^>]*><code', html)


def test_prerequisites_envvar_table(html_build) -> None:
    app, _warnings = html_build
    table = next(_blocks(app, "index")[0].findall(nodes.table))
    rows = [[entry.astext() for entry in row.findall(nodes.entry)]
            for row in table.findall(nodes.row)]
    assert rows == [
        ["Name", "Description", "Secret", "Example"],
        ["STRIPE_API_KEY", "The restricted key your server uses.", "Yes",
         "<your-restricted-key>"],
        ["STRIPE_WEBHOOK_SECRET", "Verifies that webhook events come from Stripe.",
         "Yes", "whsec_..."],
        ["BILLING_TIMEOUT (optional)", "Seconds before a call to Stripe gives up.",
         "No", "30"],
    ]


def test_prerequisites_secrets_masked(html_build) -> None:
    app, _warnings = html_build
    outdir = Path(app.outdir)
    for page in ("index.html", "shared.html", "warnings.html"):
        text = (outdir / page).read_text(encoding="utf-8")
        assert "hunter2" not in text
        assert "abc123" not in text
        assert "sk_live_51Hq" not in text
    shared = (outdir / "shared.html").read_text(encoding="utf-8")
    assert '<span class="pre">********</span>' in shared


def test_prerequisites_text_output(tmp_path: Path) -> None:
    app, _warnings = build_root(tmp_path, "prerequisites", buildername="text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "-[ Before you start ]-" in text
    assert ("* [ ] **Stripe account** (Standard plan) —\n"
            "  https://dashboard.stripe.com/register\n\n"
            "  **Note:** Use *test mode* while you follow this guide." in text)
    assert ('* [ ] "Developer" in Stripe dashboard\n\n'
            "  **Reason:** Needed to create restricted API keys." in text)
    assert ('* [ ] **Python** "3.10"\n\n  **Install:** "pip install stripe"\n\n'
            '  **Note:** The examples use the "StripeClient" class.' in text)
    assert '| "BILLING_TIMEOUT"          | Seconds before a call' in text


@pytest.mark.parametrize("text", [
    "3.10", "7", "2.0.0rc1", ">=7.0", ">=7.0,<8", "~=2.1", "==3.10.*", "^18", "~2.1",
    "18.x", "1.2.X", ">=1.2 <2", "1.2 - 1.4", "^16 || ^18", "v20.1.0", "*",
])
def test_version_requirement_accepted(text: str) -> None:
    assert is_version_requirement(text)


@pytest.mark.parametrize("text", [
    "", "latest", "stable", "~> 1.6", "1.22 or later", ">= seven", "18.y", "^", "3.10+",
])
def test_version_requirement_rejected(text: str) -> None:
    assert not is_version_requirement(text)
