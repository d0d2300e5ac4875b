"""How far a just-in-time migration has got: marks, activity, the curve, the projection.

Two inputs. The **marks**: the users table (or a dump of it) with the ``migrated_at`` column the
hook server fills on a user's first verified sign-in (:mod:`hashcompat.migrate.stores.migrated`);
its date is the day the user moved. The **audit log** of the hook server
(:mod:`hashcompat.server._audit`, one JSON line per sign-in check): who tried to sign in and
when, and, for a file store whose marks live in memory, which sign-ins marked a user
(``"migrated": true``). Audit lines are joined to users by id, also when the server wrote the
ids as HMACs (``audit_user = "hmac"``) and the same key is given.

A user is **migrated** (marked), **remaining, seen** (not marked, but on the audit log) or
**never seen** (neither). A user is **active** when marked, or when their last activity (an
audit line, or the legacy last-login column given as ``last_seen_column``) falls in the
``active_days`` before ``as_of``. Without any activity source every user counts as active, and
the report says so. The projection is :mod:`hashcompat.bulk._projection`'s.

Memory: the id and a few ints per user (about 160 bytes, measured), so a table of millions
fits; the rows stream through once.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import hmac
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from hashcompat.bulk._projection import Estimate, Goal, estimate, project
from hashcompat.dump import Malformed, Row
from hashcompat.migrate.stores.migrated import MIGRATED_COLUMN

__all__ = ["GOALS", "Progress", "Standing", "collect"]

GOALS = (0.9, 0.99)
MODEL = (
    "constant daily hazard: each active user not yet moved moves on a given day with the "
    "probability seen over the last {window} complete days (first sign-ins / user-days at "
    "risk). Assumes a fixed active population, every sign-in through the hook and a steady "
    "rate; frequent users move first, so read the dates as the earliest likely."
)


class Standing(str, enum.Enum):
    MIGRATED = "migrated"
    SEEN = "remaining, seen"  # not marked, but tried the hook (audit log)
    NEVER_SEEN = "never seen"  # not marked, not on the audit log


@dataclass(frozen=True)
class Progress:
    source: str
    as_of: datetime.date
    active_days: int
    window_days: int
    users: dict[Standing, int]
    total: int
    active: int
    active_migrated: int
    daily: tuple[tuple[datetime.date, int], ...]  # first sign-ins per day, every user
    active_daily: dict[datetime.date, int]  # the same, active users only
    fit: Estimate
    goals: tuple[Goal, ...]
    notes: tuple[str, ...] = ()
    audit: dict[str, int] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.active_migrated / self.active if self.active else 0.0

    @property
    def model(self) -> str:
        return MODEL.format(window=self.window_days)

    def curve(self) -> list[tuple[datetime.date, float]]:
        """The share of active users moved at the end of each day."""
        done, out = 0, []
        for day, _ in self.daily:
            done += self.active_daily.get(day, 0)
            out.append((day, done / self.active if self.active else 0.0))
        return out

    def to_dict(self) -> dict[str, object]:
        fit = self.fit
        return {
            "source": self.source,
            "as_of": self.as_of.isoformat(),
            "users": {
                "total": self.total,
                **{s.value: self.users.get(s, 0) for s in Standing},
                "remaining": self.total - self.users.get(Standing.MIGRATED, 0),
            },
            "active": {
                "days": self.active_days,
                "users": self.active,
                "migrated": self.active_migrated,
                "share_moved": round(self.share, 6),
            },
            "daily": [{"date": d.isoformat(), "first_sign_ins": n} for d, n in self.daily],
            "projection": {
                "model": self.model,
                "window": [fit.window[0].isoformat(), fit.window[1].isoformat()],
                "daily_hazard": None if fit.hazard is None else round(fit.hazard, 8),
                "events": fit.events,
                "user_days_at_risk": fit.exposure,
                "insufficient": fit.reason or None,
                "goals": [g.to_dict() for g in self.goals],
            },
            "audit": dict(self.audit),
            "notes": list(self.notes),
        }


def _day(value: object) -> datetime.date | None:
    """The UTC day of a timestamp column or audit time; None for empty or unreadable."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return _day(datetime.datetime.fromisoformat(value.strip()))
        except ValueError:
            return None
    return None


def audit_key(user: str, key: bytes | None) -> str:
    """How the hook server's audit log writes ``user`` (plain, or ``audit_user = "hmac"``)."""
    if key is None:
        return user
    raw = user.encode("utf-8", "surrogateescape")
    return "hmac:" + hmac.new(key, raw, hashlib.sha256).hexdigest()[:32]


@dataclass
class _Users:
    """Per user: the day they moved and the day last seen, as ordinals (0: none)."""

    index: dict[str, int] = field(default_factory=dict)
    moved: list[int] = field(default_factory=list)
    last: list[int] = field(default_factory=list)
    audited: bytearray = field(default_factory=bytearray)
    undated: int = 0
    marks_column: bool = True

    def add(self, ident: object, moved: int, last: int, key: bytes | None) -> None:
        slot = len(self.moved)
        self.moved.append(moved)
        self.last.append(last)
        self.audited.append(0)
        if ident is not None:
            text = str(ident)
            for form in dict.fromkeys((text, text.lower())):
                self.index.setdefault(audit_key(form, key), slot)


