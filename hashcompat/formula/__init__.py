"""The custom-scheme language: formulas such as ``md5($salt.md5($pass)) @ {hash}:{salt}``.

``parser`` reads the text into a tree, ``compiler`` turns the tree into one closure,
``layout`` says where digest and salt sit in the stored string, and ``scheme`` wraps the
three as a :class:`hashcompat.Scheme`. See docs/formulas.md for the language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hashcompat.formula._scheme import FormulaScheme, canonical, scheme_from_formula

if TYPE_CHECKING:
    from hashcompat.formula._registration import load_formulas, register_formula


def __getattr__(name: str) -> object:
    # Registering needs the registry, a layer above the language: imported on first use, so
    # a family module reading formula rows never pulls the registry in.
    if name in ("load_formulas", "register_formula"):
        from hashcompat.formula import _registration as registration  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return getattr(registration, name)
    raise AttributeError(f"module 'hashcompat.formula' has no attribute {name!r}")


__all__ = [
    "FormulaScheme",
    "canonical",
    "load_formulas",
    "register_formula",
    "scheme_from_formula",
]
