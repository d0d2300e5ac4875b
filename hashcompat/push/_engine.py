"""The delivery engine: rows in, one outcome per row out, through a client and a checkpoint.

Rows are planned exactly as ``export`` plans them (:func:`hashcompat.export._base.classify`):
rows the target cannot import are REFUSED with their plan and reason. The others become
:class:`~hashcompat.push._base.Item` values and take one of three paths:

- create: intent committed, then the client's create; a conflict ("already exists") is looked
  up and compared (never overwritten without ``update``). It is taken for our own user only
  when an earlier attempt of this request may have reached the platform (a dropped connection,
  a timeout, a 5xx) and the user was made after the intent;
- resolve: the user was SENDING when the last run died, so it is looked up first. A user made
  after the intent was recorded (the platform's clock, with ``SKEW`` to spare) is ours: CREATED,
  not sent again; a user made earlier was there before us; no user: sent now;
- replace: a user this checkpoint delivered before whose legacy hash changed (sync).

Users unchanged since the last run are UNCHANGED and cost no call.
"""

from __future__ import annotations

import asyncio
import enum
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hashcompat.dump import Malformed, Row, as_items
from hashcompat.dump._plan import Plan
from hashcompat.export._base import Target, classify
from hashcompat.push._base import Client, Item, Remote, Result
from hashcompat.push._checkpoint import Checkpoint, Record
from hashcompat.push._http import UNCERTAIN, Http
from hashcompat.push._outcome import Outcome, PushReport, State

SKEW = 2.0  # seconds: Date headers have one-second resolution
_DELIVERED = (Outcome.CREATED, Outcome.UPDATED, Outcome.EXISTS, Outcome.UNCHANGED)
_COMPARED = ("login", "email", "username", "firstName", "lastName", "name")

Progress = Callable[[int, Any], None]
Settled = tuple[str, Outcome, str, str | None, str | None]  # key, outcome, reason, fp, remote


class JobKind(enum.Enum):
    """What one request to the platform does."""

    CREATE = "create"  # new users (in batches where the platform takes them)
    RESOLVE = "resolve"  # a create whose answer was lost: look the user up first
    REPLACE = "replace"  # update an existing user (``update=True``)


@dataclass(frozen=True, slots=True)
class Job:
    kind: JobKind
    items: Sequence[Item]
    intent: float | None = None


def compare(item: Item, remote: Remote) -> str:
    """The reason an EXISTS user carries: same profile, or the fields that differ."""
    differ = [
        k
        for k in _COMPARED
        if k in item.profile
        and k in remote.profile
        and item.profile[k].casefold() != remote.profile[k].casefold()
    ]
    return "differs in " + ", ".join(differ) if differ else "same profile"


@dataclass(frozen=True, slots=True)
class Options:
    """How a run behaves: see :func:`hashcompat.push.push` for each."""

    update: bool = False
    dry_run: bool = False
    scheme: str | None = None
    concurrency: int = 8
    retries: int = 10
    progress: Progress | None = None
    held: Mapping[str, tuple[Outcome, str]] = field(default_factory=dict)
    hook: bool = False  # rehash rows become users of the platform's password-import hook


