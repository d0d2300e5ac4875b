"""Profile columns: which column of a dump holds the email, the names and the verified flag that
an export target fills (Auth0's email and name, Okta's profile, Firebase's displayName...).

A row carries them in ``other`` under fixed keys (:data:`PROFILE_FIELDS`), whatever the source
called them, so every target reads ``row.field("email")`` and never a platform's column name.
``--email-column`` and friends, or a platform preset, say where they come from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from hashcompat.dump._row import Row

__all__ = ["PROFILE_FIELDS", "Profile", "truthy"]

PROFILE_FIELDS = ("login", "email", "name", "given_name", "family_name", "email_verified")
_FALSE = {"", "0", "false", "f", "no", "n", "0000-00-00 00:00:00"}


def truthy(value: object) -> bool:
    """A verified flag as databases keep it: a boolean, 0/1, or a timestamp (NULL: not yet)."""
    if value is None or value is False:
        return False
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    if isinstance(value, (int, float)):
        return value != 0
    return str(value).strip().lower() not in _FALSE


@dataclass(frozen=True, slots=True)
class Profile:
    """Column names per profile field; ``None``: the row's own ``other`` key of that name."""

    login: str | None = None
    email: str | None = None
    name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    email_verified: str | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def merged(self, over: Profile) -> Profile:
        """This mapping with ``over``'s named columns taking precedence."""
        named = {f.name: getattr(over, f.name) for f in fields(over) if getattr(over, f.name)}
        return replace(self, **named)

    def apply(self, row: Row, mapped: Mapping[str, object] | None = None) -> Row:
        """The row with each named column's value moved under its profile key. ``mapped``:
        the values of columns the row keeps as fields (the user name column), by column name,
        for a profile field that reads the same column."""
        if not self:
            return row
        values: dict[str, Any] = {**(mapped or {}), **dict(row.other)}
        taken: set[str] = set()
        found: dict[str, object] = {}
        for name in PROFILE_FIELDS:
            column = getattr(self, name)
            if column is None:
                continue
            value = values.get(column)
            if isinstance(value, (bytes, bytearray, memoryview)):
                value = bytes(value).decode("utf-8", "replace")
            if name == "email_verified":
                value = truthy(value)
            elif value is not None and not isinstance(value, str):
                value = str(value)
            found[name] = value
            taken.add(column)
        other = [(k, v) for k, v in row.other if k not in taken and k not in found]
        return replace(row, other=(*other, *found.items()))


@dataclass(frozen=True, slots=True)
class Person:
    """The profile of one row as export targets read it: values under the fixed keys that
    :class:`Profile` fills, with a dump's plain ``email``/``name`` columns as fallbacks."""

    login: str | None
    email: str | None
    name: str | None
    given_name: str | None
    family_name: str | None
    email_verified: bool | None

    @classmethod
    def of(cls, row: Row) -> Person:
        values = dict(row.other)
        verified = values.get("email_verified")
        return cls(
            login=row.field("login") or row.username,
            email=row.field("email"),
            name=row.field("name"),
            given_name=row.field("given_name") or row.field("firstName"),
            family_name=row.field("family_name") or row.field("lastName"),
            email_verified=None if verified is None else truthy(verified),
        )

    @property
    def display_name(self) -> str | None:
        """The name to show: the display name, else the given and family names."""
        if self.name:
            return self.name
        joined = " ".join(p for p in (self.given_name, self.family_name) if p)
        return joined or None
