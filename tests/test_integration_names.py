"""Integration names that pages without the field take from their names."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_root
from sphinx_integration_guides.integrations import name_from_docname


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        ("guides/Stripe", "guides-stripe"),
        ("a_b", "a-b"),
        ("a-b", "a-b"),
        ("Über", "ber"),
        ("___", "index"),
    ],
)
def test_document_name_becomes_integration_name(docname: str, expected: str) -> None:
    assert name_from_docname(docname) == expected


def test_duplicate_names_derived_integration(
    tmp_path: Path,
) -> None:
    _app, warnings = build_root(tmp_path, "derived-integration", buildername="dummy")
    prefix = (
        "WARNING: error code 'E1' of integration 'a-b' is already declared at "
        "a-b.rst:7; remove one of the declarations or move this page to another "
        "integration"
    )
    assert warnings == [
        f"a_b.rst:7: {prefix} (both pages have no :integration: field, so the name "
        "'a-b' comes from their document names; set :integration: to keep them "
        "apart) [integration_guides.duplicate]",
        f"declared.rst:9: {prefix} (a-b.rst has no :integration: field, so the "
        "name 'a-b' comes from its document name; set :integration: to keep the "
        "pages apart) [integration_guides.duplicate]",
    ]
