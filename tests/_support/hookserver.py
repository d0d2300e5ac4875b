"""Helpers for the hook server tests and benchmark: legacy rows from the PHP-made seed vectors,
a SQL users table, and a real uvicorn server on a random port of 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HOOKS = Path(__file__).parents[1] / "hooks"
SEED = Path(__file__).parents[1] / "vectors" / "seed.jsonl"


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HOOKS / name).read_text(encoding="utf-8"))
    return data


def seed_row(scheme: str, password: str, prefix: str = "") -> dict[str, Any]:
    """The first seed vector (made by the platform's own PHP code) with this scheme/password."""
    for line in SEED.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if (
            row["scheme"] == scheme
            and row["password"] == password
            and row["expect"]
            and row["hash"].startswith(prefix)
        ):
            return dict(row)
    raise LookupError(f"no seed vector {scheme} {prefix}")


# user id -> (scheme column, hash, password): one row per legacy family the server must accept
def legacy_users() -> dict[str, tuple[str | None, str, str]]:
    rows = {
        "phpass@example.com": seed_row("phpass", "password", "$P$"),
        "drupal@example.com": seed_row("drupal7", "password", "$S$"),
        "md5@example.com": seed_row("md5", "password"),
        "bcrypt@example.com": seed_row("bcrypt", "pässwörd", "$2y$04$"),
    }
    return {
        user: ("md5" if row["scheme"] == "md5" else None, row["hash"], row["password"])
        for user, row in rows.items()
    }


def create_users_table(url: str, users: dict[str, tuple[str | None, str, str]]) -> Any:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    metadata = sa.MetaData()
    table = sa.Table(
        "legacy_users",
        metadata,
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("hash_scheme", sa.String(64)),
        sa.Column("migrated_at", sa.DateTime),
        sa.Column("display_name", sa.String(100)),
    )
    metadata.drop_all(engine)
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            table.insert(),
            [
                {
                    "email": user,
                    "password_hash": hashed,
                    "hash_scheme": scheme,
                    "display_name": user.split("@")[0].title(),
                }
                for user, (scheme, hashed, _password) in users.items()
            ],
        )
    return engine


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 and a free port; yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_config=None, lifespan="off", access_log=True)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextmanager
def serving(config: Path, port: int, *args: str, output: Path | None = None) -> Iterator[str]:
    """``python -m hashcompat serve CONFIG ARGS`` in its own process, once /healthz answers;
    yields the base URL. Its output goes to ``output`` (discarded when None)."""
    import os
    import subprocess
    import sys

    import httpx

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    sink = output.open("wb") if output is not None else subprocess.DEVNULL
    server = subprocess.Popen(
        [sys.executable, "-m", "hashcompat", "serve", str(config), *args],
        env=env,
        stdout=sink,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the hook server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(10)
        if output is not None:
            sink.close()  # type: ignore[union-attr]
