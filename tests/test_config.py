"""Config values, schema extensions from conf.py, warning types, setup()."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.testing.util import SphinxTestApp

import sphinx_integration_guides
from conftest import build_root
from sphinx_integration_guides.config import (
    CONFIG_VALUES,
    DEFAULT_GENERIC_REMEDIATIONS,
    check_config,
)
from sphinx_integration_guides.diagnostics import SUBTYPE_DESCRIPTIONS, Subtype
from sphinx_integration_guides.directives import DIRECTIVE_NAMES

README = Path(__file__).parent.parent / "README.md"
KEYS = "backoff, cause, code, docs, http_status, message, remediation, retryable"

EXTENSION = {
    "error-map": {
        "properties": {
            "errors": {
                "items": {
                    "required": ["http_status"],
                    "properties": {
                        "owner": {"type": "string"},
                        "code": {"enum": ["A1", "B1"]},
                    },
                }
            }
        }
    }
}

MISSING = (
    "index.rst:13: WARNING: error-map: :file: 'missing.yaml' not found (looked for "
    "'missing.yaml' in the source directory); paths are relative to the document, or "
    "to the source directory when they start with '/' [integration_guides.file]"
)
COLOUR = (
    "index.rst:22: WARNING: error-map: errors[0].colour: unknown key 'colour'; remove "
    f"it. Valid keys: {KEYS} [integration_guides.schema]"
)
COLOUR_EXTENDED = COLOUR.replace("message, remediation", "message, owner, remediation")


def config_of(**values: object) -> SimpleNamespace:
    defaults = {name: default for name, (default, _, _) in CONFIG_VALUES.items()}
    return SimpleNamespace(**{**defaults, **values})


def messages(config: SimpleNamespace) -> list[str]:
    problems = check_config(config)  # type: ignore[arg-type]
    assert all(problem.subtype is Subtype.CONFIG for problem in problems)
    assert all(problem.location is None for problem in problems)
    return [problem.message for problem in problems]


def test_defaults_are_valid() -> None:
    assert messages(config_of()) == []


def test_environments_not_a_list() -> None:
    config = config_of(integration_guides_environments="prod")
    assert messages(config) == [
        "integration_guides_environments: expected a list of strings, got 'prod' of "
        "type str; using the default"
    ]
    assert config.integration_guides_environments == []


def test_remediations_with_number() -> None:
    config = config_of(integration_guides_generic_remediations=["retry", 3])
    assert messages(config) == [
        "integration_guides_generic_remediations: expected a list of strings, got an "
        "item 3 of type int; using the default"
    ]
    assert (
        config.integration_guides_generic_remediations == DEFAULT_GENERIC_REMEDIATIONS
    )


def test_url_scheme_with_colon() -> None:
    config = config_of(integration_guides_url_schemes=["https", "ftp:"])
    assert messages(config) == [
        "integration_guides_url_schemes: 'ftp:' is not a URL scheme; write names such "
        "as 'https' in lower case, without ':'; using the default"
    ]
    assert config.integration_guides_url_schemes == ["http", "https", "mailto"]


def test_url_schemes_that_run_code(tmp_path: Path) -> None:
    def prepare(srcdir: Path) -> None:
        conf = srcdir / "conf.py"
        schemes = '["javascript", "https", "data", "vbscript", "file"]'
        conf.write_text(
            conf.read_text(encoding="utf-8")
            + f"integration_guides_url_schemes = {schemes}\n",
            encoding="utf-8",
        )
        (srcdir / "index.rst").write_text(
            "T\n=\n\n.. prerequisites::\n\n   accounts:\n     - name: a\n"
            "       url: javascript:alert(1)\n",
            encoding="utf-8",
        )

    app, warnings = build_root(tmp_path, "pipeline-extend", prepare=prepare)
    conf_line = (app.srcdir / "conf.py").read_text(encoding="utf-8").count("\n")
    assert warnings[:4] == [
        f"conf.py:{conf_line}: WARNING: integration_guides_url_schemes: '{scheme}' "
        "links can run code or read local files in the reader's browser, so they "
        "are never allowed; ignoring it [integration_guides.config]"
        for scheme in ("javascript", "data", "vbscript", "file")
    ]
    assert app.config.integration_guides_url_schemes == ["https"]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript' not in html


def test_diagrams_mode() -> None:
    config = config_of(integration_guides_diagrams="sometimes")
    assert messages(config) == [
        "integration_guides_diagrams: 'sometimes' is not allowed; use one of: auto, "
        "always, never; using 'auto'"
    ]
    assert config.integration_guides_diagrams == "auto"


def test_integrations_entries() -> None:
    config = config_of(
        integration_guides_integrations={
            "stripe": "Stripe",
            "Bad Name": "x",
            "okta": {"title": 3},
            "twilio": {"title": "Twilio", "vendor": "Twilio Inc."},
        }
    )
    assert messages(config) == [
        "integration_guides_integrations: 'Bad Name' is not a valid integration name; "
        "use lower-case letters, digits and hyphens, starting with a letter or digit; "
        "ignoring it",
        "integration_guides_integrations: the entry for 'okta' must be a title or a "
        "mapping with a 'title' string; ignoring it",
    ]
    assert config.integration_guides_integrations == {
        "stripe": {"title": "Stripe"},
        "twilio": {"title": "Twilio", "vendor": "Twilio Inc."},
    }


def test_integrations_not_a_mapping() -> None:
    config = config_of(integration_guides_integrations=["stripe"])
    assert messages(config) == [
        "integration_guides_integrations: expected a mapping of integration names to "
        "titles, got a list; using the default"
    ]


def test_extension_unknown_directive() -> None:
    config = config_of(integration_guides_schema_extensions={"error-maps": {}})
    assert messages(config) == [
        "integration_guides_schema_extensions: 'error-maps' is not a directive of this "
        f"extension; did you mean 'error-map'? use one of: "
        f"{', '.join(DIRECTIVE_NAMES)}; "
        "ignoring it"
    ]
    assert config.integration_guides_schema_extensions == {}


def test_extension_invalid_schema() -> None:
    config = config_of(
        integration_guides_schema_extensions={
            "error-map": {"properties": {"errors": {"type": "lists"}}},
        }
    )
    assert messages(config) == [
        "integration_guides_schema_extensions: the extension for 'error-map' makes an "
        "invalid schema: 'lists' is not valid under any of the given schemas (at "
        "properties.errors.type); ignoring it"
    ]
    assert config.integration_guides_schema_extensions == {}


def test_extension_not_a_mapping() -> None:
    config = config_of(integration_guides_schema_extensions={"error-map": ["x"]})
    assert messages(config) == [
        "integration_guides_schema_extensions: the extension for 'error-map' must be a "
        "JSON Schema mapping, got a list; ignoring it"
    ]


def test_extensions_not_a_mapping() -> None:
    config = config_of(integration_guides_schema_extensions="error-map")
    assert messages(config) == [
        "integration_guides_schema_extensions: expected a mapping of directive names "
        "to JSON Schema fragments, got 'error-map'; using the default"
    ]


def test_two_apps_keep_their_schemas(tmp_path: Path) -> None:
    _, extended = build_root(
        tmp_path / "one",
        "pipeline-extend",
        confoverrides={"integration_guides_schema_extensions": EXTENSION},
    )
    _, plain = build_root(tmp_path / "two", "pipeline-extend")
    _, again = build_root(
        tmp_path / "three",
        "pipeline-extend",
        confoverrides={"integration_guides_schema_extensions": EXTENSION},
    )
    extended_expected = [
        "index.rst:8: WARNING: error-map: errors[0]: missing required field "
        "'http_status'; add it [integration_guides.schema]",
        MISSING,
        "index.rst:19: WARNING: error-map: errors[0]: missing required field "
        "'http_status'; add it [integration_guides.schema]",
        COLOUR_EXTENDED,
    ]
    assert sorted(extended) == sorted(extended_expected)
    assert sorted(plain) == [
        "index.rst:11: WARNING: error-map: errors[0].owner: unknown key 'owner'; "
        f"remove it. Valid keys: {KEYS} [integration_guides.schema]",
        MISSING,
        COLOUR,
    ]
    assert sorted(again) == sorted(extended_expected)


def test_extension_restricts_enum(tmp_path: Path) -> None:
    extension = {
        "error-map": {
            "properties": {
                "errors": {
                    "items": {
                        "properties": {
                            "code": {"enum": ["Z9"]},
                            "owner": {"type": "string"},
                        },
                    }
                }
            }
        }
    }
    _, warnings = build_root(
        tmp_path,
        "pipeline-extend",
        confoverrides={"integration_guides_schema_extensions": extension},
    )
    assert warnings[0] == (
        "index.rst:8: WARNING: error-map: errors[0].code: 'A1' is not allowed; use one "
        "of: Z9 [integration_guides.schema]"
    )


def test_invalid_extension_warns_once(tmp_path: Path) -> None:
    extension = {"error-map": {"required": "owner"}, "prereqs": {}}
    _, warnings = build_root(
        tmp_path,
        "pipeline-extend",
        confoverrides={"integration_guides_schema_extensions": extension},
    )
    config_lines = [line for line in warnings if "[integration_guides.config]" in line]
    assert len(config_lines) == 2
    assert config_lines[0].startswith(
        "WARNING: integration_guides_schema_extensions: the extension for "
        "'error-map' makes an invalid schema: 'owner' is not of type 'array'"
    )
    assert config_lines[1].startswith(
        "WARNING: integration_guides_schema_extensions: 'prereqs' is not a "
        "directive of this extension"
    )
    # The shipped schema applies: the unknown key is the only schema warning.
    assert [line for line in warnings if "[integration_guides.schema]" in line] == [
        "index.rst:11: WARNING: error-map: errors[0].owner: unknown key 'owner'; "
        f"remove it. Valid keys: {KEYS} [integration_guides.schema]",
        COLOUR,
    ]


@pytest.mark.parametrize(
    ("reference", "shown"),
    [
        ("#/$defs/owner", "'#/$defs/owner'"),
        ("file:///etc/passwd", "'file:///etc/passwd'"),
    ],
)
def test_extension_reference_outside_schema(
    tmp_path: Path, reference: str, shown: str
) -> None:
    owner = {"properties": {"owner": {"$ref": reference}}}
    extension = {"error-map": {"properties": {"errors": {"items": owner}}}}
    _, warnings = build_root(
        tmp_path,
        "pipeline-extend",
        confoverrides={"integration_guides_schema_extensions": extension},
    )
    assert warnings[0] == (
        "WARNING: integration_guides_schema_extensions: the extension for "
        f"'error-map' makes an invalid schema: the reference {shown} does not point "
        "to a part of the schema; refer only to places inside it, such as "
        "'#/$defs/name'; ignoring it [integration_guides.config]"
    )
    # The build goes on with the shipped schema, which does not know 'owner'.
    assert warnings[1] == (
        "index.rst:11: WARNING: error-map: errors[0].owner: unknown key 'owner'; "
        f"remove it. Valid keys: {KEYS} [integration_guides.schema]"
    )


def test_extension_reference_inside_schema() -> None:
    owner = {"properties": {"owner": {"$ref": "#/$defs/owner"}}}
    fragment = {
        "$defs": {"owner": {"type": "string"}},
        "properties": {"errors": {"items": owner}},
    }
    config = config_of(integration_guides_schema_extensions={"error-map": fragment})
    assert messages(config) == []
    assert config.integration_guides_schema_extensions == {"error-map": fragment}


def test_schema_that_fails_while_validating_is_a_warning() -> None:
    from sphinx_integration_guides.loading import load
    from sphinx_integration_guides.validation import validate

    document, _ = load("errors: []\n", "data.yaml")
    assert document is not None
    problems = validate(document, {"$ref": "#/$defs/none"}, "error-map")
    assert [(p.subtype, p.line, p.fatal) for p in problems] == [
        (Subtype.SCHEMA, 1, True)
    ]
    assert problems[0].message.startswith("error-map: the schema cannot check this")


def _write_bad_conf(srcdir: Path) -> None:
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_integration_guides"]\n'
        "\n"
        'integration_guides_url_schemes = "https"\n'
        'integration_guides_diagrams = "sometimes"\n',
        encoding="utf-8",
    )


def test_bad_config_value_in_build(tmp_path: Path) -> None:
    _, warnings = build_root(tmp_path, "pipeline-extend", prepare=_write_bad_conf)
    assert warnings[:2] == [
        "conf.py:3: WARNING: integration_guides_url_schemes: expected a list of "
        "strings, got 'https' of type str; using the default "
        "[integration_guides.config]",
        "conf.py:4: WARNING: integration_guides_diagrams: 'sometimes' is not allowed; "
        "use one of: auto, always, never; using 'auto' [integration_guides.config]",
    ]
    assert len(warnings) == 5


@pytest.mark.parametrize(
    ("suppressed", "remaining"),
    [
        ("integration_guides.file", ["schema"]),
        ("integration_guides.schema", ["file"]),
    ],
)
def test_suppress_one_subtype(
    tmp_path: Path, suppressed: str, remaining: list[str]
) -> None:
    _, warnings = build_root(
        tmp_path, "pipeline-extend", confoverrides={"suppress_warnings": [suppressed]}
    )
    kinds = {
        re.search(r"\[integration_guides\.(\w+)\]$", line).group(1) for line in warnings
    }
    assert sorted(kinds) == remaining
    assert warnings


def test_setup_metadata(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_integration_guides"]\n', encoding="utf-8"
    )
    (tmp_path / "index.rst").write_text("Title\n=====\n", encoding="utf-8")
    app = SphinxTestApp("dummy", srcdir=tmp_path)
    try:
        extension = app.extensions["sphinx_integration_guides"]
    finally:
        app.cleanup()
    assert extension.version == sphinx_integration_guides.__version__
    assert extension.metadata["env_version"] == sphinx_integration_guides.ENV_VERSION
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True


def test_version_matches_package_metadata() -> None:
    from importlib.metadata import version

    assert version("sphinx-integration-guides") == sphinx_integration_guides.__version__


def test_every_subtype_described() -> None:
    assert set(SUBTYPE_DESCRIPTIONS) == set(Subtype)


def test_readme_lists_every_subtype() -> None:
    text = README.read_text(encoding="utf-8")
    listed = re.findall(r"^\| `integration_guides\.([a-z]+)` \|", text, re.MULTILINE)
    assert sorted(listed) == sorted(subtype.value for subtype in Subtype)
