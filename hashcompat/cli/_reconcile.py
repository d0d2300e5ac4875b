"""``hashcompat reconcile DUMP --target EXPORT_OR_API``: who is already in the target.

Reads DUMP like analyze and export, the target's users from its export file (Okta, Auth0,
Firebase, Keycloak, or any CSV / JSON Lines with an id and the key) or ``api:PLATFORM``, and
matches them by the normalised key. Prints the groups and the conflicts; writes the contact
lists and the plan file for push into ``--out``. Exit status: 0 no conflict, 1 conflicts held
for review, 2 bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from hashcompat.cli._dumpopts import dump_options, open_dump
from hashcompat.reconcile import KINDS, Policy, read_target, reconcile, write_files
from hashcompat.reconcile._report import FORMATS, render


@click.command("reconcile")
@click.argument("dump")
@dump_options
@click.option("--target", "target", required=True, metavar="EXPORT_OR_API",
              help="The target's user export (file or folder), or api:PLATFORM.")  # fmt: skip
@click.option("--target-format", type=click.Choice(KINDS), default="auto", show_default=True)
@click.option("--key", default="email", show_default=True,
              help="The column both sides are matched by (NFKC, lower case).")  # fmt: skip
@click.option("--policy", type=click.Choice([p.value for p in Policy]), default="skip",
              show_default=True, help="Users in both: push skips them, or links them.")  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the contact lists and the plan (default: ./reconcile).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def command(
    *, dump: str, target: str, target_format: str, key: str, policy: str, out: Path | None,
    fmt: str, **options: Any,
) -> int:  # fmt: skip
    """Match the users of DUMP with the target's users by KEY: users in both, legacy only,
    target only, and the conflicts (same key with different names, one key for several users).
    Writes both.csv, legacy-only.csv, target-only.csv, review.csv (id, email) and
    reconcile.jsonl (the plan push reads)."""
    users = read_target(target, target_format, key=key)
    name = target.split(":", 1)[1] if target.startswith("api:") else Path(target).name
    with open_dump(dump, options) as source:
        result = reconcile(source, users, key=key, target=name, policy=policy)
    folder = out if out is not None else Path("reconcile")
    written = write_files(result, folder)
    click.echo(render(result, fmt))
    click.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)
    return 1 if result.held else 0
