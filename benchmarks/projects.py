"""Write the benchmark projects: directives, plain reST, and datatemplates.

All projects have the same pages, titles, cross-references, theme and
configuration. They differ only in how each guide's sections are written.
The extension and datatemplates projects keep each section's data in a YAML
file under ``data/``, so changing one file rebuilds one page.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from guide_data import guide_data, integration_name, service_name
from plain_project import SECTIONS, object_lines, test_script_file

#: Jinja templates of the datatemplates project, one per directive.
TEMPLATES = Path(__file__).parent / "templates"

#: Headings of the guide sections, in page order, by directive name.
HEADINGS = {
    "prerequisites": "Before you start",
    "auth-flow": "Authentication",
    "env-matrix": "Environments",
    "error-map": "Errors",
    "state-transitions": "Subscription states",
    "test-script": "Check the setup",
    "field-map": "Field mapping",
    "content-rules": "Message content",
}

#: A Sphinx extension that records when the read phase starts and ends.
#: Both events fire in the main process, also under ``-j``.
TIMING_EXTENSION = """\
import os
import time


def _mark(name):
    def handler(app, *args):
        path = os.environ.get("BENCH_TIMING_FILE")
        if path:
            with open(path, "a", encoding="utf-8") as stream:
                stream.write(f"{name} {time.perf_counter()}\\n")
    return handler


def setup(app):
    app.connect("env-before-read-docs", _mark("read-start"))
    app.connect("env-updated", _mark("read-end"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""

CONF = """\
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
project = "Integration guides benchmark"
extensions = {extensions!r}
html_theme = "alabaster"
suppress_warnings = []
integration_guides_diagrams = {diagrams!r}
templates_path = ["_templates"]
html_context = {{"bench_diagrams": {diagrams!r} == "always"}}
"""


def write_project(
    root: Path, kind: str, guides: int, directives: Sequence[str], diagrams: bool
) -> None:
    """Write a project of ``guides`` pages.

    ``kind`` is ``extension`` (the directives), ``plain`` (hand-written reST)
    or ``datatemplates`` (the same YAML files rendered by Jinja templates
    through sphinxcontrib-datatemplates).
    """
    root.mkdir(parents=True, exist_ok=True)
    extensions = ["_bench_timing"]
    if kind == "extension":
        extensions.append("sphinx_integration_guides")
    if kind == "datatemplates":
        extensions.append("sphinxcontrib.datatemplates")
        shutil.copytree(TEMPLATES, root / "_templates", dirs_exist_ok=True)
    if kind != "extension" and diagrams:
        extensions.append("sphinx.ext.graphviz")
    mode = "always" if diagrams else "never"
    (root / "conf.py").write_text(CONF.format(extensions=extensions, diagrams=mode))
    (root / "_bench_timing.py").write_text(TIMING_EXTENSION)
    names = [integration_name(index) for index in range(guides)]
    toctree = [".. toctree::", "   :maxdepth: 1", "", *[f"   {name}" for name in names]]
    (root / "index.rst").write_text("\n".join(["Guides", "======", "", *toctree, ""]))
    for index in range(guides):
        page = guide_page(root, kind, index, directives, diagrams)
        (root / f"{names[index]}.rst").write_text("\n".join(page))


def guide_page(
    root: Path, kind: str, index: int, directives: Sequence[str], diagrams: bool
) -> list[str]:
    integration = integration_name(index)
    title = f"{service_name(index)} integration {index}"
    lines = [
        f":integration: {integration}",
        "",
        title,
        "=" * len(title),
        "",
        *intro(kind, index, directives),
        "",
    ]
    data = guide_data(index)
    for name in directives:
        heading = HEADINGS[name]
        lines += [heading, "-" * len(heading), ""]
        if kind == "plain":
            lines += SECTIONS[name](integration, data[name], diagrams)
        else:
            lines += data_directive(root, kind, integration, name, data[name])
        if kind != "extension" and name == "test-script":
            script = test_script_file(data[name])
            (root / f"{integration}-test.sh").write_text(script)
    return lines


def data_directive(
    root: Path, kind: str, integration: str, name: str, data: dict[str, Any]
) -> list[str]:
    """Write the section's data file and return the directive that renders it."""
    path = data_path(root, integration, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    source = f"/data/{integration}/{name}.yaml"
    if kind == "datatemplates":
        return [f".. datatemplate:yaml:: {source}", f"   :template: {name}.tmpl", ""]
    return [f".. {name}::", f"   :file: {source}", ""]


def data_path(root: Path, integration: str, name: str) -> Path:
    return root / "data" / integration / f"{name}.yaml"


def intro(kind: str, index: int, directives: Sequence[str]) -> list[str]:
    """Return a paragraph that links to objects of this guide and the first one."""
    own, first = integration_name(index), integration_name(0)
    targets: list[tuple[str, str, str]] = []
    if "error-map" in directives:
        targets += [("error", own, "429"), ("error", first, "401")]
    if "state-transitions" in directives:
        targets.append(("state", own, "past_due"))
    if not targets:
        return [f"This guide connects {service_name(index)} with the warehouse."]
    links = [
        reference(kind, objtype, integration, name)
        for objtype, integration, name in targets
    ]
    return [
        f"This guide connects {service_name(index)} with the warehouse; "
        f"watch for {', '.join(links)}."
    ]


def reference(kind: str, objtype: str, integration: str, name: str) -> str:
    """Return a link to a guide object: a guide role, or ``:ref:`` to its label."""
    if kind == "extension":
        return f":guide:{objtype}:`{integration}:{name}`"
    label = object_lines(integration, objtype, "", name)[0][4:-1]
    return f":ref:`{name} <{label}>`"
