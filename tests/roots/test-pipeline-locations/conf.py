extensions = ["sphinx_integration_guides", "myst_parser"]
exclude_patterns = ["fragments"]
