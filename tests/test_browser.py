"""Guides in headless Chromium with every supported theme, light and dark.

The pages come from a local HTTP server on 127.0.0.1. Screenshots go to the
folder named by ``IG_SCREENSHOT_DIR``, or to the test's temporary folder.
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, warning_lines

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

THEMES = ("alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme")
#: Themes with a dark mode that follows the reader's colour-scheme setting.
DARK_THEMES = {"furo", "pydata_sphinx_theme"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Errors that a theme's own script logs on a first visit.
THEME_CONSOLE_ERRORS = {
    # PyData Sphinx Theme, before a mode is stored in localStorage.
    "Got invalid theme mode: . Resetting to auto.",
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
AXE_FOLDER = Path(__file__).parent / "browser"


@pytest.fixture(scope="session")
def axe_script() -> str:
    """Return axe-core's source, installed from the npm registry if missing.

    A lock file keeps two test workers from running npm at the same time.
    """
    script = AXE_FOLDER / "node_modules" / "axe-core" / "axe.min.js"
    with open(AXE_FOLDER / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not script.is_file():
            npm = shutil.which("npm")
            assert npm, "npm is needed to install axe-core for the accessibility check"
            subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--silent"],
                cwd=AXE_FOLDER,
                check=True,
                timeout=300,
            )
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the guides once per theme and serve them; yield the base URL."""
    root = tmp_path_factory.mktemp("themes")
    for theme in THEMES:
        srcdir = root / "src" / theme
        shutil.copytree(ROOTS / "test-themes", srcdir)
        warning = StringIO()
        app = SphinxTestApp(
            "html",
            srcdir=srcdir,
            builddir=root / "build" / theme,
            confoverrides={"html_theme": theme},
            status=StringIO(),
            warning=warning,
        )
        try:
            app.build()
        finally:
            app.cleanup()
        assert warning_lines(warning, srcdir) == []
        shutil.copytree(app.outdir, root / "site" / theme)
    handler = functools.partial(Quiet, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("IG_SCREENSHOT_DIR")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Visit:
    """A page opened in a fresh context, with the errors its console shows."""

    def __init__(
        self, browser: Any, url: str, viewport: dict[str, int], scheme: str
    ) -> None:
        self.context = browser.new_context(viewport=viewport, color_scheme=scheme)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", self._response)
        self.page.goto(url, wait_until="load")

    def _console(self, message: Any) -> None:
        if message.type != "error" or message.text in THEME_CONSOLE_ERRORS:
            return
        # A failed load is reported with its URL by _response.
        if not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.errors.append(f"{response.status} {response.url}")

    def close(self) -> None:
        self.context.close()


def open_page(
    browser: Any, site: str, theme: str, viewport: dict[str, int], scheme: str = "light"
) -> Visit:
    return Visit(browser, f"{site}/{theme}/alpha.html", viewport, scheme)


#: What axe-core checks: the extension's blocks and tables. The theme's own
#: navigation, footer and search box are the theme's business, and the
#: colours of highlighted code come from the project's Pygments style.
AXE_CONTEXT = {
    "include": [[".ig-block"], ["table.ig-table"]],
    "exclude": [[".highlight"]],
}


def run_axe(page: Any, axe_script: str) -> list[dict[str, Any]]:
    """Return axe-core's serious and critical violations in the guide blocks."""
    page.add_script_tag(content=axe_script)
    result = page.evaluate("async context => await axe.run(context)", AXE_CONTEXT)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def check_tables_visible(page: Any) -> None:
    tables = page.locator("table.ig-table")
    assert tables.count() == 8
    for index in range(tables.count()):
        table = tables.nth(index)
        assert table.is_visible()
        box = table.bounding_box()
        assert box is not None
        assert box["width"] > 200
        assert box["height"] > 40


def check_checkboxes_tick(page: Any) -> None:
    boxes = page.get_by_role("checkbox")
    assert boxes.count() == 5
    for index in range(boxes.count()):
        boxes.nth(index).check()
        assert boxes.nth(index).is_checked()
    assert page.get_by_role("checkbox", name="Run the smoke tests.").count() == 1


def check_wide_table_scrolls(page: Any) -> None:
    """Check that no guide block runs past the screen and the matrix scrolls.

    Only the extension's blocks are measured: a theme's own header may be
    wider than a small phone.
    """
    rights = page.locator(".ig-block, table.ig-table").evaluate_all(
        "nodes => nodes.map(node => node.getBoundingClientRect().right)"
    )
    assert len(rights) >= 8
    assert max(rights) <= PHONE["width"] + 1, rights
    sizes = page.locator("table.ig-env-table").evaluate(
        "table => [table.scrollWidth, table.clientWidth,"
        " table.parentElement.scrollWidth, table.parentElement.clientWidth]"
    )
    table_scrolls = sizes[0] > sizes[1] + 10
    wrapper_scrolls = sizes[2] > sizes[3] + 10
    assert table_scrolls or wrapper_scrolls, sizes
    scroller = page.locator("[role=region][tabindex='0']").filter(
        has=page.locator("table.ig-env-table")
    )
    region = page.locator("table.ig-env-table[role=region][tabindex='0']")
    assert scroller.count() + region.count() == 1


def check_dark_blocks(page: Any) -> None:
    """Check that header cells have light text on a dark background."""
    cell = page.locator("table.ig-env-table th").first
    assert luminance(cell.evaluate("cell => getComputedStyle(cell).color")) > 0.5
    background = cell.evaluate(
        """cell => {
            for (let node = cell; node; node = node.parentElement) {
                const colour = getComputedStyle(node).backgroundColor;
                if (colour !== 'rgba(0, 0, 0, 0)') return colour;
            }
            return 'rgb(255, 255, 255)';
        }"""
    )
    assert luminance(background) < 0.3, background


def luminance(colour: str) -> float:
    """Return the relative lightness (0 to 1) of a CSS ``rgb()`` colour."""
    parts = colour[colour.index("(") + 1 : colour.index(")")].split(",")
    red, green, blue = (float(part) / 255 for part in parts[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def save_screenshot(visit: Visit, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    visit.page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("theme", THEMES)
def test_desktop_light(browser, site, axe_script, screenshot_dir, theme) -> None:
    visit = open_page(browser, site, theme, DESKTOP)
    try:
        check_tables_visible(visit.page)
        assert run_axe(visit.page, axe_script) == []
        save_screenshot(visit, screenshot_dir, f"{theme}-light-desktop")
        check_checkboxes_tick(visit.page)
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("theme", THEMES)
def test_desktop_dark(browser, site, axe_script, screenshot_dir, theme) -> None:
    visit = open_page(browser, site, theme, DESKTOP, "dark")
    try:
        check_tables_visible(visit.page)
        if theme in DARK_THEMES:
            check_dark_blocks(visit.page)
        assert run_axe(visit.page, axe_script) == []
        save_screenshot(visit, screenshot_dir, f"{theme}-dark-desktop")
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_phone(browser, site, screenshot_dir, theme, scheme) -> None:
    visit = open_page(browser, site, theme, PHONE, scheme)
    try:
        check_wide_table_scrolls(visit.page)
        save_screenshot(visit, screenshot_dir, f"{theme}-{scheme}-phone")
        assert visit.errors == []
    finally:
        visit.close()


#: How each theme with a dark mode marks it when the reader picks it.
DARK_SWITCHES = {
    "furo": "document.body.dataset.theme = 'dark'",
    "pydata_sphinx_theme": "document.documentElement.dataset.theme = 'dark'",
}


@pytest.mark.parametrize("theme", sorted(DARK_THEMES))
def test_dark_mode_switch(browser, site, theme) -> None:
    """The blocks follow the theme's own switch, not only the system setting."""
    visit = open_page(browser, site, theme, DESKTOP, "light")
    try:
        visit.page.evaluate(DARK_SWITCHES[theme])
        check_dark_blocks(visit.page)
        assert visit.errors == []
    finally:
        visit.close()
