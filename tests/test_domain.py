"""The ``guide`` domain: integrations, roles, warnings, indices and intersphinx.

One project (``test-domain-guides``) has two integrations that share error
codes, events, states and variables, in reST and MyST pages. It is built once
per builder and configuration, and the tests share those builds.
"""

from __future__ import annotations

import html
import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from conftest import ROOTS, build_root, warning_lines

LINK = re.compile(
    r'<a class="reference (?:internal|external)" href="([^"]*)"[^>]*>(.*?)</a>'
)
TAG = re.compile(r"<[^>]+>")
INDEX_LINK = re.compile(r'<a href="([^"]*)"><code class="xref">([^<]*)</code></a>')

READ_WARNINGS = [
    "bad.rst:1: WARNING: integration: 'Bad_Name' is not a valid integration name; "
    "use lower-case letters, digits and hyphens, starting with a letter or digit "
    "(such as 'stripe-billing'); using 'bad', taken from the document name "
    "[integration_guides.config]",
    "bad-myst.md:2: WARNING: integration: 'Not Valid' is not a valid integration "
    "name; use lower-case letters, digits and hyphens, starting with a letter or "
    "digit (such as 'stripe-billing'); using 'bad-myst', taken from the document "
    "name [integration_guides.config]",
]

DUPLICATE_WARNINGS = [
    f"{location}: WARNING: {what} of integration '{integration}' is already "
    f"declared at {first}; remove one of the declarations or move this page to "
    "another integration [integration_guides.duplicate]"
    for location, what, integration, first in [
        (
            "stripe/webhooks.md:12",
            "error code '429'",
            "stripe-billing",
            "stripe/billing.rst:17",
        ),
        (
            "stripe/webhooks.md:19",
            "state 'active'",
            "stripe-billing",
            "stripe/billing.rst:39",
        ),
        (
            "stripe/webhooks.md:24",
            "event 'invoice.paid'",
            "stripe-billing",
            "stripe/billing.rst:44",
        ),
        (
            "data/twilio-errors.yaml:2",
            "error code '21211'",
            "twilio-sms",
            "twilio.rst:15",
        ),
    ]
]

AMBIGUOUS_429 = (
    "index.rst:17: WARNING: guide:error reference '429' is ambiguous: it matches "
    "stripe-billing:429, twilio-sms:429; write one of them. Linking to "
    "stripe-billing:429 [integration_guides.ref]"
)
AMBIGUOUS_ANY = AMBIGUOUS_429.replace("index.rst:17:", "index.rst:26:")
AMBIGUOUS_MYST = AMBIGUOUS_429.replace("index.rst:17:", "bad-myst.md:13:")
UNKNOWN_430 = (
    "index.rst:18: WARNING: guide:error reference target not found: '430'; no "
    "declared guide:error name is close to it; the most similar is '429' "
    "[integration_guides.ref]"
)
UNKNOWN_MYST = (
    "stripe/webhooks.md:28: WARNING: guide:event reference target not found: "
    "'invoice.payed'; the nearest known name is 'invoice.paid' "
    "[integration_guides.ref]"
)

#: A built app and its warnings, paths relative to the source directory.
Build = tuple[SphinxTestApp, list[str]]


def build(tmp: Path, root: str, buildername: str = "html", **options: Any) -> Build:
    """Copy a test root into ``tmp``, build it, and return the app and warnings."""
    srcdir = tmp / root
    if not srcdir.exists():
        shutil.copytree(ROOTS / f"test-{root}", srcdir)
    warning = StringIO()
    app = SphinxTestApp(
        buildername, srcdir=srcdir, status=StringIO(), warning=warning, **options
    )
    try:
        app.build()
    finally:
        # Restores docutils' global registrations, so the next app starts clean;
        # the output and the environment stay readable.
        app.cleanup()
    return app, warning_lines(warning, app.srcdir)


def relative_objects(built: Build) -> dict[str, list[Any]]:
    """Return the domain's objects with sources relative to the source directory."""
    app = built[0]
    return {
        docname: [
            obj._replace(source=str(Path(obj.source).relative_to(app.srcdir)))
            for obj in objects
        ]
        for docname, objects in app.env.domains["guide"].objects.items()
    }


def links(path: Path) -> list[tuple[str, str]]:
    """Return ``(href, text)`` of every link in the body of an HTML page."""
    text = path.read_text(encoding="utf-8")
    body = text[
        text.index('<div class="body"') : text.index('<div class="sphinxsidebar"')
    ]
    return [
        (html.unescape(href), " ".join(html.unescape(TAG.sub(" ", inner)).split()))
        for href, inner in LINK.findall(body)
    ]


