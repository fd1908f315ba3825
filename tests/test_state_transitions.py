"""The state-transitions directive: tables, checks, locations and diagrams."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from doctree_snapshots import assert_matches_snapshot, doctree_xml, first_block
from project_builds import Build, build, copy_project
from sphinx_integration_guides.diagrams import dot_string, state_dot
from sphinx_integration_guides.directives.state_transitions import (
    Transition,
    reachable_states,
)

EXPECTED_WARNINGS = [
    "checks.rst:16: WARNING: state-transitions: states[4].name 'open' is already "
    "declared at states[0]; remove one of the two [integration_guides.duplicate]",
    "checks.rst:8: WARNING: state-transitions: initial 'draft' is not a declared "
    "state; declare it under states [integration_guides.state]",
    "checks.rst:29: WARNING: state-transitions: transitions[3].to 'viod' is not a "
    "declared state; did you mean 'void'? [integration_guides.state]",
    "checks.rst:30: WARNING: state-transitions: transitions[4].from 'paid' is a "
    "terminal state, so no transition may leave it; remove the transition or the "
    "state's terminal: true [integration_guides.state]",
    "checks.rst:21: WARNING: state-transitions: transitions[1] repeats "
    "transitions[0]: 'open' on 'invoice.paid' already goes to 'paid'; remove one of "
    "them [integration_guides.state]",
    "checks.rst:24: WARNING: state-transitions: transitions[2] conflicts with "
    "transitions[0]: 'open' on 'invoice.paid' goes to 'paid' there and to 'void' "
    "here; keep one target, or tell them apart with condition "
    "[integration_guides.state]",
    "machine.yaml:6: WARNING: state-transitions: states[2].name 'lost' cannot be "
    "reached from the initial state 'new'; add a transition into it or remove it "
    "[integration_guides.state]",
    "myst.md:16: WARNING: state-transitions: transitions[0].to 'opened' is not a "
    "declared state; did you mean 'open'? [integration_guides.state]",
    "myst.md:12: WARNING: state-transitions: states[1].name 'open' cannot be reached "
    "from the initial state 'closed'; add a transition into it or remove it "
    "[integration_guides.state]",
]

MISSING_DOT = (
    "WARNING: integration_guides_diagrams is 'always', but the Graphviz program "
    "'/nonexistent/dot' (the graphviz_dot setting) was not found, so state diagrams "
    "are left out of this build; install Graphviz or set graphviz_dot to the path of "
    "dot [integration_guides.config]"
)

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(copy_project("state", tmp_path_factory.mktemp("html")), "html")


def _page(result: Build, name: str) -> str:
    return (result.outdir / name).read_text(encoding="utf-8")


def _diagram_files(result: Build) -> list[Path]:
    return sorted((result.outdir / "_images").glob("graphviz-*"))


def test_warnings_exact_with_lines(html: Build) -> None:
    assert html.warnings == EXPECTED_WARNINGS


@needs_dot
def test_doctree_matches_snapshot(html: Build) -> None:
    doctree = html.app.env.get_doctree("index")
    block = first_block(doctree, "ig-state-transitions")
    assert_matches_snapshot("state-transitions.xml", doctree_xml([block], html.srcdir))


def test_html_marks_initial_and_terminal(html: Build) -> None:
    page = _page(html, "index.html")
    assert '<span class="ig-badge ig-badge-initial">initial</span>' in page
    assert '<span class="ig-badge ig-badge-terminal">terminal</span>' in page


def test_html_targets_for_states_and_events(html: Build) -> None:
    page = _page(html, "index.html")
    assert page.count('id="ig-state-past-due"') == 1
    assert page.count('id="ig-event-invoice-paid"') == 1
    assert 'href="#ig-state-past-due"' in page
    assert 'href="#ig-event-invoice-paid"' in page


def test_html_caption_is_ref_title(html: Build) -> None:
    page = _page(html, "index.html")
    assert '<span class="caption-text">Subscription lifecycle</span>' in page
    assert '<span class="std std-ref">Subscription lifecycle</span>' in page


def test_html_name_without_caption(html: Build) -> None:
    page = _page(html, "checks.html")
    assert ('href="#machine"><span class="std std-ref">State transitions</span>'
            in page)


@needs_dot
def test_html_diagram_without_image_map(html: Build) -> None:
    page = _page(html, "index.html")
    assert 'class="graphviz ig-state-diagram"' in page
    assert "<map" not in page
    assert len(_diagram_files(html)) == 4


@needs_dot
def test_diagram_background_transparent(html: Build) -> None:
    page = _page(html, "index.html")
    name = page.split('data="_images/', 1)[1].split('"', 1)[0]
    svg = (html.outdir / "_images" / name).read_text(encoding="utf-8")
    assert 'fill="white"' not in svg
    assert "<path fill=\"#eef2f7\"" in svg
    assert "past_due" in svg


def test_text_output_lists_transitions(tmp_path: Path) -> None:
    result = build(copy_project("state", tmp_path), "text")
    page = _page(result, "index.txt")
    assert "[graph: State diagram; the transition table lists the same" in page
    assert '| "trialing" initial' in page
    assert '"canceled" terminal' in page
    assert "Subscription lifecycle\n^^^^" in page


def test_never_leaves_diagram_out(tmp_path: Path) -> None:
    result = build(copy_project("state", tmp_path), "html",
                   confoverrides={"integration_guides_diagrams": "never"})
    assert "ig-state-diagram" not in _page(result, "index.html")
    assert result.warnings == EXPECTED_WARNINGS


def test_always_without_dot_warns_once(tmp_path: Path) -> None:
    result = build(copy_project("state", tmp_path), "html", parallel=2,
                   confoverrides={"integration_guides_diagrams": "always",
                                  "graphviz_dot": "/nonexistent/dot"})
    assert [line for line in result.warnings if "Graphviz" in line] == [MISSING_DOT]
    assert not [line for line in result.warnings if "dot command" in line]
    assert "ig-state-diagram" not in _page(result, "index.html")


def test_auto_without_dot_is_quiet(tmp_path: Path) -> None:
    result = build(copy_project("state", tmp_path), "html",
                   confoverrides={"graphviz_dot": "/nonexistent/dot"})
    assert result.warnings == EXPECTED_WARNINGS
    assert "ig-state-diagram" not in _page(result, "index.html")


@needs_dot
def test_unchanged_diagram_not_redrawn(tmp_path: Path) -> None:
    srcdir = copy_project("state", tmp_path)
    first = build(srcdir, "html")
    images = {path: path.stat().st_mtime_ns for path in _diagram_files(first)}
    page_before = (first.outdir / "index.html").stat().st_mtime_ns
    with (srcdir / "index.rst").open("a", encoding="utf-8") as page:
        page.write("\nA paragraph added later.\n")
    second = build(srcdir, "html", freshenv=False)
    assert (second.outdir / "index.html").stat().st_mtime_ns > page_before
    assert "A paragraph added later." in _page(second, "index.html")
    assert {path: path.stat().st_mtime_ns for path in _diagram_files(second)} == images


@needs_dot
def test_epub_has_no_image_map(tmp_path: Path) -> None:
    result = build(copy_project("state", tmp_path), "epub",
                   confoverrides={"graphviz_output_format": "png"})
    page = _page(result, "index.xhtml")
    assert 'class="graphviz ig-state-diagram"' in page
    assert "<map" not in page
    assert not list(result.outdir.rglob("*.map"))
    assert not [line for line in result.warnings if ".map" in line]


@needs_dot
def test_latex_includes_pdf_diagram(tmp_path: Path) -> None:
    result = build(copy_project("state", tmp_path), "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxincludegraphics[]{graphviz-" in tex
    assert list(result.outdir.glob("graphviz-*.pdf"))


@needs_dot
def test_dot_source_escapes_names() -> None:
    hostile = 'x" -> evil [label="pwn'
    code = state_dot([hostile, "b\\N&amp;"], hostile, {"b\\N&amp;"},
                     [(hostile, "ev\nent", "b\\N&amp;")])
    svg = subprocess.run(["dot", "-Tsvg"], input=code.encode(), capture_output=True,
                         check=True).stdout.decode()
    assert "x&quot; &#45;&gt; evil [label=&quot;pwn" in svg
    assert "b\\N&amp;amp;" in svg
    assert "evil" not in code.replace(dot_string(hostile), "")


def test_reachable_follows_chains() -> None:
    path = ("transitions", 0)
    transitions = [Transition("a", "e", "b", path), Transition("b", "e", "c", path),
                   Transition("d", "e", "a", path)]
    assert reachable_states("a", transitions) == {"a", "b", "c"}


def test_parallel_edges_share_one_label() -> None:
    edges = [("a", "x", "b"), ("a", "y", "b"), ("a", "x", "b"), ("b", "z", "b")]
    code = state_dot(["a", "b"], "a", set(), edges)
    assert '  s0 -> s1 [label="x\\ny"];' in code
    assert '  s1 -> s1 [label="z"];' in code
    assert code.count("s0 -> s1") == 1
