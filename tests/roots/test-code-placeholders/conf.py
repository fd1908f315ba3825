"""Code with placeholders its lexer cannot parse, inside and outside a block."""

project = "Placeholders"
extensions = ["sphinx_integration_guides"]
latex_documents = [("index", "placeholders.tex", "Placeholders", "Docs", "howto")]