def text_of(path: Path) -> str:
    """Return an HTML page's text, tags removed and whitespace collapsed."""
    return " ".join(
        html.unescape(TAG.sub(" ", path.read_text(encoding="utf-8"))).split()
    )


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("serial"), "domain-guides")


@pytest.fixture(scope="module")
def parallel(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("parallel"), "domain-guides", parallel=2)


# -- warnings ------------------------------------------------------------------


def test_warnings_serial(serial: Build) -> None:
    _app, warnings = serial
    assert warnings == [
        *READ_WARNINGS,
        *DUPLICATE_WARNINGS,
        AMBIGUOUS_MYST,
        AMBIGUOUS_429,
        UNKNOWN_430,
        AMBIGUOUS_ANY,
        UNKNOWN_MYST,
    ]


def test_no_duplicate_envvar_description(serial: Build) -> None:
    _app, warnings = serial
    assert not [line for line in warnings if "envvar" in line]


def test_parallel_warns_like_serial(serial: Build, parallel: Build) -> None:
    parallel_app, parallel_warnings = parallel
    assert parallel_app.parallel == 2
    # A parallel read reports chunks of documents, such as "bad .. index".
    assert re.search(
        r"reading sources\.\.\. .*\S \.\. \S", parallel_app.status.getvalue()
    )
    assert sorted(parallel_warnings) == sorted(serial[1])
    # The duplicate check runs once, after the merge, in document-name order.
    checked = [line for line in parallel_warnings if "duplicate]" in line]
    assert checked == DUPLICATE_WARNINGS


def test_parallel_links_like_serial(serial: Build, parallel: Build) -> None:
    for page in ("index.html", "stripe/webhooks.html", "stripe/billing.html"):
        assert links(parallel[0].outdir / page) == links(serial[0].outdir / page)
    assert text_of(parallel[0].outdir / "genindex.html") == text_of(
        serial[0].outdir / "genindex.html"
    )


def test_parallel_merges_domain_data(serial: Build, parallel: Build) -> None:
    serial_data = serial[0].env.domains["guide"].data
    parallel_data = parallel[0].env.domains["guide"].data
    for key in ("integrations", "referrers", "std_envvars"):
        assert parallel_data[key] == serial_data[key], key
    assert relative_objects(parallel) == relative_objects(serial)


# -- integrations --------------------------------------------------------------


def test_integrations_from_fields_and_names(serial: Build) -> None:
    integrations = serial[0].env.domains["guide"].integrations
    assert integrations == {
        "index": "index",
        "stripe/billing": "stripe-billing",
        "stripe/webhooks": "stripe-billing",
        "twilio": "twilio-sms",
        "bad": "bad",
        "bad-myst": "bad-myst",
    }


def test_integration_titles(serial: Build) -> None:
    domain = serial[0].env.domains["guide"]
    assert domain.integration_title("stripe-billing") == "Stripe Billing"
    assert domain.integration_title("twilio-sms") == "Twilio SMS"
    assert domain.integration_title("bad") == "Bad name"
    assert domain.integration_title("unknown") == "unknown"


# -- links ---------------------------------------------------------------------


def test_links_from_page_without_integration(serial: Build) -> None:
    found = links(serial[0].outdir / "index.html")
    guide_links = [link for link in found if "#" in link[0]]
    assert guide_links == [
        ("stripe/billing.html#ig-error-429", "429 (Stripe Billing)"),
        ("twilio.html#ig-error-429", "the rate limit"),
        ("stripe/billing.html#ig-error-x-y-30426a2a", "x:y (Stripe Billing)"),
        ("stripe/billing.html#ig-error-429", "429 (Stripe Billing)"),
        ("stripe/billing.html#ig-envvar-stripe-key", "STRIPE_KEY (Stripe Billing)"),
        ("twilio.html#ig-envvar-shared-token", "SHARED_TOKEN (Twilio SMS)"),
        ("stripe/billing.html#ig-envvar-shared-token", "SHARED_TOKEN"),
        (
            "stripe/billing.html#ig-error-card-declined",
            "card_declined (Stripe Billing)",
        ),
        ("twilio.html#ig-event-message-failed", "message.failed (Twilio SMS)"),
        ("stripe/billing.html#ig-state-past-due", "past_due (Stripe Billing)"),
        ("bad.html#ig-error-e1", "E1 (Bad name)"),
        ("stripe/billing.html#ig-error-429", "429 (Stripe Billing)"),
        ("stripe/billing.html#ig-envvar-shared-token", "SHARED_TOKEN"),
        (
            "stripe/billing.html#ig-error-important-59fc640f",
            "!important (Stripe Billing)",
        ),
    ]


