"""Which build runs: pure Python (the default) or the opt-in mypyc build of the hot modules.

``python scripts/compile.py`` compiles :data:`MODULES` in place: each becomes an extension file
beside its ``.py``, which the import system loads first. ``hashcompat.compiled`` is true when
all of them are there; it looks at the files (a few ``stat`` calls), importing nothing.
"""

from __future__ import annotations

import os.path
from importlib.machinery import EXTENSION_SUFFIXES
from typing import TYPE_CHECKING, Any

__all__ = ["COMPILED", "MODULES", "mode", "mypyc_attr"]

if TYPE_CHECKING:  # mypyc reads the decorator by this name; it needs it at build time only
    from mypy_extensions import mypyc_attr
else:  # at run time it does nothing, so the pure build imports nothing for it

    def mypyc_attr(*args: Any, **kwargs: Any) -> Any:
        return lambda cls: cls


# The verify and identify path, chosen by measuring (docs/benchmarks.md, "Compiled mode"). Not
# compiled: the families and hashcompat.formula._scheme, whose schemes are slotted dataclasses
# under the (Python) Scheme base, which a compiled module cannot define ("attribute '__dict__'
# of 'type' objects is not writable" at import), and hashcompat._families.databases, whose
# libpass import has no type information.
MODULES = (
    "hashcompat/scheme.py",
    "hashcompat/_engine.py",
    "hashcompat/_index.py",
    "hashcompat/formula/_layout/split.py",
    "hashcompat/formula/_compiler.py",
)
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # os.path: pathlib costs ~5 ms


def _compiled(module: str) -> bool:
    stem = os.path.splitext(os.path.join(_ROOT, module))[0]
    return any(os.path.exists(stem + suffix) for suffix in EXTENSION_SUFFIXES)


COMPILED = all(_compiled(module) for module in MODULES)


def mode() -> str:
    """ "compiled (mypyc)" or "pure Python" (a partial build counts as pure)."""
    return "compiled (mypyc)" if COMPILED else "pure Python"
