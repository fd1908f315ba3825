"""Shared fixtures: Sphinx test roots and warning helpers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warning_lines(warning: object, srcdir: Path) -> list[str]:
    """Return the build's warnings, one per line, with paths relative to srcdir."""
    text = _ANSI.sub("", warning.getvalue())  # type: ignore[attr-defined]
    text = text.replace(str(srcdir) + "/", "")
    return [line for line in text.splitlines() if line.strip()]
