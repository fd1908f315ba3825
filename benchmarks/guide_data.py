"""Realistic data for one benchmark guide, keyed by directive name.

Every guide gets the same shape with different words, so that documents are
not identical: about 12 prerequisites, 5 settings in 3 environments, 6 auth
steps, 10 errors, 8 transitions, 3 test cases, 10 mapped fields and 6 content
rules. Four of the rules have an example to avoid and one to prefer. The data
is valid against the shipped schemas and passes every check, so the
extension's build emits no warnings and renders everything.
"""

from __future__ import annotations

from typing import Any

ENVIRONMENTS = ["development", "staging", "production"]

_SERVICES = ["Stripe", "Salesforce", "Okta", "Twilio", "Slack", "Zendesk", "HubSpot"]

_ERRORS = [
    ("400", 400, "invalid_request", False),
    ("401", 401, "unauthorized", False),
    ("403", 403, "forbidden", False),
    ("404", 404, "resource_missing", False),
    ("409", 409, "idempotency_conflict", False),
    ("422", 422, "validation_failed", False),
    ("429", 429, "rate_limited", True),
    ("500", 500, "internal_error", True),
    ("503", 503, "service_unavailable", True),
    ("INVALID_SESSION_ID", 401, "Session expired or invalid", False),
]

_STATES = ["pending", "active", "past_due", "suspended", "canceled"]

_TRANSITIONS = [
    ("pending", "invoice.paid", "active", "set account.status = 'active'"),
    (
        "pending",
        "invoice.payment_failed",
        "past_due",
        "set account.status = 'past_due'",
    ),
    ("active", "invoice.payment_failed", "past_due", "email the billing contact"),
    ("active", "subscription.paused", "suspended", "disable API access"),
    ("past_due", "invoice.paid", "active", "clear the dunning flag"),
    ("past_due", "subscription.deleted", "canceled", "schedule data export"),
    ("suspended", "subscription.resumed", "active", "enable API access"),
    ("active", "subscription.deleted", "canceled", "revoke all tokens"),
]


def service_name(index: int) -> str:
    return _SERVICES[index % len(_SERVICES)]


def integration_name(index: int) -> str:
    return f"guide{index:04d}"


def guide_data(index: int) -> dict[str, dict[str, Any]]:
    """Return the data of guide ``index`` for every directive, by name."""
    service = service_name(index)
    return {
        "prerequisites": _prerequisites(service, index),
        "auth-flow": _auth_flow(service, index),
        "env-matrix": _env_matrix(service, index),
        "error-map": _error_map(service, index),
        "state-transitions": _state_transitions(service, index),
        "test-script": _test_script(service, index),
        "field-map": _field_map(service, index),
        "content-rules": _content_rules(service, index),
    }


def _prerequisites(service: str, index: int) -> dict[str, Any]:
    slug = service.lower()
    return {
        "accounts": [
            {
                "name": f"{service} account",
                "plan": "Business",
                "url": f"https://{slug}.example.com/signup",
                "notes": "A *test mode* account is enough for every step.",
            },
            {
                "name": "Cloud project",
                "plan": "Any",
                "notes": f"Holds the worker for guide {index}.",
            },
            {"name": "Monitoring workspace", "notes": "Receives the alert rules."},
        ],
        "permissions": [
            {
                "name": "Administrator",
                "where": f"{service} dashboard",
                "reason": "Needed to create the API key.",
            },
            {
                "name": "webhooks:write",
                "where": "OAuth scope",
                "reason": "Lets the app register its endpoint.",
            },
            {
                "name": "Secret Manager Admin",
                "where": "Cloud project",
                "reason": "Stores the signing secret.",
            },
        ],
        "software": [
            {"name": "Python", "version": ">=3.11", "install": "apt install python3"},
            {
                "name": "Node.js",
                "version": "^18",
                "install": "nvm install 18",
                "notes": "Only for the ``cli`` helper.",
            },
            {
                "name": f"{slug}-cli",
                "version": "2.4",
                "install": f"pip install {slug}-cli",
            },
        ],
        "env_vars": [
            {
                "name": f"{slug.upper()}_API_KEY",
                "description": "Key for API calls.",
                "secret": True,
                "example": "<your-api-key>",
            },
            {
                "name": f"{slug.upper()}_WEBHOOK_SECRET",
                "description": "Secret that signs webhook payloads.",
                "secret": True,
                "example": "<your-signing-secret>",
            },
            {
                "name": f"{slug.upper()}_BASE_URL",
                "description": "Endpoint of the API, see the dashboard.",
                "secret": False,
                "example": f"https://api.{slug}.example.com/v{index % 3 + 1}",
            },
        ],
        "notes": f"Set up the {service} sandbox before you start.",
    }


