"""Named formula schemes: one call, or one TOML table, per platform.

A TOML file holds one table per scheme under ``[schemes]``::

    [schemes.mybb]
    formula = "md5(md5($salt).md5($pass))"
    layout = "{hash}:{salt}"          # optional, default {hash}
    aliases = ["ipb2"]                # optional
    platforms = ["MyBB 1.2+"]         # optional
    summary = "MyBB and IPB 2"        # optional
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from hashcompat.errors import InvalidArgumentError
from hashcompat.formula.scheme import FormulaScheme, compile_formula, make_scheme
from hashcompat.registry import registry

__all__ = ["load_formulas", "register_formula"]

_KEYS = {"formula", "layout", "aliases", "platforms", "summary", "example", "notes"}


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
    if not isinstance(name, str) or not name.strip():
        raise InvalidArgumentError("a formula scheme needs a non-empty name")
    if any(c in name for c in "($."):
        raise InvalidArgumentError(f"scheme name {name!r} must not contain '(', '$' or '.'")
    scheme = make_scheme(
        compile_formula(formula, layout),
        name=name,
        summary=summary,
        aliases=tuple(aliases),
        platforms=tuple(platforms),
        example=example,
        notes=notes,
    )
    registry.register(scheme, replace=replace)
    return scheme


def _read_toml(path: Path) -> Mapping[str, object]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        with path.open("rb") as handle:
            data: dict[str, object] = tomllib.load(handle)
            return data
    except tomllib.TOMLDecodeError as exc:
        raise InvalidArgumentError(f"{path}: not valid TOML ({exc})") from None


def _strings(table: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidArgumentError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def load_formulas(path: str | Path, *, replace: bool = False) -> list[str]:
    """Register every scheme of a TOML file (see the module docstring); returns their names."""
    path = Path(path)
    tables = _read_toml(path).get("schemes")
    if not isinstance(tables, dict):
        raise InvalidArgumentError(f"{path}: expected [schemes.NAME] tables")
    names = []
    for name, table in tables.items():
        where = f"{path}: [schemes.{name}]"
        if not isinstance(table, dict) or not isinstance(table.get("formula"), str):
            raise InvalidArgumentError(f'{where} needs formula = "..."')
        unknown = set(table) - _KEYS
        if unknown:
            raise InvalidArgumentError(f"{where}: unknown keys {sorted(unknown)}")
        text = {k: table[k] for k in ("layout", "summary", "example", "notes") if k in table}
        if not all(isinstance(v, str) for v in text.values()):
            raise InvalidArgumentError(f"{where}: layout, summary, example, notes must be text")
        register_formula(
            name,
            table["formula"],
            layout=text.get("layout"),
            aliases=_strings(table, "aliases", where),
            platforms=_strings(table, "platforms", where),
            summary=text.get("summary"),
            example=text.get("example"),
            notes=text.get("notes", ""),
            replace=replace,
        )
        names.append(name)
    return names
