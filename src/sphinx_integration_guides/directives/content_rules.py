"""``content-rules``: what a message must never contain, and what to write instead."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from sphinx_integration_guides.directives.base import GuideDirective
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.loading import Path
from sphinx_integration_guides.tables import Cell, build_table


class ContentRulesDirective(GuideDirective):
    """Render content rules as a table, after an optional scope paragraph."""

    name = "content-rules"
    default_title = "Content rules"

    def render(self, data: dict[str, Any]) -> list[nodes.Node]:
        rules: list[dict[str, Any]] = data["rules"]
        with_instead = any("instead" in rule for rule in rules)
        with_examples = any("avoid" in rule or "prefer" in rule for rule in rules)
        headers: list[Cell] = [_("Never include"), _("Why")]
        widths = [26, 30]
        if with_instead:
            headers.append(_("Write instead"))
            widths.append(26)
        if with_examples:
            headers.append(_("Examples"))
            widths.append(30)
        rows = [self._row(rule, ("rules", index), with_instead, with_examples)
                for index, rule in enumerate(rules)]
        paths = [("rules", index) for index in range(len(rules))]
        self.add_extra_columns(headers, widths, rows, paths)
        title_text, title = self.caption_nodes()
        table = build_table(headers, widths, rows, title=title, title_text=title_text)
        table["classes"].append("ig-rules")
        self.set_source_info(table)
        self.add_name(table)
        block = nodes.container()
        if "scope" in data:
            block += self.paragraph(data["scope"], ("scope",))
        block += table
        self.apply_common_options(block)
        return [block]

    def _row(self, rule: dict[str, Any], path: Path, with_instead: bool,
             with_examples: bool) -> list[Cell]:
        row: list[Cell] = [
            [self.paragraph(rule["content"], (*path, "content"))],
            [self.paragraph(rule["reason"], (*path, "reason"))],
        ]
        if with_instead:
            instead = rule.get("instead")
            row.append([self.paragraph(instead, (*path, "instead"))] if instead else "")
        if with_examples:
            row.append(self._examples(rule))
        return row

    def _examples(self, rule: dict[str, Any]) -> list[nodes.Node]:
        """Return the avoid and prefer examples as labelled paragraphs of plain text."""
        found: list[nodes.Node] = []
        for field, label in (("avoid", _("Avoid:")), ("prefer", _("Prefer:"))):
            if field not in rule:
                continue
            text = rule[field]
            paragraph = nodes.paragraph(
                "", "", nodes.strong(label, label), nodes.Text(" "),
                nodes.inline(text, text, classes=[f"ig-{field}"]),
                classes=[f"ig-example-{field}"],
            )
            found.append(paragraph)
        return found
