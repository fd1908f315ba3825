"""Sphinx directives for integration guides, validated from YAML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Version of the data this extension keeps in the build environment. Bump it
#: whenever the shape of the ``guide`` domain's data changes, so that Sphinx
#: discards a pickled environment written by an older release.
ENV_VERSION = 3

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
    app.connect("builder-inited", _add_static_path)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_path(app: Sphinx) -> None:
    from pathlib import Path

    static = str(Path(__file__).parent / "static")
    if (
        hasattr(app.config, "html_static_path")
        and static not in app.config.html_static_path
    ):
        app.config.html_static_path.append(static)