def test_bang_keeps_sphinx_meaning_otherwise(serial: Build) -> None:
    page = (serial[0].outdir / "index.html").read_text(encoding="utf-8")
    literal = '<code class="xref guide guide-error docutils literal notranslate">'
    assert (
        f"before an unknown name: {literal}<span class=\"pre\">nowhere</span></code>"
        in page
    )
    assert (
        f'before an explicit title: {literal}<span class="pre">the</span> '
        '<span class="pre">decline</span> <span class="pre">&lt;card_declined&gt;'
        "</span></code>" in page
    )


def test_unknown_reference_renders_text(serial: Build) -> None:
    page = (serial[0].outdir / "index.html").read_text(encoding="utf-8")
    assert "unknown: <code" in page
    assert '<span class="pre">430</span></code>' in page
    assert "ig-error-430" not in page


def test_links_own_integration_first(serial: Build) -> None:
    found = links(serial[0].outdir / "stripe" / "billing.html")
    assert ("#ig-error-429", "429") in found


def test_links_from_myst(serial: Build) -> None:
    found = links(serial[0].outdir / "stripe" / "webhooks.html")
    guide_links = [link for link in found if "#" in link[0]]
    assert guide_links == [
        ("../twilio.html#ig-error-21211", "21211 (Twilio SMS)"),
        ("billing.html#ig-envvar-shared-token", "SHARED_TOKEN"),
    ]


def test_myst_explicit_title(serial: Build) -> None:
    found = links(serial[0].outdir / "bad-myst.html")
    assert found[-2:] == [
        ("stripe/billing.html#ig-error-429", "429 (Stripe Billing)"),
        ("twilio.html#ig-error-429", "the throttle"),
    ]


def test_link_tooltip(serial: Build) -> None:
    page = (serial[0].outdir / "index.html").read_text(encoding="utf-8")
    assert 'title="error code 429 (Twilio SMS)"' in page


def test_first_declaration_of_shared_envvar(serial: Build) -> None:
    std = serial[0].env.domains.standard_domain
    assert std.objects["envvar", "SHARED_TOKEN"] == (
        "stripe/billing",
        "ig-envvar-shared-token",
    )
    assert std.objects["envvar", "STRIPE_KEY"] == (
        "stripe/billing",
        "ig-envvar-stripe-key",
    )


def test_find_splits_only_known_integrations(serial: Build) -> None:
    domain = serial[0].env.domains["guide"]
    colon = domain.find("error", "x:y", "index")
    assert [d.qualified_name for d in colon] == ["stripe-billing:x:y"]
    qualified = domain.find("error", "stripe-billing:x:y", "index")
    assert [d.qualified_name for d in qualified] == ["stripe-billing:x:y"]
    ambiguous = domain.find("error", "429", "index")
    assert [d.qualified_name for d in ambiguous] == [
        "stripe-billing:429",
        "twilio-sms:429",
    ]
    own = domain.find("error", "429", "twilio")
    assert [d.qualified_name for d in own] == ["twilio-sms:429"]


def test_clear_doc_removes_objects(tmp_path: Path) -> None:
    app, _warnings = build(tmp_path, "domain-guides", "dummy")
    domain = app.env.domains["guide"]
    domain.clear_doc("twilio")
    assert "twilio" not in domain.objects
    assert "twilio" not in domain.integrations
    assert [d.qualified_name for d in domain.find("error", "429", "index")] == [
        "stripe-billing:429"
    ]


def test_shared_file_duplicate_names_pages(tmp_path: Path) -> None:
    _app, warnings = build(tmp_path, "domain-shared-file", "dummy")
    assert warnings == [
        "data/errors.yaml:2: WARNING: error code 'E1' of integration 'acme' is "
        "declared twice because first.rst and second.rst both use this file; use "
        "the file in one page of the integration, or move one of the pages to "
        "another integration [integration_guides.duplicate]",
        "data/errors.yaml:2: WARNING: error code 'E1' of integration 'other' is "
        "declared twice because twice.rst uses this file twice; use the file once "
        "in the integration [integration_guides.duplicate]",
    ]


# -- nitpicky ------------------------------------------------------------------


def test_nitpicky_ignore_lists(tmp_path: Path) -> None:
    overrides = {
        "nitpicky": True,
        "nitpick_ignore": [("guide:error", "429")],
        "nitpick_ignore_regex": [("guide:ev.*", "invoice[.].*")],
    }
    _app, warnings = build(tmp_path, "domain-guides", "dummy", confoverrides=overrides)
    refs = [line for line in warnings if line.endswith("[integration_guides.ref]")]
    assert refs == [UNKNOWN_430]


