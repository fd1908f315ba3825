"""``state-transitions``: how events from the other service move local state."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_integration_guides import diagrams
from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.directives.base import GuideDirective
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.loading import field_path
from sphinx_integration_guides.objectcells import cell_marks
from sphinx_integration_guides.tables import Cell, build_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_integration_guides.loading import Path


@dataclass(frozen=True)
class State:
    """A declared state; ``path`` is its place in the YAML data."""

    name: str
    path: Path
    description: str = ""
    terminal: bool = False


@dataclass(frozen=True)
class Transition:
    """One row of the transition table."""

    source: str
    event: str
    target: str
    path: Path
    action: str = ""
    condition: str = ""


@dataclass(frozen=True)
class StateMachine:
    """The validated data of one ``state-transitions`` block."""

    states: list[State]
    initial: str
    transitions: list[Transition]

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(state.name for state in self.states))

    @property
    def terminal(self) -> set[str]:
        return {state.name for state in self.states if state.terminal}


def reachable_states(initial: str, transitions: list[Transition]) -> set[str]:
    """Return every state reachable from ``initial``, itself included."""
    seen = {initial}
    pending = [initial]
    while pending:
        current = pending.pop()
        for transition in transitions:
            if transition.source == current and transition.target not in seen:
                seen.add(transition.target)
                pending.append(transition.target)
    return seen


class StateTransitionsDirective(GuideDirective):
    """Render a state machine as a diagram, a states table and a transition table."""

    name = "state-transitions"
    default_title = "State transitions"

    @classmethod
    def register(cls, app: Sphinx) -> None:
        super().register(app)
        diagrams.setup(app)

    def build_model(self, data: dict[str, Any]) -> StateMachine:
        states = [
            State(str(item["name"]), ("states", index), item.get("description", ""),
                  item.get("terminal") is True)
            for index, item in enumerate(data["states"])
        ]
        transitions = [
            Transition(str(item["from"]), str(item["event"]), str(item["to"]),
                       ("transitions", index), item.get("action", ""),
                       item.get("condition", ""))
            for index, item in enumerate(data["transitions"])
        ]
        return StateMachine(states, str(data["initial"]), transitions)

    def render(self, model: StateMachine) -> list[nodes.Node]:
        declared = self._declared_states(model)
        self._check(model)
        children: list[nodes.Node] = []
        if diagrams.wants_diagram(self.config):
            children.append(self._diagram(model))
        children.append(self._states_table(model, declared))
        children.append(self._transitions_table(model))
        container = nodes.container("", *children)
        self.apply_common_options(container)
        return [container]

    # -- checks ----------------------------------------------------------------

    def _declared_states(self, model: StateMachine) -> set[Path]:
        """Return the states that declare their name; warn at every repeat."""
        first: dict[str, State] = {}
        for state in model.states:
            earlier = first.setdefault(state.name, state)
            if earlier is not state:
                path = (*state.path, "name")
                self.warn(Subtype.DUPLICATE,
                          f"state-transitions: {field_path(path)} '{state.name}' is "
                          f"already declared at {field_path(earlier.path)}; remove "
                          "one of the two", path)
        return {state.path for state in first.values()}

    def _check(self, model: StateMachine) -> None:
        names = model.names
        if model.initial not in names:
            self._warn_undeclared(model.initial, ("initial",), names)
        for transition in model.transitions:
            for key, name in (("from", transition.source), ("to", transition.target)):
                if name not in names:
                    self._warn_undeclared(name, (*transition.path, key), names)
            if transition.source in model.terminal:
                path = (*transition.path, "from")
                self._warn_state(path, f"'{transition.source}' is a terminal state, "
                                 "so no transition may leave it; remove the transition "
                                 "or the state's terminal: true")
        self._check_repeats(model)
        if model.initial in names:
            self._check_reachable(model)

    def _warn_state(self, path: Path, text: str) -> None:
        self.warn(Subtype.STATE, f"state-transitions: {field_path(path)} {text}", path)

    def _warn_undeclared(self, name: str, path: Path, names: list[str]) -> None:
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "declare it under states"
        self._warn_state(path, f"'{name}' is not a declared state; {hint}")

    def _check_repeats(self, model: StateMachine) -> None:
        seen: dict[tuple[str, str, str], Transition] = {}
        for transition in model.transitions:
            key = (transition.source, transition.event, transition.condition)
            earlier = seen.setdefault(key, transition)
            if earlier is transition:
                continue
            where = f"{field_path(earlier.path)}"
            if earlier.target == transition.target:
                text = (f"repeats {where}: '{transition.source}' on "
                        f"'{transition.event}' already goes to '{transition.target}'; "
                        "remove one of them")
            else:
                text = (f"conflicts with {where}: '{transition.source}' on "
                        f"'{transition.event}' goes to '{earlier.target}' there and to "
                        f"'{transition.target}' here; keep one target, or tell them "
                        "apart with condition")
            self._warn_state(transition.path, text)

    def _check_reachable(self, model: StateMachine) -> None:
        reached = reachable_states(model.initial, model.transitions)
        for state in model.states:
            if state.name not in reached:
                self._warn_state((*state.path, "name"),
                                 f"'{state.name}' cannot be reached from the initial "
                                 f"state '{model.initial}'; add a transition into it "
                                 "or remove it")

    # -- output ----------------------------------------------------------------

    def _diagram(self, model: StateMachine) -> nodes.Node:
        edges = [(t.source, t.event, t.target) for t in model.transitions]
        code = diagrams.state_dot(model.names, model.initial, model.terminal, edges)
        node = diagrams.diagram_node(code)
        self.set_source_info(node)
        return node

    def _marks(self, model: StateMachine, name: str) -> list[nodes.Node]:
        words = []
        if name == model.initial:
            words.append(("initial", _("initial")))
        if name in model.terminal:
            words.append(("terminal", _("terminal")))
        marks: list[nodes.Node] = []
        for kind, word in words:
            badge = nodes.inline(word, word, classes=["ig-badge", f"ig-badge-{kind}"])
            marks += [nodes.Text(" "), badge]
        return marks

    def _state_cell(self, model: StateMachine, name: str) -> list[nodes.Node]:
        return [nodes.literal(name, name), *self._marks(model, name)]

    def _states_table(self, model: StateMachine, declared: set[Path]) -> nodes.table:
        rows: list[list[Cell]] = []
        for state in model.states:
            name_cell: list[nodes.Node] = []
            if state.path in declared:
                name_cell += cell_marks(self, "state", state.name,
                                        (*state.path, "name"))
            name_cell += self._state_cell(model, state.name)
            description: Cell = ""
            if state.description:
                description = [self.paragraph(state.description,
                                              (*state.path, "description"))]
            rows.append([name_cell, description])
        headers: list[Cell] = [_("State"), _("Description")]
        widths = [30, 70]
        paths = [state.path for state in model.states]
        self.add_extra_columns(headers, widths, rows, paths)
        table = build_table(headers, widths, rows)
        table["classes"].append("ig-states")
        return table

    def _transitions_table(self, model: StateMachine) -> nodes.table:
        events: set[str] = set()
        rows: list[list[Cell]] = []
        for transition in model.transitions:
            event_cell: list[nodes.Node] = []
            if transition.event not in events:
                events.add(transition.event)
                event_cell += cell_marks(self, "event", transition.event,
                                         (*transition.path, "event"))
            event_cell.append(nodes.literal(transition.event, transition.event))
            rows.append([self._state_cell(model, transition.source), event_cell,
                         self._state_cell(model, transition.target),
                         self._action_cell(transition)])
        headers: list[Cell] = [_("From"), _("Event"), _("To"), _("Action")]
        widths = [18, 30, 18, 34]
        paths = [transition.path for transition in model.transitions]
        self.add_extra_columns(headers, widths, rows, paths)
        title_text, title = self.caption_nodes()
        table = build_table(headers, widths, rows, title=title, title_text=title_text)
        table["classes"].append("ig-transitions")
        self.set_source_info(table)  # the gettext builder skips a caption without it
        self.add_name(table)
        return table

    def _action_cell(self, transition: Transition) -> list[nodes.Node]:
        cell: list[nodes.Node] = []
        if transition.condition:
            label = _("Only when:")
            condition = self.paragraph(transition.condition,
                                       (*transition.path, "condition"))
            condition.insert(0, nodes.emphasis(label, label))
            condition.insert(1, nodes.Text(" "))
            cell.append(condition)
        if transition.action:
            cell.append(self.paragraph(transition.action, (*transition.path, "action")))
        return cell
