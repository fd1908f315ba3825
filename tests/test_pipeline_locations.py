"""Where the pipeline's warnings point: fields, fragments, bodies without data.

One project in reST and MyST is built once for the whole module.
"""

from __future__ import annotations

import pytest

from conftest import build_root

KEYS = "backoff, cause, code, docs, http_status, message, remediation, retryable"

EXPECTED = [
    'markdown.md:7: WARNING: Unknown interpreted text role "unknownrole". '
    "[myst.role_unknown]",
    "fragments/part.md:7: WARNING: error-map: errors[0].remedy: unknown key "
    f"'remedy'; remove it. Valid keys: {KEYS} [integration_guides.schema]",
    "fragments/part.md:5: WARNING: error-map: errors[0]: missing required field "
    "'remediation'; add it [integration_guides.schema]",
    'prose.rst:9: ERROR: Unknown interpreted text role "unknownrole". [docutils]',
    "fragments/part.inc:7: WARNING: Inline interpreted text or phrase reference "
    "start-string without end-string. [docutils]",
    'fragments/prose.yaml:4: ERROR: Unknown interpreted text role "otherrole". '
    "[docutils]",
]


@pytest.fixture(scope="module")
def warnings(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    _app, found = build_root(tmp_path_factory.mktemp("locations"), "pipeline-locations")
    return found


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda text: text.split(": ")[0])
def test_expected_warning(warnings: list[str], expected: str) -> None:
    assert expected in warnings


def test_no_other_warnings(warnings: list[str]) -> None:
    assert [line for line in warnings if line not in EXPECTED] == []
