extensions = ["sphinx_integration_guides", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
project = "Env matrix"
exclude_patterns = ["_build"]
integration_guides_environments = ["sandbox", "staging", "production"]
numfig = True
