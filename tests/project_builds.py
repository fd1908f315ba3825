"""Build the realistic and hostile test projects outside the per-test fixtures.

Module-scoped fixtures use these helpers so that one build serves several
tests; ``sphinx.testing``'s ``make_app`` fixture is function-scoped.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, warning_lines

#: Every builder that Sphinx ships and the extension must support.
BUILDERS = (
    "html",
    "dirhtml",
    "singlehtml",
    "latex",
    "epub",
    "text",
    "man",
    "texinfo",
    "gettext",
    "xml",
    "pseudoxml",
    "dummy",
)

#: Suffixes of the files the text-writing builders produce.
TEXT_SUFFIXES = {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".pot", ".xml",
                 ".pseudoxml"}

#: Live credentials written into the hostile project, which no output may show.
HOSTILE_SECRETS = (
    "sk_live_51ZqHostileAbcdefGhijklmn0123",
    "ghp_ZqHostileTokenAbcdefghijklmnopqrst12",
)

#: The start of each secret, short enough that no table cell wraps it.
HOSTILE_SECRET_STARTS = tuple(secret[:12] for secret in HOSTILE_SECRETS)


@dataclass
class Build:
    """A finished build: its application, directories, warnings and status."""

    app: SphinxTestApp
    srcdir: Path
    warnings: list[str]
    status: str

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)


def copy_project(name: str, workdir: Path) -> Path:
    """Copy the test root ``test-<name>`` into ``workdir`` and return the copy."""
    srcdir = workdir / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def build(srcdir: Path, builder: str, *, parallel: int = 0, freshenv: bool = True,
          confoverrides: dict[str, Any] | None = None,
          read_log: list[str] | None = None) -> Build:
    """Build ``srcdir`` with ``builder`` in-process and return the result.

    ``read_log``, when given, receives the name of every document the build
    reads.
    """
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        freshenv=freshenv,
        parallel=parallel,
        confoverrides=confoverrides,
        status=StringIO(),
        warning=StringIO(),
    )
    if read_log is not None:
        app.connect("env-before-read-docs",
                    lambda _app, _env, docnames: read_log.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(app, srcdir, warning_lines(app.warning, srcdir),
                 app.status.getvalue())


def read_markers(name: str) -> dict[str, str]:
    """Return the project's marker words, each mapped to its kind."""
    markers = {}
    for line in (ROOTS / f"test-{name}" / "markers.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split()
            markers[word] = kind
    return markers


def expected_warnings(name: str) -> list[str]:
    """Return the warning lines listed in the project's expected-warnings.txt."""
    path = ROOTS / f"test-{name}" / "expected-warnings.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def output_files(outdir: Path) -> list[Path]:
    """Return the text files a builder wrote from the documents.

    Doctrees and the sources the HTML builders copy into ``_sources`` are
    left out, since they hold every word whether the writers render it or not.
    """
    return sorted(
        path for path in outdir.rglob("*")
        if path.suffix in TEXT_SUFFIXES
        and ".doctrees" not in path.parts and "_sources" not in path.parts
    )


def output_text(outdir: Path) -> str:
    """Return the text of every output file, joined."""
    return "\n".join(path.read_text(encoding="utf-8") for path in output_files(outdir))


#: A command with an empty group, such as ``\allowbreak{}`` or
#: ``\penalty200\relax{}``: the LaTeX writer puts these between letters of
#: literals as break points, and they print no text.
_LATEX_BREAK = re.compile(r"\\[A-Za-z]+-?\d*(?:\\relax)?\{\}")


def undo_latex_breaks(text: str) -> str:
    """Remove the escapes and break points LaTeX output puts inside literals."""
    return _LATEX_BREAK.sub("", text).replace("\\_", "_")


def write_expected_warnings(name: str) -> None:
    """Rewrite the project's expected-warnings.txt from a fresh HTML build.

    Run ``python tests/project_builds.py hostile`` after a deliberate change of
    a message, then read the diff before committing it.
    """
    import tempfile

    with tempfile.TemporaryDirectory() as workdir:
        result = build(copy_project(name, Path(workdir)), "html")
    header = (
        "# Every warning a build of this project gives, in order, with paths\n"
        "# relative to the source directory. Lines starting with # are comments.\n"
        "# After a deliberate change of a message, regenerate this file with\n"
        "# python tests/project_builds.py hostile, and read the diff.\n"
    )
    path = ROOTS / f"test-{name}" / "expected-warnings.txt"
    path.write_text(header + "".join(f"{line}\n" for line in result.warnings),
                    encoding="utf-8")


if __name__ == "__main__":
    import sys

    for project in sys.argv[1:]:
        write_expected_warnings(project)
