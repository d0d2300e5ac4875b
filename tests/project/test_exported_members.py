"""The public surface is deliberate: ``hashcompat.__all__`` names exactly what users need, every
name in it resolves, and every public exception of :mod:`hashcompat.errors` is exported."""

from __future__ import annotations

import subprocess
import sys

import hashcompat
import hashcompat.errors

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
