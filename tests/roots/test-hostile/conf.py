"""A hostile guides project: every kind of bad input, each with its warning.

The warnings the build must give, and no others, are in expected-warnings.txt.
"""

project = "Hostile guides"
author = "Docs <team> & \"friends\""
version = release = "1.0"
copyright = "2026, Docs <team>"
extensions = ["sphinx_integration_guides", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "fragments"]
