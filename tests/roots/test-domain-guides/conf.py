extensions = ["sphinx_integration_guides", "myst_parser"]
integration_guides_integrations = {"twilio-sms": {"title": "Twilio SMS"}}
integration_guides_diagrams = "never"
html_theme = "basic"
