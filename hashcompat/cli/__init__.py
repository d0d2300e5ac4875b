"""The ``hashcompat`` command. One module per subcommand, each imported only when it runs."""

from __future__ import annotations

import importlib
import sys

import click

from hashcompat import HashcompatError
from hashcompat._build import mode
from hashcompat.cli._flags import as_flags

_COMMANDS = {
    "check": ("hashcompat.cli._check", "Check that a sample of password/hash pairs verifies."),
    "identify": ("hashcompat.cli._identify", "Name the schemes that could have written a hash."),
    "verify": ("hashcompat.cli._verify", "Verify one password (read from a prompt or stdin)."),
    "schemes": ("hashcompat.cli._schemes", "List the scheme catalogue."),
    "presets": ("hashcompat.cli._presets", "List the source platforms that --from reads."),
    "analyze": ("hashcompat.cli._analyze", "Migration statistics of a whole user dump."),
    "upgrade": ("hashcompat.cli._upgrade", "Wrap the weak hashes of a dump offline."),
    "export": ("hashcompat.cli._export", "Write bulk-import files for an identity platform."),
    "reconcile": ("hashcompat.cli._reconcile", "Match a dump with the users already in a target."),
    "push": ("hashcompat.cli._push", "Deliver users through a platform's API, resumably."),
    "serve": ("hashcompat.cli._serve", "Serve the just-in-time migration hooks (Okta, Entra...)."),
    "progress": ("hashcompat.cli._progress", "How far a migration has got, and when it ends."),
    "sunset": ("hashcompat.cli._sunset", "Close a migration: lock who is left, purge who moved."),
}


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = _COMMANDS.get(cmd_name)
        if entry is None:
            return None
        command: click.Command = importlib.import_module(entry[0]).command
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="hashcompat", message=f"%(prog)s, version %(version)s ({mode()})"
)
@click.option(
    "--formulas",
    "formula_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE.toml",
    help="Register the custom formula schemes of a TOML file first (repeatable).",
)
def cli(formula_files: tuple[str, ...]) -> None:
    """Verify legacy password hashes and plan their migration."""
    if formula_files:
        from hashcompat.formula import load_formulas  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        for path in formula_files:
            load_formulas(path)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: usage and input errors exit 2 with one line, never a traceback."""
    try:
        result = cli.main(args=argv, prog_name="hashcompat", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("hashcompat: aborted", err=True)
        return 2
    except click.ClickException as exc:
        exc.show()
        return 2
    except HashcompatError as exc:
        click.echo(f"hashcompat: error: {as_flags(exc)}", err=True)
        return 2
    except (OSError, UnicodeError) as exc:
        click.echo(f"hashcompat: error: {exc}", err=True)
        return 2
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
