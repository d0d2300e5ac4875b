"""Options shared by ``hashcompat analyze``, ``upgrade`` and ``export``: where the rows are, the
dump opened from them, and a progress bar on standard error when it is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from hashcompat.bulk._profile import PROFILES
from hashcompat.dump import Columns, RowSource
from hashcompat.dump._detect import FORMATS
from hashcompat.dump._profilecols import Profile

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS = [
    click.option(
        "--from",
        "platform",
        metavar="PLATFORM",
        help="Read DUMP the way PLATFORM keeps it: its table, columns and hash rules "
        "(`hashcompat presets` lists them).",
    ),
    click.option("--prefix", help="The site's table prefix with --from (wp_, phpbb_, mdl_...)."),
    click.option("--table", help="Table to read when DUMP is a SQLAlchemy URL ([schema.]name)."),
    click.option("--where", help='SQL condition on the table\'s rows (e.g. "active = 1").'),
    click.option("--id-column", help="Column of the user key (default: id, user_id, uid)."),
    click.option("--hash-column", help="Column of the stored hash (default: hash, user_pass...)."),
    click.option("--salt-column", help="Column of a salt kept outside the hash."),
    click.option("--username-column", help="Column of the user name, for schemes that mix it in."),
    click.option("--scheme-column", help="Column naming each row's scheme."),
    click.option("--email-column", help="Column of the email address (export targets)."),
    click.option("--name-column", help="Column of the display name (export targets)."),
    click.option("--given-name-column", help="Column of the first name (export targets)."),
    click.option("--family-name-column", help="Column of the last name (export targets)."),
    click.option("--login-column", help="Column of the login name shown to the target."),
    click.option(
        "--email-verified-column",
        help="Column saying the email is verified (a flag or a timestamp; export targets).",
    ),
    click.option(
        "--scheme",
        "-s",
        help="Scheme of rows whose hash is not self-describing and that name none.",
    ),
    click.option(
        "--input-format",
        type=click.Choice(FORMATS),
        help="Force the file format (default: by suffix, else by the first bytes; compressed "
        "files are found by their magic bytes).",
    ),
]


def dump_options(function: F) -> F:
    for option in reversed(_OPTIONS):
        function = option(function)
    return function


def profile_option(help: str) -> Callable[[F], F]:
    """``--profile``: the argon2 profile of the target (analyze: for the plan and the CPU
    estimate; upgrade: the parameters of the wrap)."""
    return click.option(
        "--profile",
        type=click.Choice(PROFILES),
        default="recommended",
        show_default=True,
        help=help,
    )


def columns_from(options: dict[str, Any]) -> Columns:
    return Columns(
        id=options["id_column"],
        hash=options["hash_column"],
        scheme=options["scheme_column"],
        salt=options["salt_column"],
        username=options["username_column"],
    )


def profile_from(options: dict[str, Any]) -> Profile:
    return Profile(
        login=options["login_column"],
        email=options["email_column"],
        name=options["name_column"],
        given_name=options["given_name_column"],
        family_name=options["family_name_column"],
        email_verified=options["email_verified_column"],
    )


def open_dump(dump: str, options: dict[str, Any]) -> RowSource:
    """DUMP opened with the options :func:`dump_options` added (platform, table, where,
    columns, profile columns, format)."""
    from hashcompat.dump._platform import open_source  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    return open_source(
        dump,
        platform=options["platform"],
        prefix=options["prefix"],
        profile=profile_from(options),
        table=options["table"],
        columns=columns_from(options),
        where=options["where"],
        format=options["input_format"],
    )


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Callable[[int, int], None]]:
    """A callback (rows, done) that drives a rich bar on stderr, or does nothing when stderr
    is not a terminal. ``done`` is in bytes for files (``total`` is the size), else rows."""
    if not sys.stderr.isatty():
        yield lambda rows, done: None
        return
    from rich.console import Console  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from rich.progress import (  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[rows]:>10,} rows {task.fields[rate]:>9,.0f}/s"),
        TimeRemainingColumn(),
    ]
    if total is None:
        columns.insert(2, MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, rows=0, rate=0.0)

        def update(rows: int, done: int) -> None:
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = rows / elapsed if elapsed else 0.0
            bar.update(task, completed=done, rows=rows, rate=rate)

        yield update