def _auth_flow(service: str, index: int) -> dict[str, Any]:
    slug = service.lower()
    steps = []
    for number in range(1, 7):
        step: dict[str, Any] = {
            "title": f"Step {number} of the {service} handshake",
            "actor": "client" if number % 2 else "server",
            "action": f"Send the request; step {number + 1} needs its ``state``.",
        }
        if number % 2:
            step["request"] = f"POST https://auth.{slug}.example.com/oauth/token"
            step["code"] = (
                f"curl -X POST https://auth.{slug}.example.com/oauth/token \\\n"
                "  -d grant_type=authorization_code \\\n"
                f"  -d client_id=<your-client-id> -d code=<code-{index}-{number}>\n"
            )
            step["language"] = "bash"
        steps.append(step)
    return {
        "scheme": "oauth2_authorization_code",
        "credentials": [
            {"name": "Client ID", "store": "env", "rotation": "never"},
            {
                "name": "Client secret",
                "store": "secrets_manager",
                "rotation": "90 days",
                "notes": "Rotate it together with the *webhook* secret.",
            },
        ],
        "token": {
            "lifetime": "1 hour",
            "refresh": "Use the refresh token before expiry.",
        },
        "steps": steps,
    }


def _env_matrix(service: str, index: int) -> dict[str, Any]:
    slug = service.lower()
    return {
        "environments": ENVIRONMENTS,
        "settings": [
            {
                "name": "API base URL",
                "values": {
                    "development": f"https://sandbox.{slug}.example.com",
                    "staging": f"https://sandbox.{slug}.example.com",
                    "production": f"https://api.{slug}.example.com",
                },
            },
            {
                "name": "Webhook endpoint",
                "values": {
                    "development": "http://localhost:8000/hooks",
                    "staging": "https://staging.example.com/hooks",
                    "production": "https://example.com/hooks",
                },
            },
            {"name": "Rate limit", "value": f"{100 + index % 50} requests/s"},
            {
                "name": "Log level",
                "values": {
                    "development": "debug",
                    "staging": "info",
                    "production": "warning",
                },
                "notes": "Raise it to ``debug`` only while you investigate.",
            },
            {
                "name": "Retry budget",
                "values": {"development": None, "staging": "3", "production": "5"},
            },
        ],
        "promotion": [
            "Replace the sandbox keys with the production keys.",
            "Register the production webhook endpoint.",
            "Run the test script against staging.",
        ],
    }


def _error_map(service: str, index: int) -> dict[str, Any]:
    errors = []
    for number, (code, status, message, retryable) in enumerate(_ERRORS):
        error: dict[str, Any] = {
            "code": code,
            "http_status": status,
            "message": message,
            "cause": f"The {service} API rejected the call for guide {index} "
            f"(case {number}); the ``request_id`` names it in the logs.",
            "remediation": (
                [
                    f"Open the {service} request log.",
                    "Find the failing ``request_id``.",
                    "Correct the field it names and send the request again.",
                ]
                if number % 2
                else f"Correct the payload sent to {service} and send it again."
            ),
            "retryable": retryable,
        }
        if retryable:
            error["backoff"] = "Exponential, starting at 1 s, at most 5 tries."
        errors.append(error)
    return {"errors": errors}


