"""The two values ``hashcompat sunset`` leaves in a legacy hash column when a migration ends.

``$hashcompat$locked$2027-03-01``: the user never moved; no password opens the row any more
and the id is on the reset list. ``$hashcompat$purged$2027-03-01``: the user moved; the legacy
hash was deleted. Neither holds anything derived from a password, neither verifies under any
scheme (``verify`` returns False, whatever the password), and ``identify`` names them
``hashcompat_locked`` and ``hashcompat_purged`` (``locked`` alone is an alias of the
``unix_disabled`` scheme of ``!`` and ``*`` entries), so every reader of the table (analyze,
export, the hook server, a login through :mod:`hashcompat.migrate`) sees a closed row, not a
malformed one. The date is the sunset date the operator chose.
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass

from hashcompat.errors import MalformedHashError
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength

__all__ = ["PREFIX", "Closed", "closed_marker", "read_marker"]

PREFIX = "$hashcompat$"
_MARKER = re.compile(r"\$hashcompat\$(locked|purged)\$(\d{4}-\d{2}-\d{2})")


class Closed(str, enum.Enum):
    """What sunset did to a row; the value is the word in its marker."""

    LOCKED = "locked"
    PURGED = "purged"


def closed_marker(state: Closed, date: datetime.date) -> str:
    """The marker for ``state`` on the sunset ``date``."""
    return f"{PREFIX}{state.value}${date.isoformat()}"


def read_marker(hash: str | None) -> tuple[Closed, datetime.date] | None:
    """(state, date) of a sunset marker; None for anything else (a real hash, NULL)."""
    if not hash or not hash.startswith(PREFIX):
        return None
    found = _MARKER.fullmatch(hash)
    if found is None:
        return None
    try:
        return Closed(found[1]), datetime.date.fromisoformat(found[2])
    except ValueError:  # 2027-02-30
        return None


@dataclass(frozen=True, slots=True)
class Marker(Scheme):
    """A scheme that never verifies; ``closed`` is the reason analyze gives for its rows."""

    info: SchemeInfo
    closed: str

    def parse(self, hash: str) -> Parsed:
        if read_marker(hash) is None:
            raise MalformedHashError(self.info.name, "not a sunset marker")
        return Parsed(hash)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return False  # a closed row holds no password to compare with


def _scheme(state: Closed, summary: str, closed: str) -> Marker:
    return Marker(
        SchemeInfo(
            name=f"hashcompat_{state.value}",
            summary=summary,
            aliases=(f"sunset_{state.value}",),
            platforms=("hashcompat sunset",),
            prefixes=(f"{PREFIX}{state.value}$",),
            pattern=rf"\$hashcompat\${state.value}\$\d{{4}}-\d{{2}}-\d{{2}}",
            self_describing=True,
            # nothing to crack: the strongest class, so no policy asks to rehash it
            strength=Strength.MODERN,
            example=closed_marker(state, datetime.date(2027, 3, 1)),
            notes="written by hashcompat sunset; no password verifies",
        ),
        closed,
    )


SCHEMES = (
    _scheme(Closed.LOCKED, "locked at the end of a migration: the user must reset", "locked"),
    _scheme(Closed.PURGED, "legacy hash deleted after the user migrated", "purged (migrated)"),
)
