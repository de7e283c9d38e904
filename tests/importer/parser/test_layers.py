"""The parser's stages import only the stages before them, and nothing but the standard library
and `tiendo.core.numbers` / `tiendo.core.text` (no Django): the parser stays pure and its
modules never import each other in a circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tiendo.importer.parser as parser_package

PACKAGE = Path(parser_package.__file__).resolve().parent

#: The modules in the order the text flows through them (shared helpers where they are first
#: needed); each may import only those before it. The package docstring lists the same order.
ORDER = [
    "lines",
    "spans",
    "cues",
    "quantities",
    "headings",
    "paragraphs",
    "title_block",
    "sections",
    "regions",
    "clauses",
    "indicators",
    "targets",
    "tables",
    "programs",
    "assignments",
    "document",
]
ALLOWED_TIENDO = {"tiendo.core.numbers", "tiendo.core.text"}


def _imports(module: str) -> tuple[set[str], set[str]]:
    """(sibling modules, absolute modules) that a module of the package imports."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    siblings: set[str] = set()
    absolute: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                siblings.add(node.module.split(".")[0])
            elif node.level == 1:
                siblings.update(alias.name for alias in node.names)
            elif node.level == 0 and node.module:
                absolute.add(node.module)
            else:
                raise AssertionError(f"{module}: import from outside the package: {ast.dump(node)}")
        elif isinstance(node, ast.Import):
            absolute.update(alias.name for alias in node.names)
    return siblings, absolute


def test_every_module_has_its_place_in_the_order() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules == set(ORDER)
    for name in ORDER:
        assert f"\n    {name} " in (parser_package.__doc__ or ""), name


def test_a_stage_imports_only_the_stages_before_it() -> None:
    for position, module in enumerate(ORDER):
        siblings, _ = _imports(module)
        later = siblings - set(ORDER[:position])
        assert not later, f"{module} imports {sorted(later)}, which come after it"


def test_the_parser_imports_no_django_and_nothing_else_of_tiendo() -> None:
    for module in [*ORDER, "__init__"]:
        _, absolute = _imports(module)
        for name in absolute:
            top = name.split(".")[0]
            if top == "tiendo":
                assert name in ALLOWED_TIENDO, f"{module} imports {name}"
            else:
                assert top == "__future__" or top in sys.stdlib_module_names, (
                    f"{module} imports {name}"
                )


def test_importing_the_parser_loads_no_django() -> None:
    """Checked in a fresh interpreter, so that the test run's own imports do not hide it."""
    code = (
        "import sys, tiendo.importer.parser\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django'\n"
        "    or (m.startswith('tiendo.') and not m.startswith(('tiendo.importer', 'tiendo.core'))))\n"
        "core = sorted(m for m in sys.modules if m.startswith('tiendo.core.'))\n"
        "print(loaded, core)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[] ['tiendo.core.numbers', 'tiendo.core.text']"
