"""The public surface is deliberate: ``hashcompat.__all__`` names exactly what users need, every
name in it resolves, and every public exception of :mod:`hashcompat.errors` is exported. Every
module is either in the documented public list or private (a part of its path starts with an
underscore), so a new module that looks public but is not documented fails here."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import hashcompat
import hashcompat.errors

ROOT = Path(__file__).parents[2]

EXPECTED = {
    # functions
    "verify", "hash", "identify", "schemes", "convert", "check", "register", "register_formula",
    # the scheme contract and its values
    "Scheme", "Writer", "Parsed", "Inputs", "SchemeInfo", "Strength",
    # caps
    "Limits", "Cost", "CostKind", "using_limits", "set_limits", "get_limits",
    # the checker's report types (loaded with the checker)
    "CheckReport", "Verdict",
    "__version__",
}  # fmt: skip

# What a user or a plugin author imports by path: docs/architecture.md, "Public modules".
PUBLIC_MODULES = {
    "hashcompat", "hashcompat.errors", "hashcompat.limits", "hashcompat.params",
    "hashcompat.profiles", "hashcompat.scheme",
    "hashcompat.bulk", "hashcompat.cli", "hashcompat.crackers", "hashcompat.dump",
    "hashcompat.export", "hashcompat.formula", "hashcompat.push", "hashcompat.reconcile",
    "hashcompat.server",
    "hashcompat.migrate", "hashcompat.migrate.stores", "hashcompat.migrate.stores.memory",
    "hashcompat.migrate.stores.migrated", "hashcompat.migrate.stores.sqlalchemy",
    "hashcompat.contrib", "hashcompat.contrib.cognito", "hashcompat.contrib.django",
    "hashcompat.contrib.pwdlib",
}  # fmt: skip


def _modules() -> set[str]:
    found = set()
    for path in (ROOT / "hashcompat").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def _private(module: str) -> bool:
    return any(part.startswith("_") for part in module.split("."))


def test_every_module_is_documented_public_or_private() -> None:
    public = {module for module in _modules() if not _private(module)}
    assert public == PUBLIC_MODULES, "name a new internal module _like_this"


def test_architecture_lists_the_public_modules() -> None:
    text = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    section = text.split("## Public modules", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"`(hashcompat(?:\.[a-z_]+)*)`", section)) == PUBLIC_MODULES


def test_every_name_a_public_module_exports_resolves() -> None:
    for name in sorted(PUBLIC_MODULES):
        module = importlib.import_module(name)
        for exported in getattr(module, "__all__", ()):
            assert getattr(module, exported) is not None, f"{name}.{exported}"


def test_docs_and_examples_import_public_modules_only() -> None:
    files = [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "examples").rglob("*.py")]
    statement = re.compile(r"^\s*(?:from|import) (hashcompat[\w.]*)", re.MULTILINE)
    for path in files:
        for module in statement.findall(path.read_text(encoding="utf-8")):
            assert module in PUBLIC_MODULES, f"{path.name} imports {module}"


def test_all_is_the_documented_surface() -> None:
    errors = set(hashcompat.errors.__all__)
    assert set(hashcompat.__all__) == EXPECTED | errors
    assert sorted(hashcompat.__all__) == hashcompat.__all__


def test_every_exported_name_resolves() -> None:
    for name in hashcompat.__all__:
        assert getattr(hashcompat, name) is not None, name


def test_every_public_exception_is_in_the_tree_and_exported() -> None:
    defined = {
        name
        for name, value in vars(hashcompat.errors).items()
        if isinstance(value, type) and issubclass(value, Exception) and not name.startswith("_")
    }
    assert defined == set(hashcompat.errors.__all__)
    for name in hashcompat.errors.__all__:
        error = getattr(hashcompat.errors, name)
        assert issubclass(error, hashcompat.HashcompatError), name
        assert name in hashcompat.__all__, name


def test_subpackages_are_namespaces_loaded_on_first_use() -> None:
    code = (
        "import sys, hashcompat\n"
        "heavy = [m for m in sys.modules if m.split('.')[1:2] and m.split('.')[1] in "
        "hashcompat.SUBPACKAGES]\n"
        "assert not heavy, heavy\n"
        "assert hashcompat.bulk.analyze and hashcompat.migrate.Migrator\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
