"""LaTeX output: preamble macros, column widths and wrapping of long values."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Comment line marking a preamble that already contains the extension's macros.
PREAMBLE_MARK = "% sphinx-integration-guides macros"

#: Macros every engine gets. ``\sphinxIGcheckbox`` draws an empty square with
#: rules, so no font needs a glyph for it. ``\sphinxIGtablecell`` starts each
#: cell of the extension's tables: Sphinx 9 wraps cell contents in
#: ``varwidth``, which resets paragraph shape, so the ragged right margin is
#: set again at the start of every paragraph. Sphinx 8 has no ``varwidth``
#: there, so ``\\`` in a cell ends the table row. ``\raggedright`` redefines
#: ``\\`` as a line break, so the macro restores it: otherwise the rule after
#: a row would land inside the row's last cell. Sphinx's ``sphinxuseclass``
#: enters the ``sphinxclassig-block`` environment for every container of
#: class ``ig-block``. Inside it, URLs may break after any letter, digit or
#: punctuation mark, so long URLs in narrow columns wrap. Code lines with no
#: space to break at are cut where they reach the margin. Cells get 4pt of
#: padding on each side instead of 6pt, leaving more room for their text.
#: Pygments marks what its lexer cannot parse (a ``...`` or ``<value>``
#: placeholder) as an error token drawn in a red box. Inside the block such
#: a token is set as plain code. A checklist sits in a ``sphinxclassig-checklist``
#: environment, which empties the label of the list level it opens, so the
#: box alone leads each item.
COMMON_PREAMBLE = r"""
\makeatletter
\providecommand{\sphinxIGcheckbox}{%
  \begingroup\setlength{\fboxsep}{0pt}\setlength{\fboxrule}{0.5pt}%
  \raisebox{-0.15ex}{\fbox{\rule{0pt}{0.75em}\rule{0.75em}{0pt}}}%
  \endgroup\hspace{0.45em}}
\newcommand*{\sphinxIG@startpar}{}
\newcommand*{\sphinxIGtablecell}{%
  \let\sphinxIG@startpar\sphinxAtStartPar
  \def\sphinxAtStartPar{%
    \let\sphinxIG@cr\\\raggedright\let\\\sphinxIG@cr\sphinxIG@startpar}}
\newcommand*{\sphinxIGwrapurls}{%
  \def\UrlBreaks{\do\/\do\.\do\-\do\_\do\=\do\&\do\?\do\#\do\%\do\:\do\~%
    \do\a\do\b\do\c\do\d\do\e\do\f\do\g\do\h\do\i\do\j\do\k\do\l\do\m%
    \do\n\do\o\do\p\do\q\do\r\do\s\do\t\do\u\do\v\do\w\do\x\do\y\do\z%
    \do\A\do\B\do\C\do\D\do\E\do\F\do\G\do\H\do\I\do\J\do\K\do\L\do\M%
    \do\N\do\O\do\P\do\Q\do\R\do\S\do\T\do\U\do\V\do\W\do\X\do\Y\do\Z%
    \do0\do1\do2\do3\do4\do5\do6\do7\do8\do9}%
  \Urlmuskip=0mu plus 1mu\relax}
\@ifundefined{sphinxclassig-block}{%
  \newenvironment{sphinxclassig-block}
    {\sphinxIGwrapurls\sphinxsetup{verbatimforcewraps}\setlength{\tabcolsep}{4pt}%
     \expandafter\def\csname PYG@tok@err\endcsname{}}{}}{}
\@ifundefined{sphinxclassig-checklist}{%
  \newenvironment{sphinxclassig-checklist}
    {\@tempcnta\@itemdepth\advance\@tempcnta\@ne
     \expandafter\def\csname labelitem\romannumeral\@tempcnta\endcsname{}}{}}{}
