"""Two guides with every directive, built with each supported HTML theme.

The test picks the theme with ``html_theme`` in ``confoverrides``.
"""

project = "Themed guides"
extensions = ["sphinx_integration_guides"]
html_theme = "alabaster"
html_static_path = ["_static"]