# -- general index -------------------------------------------------------------


def test_genindex_lists_name_and_integration(serial: Build) -> None:
    text = text_of(serial[0].outdir / "genindex.html")
    for entry in [
        "!important (Stripe Billing error code)",
        "@ (Stripe Billing error code)",
        "x:y (Stripe Billing error code)",
        "21211 (Twilio SMS error code) , [1]",
        "429 (Stripe Billing error code) , [1] (Twilio SMS error code)",
        "message.failed (Twilio SMS event)",
        "E2 (Bad MyST name error code)",
        "SHARED_TOKEN (Stripe Billing environment variable) , [1] "
        "(Twilio SMS environment variable)",
        "Stripe Billing !important (error code) 429 (error code) , [1] @ (error code)"
        " a;b (error code) active (state) , [1] card_declined (error code)",
        "Twilio SMS 21211 (error code) , [1] 429 (error code) active (state)",
    ]:
        assert entry in text, entry


def test_genindex_semicolon_name_whole(serial: Build) -> None:
    text = text_of(serial[0].outdir / "genindex.html")
    assert "a;b (error code)" in text
    assert "b (Stripe Billing error code)" not in text


def test_genindex_has_no_integration_names(serial: Build) -> None:
    entries = serial[0].env.domains.index_domain.entries
    values = [entry[1] for doc in entries.values() for entry in doc]
    assert "stripe-billing; 429 (error code)" not in values
    assert "Stripe Billing; 429 (error code)" in values


def test_latex_index_escaped(tmp_path: Path) -> None:
    app, _warnings = build(tmp_path, "domain-guides", "latex")
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    for entry in [
        r"\index{429 (Stripe Billing error code)@\spxentry{429}",
        r"\index{Stripe Billing@\spxentry{Stripe Billing}!429 (error code)@",
        r'\index{"!important (Stripe Billing error code)@\spxentry{"!important}',
        r'\index{"@ (Stripe Billing error code)@\spxentry{"@}',
        r"\index{Stripe Billing@\spxentry{Stripe Billing}!a;b (error code)@",
        r"\index{x:y (Stripe Billing error code)@\spxentry{x:y}",
        r"\index{Twilio SMS@\spxentry{Twilio SMS}!message.failed (event)@",
    ]:
        assert entry in tex, entry
    assert "stripe-billing (" not in tex
    assert "ig_object" not in tex
    # A name two integrations share heads its entries in the error code index.
    shared = "\n".join([
        r"\item\relax\sphinxstyleindexentry{429}\sphinxstyleindexpageref"
        r"{stripe/billing:\detokenize{ig-error-429}}",
        r"\item\relax\sphinxstyleindexentry{Stripe Billing}",
    ])
    assert shared in tex


# -- domain indices ------------------------------------------------------------


def test_error_index_page(serial: Build) -> None:
    page = serial[0].outdir / "guide-errors.html"
    text = text_of(page)
    assert "Error code index" in text
    assert "429 Stripe Billing (stripe-billing:429) Twilio SMS (twilio-sms:429)" in text
    assert "21211 (Twilio SMS)" in text
    found = INDEX_LINK.findall(page.read_text(encoding="utf-8"))
    assert ("stripe/billing.html#ig-error-429", "Stripe Billing") in found
    assert ("twilio.html#ig-error-429", "Twilio SMS") in found
    assert ("stripe/billing.html#ig-error-429", "429") in found
    assert ("stripe/billing.html#ig-error-a-b-d1badebe", "a;b") in found
    assert ("stripe/billing.html#ig-error-important-59fc640f", "!important") in found


def test_envvar_index_page(serial: Build) -> None:
    text = text_of(serial[0].outdir / "guide-envvars.html")
    assert "Environment variable index" in text
    assert (
        "SHARED_TOKEN Stripe Billing (stripe-billing:SHARED_TOKEN) Twilio SMS" in text
    )
    assert "STRIPE_KEY (Stripe Billing)" in text


def test_event_and_state_index_pages(serial: Build) -> None:
    events = text_of(serial[0].outdir / "guide-events.html")
    assert "invoice.paid (Stripe Billing)" in events
    assert "message.failed (Twilio SMS)" in events
    states = text_of(serial[0].outdir / "guide-states.html")
    assert "active Stripe Billing (stripe-billing:active) Twilio SMS" in states