\makeatother
"""

#: Symbols that guides use as plain text, mapped for pdflatex, whose UTF-8
#: input support stops with an error at a character it has no definition
#: for. Unicode engines (xelatex, lualatex) take the glyph from the font.
PDFLATEX_SYMBOLS: dict[str, str] = {
    "2713": r"\ensuremath{\checkmark}",  # check mark
    "2714": r"\ensuremath{\checkmark}",  # heavy check mark
    "2717": r"\ensuremath{\times}",  # ballot x
    "2718": r"\ensuremath{\times}",  # heavy ballot x
    "2190": r"\ensuremath{\leftarrow}",
    "2192": r"\ensuremath{\rightarrow}",
    "2194": r"\ensuremath{\leftrightarrow}",
    "21D0": r"\ensuremath{\Leftarrow}",
    "21D2": r"\ensuremath{\Rightarrow}",
    "21D4": r"\ensuremath{\Leftrightarrow}",
    "2260": r"\ensuremath{\neq}",
    "2264": r"\ensuremath{\leq}",
    "2265": r"\ensuremath{\geq}",
    "2248": r"\ensuremath{\approx}",
    "2212": r"\ensuremath{-}",
    "2022": r"\textbullet{}",
    "2026": r"\dots{}",
    "26A0": r"\textbf{!}",  # warning sign
}


def preamble(engine: str) -> str:
    """Return the extension's preamble lines for the given LaTeX engine."""
    lines = [PREAMBLE_MARK, COMMON_PREAMBLE.strip()]
    if engine == "pdflatex":
        lines += [
            rf"\DeclareUnicodeCharacter{{{code}}}{{{latex}}}"
            for code, latex in PDFLATEX_SYMBOLS.items()
        ]
    return "\n".join(lines) + "\n"


def add_preamble(app: Sphinx, config: Config) -> None:
    """Put the extension's macros before the project's own preamble.

    They come first so that a project can redefine any of them, for example
    a ``\\DeclareUnicodeCharacter`` of its own for the same symbol.
    """
    elements: dict[str, Any] = config.latex_elements
    existing = elements.get("preamble", "")
    if PREAMBLE_MARK in existing:
        return
    elements["preamble"] = preamble(config.latex_engine) + existing


def column_spec(widths: list[int]) -> str:
    r"""Return a ``tabularcolumns`` spec: ragged-right columns of given shares.

    ``\X{a}{b}`` is Sphinx's column type of ``a/b`` of the line width. No
    column gets less than a tenth of the total, room for a short heading
    such as "HTTP status" without hyphenating it.
    """
    floor = sum(widths) / 10
    widths = [max(width, round(floor)) for width in widths]
    total = sum(widths)
    size = _cell_font_size(len(widths))
    return "".join(
        rf">{{\sphinxIGtablecell{size}}}\X{{{width}}}{{{total}}}" for width in widths
    )


def _cell_font_size(columns: int) -> str:
    """Return a smaller font for tables with many, hence narrow, columns."""
    if columns >= 7:
        return r"\scriptsize"
    if columns >= 6:
        return r"\footnotesize"
    if columns == 5:
        return r"\small"
    return ""


class TableColumns(SphinxPostTransform):
    """Give each table of the extension its column widths in LaTeX.

    Without a spec Sphinx typesets a short table with ``tabulary``, which
    squeezes prose columns, and a long one with ``l`` columns, which never
    wrap. A ``tabularcolumns`` directive the author put just before the
    table wins.
    """

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if "ig-table" in table["classes"]:
                _set_column_spec(table)
                _add_literal_breaks(table)
                _wrap_in_block(table)


def _set_column_spec(table: nodes.table) -> None:
    parent = table.parent
    index = parent.index(table)
    if index > 0 and isinstance(parent[index - 1], addnodes.tabular_col_spec):
        return
    widths = [
        int(colspec["colwidth"])
        for colspec in table.findall(nodes.colspec)
        if colspec.get("colwidth")
    ]
    if not widths:
        return
    parent.insert(index, addnodes.tabular_col_spec(spec=column_spec(widths)))
    # The class requests the widths from HTML writers. Sphinx's LaTeX writer would
    # report that the spec overrides it, once for every table.
    if "colwidths-given" in table["classes"]:
        table["classes"].remove("colwidths-given")


