"""``hashcompat export DUMP --to PLATFORM``: bulk-import files for an identity platform.

Reads DUMP through ``hashcompat.dump`` (CSV, JSON Lines or a SQL table, like analyze
and upgrade). Prints the rows per plan (they add up to the dump), where the files are, and the
platform's just-in-time hook for the rows it cannot import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from hashcompat.cli._dumpopts import dump_options, open_dump
from hashcompat.export import TARGETS, export, target


@click.command("export")
@click.argument("dump")
@dump_options
@click.option("--to", "to", type=click.Choice(TARGETS), required=True, help="Target platform.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for the files (default: ./export-PLATFORM).",
)
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table")
def command(*, dump: str, to: str, out: Path | None, fmt: str, **options: Any) -> int:
    """Write PLATFORM's bulk-import files for the users in DUMP (CSV or JSON Lines with id,
    hash, and optionally email, username, scheme, salt; or a SQLAlchemy URL with --table).
    Rows the platform cannot check go to a second file with their plan: rehash on login
    through its hook, or reset."""
    folder = out if out is not None else Path(f"export-{to}")
    source = open_dump(dump, options)
    with source:
        result = export(source, to, folder, scheme=options["scheme"])
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2))
        return 0
    chosen = target(to)
    click.echo(f"{to}: {result.total} rows")
    for plan, count in result.plans.items():
        click.echo(f"  {plan:<8} {count}")
    for path in result.files:
        click.echo(f"  wrote {path}")
    click.echo(f"  not imported: {result.leftovers}")
    click.echo(f"  just-in-time path: {chosen.jit}")
    click.echo(f"note: {chosen.note}", err=True)
    return 0
