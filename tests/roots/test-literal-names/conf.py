"""Names, codes and values with straight quotes, in every directive."""

extensions = ["sphinx_integration_guides"]
project = "Literal names"
