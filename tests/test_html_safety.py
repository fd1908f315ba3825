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


@pytest.mark.parametrize("source", ["index.rst", "myst.md"])
def test_url_field_warnings_name_directive_and_field(xss_build, source) -> None:
    offset = 0 if source == "index.rst" else -1
    fields = [
        (16, "prerequisites: accounts[0].url", "javascript"),
        (19, "prerequisites: accounts[1].url", "data"),
        (28, "prerequisites: software[0].url", "javascript"),
        (45, "auth-flow: docs", "javascript"),
        (46, "auth-flow: recording", "data"),
        (100, "error-map: errors[0].docs", "javascript"),
        (105, "error-map: errors[1].docs", "data"),
    ]
    for line, field, scheme in fields:
        assert (
            f"{source}:{line + offset}: WARNING: {field}: the URL scheme '{scheme}:' "
            "is not allowed, so the link is shown as text; use one of: http, https, "
            "mailto [integration_guides.url]"
        ) in xss_build.warnings


# -- accessibility and ids ---------------------------------------------------


class Labelled(HTMLParser):
    """Collects ids with the text inside each element, and checkbox labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.text_of: dict[str, str] = {}
        self.checkboxes: list[dict[str, str | None]] = []
        self.images: list[dict[str, str | None]] = []
        self.hrefs: list[str] = []
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._note(tag, attributes)
        if tag not in VOID_TAGS:
            self._open.append((tag, attributes.get("id")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._note(tag, dict(attrs))

    def _note(self, tag: str, attributes: dict[str, str | None]) -> None:
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
            self.text_of.setdefault(str(attributes["id"]), "")
        if tag == "input" and attributes.get("type") == "checkbox":
            self.checkboxes.append(attributes)
        if tag == "img":
            self.images.append(attributes)
        if tag == "a" and (attributes.get("href") or "").startswith("#"):
            self.hrefs.append(str(attributes["href"])[1:])

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            open_tag, _id = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _tag, id_ in self._open:
            if id_:
                self.text_of[id_] += data


VOID_TAGS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
}


@pytest.fixture(scope="module")
def themes_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the two-guide project as separate pages and as one page."""
    outdirs = {}
    for builder in ("html", "singlehtml"):
        srcdir = tmp_path_factory.mktemp(builder) / "src"
        shutil.copytree(ROOTS / "test-themes", srcdir)
        warning = StringIO()
        app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=warning)
        try:
            app.build()
        finally:
            app.cleanup()
        assert warning_lines(warning, srcdir) == []
        outdirs[builder] = app.outdir
    return outdirs


def parse_labelled(path: Path) -> Labelled:
    page = Labelled()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_singlehtml_ids_unique(themes_builds) -> None:
    page = parse_labelled(themes_builds["singlehtml"] / "index.html")
    duplicates = sorted({id_ for id_ in page.ids if page.ids.count(id_) > 1})
    assert duplicates == []
    assert "ig-error-401" in page.ids
    assert "ig-error-401-2" in page.ids


def test_singlehtml_links_follow_renamed_ids(themes_builds) -> None:
    page = parse_labelled(themes_builds["singlehtml"] / "index.html")
    assert page.hrefs.count("ig-error-401") == 1
    assert page.hrefs.count("ig-error-401-2") == 1
    assert [href for href in page.hrefs if href and href not in page.ids] == []


@pytest.mark.parametrize(
    ("builder", "page_name"),
    [("html", "alpha"), ("html", "beta"), ("singlehtml", "index")],
)
def test_checkboxes_have_names(themes_builds, builder, page_name) -> None:
    page = parse_labelled(themes_builds[builder] / f"{page_name}.html")
    expected = 5 if builder == "html" else 10
    assert len(page.checkboxes) == expected
    for checkbox in page.checkboxes:
        label = checkbox.get("aria-labelledby")
        assert label, checkbox
        assert page.ids.count(str(label)) == 1
        assert page.text_of[str(label)].strip()


def test_checkbox_named_by_item_text(themes_builds) -> None:
    page = parse_labelled(themes_builds["html"] / "alpha.html")
    names = [
        page.text_of[str(box["aria-labelledby"])].strip() for box in page.checkboxes
    ]
    assert any(name.startswith("Payments account") for name in names), names
    assert "Run the smoke tests." in names


def test_screenshots_carry_alt_text(themes_builds) -> None:
    page = parse_labelled(themes_builds["html"] / "alpha.html")
    screenshots = [
        image for image in page.images if "ig-screenshot" in (image.get("class") or "")
    ]
    assert len(screenshots) == 1
    assert screenshots[0]["alt"] == (
        "The API clients page with the New client button highlighted."
    )
    for image in page.images:
        assert (image.get("alt") or "").strip(), image
