"""Rules for plain text values: placeholders, live secrets, URLs."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

_PLACEHOLDER_MARKS = re.compile(r"<[^<>]+>|\$\{[^{}]*\}|\{[^{}]+\}|\.\.\.|…")
# "your" in any case, then a separator or a capital: "your_key", "YourKey",
# "YOUR-KEY", but not "yours" or "yourself".
_YOUR_PREFIX = re.compile(r"^(?i:your)(?:[\s_.\-]|[A-Z]|$)")
_MASK_ONLY = re.compile(r"^[xX*]+(?:[\s_.:\-/]+[xX*]+)*[\s_.:\-/]*$")

#: Prefixes of credentials issued by common providers. A value carrying one
#: is live unless it is a placeholder (``sk_live_...`` or ``sk_live_xxxx``).
LIVE_PREFIXES: tuple[str, ...] = (
    "sk_live_",
    "rk_live_",
    "whsec_",
    "AKIA",
    "ASIA",
    "ghp_",
    "gho_",
    "ghs_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "SG.",
    "AIza",
    "sq0csp-",
)
#: Prefixes that a masked example may keep in front of its x's
#: (``sk_test_xxxx``): the live ones and their test-mode and public siblings.
_KNOWN_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {*LIVE_PREFIXES, "sk_test_", "rk_test_", "pk_test_", "pk_live_"},
        key=len,
        reverse=True,
    )
)
_PREFIX_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])(" + "|".join(re.escape(p) for p in LIVE_PREFIXES) + r")"
    r"[A-Za-z0-9_\-./+=]{8,}"
)
_PEM_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
_LONG_TOKEN = re.compile(r"[A-Za-z0-9+/=_\-]{32,}")
#: A word, optionally followed by digits (``services``, ``oauth2``, ``v59``).
_WORD_PART = r"(?:[A-Za-z]+[0-9]*|[0-9]+)"
_WORD_LIKE = re.compile(rf"{_WORD_PART}(?:[_.\-]+{_WORD_PART})*[_.\-]*")
_URL_PLACEHOLDER = re.compile(r"<[^<>]*>|\{[^{}]*\}|%7B|%3C", re.IGNORECASE)

MASK = "********"


def is_placeholder(value: str) -> bool:
    """Tell whether ``value`` is a stand-in that a reader replaces.

    A placeholder contains ``<...>``, ``{...}``, ``${...}`` or ``...``, starts
    with "your" (any case, any separator), or is made of x, X or * and
    separators, optionally after a known provider prefix (``sk_test_xxxx``).
    A real key with only its end masked (``sk_live_51Hq...Rxxxx``) is not one.
    """
    text = value.strip()
    if not text:
        return False
    if _PLACEHOLDER_MARKS.search(text) or _YOUR_PREFIX.match(text):
        return True
    prefix = next((p for p in _KNOWN_PREFIXES if text.startswith(p)), "")
    return bool(_MASK_ONLY.match(text[len(prefix) :]))


def _looks_random(token: str) -> bool:
    """Tell whether a long token has the mix and entropy of a generated key.

    Paths and identifiers made of words (``$LOGIN_URL/services/oauth2/token``,
    ``customer_subscription_updated_v2``) are not keys, even when long, so a
    token whose ``/``-separated parts are all word-like does not count.
    """
    if is_placeholder(token) or not any(c.isdigit() for c in token):
        return False
    parts = [part for part in token.split("/") if part]
    if parts and all(_WORD_LIKE.fullmatch(part) for part in parts):
        return False
    if not (any(c.islower() for c in token) and any(c.isupper() for c in token)):
        return False
    counts = Counter(token)
    entropy = -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())
    return entropy >= 4.0


def find_live_secret(value: str) -> str | None:
    """Return the first substring of ``value`` that looks like a live credential.

    Placeholders never count. A live credential carries a known provider
    prefix, is a PEM private key block or a JSON Web Token, or is a run of 32
    or more random-looking characters.
    """
    if _PEM_KEY.search(value):
        return _PEM_KEY.search(value).group()  # type: ignore[union-attr]
    for pattern in (_PREFIX_TOKEN, _JWT):
        for match in pattern.finditer(value):
            if not is_placeholder(match.group()):
                return match.group()
    for match in _LONG_TOKEN.finditer(value):
        if _looks_random(match.group()):
            return match.group()
    return None


def mask_secrets(value: str) -> str:
    """Replace every live-looking credential in ``value``, keeping known prefixes."""
    if _PEM_KEY.search(value):
        return MASK
    masked = _PREFIX_TOKEN.sub(
        lambda m: m.group() if is_placeholder(m.group()) else m.group(1) + MASK, value
    )
    masked = _JWT.sub(
        lambda m: m.group() if is_placeholder(m.group()) else MASK, masked
    )
    return _LONG_TOKEN.sub(
        lambda m: MASK if _looks_random(m.group()) else m.group(), masked
    )


def describe_value(value: Any, limit: int = 60) -> str:
    """Quote a value for a message, shortened and never showing a live secret."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if isinstance(value, str) and find_live_secret(text):
        return "a value that looks like a live secret (not shown)"
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"'{text}'" if isinstance(value, str) else text


def url_has_placeholder(url: str) -> bool:
    """Tell whether a URL contains ``<...>`` or ``{...}`` that a reader fills in."""
    return bool(_URL_PLACEHOLDER.search(url))


def url_scheme(url: str) -> str:
    """Return the URL's scheme in lower case, or "" for a relative URL.

    Control characters and spaces are dropped first, as browsers do, so that
    ``java\\tscript:`` counts as ``javascript``.
    """
    cleaned = "".join(c for c in url if c > " " and c != "\x7f")
    try:
        return urlsplit(cleaned).scheme.lower()
    except ValueError:
        return "invalid"
