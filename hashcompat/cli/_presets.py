"""``hashcompat presets``: the source platforms ``--from`` knows, and what each reads."""

from __future__ import annotations

import json

import click

from hashcompat.dump._presets import presets


def _rules(name: str) -> str:
    found = presets()[name]
    parts = [f"{r.pattern.pattern} -> {r.scheme}" for r in found.shapes]
    parts += [f"scheme column {r.pattern.pattern} -> {r.scheme}" for r in found.scheme_values]
    parts += [f"compose: {', '.join(k for k, _ in found.compose)}"] if found.compose else []
    parts += ["pepper: --pepper-env"] if found.pepper else []
    return "; ".join(parts) or "-"


@click.command("presets")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def command(fmt: str) -> int:
    """List the platform presets of --from: the table each reads (prefix included), its
    columns, and its rules for reading a hash."""
    found = presets()
    if fmt == "json":
        out = [
            {
                "name": p.name,
                "title": p.title,
                "runs_on": p.runs_on,
                "prefix": p.prefix,
                "reads": p.reads(),
                "rules": _rules(p.name),
                "pepper": p.pepper,
                "schema": p.schema,
            }
            for p in found.values()
        ]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    from rich.console import Console  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from rich.table import Table  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    table = Table(title=f"{len(found)} platform presets (--from NAME)", expand=False)
    for column in ("name", "platform", "reads", "hash rules"):
        table.add_column(column, overflow="fold")
    for p in found.values():
        table.add_row(p.name, f"{p.title} ({p.runs_on})", p.reads(), _rules(p.name))
    Console().print(table)
    return 0
