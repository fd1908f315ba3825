"""No user string reaches HTML as markup, and no unsafe URL becomes a link."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import NamedTuple

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, warning_lines

#: Element types that a hostile field could use to run code or hide the page.
#: (The theme's own search box is a form, so forms are not in the list.)
FORBIDDEN_TAGS = {"iframe", "svg", "math", "object", "embed", "style", "base"}
#: Attributes whose value a browser may load or follow.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}
SAFE_SCHEMES = {"http", "https", "mailto"}
#: The parts of the hostile text that must be shown as written. In Markdown
#: prose an entity is markup, so MyST shows ``&amp;`` as ``&``: only reST
#: keeps the entities as written in every field.
SHOWN_AS_TEXT = {
    "index": ("<img src=x onerror=alert(1)>", "&amp;&lt;b&gt;&#60;i&#62;"),
    "myst": ("<img src=x onerror=alert(1)>",),
}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_FIELD_MARKER = re.compile(r"zqf\d\d")
_UNSAFE_URL_FIELD = re.compile(
    r"^\s*(?:- )?(?:url|docs|recording|screenshot|action): .*(?:javascript|data):"
)


class Page(HTMLParser):
    """Collects the elements, the script bodies and the text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def shown_markers(source: Path) -> set[str]:
    """Return the field markers of ``source`` that the page must show.

    The ``language`` field names a lexer and is never shown.
    """
    markers = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("language:"):
            continue
        markers.update(_FIELD_MARKER.findall(line))
    return markers


def unsafe_url_lines(source: Path) -> set[int]:
    """Return the lines of ``source`` whose URL field or prose link is unsafe."""
    lines = source.read_text(encoding="utf-8").splitlines()
    return {
        number for number, line in enumerate(lines, 1) if _UNSAFE_URL_FIELD.match(line)
    }


class Build(NamedTuple):
    outdir: Path
    srcdir: Path
    warnings: list[str]


@pytest.fixture(scope="module")
def xss_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the hostile project once for every test of this module."""
    srcdir = tmp_path_factory.mktemp("xss") / "src"
    shutil.copytree(ROOTS / "test-xss", srcdir)
    warning = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=warning)
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(app.outdir, srcdir, warning_lines(warning, srcdir))


@pytest.mark.parametrize("page", ["index", "myst"])
def test_no_injected_elements(xss_build, page) -> None:
    parsed = parse(xss_build.outdir / f"{page}.html")
    tags = {tag for tag, _attributes in parsed.elements}
    assert tags.isdisjoint(FORBIDDEN_TAGS), tags & FORBIDDEN_TAGS
    for tag, attributes in parsed.elements:
        if tag == "script":
            assert (attributes.get("src") or "_static/").startswith("_static/")
        if tag == "img":
            assert attributes.get("src") != "x"
    for body in parsed.scripts:
        assert "alert" not in body
        assert "zq" not in body


@pytest.mark.parametrize("page", ["index", "myst"])
def test_no_event_attributes(xss_build, page) -> None:
    parsed = parse(xss_build.outdir / f"{page}.html")
    events = [
        (tag, name)
        for tag, attributes in parsed.elements
        for name in attributes
        if name.startswith("on")
    ]
    assert events == []


@pytest.mark.parametrize("page", ["index", "myst"])
def test_no_unsafe_link(xss_build, page) -> None:
    parsed = parse(xss_build.outdir / f"{page}.html")
    for tag, attributes in parsed.elements:
        for name in URL_ATTRIBUTES & attributes.keys():
            match = _SCHEME.match(attributes[name] or "")
            if match:
                assert match.group(1).lower() in SAFE_SCHEMES, (tag, name, attributes)


@pytest.mark.parametrize(
    ("page", "source"), [("index", "index.rst"), ("myst", "myst.md")]
)
def test_every_field_shown_as_text(xss_build, page, source) -> None:
    parsed = parse(xss_build.outdir / f"{page}.html")
    text = "".join(parsed.text)
    alts = " ".join(str(attributes.get("alt")) for _tag, attributes in parsed.elements)
    markers = shown_markers(xss_build.srcdir / source)
    assert len(markers) > 50
    missing = {
        marker for marker in markers if marker not in text and marker not in alts
    }
    assert missing == set()
    for fragment in SHOWN_AS_TEXT[page]:
        assert text.count(fragment) + alts.count(fragment) >= len(markers), fragment


@pytest.mark.parametrize("source", ["index.rst", "myst.md"])
def test_every_unsafe_url_warns(xss_build, source) -> None:
    warnings = xss_build.warnings
    warned = {
        int(match.group(1))
        for line in warnings
        if (
            match := re.match(
                rf"{re.escape(source)}:(\d+): WARNING: .*"
                r"\[integration_guides\.(?:url|image)\]$",
                line,
            )
        )
    }
    expected = unsafe_url_lines(xss_build.srcdir / source)
    assert len(expected) >= 8
    assert warned == expected
