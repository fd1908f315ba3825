"""Every builder renders the realistic and hostile projects completely and safely.

Each (project, builder) pair is built once per test process and shared by the
tests below. The realistic project must build without any warning, the hostile one
with exactly the warnings in its expected-warnings.txt.
"""

from __future__ import annotations

import inspect
import json
import pickle
import re
import warnings
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.cmd.build import build_main
from sphinx.deprecation import RemovedInNextVersionWarning, RemovedInSphinx10Warning

import sphinx_integration_guides
from conftest import ROOTS
from project_builds import (
    BUILDERS,
    HOSTILE_SECRET_STARTS,
    Build,
    build,
    copy_project,
    expected_warnings,
    output_files,
    output_text,
    read_markers,
    undo_latex_breaks,
)
from sphinx_integration_guides.directives import DIRECTIVE_NAMES

#: Writers that must have a visitor for every node the extension adds.
WRITER_FORMATS = ("html", "latex", "text", "man", "texinfo")

#: Builders whose output merges several documents into one.
MERGING_BUILDERS = ("singlehtml", "latex", "man", "texinfo")


_BUILDS: dict[tuple[str, str], Build] = {}


def _shared_build(project: str, builder: str,
                  tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build ``project`` with ``builder`` once per test process; tests only read it."""
    key = (project, builder)
    if key not in _BUILDS:
        workdir = tmp_path_factory.mktemp(f"{project}-{builder}")
        _BUILDS[key] = build(copy_project(project, workdir), builder)
    return _BUILDS[key]


@pytest.fixture(scope="module", params=BUILDERS)
def realistic(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Build:
    return _shared_build("realistic", request.param, tmp_path_factory)


@pytest.fixture(scope="module", params=BUILDERS)
def hostile(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Build:
    return _shared_build("hostile", request.param, tmp_path_factory)


def _missing_markers(result: Build, project: str) -> list[str]:
    markers = read_markers(project)
    builder = result.app.builder.name
    if builder == "gettext":
        # Only translatable text reaches a message catalog.
        markers = {word: kind for word, kind in markers.items()
                   if kind in {"prose", "caption"}}
    if builder == "latex":
        # LaTeX has no place for an image's alternative text.
        markers = {word: kind for word, kind in markers.items() if kind != "alt"}
    # The man writer of Sphinx 8.2 upper-cases section titles, captions too.
    text = undo_latex_breaks(output_text(result.outdir)).lower()
    return [word for word in markers if word.lower() not in text]


# -- coverage of the directives -----------------------------------------------------

_DIRECTIVE_USE = re.compile(r"^\s*(?:\.\. ([a-z-]+)::|```\{([a-z-]+)\})", re.MULTILINE)


@pytest.mark.parametrize("project", ["realistic", "hostile"])
def test_project_uses_every_directive(project: str) -> None:
    root = ROOTS / f"test-{project}"
    used = set()
    for path in [*root.rglob("*.rst"), *root.rglob("*.md")]:
        for match in _DIRECTIVE_USE.finditer(path.read_text(encoding="utf-8")):
            used.add(match.group(1) or match.group(2))
    assert sorted(set(DIRECTIVE_NAMES) - used) == []


# -- realistic project -----------------------------------------------------------


def test_realistic_builds_without_warning(realistic: Build) -> None:
    assert realistic.warnings == []


def test_realistic_output_has_every_field(realistic: Build) -> None:
    if realistic.app.builder.name == "dummy":
        pytest.skip("the dummy builder writes no files")
    assert _missing_markers(realistic, "realistic") == []


# -- hostile project -------------------------------------------------------------


def test_hostile_gives_expected_warnings(hostile: Build) -> None:
    assert hostile.warnings == expected_warnings("hostile")


def test_hostile_output_has_every_field(hostile: Build) -> None:
    if hostile.app.builder.name == "dummy":
        pytest.skip("the dummy builder writes no files")
    assert _missing_markers(hostile, "hostile") == []


def test_hostile_secrets_never_written(hostile: Build) -> None:
    build_dir = Path(hostile.app.outdir).parent
    leaks = []
    for path in sorted(build_dir.rglob("*")):
        if path.is_file():
            content = undo_latex_breaks(path.read_bytes().decode("utf-8", "replace"))
            leaks += [(path.name, s) for s in HOSTILE_SECRET_STARTS if s in content]
    assert leaks == []


def test_hostile_secrets_not_in_warnings(hostile: Build) -> None:
    text = "\n".join(hostile.warnings)
    for secret in HOSTILE_SECRET_STARTS:
        assert secret not in text


def test_hostile_secrets_shown_masked(hostile: Build) -> None:
    if hostile.app.builder.name in {"dummy", "gettext"}:
        pytest.skip("no literal text in this builder's output")
    text = undo_latex_breaks(output_text(hostile.outdir))
    assert "sk_live_********" in text
    assert "ghp_********" in text


# -- merged documents ------------------------------------------------------------


def test_latex_writes_every_document(tmp_path_factory: pytest.TempPathFactory) -> None:
    result = _shared_build("realistic", "latex", tmp_path_factory)
    names = [path.name for path in output_files(result.outdir)]
    assert "realistic.tex" in names
    assert "twilio-sms.tex" in names
    twilio = (result.outdir / "twilio-sms.tex").read_text(encoding="utf-8")
    assert "zqrcause4" in twilio
    assert "zqrcause1" not in twilio


@pytest.mark.parametrize("builder", MERGING_BUILDERS)
def test_merged_output_holds_all_pages(
    builder: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = _shared_build("realistic", builder, tmp_path_factory)
    merged = output_text(result.outdir)
    for word in ("zqrcause1", "zqrcause3", "zqrcause4", "zqrcause5"):
        assert word in merged


# -- nodes and writers -----------------------------------------------------------


def _extension_node_classes() -> list[type[nodes.Node]]:
    import importlib
    import pkgutil

    found: dict[str, type[nodes.Node]] = {}
    package_path = sphinx_integration_guides.__path__
    prefix = "sphinx_integration_guides."
    for module_info in pkgutil.walk_packages(package_path, prefix):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (inspect.isclass(value) and issubclass(value, nodes.Node)
                    and value.__module__ == module.__name__):
                found[value.__name__] = value
    return list(found.values())


def test_extension_defines_some_node() -> None:
    assert "checkbox" in [cls.__name__ for cls in _extension_node_classes()]


@pytest.mark.parametrize("writer", WRITER_FORMATS)
def test_every_node_has_visitor(writer: str,
                                tmp_path_factory: pytest.TempPathFactory) -> None:
    result = _shared_build("realistic", "dummy", tmp_path_factory)
    handlers = result.app.registry.translation_handlers.get(writer, {})
    missing = [cls.__name__ for cls in _extension_node_classes()
               if cls.__name__ not in handlers]
    assert missing == []


#: A builder from "another package": the text writer under a name of its own,
#: so that no visitor the extension registers for ``text`` applies to it.
PLAIN_BUILDER = """
from sphinx.builders.text import TextBuilder


class PlainBuilder(TextBuilder):
    name = "plain"
    format = "plain"


def setup(app):
    app.add_builder(PlainBuilder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def test_writer_without_visitors_gets_text(tmp_path: Path) -> None:
    srcdir = copy_project("realistic", tmp_path)
    (srcdir / "plain_builder.py").write_text(PLAIN_BUILDER)
    with (srcdir / "conf.py").open("a") as conf:
        conf.write("\nimport sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
                   "extensions.append('plain_builder')\n")
    result = build(srcdir, "plain")
    webhooks = (result.outdir / "billing" / "webhooks.txt").read_text("utf-8")
    testing = (result.outdir / "billing" / "testing.txt").read_text("utf-8")
    assert result.warnings == []
    assert "the transition table lists the same transitions" in webhooks
    assert "[ ] " in testing
    assert "zqracct1" in testing


@pytest.mark.parametrize(("builder", "language", "title"), [
    ("json", "en", "Error code index"),
    ("pickle", "de", "Index der Fehlercodes"),
])
def test_serialising_builders_write_index_titles(
    builder: str, language: str, title: str, tmp_path: Path
) -> None:
    srcdir = copy_project("basic", tmp_path)
    result = build(srcdir, builder, confoverrides={"language": language})
    assert result.warnings == []
    suffix = ".fjson" if builder == "json" else ".fpickle"
    page = result.outdir / f"index{suffix}"
    if builder == "json":
        links = json.loads(page.read_text("utf-8"))["rellinks"]
    else:
        links = pickle.loads(page.read_bytes())["rellinks"]
    assert ["guide-errors", title] == list(links[1][:2])
    assert all(type(text) is str for link in links for text in link)


# -- -W --keep-going -------------------------------------------------------------

#: One problem of each kind: its warning subtype, the directive and its body.
#: Each must fail a ``-W`` build.
PROBLEM_BODIES: dict[str, tuple[str, str, str]] = {
    "unknown key": (
        "schema", "error-map",
        "errors:\n  - code: A\n    cause: c\n    remediaton: r\n",
    ),
    "missing field": ("schema", "field-map", "mappings:\n  - source: a\n"),
    "duplicate key": (
        "yaml", "error-map",
        "errors:\n  - code: A\n    code: B\n    cause: c\n    remediation: r\n",
    ),
    "yaml syntax": ("yaml", "error-map", "errors: [unclosed\n"),
    "empty body": ("yaml", "error-map", ""),
    "live secret": (
        "secret", "prerequisites",
        "env_vars:\n  - name: KEY\n    secret: true\n"
        "    example: sk_live_51AbcdefGhijklmnOpqr\n",
    ),
    "version": (
        "version", "prerequisites",
        "software:\n  - name: Ruby\n    version: latest\n",
    ),
    "unsafe url": (
        "url", "auth-flow",
        "scheme: api_key\ndocs: javascript:alert(1)\nsteps:\n  - title: t\n",
    ),
    "missing image": (
        "image", "auth-flow",
        "scheme: api_key\nsteps:\n  - title: t\n    screenshot: missing.png\n"
        "    alt: a\n",
    ),
    "environment": (
        "env", "env-matrix",
        "environments: [a, b]\nsettings:\n  - name: X\n    values:\n      a: one\n",
    ),
    "state": (
        "state", "state-transitions",
        "states:\n  - name: a\ninitial: a\n"
        "transitions:\n  - from: a\n    event: e\n    to: b\n",
    ),
    "test kinds": (
        "test", "test-script",
        "language: bash\ncases:\n  - name: n\n    kind: success\n"
        "    script: echo\n    expect:\n      exit_code: 0\n",
    ),
    "lexer": (
        "highlight", "test-script",
        "language: pyhton\ncases:\n"
        "  - name: n\n    kind: success\n    script: x\n"
        "    expect:\n      exit_code: 0\n"
        "  - name: m\n    kind: error\n    script: y\n"
        "    expect:\n      exit_code: 1\n",
    ),
    "generic remediation": (
        "remediation", "error-map",
        "errors:\n  - code: A\n    cause: c\n    remediation: Try again later\n",
    ),
}


def _write_project(srcdir: Path, directive: str, body: str) -> None:
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_integration_guides"]\n')
    indented = "".join(f"   {line}\n" for line in body.splitlines())
    page = f"Page\n====\n\n.. {directive}::\n\n{indented}"
    (srcdir / "index.rst").write_text(page)


def _strict_build(srcdir: Path, outdir: Path) -> int:
    args = ["-W", "--keep-going", "-q", "-b", "dummy", str(srcdir), str(outdir)]
    return build_main(args)


@pytest.mark.parametrize("problem", PROBLEM_BODIES)
def test_strict_build_fails_on_problem(problem: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    subtype, directive, body = PROBLEM_BODIES[problem]
    srcdir = tmp_path / "src"
    _write_project(srcdir, directive, body)
    assert _strict_build(srcdir, tmp_path / "out") == 1
    assert f"[integration_guides.{subtype}]" in capsys.readouterr().err


def test_strict_build_passes_clean_project(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    _write_project(srcdir, "error-map",
                   "errors:\n  - code: A\n    cause: c\n    remediation: r\n")
    assert _strict_build(srcdir, tmp_path / "out") == 0


def test_strict_build_passes_realistic(tmp_path: Path) -> None:
    srcdir = copy_project("realistic", tmp_path)
    assert _strict_build(srcdir, tmp_path / "out") == 0


def test_strict_build_fails_hostile(tmp_path: Path) -> None:
    srcdir = copy_project("hostile", tmp_path)
    assert _strict_build(srcdir, tmp_path / "out") == 1


# -- deprecations ----------------------------------------------------------------


@pytest.mark.parametrize("category", [RemovedInNextVersionWarning,
                                      RemovedInSphinx10Warning])
def test_sphinx_deprecation_is_error(category: type[Warning]) -> None:
    with pytest.raises(category):
        warnings.warn("removed soon", category, stacklevel=1)
