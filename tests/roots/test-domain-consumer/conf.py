# The test sets intersphinx_mapping to the guides project's output directory.
extensions = ["sphinx_integration_guides", "sphinx.ext.intersphinx"]
