"""State diagrams drawn by Sphinx's own Graphviz support.

The DOT source names every state by a generated id and shows user text only
inside quoted labels, escaped by :func:`dot_string`, so no state or event
name can change the graph's structure. The graph has a transparent
background and filled boxes with their own text colour, so it reads on
light and dark HTML themes alike. It has no ``URL`` attributes, so Sphinx
writes no image map, which EPUB checkers reject.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sphinx.ext.graphviz import graphviz

from sphinx_integration_guides import diagnostics
from sphinx_integration_guides.diagnostics import Problem, Subtype
from sphinx_integration_guides.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_BOX = 'shape=box, style="rounded,filled", fillcolor="#eef2f7", color="#52606d"'
_EDGE = 'color="#7b8794", fontcolor="#7b8794"'


def dot_string(text: str) -> str:
    """Return ``text`` as a quoted DOT string that Graphviz shows literally.

    Backslashes would start label escapes (``\\N``, ``\\l``) and ``&`` an
    entity reference, so both are escaped as well as quotes and newlines.
    """
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("&", "&amp;").replace("\r", "").replace("\n", "\\n"))
    return f'"{escaped}"'


def dot_available(config: Config) -> bool:
    """Tell whether the program named by ``graphviz_dot`` can be found."""
    return shutil.which(str(config.graphviz_dot)) is not None


def wants_diagram(config: Config) -> bool:
    """Tell whether a state diagram goes into the doctree in this build."""
    mode = config.integration_guides_diagrams
    return mode != "never" and dot_available(config)


def state_dot(
    states: Sequence[str],
    initial: str,
    terminal: set[str],
    transitions: Sequence[tuple[str, str, str]],
) -> str:
    """Return DOT source for ``(from, event, to)`` transitions between states.

    States outside ``states`` are left out, since the table already warns
    about them.
    """
    ids = {name: f"s{index}" for index, name in enumerate(states)}
    lines = ["digraph states {",
             '  graph [rankdir=TB, bgcolor="transparent", nodesep=0.4];',
             f'  node [{_BOX}, fontcolor="#1f2933", fontname="Helvetica"];',
             f'  edge [{_EDGE}, fontname="Helvetica", fontsize=10];']
    if initial in ids:
        lines.append('  start [shape=point, width=0.15, color="#52606d", '
                     'fillcolor="#52606d", label=""];')
        lines.append(f"  start -> {ids[initial]};")
    for name, node_id in ids.items():
        border = ", peripheries=2" if name in terminal else ""
        lines.append(f"  {node_id} [label={dot_string(name)}{border}];")
    for (source, target), events in _edges(transitions).items():
        if source in ids and target in ids:
            label = dot_string("\n".join(events))
            lines.append(f"  {ids[source]} -> {ids[target]} [label={label}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edges(
    transitions: Sequence[tuple[str, str, str]],
) -> dict[tuple[str, str], list[str]]:
    """Group events by the pair of states they connect, in the order written.

    One edge per pair keeps labels apart: Graphviz stacks the labels of
    parallel edges and self-loops on top of each other.
    """
    edges: dict[tuple[str, str], list[str]] = {}
    for source, event, target in transitions:
        events = edges.setdefault((source, target), [])
        if event not in events:
            events.append(event)
    return edges


def diagram_node(code: str) -> graphviz:
    """Return a Graphviz node for ``code``.

    The options stay empty, so the image file name Sphinx derives from a
    hash of code and options depends on the diagram alone: an unchanged
    diagram keeps its file, and Sphinx skips running ``dot`` for it.
    """
    node = graphviz()
    node["code"] = code
    node["options"] = {}
    node["alt"] = _("State diagram; the transition table lists the same transitions.")
    node["classes"] = ["ig-state-diagram"]
    return node


def _warn_missing_dot(app: Sphinx) -> None:
    config = app.config
    if config.integration_guides_diagrams != "always" or dot_available(config):
        return
    diagnostics.emit(Problem(
        Subtype.CONFIG,
        "integration_guides_diagrams is 'always', but the Graphviz program "
        f"'{config.graphviz_dot}' (the graphviz_dot setting) was not found, so "
        "state diagrams are left out of this build; install Graphviz or set "
        "graphviz_dot to the path of dot",
    ))


def _use_svg_in_epub(app: Sphinx) -> None:
    """Draw diagrams as SVG in an EPUB where the format is left at PNG.

    For PNG output Sphinx (9.0) also writes a ``.map`` image map next to each
    image, which the EPUB builder reports as an unknown file type, failing
    ``-W``. SVG is an EPUB 3 core media type and comes without a map.
    """
    config = app.config
    if app.builder.name.startswith("epub") and config.graphviz_output_format == "png":
        config.graphviz_output_format = "svg"


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.connect("builder-inited", _warn_missing_dot)
    app.connect("builder-inited", _use_svg_in_epub)
