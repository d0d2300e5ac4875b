"""``hashcompat serve``: the just-in-time migration hook server under uvicorn."""

from __future__ import annotations

import click


@click.command("serve")
@click.argument("config_file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--host", help="Address to bind (the configuration's, 127.0.0.1 by default).")
@click.option("--port", type=int, help="Port to bind (the configuration's, 8080 by default).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes (without [state] url, rate limits and a file store's marks are "
    "then per worker).",
)
@click.option(
    "--insecure-dev",
    is_flag=True,
    help="Start without caller authentication, bound to 127.0.0.1 only (development).",
)
def command(
    config_file: str | None,
    host: str | None,
    port: int | None,
    workers: int,
    insecure_dev: bool,
) -> int:
    """Serve the hook routes of CONFIG_FILE (TOML; default: $HASHCOMPAT_CONFIG)."""
    try:
        import uvicorn  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        from hashcompat.server._app import create_app  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
        from hashcompat.server._config import load_config  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    except ImportError:
        raise click.UsageError(
            "the hook server needs its extra: pip install 'hashcompat[server]'"
        ) from None
    config = load_config(config_file, insecure_dev=insecure_dev)
    bind = host or config.host
    if insecure_dev and bind not in ("127.0.0.1", "::1", "localhost"):
        raise click.UsageError("--insecure-dev binds to 127.0.0.1 only")
    options = {
        "host": bind,
        "port": port or config.port,
        "log_level": "info",
        "server_header": False,
        "proxy_headers": False,
    }
    if workers > 1 and config.state.url is None:
        click.echo(
            f"hashcompat serve: {workers} workers without [state] url: rate limits and a file "
            f"store's marks are per worker, so per_user is {workers} times looser; configure "
            "Redis in [state] to share them",
            err=True,
        )
    if workers == 1:
        uvicorn.run(create_app(config), **options)  # type: ignore[arg-type]
        return 0
    import os  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    if config_file:  # each worker process reads the configuration again
        os.environ["HASHCOMPAT_CONFIG"] = os.path.abspath(config_file)
    if insecure_dev:
        os.environ["HASHCOMPAT_INSECURE_DEV"] = "1"
    uvicorn.run(
        "hashcompat.server._app:create_app_from_env",
        factory=True,
        workers=workers,
        **options,  # type: ignore[arg-type]
    )
    return 0
