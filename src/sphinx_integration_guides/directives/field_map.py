"""``field-map``: how fields of one system become fields of another."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.directives.base import GuideDirective
from sphinx_integration_guides.extra_fields import plain_text
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.loading import Path
from sphinx_integration_guides.tables import Cell, build_table

#: Optional columns, each shown only when at least one mapping fills it:
#: (field, default heading, relative width).
_OPTIONAL_COLUMNS = (
    ("required", "Required", 10),
    ("transform", "Transform", 24),
    ("notes", "Notes", 26),
)


class FieldMapDirective(GuideDirective):
    """Render a field map as one table, a row per mapping."""

    name = "field-map"
    default_title = "Field mappings"

    def render(self, data: dict[str, Any]) -> list[nodes.Node]:
        mappings: list[dict[str, Any]] = data["mappings"]
        self._warn_repeated_targets(mappings)
        columns = self._columns(data.get("columns", {}), mappings)
        rows = [
            [self._cell(field, mapping, ("mappings", index, field))
             for field, _heading, _width in columns]
            for index, mapping in enumerate(mappings)
        ]
        headers: list[Cell] = [heading for _field, heading, _width in columns]
        widths = [width for _field, _heading, width in columns]
        paths = [("mappings", index) for index in range(len(mappings))]
        self.add_extra_columns(headers, widths, rows, paths)
        title_text, title = self.caption_nodes()
        table = build_table(headers, widths, rows, title=title, title_text=title_text)
        self.apply_common_options(table)
        self.add_name(table)
        return [table]

    def _columns(self, headings: dict[str, str],
                 mappings: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
        """Return ``(field, heading, width)`` for every column the table shows."""
        columns = [("source", headings.get("source") or _("Source"), 20)]
        if any("via" in mapping for mapping in mappings):
            columns.append(("via", headings.get("via") or _("Via"), 18))
        columns.append(("target", headings.get("target") or _("Target"), 20))
        for field, heading, width in _OPTIONAL_COLUMNS:
            if any(field in mapping for mapping in mappings):
                columns.append((field, _(heading), width))
        return columns

    def _cell(self, field: str, mapping: dict[str, Any], path: Path) -> Cell:
        if field not in mapping:
            return ""
        value = mapping[field]
        if field == "required":
            return plain_text(value)
        if field in ("transform", "notes"):
            return [self.paragraph(value, path)]
        text = plain_text(value)
        return [nodes.literal(text, text)]

    def _warn_repeated_targets(self, mappings: list[dict[str, Any]]) -> None:
        """Warn at every mapping whose target an earlier mapping already fills."""
        first_index: dict[str, int] = {}
        for index, mapping in enumerate(mappings):
            target = mapping["target"]
            if target not in first_index:
                first_index[target] = index
                continue
            earlier = first_index[target]
            _source, earlier_line = self.line_of(("mappings", earlier, "target"))
            self.warn(
                Subtype.DUPLICATE,
                f"{self.name}: mappings[{index}].target '{target}' is already the "
                f"target of mappings[{earlier}] (line {earlier_line}); map each "
                "target field once, or describe both sources in one mapping",
                ("mappings", index, "target"),
            )
