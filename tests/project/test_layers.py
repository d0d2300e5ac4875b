"""Imports point down the layers of docs/architecture.md, read from every module's source."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "hashcompat"

# Lowest first. A module not listed sits in the top layer (checker, migrate, bulk, cli...).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("hashcompat._primitives", "hashcompat._idkey"),
    (
        "hashcompat.errors",
        "hashcompat._build",
        "hashcompat.limits",
        "hashcompat.params",
        "hashcompat.scheme",
        "hashcompat._legacy",
        "hashcompat._timecaps",
        "hashcompat._timecaps_table",
    ),
    ("hashcompat._crypto",),
    ("hashcompat.formula",),
    ("hashcompat._families",),
    (
        "hashcompat.formula._registration",
        "hashcompat._index",
        "hashcompat._ranking",
        "hashcompat._registry",
        "hashcompat._index_table",
        "hashcompat._compositions_table",
        "hashcompat._gen_index",
    ),
    ("hashcompat._engine",),
    ("hashcompat._api", "hashcompat._conversion"),
    ("hashcompat.dump",),
)
TOP = len(LAYERS)
# (importer, imported): the one upward call, at verify time; see docs/architecture.md.
ALLOWED = {
    ("hashcompat._families.wrapped", "hashcompat._engine"),
}


def layer(module: str) -> int:
    best, found = TOP, -1
    for index, names in enumerate(LAYERS):
        for name in names:
            exact = module == name or module.startswith(name + ".")
            if exact and len(name) > found:  # the most specific entry decides
                best, found = index, len(name)
    return best


def _imports(path: Path) -> list[tuple[str, int]]:
    """Imports that run: those under ``if TYPE_CHECKING:`` only name types."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
    return found


def test_no_import_points_up() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if module == "hashcompat":
            continue  # the public surface re-exports every layer
        for imported, line in _imports(path):
            if not imported.startswith("hashcompat") or imported == "hashcompat":
                continue
            if layer(imported) > layer(module) and (module, imported) not in ALLOWED:
                upward.append(f"{module}:{line} imports {imported}")
    assert not upward


def test_the_layers_are_read_as_documented() -> None:
    assert layer("hashcompat._crypto.md4") == 2
    assert layer("hashcompat.formula._compiler") == 3
    assert layer("hashcompat._families.phpass") == 4
    assert layer("hashcompat.formula._registration") == 5
    assert layer("hashcompat.dump._files") == TOP - 1
    assert layer("hashcompat.migrate._policy") == TOP


def test_import_linter_contracts_hold() -> None:
    """pyproject.toml's [tool.importlinter] layers, read by import-linter: unlike the test above
    it also sees imports inside functions, so no function-level import can hide a cycle."""
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.exists():
        missing = "import-linter is not installed (pip install 'hashcompat[test]')"
        if os.environ.get("CI"):  # CI installs the test extra: never let it skip there
            pytest.fail(missing)
        pytest.skip(missing)
    done = subprocess.run(
        [str(linter), "--config", str(PACKAGE.parent / "pyproject.toml")],
        cwd=PACKAGE.parent,
        env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)},  # this tree, not an install
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:]


def test_import_linter_names_every_module() -> None:
    """A new top-level module or package must be given its layer, or the linter never sees it."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    named = {
        name.strip() for layer in contract["layers"] for name in layer.replace(":", "|").split("|")
    }
    present = {
        f"hashcompat.{path.stem}"
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    assert present <= named, sorted(present - named)
