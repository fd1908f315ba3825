"""Real PDFs from pdflatex and xelatex: every field survives, nothing overflows."""

from __future__ import annotations

import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, warning_lines
from sphinx_integration_guides.latex import break_points, column_spec, preamble

#: Words written into the test project's fields, one per field.
MARKERS = """
zqlongcaption zqlongcause001 zqlongcause065 zqnotecaption zqnotecause
zqlistcaption zqlistremedy zqwidecode zqwidemessage zqwideurl zqwideliteral
zqspecialcaption zqspecialcode zqspecialmessage zqspecialcause
zqspecialremedy zqspecialbackoff zqaccentcaption zqaccentmessage
zqsymbolcause zqsymbolremedy zqwarningcaption zqprecaption zqaccount zqaccounturl
zqaccountnotes zqpermission zqwhere zqreason zqsoftware zqenv
zqenvdescription zqprenotes zqauthcaption zqcred zqcrednotes zqrefresh
zqsteptitle zqstepaction zqrequest zqstepcode zqenvcaption zqsetting
zqdevvalue zqsettingnotes zqpromotion zqstatecaption zqstatedesc zqaction
zqtestcaption zqsetup zqcasename zqscript zqexpect
""".split()  # noqa: SIM905 - one word per field, easier to scan

#: Text that must come out as written, LaTeX specials and symbols included.
EXACT_TEXTS = (
    "E_%&#${}~^\\zqspecialcode",
    "100% of #tags & $vars {x} ~y ^z \\n zqspecialmessage",
    "Escape _ % & # $ { } ~ ^",
    "Déjà vu, naïve façade, Øresund, Ångström",
    "CAFÉ_ÉCHEC",
    # A content rule's example is plain text that wraps after URL punctuation.
    "https://portal.example.com/results?patient=0012345&zqavoidurl=1",
)


