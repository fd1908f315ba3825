"""``error-map``: each error a reader can hit, with its cause and its fix."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from sphinx_integration_guides.directives.base import GuideDirective, declare_object
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.tables import build_table


class ErrorMapDirective(GuideDirective):
    """Render an error map as one table, each code a link target."""

    name = "error-map"
    default_title = "Errors"

    def render(self, data: dict[str, Any]) -> list[nodes.Node]:
        title_text, title = self.caption_nodes()
        rows = []
        for index, error in enumerate(data["errors"]):
            rows.append(self._row(error, ("errors", index)))
        headers = [_("Code"), _("HTTP status"), _("Message"), _("Cause"),
                   _("Remediation"), _("Retry")]
        table = build_table(headers, [14, 8, 18, 22, 26, 12], rows,
                            title=title, title_text=title_text)
        self.apply_common_options(table)
        self.add_name(table)
        return [table]

    def _row(self, error: dict[str, Any], path: tuple[str | int, ...]) -> list[Any]:
        code = error["code"]
        _anchor, marks = declare_object(self, "error", code, (*path, "code"))
        code_cell = [*marks, nodes.literal(code, code)]
        status = str(error["http_status"]) if "http_status" in error else ""
        message = error.get("message", "")
        message_cell = [nodes.literal(message, message)] if message else ""
        cause = self.paragraph(error["cause"], (*path, "cause"))
        return [code_cell, status, message_cell, [cause],
                [self._remediation(error["remediation"], (*path, "remediation"))],
                self._retry(error, path)]

    def _remediation(self, remediation: str | list[str], path: tuple[str | int, ...]) -> nodes.Node:
        if isinstance(remediation, str):
            return self.paragraph(remediation, path)
        steps = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for index, step in enumerate(remediation):
            steps += nodes.list_item("", self.paragraph(step, (*path, index)))
        return steps

    def _retry(self, error: dict[str, Any], path: tuple[str | int, ...]) -> list[nodes.Node]:
        if "retryable" not in error:
            return []
        word = _("Yes") if error["retryable"] else _("No")
        cell: list[nodes.Node] = [nodes.paragraph(word, word)]
        if error.get("backoff"):
            cell.append(self.paragraph(error["backoff"], (*path, "backoff")))
        return cell
