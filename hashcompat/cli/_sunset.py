"""``hashcompat sunset DUMP --date D --reset-list F``: close a just-in-time migration."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

import click

from hashcompat.cli._dumpopts import columns_from, dump_options, profile_from, progress_bar


@click.command("sunset")
@click.argument("dump")
@dump_options
@click.option(
    "--date",
    "date",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The sunset date (YYYY-MM-DD, UTC), written into each marker; a real run refuses "
    "to start before it.",
)
@click.option(
    "--reset-list",
    type=click.Path(dir_okay=False),
    help="CSV of the locked users (id, email; 0600). Required unless --dry-run.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="The closed copy of a file dump."
)
@click.option(
    "--migrated-column",
    default="migrated_at",
    show_default=True,
    help="Column the hook server marks (non-empty: migrated, purge; empty: lock).",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Rows per batch and per transaction.",
)
@click.option(
    "--checkpoint",
    type=click.Path(dir_okay=False),
    help="Resume file (default: OUTPUT.checkpoint, or hashcompat-sunset-TABLE.checkpoint).",
)
@click.option("--dry-run", is_flag=True, help="Count what would be done; write nothing.")
@click.option("--force", is_flag=True, help="Overwrite an existing output or reset list.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
def command(
    *,
    dump: str,
    date: datetime.datetime,
    reset_list: str | None,
    output: str | None,
    migrated_column: str,
    batch: int,
    checkpoint: str | None,
    dry_run: bool,
    force: bool,
    output_format: str,
    **options: Any,
) -> int:
    """Close the migration on DUMP: the rows marked migrated lose their legacy hash (purged
    marker), every other row gets the locked marker and goes to the reset list. A table (a
    SQLAlchemy URL with --table, or --from PLATFORM) is changed in place with compare-and-swap,
    in batches; a file is copied to --output. The reset list's email is --email-column, else a
    column named email, user_email, mail or email_address. Interrupted runs resume when the
    same command is run again.

    Exit status: 0 done, 1 some rows changed meanwhile (run it again), 2 bad input,
    130 interrupted."""
    from hashcompat.bulk._sunsetting import Action, sunset  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.errors import InterruptedRunError  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    size = None if "://" in dump else Path(dump).stat().st_size if Path(dump).exists() else None
    with progress_bar("sunset", size) as update:
        try:
            result = sunset(
                dump,
                date=date.date(),
                reset_list=reset_list,
                output=output,
                table=options["table"],
                columns=columns_from(options),
                where=options["where"],
                input_format=options["input_format"],
                platform=options["platform"],
                prefix=options["prefix"],
                profile=profile_from(options),
                migrated_column=migrated_column,
                batch=batch,
                checkpoint=checkpoint,
                dry_run=dry_run,
                force=force,
                echo=lambda line: click.echo(line, err=True),
                progress=update,
            )
        except InterruptedRunError as exc:
            click.echo(f"hashcompat: {exc}", err=True)
            return 130
    if output_format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(result.lines()) + "\n")
    return 1 if result.counts.get(Action.CHANGED.value) else 0
