"""A simulated just-in-time migration for the progress tests and the docs' screenshot.

Users sign in on each day with their own probability (a few daily, many weekly, a long tail
rarely, some never: the shape real sign-in logs have); the first sign-in through the hook marks
the row. Seeded per user, so the same call gives the same table and audit log.
"""

from __future__ import annotations

import datetime
import json
import random
from pathlib import Path

START = datetime.date(2026, 9, 1)  # the hook server went live
AS_OF = datetime.date(2026, 11, 15)
RATES = ((0.15, 0.2), (0.35, 0.03), (0.3, 0.006), (0.2, 0.0))  # (share of users, daily chance)


def simulate(
    users: int, *, seed: int = 7, until: datetime.date = AS_OF
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(rows with id, email, hash, migrated_at, last_login; audit records) up to ``until``.
    Each user draws from their own seeded generator, so a later ``until`` continues the same
    migration: the tests compare the projection with what happened next."""
    rows: list[dict[str, object]] = []
    audit: list[dict[str, object]] = []
    days = (until - START).days
    for i in range(users):
        chance = random.Random(seed * 1_000_003 + i)
        pick, total, rate = chance.random(), 0.0, 0.0
        for share, daily in RATES:
            total += share
            if pick < total:
                rate = daily
                break
        before = START - datetime.timedelta(
            days=1 + int(chance.expovariate(1 / 60) if rate else 400)
        )
        row: dict[str, object] = {
            "id": i + 1,
            "email": f"user{i + 1}@example.com",
            "hash": f"{i:032x}",
            "migrated_at": None,
            "last_login": datetime.datetime.combine(before, datetime.time(12)),
        }
        for day in range(days):
            signs_in, forgot = chance.random() < rate, chance.random() < rate / 4
            if not (signs_in or forgot):
                continue
            when = datetime.datetime.combine(
                START + datetime.timedelta(days=day), datetime.time(9), datetime.timezone.utc
            ) + datetime.timedelta(minutes=chance.randrange(600))
            first = signs_in and row["migrated_at"] is None
            if first:
                row["migrated_at"] = when.replace(tzinfo=None)
            audit.append(
                {
                    "time": when.isoformat(),
                    "platform": "okta",
                    "user_id": str(i + 1),
                    "outcome": "verified" if signs_in else "failed",
                    "scheme": "md5",
                    "migrated": first,
                    "client": "127.0.0.1",
                    "ms": 1.0,
                }
            )
        rows.append(row)
    audit.sort(key=lambda r: str(r["time"]))
    return rows, audit


def write_audit(path: Path, audit: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in audit), encoding="utf-8")
    return path


def make_table(url: str, rows: list[dict[str, object]]) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    meta = sa.MetaData()
    table = sa.Table(
        "users",
        meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("email", sa.String(100)),
        sa.Column("hash", sa.String(64)),
        sa.Column("migrated_at", sa.DateTime),
        sa.Column("last_login", sa.DateTime),
    )
    meta.create_all(engine)
    if rows:
        with engine.begin() as connection:
            connection.execute(table.insert(), rows)
    engine.dispose()
