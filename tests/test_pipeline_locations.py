"""Where the pipeline's warnings point: fields, fragments, bodies without data.

One project in reST and MyST is built once for the whole module.
"""

from __future__ import annotations

from pathlib import Path

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
    "comments.rst:6: WARNING: error-map: no data, only YAML comments; write YAML "
    "in the body or name a file with :file: [integration_guides.yaml]",
    "large.rst:6: WARNING: error-map: the data is larger than the limit of 1024 "
    "KiB; split it into several directives or files [integration_guides.yaml]",
    "markdown.md:13: WARNING: error-map: unknown option ':fiel:'; did you mean "
    "':file:'? [integration_guides.option]",
    "markdown.md:20: WARNING: prerequisites: unknown option ':accounts:'; MyST "
    "reads the lines between a body's first two '---' lines as the directive's "
    "options, not as data; remove the '---' lines, or put the data in the body "
    "after them [integration_guides.option]",
]


def _add_large_body(srcdir: Path) -> None:
    """Write a page whose body is over the size limit, in one long line."""
    cause = "x" * (1024 * 1024)
    (srcdir / "large.rst").write_text(
        "Large\n=====\n\nText.\n\n.. error-map::\n\n   errors:\n"
        f"     - code: L1\n       cause: {cause}\n       remediation: Fix\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def warnings(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    base = tmp_path_factory.mktemp("locations")
    _app, found = build_root(base, "pipeline-locations", prepare=_add_large_body)
    return found


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda text: text.split(": ")[0])
def test_expected_warning(warnings: list[str], expected: str) -> None:
    assert expected in warnings


def test_no_other_warnings(warnings: list[str]) -> None:
    assert [line for line in warnings if line not in EXPECTED] == []
