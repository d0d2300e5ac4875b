"""The two sides of a reconciliation and the key that matches them.

A user on either side is reduced to what matching and the contact lists need: an id, the
value of the key column (an email by default), and a display name for the conflict check.
The key is normalised by :func:`normalise`: Unicode NFKC, then lower case, with the
surrounding white space removed: full-width letters, ligatures and an upper-case domain
match their plain lower-case forms.
No hash or password is ever read into these records.
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = [
    "ConflictKind",
    "Group",
    "LegacyUser",
    "TargetUser",
    "UserListing",
    "normalise",
    "same_name",
]


@functools.lru_cache(maxsize=4096)
def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().lower()


def normalise(value: str | None) -> str | None:
    """The documented match key: NFKC, lower case, stripped; None for an empty value."""
    if value is None:
        return None
    text = value.strip().lower() if value.isascii() else _nfkc(value)
    return text or None


def same_name(left: str | None, right: str | None) -> bool:
    """Names agree when either is missing, or when they are equal after NFKC, case folding
    and collapsing white space."""
    if not left or not right:
        return True

    def fold(name: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", name).casefold().split())

    return fold(left) == fold(right)


class Group(str, enum.Enum):
    """Where a legacy user stands against the target."""

    BOTH = "both"
    LEGACY_ONLY = "legacy_only"
    TARGET_ONLY = "target_only"


class ConflictKind(str, enum.Enum):
    NAME_MISMATCH = "name_mismatch"  # same key, different names
    SEVERAL_LEGACY = "several_legacy"  # one target user matches several legacy users
    SEVERAL_TARGET = "several_target"  # several target users share the key
    NO_KEY = "no_key"  # a legacy user without a key value cannot be matched


@dataclass(frozen=True, slots=True)
class LegacyUser:
    """A user of the legacy dump: its reference (id, else row number) and its key value."""

    ref: str
    key: str | None  # as written in the dump (for the contact lists)
    email: str | None
    name: str | None

    @property
    def match(self) -> str | None:
        return normalise(self.key)


@dataclass(frozen=True, slots=True)
class TargetUser:
    """A user already in the target. ``has_password`` is None where the source cannot say."""

    id: str
    key: str | None
    email: str | None
    name: str | None = None
    has_password: bool | None = None

    @property
    def match(self) -> str | None:
        return normalise(self.key)


@runtime_checkable
class UserListing(Protocol):
    """What a platform API client implements so that reconcile can read the target's users
    (``hashcompat reconcile DUMP --target api:PLATFORM``): one pass over every user, paging
    and rate limits handled inside. ``key`` is the field asked for ("email" by default)."""

    def list_users(self, *, key: str = "email") -> Iterable[TargetUser]: ...
