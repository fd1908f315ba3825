"""Run one sphinx-build in a subprocess and measure its time and memory."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Build:
    """One build: wall time, CPU time, read phase, peak memory and warning lines.

    CPU time is user plus system time of the build and of the worker
    processes it waited for. Other load on the machine disturbs it less than
    wall time.
    """

    seconds: float
    cpu_seconds: float
    read_seconds: float
    max_rss_mib: float
    warnings: list[str]


def sphinx_build(
    source: Path,
    output: Path,
    *,
    builder: str = "html",
    jobs: int = 1,
    fresh: bool = True,
) -> Build:
    """Build ``source`` into ``output``, from scratch unless ``fresh`` is false.

    Peak memory is ``ru_maxrss`` from ``os.wait4`` for this child alone, the
    largest resident set of the build process and of the worker processes it
    waited for.
    """
    if fresh and output.exists():
        shutil.rmtree(output)
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        "-q",
        "-j",
        str(jobs),
        str(source),
        str(output),
    ]
    with tempfile.TemporaryDirectory() as scratch:
        timing = Path(scratch) / "timing"
        errors = Path(scratch) / "stderr"
        environment = {**os.environ, "BENCH_TIMING_FILE": str(timing)}
        with errors.open("wb") as stream:
            start = time.perf_counter()
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=stream, env=environment
            )
            _pid, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log = errors.read_text(encoding="utf-8", errors="replace")
        if process.returncode != 0:
            raise RuntimeError(f"sphinx-build failed on {source}:\n{log}")
        read_seconds = _read_phase(timing)
    cpu_seconds = usage.ru_utime + usage.ru_stime
    max_rss_mib = usage.ru_maxrss / 1024
    return Build(seconds, cpu_seconds, read_seconds, max_rss_mib, log.splitlines())


def _read_phase(timing: Path) -> float:
    """Return seconds between the read-start and read-end marks, 0 if none."""
    if not timing.exists():
        return 0.0
    marks = dict(line.split() for line in timing.read_text().splitlines())
    if "read-start" not in marks or "read-end" not in marks:
        return 0.0
    return float(marks["read-end"]) - float(marks["read-start"])


def doctree_nodes(output: Path, docname: str) -> int:
    """Return the number of nodes in the pickled doctree of ``docname``."""
    path = output / ".doctrees" / f"{docname}.doctree"
    with path.open("rb") as stream:
        doctree = pickle.load(stream)  # the build just wrote this file
    return sum(1 for _node in doctree.findall())
