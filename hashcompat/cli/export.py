"""``hashcompat export DUMP --to PLATFORM``: bulk-import files for an identity platform.

Prints the rows per plan (they add up to the dump), where the files are, and the platform's
just-in-time hook for the rows it cannot import. Status goes to stderr, the summary to stdout.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from hashcompat.errors import HashcompatError
from hashcompat.export import TARGETS, export, target


class DumpReadError(HashcompatError):
    """The dump is not CSV with a header or JSON Lines."""


def read_dump(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a CSV (with a header) or JSON Lines dump, streamed."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        if first.lstrip().startswith("{"):
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        record = json.loads(line)
                    except ValueError:
                        raise DumpReadError(f"line {number} is not JSON") from None
                    if not isinstance(record, dict):
                        raise DumpReadError(f"line {number} is not a JSON object")
                    yield record
            return
        yield from csv.DictReader(handle)


@click.command("export")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "to", type=click.Choice(TARGETS), required=True, help="Target platform.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for the files (default: ./export-PLATFORM).",
)
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table")
def command(dump: Path, to: str, out: Path | None, fmt: str) -> int:
    """Write PLATFORM's bulk-import files for the users in DUMP (CSV or JSON Lines with id,
    hash, and optionally email, username, scheme, salt). Rows the platform cannot check go to
    a second file with their plan: rehash on login through its hook, or reset."""
    folder = out if out is not None else Path(f"export-{to}")
    result = export(read_dump(dump), to, folder)
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
    sys.stdout.flush()
    return 0
