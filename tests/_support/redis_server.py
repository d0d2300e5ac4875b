"""A throw-away Redis for the tests: Debian's ``redis-server`` on a Unix socket in a temporary
directory (no TCP port), no persistence, stopped and removed at the end.

Used through the session fixture ``redis_url`` in ``conftest.py``; the outage tests start their
own with :func:`running_redis` and stop and restart it under load. Where ``redis-server``
(``apt-get install redis-server``) or the Python client (``pip install redis``) is missing, the
tests that ask for it skip and say which part is absent.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Unavailable(Exception):
    """Why no server can be started here (the tests skip with this text)."""


class RedisServer:
    def __init__(self, root: Path, binary: str) -> None:
        self.root = root
        self.binary = binary
        self.socket = root / "redis.sock"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def start(self) -> None:
        argv = [self.binary, "--port", "0", "--unixsocket", str(self.socket)]
        argv += ["--unixsocketperm", "700", "--save", "", "--appendonly", "no"]
        argv += ["--dir", str(self.root), "--logfile", str(self.root / "redis.log")]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while not self.socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                error = self.process.stderr.read().decode()[-400:] if self.process.stderr else ""
                self.stop()
                raise Unavailable(f"redis-server did not start: {error}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None
        self.socket.unlink(missing_ok=True)


@contextmanager
def running_redis() -> Iterator[RedisServer]:
    try:
        import redis  # noqa: F401
    except ImportError:
        raise Unavailable("the redis client is not installed; `pip install redis`") from None
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        raise Unavailable("redis-server not found; install it with `apt-get install redis-server`")
    root = Path(tempfile.mkdtemp(prefix="hashcompat-redis-"))
    server = RedisServer(root, binary)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
