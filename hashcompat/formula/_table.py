"""Formula tables: the TOML files users load and the built-in platform rows, read one way.

A file holds one table per scheme under ``[schemes]``::

    [schemes.mybb]
    formula = "md5(md5($salt).md5($pass))"
    layout = "{hash}:{salt}"          # optional, default {hash}
    aliases = ["ipb2"]                # optional
    platforms = ["MyBB 1.2+"]         # optional
    summary = "MyBB and IPB 2"        # optional
    example = "..."                   # optional
    notes = "..."                     # optional
    self_describing = false           # optional: the string alone names the scheme
    hashcat_mode = 2811               # optional: where its known-answer vectors come from
    vectors = "tests/vectors/x.jsonl" # optional: the same, for other sources

This module only reads and compiles; registering is :mod:`hashcompat.formula._registration`'s
job, so the family module that ships the built-in rows needs no registry.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from hashcompat.errors import InvalidArgumentError
from hashcompat.formula._scheme import FormulaScheme, compile_formula, make_scheme

if TYPE_CHECKING:
    from pathlib import Path  # only a type: pathlib costs a cold start milliseconds

__all__ = ["Row", "read_rows", "row_scheme"]

_TEXT = ("layout", "summary", "example", "notes", "vectors")
_KEYS = {"formula", "aliases", "platforms", "self_describing", "hashcat_mode", *_TEXT}


class Row(NamedTuple):
    """One table of a formula file. A named tuple, not a dataclass: the built-in tables'
    rows are built when a cold process first verifies one of them, and defining a dataclass
    costs about a millisecond."""

    name: str
    formula: str
    layout: str | None = None
    aliases: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    summary: str | None = None
    example: str | None = None
    notes: str = ""
    self_describing: bool = False
    hashcat_mode: int | None = None
    vectors: str = ""


def check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidArgumentError("a formula scheme needs a non-empty name")
    if any(c in name for c in "($."):
        raise InvalidArgumentError(f"scheme name {name!r} must not contain '(', '$' or '.'")
    return name


def row_scheme(row: Row) -> FormulaScheme:
    """The scheme a row describes (the formula compiled once, its layout's splitter built)."""
    scheme = make_scheme(
        compile_formula(row.formula, row.layout),
        name=check_name(row.name),
        summary=row.summary,
        aliases=row.aliases,
        platforms=row.platforms,
        example=row.example,
        notes=row.notes,
    )
    if row.self_describing:
        scheme = FormulaScheme(replace(scheme.info, self_describing=True), scheme.formula)
    return scheme


def _read_toml(path: str) -> Mapping[str, object]:
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415 - lazy: a stdlib module only this path needs
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    try:
        with open(path, "rb") as handle:
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


def _row(name: str, table: object, where: str) -> Row:
    if not isinstance(table, dict) or not isinstance(table.get("formula"), str):
        raise InvalidArgumentError(f'{where} needs formula = "..."')
    unknown = set(table) - _KEYS
    if unknown:
        raise InvalidArgumentError(f"{where}: unknown keys {sorted(unknown)}")
    text = {k: table[k] for k in _TEXT if k in table}
    if not all(isinstance(v, str) for v in text.values()):
        raise InvalidArgumentError(f"{where}: {', '.join(_TEXT)} must be text")
    describing = table.get("self_describing", False)
    mode = table.get("hashcat_mode")
    if not isinstance(describing, bool) or not (mode is None or type(mode) is int):
        raise InvalidArgumentError(f"{where}: self_describing is true/false, hashcat_mode a number")
    return Row(
        name=name,
        formula=table["formula"],
        layout=text.get("layout"),
        aliases=_strings(table, "aliases", where),
        platforms=_strings(table, "platforms", where),
        summary=text.get("summary"),
        example=text.get("example"),
        notes=text.get("notes", ""),
        self_describing=describing,
        hashcat_mode=mode,
        vectors=text.get("vectors", ""),
    )


def read_rows(path: str | Path) -> list[Row]:
    """Every table of a formula file, checked; nothing is compiled or registered."""
    path = os.fspath(path)
    tables = _read_toml(path).get("schemes")
    if not isinstance(tables, dict):
        raise InvalidArgumentError(f"{path}: expected [schemes.NAME] tables")
    return [_row(name, table, f"{path}: [schemes.{name}]") for name, table in tables.items()]
