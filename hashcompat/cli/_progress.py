"""``hashcompat progress DUMP``: how far a just-in-time migration has got, and when it ends."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path
from typing import Any

import click

from hashcompat._reports.progress import FORMATS
from hashcompat.cli._dumpopts import dump_options, open_dump


@click.command("progress")
@click.argument("dump")
@dump_options
@click.option(
    "--audit",
    "audit",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="The hook server's audit log (JSON lines; repeatable, e.g. rotated files).",
)
@click.option(
    "--audit-key-env",
    metavar="VAR",
    help="The audit_user HMAC key (in this variable) the server wrote user ids with.",
)
@click.option("--migrated-column", default="migrated_at", show_default=True)
@click.option(
    "--last-seen-column",
    help="A legacy last-login column: users seen in the active window count as active.",
)
@click.option("--active-days", type=click.IntRange(min=1), default=90, show_default=True)
@click.option(
    "--window",
    "window_days",
    type=click.IntRange(min=1),
    default=28,
    show_default=True,
    help="Days of first sign-ins the projection's rate is estimated from.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to report as of (default: today, UTC).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
def command(
    *,
    dump: str,
    audit: tuple[str, ...],
    audit_key_env: str | None,
    migrated_column: str,
    last_seen_column: str | None,
    active_days: int,
    window_days: int,
    as_of: datetime.datetime | None,
    fmt: str,
    output: str | None,
    **options: Any,
) -> int:
    """Migration progress of DUMP (the legacy users table, a SQLAlchemy URL with --table, or a
    dump of it) from its migrated_at marks and the hook server's audit log: first sign-ins per
    day, migrated, remaining and never-seen users, the share of active users moved, and when
    90% and 99% of them will have moved.

    Exit status: 0 report written, 2 bad input."""
    from hashcompat._reports.progress import render  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.bulk._progress import collect  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    key = None
    if audit_key_env:
        value = os.environ.get(audit_key_env)
        if not value:
            raise click.UsageError(f"environment variable {audit_key_env} is not set")
        key = value.encode("utf-8")
    source = open_dump(dump, options)
    with source:
        progress = collect(
            source,
            source=source.name,
            header=source.header,
            audit=audit,
            audit_hmac_key=key,
            migrated_column=migrated_column,
            last_seen_column=last_seen_column,
            as_of=None if as_of is None else as_of.date(),
            active_days=active_days,
            window_days=window_days,
        )
    text = render(progress, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"report written to {output}", err=True)
    else:
        sys.stdout.write(text)
    return 0
