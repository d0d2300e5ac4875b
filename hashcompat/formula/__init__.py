"""The custom-scheme language: formulas such as ``md5($salt.md5($pass))``.

This placeholder refuses every formula until the language lands.
"""

from __future__ import annotations

from hashcompat.errors import UnknownSchemeError
from hashcompat.scheme import Scheme

__all__ = ["scheme_from_formula"]


def scheme_from_formula(formula: str) -> Scheme:
    """The scheme a formula describes."""
    shown = formula if len(formula) <= 40 else formula[:37] + "..."
    raise UnknownSchemeError(
        f"unknown scheme {shown!r} (formulas are not supported yet)", scheme=shown
    )
