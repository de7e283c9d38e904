"""The engine package stays pure and readable: no Django, nothing of tiendo outside
`tiendo.core.numbers` / `tiendo.core.text`, no import cycle between its modules, no module over
~600 lines, and the public names callers import are all there."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import tiendo.evaluation.engine as engine

PACKAGE = Path(engine.__file__).resolve().parent
NAME = "tiendo.evaluation.engine"
ALLOWED_TIENDO = ("tiendo.core.numbers", "tiendo.core.text")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((NAME, *parts))


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from . import wording` imports a module; `from .spec import X` a name.
            for alias in node.names:
                candidate = f"{prefix}.{alias.name}"
                found.add(candidate if _is_module(candidate) else prefix)
    return found


def _is_module(name: str) -> bool:
    if not name.startswith(NAME):
        return False
    rel = Path(*name[len(NAME) + 1 :].split(".")) if name != NAME else Path()
    return (PACKAGE / rel).with_suffix(".py").is_file() or (PACKAGE / rel / "__init__.py").is_file()


FILES = sorted(PACKAGE.rglob("*.py"))


def test_the_engine_imports_only_the_standard_library_and_core_numbers() -> None:
    stdlib = sys.stdlib_module_names
    for path in FILES:
        for name in _imports(path):
            top = name.split(".")[0]
            ok = (
                name.startswith(NAME)
                or name.startswith(ALLOWED_TIENDO)
                or (top in stdlib or top == "__future__")
            )
            assert ok, f"{path.relative_to(PACKAGE)} imports {name}"


def test_no_import_cycle_inside_the_engine() -> None:
    graph = {
        _module_name(path): {
            n for n in _imports(path) if n.startswith(NAME) and n != _module_name(path)
        }
        for path in FILES
    }
    # The package's __init__ only re-exports; submodules never import it.
    for module, imported in graph.items():
        assert module == NAME or NAME not in imported, f"{module} imports the package itself"
    graph.pop(NAME)
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for child in sorted(graph.get(module, ())):
            assert state.get(child) != 1, "import cycle: " + " → ".join([*trail, child])
            if child not in state:
                visit(child, [*trail, child])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_no_module_is_over_600_lines() -> None:
    for path in FILES:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 600, f"{path.relative_to(PACKAGE)} has {lines} lines"


def test_the_public_names_are_where_callers_import_them() -> None:
    for name in engine.__all__:
        assert hasattr(engine, name), name
    for name in (
        "evaluate_target",
        "evaluate_many",
        "summarize",
        "select_figures",
        "format_value",
        "TargetSpec",
        "Figure",
        "Assessment",
        "Evaluation",
        "Projection",
        "Status",
        "STATUS_LABELS",
        "KINDS",
        "COMPARATORS",
        "FIGURE_TYPES",
        "QUALIFIERS",
    ):
        assert name in engine.__all__, name
