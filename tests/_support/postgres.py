"""A throw-away PostgreSQL server for the tests: initdb in a temporary directory, listening only
on a Unix socket there (no TCP port is opened), one database, stopped and removed at the end.

Used through the session fixture ``postgres_url`` in ``conftest.py``. Where the server binaries
(Debian: ``apt-get install postgresql``) or psycopg 3 are missing, the tests that ask for it skip
and say which part is absent. PostgreSQL refuses to run as root, so under root the server runs
as the ``postgres`` system user (created when missing) and the directory belongs to it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DATABASE = "hashcompat_test"
SUPERUSER = "postgres"
_SEARCH = "/usr/lib/postgresql/*/bin"


class Unavailable(Exception):
    """Why no server can be started here (the tests skip with this text)."""


def find_bin_dir() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl``: PATH first, then Debian's layout."""
    initdb = shutil.which("initdb")
    if initdb is not None and shutil.which("pg_ctl") is not None:
        return Path(initdb).resolve().parent
    for candidate in sorted(glob.glob(_SEARCH), reverse=True):  # the newest major version
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    raise Unavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in "
        f"{_SEARCH}; install them with `apt-get install postgresql`"
    )


def _server_user() -> str | None:
    """The user to run the server as: None for the current one, ``postgres`` under root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        done = subprocess.run(
            [useradd, "--system", "--no-create-home", "--shell", "/bin/false", SUPERUSER],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise Unavailable(
                "running as root and the 'postgres' user is missing and could not be created"
            ) from None
    return SUPERUSER


def _as_user(user: str | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    runuser = shutil.which("runuser")
    if runuser is not None:
        return [runuser, "-u", user, "--", *argv]
    su = shutil.which("su")
    if su is None:
        raise Unavailable("running as root with neither runuser nor su to drop to 'postgres'")
    return [su, "-s", "/bin/sh", user, "-c", " ".join(f"'{a}'" for a in argv)]


def _run(argv: list[str], what: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip()[-600:]
        raise Unavailable(f"{what} failed (exit {done.returncode}): {tail}")


@dataclass(frozen=True, slots=True)
class Server:
    socket_dir: Path
    port: int
    database: str

    @property
    def url(self) -> str:
        """A SQLAlchemy URL for psycopg 3 over the Unix socket."""
        return (
            f"postgresql+psycopg://{SUPERUSER}@/{self.database}"
            f"?host={self.socket_dir}&port={self.port}"
        )


@contextmanager
def running_server() -> Iterator[Server]:
    """Start a private server; stop it and delete its files on exit. Raises Unavailable."""
    try:
        import psycopg
    except ImportError:
        raise Unavailable(
            "psycopg 3 is not installed; `pip install 'psycopg[binary]'` (test extra)"
        ) from None
    bin_dir = find_bin_dir()
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="hashcompat-pg-"))
    data = root / "data"
    port = 40000 + os.getpid() % 20000  # names the socket file only: no TCP listener
    try:
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        _run(
            _as_user(
                user,
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-sync",
                ],
            ),
            "initdb",
        )
        options = f"-c listen_addresses='' -k {root} -p {port} -c fsync=off"
        start = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w"]
        _run(_as_user(user, [*start, "-o", options, "start"]), "pg_ctl start")
        try:
            with psycopg.connect(
                host=str(root), port=port, user=SUPERUSER, dbname="postgres", autocommit=True
            ) as connection:
                connection.execute(f"CREATE DATABASE {DATABASE}")
            yield Server(socket_dir=root, port=port, database=DATABASE)
        finally:
            stop = [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            subprocess.run(_as_user(user, stop), capture_output=True, check=False, timeout=60)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A new, empty database on the session's server, dropped afterwards (with any connection
    a test left open)."""
    import uuid

    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f"CREATE DATABASE {name}"))
        yield url.replace(f"/{DATABASE}?", f"/{name}?", 1)
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    finally:
        admin.dispose()
