"""The layers of the code (README "Architecture", pyproject.toml [tool.importlinter]).

`lint-imports` checks the contracts: core's layers point one way (command line >
verifying > classifying > loading > reading text > model), no import cycle among core's
modules, and core never imports gui or Qt. Every import counts, also one inside a
function. The contracts are only worth what they catch, so the same run is made on a
copy of the code with an upward import planted in it, and must fail.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
QT_OR_GUI = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "shiboken2", "qtpy", "gui")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the code under `root`, with the pyproject.toml there, no cache."""
    env = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root, capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


def test_the_import_contracts_hold():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 kept, 0 broken" in done.stdout, done.stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """core/, gui/ and pyproject.toml copied, to plant faults in."""
    root = tmp_path_factory.mktemp("layers")
    for package in ("core", "gui"):
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


PLANTED = {
    # the model learns how it is loaded: the cycle issue 14 broke, as a lazy import
    "model imports its loader": (
        "core/scheme.py",
        "\n\ndef _planted() -> None:\n    from core.scheme_loader import load  # noqa: F401\n",
        ["core.scheme is not allowed to import core.scheme_loader", "No cycles are allowed in core"],
    ),
    # the loader runs the classifier (the other half of the old cycle)
    "loader imports the classifier": (
        "core/scheme_loader.py",
        "\n\ndef _planted() -> None:\n    import core.classify  # noqa: F401\n",
        ["core.scheme_loader is not allowed to import core.classify"],
    ),
    # a cycle inside one layer: allowed by the layers, refused by the acyclic contract
    "cycle within the model": (
        "core/refusal.py",
        "\n\ndef _planted() -> None:\n    from core.quoting import quote  # noqa: F401\n",
        ["No cycles are allowed in core"],
    ),
    "core opens the window": (
        "core/cli.py",
        "\n\ndef _planted() -> None:\n    from gui.app import run  # noqa: F401\n",
        ["core never imports the window or Qt BROKEN", "core.cli -> gui.app"],
    ),
}


@pytest.mark.parametrize("fault", PLANTED)
def test_a_planted_violation_is_caught(copy, fault):
    path, planted, expected = PLANTED[fault]
    target = copy / path
    original = target.read_text(encoding="utf-8")
    target.write_text(original + planted, encoding="utf-8")
    try:
        done = lint_imports(copy)
    finally:
        target.write_text(original, encoding="utf-8")
    assert done.returncode == 1, done.stdout + done.stderr
    for text in expected:
        assert text in done.stdout, done.stdout


def _names(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module name a source imports or names for importing (also inside functions)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
            "find_spec",
        ):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                out.append((node.lineno, node.args[0].value))
    return out


def test_core_never_names_gui_or_qt():
    """Also what import-linter cannot see: importlib.import_module("gui.app") and the like."""
    sources = sorted((ROOT / "core").glob("*.py"))
    assert len(sources) >= 30
    offenders = [
        f"{source.name}:{line}: {name}"
        for source in sources
        for line, name in _names(ast.parse(source.read_text(encoding="utf-8"), filename=str(source)))
        if name.split(".")[0] in QT_OR_GUI
    ]
    assert not offenders, offenders
