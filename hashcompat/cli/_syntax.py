"""``--syntax john|hashcat`` and ``--mode N``: hashes written in a cracker's line syntax.

Shared by ``check``, ``identify`` and ``verify``: each line is read by
:func:`hashcompat.crackers.parse_line` into the platform's stored string, the scheme the
notation names and the salt or user name it carries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import click

from hashcompat.crackers import SYNTAXES, CrackerLine, parse_line

F = TypeVar("F", bound=Callable[..., object])


def syntax_options(command: F) -> F:
    command = click.option(
        "--mode",
        "hashcat_mode",
        type=int,
        help="hashcat's mode number, for --syntax hashcat (10: md5($pass.$salt) as hash:salt).",
    )(command)
    command = click.option(
        "--syntax",
        type=click.Choice(SYNTAXES),
        help="The hashes are lines in John the Ripper's or hashcat's syntax.",
    )(command)
    return command


def read_line(text: str, syntax: str | None, mode: int | None) -> CrackerLine:
    """The line as hashcompat reads it; without a syntax, the string as it is."""
    if syntax is None:
        return CrackerLine(None, text)
    return parse_line(text, syntax, mode=mode)


def read_rows(
    rows: list[dict[str, str | None]], syntax: str, mode: int | None
) -> tuple[list[Mapping[str, str | None]], str | None]:
    """The pairs with each hash read in ``syntax``, and the scheme every line names (if one)."""
    out: list[Mapping[str, str | None]] = []
    schemes = set()
    for row in rows:
        hash = row.get("hash")
        if not hash:
            out.append(row)
            continue
        line = parse_line(hash, syntax, mode=mode)
        schemes.add(line.scheme)
        merged = dict(row, hash=line.hash)
        for key, value in line.inputs().items():
            merged[key] = merged.get(key) or value
        out.append(merged)
    scheme = next(iter(schemes)) if len(schemes) == 1 else None
    return out, scheme
