"""A small run of the build-cost benchmark, so that the script keeps working."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "build_cost.py"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Run the benchmark on two guides, once, and return its output lines."""
    workdir = tmp_path_factory.mktemp("build-cost")
    completed = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--guides",
            "2",
            "--runs",
            "1",
            "--no-datatemplates",
            "--workdir",
            str(workdir),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.splitlines()


def test_benchmark_ends_with_ratio(output: list[str]) -> None:
    assert re.fullmatch(
        r"build-time ratio \(extension / plain reST\): \d+\.\d\d", output[-1]
    )


def test_benchmark_builds_without_warnings(output: list[str]) -> None:
    assert [line for line in output if line.startswith("WARNING")] == []


@pytest.mark.parametrize(
    "row",
    [
        "full build (median)",
        "CPU time of full build",
        "read phase of full build",
        "incremental, one data file",
        "peak memory (max)",
        "doctree nodes of one guide",
    ],
)
def test_benchmark_reports_row(output: list[str], row: str) -> None:
    assert any(line.startswith(row) for line in output)


def test_benchmark_compares_parallel(output: list[str]) -> None:
    assert any(line.startswith("extension -j 2 / -j 1: full build") for line in output)


def test_benchmark_covers_every_registered_directive() -> None:
    """Each directive has data, a heading, a plain reST twin and a template."""
    from sphinx_integration_guides.directives import DIRECTIVE_NAMES

    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from guide_data import guide_data
        from plain_project import SECTIONS
        from projects import HEADINGS, TEMPLATES
    finally:
        sys.path.remove(str(SCRIPT.parent))
    covered = {
        name
        for name in DIRECTIVE_NAMES
        if name in guide_data(0)
        and name in HEADINGS
        and name in SECTIONS
        and (TEMPLATES / f"{name}.tmpl").is_file()
    }
    assert sorted(set(DIRECTIVE_NAMES) - covered) == []
