extensions = ["sphinx_integration_guides", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
integration_guides_generic_remediations = ["Check your API key", "retry the request",
                                           "contact support"]
