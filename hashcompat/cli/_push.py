"""``hashcompat push DUMP --to PLATFORM``: deliver the users through the platform's API.

Reads DUMP as ``export`` does and plans every row the same way. Credentials come from the
environment (``HASHCOMPAT_<PLATFORM>_TOKEN`` ...) or ``--config``, never from argv. A rich bar
on stderr (when it is a terminal) shows the rate, the ETA, the concurrency window and the
backoff under way; the statistics report goes to stdout or ``--output``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from hashcompat._reports.push import FORMATS
from hashcompat.cli._dumpopts import dump_options, open_dump
from hashcompat.push import TARGETS


@click.command("push")
@click.argument("dump")
@dump_options
@click.option("--to", "to", type=click.Choice(TARGETS), required=True, help="Target platform.")
@click.option(
    "--checkpoint",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite file of each user's outcome (default: push-PLATFORM.sqlite); the same file "
    "resumes an interrupted run and makes a later run a sync.",
)
@click.option("--config", type=click.Path(dir_okay=False, exists=True), help="TOML settings.")
@click.option("--profile", help="Table [PLATFORM.PROFILE] of the config over [PLATFORM].")
@click.option("--update", is_flag=True, help="Overwrite users the platform has already.")
@click.option(
    "--with-hook",
    "hook",
    is_flag=True,
    help="Okta: create the users it cannot check (rehash plan) with the password import "
    "inline hook, so hashcompat serve verifies them at their first sign-in.",
)
@click.option("--dry-run", is_flag=True, help="Look users up, write nothing, keep the checkpoint.")
@click.option("--concurrency", type=click.IntRange(1, 256), default=8, show_default=True)
@click.option("--retries", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option(
    "--reconcile",
    "plan",
    type=click.Path(exists=True, path_type=Path),
    help="reconcile's output folder (or its reconcile.jsonl): users in both systems are "
    "reported as already there and never sent; users held for review are refused.",
)
@click.option(
    "--skip",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Ids already in the target (CSV or JSON Lines with an id field), never sent.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
def command(
    *,
    dump: str,
    to: str,
    checkpoint: Path | None,
    config: str | None,
    profile: str | None,
    update: bool,
    dry_run: bool,
    hook: bool,
    concurrency: int,
    retries: int,
    plan: Path | None,
    skip: Path | None,
    fmt: str,
    output: str | None,
    **options: Any,
) -> int:
    """Push the users of DUMP to PLATFORM through its API, resumably and at its pace.

    Exit status: 0 when every user was delivered or planned (rehash on login, reset), 1 when
    the platform rejected some, 2 bad input, usage, or a platform that kept failing (run the
    same command again: it resumes)."""
    from hashcompat._reports.push import render  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.push import push  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.push._held import from_list, from_reconcile  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    held = from_reconcile(plan) if plan else {}
    held.update(from_list(skip) if skip else {})
    source = open_dump(dump, options)
    total = _count(Path(dump)) if source.kind != "sql" else None
    with source, _bar(to, total) as progress:
        report = push(
            source,
            to,
            checkpoint=checkpoint or Path(f"push-{to}.sqlite"),
            config=config,
            profile=profile,
            update=update,
            dry_run=dry_run,
            concurrency=concurrency,
            retries=retries,
            scheme=options["scheme"],
            held=held,
            hook=hook,
            progress=progress,
        )
    text = render(report, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"report written to {output}", err=True)
    else:
        sys.stdout.write(text)
    return 1 if report.outcomes.get("rejected") else 0


def _count(path: Path) -> int | None:
    """Records in a CSV (less its header) or JSON Lines file, for the ETA; None if unreadable."""
    try:
        with path.open("rb") as handle:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return None
    return max(0, lines - 1) if path.suffix.lower() in (".csv", ".tsv") else lines


class _bar:
    """A rich bar on stderr when it is a terminal: users, rate, ETA, window and backoff."""

    def __init__(self, label: str, total: int | None) -> None:
        self.label, self.total = label, total
        self._progress: Any = None

    def __enter__(self) -> Any:
        if not sys.stderr.isatty():
            return None
        from rich.console import Console  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        from rich.progress import (  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("push {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:>7,.0f}/s window {task.fields[window]:>5.1f}"),
            TextColumn("backoff {task.fields[backoff]:.2f}s"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        task = self._progress.add_task(
            self.label, total=self.total, rate=0.0, window=0.0, backoff=0.0
        )

        def update(done: int, http: Any) -> None:
            elapsed = self._progress.tasks[0].elapsed or 0.0
            window = http.window
            self._progress.update(
                task,
                completed=done,
                rate=done / elapsed if elapsed else 0.0,
                window=window.size,
                backoff=max(window.backoff, window.resume_at - _now()),
            )

        return update

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def _now() -> float:
    import time  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    return time.monotonic()