def _state_transitions(service: str, index: int) -> dict[str, Any]:
    """Return a state machine whose diagram differs from every other guide's.

    Sphinx names a Graphviz image by a hash of its code, so identical
    diagrams would be drawn once and reused, which real guides do not get.
    The last event therefore carries the guide's number.
    """
    transitions = [
        {"from": source, "event": event, "to": target, "action": action}
        for source, event, target, action in _TRANSITIONS
    ]
    transitions[-1]["event"] = f"subscription.deleted.{index}"
    return {
        "states": [
            {
                "name": state,
                "description": f"The {service} subscription is {state}.",
                "terminal": state == "canceled",
            }
            for state in _STATES
        ],
        "initial": "pending",
        "transitions": transitions,
    }


def _test_script(service: str, index: int) -> dict[str, Any]:
    slug = service.lower()
    return {
        "language": "bash",
        "setup": f'export BASE="https://sandbox.{slug}.example.com"\n',
        "cases": [
            {
                "name": "Create a customer",
                "kind": "success",
                "script": f'curl -s -X POST "$BASE/customers" -d name=guide-{index}\n',
                "expect": {"status": 200, "contains": '"id":'},
            },
            {
                "name": "Fetch the customer",
                "kind": "success",
                "script": f'curl -s "$BASE/customers/cus_{index}"\n',
                "expect": {"status": 200, "contains": '"object": "customer"'},
            },
            {
                "name": "Reject a bad key",
                "kind": "error",
                "script": 'curl -s -H "Authorization: Bearer <bad>" "$BASE/users"\n',
                "expect": {"status": 401, "contains": "unauthorized"},
            },
        ],
    }


def _field_map(service: str, index: int) -> dict[str, Any]:
    mappings = []
    for number in range(10):
        mapping: dict[str, Any] = {
            "source": f"{service}.customer.field_{number}",
            "target": f"ACCOUNTS.COLUMN_{number}",
            "required": number < 3,
            "transform": "lower-cased" if number % 3 == 0 else "copied as written",
            "notes": f"Filled for guide {index}; see the ``ACCOUNTS`` table.",
        }
        if number % 2:
            mapping["via"] = f"attribute_{number}"
        mappings.append(mapping)
    return {
        "columns": {"source": f"{service} field", "target": "Warehouse column"},
        "mappings": mappings,
    }


_RULES = [
    (
        "Diagnoses, test results or medication names",
        "An SMS is stored unencrypted by the carrier and shown on lock screens.",
        "Say that a new message waits in the patient portal.",
        "Your HbA1c result of 7.9 is ready.",
        "A new message waits for you in the portal.",
    ),
    (
        "Appointment types that reveal a condition",
        "The kind of clinic alone can disclose protected health information.",
        "Give the date, the time and the main address only.",
        "Reminder: oncology follow-up on Tuesday at 9:30.",
        "Reminder: appointment on Tuesday at 9:30.",
    ),
    (
        "Full names of patients or relatives",
        "Anyone who holds the phone reads the message.",
        "Use the first name the recipient chose, or none.",
        "Maria Lopez, your prescription for Lopez Jr. is ready.",
        "Hello Maria, an update is ready in the portal.",
    ),
    (
        "Record numbers, insurance numbers or dates of birth",
        "Identifiers link the message to a medical record.",
        "Refer to the record in the portal, behind sign-in.",
        "Record 88-1204 (born 1984-03-02) was updated.",
        "Your record was updated; sign in to see it.",
    ),
    (
        "Links that sign the reader in without a password",
        "A forwarded message would open the record to its new reader.",
        "Link to the sign-in page; the session starts there.",
        None,
        None,
    ),
    (
        "Secrets or ``AccountSid`` values in the message body",
        "Message bodies are kept in the provider's logs.",
        "Keep credentials in the secrets manager only.",
        None,
        None,
    ),
]


def _content_rules(service: str, index: int) -> dict[str, Any]:
    rules = []
    for content, reason, instead, avoid, prefer in _RULES:
        rule = {"content": content, "reason": reason, "instead": instead}
        if avoid and prefer:
            rule |= {"avoid": avoid, "prefer": prefer}
        rules.append(rule)
    return {
        "scope": f"Every SMS template sent through {service} for guide {index}.",
        "rules": rules,
    }
