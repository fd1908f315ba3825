"""Event handlers that keep the ``guide`` domain in step with the build.

Reading records each page's integration and references, and checks its
``integration`` field. After reading, variables are handed to the standard
domain, index entries get integration titles, and pages whose links moved
are written again. Duplicates are reported once the parallel reads are merged.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

from sphinx_integration_guides import diagnostics, indices, references, std_envvars
from sphinx_integration_guides.domain import guide_domain
from sphinx_integration_guides.integrations import check_field, integration_of

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _check_integration_field(app: Sphinx, doctree: nodes.document) -> None:
    """Warn about an invalid ``integration`` field before Sphinx drops its node."""
    env = app.env
    problem = check_field(doctree, env.docname, env.doc2path(env.docname))
    if problem is not None:
        diagnostics.emit(problem)


def _note_document(app: Sphinx, doctree: nodes.document) -> None:
    """Record the page's integration (from its metadata) and its references."""
    env = app.env
    domain = guide_domain(env)
    domain.note_integration(env.docname, integration_of(env, env.docname))
    count = references.count_references(doctree)
    if count:
        domain.referrers[env.docname] = count


def _take_snapshot(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """Remember what links resolve against before any document is read again."""
    domain = guide_domain(env)
    domain.snapshot_before_reading = domain.snapshot()
    std_envvars.withdraw(env, domain.data["std_envvars"])
    return []


def _pages_with_found_files(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """Read again the pages whose missing ``:file:`` has been created since."""
    return guide_domain(env).pages_with_found_files()


def _after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Publish environment variables, retitle index entries, and list stale pages.

    A page that links to guide objects is written again when any object,
    its page or its integration's title changed, also when the page itself
    did not change, so no link points to a removed or renamed page.
    """
    domain = guide_domain(env)
    std_envvars.publish(env, domain.declarations(), domain.data["std_envvars"])
    indices.retitle_collected_entries(env, domain)
    before = domain.snapshot_before_reading
    if before is None or before == domain.snapshot():
        return []
    return sorted(docname for docname in domain.referrers if docname in env.found_docs)


def _check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    for problem in guide_domain(env).duplicate_problems():
        diagnostics.emit(problem)


def setup(app: Sphinx) -> None:
    # Sphinx's metadata collector reads and removes the docinfo at priority 500.
    app.connect("doctree-read", _check_integration_field, priority=400)
    app.connect("doctree-read", _note_document, priority=600)
    app.connect("env-get-outdated", _pages_with_found_files)
    app.connect("env-get-outdated", _take_snapshot)
    app.connect("env-updated", _after_reading)
    app.connect("env-check-consistency", _check_consistency)
    app.connect("doctree-resolved", indices.retitle_index_nodes)
    app.connect("config-inited", indices.translate_titles)
    app.connect("warn-missing-reference", references.warn_missing_reference)
