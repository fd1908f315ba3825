"""The extension's own words (headers, badges, legends), in a message catalog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CATALOG = "sphinx_integration_guides"

#: Translate one of the extension's own strings into the project's language.
_ = get_translation(CATALOG)


def setup(app: Sphinx) -> None:
    locale_dir = Path(__file__).parent / "locale"
    app.add_message_catalog(CATALOG, str(locale_dir))
