"""Platform schemes that are plain compositions: the rows of platforms.toml beside this module.

Each row names the platform, its formula in the custom-scheme language and where the salt
lives (in the hash string, per the layout, or in a column passed as ``salt=``). The rows are
checked by the same reader as a user's ``load_formulas`` file (the generator writes them into
:mod:`hashcompat._families._rows`, so a cold process reads Python, not TOML); the known-answer
vectors of each come from hashcat's test module for its ``hashcat_mode``
(tests/families/test_platforms.py) or from the vector file its ``vectors`` key names.

The registry builds these schemes one at a time (:func:`scheme_named`): the first ``{SSHA}``
verify of a process compiles that one row, not all forty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hashcompat._families._rows import PLATFORMS as ROWS
from hashcompat.formula._scheme import FormulaScheme
from hashcompat.formula._table import Row, row_scheme

__all__ = ["ROWS", "SCHEMES", "Row", "scheme_named"]

if TYPE_CHECKING:
    SCHEMES: tuple[FormulaScheme, ...]  # every row's scheme, built on first access

_BY_NAME = {row.name: row for row in ROWS}
_built: dict[str, FormulaScheme] = {}  # one object per row, whichever way it was asked for


def scheme_named(name: str) -> FormulaScheme | None:
    """The scheme of the row called ``name`` (compiled on first use), or None."""
    scheme = _built.get(name)
    if scheme is None:
        row = _BY_NAME.get(name)
        if row is None:
            return None
        scheme = _built.setdefault(name, row_scheme(row))
    return scheme


def __getattr__(name: str) -> object:
    if name == "SCHEMES":  # every row, for the whole catalogue
        return tuple(scheme_named(row.name) for row in ROWS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
