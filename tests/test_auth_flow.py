"""The auth-flow directive: summary, credentials, steps, schema rules and checks."""

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

LEXER_HINT = (
    "is not a Pygments lexer name, so the code is shown without highlighting; did you "
    "mean '{near}'? Otherwise use a name from https://pygments.org/docs/lexers/ such "
    "as bash, python, http or json [integration_guides.highlight]"
)
IMAGE_HINT = (
    "a relative path is relative to the file it is written in, and a leading '/' "
    "means the source directory; the alt text is shown instead "
    "[integration_guides.image]"
)
HMAC_HINT = (
    "(hmac_signature signs requests with a shared secret, so list at least one "
    "credential) [integration_guides.schema]"
)

EXPECTED_WARNINGS = [
    "index.rst:36: WARNING: auth-flow: steps[0].language 'pyhton' "
    + LEXER_HINT.format(near="python"),
    "index.rst:38: WARNING: auth-flow: steps[1].screenshot 'img/missing.png' not "
    f"found (looked for img/missing.png); {IMAGE_HINT}",
    "invalid.rst:6: WARNING: auth-flow: scheme: 'oauth3' is not allowed; use one of: "
    "api_key, bearer_token, basic, hmac_signature, oauth2_authorization_code, "
    "oauth2_client_credentials, oauth2_jwt_bearer, saml [integration_guides.schema]",
    "invalid.rst:12: WARNING: auth-flow: missing required field 'token'; add it "
    "(OAuth 2 schemes issue expiring tokens, so give token.lifetime and "
    "token.refresh) [integration_guides.schema]",
    "invalid.rst:18: WARNING: auth-flow: missing required field 'credentials'; add "
    f"it {HMAC_HINT}",
    "invalid.rst:25: WARNING: auth-flow: credentials: needs at least 1 item; add one "
    f"{HMAC_HINT}",
    "invalid.rst:33: WARNING: auth-flow: steps[0]: missing required field 'alt'; add "
    "it (describe what the screenshot shows for readers who cannot see it) "
    "[integration_guides.schema]",
    "invalid.rst:36: WARNING: auth-flow: steps[1].recording_time: '90s' is not in "
    "the expected form; write m:ss or h:mm:ss, such as 1:05 or 1:02:30 "
    "[integration_guides.schema]",
    "flows/hmac.yaml:8: WARNING: auth-flow: steps[0].language 'pyhton3' "
    + LEXER_HINT.format(near="python3"),
    "flows/hmac.yaml:10: WARNING: auth-flow: steps[1].screenshot 'missing.png' not "
    f"found (looked for flows/missing.png); {IMAGE_HINT}",
]


@pytest.fixture(scope="module")
def html_build(tmp_path_factory: pytest.TempPathFactory):
    return build_root(tmp_path_factory.mktemp("html"), "auth-flow")


@pytest.fixture(scope="module")
def outdir(html_build) -> Path:
    app, _warnings = html_build
    return Path(app.outdir)


def _blocks(app, docname: str) -> list[nodes.container]:
    doctree = resolved_doctree(app, docname)
    return [node for node in doctree.findall(nodes.container)
            if "ig-auth-flow" in node["classes"]]


def test_auth_flow_doctree_snapshot(html_build) -> None:
    app, _warnings = html_build
    xml = doctree_xml(_blocks(app, "index")[:1], Path(app.srcdir))
    assert_matches_snapshot("auth-flow.xml", xml)


def test_auth_flow_warnings_located(html_build) -> None:
    app, warnings = html_build
    outside = (Path(app.srcdir).parent / "outside.png").resolve()
    assert warnings == [
        *EXPECTED_WARNINGS,
        "myst.md:8: WARNING: auth-flow: steps[0].screenshot '../outside.png' points "
        f"outside the source directory ({outside}); move the image into the "
        "project; the alt text is shown instead [integration_guides.image]",
        "myst.md:11: WARNING: auth-flow: steps[1].screenshot "
        "'data:image/png;base64,AAAA' is a 'data:' URL, which is not allowed for "
        "images; use an http(s) URL or a path; the alt text is shown instead "
        "[integration_guides.image]",
    ]


def test_auth_flow_schema_errors_render_nothing(html_build) -> None:
    app, _warnings = html_build
    blocks = _blocks(app, "invalid")
    assert [block[0].astext() for block in blocks] == ["Authentication"]
    assert "SIGNING_SECRET" in blocks[0].astext()


def test_auth_flow_summary_in_words(outdir: Path) -> None:
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert ('<p class="ig-auth-summary"><strong>Scheme:</strong> <span '
            'class="ig-scheme">OAuth 2.0 authorization code flow</span>.</p>\n'
            "<p>The user signs in at Okta and your server exchanges the code for "
            "tokens.</p>" in html)
    assert ('<strong>Recording:</strong> <a class="reference external" '
            'href="https://videos.example.com/okta-sign-in">' in html)
    assert "<strong>Scheme:</strong> <span class=\"ig-scheme\">HMAC request " \
           "signature</span>.</p>" in html
    assert "oauth2_authorization_code" not in html


