"""The plain reStructuredText twin of a benchmark guide.

Each section writes by hand what the matching directive renders: the same
tables (``list-table``), numbered lists, code blocks, index entries and link
targets (``.. index::`` and ``.. _label:``), so that both projects give
Sphinx the same work and the difference in build time is the extension's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest import (
    bullets,
    code_block,
    enumerated,
    indent,
    list_table,
    literal,
    object_marks,
)

Section = Callable[[str, dict[str, Any], bool], list[str]]


def object_lines(integration: str, objtype: str, word: str, name: str) -> list[str]:
    label = (
        f"{integration}-{objtype}-{name}".lower().replace("_", "-").replace(".", "-")
    )
    return object_marks(
        label, [f"{name} ({integration} {word})", f"{integration}; {name} ({word})"]
    )


def prerequisites(integration: str, data: dict[str, Any], diagrams: bool) -> list[str]:
    lines = [".. rubric:: Prerequisites", ""]
    groups = [
        ("Accounts", "accounts", "plan"),
        ("Permissions", "permissions", "where"),
        ("Software", "software", "version"),
    ]
    for heading, key, detail in groups:
        lines += [f"**{heading}**", ""]
        items = []
        for item in data[key]:
            extra = f" ({literal(item[detail])})" if item.get(detail) else ""
            words = item.get("notes") or item.get("reason") or item.get("install") or ""
            items.append(f"[ ] {literal(item['name'])}{extra} {words}".rstrip())
        lines += [*bullets(items), ""]
    for variable in data["env_vars"]:
        lines += object_lines(
            integration, "envvar", "environment variable", variable["name"]
        )
    rows = [
        [
            [literal(v["name"])],
            [v["description"]],
            ["Yes" if v["secret"] else "No"],
            [literal(v["example"])],
        ]
        for v in data["env_vars"]
    ]
    lines += list_table(
        "Environment variables",
        [25, 40, 10, 25],
        ["Name", "Description", "Secret", "Example"],
        rows,
    )
    return [*lines, data["notes"], ""]


def auth_flow(integration: str, data: dict[str, Any], diagrams: bool) -> list[str]:
    lines = [
        ".. rubric:: Authentication",
        "",
        f"Scheme: {literal(data['scheme'])}. Token lifetime: "
        f"{data['token']['lifetime']}. {data['token']['refresh']}",
        "",
    ]
    rows = [
        [
            [literal(c["name"])],
            [c["store"]],
            [c.get("rotation", "")],
            [c.get("notes", "")] if c.get("notes") else [],
        ]
        for c in data["credentials"]
    ]
    lines += list_table(
        "Credentials",
        [25, 25, 20, 30],
        ["Credential", "Store", "Rotation", "Notes"],
        rows,
    )
    items = []
    for step in data["steps"]:
        item = [f"**{step['title']}** ({step['actor']})", "", step["action"], ""]
        if step.get("request"):
            item += [literal(step["request"]), ""]
        if step.get("code"):
            item += code_block(step["code"], step["language"])
        items.append(item)
    return [*lines, *enumerated(items), ""]


def env_matrix(integration: str, data: dict[str, Any], diagrams: bool) -> list[str]:
    environments = data["environments"]
    rows = []
    for setting in data["settings"]:
        values = setting.get("values") or dict.fromkeys(
            environments, setting.get("value")
        )
        cells = [
            [literal(values[env])] if values.get(env) is not None else ["—"]
            for env in environments
        ]
        notes = [setting["notes"]] if setting.get("notes") else []
        rows.append([[setting["name"]], *cells, notes])
    widths = [20, *[20] * len(environments), 20]
    lines = list_table(
        "Environments", widths, ["Setting", *environments, "Notes"], rows
    )
    items = [f"[ ] {step}" for step in data["promotion"]]
    return [*lines, "**Promotion**", "", *bullets(items), ""]


def error_map(integration: str, data: dict[str, Any], diagrams: bool) -> list[str]:
    lines: list[str] = []
    rows = []
    for error in data["errors"]:
        lines += object_lines(integration, "error", "error code", error["code"])
        remediation = error["remediation"]
        remedy = (
            [remediation]
            if isinstance(remediation, str)
            else enumerated([[step] for step in remediation])
        )
        retry = ["Yes" if error["retryable"] else "No"] + (
            ["", error["backoff"]] if error.get("backoff") else []
        )
        rows.append(
            [
                [literal(error["code"])],
                [str(error["http_status"])],
                [literal(error["message"])],
                [error["cause"]],
                remedy,
                retry,
            ]
        )
    lines += list_table(
        "Errors",
        [14, 8, 18, 22, 26, 12],
        ["Code", "HTTP status", "Message", "Cause", "Remediation", "Retry"],
        rows,
    )
    return lines


def state_transitions(
    integration: str, data: dict[str, Any], diagrams: bool
) -> list[str]:
    lines: list[str] = graphviz(data) if diagrams else []
    for state in data["states"]:
        lines += object_lines(integration, "state", "state", state["name"])
    states = [
        [[literal(state["name"])], [state["description"]]] for state in data["states"]
    ]
    lines += list_table("States", [30, 70], ["State", "Description"], states)
    events = dict.fromkeys(t["event"] for t in data["transitions"])
    for event in events:
        lines += object_lines(integration, "event", "event", event)
    rows = [
        [
            [literal(t["from"])],
            [literal(t["event"])],
            [literal(t["to"])],
            [t["action"]],
        ]
        for t in data["transitions"]
    ]
    lines += list_table(
        "State transitions", [20, 24, 20, 36], ["From", "Event", "To", "Action"], rows
    )
    return lines


def graphviz(data: dict[str, Any]) -> list[str]:
    """Return a ``graphviz`` directive drawing the same state machine."""
    body = [
        "digraph states {",
        "rankdir=LR;",
        '"__start" [shape=point];',
        f'"__start" -> "{data["initial"]}";',
    ]
    for state in data["states"]:
        shape = "doublecircle" if state.get("terminal") else "circle"
        body.append(f'"{state["name"]}" [shape={shape}];')
    for t in data["transitions"]:
        body.append(f'"{t["from"]}" -> "{t["to"]}" [label="{t["event"]}"];')
    body.append("}")
    return [".. graphviz::", "   :caption: State diagram", "", *indent(body, 3), ""]


def test_script(integration: str, data: dict[str, Any], diagrams: bool) -> list[str]:
    lines = [
        ".. rubric:: Test script",
        "",
        f":download:`Download the script <{integration}-test.sh>`",
        "",
    ]
    if data.get("setup"):
        lines += ["**Setup**", "", *code_block(data["setup"], data["language"])]
    for case in data["cases"]:
        expect = [
            f"{key}: {literal(str(value))}" for key, value in case["expect"].items()
        ]
        lines += [
            f"**{case['name']}** ({case['kind']})",
            "",
            *code_block(case["script"], data["language"]),
            "Expected:",
            "",
            *bullets(expect),
            "",
        ]
    return lines


def test_script_file(data: dict[str, Any]) -> str:
    """Return the whole script that the download link offers."""
    parts = [data.get("setup", "")] + [case["script"] for case in data["cases"]]
    return "\n".join(parts)


def field_map(integration: str, data: dict[str, Any], diagrams: bool) -> list[str]:
    rows = []
    for mapping in data["mappings"]:
        via = [literal(mapping["via"])] if mapping.get("via") else []
        rows.append(
            [
                [literal(mapping["source"])],
                via,
                [literal(mapping["target"])],
                ["Yes" if mapping["required"] else "No"],
                [mapping["transform"]],
                [mapping["notes"]],
            ]
        )
    headers = [
        data["columns"]["source"],
        "Via",
        data["columns"]["target"],
        "Required",
        "Transform",
        "Notes",
    ]
    return list_table("Field mappings", [20, 18, 20, 10, 24, 26], headers, rows)


def content_rules(integration: str, data: dict[str, Any], diagrams: bool) -> list[str]:
    """Return the scope paragraph and the rules table, examples as labelled lines."""
    rows = []
    for rule in data["rules"]:
        examples = []
        if rule.get("avoid"):
            examples += [f"**Avoid:** {rule['avoid']}", ""]
        if rule.get("prefer"):
            examples += [f"**Prefer:** {rule['prefer']}"]
        rows.append([[rule["content"]], [rule["reason"]], [rule["instead"]], examples])
    headers = ["Never include", "Why", "Write instead", "Examples"]
    table = list_table("Content rules", [26, 30, 26, 30], headers, rows)
    return [data["scope"], "", *table]


SECTIONS: dict[str, Section] = {
    "prerequisites": prerequisites,
    "auth-flow": auth_flow,
    "env-matrix": env_matrix,
    "error-map": error_map,
    "state-transitions": state_transitions,
    "test-script": test_script,
    "field-map": field_map,
    "content-rules": content_rules,
}
