"""Sphinx configuration of the sphinx-integration-guides documentation.

The site is built with the extension itself: every guide under guides/ uses
the directives it documents, and the reference tables are generated from the
installed package by the docs-only extension in _ext/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from sphinx_integration_guides import __version__

project = "sphinx-integration-guides"
author = "sphinx-integration-guides maintainers"
copyright = "2026, sphinx-integration-guides maintainers"
release = __version__
version = __version__

extensions = [
    "sphinx_integration_guides",
    "myst_parser",
    "sphinx_design",
    "reference_tables",
    "latex_tables",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
root_doc = "index"

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# Links between the guides: each guide sets its integration name in its own
# metadata, and these titles label links that cross from one guide to another.
integration_guides_integrations = {
    "stripe-billing": {"title": "Stripe billing webhooks"},
    "salesforce-snowflake": {"title": "Salesforce to Snowflake sync"},
    "okta-saml": {"title": "Okta SAML single sign-on"},
    "twilio-sms-hipaa": {"title": "Twilio SMS under HIPAA"},
}

html_theme = "furo"
html_title = f"sphinx-integration-guides {release}"
html_static_path = ["_static"]
html_css_files = ["docs.css"]

latex_documents = [
    (root_doc, "sphinx-integration-guides.tex", "sphinx-integration-guides",
     author, "manual"),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "printindex": r"\footnotesize\raggedright\printindex",
}
latex_show_urls = "footnote"