class Engine:
    def __init__(
        self, target: Target, client: Client, http: Http, checkpoint: Checkpoint, options: Options
    ) -> None:
        self.target, self.client, self.http, self.cp = target, client, http, checkpoint
        self.update, self.dry_run, self.scheme = options.update, options.dry_run, options.scheme
        self.progress, self.held = options.progress, options.held
        self.hook = getattr(client, "hook_payload", None) if options.hook else None
        self.done = 0

    # -- planning ------------------------------------------------------------------------

    def plan(self, rows: Iterable[object]) -> Iterable[Job]:
        """Walk the rows: record what needs no call, yield jobs for the rest."""
        seen: set[str] = set()
        batches: dict[str, list[Item]] = {}
        quiet: list[Settled] = []
        for raw in as_items(rows):
            if len(quiet) >= 500:
                self._record(quiet)
                quiet = []
            job = self._one(raw, seen)
            if job is None:
                self._tick(1)  # done before the interruption
            elif not isinstance(job, Job):
                quiet.append(job)
            elif job.kind is not JobKind.CREATE or self.client.batch == 1:
                yield job
            else:
                group = batches.setdefault(self.client.group(job.items[0]), [])
                group.append(job.items[0])
                if len(group) >= self.client.batch:
                    yield Job(JobKind.CREATE, tuple(group))
                    group.clear()
        self._record(quiet)
        for group in batches.values():
            if group:
                yield Job(JobKind.CREATE, tuple(group))

    def _one(self, row: Row | Malformed, seen: set[str]) -> Job | Settled | None:
        """One row's job, or its outcome when it needs no call, or None when it is done."""
        number = row.number
        if isinstance(row, Malformed):
            reason = f"reset: malformed row ({row.reason})"
            return (f"row {number}", Outcome.REFUSED, reason, None, None)
        login = row.email or row.username or ""
        key = str(row.id) if row.id not in (None, "") else (login or f"row {number}")
        if key in seen:
            why = "reset: the same user key twice in the dump"
            return (f"{key} (row {number})", Outcome.REFUSED, why, None, None)
        seen.add(key)
        if key in self.held:  # reconcile's plan: already in the target, or held for review
            outcome, reason = self.held[key]
            return (key, outcome, reason, None, None)
        record = self.cp.get(key)
        if record is not None and record.run == self.cp.run and record.state is State.DONE:
            return None
        _, plan, decision, why = classify(self.target, row, self.scheme)
        profile = {k: str(v) for k, v in row.other if k in _COMPARED and v not in (None, "")}
        if decision is not None:
            payload = decision.payload
        elif plan is Plan.REHASH and self.hook is not None and login:
            payload = self.hook(login, profile)  # verified by the hook at first sign-in
        else:
            return (key, Outcome.REFUSED, f"{plan.value}: {why}", None, None)
        fp = self.cp.fingerprint(row.hash, row.salt)
        profile.setdefault("login", login)
        remote = record.remote if record else None
        item = Item(key, login, payload, profile, fp, row, remote)
        job = self._job(item, record)
        return job if job is not None else (key, Outcome.UNCHANGED, "", fp, None)

    def _job(self, item: Item, record: Record | None) -> Job | None:
        if record is None:
            return Job(JobKind.CREATE, (item,))
        if record.state is State.SENDING:
            return Job(JobKind.RESOLVE, (item,), record.intent)
        if record.outcome in _DELIVERED and record.fingerprint == item.fingerprint:
            return None
        if record.owned and record.remote:
            return Job(JobKind.REPLACE, (item,))
        return Job(JobKind.CREATE, (item,))

    # -- delivery ------------------------------------------------------------------------

    async def run(self, rows: Iterable[object], workers: int) -> None:
        """Deliver ``rows`` with at most ``workers`` jobs under way (the window decides how
        many of their requests are in flight)."""
        places = asyncio.Semaphore(workers)
        tasks: set[asyncio.Task[None]] = set()
        failed: list[BaseException] = []

        def finished(task: asyncio.Task[None]) -> None:
            tasks.discard(task)
            places.release()
            if not task.cancelled() and task.exception() is not None:
                failed.append(task.exception())  # type: ignore[arg-type]

        try:
            for job in self.plan(rows):
                await places.acquire()
                if failed:
                    raise failed[0]  # a PushError stops the run here
                task = asyncio.create_task(self._do(job))
                tasks.add(task)
                task.add_done_callback(finished)
            while tasks:
                await asyncio.wait(set(tasks))
            if failed:
                raise failed[0]
        finally:
            for task in list(tasks):
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _do(self, job: Job) -> None:
        if job.kind is JobKind.RESOLVE:
            item = job.items[0]
            remote = await self.client.find(self.http, item)
            if remote is None:
                await self._create(job.items, job.intent)
            else:
                self._record([self._settle(item, await self._conflict(item, remote, job.intent))])
            return
        if job.kind is JobKind.REPLACE:
            item = job.items[0]
            self._intend(job.items)
            result = (
                Result(Outcome.UPDATED)
                if self.dry_run
                else await self.client.replace(self.http, item, item.remote or "")
            )
            self._record([self._settle(item, result)])
            return
        await self._create(job.items, self._intend(job.items))

    async def _create(self, items: Sequence[Item], when: float | None) -> None:
        UNCERTAIN.set(False)
        if self.dry_run:
            found = [await self.client.find(self.http, i) for i in items]
            results = [Result(Outcome.EXISTS) if f else Result(Outcome.CREATED) for f in found]
        else:
            results = await self.client.create(self.http, items, update=self.update)
        settled = []
        for item, answer in zip(items, results, strict=True):
            result = answer
            if answer.outcome is Outcome.EXISTS:
                remote = await self.client.find(self.http, item)
                if remote is None:
                    why = "the platform says it exists, but no user has this login"
                    result = Result(Outcome.REJECTED, why)
                else:  # only an answer lost on the way can make the user ours
                    result = await self._conflict(item, remote, when if UNCERTAIN.get() else None)
            settled.append(self._settle(item, result))
        self._record(settled)

    async def _conflict(self, item: Item, remote: Remote, intent: float | None) -> Result:
        if intent is not None and remote.created is not None and remote.created >= intent - SKEW:
            return Result(Outcome.CREATED, "", remote.id)  # our own earlier attempt
        if self.update:
            if self.dry_run:
                return Result(Outcome.UPDATED, "", remote.id)
            return await self.client.replace(self.http, item, remote.id)
        return Result(Outcome.EXISTS, compare(item, remote), remote.id)

    def _intend(self, items: Sequence[Item]) -> float:
        when = self.http.clock()
        self.cp.intend([(i.key, i.fingerprint) for i in items], when)
        return when

    @staticmethod
    def _settle(item: Item, result: Result) -> Settled:
        keep = result.outcome in _DELIVERED
        return (
            item.key,
            result.outcome,
            result.reason,
            item.fingerprint if keep else None,
            result.remote,
        )

    def _record(self, rows: list[Settled]) -> None:
        if rows:
            self.cp.done(rows)
            self._tick(len(rows))

    def _tick(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.http)


def finish(engine: Engine, report: PushReport, started: float) -> PushReport:
    report.requests = engine.http.requests
    report.retries = engine.http.retried
    report.throttled = engine.http.window.throttled
    report.seconds = time.monotonic() - started
    return engine.cp.report(report)
