"""The test-script directive: cases, checks, and the downloadable script."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from doctree_snapshots import assert_matches_snapshot, doctree_xml, first_block
from project_builds import Build, build, copy_project
from sphinx_integration_guides.downloads import downloads_domain
from sphinx_integration_guides.scriptfile import comment, file_extension, quote

BOTH_KINDS = "add one so the script proves both the happy path and a failure " \
    "[integration_guides.test]"

EXPECTED_WARNINGS = [
    "checks.rst:6: WARNING: test-script: language 'pyhton' is not a Pygments lexer "
    "name, so the code is shown without highlighting; did you mean 'python'? "
    "Otherwise use a name from https://pygments.org/docs/lexers/ such as bash, "
    "python, http or json [integration_guides.highlight]",
    f"checks.rst:7: WARNING: test-script: cases has no error case (kind: error); "
    f"{BOTH_KINDS}",
    "data/only-errors.yaml:2: WARNING: test-script: cases has no success case "
    f"(kind: success); {BOTH_KINDS}",
    "guides/myst.md:8: WARNING: test-script: language 'bashh' is not a Pygments lexer "
    "name, so the code is shown without highlighting; did you mean 'bash'? Otherwise "
    "use a name from https://pygments.org/docs/lexers/ such as bash, python, http or "
    "json [integration_guides.highlight]",
    "guides/myst.md:9: WARNING: test-script: cases has no error case (kind: error); "
    f"{BOTH_KINDS}",
]

SMOKE_SCRIPT = """\
# Smoke test

# Setup
export API=https://api.example.com
export KEY=<your-api-key>

# 1. list orders (success case)
# Expected:
# - HTTP status 200
# - output contains '"data"'
# - JSON body includes {"object": "list"}
curl -s -H "Authorization: Bearer $KEY" "$API/orders"

# 2. missing key (error case)
# Expected:
# - HTTP status 401
# - output does not contain "order_id"
# - output does not contain "email"
# - header WWW-Authenticate: Bearer
curl -s "$API/orders"
"""

HTTP_SCRIPT = """\
# Test script

### Setup
@host = https://api.example.com

### 1. create order (success case)
# Expected:
# - HTTP status 201
POST {{host}}/orders
Content-Type: application/json

{"sku": ..., "quantity": <n>}

### 2. unknown sku (error case)
# Expected:
# - HTTP status 422
POST {{host}}/orders
Content-Type: application/json

{"sku": "nope"}
"""


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(copy_project("test-script", tmp_path_factory.mktemp("html")), "html")


def _page(result: Build, name: str) -> str:
    return (result.outdir / name).read_text(encoding="utf-8")


def _downloads(result: Build) -> dict[str, str]:
    """Map each generated file's name to its text."""
    files = (result.outdir / "_downloads").glob("*/*")
    return {path.name: path.read_text(encoding="utf-8") for path in files}


def test_warnings_exact_with_lines(html: Build) -> None:
    assert sorted(html.warnings) == EXPECTED_WARNINGS


def test_doctree_matches_snapshot(html: Build) -> None:
    doctree = html.app.env.get_doctree("index")
    block = first_block(doctree, "ig-test-script")
    assert_matches_snapshot("test-script.xml", doctree_xml([block], html.srcdir))


def test_html_badges_and_title(html: Build) -> None:
    page = _page(html, "index.html")
    assert '<span class="ig-badge ig-badge-success">success case</span>' in page
    assert '<span class="ig-badge ig-badge-error">error case</span>' in page
    assert '<span class="std std-ref">Smoke test</span>' in page
    assert '<span class="std std-ref">Test script</span>' in page


def test_placeholders_never_warn(html: Build) -> None:
    # The JSON cases hold "..." and "<amount>", which the JSON lexer rejects;
    # the exact warning list above proves no highlighting failure is logged.
    page = _page(html, "guides/myst.html")
    assert '<div class="highlight-json notranslate">' in page
    assert not [line for line in html.warnings if "highlighting_failure" in line]


