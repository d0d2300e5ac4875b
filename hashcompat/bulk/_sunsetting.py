"""``hashcompat sunset``: the end of a just-in-time migration.

On the sunset date every legacy row still there is closed. A row the hook server marked
migrated (a non-empty ``migrated_at``) is **purged**: its legacy hash is replaced by the purged
marker, because the user now signs in on the new platform and the old hash only waits to leak.
Every other row is **locked**: the locked marker, which no password opens, and its id and email
go to the reset list. The markers are documented in :mod:`hashcompat._families.sunset`.

It runs like ``upgrade`` and shares its parts: the rows come from :func:`open_source` in batches,
a table is changed in place by :class:`TableSink` with one compare-and-swap per row in one
transaction per batch (a lock also requires the row to be still unmarked, so a user who signs
in meanwhile is never locked), a file is copied by :class:`FileSink`, and a :class:`Checkpoint`
after each durable batch makes a killed run resumable by running it again. Rows already closed
are left alone and an already locked row is listed again, so the reset list always names every
locked row, whatever was interrupted where.
"""

from __future__ import annotations

import datetime
import enum
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hashcompat._families.sunset import Closed, closed_marker, read_marker
from hashcompat.bulk._checkpoint import Checkpoint
from hashcompat.bulk._resetlist import ResetList
from hashcompat.bulk._sinks import FileSink, TableSink
from hashcompat.bulk._upgrading import platform_table
from hashcompat.dump import Columns, DumpError, Malformed, Record, Row, RowSource
from hashcompat.dump._platform import open_source
from hashcompat.dump._profilecols import Profile
from hashcompat.errors import InterruptedRunError, InvalidArgumentError
from hashcompat.migrate.stores.migrated import MIGRATED_COLUMN

__all__ = ["Action", "SunsetResult", "plan_row", "sunset"]

EMAIL_NAMES = ("email", "user_email", "mail", "email_address", "e_mail")


class Action(str, enum.Enum):
    """What sunset does, or did, to one row."""

    LOCK = "locked"  # not migrated: locked marker, listed for reset
    PURGE = "purged"  # migrated: the legacy hash replaced by the purged marker
    WAS_LOCKED = "already locked"  # listed again: the reset list names every locked row
    WAS_PURGED = "already purged"
    CHANGED = "changed meanwhile"  # the compare-and-swap lost: a rerun takes it up
    UNREADABLE = "unreadable, left alone"  # no hash, or not text: nothing to close

    @property
    def listed(self) -> bool:
        return self in (Action.LOCK, Action.WAS_LOCKED)


def plan_row(row: Row | Malformed, migrated_column: str = MIGRATED_COLUMN) -> Action:
    """The action for one row as read: the one decision of a run, a dry run and the tests."""
    if isinstance(row, Malformed):
        return Action.UNREADABLE
    marker = read_marker(row.hash)
    if marker is not None:
        return Action.WAS_LOCKED if marker[0] is Closed.LOCKED else Action.WAS_PURGED
    value = dict(row.other).get(migrated_column)
    return Action.PURGE if value not in (None, "") else Action.LOCK


@dataclass(frozen=True)
class SunsetResult:
    date: datetime.date
    counts: dict[str, int]
    listed: int = 0  # rows written to the reset list
    resumed_at: int = 0
    dry_run: bool = False
    reset_list: str | None = None
    elapsed_s: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "rows": {a.value: self.counts.get(a.value, 0) for a in Action},
            "listed": self.listed,
            "resumed_at": self.resumed_at,
            "dry_run": self.dry_run,
            "reset_list": self.reset_list,
        }

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run else "rows"
        out = [
            f"sunset of {self.date.isoformat()}" + (" (dry run: nothing written)" * self.dry_run)
        ]
        out += [f"{a.value:<24}{self.counts.get(a.value, 0):>10}" for a in Action]
        out.append(f"{'total':<24}{sum(self.counts.values()):>10} {verb}")
        if self.resumed_at:
            out.append(f"resumed after row {self.resumed_at}")
        if self.reset_list is not None:
            out.append(f"reset list: {self.reset_list} ({self.listed} rows, id and email)")
        return out


