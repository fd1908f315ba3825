"""Configuration values, declared with types and validated at config-inited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_integration_guides.diagnostics import Problem, Subtype, emit

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
CONFIG_VALUES: dict[str, tuple[Any, str, tuple[type, ...]]] = {
    "integration_guides_schema_extensions": ({}, "env", (dict,)),
    "integration_guides_environments": ([], "env", (list, tuple)),
    "integration_guides_generic_remediations": (
        DEFAULT_GENERIC_REMEDIATIONS,
        "env",
        (list, tuple),
    ),
    "integration_guides_diagrams": ("auto", "env", (str,)),
    "integration_guides_url_schemes": (["http", "https", "mailto"], "env", (list, tuple)),
    "integration_guides_integrations": ({}, "env", (dict,)),
}


def setup(app: Sphinx) -> None:
    for name, (default, rebuild, types) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
    app.connect("config-inited", validate_config, priority=400)


def _config_problem(name: str, message: str) -> Problem:
    return Problem(Subtype.CONFIG, f"{name}: {message}", None, None)


def validate_config(app: Sphinx, config: Config) -> None:
    """Warn about invalid values and fall back to the default for each one."""
    for problem in check_config(config):
        emit(problem)


def check_config(config: Config) -> list[Problem]:
    """Check every config value, resetting an invalid one to its default."""
    problems: list[Problem] = []
    for name in ("integration_guides_environments", "integration_guides_url_schemes",
                 "integration_guides_generic_remediations"):
        value = getattr(config, name)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            problems.append(_config_problem(
                name, f"expected a list of strings, got {type(value).__name__}; "
                "using the default"))
            setattr(config, name, CONFIG_VALUES[name][0])
    mode = config.integration_guides_diagrams
    if mode not in DIAGRAM_MODES:
        problems.append(_config_problem(
            "integration_guides_diagrams",
            f"'{mode}' is not allowed; use one of: {', '.join(DIAGRAM_MODES)}; "
            "using 'auto'"))
        config.integration_guides_diagrams = "auto"
    problems.extend(_check_integrations(config))
    problems.extend(_check_schema_extensions(config))
    return problems


def _check_integrations(config: Config) -> list[Problem]:
    from sphinx_integration_guides.integrations import NAME_PATTERN

    name = "integration_guides_integrations"
    value = config.integration_guides_integrations
    problems = []
    cleaned = {}
    for key, meta in value.items() if isinstance(value, dict) else ():
        if not isinstance(key, str) or not NAME_PATTERN.fullmatch(key):
            problems.append(_config_problem(
                name, f"'{key}' is not a valid integration name; use lower-case "
                "letters, digits and hyphens, starting with a letter or digit"))
            continue
        if isinstance(meta, str):
            meta = {"title": meta}
        if not isinstance(meta, dict) or not isinstance(meta.get("title", ""), str):
            problems.append(_config_problem(
                name, f"the entry for '{key}' must be a mapping with a 'title' string"))
            continue
        cleaned[key] = meta
    config.integration_guides_integrations = cleaned
    return problems


def _check_schema_extensions(config: Config) -> list[Problem]:
    from sphinx_integration_guides.directives import DIRECTIVE_NAMES
    from sphinx_integration_guides.validation import check_schema, extend_schema, shipped_schema

    name = "integration_guides_schema_extensions"
    problems = []
    valid = {}
    for directive, fragment in config.integration_guides_schema_extensions.items():
        if directive not in DIRECTIVE_NAMES:
            problems.append(_config_problem(
                name, f"'{directive}' is not a directive of this extension; use one "
                f"of: {', '.join(DIRECTIVE_NAMES)}"))
            continue
        if not isinstance(fragment, dict):
            problems.append(_config_problem(
                name, f"the extension for '{directive}' must be a JSON Schema "
                "mapping; ignoring it"))
            continue
        merged = extend_schema(shipped_schema(directive), fragment)
        reason = check_schema(merged)
        if reason:
            problems.append(_config_problem(
                name, f"the extension for '{directive}' makes an invalid schema: "
                f"{reason}; ignoring it"))
            continue
        valid[directive] = fragment
    config.integration_guides_schema_extensions = valid
    return problems
