extensions = ["sphinx_integration_guides"]


def _items(properties):
    return {"items": {"properties": properties}}


_TEXT_OR_FLAG = {"type": ["boolean", "string"]}

integration_guides_schema_extensions = {
    "auth-flow": {"properties": {"scheme": {"enum": ["api_key", "mtls"]}}},
    "test-script": {
        "properties": {
            "cases": _items({"kind": {"enum": ["success", "error", "smoke"]}}),
        },
    },
    "error-map": {
        "properties": {
            "errors": _items({
                "backoff": {"type": ["string", "integer"]},
                "retryable": _TEXT_OR_FLAG,
                "cause": {"type": ["string", "array"]},
            }),
        },
    },
    "state-transitions": {
        "properties": {"states": _items({"terminal": _TEXT_OR_FLAG})},
    },
    "prerequisites": {
        "properties": {"env_vars": _items({"secret": _TEXT_OR_FLAG})},
    },
}
project = "values"
