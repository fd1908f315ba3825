"""``error-map``: each error a reader can hit, with its cause and its fix."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes

from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.directives.base import GuideDirective
from sphinx_integration_guides.extra_fields import plain_text
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.loading import field_path
from sphinx_integration_guides.objectcells import cell_marks
from sphinx_integration_guides.tables import Cell, build_table

if TYPE_CHECKING:
    from sphinx_integration_guides.loading import Path

_TRAILING_PUNCTUATION = re.compile(r"[\s.!?;:,…]+$")


@dataclass(frozen=True)
class ErrorEntry:
    """One row of an error map; ``path`` is its place in the YAML data."""

    code: str
    cause: str
    remediation: str | list[str]
    path: Path
    http_status: int | None = None
    message: str = ""
    retryable: Any = None
    backoff: str = ""
    docs: str = ""


def normalise_advice(text: str) -> str:
    """Return ``text`` in the form generic remediations are compared in.

    Case, runs of whitespace and trailing punctuation are ignored, so
    "Retry the request." and "retry  the request" are the same advice.
    """
    collapsed = " ".join(text.split()).casefold()
    return _TRAILING_PUNCTUATION.sub("", collapsed)


def is_generic(remediation: str | list[str], phrases: Iterable[str]) -> bool:
    """Tell whether the whole remediation, or every one of its steps, is generic."""
    generic = {normalise_advice(phrase) for phrase in phrases}
    steps = [remediation] if isinstance(remediation, str) else remediation
    return all(normalise_advice(step) in generic for step in steps)


class Column(NamedTuple):
    """A column of the error table: its cell key, heading and relative width."""

    key: str
    heading: str
    width: int


def shown_columns(model: Sequence[ErrorEntry]) -> list[Column]:
    """Return the columns to show: code, cause and remediation always.

    HTTP status, message and retry are optional fields, so each of their
    columns is shown only when at least one error fills it.
    """
    candidates = [
        (Column("code", _("Code"), 17), True),
        (Column("http_status", _("HTTP status"), 10),
         any(entry.http_status is not None for entry in model)),
        (Column("message", _("Message"), 16),
         any(entry.message for entry in model)),
        (Column("cause", _("Cause"), 21), True),
        (Column("remediation", _("Remediation"), 27), True),
        (Column("retry", _("Retry"), 12),
         any(entry.retryable is not None or entry.backoff for entry in model)),
    ]
    return [column for column, shown in candidates if shown]


class ErrorMapDirective(GuideDirective):
    """Render an error map as one table, each code a link target."""

    name = "error-map"
    default_title = "Errors"

    def build_model(self, data: dict[str, Any]) -> list[ErrorEntry]:
        return [
            ErrorEntry(
                code=str(error["code"]),
                cause=error["cause"],
                remediation=error["remediation"],
                path=("errors", index),
                http_status=error.get("http_status"),
                message=error.get("message", ""),
                retryable=error.get("retryable"),
                backoff=error.get("backoff", ""),
                docs=error.get("docs", ""),
            )
            for index, error in enumerate(data["errors"])
        ]

    def render(self, model: list[ErrorEntry]) -> list[nodes.Node]:
        first_rows = self._first_rows(model)
        self._check_remediations(model)
        columns = shown_columns(model)
        rows: list[list[Cell]] = []
        for entry in model:
            cells = self._row(entry, entry.path in first_rows)
            rows.append([cells[column.key] for column in columns])
        headers: list[Cell] = [column.heading for column in columns]
        widths = [column.width for column in columns]
        self.add_extra_columns(headers, widths, rows, [entry.path for entry in model])
        title_text, title = self.caption_nodes()
        table = build_table(headers, widths, rows, title=title, title_text=title_text)
        self.apply_common_options(table)
        self.add_name(table)
        return [table]

    # -- checks ----------------------------------------------------------------

    def _first_rows(self, model: list[ErrorEntry]) -> set[Path]:
        """Return the rows that declare their code; warn at every repeat."""
        first: dict[str, ErrorEntry] = {}
        for entry in model:
            earlier = first.setdefault(entry.code, entry)
            if earlier is entry:
                continue
            path = (*entry.path, "code")
            _source, line = self.line_of((*earlier.path, "code"))
            self.warn(Subtype.DUPLICATE,
                      f"error-map: {field_path(path)} '{entry.code}' repeats the code "
                      f"of {field_path(earlier.path)} (line {line}); merge the two "
                      "rows, or give each code once", path)
        return {entry.path for entry in first.values()}

    def _check_remediations(self, model: list[ErrorEntry]) -> None:
        phrases = self.config.integration_guides_generic_remediations
        for entry in model:
            if not is_generic(entry.remediation, phrases):
                continue
            path = (*entry.path, "remediation")
            written = entry.remediation if isinstance(entry.remediation, str) else (
                "; ".join(entry.remediation))
            self.warn(Subtype.REMEDIATION,
                      f"error-map: {field_path(path)} '{written}' for code "
                      f"'{entry.code}' is only generic advice; name the concrete fix, "
                      "such as the header to send, the setting to change or the delay "
                      "to wait", path)

    # -- cells -----------------------------------------------------------------

    def _row(self, entry: ErrorEntry, declares: bool) -> dict[str, Cell]:
        """Return the cells of every column, keyed by :attr:`Column.key`."""
        code_cell: list[nodes.Node] = []
        if declares:
            code_cell += cell_marks(self, "error", entry.code, (*entry.path, "code"))
        code_cell.append(nodes.literal(entry.code, entry.code))
        status = "" if entry.http_status is None else str(entry.http_status)
        message: Cell = ""
        if entry.message:
            # A literal keeps the provider's words exact (no smart quotes) and
            # lets the LaTeX table code break a long message inside its column.
            message = [nodes.literal(entry.message, entry.message,
                                     classes=["ig-error-message"])]
        cause = self.paragraph(entry.cause, (*entry.path, "cause"))
        return {"code": code_cell, "http_status": status, "message": message,
                "cause": [cause], "remediation": self._remediation(entry),
                "retry": self._retry(entry)}

    def _remediation(self, entry: ErrorEntry) -> list[nodes.Node]:
        path = (*entry.path, "remediation")
        cell: list[nodes.Node]
        if isinstance(entry.remediation, str):
            cell = [self.paragraph(entry.remediation, path)]
        else:
            steps = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            for index, step in enumerate(entry.remediation):
                steps += nodes.list_item("", self.paragraph(step, (*path, index)))
            cell = [steps]
        if entry.docs:
            cell.append(self._docs_link(entry))
        return cell

    def _docs_link(self, entry: ErrorEntry) -> nodes.paragraph:
        label = _("Provider documentation:")
        link = self.url(entry.docs, (*entry.path, "docs"))
        return nodes.paragraph("", "", nodes.Text(f"{label} "), link,
                               classes=["ig-error-docs"])

    def _retry(self, entry: ErrorEntry) -> list[nodes.Node]:
        cell: list[nodes.Node] = []
        if entry.retryable is not None:
            # A schema extension may widen the flag; other values show as written.
            word = plain_text(entry.retryable)
            classes = (["ig-retry-yes" if entry.retryable else "ig-retry-no"]
                       if isinstance(entry.retryable, bool) else [])
            cell.append(nodes.paragraph(word, word, classes=classes))
        if entry.backoff:
            cell.append(self.paragraph(entry.backoff, (*entry.path, "backoff")))
        return cell
