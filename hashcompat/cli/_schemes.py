"""``hashcompat schemes``: the catalogue as a table or JSON."""

from __future__ import annotations

import json

import click

import hashcompat


@click.command("schemes")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def command(fmt: str) -> int:
    """List every registered scheme with its aliases, platforms and strength."""
    infos = hashcompat.schemes()
    if fmt == "json":
        click.echo(json.dumps([i.to_dict() for i in infos], indent=2, ensure_ascii=False))
        return 0
    from rich.console import Console  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from rich.table import Table  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    table = Table(title=f"{len(infos)} schemes", expand=False)
    for column in ("name", "platforms", "strength", "inputs", "self-describing"):
        table.add_column(column, overflow="fold")
    for info in infos:
        table.add_row(
            info.name,
            ", ".join(info.platforms[:3]),
            info.strength.value,
            ", ".join(info.inputs) or "-",
            "yes" if info.self_describing else "no",
        )
    Console().print(table)
    return 0
