"""The pipeline every guide directive runs: source, load, validate, check, render."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_integration_guides import diagnostics, loading, prose, sources, validation
from sphinx_integration_guides.diagnostics import Problem, Subtype
from sphinx_integration_guides.extra_fields import ExtraField, extra_fields, plain_text
from sphinx_integration_guides.i18n import _, translatable_prose
from sphinx_integration_guides.loading import Document, Path
from sphinx_integration_guides.text import (
    describe_value,
    find_live_secret,
    mask_secrets,
    url_scheme,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

    from sphinx_integration_guides.tables import Cell


class StrayOption(str):
    """The value of an option that the directive does not declare."""

    __slots__ = ()


class _OptionSpec(dict[str, Any]):
    """An option spec that accepts unknown options and marks them stray.

    MyST reads a directive body that starts with ``---`` as an option block,
    so a YAML body would arrive as unknown options, each with a MyST warning.
    Accepting them here lets :meth:`GuideDirective.run` recover that body, or
    report a real unknown option once, as a warning of this extension.
    """

    def __missing__(self, key: str) -> Any:
        return _stray_option


def _stray_option(value: str | None) -> StrayOption:
    return StrayOption(value or "")


class GuideDirective(SphinxDirective):
    """Base class of the guide directives.

    Subclasses set :attr:`name` and :attr:`default_title` and implement
    :meth:`render`, which receives validated data and returns nodes.
    :meth:`check` may add problems that warn but still render.
    """

    has_content = True
    required_arguments = 0
    optional_arguments = 0
    final_argument_whitespace = False
    option_spec: ClassVar[OptionSpec] = _OptionSpec(
        file=directives.unchanged_required,
        name=directives.unchanged,
        caption=directives.unchanged,
        **{"class": directives.class_option},
    )

    #: The directive's name, also the name of its schema file.
    name: ClassVar[str] = ""
    #: Title used when ``:caption:`` is not given, so that ``:ref:`` works.
    default_title: ClassVar[str] = ""

    document: Document
    #: The shipped schema with the project's extension merged in.
    extended_schema: dict[str, Any]

    @classmethod
    def register(cls, app: Sphinx) -> None:
        """Add the directive to Sphinx; override to add its nodes or handlers too."""
        app.add_directive(cls.name, cls)

    def run(self) -> list[nodes.Node]:
        self.messages: list[nodes.Node] = []
        document = self._load()
        if document is None:
            return []
        schema = self.schema()
        problems = validation.validate(document, schema, self.name)
        if problems:
            self._report_all(problems)
            return []
        validation.text_where_shipped_wants_text(
            document, validation.shipped_schema(self.name)
        )
        self.document = document
        self.extended_schema = schema
        self._mask_secrets(document)
        result = self.render(self.build_model(document.data))
        return [*result, *self.extra_paragraphs(()), *self.messages]

    # -- subclass hooks --------------------------------------------------------

    def build_model(self, data: dict[str, Any]) -> Any:
        """Turn validated data into the typed object :meth:`render` receives."""
        return data

    def render(self, model: Any) -> list[nodes.Node]:
        raise NotImplementedError

    # -- schema ----------------------------------------------------------------

    def schema(self) -> dict[str, Any]:
        """Return the shipped schema merged with the project's extension."""
        base = validation.shipped_schema(self.name)
        extensions = self.config.integration_guides_schema_extensions
        fragment = extensions.get(self.name)
        if not fragment:
            return base
        return validation.extend_schema(base, fragment)

    # -- loading ---------------------------------------------------------------

    def _load(self) -> Document | None:
        source = self._data_source()
        if source is None:
            return None
        origin = str(source.path) if source.path else self._document_source()
        text = source.text
        first_line = 1
        if source.path is None:
            # Blank lines before the body make every line the loader reports,
            # in problems and messages alike, a line of the file the body is in.
            origin, first_line = self._body_start()
            text = "\n" * (first_line - 1) + str(text)
        document, problems = loading.load(text, origin, json_syntax=source.is_json)
        if document is None:
            # A problem of the whole body (its size) is put at the directive.
            self._report_all(
                [
                    replace(
                        p,
                        message=f"{self.name}: {p.message}",
                        source=p.source if (p.line or 0) >= first_line else None,
                    )
                    for p in problems
                ]
            )
            return None
        if document.data is None and source.path is None:
            self._report_here(
                Subtype.YAML,
                f"{self.name}: no data, only YAML comments; write YAML in the body "
                "or name a file with :file:",
            )
            return None
        if not isinstance(document.data, dict):
            kind = describe_value(document.data)
            message = (
                f"{self.name}: expected a mapping of keys to values, got {kind}; "
                "write the directive's keys, such as the ones in its reference"
            )
            self._report_all(
                [
                    Problem(
                        Subtype.SCHEMA,
                        message,
                        origin,
                        document.line_of(()),
                        fatal=True,
                    )
                ]
            )
            return None
        return document

    def _data_source(self) -> sources.DataSource | None:
        body = self._body_text()
        if body is None:
            return None
        file_option = self.options.get("file")
        if file_option is not None and body.strip():
            self._report_here(
                Subtype.FILE,
                f"{self.name}: both a body and :file: are given; keep one of them",
            )
            return None
        if file_option is not None:
            return self._file_source(file_option)
        if not body.strip():
            self._report_here(
                Subtype.YAML,
                f"{self.name}: no data; write YAML in the body or name a file "
                "with :file:",
            )
            return None
        return sources.DataSource(body, None)

    def _body_text(self) -> str | None:
        """Return the body, recovering a MyST body that MyST read as options.

        Returns None, after warning, when the directive has unknown options.
        """
        body = "\n".join(self.content)
        stray = [
            key for key, value in self.options.items() if isinstance(value, StrayOption)
        ]
        if not stray:
            return body
        options = sorted(self.option_spec or {})
        dashes = self._in_myst() and sources.starts_with_dashes(self.block_text)
        properties = self.schema().get("properties", {})
        if dashes and sources.is_option_block(self.options, options, properties):
            dashes = False
        elif dashes and not body.strip():
            for key in stray:
                del self.options[key]
            # The YAML starts on the line after the opening fence's "---".
            self._myst_body_offset = 2
            return sources.myst_dash_body(self.block_text) or ""
        for key in stray:
            message = sources.unknown_option_message(key, options, dashes)
            self._report_here(Subtype.OPTION, f"{self.name}: {message}")
        return None

    def _file_source(self, argument: str) -> sources.DataSource | None:
        if not self.state.document.settings.file_insertion_enabled:
            self._report_here(
                Subtype.FILE,
                f"{self.name}: :file: is not allowed because file insertion is "
                "disabled in this build (docutils setting file_insertion_enabled); "
                "write the data in the directive's body",
            )
            return None
        current_source, _line = self.get_source_info()
        path, problem = sources.resolve_file(
            argument,
            self._document_source(),
            current_source or "",
            str(self.env.srcdir),
        )
        if problem is None and path is not None:
            # Only an existing file becomes a dependency, because Sphinx treats
            # a missing one as changed on every build and re-reads the page.
            self.env.note_dependency(str(path))
            data, problem = sources.read_file(path)
            if problem is None and data is not None:
                return sources.DataSource(data, path, path.suffix.lower() == ".json")
        assert problem is not None
        self._await_file(argument)
        self._report_here(problem.subtype, f"{self.name}: {problem.message}")
        return None

    def _await_file(self, argument: str) -> None:
        """Have the page read again once its missing ``:file:`` is created."""
        from sphinx_integration_guides.domain import guide_domain

        awaited = sources.awaited_file(
            argument, self._document_source(), str(self.env.srcdir)
        )
        if awaited is not None:
            guide_domain(self.env).note_missing_file(self.env.docname, str(awaited))

    # -- locations -------------------------------------------------------------

    def _in_myst(self) -> bool:
        return type(self.state).__module__.startswith("myst_parser")

    def _document_source(self) -> str:
        return str(self.env.doc2path(self.env.docname))

    def _body_start(self) -> tuple[str, int]:
        """Return the file and 1-based line of the body's first line."""
        if self._in_myst():
            # Inside an {include}d fragment, MyST names the fragment here.
            source = self._source_info()[0] or self._document_source()
            offset = getattr(self, "_myst_body_offset", None)
            if offset is not None:
                return source, self.lineno + offset
            return source, self.lineno + self.content_offset + 1
        source, line = self.content.info(0)
        return os.path.abspath(source), (line or 0) + 1

    def _source_info(self) -> tuple[str | None, int]:
        """Return the directive's file, as an absolute path, and line.

        docutils names an ``.. include::``d file relative to the working
        directory, and Sphinx would print such a path relative to it again.
        """
        source, line = self.get_source_info()
        return (os.path.abspath(source) if source else None), line or 0

    def line_of(self, path: Path) -> tuple[str, int]:
        return self.document.source, self.document.line_of(path)

    def _report_here(self, subtype: Subtype, message: str) -> None:
        source, line = self._source_info()
        diagnostics.emit(Problem(subtype, message, source, line, fatal=True))

    def _report_all(self, problems: list[Problem]) -> None:
        for problem in problems:
            if problem.source is None:
                source, line = self._source_info()
                problem = Problem(
                    problem.subtype, problem.message, source, line, problem.fatal
                )
            diagnostics.emit(problem)

    def warn(
        self,
        subtype: Subtype,
        message: str,
        path: Path,
        document: Document | None = None,
    ) -> None:
        """Warn about the value at ``path``, located at its own line."""
        document = document or self.document
        problem = Problem(subtype, message, document.source, document.line_of(path))
        diagnostics.emit(problem)

    # -- secrets ---------------------------------------------------------------

    def _mask_secrets(self, document: Document) -> None:
        self._mask_caption()
        for path, value in _string_leaves(document.data, ()):
            if find_live_secret(value) is None or _is_data_url(value):
                continue
            field = loading.field_path(path)
            self.warn(
                Subtype.SECRET,
                f"{self.name}: {field} holds a value that looks "
                "like a live credential; replace it with a placeholder such as "
                "<your-api-key> (the value is masked in the output)",
                path,
            )
            _set_value(document.data, path, mask_secrets(value))
        # Deepest keys first, so that renaming one leaves the paths of the
        # others valid.
        for path in sorted(_secret_keys(document.data, ()), key=len, reverse=True):
            where = loading.field_path(path[:-1]) or "the top level"
            self.warn(
                Subtype.SECRET,
                f"{self.name}: {where} has a key that looks like a live "
                "credential; replace it with a placeholder such as <your-api-key> "
                "(the key is masked in the output)",
                path,
            )
            _rename_key(document, path, mask_secrets(str(path[-1])))

    def _mask_caption(self) -> None:
        caption = self.options.get("caption")
        if not caption or find_live_secret(caption) is None:
            return
        self._report_here(
            Subtype.SECRET,
            f"{self.name}: :caption: contains a value that looks like a live "
            "credential; replace it with a placeholder such as <your-api-key> "
            "(the value is masked in the output)",
        )
        self.options["caption"] = mask_secrets(caption)

    # -- rendering helpers -----------------------------------------------------

    def prose(self, text: Any, path: Path) -> list[nodes.Node]:
        """Parse a prose field as inline markup of the page's own syntax.

        The result is one node that the gettext builder extracts, for prose
        placed inside a paragraph with other content (a checklist item). A
        value that a schema extension lets be other than a string (a number,
        a list) is written as plain text.
        """
        if not isinstance(text, str):
            return [nodes.Text(plain_text(text))]
        source, line = self.line_of(path)
        field = f"{self.name}: {loading.field_path(path)}"
        children = prose.inline(self, text, source, line, field)
        return [translatable_prose(text, children, source, line, field)]

    def paragraph(self, text: Any, path: Path) -> nodes.paragraph:
        """Return a translatable paragraph holding a prose field."""
        source, line = self.line_of(path)
        if not isinstance(text, str):
            node = nodes.paragraph("", plain_text(text))
            node.source, node.line = source, line
            return node
        field = f"{self.name}: {loading.field_path(path)}"
        return prose.paragraph(self, text, source, line, field)

    def url(self, url: Any, path: Path) -> nodes.Node:
        """Return a URL field as a link, or as text when it is unsafe."""
        if not isinstance(url, str):
            return nodes.Text(plain_text(url))
        source, line = self.line_of(path)
        field = f"{self.name}: {loading.field_path(path)}"
        return prose.url_node(self, url, source, line, field)

    def title_text(self) -> str:
        """Return the ``:caption:`` or the directive's default title."""
        caption = self.options.get("caption")
        return caption if caption else _(self.default_title)

    def caption_nodes(self) -> tuple[str, list[nodes.Node]]:
        """Return the caption's raw text and its inline nodes."""
        caption = self.options.get("caption")
        if caption:
            parsed, messages = self.state.inline_text(caption, self.lineno)
            self.messages.extend(messages)
            container = nodes.inline("", "", *parsed)
            source, line = self._source_info()
            allowed = set(self.config.integration_guides_url_schemes)
            source = source or self._document_source()
            field = f"{self.name}: caption"
            prose.make_links_safe(container, allowed, source, line, field)
            return caption, list(container.children)
        title = _(self.default_title)
        return title, [nodes.Text(title)]

    def titled_block(self, children: list[nodes.Node]) -> nodes.container:
        """Wrap a composite block in a container headed by its title.

        The title is a rubric carrying the ``:name:`` label, so ``:ref:``
        finds a title even without ``:caption:``.
        """
        title_text, title = self.caption_nodes()
        rubric = nodes.rubric(title_text, "", *title, classes=["ig-title"])
        self.set_source_info(rubric)
        self.add_name(rubric)
        container = nodes.container("", rubric, *children)
        self.apply_common_options(container)
        return container

    # -- fields a project adds through a schema extension ----------------------

    def extra_fields(self, paths: Sequence[Path]) -> list[ExtraField]:
        """Return the keys the shipped schema lacks in the mappings at ``paths``."""
        data = self.document.data
        mappings = [(path, _value_at(data, path)) for path in paths]
        shipped = validation.shipped_schema(self.name)
        return extra_fields(mappings, shipped, self.extended_schema)

    def add_extra_columns(
        self, headers: list[Cell], widths: list[int], rows: list[list[Cell]],
        paths: Sequence[Path],
    ) -> None:
        """Append a column to a table for each added key of its rows.

        ``paths`` contains the data path of each row's mapping, in row order.
        """
        fields = self.extra_fields(paths)
        headers += [field.title for field in fields]
        widths += [14] * len(fields)
        for row, path in zip(rows, paths, strict=True):
            mapping = _value_at(self.document.data, path)
            row += [
                self.extra_value(mapping[field.key], (*path, field.key))
                if field.key in mapping else ""
                for field in fields
            ]

    def extra_paragraphs(self, path: Path) -> list[nodes.Node]:
        """Return a "Title: value" paragraph for each added key at ``path``."""
        mapping = _value_at(self.document.data, path)
        paragraphs: list[nodes.Node] = []
        for field in self.extra_fields([path]):
            label = nodes.strong(f"{field.title}:", f"{field.title}:")
            value = self.extra_value(mapping[field.key], (*path, field.key))
            paragraph = nodes.paragraph("", "", label, nodes.Text(" "), *value,
                                        classes=["ig-extra-field"])
            paragraphs.append(paragraph)
        return paragraphs

    def extra_value(self, value: Any, path: Path) -> list[nodes.Node]:
        """Return an added field's value: prose for text, plain text otherwise."""
        if isinstance(value, str):
            return self.prose(value, path)
        return [nodes.Text(plain_text(value))]

    def apply_common_options(self, node: nodes.Element) -> None:
        """Add ``:class:`` classes and the directive's source to ``node``."""
        node["classes"] += [
            "ig-block",
            f"ig-{self.name}",
            *self.options.get("class", []),
        ]
        self.set_source_info(node)