@dataclass
class _Run:
    markers: dict[Action, str]
    migrated: str
    email: Callable[[Row], object]
    checkpoint: Checkpoint
    sink: FileSink | TableSink | None = None
    resets: ResetList | None = None
    guard: Any = None  # a lock also needs the row unmarked (tables)
    counts: Counter[str] = field(default_factory=Counter)
    listed: int = 0

    def batch(self, records: list[Record]) -> None:
        actions = [plan_row(r.item, self.migrated) for r in records]
        changes = [i for i, a in enumerate(actions) if a in self.markers]
        out_offset = 0
        if isinstance(self.sink, TableSink) and changes:
            rows: list[Row] = [records[i].item for i in changes]  # type: ignore[misc]
            values = [self.markers[actions[i]] for i in changes]
            guards = [self.guard if actions[i] is Action.LOCK else None for i in changes]
            for i, done in zip(changes, self.sink.swap(rows, values, guards), strict=True):
                if not done:
                    actions[i] = Action.CHANGED
        elif isinstance(self.sink, FileSink):
            self.sink.write(records, {i: self.markers[actions[i]] for i in changes})
            out_offset = self.sink.commit()
        self.counts.update(a.value for a in actions)
        if self.resets is None:
            return
        listed = [
            r.item
            for r, a in zip(records, actions, strict=True)
            if a.listed and isinstance(r.item, Row)
        ]
        self.resets.add([(row.id, self.email(row)) for row in listed])
        self.listed += len(listed)
        state = {
            "position": records[-1].end.to_dict(),
            "out_offset": out_offset,
            "reset_offset": self.resets.commit(),
            "counts": dict(self.counts),
            "listed": self.listed,
        }
        self.checkpoint.save(state)


