"""Profile one in-process html build of the benchmark's extension project.

Prints the share of the build spent in YAML loading, in schema validation
and in the directives as a whole, then the functions of the extension with
the largest cumulative time.

Run: ``python benchmarks/profile_build.py --guides 200``
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from build_cost import available_directives
from projects import write_project

PACKAGE = "sphinx_integration_guides"

#: Entry points whose cumulative time is reported, as (module file, function).
ENTRY_POINTS = {
    "YAML loading": ("loading.py", "load"),
    "schema validation": ("validation.py", "validate"),
    "directive run() in total": ("directives/base.py", "run"),
}


def cumulative(stats: pstats.Stats, module: str, function: str) -> float:
    """Return the cumulative seconds of ``function`` in the package's ``module``."""
    total = 0.0
    for (filename, _line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        if name == function and filename.endswith(f"{PACKAGE}/{module}"):
            total += row[3]
    return total


def profile_build(source: Path, output: Path) -> pstats.Stats:
    from sphinx.cmd.build import build_main

    profiler = cProfile.Profile()
    profiler.enable()
    status = build_main(["-b", "html", "-q", str(source), str(output)])
    profiler.disable()
    if status != 0:
        raise RuntimeError(f"the profiled build failed with status {status}")
    return pstats.Stats(profiler)


def print_shares(stats: pstats.Stats) -> None:
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"profiled build: {total:.2f}s (times include profiler overhead)")
    for label, (module, function) in ENTRY_POINTS.items():
        seconds = cumulative(stats, module, function)
        print(f"{label:<28} {seconds:7.2f}s {100 * seconds / total:6.2f}%")
    share = (
        sum(
            cumulative(stats, *ENTRY_POINTS[key])
            for key in ("YAML loading", "schema validation")
        )
        / total
    )
    print(f"loading + validation share of the build: {100 * share:.2f}%")


def print_top(stats: pstats.Stats, count: int) -> None:
    rows = [
        (row[3], filename, line, name)
        for (filename, line, name), row in stats.stats.items()  # type: ignore[attr-defined]
        if PACKAGE in filename
    ]
    print(f"extension functions by cumulative time (top {count}):")
    for seconds, filename, line, name in sorted(rows, reverse=True)[:count]:
        module = filename.split(f"{PACKAGE}/", 1)[-1]
        print(f"  {seconds:7.2f}s  {module}:{line} {name}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--guides", type=int, default=200, help="number of guide pages (default 200)"
    )
    parser.add_argument(
        "--top",
        type=int,
        default=15,
        help="number of extension functions to list (default 15)",
    )
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="profile-build-") as scratch:
        source = Path(scratch) / "extension"
        write_project(
            source,
            "extension",
            arguments.guides,
            available_directives(),
            diagrams=False,
        )
        stats = profile_build(source, Path(scratch) / "out")
    print_shares(stats)
    print_top(stats, arguments.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
