"""``hashcompat analyze DUMP``: migration statistics of a whole user dump."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from hashcompat._reports.analysis import FORMATS
from hashcompat.cli._dumpopts import dump_options, open_dump, profile_option, progress_bar


@click.command("analyze")
@click.argument("dump")
@dump_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option(
    "--reset-file",
    type=click.Path(dir_okay=False),
    help="Write the users who must reset here (CSV: id, row, reason; created 0600).",
)
@click.option(
    "--reset-raw",
    is_flag=True,
    help="Write ids in the reset file as they are (for programs; no spreadsheet defusing).",
)
@profile_option("argon2 profile of the target, for the plan and the CPU estimate.")
@click.option(
    "--pepper-env",
    metavar="VAR",
    help="The site's pepper will be in this variable at login (only its presence is checked).",
)
@click.option("--no-measure", is_flag=True, help="Skip timing the target profile.")
@click.option(
    "--columnar/--no-columnar",
    default=None,
    help="Read a CSV or Parquet dump with pyarrow, a column at a time (the same report; "
    "default: when pyarrow is installed and the file allows it).",
)
def command(
    *,
    dump: str,
    fmt: str,
    output: str | None,
    reset_file: str | None,
    reset_raw: bool,
    profile: str,
    pepper_env: str | None,
    no_measure: bool,
    columnar: bool | None,
    **options: Any,
) -> int:
    """Analyse DUMP (a CSV or JSON Lines file, or a SQLAlchemy URL with --table): counts per
    scheme and platform, costs, duplicates, who must reset, and the plan for each group.

    Exit status: 0 when every row can be migrated, 1 when some users must reset, 2 bad input."""
    from hashcompat._reports.analysis import render  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.bulk._api import analyze  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    if pepper_env and pepper_env not in os.environ:
        raise click.UsageError(f"environment variable {pepper_env} is not set")
    source = open_dump(dump, options)
    size = Path(dump).stat().st_size if source.kind != "sql" else None
    with source, progress_bar("analyze", size) as update:
        report = analyze(
            source,
            scheme=options["scheme"],
            profile=profile,
            pepper=bool(pepper_env),
            reset_file=reset_file,
            reset_raw=reset_raw,
            measure_cost=not no_measure,
            columnar=columnar,
            progress=lambda rows: update(rows, source.position.offset if size else rows),
        )
    text = render(report, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"report written to {output}", err=True)
    else:
        sys.stdout.write(text)
    return 1 if report.plans.get("reset") else 0
