"""``hashcompat upgrade DUMP --wrap argon2id``: wrap the weak hashes of a dump offline."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from hashcompat.cli._dumpopts import columns_from, dump_options, profile_option, progress_bar


@click.command("upgrade")
@click.argument("dump")
@dump_options
@click.option(
    "--wrap",
    "wrap",
    type=click.Choice(["argon2id"]),
    default="argon2id",
    show_default=True,
    help="The modern hash put over each weak digest.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="The upgraded copy of a file dump."
)
@profile_option("argon2 parameters of the wrap.")
@click.option(
    "--processes", "-j", type=click.IntRange(min=1), help="Pool size (default: all cores)."
)
@click.option(
    "--dask", metavar="ADDRESS", help="Run on a Dask scheduler, or 'local' for a LocalCluster."
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=256,
    show_default=True,
    help="Rows per batch and per transaction.",
)
@click.option(
    "--checkpoint",
    type=click.Path(dir_okay=False),
    help="Resume file (default: OUTPUT.checkpoint, or hashcompat-upgrade-TABLE.checkpoint).",
)
@click.option("--dry-run", is_flag=True, help="Count what would be done; write nothing.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option(
    "--salt-key-env",
    metavar="VAR",
    help="Derive each argon2 salt from this secret (hex) and the row, for reproducible output.",
)
def command(
    *,
    dump: str,
    wrap: str,
    output: str | None,
    profile: str,
    processes: int | None,
    dask: str | None,
    batch: int,
    checkpoint: str | None,
    dry_run: bool,
    force: bool,
    salt_key_env: str | None,
    **options: Any,
) -> int:
    """Wrap every weak hash of DUMP with argon2id, offline and without any password: a file is
    written to --output, a table (a SQLAlchemy URL with --table) is updated in place in batches.
    Interrupted runs resume from the checkpoint when the same command is run again.

    Exit status: 0 done and the end check passed, 1 the end check found a mismatch,
    2 bad input, 130 interrupted."""
    from hashcompat.bulk._upgrading import upgrade  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.errors import InterruptedRunError  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    salt_key = None
    if salt_key_env:
        value = os.environ.get(salt_key_env)
        if not value:
            raise click.UsageError(f"environment variable {salt_key_env} is not set")
        try:
            salt_key = bytes.fromhex(value)
        except ValueError:
            raise click.UsageError(f"{salt_key_env} must hold hex digits") from None
    size = None if "://" in dump else Path(dump).stat().st_size if Path(dump).exists() else None
    with progress_bar("upgrade", size) as update:
        try:
            result = upgrade(
                dump,
                output=output,
                table=options["table"],
                columns=columns_from(options),
                where=options["where"],
                input_format=options["input_format"],
                scheme=options["scheme"],
                platform=options["platform"],
                prefix=options["prefix"],
                wrap=wrap,
                profile=profile,
                processes=processes,
                dask=dask,
                batch=batch,
                checkpoint=checkpoint,
                dry_run=dry_run,
                salt_key=salt_key,
                force=force,
                echo=lambda line: click.echo(line, err=True),
                progress=update,
            )
        except InterruptedRunError as exc:
            click.echo(f"hashcompat: {exc}", err=True)
            return 130
    sys.stdout.write("\n".join(result.lines()) + "\n")
    return 0 if result.ok else 1
