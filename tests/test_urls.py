"""URLs in captions and prose: safe schemes only, placeholders shown as text."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import build_root

SCHEMES = "use one of: http, https, mailto [integration_guides.url]"
LITERAL = (
    '<code class="docutils literal notranslate"><span class="pre">{}</span></code>'
)


class Build(NamedTuple):
    outdir: Path
    warnings: list[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    app, warnings = build_root(tmp_path_factory.mktemp("urls"), "urls")
    return Build(app.outdir, warnings)


def test_caption_link_warning_names_directive(built: Build) -> None:
    assert (
        "index.rst:4: WARNING: error-map: caption: the URL scheme 'javascript:' is "
        f"not allowed, so the link is shown as text; {SCHEMES}"
    ) in built.warnings
    page = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert "See the console" in page
    assert "javascript:" not in page


def test_data_url_gets_one_warning(built: Build) -> None:
    assert [line for line in built.warnings if line.startswith("index.rst:16:")] == [
        "index.rst:16: WARNING: prerequisites: accounts[0].url: the URL scheme "
        f"'data:' is not allowed, so the link is shown as text; {SCHEMES}"
    ]


def _prose_of(built: Build, page: str) -> str:
    html = (built.outdir / f"{page}.html").read_text(encoding="utf-8")
    start = html.index("Open ")
    return html[start : html.index("</p>", start)]


def test_bare_placeholder_urls_shown_as_code(built: Build) -> None:
    assert _prose_of(built, "index") == (
        "Open "
        + LITERAL.format("https://&lt;tenant&gt;.example.com/x")
        + " or "
        + LITERAL.format("https://example.com/${TENANT}/x")
        + "."
    )


def test_markdown_placeholder_link_shows_url_as_written(built: Build) -> None:
    assert _prose_of(built, "myst") == (
        "Open the admin ("
        + LITERAL.format("https://{yourOktaDomain}/admin")
        + ") or "
        + LITERAL.format("https://{yourOktaDomain}/home")
        + "."
    )


def test_no_other_warnings(built: Build) -> None:
    assert [line.split(": WARNING:")[0] for line in built.warnings] == [
        "index.rst:4",
        "index.rst:16",
    ]
