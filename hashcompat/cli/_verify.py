"""``hashcompat verify``: one password against one hash, the password never on argv."""

from __future__ import annotations

import sys

import click

import hashcompat
from hashcompat.cli._syntax import read_line, syntax_options


@click.command("verify")
@click.argument("hash")
@click.option("--scheme", "-s", help="Scheme name, alias or formula; identified if omitted.")
@click.option("--salt", help="Salt kept outside the hash.")
@click.option("--username", help="User name, for schemes that mix it in.")
@click.option("--pepper-env", metavar="VAR", help="Read the site-wide pepper from this variable.")
@click.option(
    "--hash-config",
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="Firebase: the project's hash_config block (the pepper of firebase_scrypt).",
)
@syntax_options
def command(
    *,
    hash: str,
    scheme: str | None,
    salt: str | None,
    username: str | None,
    pepper_env: str | None,
    hash_config: str | None,
    syntax: str | None,
    hashcat_mode: int | None,
) -> int:
    """Verify a password against HASH. The password is read from a hidden prompt when standard
    input is a terminal, otherwise from the first line of standard input. Exit 0 on a match,
    1 on a mismatch, 2 on an error."""
    import os  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, err=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    pepper = None
    if pepper_env:
        pepper = os.environ.get(pepper_env)
        if pepper is None:
            raise click.UsageError(f"environment variable {pepper_env} is not set")
    if hash_config:
        with open(hash_config, encoding="utf-8") as handle:
            pepper = handle.read()
    line = read_line(hash, syntax, hashcat_mode)
    ok = hashcompat.verify(
        password,
        line.hash,
        scheme=scheme or line.scheme,
        salt=salt or line.salt,
        username=username or line.username,
        pepper=pepper,
    )
    click.echo("match" if ok else "no match")
    return 0 if ok else 1