def _add_literal_breaks(table: nodes.table) -> None:
    """Let long inline literals and examples in a table's cells break across lines.

    Sphinx breaks inline literals only after ``. , ; ? ! /``, so a long
    error code or variable name in a narrow column runs into the next one.
    An example (a URL or message a content rule shows) is plain text, where
    TeX breaks only at spaces, so it also breaks after those marks.
    """
    for literal in list(table.findall(nodes.literal)):
        _break_text(literal, BREAK_AFTER)
    for inline in list(table.findall(nodes.inline)):
        if set(inline["classes"]) & EXAMPLE_CLASSES:
            _break_text(inline, BREAK_AFTER + SPHINX_BREAKS)


def _break_text(node: nodes.Element, after: str) -> None:
    """Put a LaTeX line break opportunity at each break point of ``node``'s text."""
    for text in list(node.findall(nodes.Text)):
        pieces = break_points(str(text), after)
        if len(pieces) == 1:
            continue
        parent = text.parent
        index = parent.index(text)
        new: list[nodes.Node] = []
        for piece in pieces[:-1]:
            mark = LATEX_BREAK if piece[-1] in after else LATEX_RUN_BREAK
            new += [nodes.Text(piece), nodes.raw("", mark, format="latex")]
        new.append(nodes.Text(pieces[-1]))
        parent[index : index + 1] = new


#: A place where TeX may end a line, with no hyphen added.
LATEX_BREAK = r"\allowbreak{}"
#: The same inside a run of letters and digits, where TeX breaks only when
#: no break after punctuation fits as well.
LATEX_RUN_BREAK = r"\penalty200\relax{}"

#: A break may follow these characters.
BREAK_AFTER = "_-=&:@+%#~^|\\"
#: Sphinx breaks inline literals after these, and plain text needs them too.
SPHINX_BREAKS = ".,;?!/"
#: Classes of the plain-text examples of content rules.
EXAMPLE_CLASSES = {"ig-avoid", "ig-prefer"}

#: Runs of letters and digits at least this long may break between any two
#: characters, keeping three on each side of the break.
_LONG_RUN = re.compile(r"[A-Za-z0-9]{12,}")


def break_points(text: str, after: str = BREAK_AFTER) -> list[str]:
    """Split ``text`` where a line break may go: after ``after``, in long runs."""
    marks = re.escape(after)
    pieces: list[str] = []
    # A run of marks (the "//" of a URL) stays whole.
    for chunk in re.split(rf"(?<=[{marks}])(?=[^{marks}])", text):
        start = 0
        for run in _LONG_RUN.finditer(chunk):
            for cut in range(run.start() + 3, run.end() - 2):
                pieces.append(chunk[start:cut])
                start = cut
        pieces.append(chunk[start:])
    return [piece for piece in pieces if piece]


def _wrap_in_block(table: nodes.table) -> None:
    """Put a table that is a block of its own in an ``ig-block`` container.

    Sphinx opens the LaTeX environment of a container's classes, so the table
    then gets the wrapping rules of ``sphinxclassig-block``.
    """
    ancestor: nodes.Node | None = table.parent
    while ancestor is not None:
        if isinstance(ancestor, nodes.container) and "ig-block" in ancestor["classes"]:
            return
        ancestor = ancestor.parent
    parent = table.parent
    index = parent.index(table)
    container = nodes.container(classes=["ig-block"])
    parent.replace(table, container)
    container += table
    if index > 0 and isinstance(parent[index - 1], addnodes.tabular_col_spec):
        spec = parent[index - 1]
        parent.remove(spec)
        container.insert(0, spec)


class ChecklistLabels(SphinxPostTransform):
    """Put each checklist in an ``ig-checklist`` container in LaTeX.

    Sphinx opens the ``sphinxclassig-checklist`` environment for it, which
    drops the bullet, so the checkbox is the only mark before an item.
    """

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for checklist in list(self.document.findall(nodes.bullet_list)):
            if "ig-checklist" in checklist["classes"]:
                container = nodes.container(classes=["ig-checklist"])
                checklist.replace_self(container)
                container += checklist


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_preamble)
    app.add_post_transform(TableColumns)
    app.add_post_transform(ChecklistLabels)
