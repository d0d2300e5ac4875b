"""The push checkpoint: one SQLite file (created 0600) with each user's state and outcome.

A user's row is written as SENDING, and committed, before its request leaves; it becomes DONE
with its outcome when the answer is in. After ``kill -9`` the same command reads the file:
users DONE in the interrupted run keep their outcome, SENDING users are looked up on the
platform before anything is sent again, and the rest are sent. WAL with ``synchronous=NORMAL``
makes each commit survive the death of the process (not of the machine) at little cost.

Incremental sync: ``fingerprint`` is an HMAC-SHA256 of the row's legacy hash and salt under a
key that lives in the file's ``meta`` table (or in ``HASHCOMPAT_PUSH_KEY``, then only the key's
fingerprint is stored). A later run sends only users whose fingerprint is new or different.
The file holds ids, outcomes, the platforms' reasons and fingerprints: never a hash.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hashcompat.errors import PushError
from hashcompat.push._outcome import Outcome, PushReport, State

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    key TEXT PRIMARY KEY, run INTEGER NOT NULL, state TEXT NOT NULL, outcome TEXT,
    reason TEXT NOT NULL DEFAULT '', fingerprint TEXT, pending TEXT, remote TEXT,
    owned INTEGER NOT NULL DEFAULT 0, intent REAL
);
CREATE INDEX IF NOT EXISTS users_run ON users (run, state);
"""


@dataclass(frozen=True, slots=True)
class Record:
    """One user's row in the checkpoint."""

    key: str
    run: int
    state: State
    outcome: Outcome | None
    fingerprint: str | None
    remote: str | None
    owned: bool
    intent: float | None


def _create_private(path: Path) -> None:
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


class Checkpoint:
    """Open with :meth:`open`; ``dry`` works on an in-memory copy and never writes the file."""

    def __init__(self, db: sqlite3.Connection, key: bytes) -> None:
        self.db = db
        self._key = key
        self.run = 0

    @classmethod
    def open(cls, path: Path, identity: str, *, dry: bool = False) -> Checkpoint:
        if dry:
            db = sqlite3.connect(":memory:", isolation_level=None)
            if path.exists():
                source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                source.backup(db)
                source.close()
        else:
            _create_private(path)
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("identity", identity) != identity:
            raise PushError(
                f"{path}: the checkpoint belongs to another target or tenant "
                f"({meta['identity']}); give another checkpoint=",
                parameters=("checkpoint=",),
            )
        key = _key(db, meta)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('identity', ?)", (identity,))
        return cls(db, key)

    def fingerprint(self, *parts: str | None) -> str:
        message = "\0".join(p or "" for p in parts).encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:32]

    def begin(self) -> tuple[int, bool]:
        """(run number, resumed): an unfinished run is resumed, else a new one starts."""
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if "open" in meta:
            self.run = int(meta["open"])
            return self.run, True
        self.run = int(meta.get("last", "0")) + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('open', ?)", (str(self.run),))
        return self.run, False

    def finish(self) -> None:
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM meta WHERE key = 'open'")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('last', ?)", (str(self.run),))
        self.db.execute("COMMIT")

    def get(self, key: str) -> Record | None:
        found = self.db.execute(
            "SELECT key, run, state, outcome, fingerprint, remote, owned, intent"
            " FROM users WHERE key = ?",
            (key,),
        ).fetchone()
        if found is None:
            return None
        outcome = Outcome(found[3]) if found[3] else None
        return Record(
            found[0],
            found[1],
            State(found[2]),
            outcome,
            found[4],
            found[5],
            bool(found[6]),
            found[7],
        )

    def intend(self, items: list[tuple[str, str]], when: float) -> None:
        """Mark (key, fingerprint) pairs SENDING in one committed transaction."""
        self.db.execute("BEGIN")
        self.db.executemany(
            "INSERT INTO users (key, run, state, pending, intent) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET run = excluded.run, state = excluded.state,"
            " pending = excluded.pending, intent = excluded.intent",
            [(key, self.run, State.SENDING.value, fp, when) for key, fp in items],
        )
        self.db.execute("COMMIT")

    def done(self, results: list[tuple[str, Outcome, str, str | None, str | None]]) -> None:
        """Record (key, outcome, reason, fingerprint, remote id) rows, one transaction."""
        owned = (Outcome.CREATED.value, Outcome.UPDATED.value)
        self.db.execute("BEGIN")
        self.db.executemany(
            "INSERT INTO users (key, run, state, outcome, reason, fingerprint, remote, owned)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (key) DO UPDATE SET"
            " run = ?2, state = ?3, outcome = ?4, reason = ?5,"
            " fingerprint = coalesce(?6, fingerprint), remote = coalesce(?7, remote),"
            " owned = max(owned, ?8), pending = NULL",
            [
                (k, self.run, State.DONE.value, o.value, r, fp, rid, int(o.value in owned))
                for k, o, r, fp, rid in results
            ],
        )
        self.db.execute("COMMIT")

    def report(self, report: PushReport) -> PushReport:
        """Fill ``report``'s counts from the DONE rows of this run."""
        rows = self.db.execute(
            "SELECT outcome, reason, count(*) FROM users WHERE run = ? AND state = ?"
            " GROUP BY outcome, reason",
            (self.run, State.DONE.value),
        ).fetchall()
        for outcome, reason, count in rows:
            report.add(Outcome(outcome), reason, count)
        report.run = self.run
        return report

    def close(self) -> None:
        self.db.close()


def _key(db: sqlite3.Connection, meta: dict[str, str]) -> bytes:
    """The HMAC key: ``HASHCOMPAT_PUSH_KEY`` (only its fingerprint stored), else one kept in
    the file. Changing the key makes every user look changed, so a different key is refused."""
    given = os.environ.get("HASHCOMPAT_PUSH_KEY")
    if given:
        key = given.encode("utf-8")
        mark = hashlib.sha256(b"hashcompat push key\0" + key).hexdigest()[:16]
        if meta.get("key-fingerprint", mark) != mark or "key" in meta:
            raise PushError(
                "HASHCOMPAT_PUSH_KEY differs from the key this checkpoint was made with"
            )
        db.execute("INSERT OR IGNORE INTO meta VALUES ('key-fingerprint', ?)", (mark,))
        return key
    if "key-fingerprint" in meta:
        raise PushError("this checkpoint was made with HASHCOMPAT_PUSH_KEY set; set it again")
    if "key" not in meta:
        db.execute("INSERT INTO meta VALUES ('key', ?)", (secrets.token_hex(32),))
        return bytes.fromhex(db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()[0])
    return bytes.fromhex(meta["key"])
