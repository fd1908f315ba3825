"""Profile one in-process html build of the benchmark's extension project.

Prints the share of the build's CPU time spent in YAML loading, in schema
validation and in the directives as a whole, measured with timers around
those functions. With ``--profile``, a second build runs under cProfile and
the extension's functions with the largest cumulative time are listed.

Run: ``python benchmarks/profile_build.py --guides 200 --profile``
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from build_cost import available_directives
from projects import write_project

PACKAGE = "sphinx_integration_guides"

#: Entry points whose CPU time is reported, as (module, attribute path).
ENTRY_POINTS = {
    "YAML loading": ("sphinx_integration_guides.loading", "load"),
    "schema validation": ("sphinx_integration_guides.validation", "validate"),
    "directives in total": (
        "sphinx_integration_guides.directives.base",
        "GuideDirective.run",
    ),
}


def _timed(function: Callable[..., Any], totals: dict[str, float], label: str) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.process_time() - start

    return wrapper


def _build(source: Path, output: Path) -> None:
    from sphinx.cmd.build import build_main

    status = build_main(["-b", "html", "-q", str(source), str(output)])
    if status != 0:
        raise RuntimeError(f"the build of {source} failed with status {status}")


def timed_shares(source: Path, output: Path) -> tuple[float, dict[str, float]]:
    """Build once with timers around the entry points and return CPU seconds.

    The timers use process CPU time, so other load on the machine does not
    count, and they add far less overhead than a profiler.
    """
    totals = dict.fromkeys(ENTRY_POINTS, 0.0)
    originals = []
    for label, (module_name, attribute) in ENTRY_POINTS.items():
        owner: Any = importlib.import_module(module_name)
        *parents, name = attribute.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        originals.append((owner, name, getattr(owner, name)))
        setattr(owner, name, _timed(getattr(owner, name), totals, label))
    start = time.process_time()
    try:
        _build(source, output)
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    return time.process_time() - start, totals


def profile_build(source: Path, output: Path) -> pstats.Stats:
    """Build once under cProfile, timed in process CPU time."""
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    try:
        _build(source, output)
    finally:
        profiler.disable()
    return pstats.Stats(profiler)


def print_shares(total: float, totals: dict[str, float]) -> None:
    print(f"build CPU time: {total:.2f}s")
    for label, seconds in totals.items():
        print(f"{label:<28} {seconds:7.2f}s {100 * seconds / total:6.2f}%")
    share = (totals["YAML loading"] + totals["schema validation"]) / total
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
        "--profile",
        action="store_true",
        help="also build under cProfile and list the slowest extension functions",
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
        total, totals = timed_shares(source, Path(scratch) / "timed")
        print_shares(total, totals)
        if arguments.profile:
            print_top(profile_build(source, Path(scratch) / "profiled"), arguments.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
