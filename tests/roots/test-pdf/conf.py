"""Guides typeset as PDF: long tables, nesting, specials and non-ASCII text."""

project = "PDF guides"
author = "Docs team"
version = release = "1.0"
extensions = ["sphinx_integration_guides"]

# The test sets the "cjk" tag for its xelatex build: pdflatex has no CJK
# fonts, so its build leaves the CJK page out.
if tags.has("cjk"):  # noqa: F821 - Sphinx provides ``tags`` to conf.py
    root_doc = "index-cjk"
    exclude_patterns = ["_build", "index.rst"]
    latex_engine = "xelatex"
    # xindy, which Sphinx picks for xelatex indices, is not installed here.
    latex_use_xindy = False
    # Noto CJK fonts also cover Latin, accents, arrows and the check mark.
    latex_elements = {
        "fontpkg": r"""
\setmainfont{Noto Serif CJK SC}
\setsansfont{Noto Sans CJK SC}
\setmonofont{Noto Sans Mono CJK SC}
\XeTeXlinebreaklocale "zh"
\XeTeXlinebreakskip=0pt plus 1pt\relax
""",
    }
else:
    root_doc = "index"
    exclude_patterns = ["_build", "index-cjk.rst", "cjk.rst"]

latex_documents = [(root_doc, "guides.tex", "PDF guides", "Docs team", "manual")]
