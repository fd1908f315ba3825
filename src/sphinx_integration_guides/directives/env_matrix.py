"""``env-matrix``: every value that differs between environments, side by side."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_integration_guides import checklists
from sphinx_integration_guides.checklists import (
    checklist,
    checklist_item,
    checklist_label,
    group_heading,
)
from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.directives.base import GuideDirective
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.loading import Path
from sphinx_integration_guides.tables import Cell, build_table
from sphinx_integration_guides.text import describe_value

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Marks a cell whose value differs between environments. It is text, so the
#: mark shows without colour and in every output format.
DIFFERS_MARK = "†"
#: Shown for a null value: the setting is not used in that environment.
NULL_MARK = "—"


@dataclass(frozen=True)
class Setting:
    """One row: a setting and its value in each environment that has one.

    ``shared`` is true when the data gave one ``value`` for every environment.
    """

    name: str
    path: Path
    values: dict[str, str | None]
    shared: bool = False
    notes: str = ""

    def differs(self, environments: list[str]) -> bool:
        """Tell whether the declared environments hold more than one value."""
        written = {self.values[env] for env in environments if env in self.values}
        return len(written) > 1


@dataclass(frozen=True)
class EnvMatrix:
    """The environments in column order, the settings and the promotion steps."""

    environments: list[str]
    settings: list[Setting]
    promotion: list[tuple[str, Path]] = field(default_factory=list)


def _setting(entry: dict[str, Any], index: int, environments: list[str]) -> Setting:
    path = ("settings", index)
    notes = entry.get("notes", "")
    if "values" in entry:
        return Setting(entry["name"], path, dict(entry["values"]), notes=notes)
    shared = {env: entry["value"] for env in environments}
    return Setting(entry["name"], path, shared, shared=True, notes=notes)


class EnvMatrixDirective(GuideDirective):
    """Render settings as rows and environments as columns, then the promotion list."""

    name = "env-matrix"
    default_title = "Settings per environment"

    @classmethod
    def register(cls, app: Sphinx) -> None:
        super().register(app)
        checklists.setup(app)

    def build_model(self, data: dict[str, Any]) -> EnvMatrix:
        environments = list(data["environments"])
        return EnvMatrix(
            environments=environments,
            settings=[
                _setting(e, i, environments) for i, e in enumerate(data["settings"])
            ],
            promotion=[
                (text, ("promotion", i))
                for i, text in enumerate(data.get("promotion", []))
            ],
        )

    def render(self, model: EnvMatrix) -> list[nodes.Node]:
        self._check_coverage(model.environments)
        for setting in model.settings:
            self._check_setting(setting, model.environments)
        children: list[nodes.Node] = [self._table(model)]
        legend = _legend(model)
        if legend is not None:
            children.append(legend)
        if model.promotion:
            children += [
                group_heading(_("Promotion checklist")),
                self._promotion(model),
            ]
        container = nodes.container("", *children)
        self.apply_common_options(container)
        return [container]

    # -- checks ----------------------------------------------------------------

    def _check_coverage(self, environments: list[str]) -> None:
        expected = self.config.integration_guides_environments
        missing = [env for env in expected if env not in environments]
        if missing:
            names = ", ".join(f"'{env}'" for env in missing)
            self.warn(
                Subtype.ENV,
                f"{self.name}: environments leaves out {names}, "
                "which integration_guides_environments expects; add a column "
                "for each",
                ("environments",),
            )

    def _check_setting(self, setting: Setting, environments: list[str]) -> None:
        where = f"settings[{setting.path[1]}] '{setting.name}'"
        for env in environments:
            if env not in setting.values:
                self.warn(
                    Subtype.ENV,
                    f"{self.name}: {where} has no value for "
                    f"environment '{env}'; add it to values (null when the "
                    "setting is not used there)",
                    setting.path,
                )
        for env in setting.values:
            if env not in environments:
                close = difflib.get_close_matches(env, environments, n=1, cutoff=0.6)
                fix = f"did you mean '{close[0]}'? " if close else ""
                listed = ", ".join(environments)
                self.warn(
                    Subtype.ENV,
                    f"{self.name}: {where} has a value for environment "
                    f"{describe_value(env)}, which environments does not list "
                    f"({listed}); {fix}add it to environments or remove the "
                    "value",
                    setting.path,
                )

    # -- table -----------------------------------------------------------------

    def _table(self, model: EnvMatrix) -> nodes.table:
        has_notes = any(setting.notes for setting in model.settings)
        # An environment name is literal text: SmartQuotes must not curl it.
        names = [nodes.inline(env, env, support_smartquotes=False)
                 for env in model.environments]
        headers: list[Cell] = [_("Setting"), *names]
        env_width = max(8, 56 // len(model.environments))
        widths = [22, *[env_width] * len(model.environments)]
        if has_notes:
            headers.append(_("Notes"))
            widths.append(22)
        rows = [
            self._row(setting, model.environments, has_notes)
            for setting in model.settings
        ]
        paths = [setting.path for setting in model.settings]
        self.add_extra_columns(headers, widths, rows, paths)
        title_text, title = self.caption_nodes()
        table = build_table(headers, widths, rows, title=title, title_text=title_text)
        table["classes"].append("ig-env-table")
        self.set_source_info(table)
        self.add_name(table)
        return table

    def _row(
        self, setting: Setting, environments: list[str], has_notes: bool
    ) -> list[Cell]:
        differs = setting.differs(environments)
        row: list[Cell] = [[nodes.literal(setting.name, setting.name)]]
        for env in environments:
            row.append(_value_cell(setting.values, env, differs))
        if has_notes:
            notes = setting.notes
            row.append(
                [self.paragraph(notes, (*setting.path, "notes"))] if notes else ""
            )
        return row

    def _promotion(self, model: EnvMatrix) -> nodes.bullet_list:
        document = self.state.document
        prefix = f"ig-{self.env.docname}-promotion"
        items = []
        for text, path in model.promotion:
            label = checklist_label(
                document, f"{prefix}-{path[1]}", self.paragraph(text, path)
            )
            items.append(checklist_item(label))
        return checklist(items)


def _value_cell(
    values: dict[str, str | None], env: str, differs: bool
) -> list[nodes.Node]:
    if env not in values:
        word = _("missing")
        return [nodes.emphasis(word, word, classes=["ig-missing"])]
    value = values[env]
    cell: list[nodes.Node]
    if value is None:
        cell = [nodes.inline(NULL_MARK, NULL_MARK, classes=["ig-null"])]
    else:
        cell = [nodes.literal(value, value)]
    if differs:
        cell += [nodes.Text(" "), _differs_mark()]
    return cell


def _differs_mark() -> nodes.inline:
    return nodes.inline(DIFFERS_MARK, DIFFERS_MARK, classes=["ig-differs"])


def _legend(model: EnvMatrix) -> nodes.paragraph | None:
    """Return the legend of the marks the table uses, or None when it uses none."""
    envs = model.environments
    entries: list[nodes.Node] = []
    if any(setting.differs(envs) for setting in model.settings):
        text = _("the value differs between environments")
        entries += [
            _differs_mark(),
            nodes.Text(f" {text}"),
        ]
    if any(
        value is None for setting in model.settings for value in setting.values.values()
    ):
        text = _("not used in this environment")
        if entries:
            entries.append(nodes.Text("; "))
        entries += [nodes.inline(NULL_MARK, NULL_MARK), nodes.Text(f" {text}")]
    if not entries:
        return None
    label = _("Legend:")
    return nodes.paragraph(
        "",
        "",
        nodes.strong(label, label),
        nodes.Text(" "),
        *entries,
        classes=["ig-legend"],
    )