def sunset(
    dump: str | Path,
    *,
    date: datetime.date,
    reset_list: str | Path | None = None,
    output: str | Path | None = None,
    table: str | None = None,
    columns: Columns | None = None,
    where: str | None = None,
    input_format: str | None = None,
    platform: str | None = None,
    prefix: str | None = None,
    profile: Profile | None = None,
    migrated_column: str = MIGRATED_COLUMN,
    batch: int = 500,
    checkpoint: str | Path | None = None,
    dry_run: bool = False,
    force: bool = False,
    today: datetime.date | None = None,
    echo: Callable[[str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SunsetResult:
    """Close every row of ``dump`` (a table, changed in place; or a file, copied to
    ``output``) as of ``date``; see docs/hooks.md, "Closing the migration". ``platform``,
    ``prefix``: a source preset (``--from``); ``profile``: where the email is (else a column
    named like one, see :data:`EMAIL_NAMES`)."""
    say = echo or (lambda line: None)
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    if date > today and not dry_run:
        raise InvalidArgumentError(
            f"the sunset date {date.isoformat()} is after today ({today.isoformat()}); "
            "preview it with dry_run=True, run it on that date",
            parameters=("dry_run=True",),
        )
    is_table = "://" in str(dump)
    if is_table and output is not None:
        raise InvalidArgumentError(
            "a table is closed in place; pass no output=", parameters=("output=",)
        )
    if not dry_run and ((not is_table and output is None) or reset_list is None):
        raise InvalidArgumentError(
            "a sunset needs reset_list=" + ("" if is_table else " and output="),
            parameters=("reset_list=", "output="),
        )
    if platform is not None:
        table = platform_table(platform, prefix, is_table, table, "sunset")
    where_to = Path(checkpoint) if checkpoint else _default_checkpoint(dump, output, table)
    state = Checkpoint(
        where_to,
        {
            "command": "sunset",
            "dump": str(dump),
            "table": table,
            "where": where,
            "platform": platform,
            "output": None if output is None else str(output),
            "date": date.isoformat(),
            "migrated_column": migrated_column,
            "reset_list": None if reset_list is None else str(reset_list),
        },
    )
    resume = None if dry_run else state.load()
    started = time.perf_counter()
    source = open_source(
        dump,
        platform=platform,
        prefix=prefix,
        table=table,
        columns=columns,
        profile=profile,
        where=where,
        format=input_format,
        resume=resume,
    )
    markers = {
        Action.LOCK: closed_marker(Closed.LOCKED, date),
        Action.PURGE: closed_marker(Closed.PURGED, date),
    }
    with source:
        profiled = platform is not None or bool(profile and profile.email)
        run = _Run(markers, migrated_column, _email_of(source, profiled, say), state)
        if resume is not None:
            run.counts = Counter(state.state.get("counts", {}))
            run.listed = int(state.state.get("listed", 0))
        if migrated_column not in source.header:
            raise DumpError(
                f"{source.name}: no column {migrated_column!r} marks the migrated rows; name it "
                "with migrated_column= (without it every row would be locked)",
                parameters=("migrated_column=",),
            )
        try:
            if not dry_run:
                _open_outputs(
                    run, source, output, reset_list, resuming=resume is not None, force=force
                )
            say(
                f"sunset of {date.isoformat()} on {source.name}"
                + (" (dry run)" if dry_run else "")
                + (f"; resuming after row {resume.rows}" if resume else "")
            )
            _loop(source, run, batch, progress)
        except KeyboardInterrupt:
            written = int(state.state.get("position", {}).get("rows", 0))
            raise InterruptedRunError(written, where_to) from None
        finally:
            for part in (run.sink, run.resets):
                if part is not None:
                    part.close()
    if not dry_run:
        state.remove()
    return SunsetResult(
        date=date,
        counts=dict(run.counts),
        listed=run.listed,
        resumed_at=resume.rows if resume else 0,
        dry_run=dry_run,
        reset_list=None if reset_list is None or dry_run else str(reset_list),
        elapsed_s=time.perf_counter() - started,
    )


def _open_outputs(
    run: _Run,
    source: RowSource,
    output: str | Path | None,
    reset_list: str | Path | None,
    *,
    resuming: bool,
    force: bool,
) -> None:
    saved = run.checkpoint.state
    if output is None:
        run.sink = TableSink(source, min_length=max(len(m) for m in run.markers.values()))
        run.guard = run.sink.table.c[run.migrated].is_(None)
    else:
        if not resuming and Path(output).exists() and not force:
            raise DumpError(
                f"{output} exists; pass force=True to overwrite it", parameters=("force=True",)
            )
        offset = saved.get("out_offset") if resuming else None
        run.sink = FileSink(Path(output), source, resume_at=offset)
    offset = saved.get("reset_offset") if resuming else None
    run.resets = ResetList(Path(str(reset_list)), resume_at=offset, force=force)


def _loop(
    source: RowSource, run: _Run, size: int, progress: Callable[[int, int], None] | None
) -> None:
    records: list[Record] = []
    for record in source.records():
        records.append(record)
        if len(records) >= max(1, size):
            run.batch(records)
            records = []
            if progress is not None:
                progress(record.end.rows, record.end.offset or record.end.rows)
    if records:
        run.batch(records)


def _email_of(
    source: RowSource, profiled: bool, say: Callable[[str], None]
) -> Callable[[Row], object]:
    """How to read a row's email for the reset list: the profile's email (``--email-column``
    or a ``--from`` preset), else the first column named like :data:`EMAIL_NAMES`; the id or
    user-name column may be that column."""
    if profiled:
        return lambda row: row.email
    lowered = {h.lower(): h for h in source.header}
    name = next((lowered[n] for n in EMAIL_NAMES if n in lowered), None)
    if name is None:
        say("no email column found (name one with --email-column): the reset list has ids only")
        return lambda row: None
    if name == source.columns.id:
        return lambda row: row.id
    if name == source.columns.username:
        return lambda row: row.username
    return lambda row: dict(row.other).get(name)


def _default_checkpoint(dump: str | Path, output: str | Path | None, table: str | None) -> Path:
    if output is not None:
        return Path(f"{output}.checkpoint")
    if table is not None:
        return Path(f"hashcompat-sunset-{table}.checkpoint")
    return Path(f"{Path(str(dump)).name}.sunset.checkpoint")
