"""Every field of every directive contains hostile HTML and URLs, in reST and MyST."""

project = "Hostile HTML"
extensions = ["sphinx_integration_guides", "myst_parser"]
root_doc = "contents"
