"""Shared fixtures: Sphinx test roots and warning helpers."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.docutils import additional_nodes

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(autouse=True)
def no_live_app() -> Iterator[None]:
    """Fail a test that leaves a Sphinx application's nodes registered.

    docutils keeps node classes in one table per process, and
    ``SphinxTestApp.cleanup`` empties it. An application that outlives its
    test (a module fixture that yields it, a build without cleanup) makes the
    next application in the same worker warn that its nodes are already
    registered, in whichever test happens to run next.
    """
    yield
    left = sorted(node.__name__ for node in additional_nodes)
    assert not left, f"a Sphinx application was not cleaned up: {left}"


#: Terminal control sequences: colours (``m``) and erase-line (``K``), which
#: Sphinx writes when it thinks the terminal has colours (also when CI=true).
ANSI_SEQUENCE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def warning_lines(warning: object, srcdir: Path) -> list[str]:
    """Return the build's warnings, one per line, with paths relative to srcdir.

    docutils names an included file relative to the working directory, so
    that form of the source directory is removed too.
    """
    text = ANSI_SEQUENCE.sub("", warning.getvalue())  # type: ignore[attr-defined]
    text = text.replace(str(srcdir) + "/", "")
    text = text.replace(os.path.relpath(srcdir) + "/", "")
    return [line for line in text.splitlines() if line.strip()]


def build_root(
    base: Path,
    name: str,
    *,
    buildername: str = "html",
    prepare: Callable[[Path], None] | None = None,
    **kwargs: Any,
) -> tuple[SphinxTestApp, list[str]]:
    """Copy test root ``name`` under ``base``, build it once, return the warnings.

    ``prepare`` may change the copied source directory before the build (to
    add symlinks, which a test root cannot hold portably). Other keyword
    arguments go to :class:`SphinxTestApp` (``confoverrides``,
    ``docutils_conf``, ...). Module-scoped fixtures use this to share one
    build between the tests of a module.
    """
    srcdir = base / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    if prepare is not None:
        prepare(srcdir)
    warning = StringIO()
    app = SphinxTestApp(
        buildername, srcdir=srcdir, status=StringIO(), warning=warning, **kwargs
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app, warning_lines(warning, srcdir)
