"""Placeholders, live secrets and URL rules for plain text values."""

from __future__ import annotations

import pytest

from sphinx_integration_guides.text import (
    MASK,
    describe_value,
    find_live_secret,
    is_placeholder,
    mask_secrets,
    url_has_placeholder,
    url_scheme,
)

LIVE = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"


@pytest.mark.parametrize(
    "value",
    [
        "<your-api-key>",
        "{yourOktaDomain}",
        "${STRIPE_KEY}",
        "sk_live_...",
        "your_token",
        "YOUR-KEY",
        "xxxx-xxxx",
        "****",
        "sk_test_xxxxxxxx",
        "YourSecret",
        "AKIAXXXXXXXXXXXXXXXX",
        "xxxx-xxxx-",
    ],
)
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "production",
        "yours truly",
        "401",
        "https://x",
        "sk_live_51HrealPrefixKeptHereABCDEFxxxx",
        "AKIAIOSFODNN7EXAMPLExxxx",
    ],
)
def test_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


@pytest.mark.parametrize(
    ("value", "found"),
    [
        (f"key {LIVE} here", LIVE),
        ("AKIAIOSFODNN7EXAMPLE1", "AKIAIOSFODNN7EXAMPLE1"),
        ("ghp_abcdefghijklmnop1234", "ghp_abcdefghijklmnop1234"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMII", "-----BEGIN RSA PRIVATE KEY-----"),
        (
            "eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4",
            "eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4",
        ),
        ("Zx9Qm3Lp7Rt2Vw8Ks4Hn6Jb1Fd5Gc0Ya", "Zx9Qm3Lp7Rt2Vw8Ks4Hn6Jb1Fd5Gc0Ya"),
    ],
)
def test_live_secrets(value: str, found: str) -> None:
    assert find_live_secret(value) == found


@pytest.mark.parametrize(
    "value",
    [
        "sk_live_...",
        "sk_live_<your-key>",
        "sk_test_xxxxxxxxxxxx",
        "xoxb-",
        "INVALID_SESSION_ID",
        "https://example.com/a/very/long/path/that/is/plain",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "$SF_LOGIN_URL/services/oauth2/token",
        "customer_subscription_updated_v2_with_more_words",
    ],
)
def test_not_live_secrets(value: str) -> None:
    assert find_live_secret(value) is None


def test_slash_separated_key_is_secret() -> None:
    key = "aB3dE6gH9jK2/mN5pQ8sT1vW4yZ7bC0eF"
    assert find_live_secret(f"secret {key}") == key


def test_mask_keeps_prefix() -> None:
    assert mask_secrets(f"use {LIVE} now") == f"use sk_live_{MASK} now"


def test_mask_pem_block() -> None:
    assert mask_secrets("-----BEGIN PRIVATE KEY-----\nabc") == MASK


def test_describe_hides_secret() -> None:
    assert describe_value(LIVE) == "a value that looks like a live secret (not shown)"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (None, "null"),
        ({}, "a mapping"),
        ([], "a list"),
        (3, "3"),
        ("x" * 70, "'" + "x" * 57 + "...'"),
        ("ok", "'ok'"),
    ],
)
def test_describe_value(value: object, text: str) -> None:
    assert describe_value(value) == text


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://a.example", "https"),
        ("JavaScript:alert(1)", "javascript"),
        ("java\tscript:x", "javascript"),
        ("data:text/html,x", "data"),
        ("/relative/path", ""),
        ("mailto:a@example.com", "mailto"),
    ],
)
def test_url_scheme(url: str, scheme: str) -> None:
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        ("https://{tenant}.example.com", True),
        ("https://<host>/x", True),
        ("https://example.com/%7Bid%7D", True),
        ("https://example.com/", False),
    ],
)
def test_url_placeholder(url: str, placeholder: bool) -> None:
    assert url_has_placeholder(url) is placeholder


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Wait and retry.", True),
        ("Send the key, then retry (twice).", True),
        ("Send the ``Authorization`` header.", False),
        ("See [the docs](https://example.com).", False),
        ("Mail support@example.com", False),
        ("Visit www.example.com", False),
    ],
)
def test_prose_fast_path(text: str, plain: bool) -> None:
    from sphinx_integration_guides.prose import _MARKUP

    assert (_MARKUP.search(text) is None) is plain