def test_html_code_highlighted(html: Build) -> None:
    page = _page(html, "index.html")
    assert '<div class="highlight-bash notranslate">' in page
    assert '<div class="highlight-http notranslate">' in page
    assert '<div class="highlight-none notranslate">' in _page(html, "guides/myst.html")


def test_html_expectations_listed(html: Build) -> None:
    page = _page(html, "index.html")
    assert '<p class="ig-expect-label">A passing run shows:</p>' in page
    assert ('<li><p>HTTP status <code class="docutils literal notranslate">'
            '<span class="pre">401</span></code></p></li>') in page
    assert ('<li><p>output contains <code class="docutils literal notranslate">'
            '<span class="pre">&quot;data&quot;</span></code></p></li>') in page


def test_download_links_resolve(html: Build) -> None:
    files = html.outdir / "_downloads"
    for page_name, prefix in (("index.html", ""), ("guides/myst.html", "../")):
        page = _page(html, page_name)
        hrefs = [part.split('"', 1)[0] for part in page.split('href="')[1:]
                 if "_downloads/" in part.split('"', 1)[0]]
        assert hrefs, page_name
        for href in hrefs:
            assert href.startswith(f"{prefix}_downloads/"), href
            assert (files / href.removeprefix(f"{prefix}_downloads/")).is_file()


def test_setup_label_says_each_case(html: Build) -> None:
    page = _page(html, "index.html")
    label = '<p class="ig-setup-label">Setup, run before each case:</p>'
    assert page.count(label) == 2  # one per block with a setup
    assert SMOKE_SCRIPT.count("export API=") == 1


def test_download_holds_setup_and_cases(html: Build) -> None:
    scripts = _downloads(html)
    assert sorted(scripts) == ["checks-tests-2.txt", "checks-tests.txt",
                               "index-tests.py", "index-tests.sh", "myst-tests.json",
                               "myst-tests.txt", "orders.http"]
    assert "# 2. renamed on collision (error case)\nsecond\n" in scripts[
        "checks-tests-2.txt"]
    assert scripts["index-tests.sh"] == SMOKE_SCRIPT
    assert scripts["orders.http"] == HTTP_SCRIPT


def test_parallel_build_writes_same_files(tmp_path: Path, html: Build) -> None:
    result = build(copy_project("test-script", tmp_path), "html", parallel=2)
    assert _downloads(result) == _downloads(html)
    assert sorted(result.warnings) == EXPECTED_WARNINGS


def test_dirhtml_links_reach_files(tmp_path: Path) -> None:
    result = build(copy_project("test-script", tmp_path), "dirhtml")
    page = _page(result, "guides/myst/index.html")
    href = page.split('href="../../_downloads/', 1)[1].split('"', 1)[0]
    assert (result.outdir / "_downloads" / href).is_file()


def test_removed_page_purges_its_file(tmp_path: Path) -> None:
    srcdir = copy_project("test-script", tmp_path)
    build(srcdir, "html")
    (srcdir / "guides" / "myst.md").unlink()
    index = srcdir / "index.rst"
    index.write_text(index.read_text().replace("   guides/myst\n", ""))
    result = build(srcdir, "html", freshenv=False)
    stored_files = downloads_domain(result.app.env).files
    assert sorted(stored_files) == ["checks", "index"]


def _indented(script: str, prefix: str) -> str:
    return "".join(f"{prefix}{line}".rstrip() + "\n" for line in script.splitlines())


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(copy_project("test-script", tmp_path_factory.mktemp("text")), "text")


def test_text_shows_file_name(text: Build) -> None:
    page = _page(text, "index.txt")
    assert 'Script file: "index-tests.sh"' in page
    assert "**list orders** success case" in page
    assert "_downloads" not in page


