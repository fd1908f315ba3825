"""Generated files offered for download, such as a test script.

Sphinx's ``:download:`` role expects a file in the source tree, so generated
files take their own route. A directive stores the text in this domain's
data at read time and leaves a placeholder paragraph naming the file. When
a doctree is resolved, the placeholder becomes what the builder's format
allows: a link in HTML, an attachment in a pdfLaTeX PDF, the name followed
by the whole text as a literal block in text, manual page, Texinfo and EPUB
output, and the name alone elsewhere (XML, gettext).
The files are written from the environment when the build finishes, so
serial and parallel builds write the same files, and a removed page takes
its files with it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.osutil import relative_uri

from sphinx_integration_guides.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Folder of the output directory holding generated downloads, as Sphinx's own.
FOLDER = "_downloads"
#: Attribute of the placeholder paragraph: the file's path under :data:`FOLDER`.
ATTRIBUTE = "ig_download"
#: Attribute of the placeholder paragraph: the lexer name of the file's text.
LANGUAGE_ATTRIBUTE = "ig_download_language"


class GeneratedFile(NamedTuple):
    """A file to write under :data:`FOLDER`: its relative path and text."""

    path: str
    text: str


class DownloadsDomain(Domain):
    """Generated files per document; it has no roles and no objects."""

    name = "guide-downloads"
    label = "Integration guide downloads"
    #: ``files`` maps a document name to its list of :class:`GeneratedFile`.
    initial_data: ClassVar[dict[str, Any]] = {"files": {}}
    data_version = 1

    @property
    def files(self) -> dict[str, list[GeneratedFile]]:
        files: dict[str, list[GeneratedFile]] = self.data["files"]
        return files

    def clear_doc(self, docname: str) -> None:
        self.files.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["files"]:
                self.files[docname] = otherdata["files"][docname]

    def add_file(self, docname: str, filename: str, text: str) -> GeneratedFile:
        """Store a file for ``docname`` under a folder named by its content.

        A second file of the same name in one document gets ``-2``, ``-3``
        before its extension.
        """
        used_names = {Path(item.path).name for item in self.files.get(docname, [])}
        stem, dot, suffix = filename.rpartition(".")
        if not dot:
            stem, suffix = filename, ""
        unique, counter = filename, 1
        while unique in used_names:
            counter += 1
            unique = f"{stem}-{counter}{dot}{suffix}"
        digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
        generated = GeneratedFile(f"{digest}/{unique}", text)
        self.files.setdefault(docname, []).append(generated)
        return generated


def downloads_domain(env: BuildEnvironment) -> DownloadsDomain:
    domain = env.domains["guide-downloads"]
    assert isinstance(domain, DownloadsDomain)
    return domain


def placeholder(generated: GeneratedFile, language: str = "none") -> nodes.paragraph:
    """Return the paragraph naming a generated file, resolved per builder.

    ``language`` is the lexer name used where the builder shows the text.
    """
    name = Path(generated.path).name
    label = _("Script file:")
    paragraph = nodes.paragraph("", "", nodes.Text(f"{label} "),
                                nodes.literal(name, name), classes=["ig-download"])
    paragraph[ATTRIBUTE] = generated.path
    paragraph[LANGUAGE_ATTRIBUTE] = language
    return paragraph


def _offers_links(builder: Builder) -> bool:
    return builder.format == "html" and not builder.name.startswith("epub")


def _includes_text(builder: Builder) -> bool:
    """Tell whether the builder shows a generated file's text in the page.

    These builders offer no downloads, and their formats show a literal
    block as written. An EPUB reader offers no download of an included file.
    """
    return builder.name.startswith("epub") or builder.format in (
        "text", "man", "texinfo")


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    builder = app.builder
    texts: dict[str, str] | None = None
    for paragraph in list(doctree.findall(nodes.paragraph)):
        path = paragraph.get(ATTRIBUTE)
        if not path:
            continue
        literal = paragraph.next_node(nodes.literal)
        if _offers_links(builder) and literal is not None:
            uri = relative_uri(builder.get_target_uri(docname), f"{FOLDER}/{path}")
            link = nodes.reference("", "", literal.deepcopy(), refuri=uri,
                                   classes=["ig-download-link"])
            literal.replace_self(link)
        elif builder.format == "latex":
            paragraph += nodes.raw("", _latex_attachment(path), format="latex")
        elif _includes_text(builder):
            if texts is None:
                texts = _texts_by_path(app.env)
            if path in texts:
                language = paragraph.get(LANGUAGE_ATTRIBUTE, "none")
                _insert_after(paragraph, _text_block(texts[path], language))


def _texts_by_path(env: BuildEnvironment) -> dict[str, str]:
    """Map each generated file's path to its text, over every document.

    Builders that join documents into one (man, Texinfo) resolve the joined
    tree under the root document's name, so the name of the document being
    resolved is not enough to find a file.
    """
    return {
        generated.path: generated.text
        for generated_files in downloads_domain(env).files.values()
        for generated in generated_files
    }


def _text_block(text: str, language: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text, language=language,
                                classes=["ig-download-text"])
    # Scripts hold placeholders that a strict lexer rejects; "force" keeps
    # Sphinx from failing a -W build over them.
    block["force"] = True
    return block


def _insert_after(node: nodes.Element, new: nodes.Element) -> None:
    parent = node.parent
    parent.insert(parent.index(node) + 1, new)


def _latex_attachment(path: str) -> str:
    """Return LaTeX that attaches the file to the PDF where the engine can."""
    note = _("(attached to this PDF)")
    return (r"\ifdefined\sphinxIGattach\sphinxIGattach{" + f"{FOLDER}/{path}"
            + "}{ " + note + "}\\fi")


#: Defines ``\sphinxIGattach`` only under pdfTeX, where ``\pdfobj`` exists for
#: the ``embedfile`` package; PDFs from other engines name the file only.
LATEX_PREAMBLE = r"""
\ifdefined\pdfobj
  \IfFileExists{embedfile.sty}{\usepackage{embedfile}%
    \newcommand{\sphinxIGattach}[2]{\embedfile{##1}##2}}{}
\fi
"""


def _write_files(app: Sphinx, exception: BaseException | None) -> None:
    builder = app.builder
    supported = _offers_links(builder) or builder.format == "latex"
    if exception is not None or not supported:
        return
    root = Path(builder.outdir) / FOLDER
    for generated_files in downloads_domain(app.env).files.values():
        for generated in generated_files:
            target = root / generated.path
            unchanged = target.is_file() and (
                target.read_text(encoding="utf-8") == generated.text)
            if unchanged:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(generated.text, encoding="utf-8")


def _add_latex_preamble(app: Sphinx, config: Any) -> None:
    elements = config.latex_elements
    preamble = elements.get("preamble", "")
    if "sphinxIGattach" not in preamble:
        elements["preamble"] = preamble + LATEX_PREAMBLE


def setup(app: Sphinx) -> None:
    if "guide-downloads" in app.registry.domains:
        return
    app.add_domain(DownloadsDomain)
    app.connect("doctree-resolved", _resolve)
    app.connect("build-finished", _write_files)
    app.connect("config-inited", _add_latex_preamble)
