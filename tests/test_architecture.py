"""The architecture contract (pyproject.toml [tool.importlinter]) holds, and it would catch a
violation: a copy of the package with an upward import, or Django in the evaluation engine, is
reported broken."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "lint-imports"),
            "--config",
            str(root / "pyproject.toml"),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("arch")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(
        REPO / "src" / "tiendo",
        root / "src" / "tiendo",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.po", "static", "templates"),
    )
    return root


def test_the_contracts_hold_on_the_code_as_it_is() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # the base layer importing a feature
        ("org/selectors.py", "import tiendo.reporting.models", "Apps form layers"),
        # a domain app importing the presentation
        ("plans/selectors.py", "import tiendo.web.views", "Apps form layers"),
        # Django inside the pure evaluation engine and the pure parser
        ("evaluation/engine/__init__.py", "import django.db", "pure Python"),
        ("importer/parser/__init__.py", "import django.utils.timezone", "pure Python"),
    ],
)
def test_a_violation_is_reported(tree_copy: Path, module: str, line: str, contract: str) -> None:
    target = tree_copy / "src" / "tiendo" / module
    if not target.exists():  # the engine and the parser may still be single modules
        target = target.parent.with_suffix(".py")
    original = target.read_text(encoding="utf-8")
    target.write_text(f"{line}  # deliberate violation\n{original}", encoding="utf-8")
    try:
        result = _lint(tree_copy)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
