"""Configuration values, declared with types and validated at config-inited."""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sphinx_integration_guides.diagnostics import Problem, Subtype, emit
from sphinx_integration_guides.text import describe_value

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Remediations that count as generic advice, compared whole and without case.
DEFAULT_GENERIC_REMEDIATIONS = [
    "check your api key",
    "check the api key",
    "check your credentials",
    "check the credentials",
    "check your configuration",
    "check the configuration",
    "check the logs",
    "check the request",
    "retry",
    "retry the request",
    "retry later",
    "try again",
    "try again later",
    "contact support",
    "contact the administrator",
    "contact your administrator",
    "fix the request",
    "see the documentation",
    "read the documentation",
]

DIAGRAM_MODES = ("auto", "always", "never")

#: name -> (default, rebuild, types)
CONFIG_VALUES: dict[str, tuple[Any, Literal["env"], tuple[type, ...]]] = {
    "integration_guides_schema_extensions": ({}, "env", (dict,)),
    "integration_guides_environments": ([], "env", (list, tuple)),
    "integration_guides_generic_remediations": (
        DEFAULT_GENERIC_REMEDIATIONS,
        "env",
        (list, tuple),
    ),
    "integration_guides_diagrams": ("auto", "env", (str,)),
    "integration_guides_url_schemes": (
        ["http", "https", "mailto"],
        "env",
        (list, tuple),
    ),
    "integration_guides_integrations": ({}, "env", (dict,)),
}

_STRING_LISTS = (
    "integration_guides_environments",
    "integration_guides_generic_remediations",
    "integration_guides_url_schemes",
)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*")
#: URL schemes that run code or read the reader's own files when followed.
UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")


def setup(app: Sphinx) -> None:
    for name, (default, rebuild, types) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
    # Before Sphinx's own type check (priority 800), so that a value reset
    # here is not reported a second time without a warning type.
    app.connect("config-inited", validate_config, priority=400)


def validate_config(app: Sphinx, config: Config) -> None:
    """Warn about invalid values and fall back to the default for each one."""
    conf_py = Path(app.confdir) / "conf.py" if app.confdir else None
    for problem in check_config(config, conf_py):
        emit(problem)


def check_config(config: Config, conf_py: Path | None = None) -> list[Problem]:
    """Check every config value, resetting an invalid one to its default.

    Each problem points at the line of ``conf_py`` that assigns the value,
    when there is one. Usable without a Sphinx application: pass any object
    with the config attributes.
    """
    messages: list[str] = []
    for name in _STRING_LISTS:
        messages.extend(_check_string_list(config, name))
    messages.extend(_check_url_schemes(config))
    messages.extend(_check_diagrams(config))
    messages.extend(_check_integrations(config))
    messages.extend(_check_schema_extensions(config))
    return [_locate(message, conf_py) for message in messages]


def _locate(message: str, conf_py: Path | None) -> Problem:
    """Place a config problem at the line of conf.py that assigns the value.

    Sphinx reads a location without a line as a document name, so a value
    that conf.py does not assign (an override) gets no location.
    """
    name = message.split(":", 1)[0]
    try:
        text = conf_py.read_text(encoding="utf-8") if conf_py else ""
    except OSError:
        text = ""
    assignment = re.search(rf"^{re.escape(name)}\s*[:=]", text, re.MULTILINE)
    if assignment is None:
        return Problem(Subtype.CONFIG, message)
    line = text.count("\n", 0, assignment.start()) + 1
    return Problem(Subtype.CONFIG, message, str(conf_py), line)


def _reset(config: Config, name: str) -> None:
    setattr(config, name, copy.deepcopy(CONFIG_VALUES[name][0]))


def _check_string_list(config: Config, name: str) -> list[str]:
    value = getattr(config, name)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return []
    _reset(config, name)
    if isinstance(value, list | tuple):
        wrong = next(v for v in value if not isinstance(v, str))
        found = f"an item {describe_value(wrong)} of type {type(wrong).__name__}"
    else:
        found = f"{describe_value(value)} of type {type(value).__name__}"
    return [f"{name}: expected a list of strings, got {found}; using the default"]


