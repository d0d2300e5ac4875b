"""``hashcompat check FILE``: a verdict on a customer's sample of pairs."""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

import click

from hashcompat._checker import Verdict, check
from hashcompat._reports import FORMATS, render
from hashcompat.cli._syntax import read_rows, syntax_options
from hashcompat.dump import read_pairs


@click.command("check")
@click.argument("file", type=click.File("rb"))
@click.option("--scheme", "-s", help="Confirm this scheme (name, alias or formula) only.")
@click.option(
    "--min-pairs",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Fewer usable pairs than this give the verdict 'insufficient'.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--from",
    "platform",
    metavar="PLATFORM",
    help="Read the hashes the way PLATFORM does (`hashcompat presets`).",
)
@click.option("--pepper-env", metavar="VAR", help="The site's pepper is in this variable.")
@syntax_options
def command(
    *,
    file: BinaryIO,
    scheme: str | None,
    min_pairs: int,
    fmt: str,
    syntax: str | None,
    hashcat_mode: int | None,
    platform: str | None = None,
    pepper_env: str | None = None,
) -> int:
    """Check that the pairs in FILE (CSV with a header, or JSON Lines; - for standard input)
    can be verified. Columns: password, hash, and optionally salt, username, pepper.

    Exit status: 0 feasible, 1 partial, infeasible or insufficient, 2 bad input."""
    rows = read_pairs(file.read())
    pepper = None
    if pepper_env:
        pepper = os.environ.get(pepper_env)
        if pepper is None:
            raise click.UsageError(f"environment variable {pepper_env} is not set")
    if platform is not None:
        from hashcompat.dump._presets import platform_pairs  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        rows, shared = platform_pairs(platform, rows, pepper=pepper)
        scheme = scheme or shared
    elif pepper is not None:
        rows = [{**row, "pepper": pepper} for row in rows]
    if syntax is not None:
        read, named = read_rows(rows, syntax, hashcat_mode)
        report = check(read, scheme=scheme or named, min_pairs=min_pairs)
    else:
        report = check(rows, scheme=scheme, min_pairs=min_pairs)
    text = render(report, fmt)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0 if report.verdict is Verdict.FEASIBLE else 1
