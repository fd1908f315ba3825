extensions = ["sphinx_integration_guides"]
