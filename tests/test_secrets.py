"""Live credentials in options, keys and masked examples: warned and masked."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_root

ADVICE = (
    "replace it with a placeholder such as <your-api-key> (the {} is masked in the "
    "output) [integration_guides.secret]"
)
VALUE_ADVICE = ADVICE.format("value")
KEY_ADVICE = ADVICE.format("key")
SECRETS = (
    "sk_live_51HrealPrefixKeptHereABCDEFxxxx",
    "sk_live_51HcaptionSecretQQQQrrrr7777",
    "sk_live_51HenvKeySecretAAAAzzzz7777",
    "sk_live_51HheaderKeySecretFFFFeeee0003",
    "sk_live_51HjsonKeySecretFFFFeeee0004",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    app, warnings = build_root(tmp_path_factory.mktemp("secrets"), "secrets")
    return app.outdir, warnings


def test_warnings(built: tuple[Path, list[str]]) -> None:
    _, warnings = built
    assert warnings == [
        "index.rst:9: WARNING: prerequisites: env_vars[0].example holds a value that "
        f"looks like a live credential; {VALUE_ADVICE}",
        "index.rst:11: WARNING: error-map: :caption: contains a value that looks "
        f"like a live credential; {VALUE_ADVICE}",
        "index.rst:26: WARNING: env-matrix: settings[0].values has a key that looks "
        f"like a live credential; {KEY_ADVICE}",
        "index.rst:23: WARNING: env-matrix: settings[0] 'N' has a value for "
        "environment 'sk_live_********', which environments does not list (test); "
        "add it to environments or remove the value [integration_guides.env]",
        "index.rst:37: WARNING: test-script: cases[0].expect.headers has a key that "
        f"looks like a live credential; {KEY_ADVICE}",
        "index.rst:39: WARNING: test-script: cases[0].expect.json has a key that "
        f"looks like a live credential; {KEY_ADVICE}",
    ]


def test_html_and_script_hold_no_secret(built: tuple[Path, list[str]]) -> None:
    outdir, _ = built
    written = [
        path.read_text(encoding="utf-8")
        for path in outdir.rglob("*")
        if path.suffix in {".html", ".sh"}
    ]
    for secret in SECRETS:
        assert not any(secret in text for text in written), secret
    page = (outdir / "index.html").read_text(encoding="utf-8")
    assert "Key sk_live_********" in page
    (script,) = outdir.glob("_downloads/*/*.sh")
    # The masked keys keep their place among the other keys.
    assert [
        line
        for line in script.read_text(encoding="utf-8").splitlines()
        if "header" in line or "JSON" in line
    ] == [
        "# - header sk_live_********: v",
        "# - header Content-Type: application/json",
        '# - JSON body includes {"sk_live_********": 1}',
    ]


@pytest.mark.parametrize("buildername", ["text", "gettext", "latex"])
def test_caption_masked_in_every_output(tmp_path: Path, buildername: str) -> None:
    app, _ = build_root(tmp_path, "secrets", buildername=buildername)
    for path in app.outdir.rglob("*"):
        if path.suffix in {".txt", ".pot", ".tex"}:
            assert SECRETS[1] not in path.read_text(encoding="utf-8"), path.name
