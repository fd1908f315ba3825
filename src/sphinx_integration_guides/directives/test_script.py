"""``test-script``: a script that proves the integration works, case by case."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_integration_guides import downloads, highlighting, scriptfile
from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.directives.base import GuideDirective
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.scriptfile import Case, Expectation

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.manpage import ManualPageTranslator


@dataclass(frozen=True)
class TestScript:
    """The validated data of one ``test-script`` block."""

    language: str
    setup: str
    cases: list[Case]
    filename: str = ""


def _texts(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def build_expectation(data: dict[str, Any]) -> Expectation:
    """Return the typed form of a case's ``expect`` mapping."""
    return Expectation(
        status=data.get("status"),
        exit_code=data.get("exit_code"),
        contains=_texts(data.get("contains")),
        not_contains=_texts(data.get("not_contains")),
        output=data.get("output"),
        headers=dict(data.get("headers", {})),
        json=data.get("json"),
        has_json="json" in data,
    )


def _visit_man_container(self: ManualPageTranslator, node: nodes.container) -> None:
    """Put vertical space before a case in a manual page.

    The man writer spaces a paragraph from the text before it only when the
    paragraph is not its parent's first child. A case's heading is the first
    child of the case, so without this it would run on from the line before:
    the script file's name, or the last expected result of the case before.
    """
    if "ig-case" in node["classes"]:
        self.ensure_eol()
        self.body.append(".sp\n")


def _depart_man_container(self: ManualPageTranslator, node: nodes.container) -> None:
    pass


class TestScriptDirective(GuideDirective):
    """Render test cases with their kind, code and expected result, plus a download."""

    name = "test-script"
    default_title = "Test script"

    @classmethod
    def register(cls, app: Sphinx) -> None:
        super().register(app)
        downloads.setup(app)
        # docutils' man writer does nothing for a container; this handler
        # does the same, except that it starts a case on a line of its own.
        app.add_node(nodes.container, override=True,
                     man=(_visit_man_container, _depart_man_container))

    def build_model(self, data: dict[str, Any]) -> TestScript:
        cases = [
            Case(item["name"], item["kind"], item["script"],
                 build_expectation(item.get("expect", {})), ("cases", index),
                 item.get("description", ""))
            for index, item in enumerate(data["cases"])
        ]
        return TestScript(data["language"], data.get("setup", ""), cases,
                          data.get("filename", ""))

    def render(self, model: TestScript) -> list[nodes.Node]:
        language = highlighting.checked_language(self, model.language, ("language",))
        self._check_kinds(model)
        children: list[nodes.Node] = [self._download(model, language)]
        if model.setup:
            label = _("Setup, run before each case:")
            children.append(nodes.paragraph(label, label, classes=["ig-setup-label"]))
            children.append(self._code(model.setup, language))
        for case in model.cases:
            children.append(self._case(case, language))
        return [self.titled_block(children)]

    def _check_kinds(self, model: TestScript) -> None:
        kinds = {case.kind for case in model.cases}
        for kind in ("success", "error"):
            if kind in kinds:
                continue
            self.warn(Subtype.TEST,
                      f"test-script: cases has no {kind} case (kind: {kind}); add one "
                      "so the script proves both the happy path and a failure",
                      ("cases",))

    # -- download --------------------------------------------------------------

    def _download(self, model: TestScript, language: str) -> nodes.paragraph:
        text = scriptfile.assemble(self.title_text(), model.language, model.setup,
                                   model.cases)
        filename = model.filename or self._default_filename(model.language)
        domain = downloads.downloads_domain(self.env)
        generated = domain.add_file(self.env.docname, filename, text)
        return downloads.placeholder(generated, language)

    def _default_filename(self, language: str) -> str:
        base = self.env.docname.rsplit("/", 1)[-1].lower()
        slug = re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "guide"
        return f"{slug}-tests{scriptfile.file_extension(language)}"

    # -- cases -----------------------------------------------------------------

    def _code(self, code: str, language: str) -> nodes.literal_block:
        # The language was checked once for the whole block; "none" stays quiet.
        return highlighting.code_block(self, code, language, ("language",))

    def _case(self, case: Case, language: str) -> nodes.container:
        badge_text = case.badge()
        badge = nodes.inline(badge_text, badge_text,
                             classes=["ig-badge", f"ig-badge-{case.kind}"])
        heading = nodes.paragraph("", "", nodes.strong(case.name, case.name),
                                  nodes.Text(" "), badge, classes=["ig-case-title"])
        # A case name is literal text: Sphinx must not turn its quotes into
        # typographic ones.
        heading["support_smartquotes"] = False
        children: list[nodes.Node] = [heading]
        if case.description:
            children.append(self.paragraph(case.description,
                                           (*case.path, "description")))
        children.append(self._code(case.script, language))
        children.extend(self._expectation(case.expect))
        children.extend(self.extra_paragraphs(case.path))
        container = nodes.container("", *children,
                                    classes=["ig-case", f"ig-case-{case.kind}"])
        self.set_source_info(container)
        return container

    def _expectation(self, expect: Expectation) -> list[nodes.Node]:
        items = expect.items()
        if not items:
            return []
        label = _("A passing run shows:")
        listing = nodes.bullet_list(classes=["ig-expect"])
        plain = items[:-1] if expect.has_json else items
        for item in plain:
            # A literal keeps expected text exact: no smart quotes, no markup.
            text = nodes.paragraph("", "", nodes.Text(f"{item.label} "),
                                   nodes.literal(item.value, item.value))
            listing += nodes.list_item("", text)
        if expect.has_json:
            body = json.dumps(expect.json, indent=2, ensure_ascii=False)
            word = _("a JSON body that includes:")
            block = nodes.literal_block(body, body, language="json")
            block["force"] = True
            listing += nodes.list_item("", nodes.paragraph(word, word), block)
        return [nodes.paragraph(label, label, classes=["ig-expect-label"]), listing]
