"""The pipeline across builds: file dependencies and docutils settings."""

from __future__ import annotations

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.docutils import patch_docutils

from conftest import ROOTS, build_root, warning_lines


def _build(srcdir: Path) -> tuple[list[str], list[str]]:
    """Build ``srcdir`` with a new application; return read documents and warnings."""
    read: list[str] = []
    warning = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=warning)
    app.connect("env-before-read-docs", lambda _app, _env, names: read.extend(names))
    try:
        app.build()
    finally:
        app.cleanup()
    return sorted(read), warning_lines(warning, srcdir)


def test_file_dependency_rebuilds(tmp_path: Path) -> None:
    srcdir = tmp_path / "deps"
    shutil.copytree(ROOTS / "test-pipeline-deps", srcdir)
    missing = (
        "missing.rst:4: WARNING: error-map: :file: 'missing.yaml' not found (looked "
        "for 'missing.yaml' in the source directory); paths are relative to the "
        "document, or to the source directory when they start with '/' "
        "[integration_guides.file]"
    )

    assert _build(srcdir) == (["index", "missing"], [missing])
    assert _build(srcdir) == ([], [])

    data = srcdir / "errors.yaml"
    data.write_text(data.read_text().replace("FIRST", "SECOND"), encoding="utf-8")
    later = data.stat().st_mtime + 5
    os.utime(data, (later, later))
    assert _build(srcdir) == (["index"], [])
    html = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'id="ig-error-second"' in html


def test_file_created_again_is_read(tmp_path: Path) -> None:
    srcdir = tmp_path / "deps"
    shutil.copytree(ROOTS / "test-pipeline-deps", srcdir)
    (srcdir / "missing.rst").unlink()
    index = srcdir / "index.rst"
    index.write_text(index.read_text().replace("   missing\n", ""), encoding="utf-8")
    data = srcdir / "errors.yaml"
    text = data.read_text(encoding="utf-8")
    gone = (
        "index.rst:7: WARNING: error-map: :file: 'errors.yaml' not found (looked "
        "for 'errors.yaml' in the source directory); paths are relative to the "
        "document, or to the source directory when they start with '/' "
        "[integration_guides.file]"
    )
    html = srcdir / "_build" / "html" / "index.html"

    assert _build(srcdir) == (["index"], [])
    data.unlink()
    assert _build(srcdir) == (["index"], [gone])
    assert "ig-error-map" not in html.read_text(encoding="utf-8")
    assert _build(srcdir) == ([], [])

    data.write_text(text, encoding="utf-8")
    assert _build(srcdir) == (["index"], [])
    assert 'id="ig-error-first"' in html.read_text(encoding="utf-8")
    assert _build(srcdir) == ([], [])


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_assets_reach_static_folder(tmp_path: Path, builder: str) -> None:
    app, _warnings = build_root(tmp_path, "pipeline-deps", buildername=builder)
    for name in ("integration_guides.css", "integration_guides.js"):
        assert (app.outdir / "_static" / name).is_file()


def test_second_build_keeps_configuration(tmp_path: Path) -> None:
    srcdir = tmp_path / "deps"
    shutil.copytree(ROOTS / "test-pipeline-deps", srcdir)
    statuses = []
    for _build_number in range(2):
        status = StringIO()
        app = SphinxTestApp("html", srcdir=srcdir, status=status)
        try:
            app.build()
        finally:
            app.cleanup()
        statuses.append(status.getvalue())

    # The test application reports html_theme as changed by itself, so the
    # check names the option this extension adds to.
    assert "html_static_path" not in statuses[1]


def test_file_insertion_disabled(tmp_path: Path) -> None:
    # sphinx-build reads docutils.conf from the configuration directory
    # through patch_docutils; the test application needs the same context.
    with patch_docutils(tmp_path / "pipeline-extend"):
        _, warnings = build_root(
            tmp_path,
            "pipeline-extend",
            docutils_conf="[general]\nfile_insertion_enabled: false\n",
        )
    assert warnings[1] == (
        "index.rst:13: WARNING: error-map: :file: is not allowed because file "
        "insertion is disabled in this build (docutils setting "
        "file_insertion_enabled); write the data in the directive's body "
        "[integration_guides.file]"
    )
    assert len(warnings) == 3
