extensions = ["sphinx_integration_guides", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
project = "Prerequisites"
exclude_patterns = ["_build", "fragments"]