def _read_rows(
    rows: Iterable[Row | Malformed],
    users: _Users,
    *,
    migrated_column: str,
    last_seen_column: str | None,
    key: bytes | None,
) -> None:
    for row in rows:
        if isinstance(row, Malformed):
            users.add(row.id, 0, 0, key)
            continue
        other = dict(row.other)
        mark = other.get(migrated_column)
        moved = 0
        if mark not in (None, ""):
            day = _day(mark)
            moved = day.toordinal() if day else -1  # marked, day unknown
            users.undated += day is None
        seen = _day(other.get(last_seen_column)) if last_seen_column else None
        users.add(row.id, moved, seen.toordinal() if seen else 0, key)


def _read_audit(paths: Iterable[str | Path], users: _Users) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                counts["lines"] += 1
                try:
                    record = json.loads(line)
                    day = _day(record["time"])
                    user = record.get("user_id")
                except (ValueError, KeyError, TypeError):
                    counts["unreadable"] += 1
                    continue
                slot = users.index.get(str(user)) if user is not None else None
                if slot is None or day is None:
                    counts["unmatched"] += 1
                    continue
                counts["matched"] += 1
                ordinal = day.toordinal()
                users.audited[slot] = 1
                users.last[slot] = max(users.last[slot], ordinal)
                if record.get("migrated") is True and not users.marks_column:
                    first = users.moved[slot]
                    users.moved[slot] = ordinal if first <= 0 else min(first, ordinal)
    return counts


def collect(
    rows: Iterable[Row | Malformed],
    *,
    source: str = "rows",
    header: Iterable[str] = (),
    audit: Iterable[str | Path] = (),
    audit_hmac_key: bytes | None = None,
    migrated_column: str = MIGRATED_COLUMN,
    last_seen_column: str | None = None,
    as_of: datetime.date | None = None,
    active_days: int = 90,
    window_days: int = 28,
    goals: Iterable[float] = GOALS,
) -> Progress:
    """The progress of the users in ``rows`` (with ``header``, the dump's column names: marks
    come from the audit log when ``migrated_column`` is not among them)."""
    today = as_of or datetime.datetime.now(datetime.timezone.utc).date()
    audit = list(audit)
    names = set(header)
    users = _Users(marks_column=migrated_column in names or not names)
    notes = []
    if not users.marks_column:
        notes.append(f"no {migrated_column} column: the marks come from the audit log")
    _read_rows(
        rows,
        users,
        migrated_column=migrated_column,
        last_seen_column=last_seen_column,
        key=audit_hmac_key,
    )
    counts = _read_audit(audit, users)
    if counts["lines"] and not counts["matched"]:
        notes.append(
            "no audit line names a user of the table: ids written as HMACs need the same key "
            "(--audit-key-env), and truncated ids cannot be joined"
        )
    if users.undated:
        notes.append(f"{users.undated} marks without a readable date are left out of the curve")
    tracked = bool(audit) or last_seen_column is not None
    if not tracked:
        notes.append(
            "no audit log and no last-seen column: every user counts as active, and never-seen "
            "users cannot be told apart"
        )
    since = (today - datetime.timedelta(days=active_days)).toordinal()
    standing: Counter[Standing] = Counter()
    daily: Counter[int] = Counter()
    active_daily: Counter[int] = Counter()
    active = active_migrated = 0
    for moved, last, audited in zip(users.moved, users.last, users.audited, strict=True):
        if moved:
            standing[Standing.MIGRATED] += 1
        else:
            standing[Standing.SEEN if audited else Standing.NEVER_SEEN] += 1
        if moved or not tracked or last >= since:
            active += 1
            active_migrated += bool(moved)
            if moved > 0:
                active_daily[moved] += 1
        if moved > 0:
            daily[moved] += 1
    if not audit:
        standing.pop(Standing.SEEN, None)
        standing.pop(Standing.NEVER_SEEN, None)
    first = min(daily) if daily else None
    days = (
        tuple(
            (datetime.date.fromordinal(d), daily.get(d, 0))
            for d in range(first, max(*daily, today.toordinal()) + 1)
        )
        if first is not None
        else ()
    )
    per_day = {datetime.date.fromordinal(d): n for d, n in active_daily.items()}
    window_start = today - datetime.timedelta(days=window_days)
    before = sum(n for d, n in per_day.items() if d < window_start) + min(users.undated, active)
    fit = estimate(
        per_day,
        active,
        before,
        today=today,
        window=window_days,
        first_mark=None if first is None else datetime.date.fromordinal(first),
    )
    goal_list = sorted(goals)
    progress = Progress(
        source=source,
        as_of=today,
        active_days=active_days,
        window_days=window_days,
        users={s: standing[s] for s in Standing if s in standing},
        total=len(users.moved),
        active=active,
        active_migrated=active_migrated,
        daily=days,
        active_daily=per_day,
        fit=fit,
        goals=(),
        notes=tuple(notes),
        audit=dict(counts),
    )
    reached = {g: next((d for d, s in progress.curve() if s >= g), None) for g in goal_list}
    made = project(goal_list, progress.share, fit, today=today, reached=reached)
    return replace(progress, goals=tuple(made))
