"""Named formula schemes: one call, or one TOML table, per platform.

The file format is described in :mod:`hashcompat.formula._table`, which also reads the
built-in platform rows: a user's file and the shipped one go through the same reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hashcompat._registry import registry
from hashcompat.formula._scheme import FormulaScheme, compile_formula, make_scheme
from hashcompat.formula._table import check_name, read_rows, row_scheme

__all__ = ["load_formulas", "register_formula"]


def register_formula(
    name: str,
    formula: str,
    *,
    layout: str | None = None,
    aliases: Iterable[str] = (),
    platforms: Iterable[str] = (),
    summary: str | None = None,
    example: str | None = None,
    notes: str = "",
    replace: bool = False,
) -> FormulaScheme:
    """Register ``formula`` (with ``layout``) under ``name`` and return the scheme.

    >>> register_formula("mybb", "md5(md5($salt).md5($pass))", layout="{hash}:{salt}")
    ... # doctest: +SKIP
    """
    scheme = make_scheme(
        compile_formula(formula, layout),
        name=check_name(name),
        summary=summary,
        aliases=tuple(aliases),
        platforms=tuple(platforms),
        example=example,
        notes=notes,
    )
    registry.register(scheme, replace=replace)
    return scheme


def load_formulas(path: str | Path, *, replace: bool = False) -> list[str]:
    """Register every scheme of a TOML file (see :mod:`hashcompat.formula._table`); returns
    their names."""
    names = []
    for row in read_rows(path):
        registry.register(row_scheme(row), replace=replace)
        names.append(row.name)
    return names
