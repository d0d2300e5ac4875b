"""``hashcompat identify HASH...``: ranked candidates for each hash."""

from __future__ import annotations

import json

import click

import hashcompat
from hashcompat._engine import resolve
from hashcompat._registry import registry
from hashcompat.cli._syntax import read_line, syntax_options


@click.command("identify")
@click.argument("hashes", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@syntax_options
def command(hashes: tuple[str, ...], fmt: str, syntax: str | None, hashcat_mode: int | None) -> int:
    """Name the schemes whose format each HASH has, most likely first. With --syntax, the
    scheme the cracker's notation names comes first."""
    lines = [read_line(text, syntax, hashcat_mode) for text in hashes]
    hashes = tuple(line.hash for line in lines)
    found = []
    for line in lines:
        infos = [resolve(line.scheme).info] if line.scheme else []
        infos += [resolve(n).info for n in hashcompat.identify(line.hash)]  # formulas too
        found.append(list({info.name: info for info in infos}.values()))
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "hash": number,
                        "candidates": [
                            {
                                "name": i.name,
                                "platforms": list(i.platforms),
                                "self_describing": i.self_describing,
                            }
                            for i in infos
                        ],
                    }
                    for number, infos in enumerate(found, 1)
                ],
                indent=2,
            )
        )
    else:
        for number, infos in enumerate(found, 1):
            if not infos:
                claimed = [s.info.name for s in registry.claimed_by_prefix(hashes[number - 1])]
                hint = f" (it starts like {', '.join(claimed)}: truncated or altered?)"
                text = f"#{number}: no registered scheme recognises it"
                click.echo(text + (hint if claimed else ""))
            for rank, info in enumerate(infos, 1):
                click.echo(f"#{number} {rank}. {info.name}  ({', '.join(info.platforms[:4])})")
    return 0 if all(found) else 1
