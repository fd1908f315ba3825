"""The guide directives, one module each, registered by :func:`setup`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_integration_guides.directives.auth_flow import AuthFlowDirective
from sphinx_integration_guides.directives.content_rules import ContentRulesDirective
from sphinx_integration_guides.directives.env_matrix import EnvMatrixDirective
from sphinx_integration_guides.directives.error_map import ErrorMapDirective
from sphinx_integration_guides.directives.field_map import FieldMapDirective
from sphinx_integration_guides.directives.prerequisites import PrerequisitesDirective
from sphinx_integration_guides.directives.state_transitions import (
    StateTransitionsDirective,
)
from sphinx_integration_guides.directives.test_script import TestScriptDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_integration_guides.directives.base import GuideDirective

DIRECTIVES: tuple[type[GuideDirective], ...] = (
    ErrorMapDirective,
    FieldMapDirective,
    StateTransitionsDirective,
    TestScriptDirective,
    PrerequisitesDirective,
    AuthFlowDirective,
    EnvMatrixDirective,
    ContentRulesDirective,
)

#: Every directive name, which is also the name of its schema file.
DIRECTIVE_NAMES = tuple(directive.name for directive in DIRECTIVES)


def setup(app: Sphinx) -> None:
    for directive in DIRECTIVES:
        directive.register(app)