def test_text_includes_whole_script(text: Build) -> None:
    page = _page(text, "index.txt")
    smoke = 'Script file: "index-tests.sh"\n\n' + _indented(SMOKE_SCRIPT, "   ")
    assert smoke in page
    http = 'Script file: "orders.http"\n\n' + _indented(HTTP_SCRIPT, "   ")
    assert http in page
    # A page of another folder finds its own file too.
    other_page = _page(text, "guides/myst.txt")
    assert "# 1. create order (success case)" not in other_page
    assert 'Script file: "myst-tests.json"\n\n   #' in other_page


def test_man_includes_whole_script(tmp_path: Path) -> None:
    result = build(copy_project("test-script", tmp_path), "man")
    page = next(result.outdir.glob("*.1")).read_text(encoding="utf-8")
    start = page.index("Script file: \\fBindex\\-tests.sh\\fP")
    block = page[page.index(".EX\n", start) + 4:page.index("\n.EE", start)]
    # The man page writer escapes quotes and hyphens for groff.
    for escape, character in (("\\(dq", '"'), ("\\(aq", "'"), ("\\-", "-")):
        block = block.replace(escape, character)
    assert block == SMOKE_SCRIPT


def test_man_spaces_each_case(tmp_path: Path) -> None:
    result = build(copy_project("test-script", tmp_path), "man")
    lines = next(result.outdir.glob("*.1")).read_text(encoding="utf-8").splitlines()
    headings = [index for index, line in enumerate(lines)
                if re.fullmatch(r"\\fB.+\\fP (success|error) case", line)]
    assert len(headings) == 11
    # Without ".sp" groff joins a heading to the line before it, such as the
    # last expected result of the case before.
    assert [lines[index - 1] for index in headings] == [".sp"] * 11


def test_texinfo_includes_whole_script(tmp_path: Path) -> None:
    result = build(copy_project("test-script", tmp_path), "texinfo")
    page = next(result.outdir.glob("*.texi")).read_text(encoding="utf-8")
    start = page.index("Script file: @code{index-tests.sh}")
    block = page[page.index("@example\n", start) + 9:page.index("@end example", start)]
    # Texinfo escapes braces with "@".
    assert block.replace("@{", "{").replace("@}", "}") == SMOKE_SCRIPT


def test_epub_names_file_without_link(tmp_path: Path) -> None:
    result = build(copy_project("test-script", tmp_path), "epub")
    page = _page(result, "index.xhtml")
    assert "index-tests.sh" in page
    assert "_downloads" not in page
    block = page[page.index('<div class="ig-download-text highlight-bash'):]
    block = block[:block.index("</pre>")]
    text = unescape(re.sub(r"<[^>]+>", "", block))
    assert text == SMOKE_SCRIPT


def test_xml_names_file_only(tmp_path: Path) -> None:
    result = build(copy_project("test-script", tmp_path), "xml")
    page = _page(result, "index.xml")
    assert 'ig_download_language="bash"' in page
    assert "ig-download-text" not in page


def test_latex_attaches_script(tmp_path: Path) -> None:
    result = build(copy_project("test-script", tmp_path), "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxIGattach{_downloads/" in tex
    assert "index-tests.sh}{ (attached to this PDF)}" in tex
    assert len(_downloads(result)) == 7


@pytest.mark.parametrize(("language", "extension"), [
    ("bash", ".sh"), ("python", ".py"), ("http", ".http"), ("javascript", ".js"),
    ("ruby", ".rb"), ("yaml", ".yaml"), ("no-such-lexer", ".txt"),
])
def test_file_extension_by_language(language: str, extension: str) -> None:
    assert file_extension(language) == extension


def test_comment_syntax_by_language() -> None:
    assert comment("python", "a\nb") == "# a\n# b"
    assert comment("javascript", "case") == "// case"
    assert comment("sql", "case") == "-- case"


def test_quote_picks_free_quote_mark() -> None:
    assert quote("plain") == '"plain"'
    assert quote('"data"') == "'\"data\"'"
    assert quote("it's \"x\"") == '"it\'s \\"x\\""'