def compile_pdf(tmp_path: Path, engine: str) -> tuple[Path, list[str]]:
    """Build the ``pdf`` test project with LaTeX and run latexmk on it."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pdf", srcdir)
    warning = StringIO()
    tags = ["cjk"] if engine == "xelatex" else []
    app = SphinxTestApp(
        "latex", srcdir=srcdir, status=StringIO(), warning=warning, tags=tags
    )
    try:
        app.build()
    finally:
        app.cleanup()
    options = "-silent -interaction=nonstopmode -halt-on-error"
    result = subprocess.run(
        ["make", "-C", str(app.outdir), "all-pdf", f"LATEXMKOPTS={options}"],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    log = (app.outdir / "guides.log").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, log[-3000:]
    return app.outdir, warning_lines(warning, srcdir)


def pdf_pages(pdf: Path) -> list[str]:
    """Return the text of each page, without white space and line-end hyphens.

    The text is read in the order TeX wrote it (``-raw``), cell after cell;
    pdftotext's default reading order mixes the lines of adjacent columns.

    Markers are matched without case because the test writes them inside
    upper-case codes too.
    """
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"[-\u2010\u2011]\n", "", text)
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]


def overfull_boxes(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("Overfull \\hbox")]


@pytest.fixture(scope="module")
def pdflatex_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return compile_pdf(tmp_path_factory.mktemp("pdflatex"), "pdflatex")


@pytest.fixture(scope="module")
def xelatex_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return compile_pdf(tmp_path_factory.mktemp("xelatex"), "xelatex")


def test_column_spec_gives_narrow_columns_a_floor() -> None:
    spec = column_spec([14, 4, 82])
    assert spec.count(r"\X{") == 3
    assert r"\X{10}{106}" in spec
    assert r"\X{82}{106}" in spec
    assert r"\sphinxIGtablecell" in spec


def test_break_points_split_long_literals() -> None:
    assert break_points("E001_RATE") == ["E001_", "RATE"]
    assert break_points("ABCDEFGHIJKL") == ["ABC", *"DEFGHI", "JKL"]
    assert break_points("ABCDEFGHIJK") == ["ABCDEFGHIJK"]
    assert break_points("a-b") == ["a-", "b"]
    assert break_points("short") == ["short"]
    assert "".join(break_points("STRIPE_SIGNING_SECRET")) == "STRIPE_SIGNING_SECRET"


def test_pdflatex_preamble_maps_symbols() -> None:
    assert r"\DeclareUnicodeCharacter{2713}" in preamble("pdflatex")
    assert r"\DeclareUnicodeCharacter{2192}" in preamble("pdflatex")
    assert "DeclareUnicodeCharacter" not in preamble("xelatex")
    assert r"\sphinxIGcheckbox" in preamble("xelatex")


@pytest.mark.pdf
def test_pdflatex_pdf_holds_every_field(pdflatex_build) -> None:
    outdir, warnings = pdflatex_build
    pages = pdf_pages(outdir / "guides.pdf")
    text = "".join(pages)
    assert warnings == []
    for marker in MARKERS:
        assert marker in text.lower(), marker
    for exact in EXACT_TEXTS:
        assert re.sub(r"\s+", "", exact) in text, exact
    # pdflatex maps the symbols to math glyphs; pdftotext reads them back.
    assert "done→next⇒then" in text
    assert "Tick✓andfollowthearrow→" in text


@pytest.mark.pdf
def test_pdflatex_long_table_spans_pages(pdflatex_build) -> None:
    outdir, _warnings = pdflatex_build
    pages = pdf_pages(outdir / "guides.pdf")
    first = next(i for i, page in enumerate(pages) if "zqlongcause001" in page)
    last = next(i for i, page in enumerate(pages) if "zqlongcause065" in page)
    assert last > first
    assert "continuedfrompreviouspage" in pages[first + 1]
    tex = (outdir / "guides.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{longtable}") == 2


@pytest.mark.pdf
def test_pdflatex_long_table_in_warning(pdflatex_build) -> None:
    outdir, _warnings = pdflatex_build
    pages = pdf_pages(outdir / "guides.pdf")
    start = next(i for i, page in enumerate(pages) if "zqwarningcaption" in page)
    end = max(i for i, page in enumerate(pages) if "zqlongcause065" in page)
    assert end > start
    assert "zqlongcause001" in pages[start]


@pytest.mark.pdf
def test_pdflatex_nothing_runs_off_page(pdflatex_build) -> None:
    outdir, _warnings = pdflatex_build
    log = (outdir / "guides.log").read_text(encoding="utf-8", errors="replace")
    assert overfull_boxes(log) == []


@pytest.mark.pdf
def test_pdflatex_checkboxes_are_macros(pdflatex_build) -> None:
    outdir, _warnings = pdflatex_build
    tex = (outdir / "guides.tex").read_text(encoding="utf-8")
    assert tex.count(r"\sphinxIGcheckbox{}") == 5
    assert "☐" not in tex
    assert "□" not in tex


@pytest.mark.pdf
def test_pdflatex_checklists_have_no_bullets(pdflatex_build) -> None:
    outdir, _warnings = pdflatex_build
    tex = (outdir / "guides.tex").read_text(encoding="utf-8")
    opening = r"\begin{sphinxuseclass}{ig-checklist}\begin{itemize}"
    assert tex.count(opening) == 4
    assert r"\newenvironment{sphinxclassig-checklist}" in tex


@pytest.mark.pdf
def test_xelatex_pdf_holds_every_field(xelatex_build) -> None:
    outdir, warnings = xelatex_build
    text = "".join(pdf_pages(outdir / "guides.pdf"))
    log = (outdir / "guides.log").read_text(encoding="utf-8", errors="replace")
    assert warnings == []
    for marker in (*MARKERS, "zqcjkcaption", "zqcjkmessage", "zqcjkcause"):
        assert marker in text.lower(), marker
    for exact in EXACT_TEXTS:
        assert re.sub(r"\s+", "", exact) in text, exact
    assert "日本語のエラー" in text
    assert "認証エラー" in text
    assert "アクセストークンの有効期限が切れています" in text
    assert "새토큰을발급받아" in text
    assert "done→next⇒then" in text
    # makeindex, which is not UTF-8 aware, splits CJK index letters into
    # bytes; XeTeX then reports U+FFFD. Every other character has a glyph.
    missing = [
        line
        for line in log.splitlines()
        if line.startswith("Missing character") and "U+FFFD" not in line
    ]
    assert missing == []
    assert overfull_boxes(log) == []


@pytest.mark.pdf
def test_pdflatex_cells_start_with_text(pdflatex_build) -> None:
    """Index entries of codes stay in the cell's paragraph, adding no line."""
    outdir, _warnings = pdflatex_build
    tex = (outdir / "guides.tex").read_text(encoding="utf-8")
    assert tex.count(r"\index{E001\_RATE\_LIMITED") == 2
    assert "\\sphinxAtStartPar\n\n\\index{" not in tex
