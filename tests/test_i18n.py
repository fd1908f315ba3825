"""Translation: prose fields in project catalogs, the extension's words shipped.

Users' captions and prose fields are extracted by the gettext builder with
source and line and translated from the project's catalogs. The extension's
own words come from the catalog in the package and follow ``language``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po, write_po

from conftest import build_root
from extension_messages import (
    DOMAIN,
    LOCALE,
    PACKAGE,
    extension_messages,
    unresolved_calls,
)
from project_builds import Build, build, copy_project, read_markers

TRANSLATIONS = sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _read_po(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as stream:
        return read_po(stream)


# -- the shipped catalog -----------------------------------------------------------


def test_catalog_has_translation() -> None:
    assert [path.parts[-3] for path in TRANSLATIONS] == ["de"]


def test_every_translation_call_resolved() -> None:
    assert unresolved_calls() == []


def test_template_lists_every_message() -> None:
    template = _read_po(LOCALE / f"{DOMAIN}.pot")
    assert sorted(message.id for message in template if message.id) == sorted(
        extension_messages())


@pytest.mark.parametrize("po_path", TRANSLATIONS, ids=lambda path: path.parts[-3])
def test_translation_is_complete(po_path: Path) -> None:
    catalog = _read_po(po_path)
    translated = {message.id: message.string for message in catalog
                  if message.id and message.string and not message.fuzzy}
    missing = [word for word in extension_messages() if word not in translated]
    assert missing == []


@pytest.mark.parametrize("po_path", TRANSLATIONS, ids=lambda path: path.parts[-3])
def test_translation_keeps_placeholders(po_path: Path) -> None:
    changed = [message.id for message in _read_po(po_path) if message.id and
               sorted(_PLACEHOLDER.findall(message.id))
               != sorted(_PLACEHOLDER.findall(message.string))]
    assert changed == []


@pytest.mark.parametrize("po_path", TRANSLATIONS, ids=lambda path: path.parts[-3])
def test_compiled_catalog_is_current(po_path: Path) -> None:
    with po_path.with_suffix(".mo").open("rb") as stream:
        compiled = {message.id: message.string for message in read_mo(stream)
                    if message.id}
    source = {message.id: message.string for message in _read_po(po_path)
              if message.id and message.string and not message.fuzzy}
    assert compiled == source


def test_installed_package_has_catalog() -> None:
    import sphinx_integration_guides

    installed = Path(sphinx_integration_guides.__file__).parent / "locale"
    assert (installed / "de" / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def test_wheel_ships_compiled_catalog(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    wheel = next(WheelBuilder(str(PACKAGE.parent.parent)).build(
        directory=str(tmp_path), versions=["standard"]))
    names = zipfile.ZipFile(wheel).namelist()
    assert f"sphinx_integration_guides/locale/de/LC_MESSAGES/{DOMAIN}.mo" in names
    assert f"sphinx_integration_guides/locale/{DOMAIN}.pot" in names


# -- the extension's words follow the project's language ---------------------------


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Build:
    srcdir = copy_project("realistic", tmp_path_factory.mktemp("german"))
    return build(srcdir, "html", confoverrides={"language": "de"})


def test_headers_follow_language(german: Build) -> None:
    page = (german.outdir / "billing" / "stripe.html").read_text(encoding="utf-8")
    assert ">Ursache<" in page
    assert ">Behebung<" in page
    assert ">Cause<" not in page


def test_badges_follow_language(german: Build) -> None:
    page = (german.outdir / "billing" / "webhooks.html").read_text(encoding="utf-8")
    assert ">Anfang<" in page
    assert ">Endzustand<" in page
    assert ">initial<" not in page


def test_setup_label_follows_language(german: Build) -> None:
    page = (german.outdir / "billing" / "testing.html").read_text(encoding="utf-8")
    assert ">Vorbereitung, vor jedem Fall ausgeführt:<" in page
    assert "Setup, run" not in page


def test_scheme_names_follow_language(german: Build) -> None:
    page = (german.outdir / "billing" / "stripe.html").read_text(encoding="utf-8")
    assert "API-Schlüssel" in page
    assert "Verfahren:" in page
    assert "Scheme:" not in page


def test_legends_follow_language(german: Build) -> None:
    page = (german.outdir / "salesforce.html").read_text(encoding="utf-8")
    assert "Legende:" in page
    assert "Lebenszyklus des Tokens" in page
    assert "Legend:" not in page


def test_english_build_keeps_english(tmp_path: Path) -> None:
    result = build(copy_project("realistic", tmp_path), "html")
    page = (result.outdir / "billing" / "stripe.html").read_text(encoding="utf-8")
    assert ">Cause<" in page
    assert ">Ursache<" not in page


# -- users' text in the project's catalogs ---------------------------------------


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(copy_project("realistic", tmp_path_factory.mktemp("gettext")),
                 "gettext")


def _entries(result: Build) -> list[tuple[Path, list[str], str]]:
    """Return (catalog, locations, msgid) for every message the build wrote."""
    entries = []
    for pot in sorted(result.outdir.rglob("*.pot")):
        for message in _read_po(pot):
            if message.id:
                places = [f"{path}:{line}" for path, line in message.locations]
                entries.append((pot, places, message.id))
    return entries


def _translatable_markers() -> list[str]:
    return [word for word, kind in read_markers("realistic").items()
            if kind in {"prose", "caption"}]


@pytest.mark.parametrize("marker", _translatable_markers())
def test_field_extracted_with_location(catalogs: Build, marker: str) -> None:
    found = [(pot, places) for pot, places, msgid in _entries(catalogs)
             if marker in msgid]
    assert len(found) >= 1
    pot, places = found[0]
    assert len(places) >= 1
    path, line = places[0].rsplit(":", 1)
    source = (pot.parent / path).resolve()
    lines = source.read_text(encoding="utf-8").splitlines()
    # The location is the field's key, or the directive for a caption.
    nearby = "\n".join(lines[int(line) - 1 : int(line) + 2])
    assert marker in nearby


def _translate(msgid: str) -> str:
    return re.sub(r"\bzqr([a-z]+\d+)", r"ÜBERSETZT\1", msgid)


def _write_translations(result: Build, srcdir: Path) -> None:
    """Write a German .po next to the project for every catalog it extracted."""
    for pot in sorted(result.outdir.rglob("*.pot")):
        catalog = _read_po(pot)
        for message in catalog:
            if message.id:
                message.string = _translate(message.id)
        target = srcdir / "locales" / "de" / "LC_MESSAGES"
        target = target / pot.relative_to(result.outdir).with_suffix(".po")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as stream:
            write_po(stream, catalog)


@pytest.fixture(scope="module")
def translated(catalogs: Build, tmp_path_factory: pytest.TempPathFactory) -> Build:
    srcdir = copy_project("realistic", tmp_path_factory.mktemp("translated"))
    _write_translations(catalogs, srcdir)
    return build(srcdir, "html", confoverrides={"language": "de"})


def test_translated_build_is_clean(translated: Build) -> None:
    assert translated.warnings == []


@pytest.mark.parametrize("marker", _translatable_markers())
def test_field_shows_translation(translated: Build, marker: str) -> None:
    html = "\n".join(path.read_text(encoding="utf-8")
                     for path in sorted(translated.outdir.rglob("*.html")))
    assert _translate(marker) in html
    assert re.search(rf"\b{marker}\b", html) is None


# -- translations pass the same checks as the fields ---------------------------


UNSAFE_TRANSLATIONS = {
    "The key is missing.": "Der Schlüssel fehlt, siehe `Doku <javascript:alert(1)>`_.",
    "Create it in the dashboard.": "Schlüssel: sk_live_51HtransSecretAAAAbbbb1234.",
}


def _write_unsafe_translation(srcdir: Path) -> None:
    (srcdir / "index.rst").write_text(
        "T\n=\n\n.. error-map::\n\n   errors:\n     - code: A\n"
        "       cause: The key is missing.\n"
        "       remediation: Send the key in the ``Authorization`` header.\n\n"
        ".. prerequisites::\n\n   accounts:\n     - name: Stripe account\n"
        "       notes: Create it in the dashboard.\n",
        encoding="utf-8",
    )
    messages = "".join(
        f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
        for msgid, msgstr in UNSAFE_TRANSLATIONS.items()
    )
    catalog = srcdir / "locales" / "de" / "LC_MESSAGES" / "index.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        + messages,
        encoding="utf-8",
    )


def test_translation_checked_for_links_and_secrets(tmp_path: Path) -> None:
    app, warnings = build_root(
        tmp_path,
        "urls",
        prepare=_write_unsafe_translation,
        confoverrides={"language": "de", "locale_dirs": ["locales"]},
    )
    assert warnings == [
        "index.rst:8: WARNING: error-map: errors[0].cause: the URL scheme "
        "'javascript:' is not allowed, so the link is shown as text; use one of: "
        "http, https, mailto [integration_guides.url]",
        "index.rst:15: WARNING: prerequisites: accounts[0].notes: the translation "
        "contains a value that looks like a live credential; replace it with a "
        "placeholder such as <your-api-key> (the value is masked in the output) "
        "[integration_guides.secret]",
    ]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Der Schlüssel fehlt, siehe Doku." in html
    assert "javascript:" not in html
    assert "Schlüssel: sk_live_********" in html
    assert "51HtransSecret" not in html
