"""Prism (``@stoplight/prism-cli``, installed by .ci/run into the project-local ``.node/``)
serving a platform's published OpenAPI description on 127.0.0.1: a mock that answers 422 (or
400/401) to any request the description does not allow, so a push that gets no such answer sent
only valid requests.

The descriptions are tests/openapi/*.json: the operations push calls, cut by
tests/openapi/trim.py from the publishers' own files (the source of each is in its
``info.x-hashcompat-source``).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).parents[1]
SPECS = HERE / "openapi"


class Unavailable(Exception):
    pass


def prism_command() -> list[str]:
    if shutil.which("node") is None:
        raise Unavailable("node is not installed")
    local = HERE.parent / ".node" / "node_modules" / ".bin" / "prism"
    if local.exists():
        return [str(local)]
    found = shutil.which("prism")
    if found is None:
        raise Unavailable(
            "@stoplight/prism-cli is not installed "
            "(npm install --prefix .node @stoplight/prism-cli)"
        )
    return [found]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def prism(spec: str, log: Path) -> Iterator[str]:
    """Serve tests/openapi/SPEC.json; yields the base URL. Prism's own log goes to ``log``."""
    command = prism_command()
    port = _free_port()
    with log.open("w") as out:
        child = subprocess.Popen(
            [*command, "mock", "-h", "127.0.0.1", "-p", str(port), str(SPECS / f"{spec}.json")],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 90
            while "Prism is listening" not in log.read_text(errors="replace"):
                if child.poll() is not None or time.monotonic() > deadline:
                    raise Unavailable(f"prism did not start: {log.read_text()[-500:]}")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
