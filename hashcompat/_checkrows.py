"""The rows of a sample as the checker sees them: masked for the report, checked for data
problems (whitespace, case, duplicates), and the likely cause of a row that does not verify."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hashcompat._discover import Pair, timed_verify
from hashcompat.errors import InvalidArgumentError
from hashcompat.scheme import Scheme

__all__ = ["Sample", "explain_miss", "mask_hash", "mask_password"]

_FIELDS = ("password", "hash", "salt", "username", "pepper")
_HEX = re.compile(r"[0-9a-fA-F]+")
_WP_SCHEMES = frozenset({"wordpress_bcrypt", "phpass"})


def mask_password(password: str) -> str:
    """First character and length only: enough to tell rows apart, useless to an attacker."""
    if not password:
        return "(empty)"
    size = f"{len(password)} char{'' if len(password) == 1 else 's'}"
    if len(password) < 4:
        return f"{'*' * len(password)} ({size})"
    return f"{password[0]}{'*' * 5} ({size})"


def mask_hash(hash: str) -> str:
    """The format-revealing start of a hash, never enough of it to attack."""
    shown = min(len(hash) // 3, 8)
    return f"{hash[:shown]}… ({len(hash)} chars)"


def _to_pair(row: Mapping[str, str | None], index: int) -> Pair | None:
    if not isinstance(row, Mapping):
        raise InvalidArgumentError(f"pair {index} is not a mapping")
    values = {k: row.get(k) for k in _FIELDS}
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            raise InvalidArgumentError(f"pair {index}: {name} must be text")
    password, hash = values["password"], values["hash"]
    if password is None or not hash or not hash.strip():
        return None
    return Pair(
        password=password,
        hash=hash.strip(),
        salt=values["salt"] or None,
        username=values["username"] or None,
        pepper=values["pepper"] or None,
    )


def _problems(raw_hash: str, pair: Pair | None, seen: set[tuple[str, str]]) -> list[str]:
    problems = []
    if raw_hash != raw_hash.strip():
        problems.append("whitespace around the hash (ignored)")
    if pair is None:
        problems.append("missing password or hash: not usable")
        return problems
    if (pair.password, pair.hash) in seen:
        problems.append("duplicate of an earlier pair: counted once")
    if (
        _HEX.fullmatch(pair.hash)
        and pair.hash != pair.hash.lower()
        and pair.hash != pair.hash.upper()
    ):
        problems.append("mixed-case hex digest")
    elif _HEX.fullmatch(pair.hash) and any(c in "ABCDEF" for c in pair.hash):
        problems.append("upper-case hex digest (compared without case)")
    return problems


@dataclass(slots=True)
class Sample:
    """The rows as given, and the usable, de-duplicated pairs among them."""

    rows: list[Mapping[str, str | None]]
    parsed: list[Pair | None]
    problems: list[list[str]]
    usable: list[tuple[int, Pair]]  # (1-based row number, pair)

    @classmethod
    def read(cls, pairs: Iterable[Mapping[str, str | None]]) -> Sample:
        rows = list(pairs)
        parsed = [_to_pair(row, i) for i, row in enumerate(rows, 1)]
        seen: set[tuple[str, str]] = set()
        problems, usable = [], []
        for i, (row, pair) in enumerate(zip(rows, parsed, strict=True), 1):
            problems.append(_problems(str(row.get("hash") or ""), pair, seen))
            if pair is not None and (pair.password, pair.hash) not in seen:
                seen.add((pair.password, pair.hash))
                usable.append((i, pair))
        return cls(rows, parsed, problems, usable)


def explain_miss(scheme: Scheme, pair: Pair) -> list[str]:
    """Name the likely cause when a pair fails under the scheme that fits the others."""
    missing = [name for name in scheme.info.inputs if getattr(pair, name) is None]
    if missing:
        return [f"missing {', '.join(missing)} for this row"]
    stripped = pair.password.strip(" \t\n\r\0\x0b")
    if stripped != pair.password and timed_verify(scheme, pair, stripped)[0]:
        where = "WordPress " if scheme.info.name in _WP_SCHEMES else ""
        return [
            f"matches once the password is trimmed: {where}trimmed it when hashing, so the "
            "user must type it without the surrounding spaces"
        ]
    if not scheme.info.matches(pair.hash) and scheme.info.pattern is not None:
        return [f"the hash does not have the {scheme.info.name} format"]
    if scheme.info.matches(pair.hash):
        return [
            f"a {scheme.info.name} hash, but the password does not match: a typo in the "
            "sample, or the password changed after the export"
        ]
    return []
