"""``upgrade``: wrap the weak hashes of a dump offline, resumably, and check the result.

The main process reads and classifies rows, sends the rows to wrap in batches to an executor
(this process, a process pool, or Dask), and writes the batches back in input order. After each
batch is durable (an fsync of the output file, or the table's COMMIT) the checkpoint records the
input position, the output length and the counts; after a crash or Ctrl-C the same call
resumes there. A rerun is idempotent: a row already wrapped, or modern, is classified "import as
is" and left alone. At the end the output is read again and counted per group against the input.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from hashcompat.bulk._checkpoint import Checkpoint
from hashcompat.bulk._classify import Classifier
from hashcompat.bulk._profile import describe, measure, profile_params
from hashcompat.bulk._result import UpgradeResult, end_check
from hashcompat.bulk._runner import Executor, Pending, make_executor
from hashcompat.bulk._sinks import FileSink, TableSink
from hashcompat.bulk._wrapping import Item, derive_salt, wrap_batch
from hashcompat.dump import Columns, DumpError, Malformed, Record, RowSource
from hashcompat.dump._plan import Plan
from hashcompat.dump._platform import open_source
from hashcompat.errors import InterruptedRunError, InvalidArgumentError
from hashcompat.scheme import Limits

__all__ = ["UpgradeOptions", "UpgradeResult", "upgrade"]


class UpgradeOptions(TypedDict, total=False):
    """The keyword options of :func:`upgrade` (and of :func:`hashcompat.bulk.upgrade`), as one
    typed record: ``bulk.upgrade(path, **options)`` is checked against it."""

    output: str | Path | None
    table: str | None
    columns: Columns | None
    where: str | None
    input_format: str | None
    scheme: str | None
    platform: str | None
    prefix: str | None
    wrap: str
    profile: str | Mapping[str, object]
    processes: int | None
    dask: str | None
    batch: int
    checkpoint: str | Path | None
    dry_run: bool
    salt_key: bytes | None
    force: bool
    limits: Limits | None
    echo: Callable[[str], None] | None
    progress: Callable[[int, int], None] | None


@dataclass
class _Run:
    checkpoint: Checkpoint
    counts: Counter[str] = field(default_factory=Counter)
    wrapped: int = 0
    failed: int = 0
    lost: int = 0
    dropped: int = 0

    def load(self) -> None:
        saved = self.checkpoint.state
        self.counts = Counter(saved.get("counts", {}))
        for name in ("wrapped", "failed", "lost", "dropped"):
            setattr(self, name, int(saved.get(name, 0)))

    def save(self, position: dict[str, object], out_offset: int) -> None:
        self.checkpoint.save(
            {
                "position": position,
                "out_offset": out_offset,
                "counts": dict(self.counts),
                "wrapped": self.wrapped,
                "failed": self.failed,
                "lost": self.lost,
                "dropped": self.dropped,
            }
        )


def _locate(
    dump: str | Path,
    output: str | Path | None,
    checkpoint: str | Path | None,
    table: str | None,
    *,
    platform: str | None,
    prefix: str | None,
) -> tuple[str | None, Path]:
    """(the table, the checkpoint path). With a platform, its preset's table; refused where
    the hash is read from several columns or tables, which cannot take a wrapped hash back
    (those rows move on login instead)."""
    if platform is not None:
        table = platform_table(platform, prefix, "://" in str(dump), table)
    where_to = Path(checkpoint) if checkpoint else _default_checkpoint(dump, output, table)
    return table, where_to


def platform_table(
    platform: str, prefix: str | None, is_table: bool, table: str | None, command: str = "upgrade"
) -> str | None:
    """The table a writing command (upgrade, sunset) changes for a ``--from`` preset; refused
    where the preset reads the hash from several columns or tables."""
    from hashcompat.dump._presets import preset  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    bound = preset(platform).bind(prefix)
    if bound.preset.compose or (is_table and bound.joins and table is None):
        raise DumpError(
            f"{command}, platform= {bound.preset.name}: the hash is read from several columns "
            "or tables and cannot be written back; migrate these users on login (hashcompat "
            "serve)",
            parameters=("platform=",),
        )
    return table or (bound.table if is_table else None)


def upgrade(
    dump: str | Path,
    *,
    output: str | Path | None = None,
    table: str | None = None,
    columns: Columns | None = None,
    where: str | None = None,
    input_format: str | None = None,
    scheme: str | None = None,
    platform: str | None = None,
    prefix: str | None = None,
    wrap: str = "argon2id",
    profile: str | Mapping[str, object] = "recommended",
    processes: int | None = None,
    dask: str | None = None,
    batch: int = 256,
    checkpoint: str | Path | None = None,
    dry_run: bool = False,
    salt_key: bytes | None = None,
    force: bool = False,
    limits: Limits | None = None,
    echo: Callable[[str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> UpgradeResult:
    """Wrap every weak hash of ``dump`` (a file, written to ``output``; or a table, updated in
    place) with argon2id at ``profile``. See docs/bulk.md for the guarantees."""
    if wrap not in ("argon2id", "argon2"):
        raise InvalidArgumentError("wrap= supports argon2id only", parameters=("wrap=",))
    say = echo or (lambda line: None)
    params = profile_params(profile)
    is_table = "://" in str(dump)
    if is_table and output is not None:
        raise InvalidArgumentError(
            "a table is upgraded in place; pass no output=", parameters=("output=",)
        )
    if not is_table and output is None and not dry_run:
        raise InvalidArgumentError(
            "a file dump needs output= for the upgraded copy", parameters=("output=",)
        )
    table, where_to = _locate(dump, output, checkpoint, table, platform=platform, prefix=prefix)
    identity = {
        "dump": str(dump),
        "size": None
        if is_table or not Path(str(dump)).is_file()
        else Path(str(dump)).stat().st_size,
        "table": table,
        "where": where,
        "platform": platform,
        "output": None if output is None else str(output),
        "params": params,
        "salt_key": None if salt_key is None else Checkpoint.fingerprint(salt_key),
    }
    state = Checkpoint(where_to, identity)
    resume = None if dry_run else state.load()
    if not is_table and not dry_run and resume is None and Path(str(output)).exists() and not force:
        raise DumpError(
            f"{output} exists; pass force=True to overwrite it", parameters=("force=True",)
        )
    run = _Run(state)
    if resume is not None:
        run.load()
    started = time.perf_counter()
    source = open_source(
        dump,
        platform=platform,
        prefix=prefix,
        table=table,
        columns=columns,
        where=where,
        format=input_format,
        resume=resume,
    )
    with source:
        seconds = measure(params)
        target = describe(params)
        sink: FileSink | TableSink | None = None
        if not dry_run:
            sink = (
                TableSink(source)
                if is_table
                else FileSink(Path(str(output)), source, resume_at=state.state.get("out_offset"))
            )
        executor = None if dry_run else make_executor(processes, dask)
        say(
            f"{target}: {seconds * 1000:.2f} ms CPU per row measured on this machine; "
            + ("dry run" if executor is None else _workers(executor.workers))
            + (f"; resuming after row {resume.rows}" if resume else "")
        )
        classifier = Classifier(scheme=scheme, target_params=params, pepper=True, limits=limits)
        try:
            work = _Work(sink, executor, classifier, params, batch, salt_key, progress)
            _loop(source, work, run)
        except KeyboardInterrupt:
            if executor is not None:
                executor.close(cancel=True)
                executor = None
            written = int(state.state.get("position", {}).get("rows", 0))
            raise InterruptedRunError(written, where_to) from None
        finally:
            if executor is not None:
                executor.close()
            if sink is not None:
                sink.close()
    result = UpgradeResult(
        rows_in=dict(run.counts),
        rows_out=None,
        expected_out=None,
        wrapped=run.wrapped,
        failed=run.failed,
        lost=run.lost,
        dropped=run.dropped,
        resumed_at=resume.rows if resume else 0,
        target=target,
        seconds_per_row=seconds,
        dry_run=dry_run,
    )
    if not dry_run:
        result = end_check(
            result,
            output=dump if is_table else output,
            table=table,
            columns=source.columns,
            where=where,
            classifier=classifier,
            kind=source.kind,
        )
        state.remove()
    from dataclasses import replace  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    return replace(result, elapsed_s=time.perf_counter() - started)


def _workers(count: int) -> str:
    return "1 process" if count == 1 else f"{count} workers"


def _default_checkpoint(dump: str | Path, output: str | Path | None, table: str | None) -> Path:
    if output is not None:
        return Path(f"{output}.checkpoint")
    if table is not None:
        return Path(f"hashcompat-upgrade-{table}.checkpoint")
    return Path(f"{Path(str(dump)).name}.checkpoint")


Batch = tuple[list[Record], list[int], Counter[str], Pending | None]


@dataclass(frozen=True)
class _Work:
    """What the loop needs besides the rows: where to send and where to write them."""

    sink: FileSink | TableSink | None
    executor: Executor | None
    classifier: Classifier
    params: Mapping[str, int]
    size: int
    salt_key: bytes | None
    progress: Callable[[int, int], None] | None


def _loop(source: RowSource, work: _Work, run: _Run) -> None:
    sink, executor, classifier = work.sink, work.executor, work.classifier
    params, size, salt_key, progress = work.params, work.size, work.salt_key, work.progress
    window: deque[Batch] = deque()
    limit = 2 * (executor.workers if executor is not None else 1)
    records: list[Record] = []
    indices: list[int] = []
    items: list[Item] = []
    counts: Counter[str] = Counter()

    def submit() -> None:
        nonlocal records, indices, items, counts
        pending = None
        if executor is not None and items:
            pending = executor.submit(wrap_batch, items, params)
        window.append((records, indices, counts, pending))
        records, indices, items, counts = [], [], [], Counter()
        while len(window) > limit:
            _finish(window.popleft(), sink, run, progress)

    for record in source.records():
        item = record.item
        if isinstance(item, Malformed):
            counts[Plan.RESET.label] += 1
        else:
            verdict = classifier(item)
            counts[verdict.plan.label] += 1
            if verdict.plan is Plan.WRAP:
                indices.append(len(records))
                salt = None
                if salt_key is not None:
                    salt = derive_salt(salt_key, item.id, item.number, item.hash)
                items.append((item.hash, verdict.named, salt))
        records.append(record)
        if len(records) >= size:
            submit()
    if records:
        submit()
    while window:
        _finish(window.popleft(), sink, run, progress)


def _finish(
    batch: Batch,
    sink: FileSink | TableSink | None,
    run: _Run,
    progress: Callable[[int, int], None] | None,
) -> None:
    records, indices, counts, pending = batch
    results = pending.result() if pending is not None else []
    new: dict[int, str] = {}
    if pending is None:
        indices = []  # a dry run: counted, not wrapped
    for index, (wrapped, _reason) in zip(indices, results, strict=True):
        if wrapped is None:
            run.failed += 1
        else:
            new[index] = wrapped
    offset = 0
    if isinstance(sink, FileSink):
        _written, dropped = sink.write(records, new)
        run.dropped += dropped
        run.wrapped += len(new)
        offset = sink.commit()
    elif isinstance(sink, TableSink) and new:
        rows = [records[i].item for i in new]
        written, lost = sink.write(rows, list(new.values()))  # type: ignore[arg-type]
        run.wrapped += written
        run.lost += lost
    run.counts.update(counts)
    end = records[-1].end
    if sink is not None:
        run.save(end.to_dict(), offset)
    if progress is not None:
        progress(end.rows, end.offset or end.rows)
