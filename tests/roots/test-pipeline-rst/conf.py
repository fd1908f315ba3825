extensions = ["sphinx_integration_guides"]
exclude_patterns = ["_build"]
