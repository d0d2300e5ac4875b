"""Which build runs: pure Python (the default) or the opt-in mypyc build of the hot modules.

``python scripts/compile.py`` compiles :data:`MODULES` in place: each becomes an extension file
beside its ``.py``, which the import system loads first. ``hashcompat.compiled`` is true when
all of them are there; it looks at the files (a few ``stat`` calls), importing nothing.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

__all__ = ["COMPILED", "MODULES", "mode"]

# The verify and identify path that defines no base class: compiling hashcompat.scheme gives
# ``class HexDigest(Scheme, Writer)`` two native bases ("instance lay-out conflict").
MODULES = (
    "hashcompat/engine.py",
    "hashcompat/index.py",
    "hashcompat/formula/layout/split.py",
    "hashcompat/formula/compiler.py",
)
_ROOT = Path(__file__).parent.parent


def _compiled(module: str) -> bool:
    stem = (_ROOT / module).with_suffix("")
    return any(stem.with_name(stem.name + suffix).exists() for suffix in EXTENSION_SUFFIXES)


COMPILED = all(_compiled(module) for module in MODULES)


def mode() -> str:
    """ "compiled (mypyc)" or "pure Python" (a partial build counts as pure)."""
    return "compiled (mypyc)" if COMPILED else "pure Python"