def _value_at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _string_leaves(value: Any, path: Path) -> list[tuple[Path, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [
            leaf
            for key, item in value.items()
            for leaf in _string_leaves(item, (*path, key))
        ]
    if isinstance(value, list):
        return [
            leaf
            for i, item in enumerate(value)
            for leaf in _string_leaves(item, (*path, i))
        ]
    return []


def _set_value(data: Any, path: Path, value: Any) -> None:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _is_data_url(value: str) -> bool:
    """Tell whether ``value`` is one ``data:`` URL, which the URL check reports."""
    text = value.strip()
    return url_scheme(text) == "data" and not any(c.isspace() for c in text)


def _secret_keys(value: Any, path: Path) -> list[Path]:
    """Return the path of every mapping key that looks like a live credential."""
    found: list[Path] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and find_live_secret(key) is not None:
                found.append((*path, key))
            found.extend(_secret_keys(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_secret_keys(item, (*path, index)))
    return found


def _rename_key(document: Document, path: Path, new_key: str) -> None:
    """Rename the key at ``path`` in place, keeping its order and its lines."""
    mapping = document.data
    for part in path[:-1]:
        mapping = mapping[part]
    while new_key in mapping:
        new_key += "*"
    items = list(mapping.items())
    mapping.clear()
    mapping.update((new_key if key == path[-1] else key, item) for key, item in items)
    new_path = (*path[:-1], new_key)
    tables: tuple[dict[Path, Any], ...] = (document.lines, document.raw)
    for table in tables:
        for old in [p for p in table if p[: len(path)] == path]:
            table[(*new_path, *old[len(path) :])] = table.pop(old)


def relative_to_source(directive: SphinxDirective, path: FilePath) -> str:
    """Return ``path`` relative to the source directory, in POSIX form."""
    return path.relative_to(FilePath(directive.env.srcdir)).as_posix()


def declare_object(
    directive: GuideDirective, objtype: str, name: str, path: Path
) -> tuple[str, list[nodes.Node]]:
    """Register an object in the ``guide`` domain and return its id and nodes.

    The returned nodes are a target and an index node, to be placed where the
    object is shown.
    """
    from sphinx_integration_guides.anchors import object_id, unique_id
    from sphinx_integration_guides.domain import GuideObject, guide_domain
    from sphinx_integration_guides.indices import index_node
    from sphinx_integration_guides.integrations import name_from_docname

    document = directive.state.document
    anchor = unique_id(document, object_id(objtype, name))
    target = nodes.target("", "", ids=[anchor])
    document.note_explicit_target(target)
    source, line = directive.line_of(path)
    obj = GuideObject(objtype, name, anchor, line, source)
    docname = directive.env.docname
    guide_domain(directive.env).note_object(docname, obj)
    # The page's metadata and the integration's title are not known yet, so
    # the index entries name the document; they are rewritten after reading.
    return anchor, [target, index_node(docname, obj, name_from_docname(docname))]
