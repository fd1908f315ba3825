"""Two integrations sharing codes, events, states and variables, in reST and MyST.

``object-list`` is a test-only directive: it declares guide objects of any
type through the same ``declare_object`` call the shipped directives use.
"""

from typing import Any, ClassVar

from docutils import nodes

from sphinx_integration_guides.directives.base import GuideDirective, declare_object

extensions = ["sphinx_integration_guides", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
integration_guides_integrations = {"twilio-sms": {"title": "Twilio SMS"}}
exclude_patterns = ["_build"]


class ObjectList(GuideDirective):
    """Declare ``{objtype: [name, ...]}`` as guide objects, one paragraph each."""

    name = "object-list"
    default_title = "Objects"
    schema_data: ClassVar[dict[str, Any]] = {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    }

    def schema(self) -> dict[str, Any]:
        return self.schema_data

    def render(self, data: dict[str, Any]) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for objtype, names in data.items():
            for index, name in enumerate(names):
                _anchor, marks = declare_object(self, objtype, name, (objtype, index))
                result.append(
                    nodes.paragraph("", "", *marks, nodes.literal(name, name))
                )
        return result


def setup(app: Any) -> None:
    app.add_directive(ObjectList.name, ObjectList)
