"""Names, codes and values keep their straight quotes; prose gets curly ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_root

#: Every curly quote SmartQuotes may write, in HTML and in LaTeX.
CURLY = re.compile("[\u2018\u2019\u201c\u201d]")

#: The only curly quotes the page may hold: those of a prose field.
PROSE = "A \u201cquoted\u201d cause, which is prose."


@pytest.mark.parametrize(("builder", "output"),
                         [("html", "index.html"), ("latex", "literalnames.tex")])
def test_names_keep_straight_quotes(tmp_path: Path, builder: str, output: str) -> None:
    app, warnings = build_root(tmp_path, "literal-names", buildername=builder)
    assert warnings == []
    text = (app.outdir / output).read_text(encoding="utf-8")
    assert PROSE in text  # SmartQuotes ran on this page
    curly = [line for line in text.splitlines() if CURLY.search(line)]
    assert len(curly) == 1, curly
    assert PROSE in curly[0]


def test_checklist_name_is_literal_in_html(tmp_path: Path) -> None:
    app, _warnings = build_root(tmp_path, "literal-names")
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<strong>The &quot;quoted&quot; name's account</strong>" in html
    assert "<strong>The &quot;quoted&quot; name's tool</strong>" in html
