"""Compare the build time of guides written with the extension and in plain reST.

Generates projects with the same content (``--guides N`` pages, each with
every directive of realistic size). One uses the directives with YAML data
files, and its plain twin writes the same tables, lists, code blocks, index
entries and labels by hand. When sphinxcontrib-datatemplates is installed, a
third renders the same YAML files through Jinja templates. All are built with
sphinx-build (html, alabaster) in subprocesses, alternating A B A B over
``--runs R`` runs. Printed: medians of
the full build, of an incremental rebuild after one data file changes, of the
read phase, ``-j 2`` against ``-j 1``, peak memory, the same ratio with state
diagrams on, and as the last line the main build-time ratio.

Run: ``python benchmarks/build_cost.py --guides 200 --runs 3``
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import sphinx
from guide_data import integration_name
from measure import Build, doctree_nodes, sphinx_build
from projects import HEADINGS, data_path, write_project


def available_directives() -> list[str]:
    """Return the directives this installation registers, in page order.

    A registered directive that the generator does not know stops the run:
    leaving it out would make the extension look cheaper than it is.
    """
    from sphinx_integration_guides.directives import DIRECTIVE_NAMES

    missing = [name for name in DIRECTIVE_NAMES if name not in HEADINGS]
    if missing:
        raise SystemExit(
            f"benchmark guide section missing for {', '.join(missing)}. Add the "
            "directive's data, heading, plain reST twin and template in benchmarks/"
        )
    return [name for name in HEADINGS if name in DIRECTIVE_NAMES]


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--guides",
        type=int,
        default=200,
        help="number of guide pages in each project (default 200)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="builds of each project per measure (default 3)",
    )
    parser.add_argument(
        "--directives",
        default="",
        help="comma-separated directives to include (default: every "
        "directive the installed extension registers)",
    )
    parser.add_argument(
        "--no-diagrams",
        action="store_true",
        help="skip the second ratio, built with state diagrams on",
    )
    parser.add_argument(
        "--no-parallel", action="store_true", help="skip the -j 2 builds"
    )
    parser.add_argument(
        "--no-datatemplates",
        action="store_true",
        help="skip the third project, rendered with sphinxcontrib-datatemplates",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="where to write the projects (default: a temporary "
        "directory, removed at the end)",
    )
    return parser.parse_args(argv)


def median(builds: Sequence[Build], field: str = "seconds") -> float:
    return statistics.median(getattr(build, field) for build in builds)


def peak(builds: Sequence[Build]) -> float:
    return max(build.max_rss_mib for build in builds)


def project_kinds(arguments: argparse.Namespace) -> list[str]:
    """Return the projects to build: datatemplates too when it is installed."""
    if arguments.no_datatemplates:
        return ["extension", "plain"]
    try:
        import sphinxcontrib.datatemplates  # noqa: F401
    except ImportError:
        return ["extension", "plain"]
    return ["extension", "plain", "datatemplates"]


def touch_data(root: Path, kind: str, directive: str, run: int) -> None:
    """Change one data file: the YAML of one section, or the plain page itself."""
    integration = integration_name(0)
    if kind == "plain":
        path, comment = root / f"{integration}.rst", f".. edit {run}"
    else:
        path, comment = data_path(root, integration, directive), f"# edit {run}"
    path.write_text(path.read_text() + f"\n{comment}\n")


def timed_build(label: str, source: Path, output: Path, **options: Any) -> Build:
    """Run one build and print its measures to stderr, so a long run shows progress."""
    build = sphinx_build(source, output, **options)
    print(
        f"[{label}] {build.seconds:.2f}s wall, {build.cpu_seconds:.2f}s CPU, "
        f"read phase {build.read_seconds:.2f}s, {build.max_rss_mib:.0f} MiB",
        file=sys.stderr,
        flush=True,
    )
    return build


def main_series(
    work: Path, arguments: argparse.Namespace, directives: list[str], kinds: list[str]
) -> dict[str, list[Build]]:
    """Build every project from scratch and incrementally, alternating A B."""
    results: dict[str, list[Build]] = {}
    for kind in kinds:
        write_project(work / kind, kind, arguments.guides, directives, diagrams=False)
    for run in range(arguments.runs):
        for kind in kinds:
            source, output = work / kind, work / f"{kind}-out"
            full = timed_build(f"{kind} full", source, output)
            results.setdefault(kind, []).append(full)
            touch_data(source, kind, directives[0], run)
            incremental = timed_build(
                f"{kind} incremental", source, output, fresh=False
            )
            results.setdefault(f"{kind}-incremental", []).append(incremental)
        if not arguments.no_parallel:
            for kind in ("extension", "plain"):
                output = work / f"{kind}-j2"
                parallel = timed_build(f"{kind} -j 2", work / kind, output, jobs=2)
                results.setdefault(f"{kind}-j2", []).append(parallel)
    return results


def diagram_series(
    work: Path, arguments: argparse.Namespace, directives: list[str], kinds: list[str]
) -> dict[str, list[Build]]:
    """Build every project with state diagrams on, alternating A B."""
    results: dict[str, list[Build]] = {}
    for kind in kinds:
        write_project(
            work / f"{kind}-diagrams", kind, arguments.guides, directives, diagrams=True
        )
    for _run in range(arguments.runs):
        for kind in kinds:
            source = work / f"{kind}-diagrams"
            output = work / f"{kind}-diagrams-out"
            build = timed_build(f"{kind} diagrams", source, output)
            results.setdefault(kind, []).append(build)
    return results


def report_warnings(name: str, builds: Sequence[Build]) -> None:
    lines = [line for build in builds for line in build.warnings]
    if lines:
        print(f"WARNING: {name} builds printed {len(lines)} warning lines; first ones:")
        for line in lines[:5]:
            print(f"  {line}")


def print_machine(arguments: argparse.Namespace, directives: list[str]) -> None:
    print(
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, "
        f"{platform.machine()}, {platform.processor() or 'unknown CPU'}"
    )
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start")
    print(
        f"guides: {arguments.guides}, runs: {arguments.runs}, "
        f"directives: {', '.join(directives)}"
    )


def print_row(label: str, values: Sequence[float], unit: str = "s") -> None:
    """Print one measure for each project, then extension / plain reST."""
    ratio = values[0] / values[1] if values[1] else float("nan")
    cells = "".join(f"{value:>14.2f}{unit}" for value in values)
    print(f"{label:<28}{cells} {ratio:>7.2f}")


def print_results(
    work: Path,
    main: dict[str, list[Build]],
    diagrams: dict[str, list[Build]],
    kinds: list[str],
) -> None:
    names = {
        "extension": "extension",
        "plain": "plain reST",
        "datatemplates": "datatemplates",
    }
    print(f"{'':<28}{''.join(f'{names[kind]:>15}' for kind in kinds)} {'ratio':>7}")
    print_row("full build (median)", [median(main[kind]) for kind in kinds])
    print_row("CPU time of full build", [median(main[k], "cpu_seconds") for k in kinds])
    print_row(
        "read phase of full build", [median(main[k], "read_seconds") for k in kinds]
    )
    incremental = [main[f"{kind}-incremental"] for kind in kinds]
    print_row("incremental, one data file", [median(builds) for builds in incremental])
    print_row(
        "CPU time of incremental",
        [median(builds, "cpu_seconds") for builds in incremental],
    )
    print_row("peak memory (max)", [peak(main[kind]) for kind in kinds], unit="M")

    if diagrams:
        print_row("full build with diagrams", [median(diagrams[k]) for k in kinds])
        print_row(
            "CPU time with diagrams",
            [median(diagrams[kind], "cpu_seconds") for kind in kinds],
        )

    docname = integration_name(0)
    counts = [doctree_nodes(work / f"{kind}-out", docname) for kind in kinds]
    print_row("doctree nodes of one guide", counts, unit=" ")
    for kind in ("extension", "plain"):
        if f"{kind}-j2" in main:
            print_parallel(kind, main[kind], main[f"{kind}-j2"])


def print_parallel(
    kind: str, serial: Sequence[Build], parallel: Sequence[Build]
) -> None:
    """Print how ``-j 2`` compares with ``-j 1``, whole build and read phase."""
    whole_serial, whole_parallel = median(serial), median(parallel)
    read_serial = median(serial, "read_seconds")
    read_parallel = median(parallel, "read_seconds")
    print(
        f"{kind} -j 2 / -j 1: full build {whole_parallel / whole_serial:.2f} "
        f"({whole_parallel:.2f}s / {whole_serial:.2f}s), read phase "
        f"{read_parallel / read_serial:.2f} ({read_parallel:.2f}s / {read_serial:.2f}s)"
    )


def run(arguments: argparse.Namespace, work: Path) -> float:
    directives = [
        name.strip() for name in arguments.directives.split(",") if name.strip()
    ] or available_directives()
    print_machine(arguments, directives)
    kinds = project_kinds(arguments)
    main = main_series(work, arguments, directives, kinds)
    with_diagrams: dict[str, list[Build]] = {}
    if not arguments.no_diagrams and "state-transitions" in directives:
        with_diagrams = diagram_series(work, arguments, directives, kinds)
    for name, builds in main.items():
        report_warnings(name, builds)
    for name, builds in with_diagrams.items():
        report_warnings(f"{name} (diagrams on)", builds)
    print_results(work, main, with_diagrams, kinds)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    ratio = median(main["extension"]) / median(main["plain"])
    print(f"build-time ratio (extension / plain reST): {ratio:.2f}")
    return ratio


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.workdir is not None:
        arguments.workdir.mkdir(parents=True, exist_ok=True)
        run(arguments, arguments.workdir)
        return 0
    with tempfile.TemporaryDirectory(prefix="build-cost-") as scratch:
        run(arguments, Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
