"""The extension's few custom nodes, each with a visitor for every writer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.manpage import ManualPageTranslator
    from sphinx.writers.texinfo import TexinfoTranslator
    from sphinx.writers.text import TextTranslator


# docutils has no type information, so its node classes are Any to mypy.
class checkbox(nodes.Inline, nodes.Element):  # type: ignore[misc]
    """An empty box a reader can tick, placed before a checklist item's text.

    ``labelled_by`` is the id of the element holding the item's text, which
    gives the HTML checkbox its accessible name.
    """


def visit_checkbox_html(self: HTML5Translator, node: checkbox) -> None:
    label = node.get("labelled_by", "")
    attributes = f' aria-labelledby="{self.attval(label)}"' if label else ""
    self.body.append(f'<input type="checkbox" class="ig-checkbox"{attributes} /> ')
    raise nodes.SkipNode


def visit_checkbox_latex(self: LaTeXTranslator, node: checkbox) -> None:
    # The macro is defined in the preamble that the latex module adds.
    self.body.append(r"\sphinxIGcheckbox{}")
    raise nodes.SkipNode


def visit_checkbox_text(self: TextTranslator, node: checkbox) -> None:
    self.add_text("[ ] ")
    raise nodes.SkipNode


def visit_checkbox_man(self: ManualPageTranslator, node: checkbox) -> None:
    self.body.append("[ ] ")
    raise nodes.SkipNode


def visit_checkbox_texinfo(self: TexinfoTranslator, node: checkbox) -> None:
    self.body.append("[ ] ")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(
        checkbox,
        html=(visit_checkbox_html, None),
        latex=(visit_checkbox_latex, None),
        text=(visit_checkbox_text, None),
        man=(visit_checkbox_man, None),
        texinfo=(visit_checkbox_texinfo, None),
    )
