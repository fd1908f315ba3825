"""Find the extension's own words in its source and keep the catalogs in step.

The words are the literal arguments of ``_()`` calls and each directive's
``default_title``. Strings also reach ``_()`` through a variable. These are
the values of a module-level dict indexed in the call (``_(NAMES[key])``)
and the items of a module-level table that a loop unpacks into the call.

Run ``python tests/extension_messages.py`` after changing such a string: it
rewrites the template ``sphinx_integration_guides.pot``, merges it into every
translation and compiles the ``.mo`` files. Then translate the entries it
marks fuzzy or leaves empty, and run it again.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "src" / "sphinx_integration_guides"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_integration_guides"

MAINTAINERS = "sphinx-integration-guides maintainers"
HEADER = (
    "# The extension's own words (headers, badges, legends).\n"
    "# Regenerate with: python tests/extension_messages.py\n"
)

Locations = dict[str, list[tuple[str, int]]]


def _module_tables(tree: ast.Module) -> dict[str, ast.expr]:
    tables: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value:
            targets = (statement.targets if isinstance(statement, ast.Assign)
                       else [statement.target])
            for target in targets:
                if isinstance(target, ast.Name):
                    tables[target.id] = statement.value
    return tables


def _strings(node: ast.expr) -> list[tuple[str, int]]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value, node.lineno)]
    return []


def _dict_values(node: ast.expr) -> list[tuple[str, int]]:
    if not isinstance(node, ast.Dict):
        return []
    return [found for value in node.values for found in _strings(value)]


def _unpacked_items(table: ast.expr, position: int | None) -> list[tuple[str, int]]:
    """Return the strings a loop binds from ``table`` at tuple ``position``."""
    if isinstance(table, ast.Dict):
        return _dict_values(table)
    if not isinstance(table, ast.Tuple | ast.List):
        return []
    found = []
    for item in table.elts:
        if position is not None and isinstance(item, ast.Tuple | ast.List):
            found += _strings(item.elts[position])
        else:
            found += _strings(item)
    return found


def _loop_sources(tree: ast.AST) -> dict[str, list[tuple[str, int | None]]]:
    """Map each loop variable to the tables it iterates and its tuple position."""
    sources: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For | ast.comprehension):
            continue
        iterable = loop.iter
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute):
            iterable = iterable.func.value  # TABLE.items()
        if not isinstance(iterable, ast.Name):
            continue
        if isinstance(loop.target, ast.Name):
            sources[loop.target.id].append((iterable.id, None))
        elif isinstance(loop.target, ast.Tuple):
            for position, element in enumerate(loop.target.elts):
                if isinstance(element, ast.Name):
                    sources[element.id].append((iterable.id, position))
    return sources


def _call_messages(call: ast.Call, tables: dict[str, ast.expr],
                   loops: dict[str, list[tuple[str, int | None]]]
                   ) -> list[tuple[str, int]]:
    argument = call.args[0]
    if isinstance(argument, ast.Constant):
        return _strings(argument)
    if isinstance(argument, ast.Subscript) and isinstance(argument.value, ast.Name):
        return _dict_values(tables.get(argument.value.id, ast.Dict([], [])))
    found: list[tuple[str, int]] = []
    if isinstance(argument, ast.Name):
        for table, position in loops.get(argument.id, []):
            # A dict's items() binds (key, value): only the value is a message.
            if table in tables and not (
                isinstance(tables[table], ast.Dict) and position == 0
            ):
                found += _unpacked_items(tables[table], position)
    return found


def _is_default_title(call: ast.Call) -> bool:
    argument = call.args[0]
    return isinstance(argument, ast.Attribute) and argument.attr == "default_title"


def _is_translation_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "_" and len(node.args) == 1)


def _default_titles(tree: ast.Module) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "default_title"
            for target in node.targets
        ):
            found += _strings(node.value)
    return found


def _parsed_modules() -> dict[str, ast.Module]:
    return {
        path.relative_to(PACKAGE.parent).as_posix(): ast.parse(
            path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _scan(modules: dict[str, ast.Module]) -> tuple[Locations, list[str]]:
    """Return the messages found and the ``_()`` calls whose words are unknown."""
    shared: dict[str, ast.expr] = {}
    for tree in modules.values():  # tables imported from another module
        shared.update(_module_tables(tree))
    messages: Locations = defaultdict(list)
    unresolved = []
    for relative, tree in modules.items():
        tables = {**shared, **_module_tables(tree)}
        loops = _loop_sources(tree)
        found = _default_titles(tree)
        for node in ast.walk(tree):
            if not _is_translation_call(node):
                continue
            assert isinstance(node, ast.Call)
            words = _call_messages(node, tables, loops)
            if not words and not _is_default_title(node):
                unresolved.append(f"{relative}:{node.lineno}")
            found += words
        for message, line in found:
            if message:
                messages[message].append((relative, line))
    return dict(messages), unresolved


def extension_messages() -> Locations:
    """Return every message of the extension with the places it comes from."""
    return _scan(_parsed_modules())[0]


def unresolved_calls() -> list[str]:
    """Return the ``path:line`` of each ``_()`` call whose words are unknown."""
    return _scan(_parsed_modules())[1]


def update_catalogs() -> None:
    """Rewrite the template, merge it into each translation and compile them."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    template = Catalog(
        project="sphinx-integration-guides",
        domain=DOMAIN,
        header_comment=HEADER,
        copyright_holder=MAINTAINERS,
        msgid_bugs_address="",
        fuzzy=False,
    )
    for message, locations in sorted(extension_messages().items()):
        template.add(message, locations=locations)
    with (LOCALE / f"{DOMAIN}.pot").open("wb") as stream:
        write_po(stream, template, width=80, omit_header=False)

    for po_path in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po_path.open("rb") as stream:
            catalog = read_po(stream, locale=po_path.parts[-3])
        catalog.update(template, no_fuzzy_matching=True)
        catalog.header_comment = HEADER
        catalog.fuzzy = False
        with po_path.open("wb") as stream:
            write_po(stream, catalog, width=80, ignore_obsolete=True)
        with po_path.with_suffix(".mo").open("wb") as stream:
            write_mo(stream, catalog)


if __name__ == "__main__":
    update_catalogs()
