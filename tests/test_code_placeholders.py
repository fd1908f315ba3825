"""Placeholders in the extension's code are shown plain, not as lexer errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import build_root

#: Pygments' default style draws an error token's box in this red.
RED = (255, 0, 0)


def _red_pixels(pdf: Path, page: int) -> int:
    ppm = subprocess.run(
        ["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True, check=True,
    ).stdout
    # A binary PPM: "P6", width, height, maximum value, then RGB bytes.
    _magic, _width, _height, _maximum, pixels = ppm.split(maxsplit=4)
    return sum(1 for i in range(0, len(pixels) - 2, 3)
               if (pixels[i], pixels[i + 1], pixels[i + 2]) == RED)


def _page_of(pdf: Path, text: str) -> int:
    output = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                            text=True, check=True).stdout
    pages = [number for number, page in enumerate(output.split("\f"), start=1)
             if text in page]
    assert len(pages) == 1, pages
    return pages[0]


def test_error_tokens_plain_in_pdf(tmp_path: Path) -> None:
    app, warnings = build_root(tmp_path, "code-placeholders", buildername="latex")
    assert warnings == []
    subprocess.run(["latexmk", "-pdf", "-silent", "-interaction=nonstopmode",
                    "-halt-on-error", "placeholders.tex"],
                   cwd=app.outdir, capture_output=True, timeout=240, check=True)
    pdf = app.outdir / "placeholders.pdf"
    assert _red_pixels(pdf, _page_of(pdf, "Send the key")) == 0
    # The same code outside the extension keeps Pygments' red boxes.
    assert _red_pixels(pdf, _page_of(pdf, "Outside the extension")) > 0


def test_error_tokens_plain_in_html(tmp_path: Path) -> None:
    app, _warnings = build_root(tmp_path, "code-placeholders")
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('<span class="err">') == 4  # two tokens in each block
    css = (app.outdir / "_static" / "integration_guides.css").read_text()
    rule = css[css.index(".ig-block .highlight .err {"):]
    assert rule[:rule.index("}")].split("\n")[1:-1] == [
        "  border: none;", "  background: none;", "  color: inherit;"]
