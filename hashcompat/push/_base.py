"""What every platform client gives the delivery engine, and what it gets.

A client knows one platform's user API: how to create a batch of users (one user for most
platforms), how to find one user by its login, how to replace one user's password hash. The
engine (:mod:`hashcompat.push._engine`) does everything else: checkpoint, pacing, retries,
comparison with users already there, the report. Payloads come from the export target of the
same name (``hashcompat.export``), so push and export never disagree about a row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from hashcompat.dump import Row
from hashcompat.push._http import Answer, Http
from hashcompat.push._outcome import Outcome


@dataclass(frozen=True, slots=True)
class Item:
    """One user on its way. ``payload`` carries the hash: it is sent, never logged or stored."""

    key: str
    login: str
    payload: dict[str, Any]
    profile: dict[str, str]
    fingerprint: str
    row: Row
    remote: str | None = None

    def __repr__(self) -> str:  # never the payload
        return f"Item(key={self.key!r})"


@dataclass(frozen=True, slots=True)
class Remote:
    """A user the platform already has: its id, when it was made (the platform's clock, epoch
    seconds; None when the platform does not say) and the profile fields push compares."""

    id: str
    created: float | None
    profile: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Result:
    """A client's verdict on one item: CREATED, UPDATED, REJECTED (with the platform's reason)
    or EXISTS (a conflict: the engine looks the user up and compares)."""

    outcome: Outcome
    reason: str = ""
    remote: str | None = None


class Client(Protocol):
    """One platform's user API. ``batch``: users per create call; ``concurrency``: the most
    calls the platform allows at once (None: the run's ``--concurrency``)."""

    @property
    def name(self) -> str: ...

    @property
    def batch(self) -> int: ...

    @property
    def concurrency(self) -> int | None: ...

    def endpoint(self) -> tuple[str, dict[str, str]]: ...

    def group(self, item: Item) -> str: ...

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]: ...

    async def find(self, http: Http, item: Item) -> Remote | None: ...

    async def replace(self, http: Http, item: Item, remote: str) -> Result: ...


_LONG_TOKEN = re.compile(r"[A-Za-z0-9+/=$.,_-]{16,}")  # what a hash, salt or token looks like


def rejected(answer: Answer) -> Result:
    """A 4xx answer as a REJECTED result whose reason is the platform's own message, cut short
    and stripped of anything that looks like a hash value (the payload is never echoed)."""
    return Result(Outcome.REJECTED, f"HTTP {answer.status}: {message(answer)}")


def message(answer: Answer) -> str:
    body = answer.json()
    found: Any = None
    if isinstance(body, dict):
        causes = body.get("errorCauses")  # Okta puts the field's own message here
        if isinstance(causes, list) and causes and isinstance(causes[0], dict):
            body = {**body, "errorSummary": causes[0].get("errorSummary")}
        for key in ("errorSummary", "message", "error_description", "error", "title", "detail"):
            if isinstance(body.get(key), str | dict):
                found = body[key]
                break
        if isinstance(found, dict):
            found = found.get("message") or found.get("reason")
        if found is None and isinstance(body.get("errors"), list) and body["errors"]:
            first = body["errors"][0]
            found = first.get("message") if isinstance(first, dict) else first
    text = str(found) if found else (answer.text[:120] if answer.text else "no message")
    return _LONG_TOKEN.sub("[...]", " ".join(text.split()))[:200]


def iso_time(value: object) -> float | None:
    """Epoch seconds from an ISO 8601 time (``Z`` or an offset), or from epoch milliseconds."""
    if isinstance(value, int | float) or (isinstance(value, str) and value.isdigit()):
        return float(value) / 1000.0
    if not isinstance(value, str) or not value:
        return None
    text = value.replace("Z", "+00:00").replace("z", "+00:00")
    if "." in text:  # Python 3.10 reads at most six digits of a fraction
        head, _, rest = text.partition(".")
        digits = "".join(c for c in rest if c.isdigit())
        text = f"{head}.{digits[:6].ljust(6, '0')}{rest[len(digits) :]}"
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return None
