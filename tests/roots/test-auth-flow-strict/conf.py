extensions = ["sphinx_integration_guides"]
project = "Strict"