def test_domain_indices_in_navigation(serial: Build) -> None:
    page = (serial[0].outdir / "index.html").read_text(encoding="utf-8")
    for name, title, short in [
        ("errors", "Error code index", "error codes"),
        ("events", "Event index", "events"),
        ("states", "State index", "states"),
        ("envvars", "Environment variable index", "environment variables"),
    ]:
        assert (
            f'<a href="guide-{name}.html" title="{title}"\n             >{short}</a>'
            in page
        )


# -- inventory and intersphinx -------------------------------------------------


def test_inventory_entries(serial: Build) -> None:
    raw = (serial[0].outdir / "objects.inv").read_bytes()
    inventory = InventoryFile.loads(raw, uri="https://guides.example/").data
    errors = inventory["guide:error"]
    assert (
        errors["stripe-billing:429"].uri
        == "https://guides.example/stripe/billing.html#ig-error-429"
    )
    assert errors["stripe-billing:429"].display_name == "429"
    assert (
        errors["twilio-sms:429"].uri
        == "https://guides.example/twilio.html#ig-error-429"
    )
    for code in ("!important", "a;b", "x:y", "@"):
        assert errors[f"stripe-billing:{code}"].display_name == code
    assert set(inventory["guide:event"]) == {
        "stripe-billing:invoice.paid",
        "stripe-billing:invoice.payment_failed",
        "twilio-sms:message.failed",
    }
    assert "stripe-billing:past_due" in inventory["guide:state"]
    assert set(inventory["guide:envvar"]) == {
        "stripe-billing:SHARED_TOKEN",
        "stripe-billing:STRIPE_KEY",
        "twilio-sms:SHARED_TOKEN",
    }
    shared = inventory["std:envvar"]["SHARED_TOKEN"]
    assert (
        shared.uri
        == "https://guides.example/stripe/billing.html#ig-envvar-shared-token"
    )


def test_intersphinx_consumer(serial: Build, tmp_path: Path) -> None:
    outdir = serial[0].outdir
    overrides = {"intersphinx_mapping": {"guides": (str(outdir), None)}}
    app, warnings = build(tmp_path, "domain-consumer", confoverrides=overrides)
    assert warnings == []
    assert links(app.outdir / "index.html") == [
        (f"{outdir}/stripe/billing.html#ig-error-429", "429"),
        (f"{outdir}/stripe/billing.html#ig-error-x-y-30426a2a", "x:y"),
        (f"{outdir}/twilio.html#ig-event-message-failed", "the failure"),
        (f"{outdir}/twilio.html#ig-envvar-shared-token", "SHARED_TOKEN"),
    ]


# -- index entry text ----------------------------------------------------------


def test_index_entries_split_safely() -> None:
    from sphinx.util.index_entries import split_index_msg

    from sphinx_integration_guides.indices import index_entries
    from sphinx_integration_guides.objects import GuideObject

    plain = GuideObject("error", "!x@y|z", "ig-error-1", 3, "page.rst")
    entries = index_entries(plain, "Pay; Bill")
    assert [split_index_msg(kind, text) for kind, text, *_rest in entries] == [
        ["!x@y|z (Pay, Bill error code)"],
        ["Pay, Bill", "!x@y|z (error code)"],
    ]
    semicolon = GuideObject("event", "a;b", "ig-event-2", 4, "page.rst")
    entries = index_entries(semicolon, "Pay")
    assert [split_index_msg(kind, text) for kind, text, *_rest in entries] == [
        ["Pay", "a;b (event)"],
    ]


def _write_reference_page(srcdir: Path) -> None:
    (srcdir / "index.rst").write_text(
        ":integration: int-a\n\nT\n=\n\n.. error-map::\n\n   errors:\n"
        '     - code: "429"\n       cause: c\n       remediation: r\n\n'
        ":guide:error:`sk_live_51HroleSecretWWWWxxxxcccc`\n\n"
        ":guide:error:`INT-A:429`\n",
        encoding="utf-8",
    )


def test_unknown_reference_hides_secret_and_ignores_case(tmp_path: Path) -> None:
    _, warnings = build_root(tmp_path, "urls", prepare=_write_reference_page)
    assert warnings == [
        "index.rst:13: WARNING: guide:error reference target not found: a value "
        "that looks like a live secret (not shown); no declared guide:error name "
        "is close to it; the most similar is 'int-a:429' [integration_guides.ref]",
        "index.rst:15: WARNING: guide:error reference target not found: "
        "'INT-A:429'; the nearest known name is 'int-a:429' [integration_guides.ref]",
    ]
