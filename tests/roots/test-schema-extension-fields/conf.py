extensions = ["sphinx_integration_guides"]

_ERROR_FIELDS = {
    "owner": {"type": "string", "title": "Owner"},
    "ticket": {"type": "integer"},
    "labels": {"type": "array", "items": {"type": "string"}},
    "limits": {"type": "object"},
    "paging": {"type": "boolean", "title": "Pages on-call"},
}

integration_guides_schema_extensions = {
    "error-map": {
        "properties": {
            "team": {"type": "string", "title": "Team"},
            "errors": {"items": {"properties": _ERROR_FIELDS}},
        },
    },
    "prerequisites": {
        "properties": {
            "accounts": {
                "items": {"properties": {"approver": {"type": "string",
                                                      "title": "Approver"}}}
            },
        },
    },
    "auth-flow": {
        "properties": {
            "steps": {"items": {"properties": {"latency": {"type": "string"}}}},
        },
    },
    "test-script": {
        "properties": {
            "cases": {"items": {"properties": {"ticket": {"type": "integer",
                                                          "title": "Ticket"}}}},
        },
    },
}
project = "extras"