def _check_url_schemes(config: Config) -> list[str]:
    name = "integration_guides_url_schemes"
    schemes = config.integration_guides_url_schemes
    invalid = [s for s in schemes if not _SCHEME.fullmatch(s)]
    if invalid:
        _reset(config, name)
        return [
            f"{name}: {describe_value(invalid[0])} is not a URL scheme; write names "
            "such as 'https' in lower case, without ':'; using the default"
        ]
    unsafe = [s for s in schemes if s in UNSAFE_SCHEMES]
    config.integration_guides_url_schemes = [
        s for s in schemes if s not in UNSAFE_SCHEMES
    ]
    return [
        f"{name}: '{scheme}' links can run code or read local files in the "
        "reader's browser, so they are never allowed; ignoring it"
        for scheme in unsafe
    ]


def _check_diagrams(config: Config) -> list[str]:
    name = "integration_guides_diagrams"
    mode = config.integration_guides_diagrams
    if isinstance(mode, str) and mode in DIAGRAM_MODES:
        return []
    _reset(config, name)
    return [
        f"{name}: {describe_value(mode)} is not allowed; use one of: "
        f"{', '.join(DIAGRAM_MODES)}; using 'auto'"
    ]


def _check_integrations(config: Config) -> list[str]:
    from sphinx_integration_guides.integrations import NAME_PATTERN

    name = "integration_guides_integrations"
    value = config.integration_guides_integrations
    if not isinstance(value, dict):
        _reset(config, name)
        return [
            f"{name}: expected a mapping of integration names to titles, got "
            f"{describe_value(value)}; using the default"
        ]
    problems = []
    cleaned = {}
    for key, meta in value.items():
        if not isinstance(key, str) or not NAME_PATTERN.fullmatch(key):
            problems.append(
                f"{name}: {describe_value(key)} is not a valid integration name; use "
                "lower-case letters, digits and hyphens, starting with a letter or "
                "digit; ignoring it"
            )
            continue
        if isinstance(meta, str):
            meta = {"title": meta}
        if not isinstance(meta, dict) or not isinstance(meta.get("title", ""), str):
            problems.append(
                f"{name}: the entry for '{key}' must be a title or a mapping with a "
                "'title' string; ignoring it"
            )
            continue
        cleaned[key] = meta
    config.integration_guides_integrations = cleaned
    return problems


def _check_schema_extensions(config: Config) -> list[str]:
    from sphinx_integration_guides.directives import DIRECTIVE_NAMES

    name = "integration_guides_schema_extensions"
    value = config.integration_guides_schema_extensions
    if not isinstance(value, dict):
        _reset(config, name)
        return [
            f"{name}: expected a mapping of directive names to JSON Schema "
            f"fragments, got {describe_value(value)}; using the default"
        ]
    problems = []
    valid = {}
    for directive, fragment in value.items():
        if directive not in DIRECTIVE_NAMES:
            close = difflib.get_close_matches(str(directive), DIRECTIVE_NAMES, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                f"{name}: {describe_value(directive)} is not a directive of this "
                f"extension; {hint}use one of: {', '.join(DIRECTIVE_NAMES)}; "
                "ignoring it"
            )
            continue
        reason = _extension_problem(directive, fragment)
        if reason:
            problems.append(f"{name}: the extension for '{directive}' {reason}")
            continue
        valid[directive] = fragment
    config.integration_guides_schema_extensions = valid
    return problems


def _extension_problem(directive: str, fragment: Any) -> str | None:
    from sphinx_integration_guides.validation import (
        check_schema,
        extend_schema,
        shipped_schema,
    )

    if not isinstance(fragment, dict):
        return (
            f"must be a JSON Schema mapping, got {describe_value(fragment)}; "
            "ignoring it"
        )
    reason = check_schema(extend_schema(shipped_schema(directive), fragment))
    if reason:
        return f"makes an invalid schema: {reason}; ignoring it"
    return None
