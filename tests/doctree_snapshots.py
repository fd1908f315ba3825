"""Doctree snapshots: the XML of a directive's output, compared with a stored file.

A test fails when the output differs from ``tests/snapshots/<name>``. After a
deliberate change of the output, run the tests with ``UPDATE_SNAPSHOTS=1`` to
rewrite the files, then read the diff before committing it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from docutils import nodes

SNAPSHOTS = Path(__file__).parent / "snapshots"


def doctree_xml(elements: Iterable[nodes.Element], srcdir: Path) -> str:
    """Return the elements as indented XML, with the source directory replaced."""
    parts = [element.asdom().toprettyxml(indent="  ") for element in elements]
    text = "".join(parts).replace(str(srcdir), "<srcdir>")
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def assert_matches_snapshot(name: str, xml: str) -> None:
    """Compare ``xml`` with the stored snapshot ``name``."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(xml, encoding="utf-8")
    assert path.is_file(), f"no snapshot {path}; run with UPDATE_SNAPSHOTS=1 once"
    assert xml == path.read_text(encoding="utf-8")
