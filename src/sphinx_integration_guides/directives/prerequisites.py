"""``prerequisites``: what a reader must have before step one, as a checklist."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from sphinx_integration_guides import checklists
from sphinx_integration_guides.checklists import (
    checklist,
    checklist_item,
    checklist_label,
    group_heading,
)
from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.directives.base import GuideDirective, declare_object
from sphinx_integration_guides.extra_fields import plain_text
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.loading import Path
from sphinx_integration_guides.tables import Cell, build_table
from sphinx_integration_guides.text import MASK, is_placeholder
from sphinx_integration_guides.versions import ACCEPTED_FORMS, is_version_requirement

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: The label before each prose field of a checklist item, by its key.
_TEXT_LABELS = {"install": "Install:", "notes": "Note:", "reason": "Reason:"}


@dataclass(frozen=True)
class Item:
    """One checklist entry: an account, a permission or a piece of software.

    ``detail`` is the plan, the place where a permission is granted, or the
    version requirement. ``texts`` pairs each prose field shown after the
    label (notes, reason, install) with its key.
    """

    kind: str
    name: str
    path: Path
    detail: str = ""
    texts: tuple[tuple[str, str], ...] = ()
    url: str = ""
    optional: bool = False


@dataclass(frozen=True)
class EnvVar:
    """One environment variable row."""

    name: str
    path: Path
    description: str = ""
    secret: bool = False
    example: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class Prerequisites:
    """Everything a prerequisites block lists, in the order it renders."""

    accounts: list[Item] = field(default_factory=list)
    permissions: list[Item] = field(default_factory=list)
    software: list[Item] = field(default_factory=list)
    env_vars: list[EnvVar] = field(default_factory=list)
    notes: list[tuple[str, Path]] = field(default_factory=list)


def _items(
    data: dict[str, Any], kind: str, detail: str, texts: Sequence[str]
) -> list[Item]:
    return [
        Item(
            kind=kind,
            name=entry["name"],
            path=(kind, index),
            detail=entry.get(detail, ""),
            texts=tuple((key, entry[key]) for key in texts if entry.get(key)),
            url=entry.get("url", ""),
            optional=entry.get("optional", False),
        )
        for index, entry in enumerate(data.get(kind, []))
    ]


def _env_vars(data: dict[str, Any]) -> list[EnvVar]:
    return [
        EnvVar(
            name=entry["name"],
            path=("env_vars", index),
            description=entry.get("description", ""),
            secret=entry.get("secret", False),
            example=entry.get("example"),
            optional=entry.get("optional", False),
        )
        for index, entry in enumerate(data.get("env_vars", []))
    ]


def _notes(data: dict[str, Any]) -> list[tuple[str, Path]]:
    notes = data.get("notes")
    if notes is None:
        return []
    if isinstance(notes, str):
        return [(notes, ("notes",))]
    return [(text, ("notes", index)) for index, text in enumerate(notes)]


class PrerequisitesDirective(GuideDirective):
    """Render prerequisites as a checklist grouped by kind, variables as a table."""

    name = "prerequisites"
    default_title = "Prerequisites"

    @classmethod
    def register(cls, app: Sphinx) -> None:
        super().register(app)
        checklists.setup(app)

    def build_model(self, data: dict[str, Any]) -> Prerequisites:
        return Prerequisites(
            accounts=_items(data, "accounts", "plan", ["notes"]),
            permissions=_items(data, "permissions", "where", ["reason"]),
            software=_items(data, "software", "version", ["install", "notes"]),
            env_vars=_env_vars(data),
            notes=_notes(data),
        )

    def render(self, model: Prerequisites) -> list[nodes.Node]:
        self._check_versions(model.software)
        groups: list[tuple[str, Sequence[Any], Callable[[Any], list[nodes.Node]]]] = [
            (_("Accounts"), model.accounts, self._item_list),
            (_("Permissions"), model.permissions, self._item_list),
            (_("Software"), model.software, self._item_list),
            (_("Environment variables"), model.env_vars, self._env_table),
            (_("Notes"), model.notes, self._notes),
        ]
        children: list[nodes.Node] = []
        for heading, entries, render_group in groups:
            if entries:
                children.append(group_heading(heading))
                children.extend(render_group(entries))
        return [self.titled_block(children)]

    # -- checks ----------------------------------------------------------------

    def _check_versions(self, software: list[Item]) -> None:
        for item in software:
            if item.detail and not is_version_requirement(item.detail):
                path = (*item.path, "version")
                where = f"software[{item.path[1]}].version"
                self.warn(
                    Subtype.VERSION,
                    f"{self.name}: {where} '{item.detail}' of "
                    f"'{item.name}' is not a version requirement; write "
                    f"{ACCEPTED_FORMS}",
                    path,
                )

    def _example_text(self, variable: EnvVar) -> str | None:
        """Return the example to show, masked when a secret one is not a placeholder."""
        example = variable.example
        if example is None or not variable.secret or is_placeholder(example):
            return example
        if MASK not in example:  # A live-looking value is already masked and warned.
            where = f"env_vars[{variable.path[1]}].example"
            self.warn(
                Subtype.SECRET,
                f"{self.name}: {where} of the secret variable "
                f"'{variable.name}' is not a placeholder; write one such as "
                f"<your-{variable.name.lower().replace('_', '-')}> (the example "
                "is masked in the output)",
                (*variable.path, "example"),
            )
        return MASK

    # -- groups ----------------------------------------------------------------

    def _item_list(self, items: list[Item]) -> list[nodes.Node]:
        document = self.state.document
        prefix = f"ig-{self.env.docname}-check"
        entries = []
        for item in items:
            label = nodes.paragraph("", "", *self._item_label(item))
            label = checklist_label(
                document, f"{prefix}-{item.kind}-{item.path[1]}", label
            )
            body = [self._item_text(item, key, text) for key, text in item.texts]
            body += self.extra_paragraphs(item.path)
            entries.append(checklist_item(label, body))
        return [checklist(entries)]

    def _item_text(self, item: Item, key: str, text: str) -> nodes.paragraph:
        """Return a prose field as a paragraph of its own, led by a bold label.

        The label keeps an install command apart from the notes after it in
        every builder. The prose is wrapped so that gettext extracts it alone,
        and a translation replaces it without touching the label.
        """
        label = _(_TEXT_LABELS[key])
        prose_nodes = self.prose(text, (*item.path, key))
        return nodes.paragraph("", "", nodes.strong(label, label), nodes.Text(" "),
                               *prose_nodes, classes=[f"ig-check-{key}"])

    def _item_label(self, item: Item) -> list[nodes.Node]:
        # A name is literal text: Sphinx must not curl its quotes.
        name = nodes.strong(item.name, item.name, support_smartquotes=False)
        label: list[nodes.Node] = [name]
        if item.kind == "software" and item.detail:
            label += [nodes.Text(" "), nodes.literal(item.detail, item.detail)]
        elif item.kind == "permissions":
            label = [nodes.literal(item.name, item.name)]
            if item.detail:
                label.append(nodes.Text(_(" in {place}").format(place=item.detail)))
        elif item.detail:
            label.append(nodes.Text(_(" ({plan} plan)").format(plan=item.detail)))
        if item.optional:
            label += [nodes.Text(" "), _optional_mark()]
        if item.url:
            label += [nodes.Text(" — "), self.url(item.url, (*item.path, "url"))]
        return label

    def _env_table(self, variables: list[EnvVar]) -> list[nodes.Node]:
        rows = [self._env_row(variable) for variable in variables]
        headers: list[Cell] = [_("Name"), _("Description"), _("Secret"), _("Example")]
        widths = [26, 38, 10, 26]
        paths = [variable.path for variable in variables]
        self.add_extra_columns(headers, widths, rows, paths)
        table = build_table(headers, widths, rows)
        table["classes"].append("ig-env-vars")
        return [table]

    def _env_row(self, variable: EnvVar) -> list[Any]:
        _anchor, marks = declare_object(
            self, "envvar", variable.name, (*variable.path, "name")
        )
        # An index node with inline=False starts a new paragraph in LaTeX,
        # which would push the name a line below the rest of the row.
        for mark in marks:
            if isinstance(mark, addnodes.index):
                mark["inline"] = True
        name_cell = nodes.paragraph("", "", *marks)
        name_cell += nodes.literal(variable.name, variable.name)
        if variable.optional:
            name_cell += [nodes.Text(" "), _optional_mark()]
        description = (
            [self.paragraph(variable.description, (*variable.path, "description"))]
            if variable.description
            else ""
        )
        secret = plain_text(variable.secret)
        example = self._example_text(variable)
        example_cell = [nodes.literal(example, example)] if example else ""
        return [[name_cell], description, secret, example_cell]

    def _notes(self, notes: list[tuple[str, Path]]) -> list[nodes.Node]:
        return [self.paragraph(text, path) for text, path in notes]


def _optional_mark() -> nodes.emphasis:
    word = _("(optional)")
    return nodes.emphasis(word, word, classes=["ig-optional"])
