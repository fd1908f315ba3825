"""Live secrets in the page sources that the HTML builders publish.

With ``html_copy_source`` (the default) the HTML builders copy each page's
source unchanged into ``_sources/``, so a key pasted into a directive body
would be published there even though the rendered page masks it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_integration_guides.text import mask_secrets

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def mask_copied_sources(app: Sphinx, exception: Exception | None) -> None:
    """Mask live-looking credentials in every copied source, line by line.

    The same rules as for directive values apply, so a placeholder stays.
    NOTE: lines outside directives are masked too, so a 32-character random
    token in plain prose is masked in the copied source as well.
    """
    if exception is not None or not getattr(app.builder, "copysource", False):
        return
    if not app.config.html_copy_source:
        return
    copied = Path(app.builder.outdir) / "_sources"
    if not copied.is_dir():
        return
    for path in sorted(copied.rglob("*")):
        if path.is_file():
            _mask_file(path)


def _mask_file(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return  # not a page source this build parsed, so it has no directive
    lines = text.splitlines(keepends=True)
    masked = "".join(mask_secrets(line) for line in lines)
    if masked != text:
        path.write_text(masked, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", mask_copied_sources)
