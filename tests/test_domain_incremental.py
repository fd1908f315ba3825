"""Incremental builds: renamed and deleted pages leave no stale object or link."""

from __future__ import annotations

from pathlib import Path

from test_domain import build, links, text_of

SMS_LINKS = [
    ("sms.html#ig-error-21211", "21211 (SMS)"),
    ("mail.html#ig-error-550", "550 (Mail)"),
    ("sms.html#ig-envvar-sms-token", "SMS_TOKEN"),
]


def test_rename_delete_and_retitle(tmp_path: Path) -> None:
    first, warnings = build(tmp_path, "domain-incremental")
    assert warnings == []
    assert links(first.outdir / "index.html") == SMS_LINKS

    srcdir = first.srcdir
    (srcdir / "sms.rst").rename(srcdir / "messaging.rst")
    (srcdir / "mail.rst").unlink()
    second, warnings = build(tmp_path, "domain-incremental")

    # index.rst did not change, so it is not read again; it is written again
    # because the objects it links to moved.
    assert warnings == [
        "index.rst:5: WARNING: guide:error reference target not found: "
        "'mail:550'; no declared guide:error name is close to it; the most "
        "similar is 'sms:21211' [integration_guides.ref]"
    ]
    assert links(second.outdir / "index.html") == [
        ("messaging.html#ig-error-21211", "21211 (SMS)"),
        ("messaging.html#ig-envvar-sms-token", "SMS_TOKEN"),
    ]
    domain = second.env.domains["guide"]
    assert set(domain.objects) == {"messaging"}
    assert set(domain.integrations) == {"index", "messaging"}
    std = second.env.domains.standard_domain.objects
    assert std["envvar", "SMS_TOKEN"] == ("messaging", "ig-envvar-sms-token")

    genindex = (second.outdir / "genindex.html").read_text(encoding="utf-8")
    assert "messaging.html#ig-error-21211" in genindex
    assert "sms.html" not in genindex
    assert "mail.html" not in genindex
    assert "550" not in text_of(second.outdir / "genindex.html")
    errors = (second.outdir / "guide-errors.html").read_text(encoding="utf-8")
    assert "mail.html" not in errors
    assert "sms.html" not in errors

    page = srcdir / "messaging.rst"
    page.write_text(
        page.read_text().replace("SMS\n===", "Text messages\n=============")
    )
    third, warnings = build(tmp_path, "domain-incremental")
    assert links(third.outdir / "index.html") == [
        ("messaging.html#ig-error-21211", "21211 (Text messages)"),
        ("messaging.html#ig-envvar-sms-token", "SMS_TOKEN"),
    ]
    assert "21211 (Text messages error code)" in text_of(third.outdir / "genindex.html")


def test_unchanged_rebuild_keeps_envvars(tmp_path: Path) -> None:
    build(tmp_path, "domain-incremental")
    again, warnings = build(tmp_path, "domain-incremental")
    assert warnings == []
    std = again.env.domains.standard_domain.objects
    assert std["envvar", "SMS_TOKEN"] == ("sms", "ig-envvar-sms-token")
    assert again.env.domains["guide"].data["std_envvars"] == {
        ("envvar", "SMS_TOKEN"): ("sms", "ig-envvar-sms-token")
    }
