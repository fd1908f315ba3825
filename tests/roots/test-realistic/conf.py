"""A realistic guides project: builds with -W and no warning in every builder."""

project = "Realistic guides"
author = "Docs team"
version = release = "1.0"
copyright = "2026, Docs team"
extensions = ["sphinx_integration_guides", "myst_parser"]
myst_enable_extensions = ["colon_fence"]

# A root document not named index, and two LaTeX documents, so that merged
# documents (singlehtml, LaTeX, man, texinfo) start from another page.
root_doc = "contents"
exclude_patterns = ["_build", "fragments"]
latex_documents = [
    ("contents", "realistic.tex", "Realistic guides", "Docs team", "manual"),
    ("twilio", "twilio-sms.tex", "Twilio SMS guide", "Docs team", "howto"),
]

integration_guides_integrations = {
    "stripe-billing": {"title": "Stripe billing"},
    "twilio-sms": {"title": "Twilio SMS"},
}