def test_auth_flow_caption_name_class(outdir: Path) -> None:
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert '<div class="ig-block ig-auth-flow flow docutils container">' in html
    assert ('<p class="ig-title rubric" id="okta-flow">Okta authorization code '
            "flow</p>" in html)
    assert ('<a class="reference internal" href="#okta-flow"><span class="std '
            'std-ref">Okta authorization code flow</span></a>' in html)
    assert '<p class="ig-title rubric" id="hmac-flow">Authentication</p>' in html
    assert ('<a class="reference internal" href="#hmac-flow"><span class="std '
            'std-ref">Authentication</span></a>' in html)


def test_auth_flow_credentials_and_token(html_build) -> None:
    app, _warnings = html_build
    block = _blocks(app, "index")[0]
    table = next(block.findall(nodes.table))
    rows = [[entry.astext() for entry in row.findall(nodes.entry)]
            for row in table.findall(nodes.row)]
    assert rows == [
        ["Credential", "Stored in", "Rotation"],
        ["OKTA_CLIENT_SECRET", "Secrets manager",
         "Every 90 days, from the Okta admin console."],
        ["OKTA_CLIENT_ID", "Environment variable", ""],
    ]
    fields = [field.astext() for field in block.findall(nodes.field)]
    assert fields == [
        "Lifetime\n\n1 hour",
        "Refresh\n\nExchange the refresh token at /oauth2/default/v1/token before "
        "expiry.",
        "Revocation\n\nPOST /oauth2/default/v1/revoke with the token.",
    ]


def test_auth_flow_steps_numbered(html_build) -> None:
    app, _warnings = html_build
    steps = next(_blocks(app, "index")[0].findall(nodes.enumerated_list))
    titles = [item[0].astext() for item in steps.children]
    assert titles == [
        "Send the user to Okta — Your app (recording at 0:45)",
        "Exchange the code — Your server (recording at 1:02:30)",
        "Check the dashboard — The user",
    ]


def test_auth_flow_code_highlighted_leniently(html_build) -> None:
    app, _warnings = html_build
    blocks = list(_blocks(app, "index")[0].findall(nodes.literal_block))
    assert [(b["language"], b["force"]) for b in blocks] == [("text", True),
                                                             ("json", True)]
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<div class="ig-code highlight-json notranslate">' in html
    assert '<span class="nt">"grant_type"</span>' in html


def test_auth_flow_unknown_lexer_unhighlighted(html_build) -> None:
    app, _warnings = html_build
    blocks = list(_blocks(app, "index")[2].findall(nodes.literal_block))
    assert [block["language"] for block in blocks] == ["none"]


def test_auth_flow_screenshots_resolved(outdir: Path) -> None:
    index = (outdir / "index.html").read_text(encoding="utf-8")
    reuse = (outdir / "guides" / "reuse.html").read_text(encoding="utf-8")
    alt = "Okta sign-in page with the consent dialog for the app."
    assert (f'<img alt="{alt}" class="ig-screenshot" src="_images/consent.png" />'
            in index)
    assert (f'<img alt="{alt}" class="ig-screenshot" src="../_images/consent.png" />'
            in reuse)
    assert ('<img alt="The dashboard after sign-in." class="ig-screenshot" '
            'src="../_images/dashboard.png" />' in reuse)
    assert (outdir / "_images" / "consent.png").is_file()


def test_auth_flow_missing_screenshot_shows_alt(outdir: Path) -> None:
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert ('<p class="ig-missing-screenshot">[Screenshot: The header in the request '
            "log.]</p>" in html)


def test_auth_flow_reuse_renders_same(html_build) -> None:
    app, _warnings = html_build
    first, second = _blocks(app, "index")[:2]
    reused = _blocks(app, "guides/reuse")[0]
    body = [node.astext() for node in first.children[1:]]
    assert [node.astext() for node in second.children[1:]] == body
    assert [node.astext() for node in reused.children[1:]] == body
    assert reused[0]["ids"] == ["okta-flow-admin"]
    assert second[0]["ids"] == []


def test_auth_flow_placeholders_pass_strict_build(tmp_path: Path) -> None:
    for builder in ("html", "latex"):
        _app, warnings = build_root(tmp_path / builder, "auth-flow-strict",
                                   buildername=builder, warningiserror=True)
        assert warnings == []
    html = (tmp_path / "html" / "auth-flow-strict" / "_build" / "html" / "index.html")
    assert re.search(r'<span class="err">\.\.\.</span>', html.read_text("utf-8"))


def test_auth_flow_text_output(tmp_path: Path) -> None:
    app, _warnings = build_root(tmp_path, "auth-flow", buildername="text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "-[ Okta authorization code flow ]-" in text
    assert "**Scheme:** OAuth 2.0 authorization code flow." in text
    assert "1. **Send the user to Okta** — Your app (recording at 0:45)" in text
    assert "[image: Okta sign-in page with the consent dialog for the\n   app.]" in text
    assert "   [Screenshot: The header in the request log.]" in text
