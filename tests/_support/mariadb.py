"""A throw-away MariaDB server for the tests: ``mariadb-install-db`` into a temporary directory,
``mariadbd`` listening only on a Unix socket there (``--skip-networking``: no TCP port), one
database, stopped and removed at the end.

Used through the session fixture ``mariadb_url`` in ``conftest.py``. Where the server binaries
(Debian: ``apt-get install mariadb-server``) or PyMySQL are missing, the tests that ask for it
skip and say which part is absent. Under root the server drops to the ``mysql`` system user
(created when missing), which then owns the directory; otherwise it runs as the current user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DATABASE = "hashcompat_test"
SERVER_USER = "mysql"
_SEARCH = ("/usr/sbin", "/usr/bin", "/usr/local/mysql/bin")
_START_TIMEOUT = 60.0


class Unavailable(Exception):
    """Why no server can be started here (the tests skip with this text)."""


def find_binaries() -> tuple[Path, Path]:
    """``mariadbd`` and ``mariadb-install-db``: PATH first, then the usual sbin directories."""
    found: list[Path] = []
    for name in ("mariadbd", "mariadb-install-db"):
        path = shutil.which(name)
        if path is None:
            path = next((f"{d}/{name}" for d in _SEARCH if Path(d, name).exists()), None)
        if path is None:
            raise Unavailable(
                f"MariaDB server binary {name!r} not found on PATH or in {', '.join(_SEARCH)}; "
                "install it with `apt-get install mariadb-server`"
            )
        found.append(Path(path))
    return found[0], found[1]


def _server_user() -> str | None:
    """None: run as the current user; ``mysql`` under root (created when missing)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        done = subprocess.run(
            [useradd, "--system", "--no-create-home", "--shell", "/bin/false", SERVER_USER],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise Unavailable(
                "running as root and the 'mysql' user is missing and could not be created"
            ) from None
    return SERVER_USER


@dataclass(frozen=True, slots=True)
class Server:
    socket: Path
    database: str

    @property
    def url(self) -> str:
        """A SQLAlchemy URL for PyMySQL over the Unix socket (``root``, no password)."""
        return f"mysql+pymysql://root@localhost/{self.database}?unix_socket={self.socket}&charset=utf8mb4"


def _wait_for(socket: Path, process: subprocess.Popen[bytes], log: Path) -> None:
    import pymysql

    deadline = time.monotonic() + _START_TIMEOUT
    while True:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
            raise Unavailable(f"mariadbd exited with {process.returncode}: {tail.strip()}")
        if socket.exists():
            try:
                pymysql.connect(unix_socket=str(socket), user="root").close()
                return
            except pymysql.err.OperationalError:
                pass
        if time.monotonic() > deadline:
            raise Unavailable(f"mariadbd did not answer on its socket within {_START_TIMEOUT:.0f}s")
        time.sleep(0.1)


@contextmanager
def running_server() -> Iterator[Server]:
    """Start a private server; stop it and delete its files on exit. Raises Unavailable."""
    try:
        import pymysql
    except ImportError:
        raise Unavailable("PyMySQL is not installed; `pip install pymysql` (test extra)") from None
    mariadbd, install_db = find_binaries()
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="hashcompat-maria-"))
    data, socket, log = root / "data", root / "sock", root / "log"
    as_user = [f"--user={user}"] if user else []
    try:
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        done = subprocess.run(
            [
                str(install_db),
                "--no-defaults",
                f"--datadir={data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve",
                *as_user,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip()[-600:]
            raise Unavailable(f"mariadb-install-db failed (exit {done.returncode}): {tail}")
        process = subprocess.Popen(
            [
                str(mariadbd),
                "--no-defaults",
                f"--datadir={data}",
                f"--socket={socket}",
                f"--pid-file={root / 'pid'}",
                f"--log-error={log}",
                "--skip-networking",
                "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                *as_user,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(socket, process, log)
            connection = pymysql.connect(unix_socket=str(socket), user="root", autocommit=True)
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4")
            connection.close()
            yield Server(socket=socket, database=DATABASE)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A new, empty database on the session's server, dropped afterwards: MariaDB has no schemas
    inside a database, so this is what a PostgreSQL test gets from a fresh schema."""
    import uuid

    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(sa.text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
        yield url.replace(f"/{DATABASE}?", f"/{name}?", 1)
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP DATABASE {name}"))
    finally:
        admin.dispose()
