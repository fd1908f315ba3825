"""The extension loads and renders one directive end to end."""

from __future__ import annotations

import pytest

from conftest import warning_lines


@pytest.mark.sphinx("html", testroot="basic")
def test_error_map_renders_table(app, warning) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert warning_lines(warning, app.srcdir) == []
    assert 'id="ig-error-401"' in html
    assert "Shop errors" in html
    assert (
        '<code class="docutils literal notranslate">'
        '<span class="pre">Authorization</span></code>'
    ) in html
