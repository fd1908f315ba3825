"""``auth-flow``: how an integration authenticates, written once and reused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from docutils import nodes
from sphinx import addnodes

from sphinx_integration_guides.checklists import group_heading
from sphinx_integration_guides.diagnostics import Subtype
from sphinx_integration_guides.directives.base import GuideDirective
from sphinx_integration_guides.highlighting import code_block
from sphinx_integration_guides.i18n import _
from sphinx_integration_guides.loading import Path
from sphinx_integration_guides.screenshots import resolve_screenshot
from sphinx_integration_guides.tables import Cell, build_table
from sphinx_integration_guides.text import url_scheme

#: Each scheme in words, for the summary.
SCHEME_NAMES = {
    "api_key": "API key",
    "bearer_token": "Bearer token",
    "basic": "HTTP Basic authentication",
    "hmac_signature": "HMAC request signature",
    "oauth2_authorization_code": "OAuth 2.0 authorization code flow",
    "oauth2_client_credentials": "OAuth 2.0 client credentials flow",
    "oauth2_jwt_bearer": "OAuth 2.0 JWT bearer flow",
    "saml": "SAML 2.0 single sign-on",
}

#: Usual values of a credential's ``store`` in words. Other values show as written.
STORE_NAMES = {
    "env": "Environment variable",
    "secrets_manager": "Secrets manager",
    "vault": "Vault",
    "keychain": "Keychain",
    "config_file": "Configuration file",
}

#: Token lifecycle fields and their labels, in display order.
TOKEN_FIELDS = {
    "lifetime": "Lifetime",
    "refresh": "Refresh",
    "revocation": "Revocation",
}


@dataclass(frozen=True)
class Credential:
    """A secret the integration holds, and where it lives."""

    name: str
    path: Path
    store: str = ""
    rotation: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Step:
    """One numbered step of the flow."""

    title: str
    path: Path
    actor: str = ""
    action: str = ""
    request: str = ""
    code: str = ""
    language: str = "text"
    screenshot: str = ""
    alt: str = ""
    recording_time: str = ""
    notes: str = ""


@dataclass(frozen=True)
class AuthFlow:
    """A whole authentication flow."""

    scheme: str
    steps: list[Step]
    summary: str = ""
    docs: str = ""
    recording: str = ""
    credentials: list[Credential] = field(default_factory=list)
    token: dict[str, str] = field(default_factory=dict)


def _credential(entry: dict[str, Any], index: int) -> Credential:
    return Credential(
        name=entry["name"],
        path=("credentials", index),
        store=entry.get("store", ""),
        rotation=entry.get("rotation", ""),
        notes=entry.get("notes", ""),
    )


def _step(entry: dict[str, Any], index: int) -> Step:
    keys = (
        "actor",
        "action",
        "request",
        "code",
        "language",
        "screenshot",
        "alt",
        "recording_time",
        "notes",
    )
    return Step(
        title=entry["title"],
        path=("steps", index),
        **{key: entry[key] for key in keys if key in entry},
    )


class AuthFlowDirective(GuideDirective):
    """Render a summary, the credentials, the token lifecycle and numbered steps."""

    name = "auth-flow"
    default_title = "Authentication"

    def build_model(self, data: dict[str, Any]) -> AuthFlow:
        return AuthFlow(
            scheme=data["scheme"],
            steps=[_step(entry, i) for i, entry in enumerate(data["steps"])],
            summary=data.get("summary", ""),
            docs=data.get("docs", ""),
            recording=data.get("recording", ""),
            credentials=[
                _credential(e, i) for i, e in enumerate(data.get("credentials", []))
            ],
            token=dict(data.get("token", {})),
        )

    def render(self, model: AuthFlow) -> list[nodes.Node]:
        children: list[nodes.Node] = self._summary(model)
        if model.credentials:
            children += [group_heading(_("Credentials")), self._credentials(model)]
        if model.token:
            children += [group_heading(_("Token lifecycle")), self._token(model.token)]
        children += [group_heading(_("Steps")), self._steps(model)]
        return [self.titled_block(children)]

    # -- summary ---------------------------------------------------------------

    def _summary(self, model: AuthFlow) -> list[nodes.Node]:
        # A scheme a schema extension adds shows by its name.
        scheme_name = model.scheme
        if scheme_name in SCHEME_NAMES:
            scheme_name = _(SCHEME_NAMES[model.scheme])
        label = _("Scheme:")
        scheme = nodes.paragraph(
            "",
            "",
            nodes.strong(label, label),
            nodes.Text(" "),
            nodes.inline(scheme_name, scheme_name, classes=["ig-scheme"]),
            nodes.Text("."),
            classes=["ig-auth-summary"],
        )
        result: list[nodes.Node] = [scheme]
        if model.summary:
            result.append(self.paragraph(model.summary, ("summary",)))
        links = nodes.paragraph(classes=["ig-auth-links"])
        for key, label in (
            ("docs", _("Documentation:")),
            ("recording", _("Recording:")),
        ):
            url = getattr(model, key)
            if url:
                if links.children:
                    links += nodes.Text(" ")
                links += [
                    nodes.strong(label, label),
                    nodes.Text(" "),
                    self.url(url, (key,)),
                ]
        if links.children:
            result.append(links)
        return result

    def _credentials(self, model: AuthFlow) -> nodes.table:
        has_notes = any(credential.notes for credential in model.credentials)
        rows: list[list[Cell]] = []
        for credential in model.credentials:
            row: list[Cell] = [
                [nodes.literal(credential.name, credential.name)],
                _store_words(credential.store),
                self._optional_prose(
                    credential.rotation, (*credential.path, "rotation")
                ),
            ]
            if has_notes:
                row.append(
                    self._optional_prose(credential.notes, (*credential.path, "notes"))
                )
            rows.append(row)
        headers: list[Cell] = [_("Credential"), _("Stored in"), _("Rotation")]
        widths = [26, 22, 32]
        if has_notes:
            headers.append(_("Notes"))
            widths.append(28)
        paths = [credential.path for credential in model.credentials]
        self.add_extra_columns(headers, widths, rows, paths)
        table = build_table(headers, widths, rows)
        table["classes"].append("ig-credentials")
        return table

    def _token(self, token: dict[str, str]) -> nodes.field_list:
        fields = nodes.field_list(classes=["ig-token"])
        for key, label in TOKEN_FIELDS.items():
            if key in token:
                body = nodes.field_body("", self.paragraph(token[key], ("token", key)))
                fields += nodes.field("", nodes.field_name(_(label), _(label)), body)
        return fields

    def _optional_prose(self, text: str, path: Path) -> list[nodes.Node] | str:
        return [self.paragraph(text, path)] if text else ""

    # -- steps -----------------------------------------------------------------

    def _steps(self, model: AuthFlow) -> nodes.enumerated_list:
        steps = nodes.enumerated_list(
            enumtype="arabic", prefix="", suffix=".", classes=["ig-steps"]
        )
        for step in model.steps:
            steps += nodes.list_item("", *self._step(step), classes=["ig-step"])
        return steps

    def _step(self, step: Step) -> list[nodes.Node]:
        heading = nodes.paragraph(
            "", "", nodes.strong(step.title, step.title), classes=["ig-step-title"]
        )
        if step.actor:
            heading += [
                nodes.Text(" — "),
                nodes.inline(step.actor, step.actor, classes=["ig-actor"]),
            ]
        if step.recording_time:
            words = _("recording at {time}").format(time=step.recording_time)
            heading += [
                nodes.Text(" "),
                nodes.inline(words, f"({words})", classes=["ig-recording-time"]),
            ]
        result: list[nodes.Node] = [heading]
        if step.action:
            result.append(self.paragraph(step.action, (*step.path, "action")))
        if step.request:
            request = code_block(self, step.request, "text", (*step.path, "request"))
            request["classes"].append("ig-request")
            result.append(request)
        if step.code:
            language = (*step.path, "language")
            block = code_block(self, step.code, step.language, language)
            block["classes"].append("ig-code")
            result.append(block)
        if step.screenshot:
            result += self._screenshot(step)
        if step.notes:
            result.append(self.paragraph(step.notes, (*step.path, "notes")))
        return [*result, *self.extra_paragraphs(step.path)]

    # -- screenshots -----------------------------------------------------------

    def _screenshot(self, step: Step) -> list[nodes.Node]:
        path = (*step.path, "screenshot")
        scheme = url_scheme(step.screenshot)
        if scheme in ("http", "https"):
            # NOTE: the LaTeX and EPUB builders download a remote image during
            # the build; no test covers this path because it needs the network.
            return self._image(step.screenshot, step.alt)
        if scheme:
            problem = (
                f"is a '{scheme}:' URL, which is not allowed for images; use an "
                "http(s) URL or a path"
            )
        else:
            resolved = resolve_screenshot(
                step.screenshot, self._screenshot_base(), FilePath(self.env.srcdir)
            )
            if resolved.uri is not None:
                return self._image(resolved.uri, step.alt)
            problem = resolved.problem or ""
        self.warn(
            Subtype.IMAGE,
            f"{self.name}: steps[{step.path[1]}].screenshot "
            f"'{step.screenshot}' {problem}; the alt text is shown instead",
            path,
        )
        text = _("[Screenshot: {alt}]").format(alt=step.alt)
        return [nodes.paragraph(text, text, classes=["ig-missing-screenshot"])]

    def _screenshot_base(self) -> FilePath:
        """Return the folder relative screenshot paths start from."""
        if self.options.get("file"):
            return FilePath(self.document.source).parent
        return FilePath(self.env.doc2path(self.env.docname)).parent

    def _image(self, uri: str, alt: str) -> list[nodes.Node]:
        """Return the image and, for LaTeX, its alt text as a line below it.

        LaTeX output has no alt text, so a PDF reader would otherwise never
        see the description. The other builders show ``alt`` themselves.
        """
        image = nodes.image(uri, uri=uri, alt=alt, classes=["ig-screenshot"])
        self.set_source_info(image)
        description = nodes.paragraph(
            alt, "", nodes.emphasis(alt, alt), classes=["ig-screenshot-alt"]
        )
        only_latex = addnodes.only("", description, expr="latex")
        return [image, only_latex]


def _store_words(store: str) -> str:
    """Return a usual ``store`` value in words, any other value as written."""
    return _(STORE_NAMES[store]) if store in STORE_NAMES else store
