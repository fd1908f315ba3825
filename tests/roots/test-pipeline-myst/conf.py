extensions = ["sphinx_integration_guides", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
