"""Sphinx directives for integration guides, validated from YAML."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Version of the data this extension keeps in the build environment. Bump it
#: whenever the shape of the ``guide`` domain's data changes, so that Sphinx
#: discards a pickled environment written by an older release.
ENV_VERSION = 3

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the ``guide`` domain, config values and assets."""
    from sphinx_integration_guides import (
        config,
        directives,
        domain,
        i18n,
        latex,
        nodes,
        published_sources,
        single_page,
        writer_fallbacks,
    )

    app.setup_extension("sphinx_design")
    i18n.setup(app)
    config.setup(app)
    nodes.setup(app)
    latex.setup(app)
    single_page.setup(app)
    published_sources.setup(app)
    writer_fallbacks.setup(app)
    domain.setup(app)
    directives.setup(app)
    app.add_css_file("integration_guides.css")
    app.add_js_file("integration_guides.js", loading_method="defer")
    app.connect("config-inited", _add_static_paths)
    # After sphinx-design's handler, which appends its folder once more.
    app.connect("builder-inited", _drop_repeated_static_paths, priority=900)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_paths(app: Sphinx, config: Config) -> None:
    """Add the CSS and JavaScript folders to ``html_static_path`` early.

    Sphinx compares the configuration with the previous build's right after
    this event. A folder added later (sphinx-design adds its own when the
    builder starts) is in the stored configuration but not yet in the new
    one, and Sphinx would report a changed configuration on every build.
    """
    from pathlib import Path

    if not hasattr(config, "html_static_path"):
        return
    folders = [str(Path(__file__).parent / "static")]
    design = sys.modules.get("sphinx_design.extension")
    design_folder = getattr(design, "STATIC_DIR", None)
    if design_folder is not None:
        folders.append(str(design_folder))
    missing = [folder for folder in folders if folder not in config.html_static_path]
    config.html_static_path = [*config.html_static_path, *missing]


def _drop_repeated_static_paths(app: Sphinx) -> None:
    """Keep one entry per folder after sphinx-design has added its folder again."""
    config = app.config
    if hasattr(config, "html_static_path"):
        config.html_static_path = list(dict.fromkeys(config.html_static_path))
