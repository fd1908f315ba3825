"""Parallel and incremental builds give the same result as a fresh serial one."""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import ANSI_SEQUENCE
from project_builds import Build, build, copy_project

#: The documents of the realistic project that read each data file.
FILE_READERS = {
    "data/stripe-prerequisites.yaml": ["billing/stripe", "billing/testing"],
    "data/webhook-errors.yaml": ["billing/stripe", "billing/webhooks"],
    "billing/data/retry-errors.yaml": ["billing/stripe"],
    "data/accounts-map.yaml": ["salesforce"],
}


def _output(result: Build) -> dict[str, bytes]:
    """Return every file the build wrote, by its path in the output directory."""
    files = {}
    for path in sorted(result.outdir.rglob("*")):
        if path.is_file():
            files[path.relative_to(result.outdir).as_posix()] = path.read_bytes()
    return files


def _read_in_chunks(status: str) -> bool:
    """Tell whether the build read documents in chunks, as parallel reads do."""
    plain = ANSI_SEQUENCE.sub("", status)
    return any(line.startswith("reading sources") and " .. " in line
               for line in plain.splitlines())


def _domain_objects(result: Build) -> dict[str, Any]:
    """Return the guide domain's objects with the source directory removed."""
    objects = result.app.env.domains["guide"].data["objects"]
    text = repr(sorted(objects.items()))
    return {"objects": text.replace(str(result.srcdir), "<srcdir>")}


# -- parallel ------------------------------------------------------------------


@pytest.fixture(scope="module")
def realistic_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    serial = build(copy_project("realistic", tmp_path_factory.mktemp("serial")), "html")
    parallel = build(copy_project("realistic", tmp_path_factory.mktemp("parallel")),
                     "html", parallel=2)
    return serial, parallel


def test_parallel_build_reads_in_workers(realistic_pair: tuple[Build, Build]) -> None:
    serial, parallel = realistic_pair
    assert _read_in_chunks(parallel.status)
    assert not _read_in_chunks(serial.status)


def test_parallel_output_equals_serial(realistic_pair: tuple[Build, Build]) -> None:
    serial, parallel = realistic_pair
    serial_files = _output(serial)
    parallel_files = _output(parallel)
    assert sorted(parallel_files) == sorted(serial_files)
    assert "_downloads" in "".join(serial_files)
    differing = [name for name in serial_files
                 if parallel_files[name] != serial_files[name]]
    assert differing == []


def test_parallel_domain_equals_serial(realistic_pair: tuple[Build, Build]) -> None:
    serial, parallel = realistic_pair
    assert _domain_objects(parallel) == _domain_objects(serial)


def test_parallel_warnings_equal_serial(tmp_path: Path) -> None:
    serial = build(copy_project("hostile", tmp_path / "serial"), "dummy")
    parallel = build(copy_project("hostile", tmp_path / "parallel"), "dummy",
                     parallel=2)
    assert _read_in_chunks(parallel.status)
    assert sorted(parallel.warnings) == sorted(serial.warnings)


# -- incremental -----------------------------------------------------------------


@pytest.fixture
def first_build(tmp_path: Path) -> Build:
    return build(copy_project("realistic", tmp_path), "html")


def _rebuild(first: Build) -> tuple[Build, list[str]]:
    read: list[str] = []
    result = build(first.srcdir, "html", freshenv=False, read_log=read)
    return result, sorted(read)


def test_unchanged_rebuild_reads_nothing(first_build: Build) -> None:
    result, read = _rebuild(first_build)
    assert read == []
    assert result.warnings == []
    assert re.search(r"0 added, 0 changed, 0 removed", result.status)
    assert "no targets are out of date" in result.status


@pytest.mark.parametrize("data_file", FILE_READERS)
def test_edited_file_rereads_its_documents(first_build: Build, data_file: str) -> None:
    path = first_build.srcdir / data_file
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _result, read = _rebuild(first_build)
    assert read == FILE_READERS[data_file]


def test_edited_file_shows_new_text(first_build: Build) -> None:
    path = first_build.srcdir / "data/accounts-map.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("zqrnote2", "zqrnoteedited"), encoding="utf-8")
    result, _read = _rebuild(first_build)
    page = (result.outdir / "salesforce.html").read_text(encoding="utf-8")
    assert "zqrnoteedited" in page
    assert "zqrnote2" not in page


def test_deleted_document_removes_objects(first_build: Build) -> None:
    (first_build.srcdir / "twilio.md").unlink()
    contents = first_build.srcdir / "contents.rst"
    contents.write_text(contents.read_text().replace("   twilio\n", ""))
    result, read = _rebuild(first_build)
    objects = result.app.env.domains["guide"].data["objects"]
    assert read == ["contents"]
    assert "twilio" not in objects
    assert "billing/stripe" in objects
    index = (result.outdir / "genindex.html").read_text(encoding="utf-8")
    assert "ZQRCODE4" not in index
    assert "ZQRCODE1" in index


def test_pickled_environment_loads(first_build: Build) -> None:
    doctreedir = Path(first_build.app.doctreedir)
    with (doctreedir / "environment.pickle").open("rb") as stream:
        env = pickle.load(stream)
    objects = env.domaindata["guide"]["objects"]
    assert "billing/stripe" in objects
    assert "twilio" in objects


def test_environment_holds_no_extension_attributes(first_build: Build) -> None:
    env = first_build.app.env
    names = [name for name in vars(env)
             if "guide" in name.lower() or name.startswith("ig_")]
    assert names == []
    assert "guide" in env.domaindata


def test_deleted_document_drops_duplicate_warning(tmp_path: Path) -> None:
    first = build(copy_project("hostile", tmp_path), "dummy")
    duplicate = [line for line in first.warnings if line.startswith("other.rst:")]
    assert len(duplicate) == 1
    (first.srcdir / "other.rst").unlink()
    index = first.srcdir / "index.rst"
    index.write_text(index.read_text().replace("   other\n", ""))
    second = build(first.srcdir, "dummy", freshenv=False)
    assert [line for line in second.warnings if "already declared" in line] == []
