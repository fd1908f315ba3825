project = "rules"
copyright = "2026, the test authors"
author = "the test authors"
version = "1.0"
extensions = ["sphinx_integration_guides", "myst_parser"]
exclude_patterns = ["_build"]
